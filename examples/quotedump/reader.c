/* reader.c - line input over several files (see reader.h). */
#include "reader.h"

#include <errno.h>
#include <string.h>

static const char *const STDIN_NAME[] = {"-"};

void qd_reader_init(qd_reader *r, char *const *names, int count)
{
    memset(r, 0, sizeof *r);
    if (count == 0) {
        names = (char *const *)STDIN_NAME;
        count = 1;
    }
    r->names = names;
    r->count = count;
}

/* Input is read in large blocks: with the default (the file system's
 * block size, often 4 KiB) reading took thousands of system calls per
 * 20 MB, a few per cent of the run.  glibc ignores the size given to
 * setvbuf() without a buffer, so the buffers are ours: static, since
 * stdin's must outlive the reader, and one for the files, which are read
 * one at a time (each closed before the next is opened). */
#define READ_BUFFER ((size_t)1 << 20)
static char stdin_buffer[READ_BUFFER];
static char file_buffer[READ_BUFFER];

static bool open_next(qd_reader *r)
{
    while (r->next < r->count) {
        const char *name = r->names[r->next++];
        r->lineno = 0;
        if (strcmp(name, "-") == 0) {
            r->fp = stdin;
            r->name = name;
            /* Only before the first read: "-" may be named twice. */
            if (!r->stdin_opened)
                setvbuf(stdin, stdin_buffer, _IOFBF, READ_BUFFER);
            r->stdin_opened = true;
            return true;
        }
        r->fp = fopen(name, "r");
        if (r->fp) {
            r->name = name;
            setvbuf(r->fp, file_buffer, _IOFBF, READ_BUFFER);
            return true;
        }
        fprintf(stderr, "quotedump: %s: %s\n", name, strerror(errno));
        r->failed = true;
    }
    return false;
}

void qd_reader_close(qd_reader *r)
{
    if (r->fp && r->fp != stdin)
        fclose(r->fp);
    else if (r->fp)
        clearerr(stdin); /* "-" may be named twice; the second read sees EOF */
    r->fp = NULL;
}

ssize_t qd_reader_next(qd_reader *r, char **line, size_t *cap, const char **name,
                       unsigned long *lineno)
{
    for (;;) {
        if (!r->fp && !open_next(r))
            return -1;
        errno = 0;
        ssize_t n = getline(line, cap, r->fp);
        if (n >= 0) {
            r->lineno++;
            r->bytes += (uint64_t)n;
            *name = r->name;
            *lineno = r->lineno;
            return n;
        }
        if (ferror(r->fp)) {
            fprintf(stderr, "quotedump: %s: %s\n", r->name,
                    errno ? strerror(errno) : "read error");
            r->failed = true;
        }
        qd_reader_close(r);
    }
}
