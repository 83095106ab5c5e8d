/* pipeline.c - ordered parallel processing of JSON Lines (see pipeline.h). */
#include "pipeline.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Buffers that grew beyond this for one huge record are released after it,
 * which bounds the memory held by the ring between huge records. */
#define KEEP_BYTES ((size_t)4 << 20)

/* One record in flight. */
typedef struct slot {
    char *line; /* getline() buffer, reused */
    size_t cap;
    size_t len;
    const char *file; /* where the line came from, for messages */
    unsigned long lineno;
    qd_buf out; /* the rendered record */
    bool ok;
    bool done; /* processed, waiting to be written (guarded by mu) */
    char err[256];
} slot;

/*
 * Records are numbered in input order.  [next_write, next_work) are being
 * processed or done, [next_work, next_read) wait for a worker; slot k lives
 * in ring[k % nslots].  Only the main thread changes next_read and
 * next_write; workers advance next_work.  All fields are guarded by mu.
 *
 * When the ring is full the main thread sleeps until the oldest half of it
 * is done (wait_end, missing), not just the oldest record: waking it per
 * record would preempt a worker per record, which costs about a tenth of
 * the throughput on two cores.
 */
typedef struct pipeline {
    const qd_job *job;
    slot *ring;
    size_t nslots;
    pthread_mutex_t mu;
    pthread_cond_t work_cv; /* workers: a record arrived, or end of input */
    pthread_cond_t done_cv; /* main: the records it waits for are done */
    uint64_t next_read, next_work, next_write;
    uint64_t wait_end; /* main waits for [next_write, wait_end) ... */
    size_t missing;    /* ... of which this many are not done yet */
    bool eof;
} pipeline;

/* Main-thread state for writing records in order. */
typedef struct writer {
    const qd_job *job;
    qd_output *out;
    qd_reader *reader;
    qd_progress *progress;
    uint64_t records;
    bool ok;
} writer;

/* `wk` is the thread's worker (see record.h). */
static void process_slot(const qd_job *job, slot *s, qd_worker *wk)
{
    qd_buf_clear(&s->out);
    s->err[0] = '\0';
    s->ok = qd_process_record(job, s->line, s->len, s->lineno, wk, &s->out, s->err, sizeof s->err);
    qd_buf_shrink(&wk->scratch, KEEP_BYTES);
}

/* Write one finished record with the framing of its format: a line per
 * record for jsonl, elements of one array for json, text/TSV as rendered. */
static void write_slot(writer *w, slot *s)
{
    if (!s->ok) {
        fprintf(stderr, "quotedump: %s:%lu: %s\n", s->file, s->lineno, s->err);
        w->ok = false;
    }
    qd_format f = w->job->render.format;
    if (f == QD_FORMAT_JSON)
        qd_output_write(w->out, w->records ? ",\n" : "[\n", 2);
    qd_output_write(w->out, s->out.data, s->out.len);
    if (f == QD_FORMAT_JSONL)
        qd_output_write(w->out, "\n", 1);
    w->records++;
    qd_buf_shrink(&s->out, KEEP_BYTES);
    if (s->cap > KEEP_BYTES) {
        free(s->line);
        s->line = NULL;
        s->cap = 0;
    }
    qd_progress_update(w->progress, w->records, w->reader->bytes);
}

/* Read the next non-blank line into s; false at end of input. */
static bool read_slot(qd_reader *r, slot *s)
{
    for (;;) {
        ssize_t n = qd_reader_next(r, &s->line, &s->cap, &s->file, &s->lineno);
        if (n < 0)
            return false;
        if (!qd_line_is_blank(s->line, (size_t)n, s->lineno)) {
            s->len = (size_t)n;
            return true;
        }
    }
}

static void *worker_main(void *arg)
{
    pipeline *p = arg;
    qd_worker wk;
    qd_worker_init(&wk, p->job);
    pthread_mutex_lock(&p->mu);
    for (;;) {
        while (p->next_work == p->next_read && !p->eof)
            pthread_cond_wait(&p->work_cv, &p->mu);
        if (p->next_work == p->next_read)
            break; /* end of input and nothing left */
        uint64_t k = p->next_work++;
        slot *s = &p->ring[k % p->nslots];
        pthread_mutex_unlock(&p->mu);

        process_slot(p->job, s, &wk);

        pthread_mutex_lock(&p->mu);
        s->done = true;
        if (k >= p->next_write && k < p->wait_end && --p->missing == 0)
            pthread_cond_signal(&p->done_cv); /* all that main waits for */
    }
    pthread_mutex_unlock(&p->mu);
    qd_worker_free(&wk);
    return NULL;
}

/* Sleep until the records [next_write, next_write + count) are done. */
static void wait_done(pipeline *p, uint64_t count)
{
    pthread_mutex_lock(&p->mu);
    if (count > p->next_read - p->next_write)
        count = p->next_read - p->next_write;
    p->wait_end = p->next_write + count;
    p->missing = 0;
    for (uint64_t k = p->next_write; k < p->wait_end; k++)
        p->missing += !p->ring[k % p->nslots].done;
    while (p->missing > 0)
        pthread_cond_wait(&p->done_cv, &p->mu);
    p->wait_end = 0;
    pthread_mutex_unlock(&p->mu);
}

/* The main thread's share of the work: process the next record no worker
 * has taken, if any.  Returns false when there is none. */
static bool help_one(pipeline *p, qd_worker *wk)
{
    pthread_mutex_lock(&p->mu);
    if (p->next_work == p->next_read) {
        pthread_mutex_unlock(&p->mu);
        return false;
    }
    uint64_t k = p->next_work++;
    slot *s = &p->ring[k % p->nslots];
    pthread_mutex_unlock(&p->mu);

    process_slot(p->job, s, wk);

    pthread_mutex_lock(&p->mu);
    s->done = true;
    pthread_mutex_unlock(&p->mu);
    return true;
}

/* Write the oldest record if it is done.  Returns false if it is not (or
 * there is none). */
static bool flush_one(pipeline *p, writer *w)
{
    pthread_mutex_lock(&p->mu);
    slot *s = &p->ring[p->next_write % p->nslots];
    bool ready = p->next_write < p->next_read && s->done;
    pthread_mutex_unlock(&p->mu);
    if (!ready)
        return false;

    /* The slot is ours until next_write moves past it: write unlocked. */
    write_slot(w, s);
    pthread_mutex_lock(&p->mu);
    s->done = false;
    p->next_write++;
    pthread_mutex_unlock(&p->mu);
    return true;
}

static bool run_parallel(pipeline *p, writer *w, int jobs)
{
    pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
    if (!threads) {
        fprintf(stderr, "quotedump: out of memory\n");
        return false;
    }
    /* jobs - 1 workers: the main thread, between reading and writing,
     * processes records too (help_one), so that `jobs` threads compute
     * and none waits on a core another one needs. */
    int started = 0;
    for (; started < jobs - 1; started++) {
        if (pthread_create(&threads[started], NULL, worker_main, p) != 0)
            break;
    }
    if (started == 0) {
        fprintf(stderr, "quotedump: cannot start worker threads\n");
        free(threads);
        return false;
    }
    qd_worker wk;
    qd_worker_init(&wk, p->job);

    for (;;) {
        while (flush_one(p, w))
            ;
        if (p->next_read - p->next_write == p->nslots) { /* ring full */
            if (!help_one(p, &wk))
                wait_done(p, p->nslots / 2);
            continue;
        }
        if (w->out->failed) /* nobody will see more output: stop reading */
            break;
        slot *s = &p->ring[p->next_read % p->nslots];
        if (!read_slot(w->reader, s))
            break;
        pthread_mutex_lock(&p->mu);
        p->next_read++;
        pthread_cond_signal(&p->work_cv);
        pthread_mutex_unlock(&p->mu);
    }

    pthread_mutex_lock(&p->mu);
    p->eof = true;
    pthread_cond_broadcast(&p->work_cv);
    pthread_mutex_unlock(&p->mu);
    while (p->next_write < p->next_read) {
        if (!help_one(p, &wk))
            wait_done(p, p->next_read - p->next_write);
        while (flush_one(p, w))
            ;
    }
    qd_worker_free(&wk);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    return true;
}

/* -j 1: the same work in the same order, without threads or locks. */
static void run_serial(pipeline *p, writer *w)
{
    slot *s = &p->ring[0];
    qd_worker wk;
    qd_worker_init(&wk, p->job);
    while (!w->out->failed && read_slot(w->reader, s)) {
        process_slot(p->job, s, &wk);
        write_slot(w, s);
    }
    qd_worker_free(&wk);
}

bool qd_run_jsonl(const qd_job *job, qd_reader *reader, qd_output *out, qd_progress *progress,
                  int jobs)
{
    writer w = {job, out, reader, progress, 0, true};
    pipeline p;
    memset(&p, 0, sizeof p);
    p.job = job;
    p.nslots = jobs > 1 ? (size_t)jobs * 8 : 1;
    p.ring = calloc(p.nslots, sizeof *p.ring);
    if (!p.ring) {
        fprintf(stderr, "quotedump: out of memory\n");
        return false;
    }

    if (job->render.format == QD_FORMAT_TSV) {
        qd_buf head = QD_BUF_INIT;
        qd_render_tsv_header(&head, &job->render, "id");
        qd_output_write(out, head.data, head.len);
        qd_buf_free(&head);
    }

    bool ok = true;
    if (jobs > 1) {
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.work_cv, NULL);
        pthread_cond_init(&p.done_cv, NULL);
        ok = run_parallel(&p, &w, jobs);
        pthread_cond_destroy(&p.done_cv);
        pthread_cond_destroy(&p.work_cv);
        pthread_mutex_destroy(&p.mu);
    } else {
        run_serial(&p, &w);
    }

    if (job->render.format == QD_FORMAT_JSON)
        qd_output_write(out, w.records ? "\n]\n" : "[\n]\n", w.records ? 3 : 4);
    qd_progress_finish(progress, w.records, reader->bytes);

    for (size_t i = 0; i < p.nslots; i++) {
        free(p.ring[i].line);
        qd_buf_free(&p.ring[i].out);
    }
    free(p.ring);
    qd_reader_close(reader);
    return ok && w.ok && !reader->failed && !out->failed;
}
