/* lexicon.c - user lexicon files (see lexicon.h). */
#include "lexicon.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "textinput.h"

int qd_lexicon_add(qd_lexicon *lx, const char *file)
{
    qd_buf content = QD_BUF_INIT;
    int err = qd_read_file(file, &content);
    if (err) {
        qd_buf_free(&content);
        return err;
    }
    const char **files = realloc(lx->files, (lx->count + 1) * sizeof *files);
    if (files)
        lx->files = files;
    size_t *starts = realloc(lx->starts, (lx->count + 1) * sizeof *starts);
    if (starts)
        lx->starts = starts;
    if (!files || !starts) {
        qd_buf_free(&content);
        return ENOMEM;
    }
    lx->files[lx->count] = file;
    lx->starts[lx->count] = lx->text.len;
    lx->count++;
    qd_buf_put(&lx->text, content.data, content.len);
    /* A file without a final newline must not run into the next one. */
    if (content.len && content.data[content.len - 1] != '\n')
        qd_buf_putc(&lx->text, '\n');
    qd_buf_free(&content);
    return lx->text.oom ? ENOMEM : 0;
}

void qd_lexicon_locate(const qd_lexicon *lx, size_t offset, char *out, size_t outsz)
{
    size_t i = 0;
    while (i + 1 < lx->count && lx->starts[i + 1] <= offset)
        i++;
    if (lx->count == 0 || offset > lx->text.len) {
        snprintf(out, outsz, "lexicon");
        return;
    }
    unsigned long line = 1;
    for (size_t k = lx->starts[i]; k < offset; k++)
        line += lx->text.data[k] == '\n';
    snprintf(out, outsz, "%s:%lu", lx->files[i], line);
}

void qd_lexicon_free(qd_lexicon *lx)
{
    qd_buf_free(&lx->text);
    free(lx->files);
    free(lx->starts);
    lx->files = NULL;
    lx->starts = NULL;
    lx->count = 0;
}
