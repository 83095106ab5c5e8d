/* output.c - checked writes to standard output (see output.h). */
#include "output.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static void report(qd_output *o)
{
    if (!o->failed)
        fprintf(stderr, "quotedump: write error: %s\n", errno ? strerror(errno) : "unknown");
    o->failed = true;
}

void qd_output_init(qd_output *o, FILE *fp)
{
    o->fp = fp;
    o->failed = false;
    /* Full buffering with a larger buffer when the output is not a person:
     * at hundreds of MB/s the default 4 KiB means many small writes.  The
     * buffer is static: glibc ignores the size without a buffer, and it
     * must live as long as the stream. */
    static char buffer[(size_t)1 << 20];
    if (!isatty(fileno(fp)))
        setvbuf(fp, buffer, _IOFBF, sizeof buffer);
}

bool qd_output_write(qd_output *o, const char *p, size_t n)
{
    if (o->failed)
        return false;
    errno = 0;
    if (n && fwrite(p, 1, n, o->fp) != n)
        report(o);
    return !o->failed;
}

bool qd_output_finish(qd_output *o)
{
    errno = 0;
    if (fflush(o->fp) != 0 || ferror(o->fp))
        report(o);
    errno = 0;
    if (fclose(o->fp) != 0)
        report(o);
    return !o->failed;
}
