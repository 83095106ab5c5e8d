/*
 * output.h - standard output with write-error tracking.
 *
 * A full disk or a closed pipe must turn into exit status 1, not silently
 * truncated output: every write is checked, and the first failure is
 * reported once.
 */
#ifndef QD_OUTPUT_H
#define QD_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct qd_output {
    FILE *fp;
    bool failed;
} qd_output;

void qd_output_init(qd_output *o, FILE *fp);

/* Write n bytes; false once any write has failed. */
bool qd_output_write(qd_output *o, const char *p, size_t n);

/* Flush and close; false (after a message) if anything failed. */
bool qd_output_finish(qd_output *o);

#endif
