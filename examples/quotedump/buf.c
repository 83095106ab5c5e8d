/* buf.c - growable byte buffer (see buf.h). */
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool qd_buf_reserve(qd_buf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (b->cap - b->len >= extra)
        return true;
    if (extra > SIZE_MAX - b->len) {
        b->oom = true;
        return false;
    }
    size_t need = b->len + extra;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *p = realloc(b->data, cap);
    if (!p) {
        b->oom = true;
        return false;
    }
    b->data = p;
    b->cap = cap;
    return true;
}

void qd_buf_put_slow(qd_buf *b, const char *s, size_t n)
{
    if (n == 0 || !qd_buf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
}

void qd_buf_puts(qd_buf *b, const char *s)
{
    qd_buf_put(b, s, strlen(s));
}

void qd_buf_putu(qd_buf *b, unsigned long long v)
{
    /* Two digits per division: a result has a dozen offsets per quote. */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char tmp[24];
    size_t i = sizeof tmp;
    while (v >= 100) {
        unsigned d = (unsigned)(v % 100) * 2;
        v /= 100;
        tmp[--i] = pairs[d + 1];
        tmp[--i] = pairs[d];
    }
    if (v >= 10) {
        unsigned d = (unsigned)v * 2;
        tmp[--i] = pairs[d + 1];
        tmp[--i] = pairs[d];
    } else {
        tmp[--i] = (char)('0' + v);
    }
    qd_buf_put(b, tmp + i, sizeof tmp - i);
}

void qd_buf_clear(qd_buf *b)
{
    b->len = 0;
    b->oom = false;
}

void qd_buf_shrink(qd_buf *b, size_t keep)
{
    qd_buf_clear(b);
    if (b->cap > keep) {
        free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
}

void qd_buf_free(qd_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = false;
}
