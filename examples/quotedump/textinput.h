/*
 * textinput.h - --input text: each FILE is one article.
 *
 * Files are processed one after the other in the main thread, each read
 * whole into one buffer that is reused for the next file.
 */
#ifndef QD_TEXTINPUT_H
#define QD_TEXTINPUT_H

#include <stdbool.h>

#include "output.h"
#include "progress.h"
#include "record.h"

/*
 * Extract and write the quotes of each file of names[0..count) ("-" or
 * count 0: standard input).  Returns false when a file could not be read
 * or extracted (reported on stderr), or when writing failed.
 */
bool qd_run_text(const qd_job *job, char *const *names, int count, qd_output *out,
                 qd_progress *progress);

/*
 * Read all of file `name` ("-": standard input) into b, replacing its
 * contents.  Returns 0, or an errno value.
 */
int qd_read_file(const char *name, qd_buf *b);

#endif
