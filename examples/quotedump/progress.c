/* progress.c - the --progress report (see progress.h). */
#include "progress.h"

#include <stdio.h>
#include <unistd.h>

static double seconds_between(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void qd_progress_start(qd_progress *p, bool enabled)
{
    p->enabled = enabled;
    p->tty = enabled && isatty(STDERR_FILENO);
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
}

static void print(qd_progress *p, const struct timespec *now, uint64_t records, uint64_t bytes,
                  bool final)
{
    double elapsed = seconds_between(&p->start, now);
    double mb = (double)bytes / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    /* On a terminal: return to the line start, print, clear what is left of
     * a longer previous line ("\033[K"); end the line only at the end. */
    fprintf(stderr, "%squotedump: %llu records, %.1f MB read, %.1f MB/s, %.1f s elapsed%s",
            p->tty ? "\r" : "", (unsigned long long)records, mb, rate, elapsed,
            p->tty ? "\033[K" : "\n");
    if (p->tty && final)
        fputc('\n', stderr);
    fflush(stderr);
    p->last = *now;
}

void qd_progress_update(qd_progress *p, uint64_t records, uint64_t bytes)
{
    if (!p->enabled)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (seconds_between(&p->last, &now) >= 1.0)
        print(p, &now, records, bytes, false);
}

void qd_progress_finish(qd_progress *p, uint64_t records, uint64_t bytes)
{
    if (!p->enabled)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    print(p, &now, records, bytes, true);
}
