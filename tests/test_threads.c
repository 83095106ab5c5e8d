/*
 * test_threads.c - one extractor shared by several threads.
 *
 * libquote.h promises that a quote_extractor is immutable once built and
 * may be used by any number of threads at once.  Four threads share one
 * extractor; each extracts its own rotation of the articles (the texts
 * below plus the seed articles, ../seeds/<name>.txt, read at run time) many
 * times, with and without QUOTE_OPT_EXPLAIN, and compares every field of
 * every quote with a sequential run made before the threads start.
 * Threads do not call cmocka (it is not thread-safe): they count
 * mismatches and keep the first one's description for the main thread.
 * Threads 1 and 3 extract with a workspace of their own
 * (quote_extract_with), reused across their articles of every size and
 * both flag sets; threads 0 and 2 with quote_extract.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libquote.h"

#define NTHREADS 4
#define ITERATIONS 500

static const char *const BUILTIN[] = {
    "\xE2\x80\x9CWe are probing, so stay tuned,\xE2\x80\x9D Secretary of State Rex Tillerson "
    "said on Saturday. \xE2\x80\x9CWe have lines of communication.\xE2\x80\x9D\n"
    "\n"
    "\xE2\x80\x9CWe can talk to them,\xE2\x80\x9D Mr Tillerson said, \xE2\x80\x9CWe do talk to "
    "them.\xE2\x80\x9D\n",

    "Senator Maria Lopez told reporters: \"The bill is dead on arrival.\"\n"
    "\n"
    "Her colleague, Senator John Baker, disagreed. \"It has the votes,\" he said. \"We will "
    "pass it before the recess.\"\n"
    "\n"
    "\"Nobody believes that,\" Lopez replied.\n",

    "Minister: \xE2\x80\x98No new taxes this year\xE2\x80\x99\n"
    "\n"
    "The finance minister, Anne Dubois, said on Monday that the budget would hold. "
    "\xE2\x80\x9CThere will be no new taxes,\xE2\x80\x9D she said.\n"
    "\n"
    "According to the opposition leader, Paul Martin, the plan is \xE2\x80\x9C" "a fantasy\xE2\x80\x9D. "
    "\xE2\x80\x9CThe numbers simply do not add up,\xE2\x80\x9D Martin said.\n"
    "\n"
    "A spokesman for the ministry said: \xE2\x80\x9CWe stand by every figure.\xE2\x80\x9D\n",

    "\xC2\xAB Nous ne c\xC3\xA9" "derons pas \xC2\xBB, a d\xC3\xA9" "clar\xC3\xA9 le maire.\n"
    "\n"
    "\xE2\x80\x9CHe told me, \xE2\x80\x98You\xE2\x80\x99re fired,\xE2\x80\x99 and walked out,"
    "\xE2\x80\x9D said the former aide, Karen Holt.\n"
    "\n"
    "\xE2\x80\x9CIt was the worst day of my career.\n"
    "\n"
    "\xE2\x80\x9CI went home and did not come back,\xE2\x80\x9D she added.\n",

    "The company, which employs 4,000 people, did not respond. Its chief executive, Dr. "
    "Rajiv Menon, has said in the past that the plant is \xE2\x80\x9Csafe\xE2\x80\x9D.\n"
    "\n"
    "\"We followed every rule,\" Menon said in a statement on Friday. \"Every single "
    "one.\"\n"
    "\n"
    "Workers were not convinced. \"I don't trust them,\" said Luis Ortega, 52, a welder. "
    "'They lie,' he added.\n",

    "", /* empty article: no quotes, not an error */
};

#define NBUILTIN (sizeof BUILTIN / sizeof BUILTIN[0])
#define MAX_ARTICLES 64

typedef struct article {
    const char *name;
    char *text;
    size_t len;
    quote_result *expected[2]; /* [0] default flags, [1] QUOTE_OPT_EXPLAIN */
} article;

static article articles[MAX_ARTICLES];
static size_t narticles;
static size_t nseeds;
static quote_extractor *shared;

static const uint32_t FLAG_SETS[2] = {QUOTE_OPT_DEFAULT, QUOTE_OPT_EXPLAIN};

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        cap *= 2;
        char *p = realloc(buf, cap);
        if (!p)
            free(buf);
        buf = p;
    }
    fclose(f);
    *len = n;
    return buf;
}

static int same_str(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

/* Compare two results field by field; describe the first difference in
 * msg and return 0, or return 1 when they are equal. */
static int same_result(const quote_result *got, const quote_result *want, char *msg,
                       size_t msgsz)
{
    if (quote_result_count(got) != quote_result_count(want)) {
        snprintf(msg, msgsz, "count %zu, expected %zu", quote_result_count(got),
                 quote_result_count(want));
        return 0;
    }
    for (size_t i = 0; i < quote_result_count(want); i++) {
        const quote_quote *g = quote_result_get(got, i), *w = quote_result_get(want, i);
        const char *field = NULL;
        if (g->start != w->start || g->end != w->end)
            field = "span";
        else if (g->mention_start != w->mention_start || g->mention_end != w->mention_end)
            field = "mention span";
        else if (g->cue_start != w->cue_start || g->cue_end != w->cue_end)
            field = "cue span";
        else if (!same_str(g->speaker, w->speaker))
            field = "speaker";
        else if (g->entity != w->entity)
            field = "entity";
        else if (g->kind != w->kind)
            field = "kind";
        else if (!same_str(g->rule, w->rule))
            field = "rule";
        else if (g->confidence != w->confidence)
            field = "confidence";
        else if (!same_str(g->explanation, w->explanation))
            field = "explanation";
        if (field) {
            snprintf(msg, msgsz, "quote %zu: %s differs", i, field);
            return 0;
        }
    }
    return 1;
}

/* Is article a in thread t's set? */
static int in_set(int t, size_t a)
{
    return narticles <= NTHREADS || a % NTHREADS != (size_t)t;
}

typedef struct worker {
    int id;
    pthread_barrier_t *start;
    unsigned long calls, mismatches, errors;
    char first[256];
} worker;

static void *run_worker(void *arg)
{
    worker *wk = arg;
    quote_workspace *ws = NULL;
    if (wk->id % 2 && quote_workspace_new(shared, &ws, NULL) != QUOTE_OK) {
        wk->errors++;
        snprintf(wk->first, sizeof wk->first, "thread %d: no workspace", wk->id);
    }
    pthread_barrier_wait(wk->start);
    for (int it = 0; it < ITERATIONS; it++) {
        /* Each thread has its own set of articles (all but every
         * NTHREADS-th, from its own offset), walks them in its own order
         * and direction, and switches flags on its own schedule. */
        for (size_t k = 0; k < narticles; k++) {
            size_t a = wk->id % 2 ? (wk->id * 3 + k) % narticles
                                  : (narticles - 1 - (wk->id + k) % narticles);
            if (!in_set(wk->id, a))
                continue;
            int fs = (int)((it + k + (size_t)wk->id) % 2);
            const article *ar = &articles[a];
            quote_result *res;
            quote_error err;
            int rc = ws ? quote_extract_with(shared, ws, ar->text, ar->len, FLAG_SETS[fs], &res,
                                             &err)
                        : quote_extract(shared, ar->text, ar->len, FLAG_SETS[fs], &res, &err);
            wk->calls++;
            if (rc != QUOTE_OK) {
                if (!wk->errors++ && !wk->mismatches)
                    snprintf(wk->first, sizeof wk->first, "thread %d, %s: error %d (%s)",
                             wk->id, ar->name, rc, err.message);
                continue;
            }
            char msg[160];
            if (!same_result(res, ar->expected[fs], msg, sizeof msg)) {
                if (!wk->mismatches++ && !wk->errors)
                    snprintf(wk->first, sizeof wk->first, "thread %d, %s, flags %u: %s",
                             wk->id, ar->name, (unsigned)FLAG_SETS[fs], msg);
            }
            quote_result_free(res);
        }
    }
    quote_workspace_free(ws);
    return NULL;
}

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < NBUILTIN; i++) {
        static char names[NBUILTIN][24];
        snprintf(names[i], sizeof names[i], "built-in article %zu", i);
        article *a = &articles[narticles++];
        a->name = names[i];
        a->len = strlen(BUILTIN[i]);
        a->text = malloc(a->len + 1);
        if (!a->text)
            return -1;
        memcpy(a->text, BUILTIN[i], a->len + 1);
    }
    glob_t g;
    if (glob("../seeds/*.txt", 0, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc && narticles < MAX_ARTICLES; i++) {
            article *a = &articles[narticles];
            a->text = read_file(g.gl_pathv[i], &a->len);
            if (!a->text)
                continue;
            a->name = strdup(g.gl_pathv[i]);
            narticles++;
            nseeds++;
        }
        globfree(&g);
    }
    if (quote_extractor_new(NULL, &shared, NULL) != QUOTE_OK)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (size_t i = 0; i < narticles; i++) {
        quote_result_free(articles[i].expected[0]);
        quote_result_free(articles[i].expected[1]);
        free(articles[i].text);
        if (i >= NBUILTIN)
            free((char *)articles[i].name);
    }
    quote_extractor_free(shared);
    return 0;
}

/* The sequential reference, and a check that it is reproducible. */
static void sequential_is_deterministic(void **state)
{
    (void)state;
    assert_true(nseeds >= 1); /* the seed articles were found */
    size_t total = 0;
    for (size_t i = 0; i < narticles; i++) {
        for (int fs = 0; fs < 2; fs++) {
            article *a = &articles[i];
            assert_int_equal(quote_extract(shared, a->text, a->len, FLAG_SETS[fs],
                                           &a->expected[fs], NULL),
                             QUOTE_OK);
            quote_result *again;
            assert_int_equal(quote_extract(shared, a->text, a->len, FLAG_SETS[fs], &again, NULL),
                             QUOTE_OK);
            char msg[160];
            if (!same_result(again, a->expected[fs], msg, sizeof msg))
                fail_msg("%s: second sequential run differs: %s", a->name, msg);
            quote_result_free(again);
        }
        total += quote_result_count(articles[i].expected[0]);
    }
    assert_true(total >= 20); /* the articles do contain quotes */
}

static void threads_match_sequential(void **state)
{
    (void)state;
    assert_non_null(articles[0].expected[0]); /* the sequential test ran */
    pthread_barrier_t start;
    assert_int_equal(pthread_barrier_init(&start, NULL, NTHREADS), 0);
    pthread_t tid[NTHREADS];
    worker wk[NTHREADS];
    memset(wk, 0, sizeof wk);
    for (int t = 0; t < NTHREADS; t++) {
        wk[t].id = t;
        wk[t].start = &start;
        assert_int_equal(pthread_create(&tid[t], NULL, run_worker, &wk[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++)
        assert_int_equal(pthread_join(tid[t], NULL), 0);
    pthread_barrier_destroy(&start);
    for (int t = 0; t < NTHREADS; t++) {
        if (wk[t].mismatches || wk[t].errors)
            fail_msg("thread %d: %lu mismatches, %lu errors in %lu calls; first: %s", t,
                     wk[t].mismatches, wk[t].errors, wk[t].calls, wk[t].first);
        size_t n = 0;
        for (size_t a = 0; a < narticles; a++)
            n += in_set(t, a);
        assert_int_equal(wk[t].calls, (unsigned long)ITERATIONS * n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sequential_is_deterministic),
        cmocka_unit_test(threads_match_sequential),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
