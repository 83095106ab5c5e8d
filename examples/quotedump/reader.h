/*
 * reader.h - read JSON Lines input line by line across several files.
 *
 * Used by the main thread only.  Lines go into caller-owned getline()
 * buffers, so the pipeline can read straight into the slot that will hold
 * the record: no copy, no allocation once the buffers have grown.
 */
#ifndef QD_READER_H
#define QD_READER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct qd_reader {
    char *const *names;  /* input files; "-" is standard input */
    int count;
    int next;            /* index of the next file to open */
    FILE *fp;            /* current file, NULL between files */
    const char *name;    /* its name */
    unsigned long lineno;
    uint64_t bytes;      /* bytes read so far, all files */
    bool failed;         /* a file could not be opened or read */
    bool stdin_opened;   /* "-" was opened (and its buffer set) before */
} qd_reader;

/* Read `names` (count of them) in order; count 0 reads standard input. */
void qd_reader_init(qd_reader *r, char *const *names, int count);

/*
 * Read the next line (newline included) into *line and *cap, which follow
 * getline() rules.  Sets *name and *lineno to where it came from.  Returns
 * its length, or -1 when all input is consumed.  Files that cannot be
 * opened or read are reported on stderr and skipped (r->failed is set).
 */
ssize_t qd_reader_next(qd_reader *r, char **line, size_t *cap, const char **name,
                       unsigned long *lineno);

/* Close the current file, if any. */
void qd_reader_close(qd_reader *r);

#endif
