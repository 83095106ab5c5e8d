/*
 * record.h - process one JSON Lines record: parse, extract, render.
 *
 * Called from worker threads: it touches only its arguments, the shared
 * extractor (read-only, thread-safe) and the record's own buffers.
 */
#ifndef QD_RECORD_H
#define QD_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "libquote.h"
#include "render.h"

/* What every record is processed with; read-only while records run. */
typedef struct qd_job {
    const quote_extractor *ex;
    uint32_t flags;          /* QUOTE_OPT_* */
    qd_render_opts render;
} qd_job;

/* What one thread keeps from one record to the next. */
typedef struct qd_worker {
    qd_buf scratch;      /* decoded strings */
    quote_workspace *ws; /* the library's tables (NULL: quote_extract() allocates its own) */
} qd_worker;

/* Start a worker for job.  Without memory for the workspace it still works,
 * only slower. */
void qd_worker_init(qd_worker *wk, const qd_job *job);
void qd_worker_free(qd_worker *wk);

/*
 * Does line[0..len) (line `lineno` of its file) carry no record: only
 * white space, after a byte order mark on line 1?  Such lines are skipped.
 */
bool qd_line_is_blank(const char *line, size_t len, unsigned long lineno);

/*
 * Process the record line[0..len) (line `lineno` of its file): append its
 * rendering to `out`.  A bad record (not JSON, no "text", extraction
 * failure) appends an error record instead, stores a message in err[0..errsz)
 * and returns false.  `wk` is the calling thread's worker, reused from one
 * record to the next.
 */
bool qd_process_record(const qd_job *job, const char *line, size_t len, unsigned long lineno,
                       qd_worker *wk, qd_buf *out, char *err, size_t errsz);

#endif
