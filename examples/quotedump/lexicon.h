/*
 * lexicon.h - the --lexicon files, concatenated for quote_options.lexicon.
 *
 * The library reports a bad lexicon line by its offset in the concatenated
 * text; this module remembers where each file starts so that the message
 * can name the file and line the user has to fix.
 */
#ifndef QD_LEXICON_H
#define QD_LEXICON_H

#include <stddef.h>

#include "buf.h"

typedef struct qd_lexicon {
    qd_buf text;          /* all files, each ending with a newline */
    const char **files;   /* file names, in order */
    size_t *starts;       /* offset of each file in text */
    size_t count;
} qd_lexicon;

#define QD_LEXICON_INIT { QD_BUF_INIT, NULL, NULL, 0 }

/* Append a file.  Returns 0 or an errno value. */
int qd_lexicon_add(qd_lexicon *lx, const char *file);

/* "FILE:LINE" for an offset into lx->text. */
void qd_lexicon_locate(const qd_lexicon *lx, size_t offset, char *out, size_t outsz);

void qd_lexicon_free(qd_lexicon *lx);

#endif
