/*
 * progress.h - the --progress report on standard error.
 *
 * Updated from the main thread after each record; it looks at the clock
 * and prints at most about once a second.  On a terminal the report
 * rewrites one line (\r); otherwise (a log file) each update is a line.
 */
#ifndef QD_PROGRESS_H
#define QD_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

typedef struct qd_progress {
    bool enabled;
    bool tty;
    struct timespec start;
    struct timespec last;
} qd_progress;

void qd_progress_start(qd_progress *p, bool enabled);

/* Print an update if about a second has passed since the last one. */
void qd_progress_update(qd_progress *p, uint64_t records, uint64_t bytes);

/* Print the final figures. */
void qd_progress_finish(qd_progress *p, uint64_t records, uint64_t bytes);

#endif
