/*
 * buf.h - a growable byte buffer.
 *
 * Records are rendered into buffers that are reused from one record to the
 * next, so steady-state processing does not allocate.  An allocation failure
 * is sticky (b->oom) instead of fatal: callers render a whole record, then
 * check the flag once and report the record as failed.
 */
#ifndef QD_BUF_H
#define QD_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct qd_buf {
    char *data;
    size_t len;
    size_t cap;
    bool oom; /* an append failed; contents are incomplete */
} qd_buf;

#define QD_BUF_INIT { NULL, 0, 0, false }

/* Make room for `extra` more bytes; false (and oom set) on failure. */
bool qd_buf_reserve(qd_buf *b, size_t extra);

/* Rendering appends many short pieces: the appends are inline, and only
 * call out when the buffer must grow (or has failed: cap - len is then
 * whatever it was, and qd_buf_reserve refuses). */
void qd_buf_put_slow(qd_buf *b, const char *s, size_t n);

static inline void qd_buf_put(qd_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len >= n && !b->oom) {
        if (n) /* memcpy from a NULL s is undefined even for n == 0 */
            memcpy(b->data + b->len, s, n);
        b->len += n;
    } else {
        qd_buf_put_slow(b, s, n);
    }
}

static inline void qd_buf_putc(qd_buf *b, char c)
{
    if (b->cap > b->len && !b->oom)
        b->data[b->len++] = c;
    else
        qd_buf_put_slow(b, &c, 1);
}

/* A string literal, its length known at compile time. */
#define qd_buf_putl(b, lit) qd_buf_put((b), "" lit, sizeof(lit) - 1)

void qd_buf_puts(qd_buf *b, const char *s);
/* Decimal representation of an unsigned number. */
void qd_buf_putu(qd_buf *b, unsigned long long v);

/* Empty the buffer for reuse (keeps its memory, clears oom). */
void qd_buf_clear(qd_buf *b);

/* Empty it and release its memory when it grew beyond `keep` bytes, so one
 * huge record does not pin memory for the rest of the run. */
void qd_buf_shrink(qd_buf *b, size_t keep);

void qd_buf_free(qd_buf *b);

#endif
