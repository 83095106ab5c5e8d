/*
 * test_alloc.c - allocation failure: every allocation may fail, cleanly.
 *
 * A counting allocator (quote_options.allocator) makes allocation number i
 * fail, for i = 0, 1, 2, ... until a run completes without reaching i (the
 * "torture" loop of expat's alloc_tests.c and curl).  Each call must then
 * return QUOTE_ENOMEM or succeed, and once everything is freed no
 * allocation may be live.  Construction (quote_extractor_new, with a user
 * lexicon) and extraction (quote_extract with QUOTE_OPT_EXPLAIN) are
 * tortured separately.  A call that succeeds although an allocation failed
 * (an advisory allocation, such as an explanation) must still give the
 * quotes, speakers and rules of an undisturbed run.
 *
 * The allocator also checks that every pointer freed was allocated by it
 * with the same ctx, so memory crossing allocators is caught, and fills
 * each new block with 0xA5 (like glibc's MALLOC_PERTURB_): a read of
 * memory the library never wrote gives garbage rather than a lucky zero,
 * and the comparison with the reference run catches it.  (Under valgrind
 * the fill also hides PCRE2 JIT's harmless reads past the end of a subject
 * into the unused capacity of the buffer holding it.)
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libquote.h"

/* ---- the counting, failing allocator ---- */

#define MAGIC 0x51554f5445u /* "QUOTE" */

typedef struct counter {
    unsigned long calls;   /* allocations attempted since the last reset */
    unsigned long fail_at; /* the call number that fails; ULONG_MAX: none */
    unsigned long failed;  /* allocations refused */
    long live;             /* allocations not yet freed */
    unsigned long total;   /* successful allocations ever */
    unsigned long bad_frees;
} counter;

typedef union header {
    struct {
        uint64_t magic;
        size_t size;
    } h;
    max_align_t align; /* keeps the user block aligned for any type */
} header;

static void *count_malloc(size_t size, void *ctx)
{
    counter *c = ctx;
    unsigned long n = c->calls++;
    if (n == c->fail_at) {
        c->failed++;
        return NULL;
    }
    header *p = malloc(sizeof(header) + size);
    if (!p)
        return NULL;
    p->h.magic = MAGIC;
    p->h.size = size;
    memset(p + 1, 0xA5, size);
    c->live++;
    c->total++;
    return p + 1;
}

static void count_free(void *ptr, void *ctx)
{
    counter *c = ctx;
    if (!ptr)
        return;
    header *p = (header *)ptr - 1;
    if (p->h.magic != MAGIC) {
        c->bad_frees++; /* not ours: leak it rather than corrupt the heap */
        return;
    }
    p->h.magic = 0;
    c->live--;
    free(p);
}

static void counter_reset(counter *c, unsigned long fail_at)
{
    c->calls = 0;
    c->fail_at = fail_at;
    c->failed = 0;
}

/* ---- test input ---- */

/* A user lexicon exercising several kinds. */
static const char LEXICON[] = "# test lexicon\n"
                              "[cue]\n"
                              "quipped\n"
                              "fired back\n"
                              "[title]\n"
                              "Councillor\n"
                              "[role]\n"
                              "spokeswoman\n"
                              "[female]\n"
                              "Ottilie\n"
                              "[male]\n"
                              "Bartholomew\n";

static const char TEXT[] =
    "Council rejects harbour plan: \xE2\x80\x98We will not be rushed\xE2\x80\x99\n"
    "\n"
    "The city council on Tuesday rejected the harbour plan after a long debate.\n"
    "\n"
    "\xE2\x80\x9CWe will not be rushed into a decision of this size,\xE2\x80\x9D "
    "Councillor Ottilie Brandt said after the vote. \xE2\x80\x9CThe numbers do not add "
    "up.\xE2\x80\x9D\n"
    "\n"
    "Her opponent, Mayor Bartholomew Quince, fired back: \xE2\x80\x9CThis is a sad day for "
    "the harbour and for every family that works on it.\xE2\x80\x9D\n"
    "\n"
    "\"I don't think anyone expected this,\" quipped a port spokeswoman, who asked not "
    "to be named.\n"
    "\n"
    "Brandt said the plan would return \xE2\x80\x9Cin a better form\xE2\x80\x9D next year. "
    "\xE2\x80\x9CWe owe it to the taxpayers to get it right,\xE2\x80\x9D she said.\n"
    "\n"
    "According to Quince, \xE2\x80\x9Cthe council has lost its nerve.\xE2\x80\x9D He added that "
    "the port's owners, who said they were \xE2\x80\x98" "disappointed\xE2\x80\x99, would appeal.\n"
    "\n"
    "\xE2\x80\x9CWe will fight on,\xE2\x80\x9D said Quince.\n";

#define FLAGS QUOTE_OPT_EXPLAIN

static quote_options options_for(const quote_allocator *a)
{
    quote_options o = QUOTE_OPTIONS_INIT;
    o.allocator = a;
    o.lexicon = LEXICON;
    o.lexicon_len = sizeof LEXICON - 1;
    return o;
}

/* The fields of a quote that must not depend on advisory allocations. */
/* An extractor (with the test lexicon) whose allocations c counts; a is
 * the allocator handed to it. */
static quote_extractor *counted_extractor(counter *c, quote_allocator *a)
{
    counter_reset(c, ULONG_MAX);
    *a = (quote_allocator){count_malloc, count_free, c};
    quote_options o = options_for(a);
    quote_extractor *ex;
    assert_int_equal(quote_extractor_new(&o, &ex, NULL), QUOTE_OK);
    return ex;
}

static void assert_same_quotes(const quote_result *got, const quote_result *want)
{
    assert_int_equal(quote_result_count(got), quote_result_count(want));
    for (size_t i = 0; i < quote_result_count(want); i++) {
        const quote_quote *g = quote_result_get(got, i), *w = quote_result_get(want, i);
        assert_int_equal(g->start, w->start);
        assert_int_equal(g->end, w->end);
        assert_int_equal(g->mention_start, w->mention_start);
        assert_int_equal(g->mention_end, w->mention_end);
        assert_int_equal(g->cue_start, w->cue_start);
        assert_int_equal(g->cue_end, w->cue_end);
        if (w->speaker)
            assert_string_equal(g->speaker, w->speaker);
        else
            assert_null(g->speaker);
        assert_int_equal(g->entity, w->entity);
        assert_int_equal(g->kind, w->kind);
        assert_string_equal(g->rule, w->rule);
        assert_true(g->confidence == w->confidence);
        assert_non_null(g->explanation); /* QUOTE_OPT_EXPLAIN: never NULL */
    }
}

/* A reference result, made without failures. */
static quote_result *reference_result(void)
{
    static counter c;
    counter_reset(&c, ULONG_MAX);
    static const quote_allocator a = {count_malloc, count_free, &c};
    quote_options o = options_for(&a);
    quote_extractor *ex;
    quote_result *res;
    assert_int_equal(quote_extractor_new(&o, &ex, NULL), QUOTE_OK);
    assert_int_equal(quote_extract(ex, TEXT, sizeof TEXT - 1, FLAGS, &res, NULL), QUOTE_OK);
    quote_extractor_free(ex);
    assert_true(quote_result_count(res) >= 5);
    return res;
}

/* ---- tests ---- */

/* The allocator is actually used, by the extractor and by its results,
 * and results outlive their extractor. */
static void allocator_is_used(void **state)
{
    (void)state;
    counter c = {0};
    quote_allocator a;
    quote_extractor *ex = counted_extractor(&c, &a);
    assert_true(c.live > 0);
    unsigned long after_new = c.total;
    long live_ex = c.live;

    quote_result *res;
    assert_int_equal(quote_extract(ex, TEXT, sizeof TEXT - 1, FLAGS, &res, NULL), QUOTE_OK);
    assert_true(c.total > after_new); /* the call allocates through it */
    assert_true(c.live > live_ex);    /* ... and so does the result */
    quote_result *ref = reference_result();
    assert_same_quotes(res, ref);
    quote_result_free(ref);

    quote_extractor_free(ex);
    assert_true(c.live > 0); /* the result is still alive */
    const quote_quote *q = quote_result_get(res, 0);
    assert_non_null(q);
    assert_true(q->end > q->start);
    quote_result_free(res);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.bad_frees, 0);
}

/* quote_extractor_new with allocation i failing. */
static void construction_fails_cleanly(void **state)
{
    (void)state;
    counter c = {0};
    quote_allocator a = {count_malloc, count_free, &c};
    quote_options o = options_for(&a);
    quote_result *ref = reference_result();
    unsigned long i;
    for (i = 0;; i++) {
        counter_reset(&c, i);
        quote_extractor *ex = (quote_extractor *)&c; /* must be overwritten */
        quote_error err;
        int rc = quote_extractor_new(&o, &ex, &err);
        if (rc != QUOTE_OK) {
            if (rc != QUOTE_ENOMEM)
                fail_msg("allocation %lu: quote_extractor_new returned %d (%s)", i, rc,
                         quote_strerror(rc));
            assert_int_equal(err.code, QUOTE_ENOMEM);
            assert_null(ex);
            assert_int_equal(c.failed, 1);
            if (c.live != 0)
                fail_msg("allocation %lu failing in quote_extractor_new leaks %ld blocks", i,
                         c.live);
            continue;
        }
        assert_non_null(ex);
        bool done = c.failed == 0; /* allocation i was never reached */

        /* The extractor made despite a failure (an optional allocation,
         * such as JIT code) must work like any other. */
        counter_reset(&c, ULONG_MAX);
        quote_result *res;
        assert_int_equal(quote_extract(ex, TEXT, sizeof TEXT - 1, FLAGS, &res, NULL), QUOTE_OK);
        assert_same_quotes(res, ref);
        quote_result_free(res);
        quote_extractor_free(ex);
        if (c.live != 0)
            fail_msg("allocation %lu: extractor leaks %ld blocks", i, c.live);
        if (done)
            break;
    }
    print_message("quote_extractor_new: %lu allocations failed in turn\n", i);
    assert_true(i > 10); /* construction allocates */
    assert_int_equal(c.bad_frees, 0);
    quote_result_free(ref);
}

/* quote_extract with allocation i (counted from the call) failing. */
static void extraction_fails_cleanly(void **state)
{
    (void)state;
    counter c = {0};
    quote_allocator a;
    quote_extractor *ex = counted_extractor(&c, &a);
    long live_ex = c.live;
    quote_result *ref = reference_result();
    unsigned long i;
    for (i = 0;; i++) {
        counter_reset(&c, i);
        quote_result *res = (quote_result *)&c; /* must be overwritten */
        quote_error err;
        int rc = quote_extract(ex, TEXT, sizeof TEXT - 1, FLAGS, &res, &err);
        if (rc != QUOTE_OK) {
            if (rc != QUOTE_ENOMEM)
                fail_msg("allocation %lu: quote_extract returned %d (%s)", i, rc,
                         quote_strerror(rc));
            assert_int_equal(err.code, QUOTE_ENOMEM);
            assert_null(res);
            assert_int_equal(c.failed, 1);
            if (c.live != live_ex)
                fail_msg("allocation %lu failing in quote_extract leaks %ld blocks", i,
                         c.live - live_ex);
            continue;
        }
        assert_non_null(res);
        assert_int_equal(err.code, QUOTE_OK);
        bool done = c.failed == 0;
        assert_same_quotes(res, ref);
        quote_result_free(res);
        if (c.live != live_ex)
            fail_msg("allocation %lu: quote_extract leaks %ld blocks", i, c.live - live_ex);
        if (done)
            break;
    }
    print_message("quote_extract: %lu allocations failed in turn\n", i);
    assert_true(i > 5); /* extraction allocates */
    quote_extractor_free(ex);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.bad_frees, 0);
    quote_result_free(ref);
}

/* quote_workspace_new, then quote_extract_with, with allocation i failing:
 * ENOMEM and nothing leaked; after a failed extraction the workspace still
 * gives the reference result; freeing it returns every block it kept. */
static void workspace_fails_cleanly(void **state)
{
    (void)state;
    counter c = {0};
    quote_allocator a;
    quote_extractor *ex = counted_extractor(&c, &a);
    long live_ex = c.live;
    quote_result *ref = reference_result();
    unsigned long i;
    for (i = 0;; i++) {
        counter_reset(&c, i);
        quote_workspace *ws = (quote_workspace *)&c; /* must be overwritten */
        int rc = quote_workspace_new(ex, &ws, NULL);
        if (rc != QUOTE_OK) {
            assert_int_equal(rc, QUOTE_ENOMEM);
            assert_null(ws);
            assert_int_equal(c.live, live_ex);
            continue;
        }
        bool done = c.failed == 0;
        quote_workspace_free(ws);
        assert_int_equal(c.live, live_ex);
        if (done)
            break;
    }
    /* allocation i failing in a fresh workspace (cold: its first call),
     * then in the same one again (warm: its tables are kept) */
    for (i = 0;; i++) {
        counter_reset(&c, ULONG_MAX);
        quote_workspace *ws = NULL;
        assert_int_equal(quote_workspace_new(ex, &ws, NULL), QUOTE_OK);
        bool done = true;
        for (int warm = 0; warm < 2; warm++) {
            counter_reset(&c, i);
            quote_result *res = (quote_result *)&c; /* must be overwritten */
            quote_error err;
            int rc = quote_extract_with(ex, ws, TEXT, sizeof TEXT - 1, FLAGS, &res, &err);
            done = done && c.failed == 0;
            if (rc != QUOTE_OK) {
                if (rc != QUOTE_ENOMEM)
                    fail_msg("allocation %lu: quote_extract_with returned %d", i, rc);
                assert_null(res);
                counter_reset(&c, ULONG_MAX);
                assert_int_equal(
                    quote_extract_with(ex, ws, TEXT, sizeof TEXT - 1, FLAGS, &res, &err), QUOTE_OK);
            }
            assert_same_quotes(res, ref);
            quote_result_free(res);
        }
        quote_workspace_free(ws);
        if (c.live != live_ex)
            fail_msg("allocation %lu: quote_extract_with leaks %ld blocks", i, c.live - live_ex);
        if (done)
            break;
    }
    print_message("quote_extract_with: %lu allocations failed in turn\n", i);
    assert_true(i > 5); /* extraction allocates */
    quote_extractor_free(ex);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.bad_frees, 0);
    quote_result_free(ref);
}

/* A workspace keeps the tables of an ordinary article, and not those of a
 * huge one (over 16 MiB of them): memory stays bounded in a long batch. */
static void workspace_keeps_bounded_tables(void **state)
{
    (void)state;
    counter c = {0};
    quote_allocator a;
    quote_extractor *ex = counted_extractor(&c, &a);
    quote_workspace *ws = NULL;
    assert_int_equal(quote_workspace_new(ex, &ws, NULL), QUOTE_OK);
    long empty = c.live;
    quote_result *res;
    assert_int_equal(quote_extract_with(ex, ws, TEXT, sizeof TEXT - 1, 0, &res, NULL), QUOTE_OK);
    quote_result_free(res);
    long kept = c.live;
    assert_true(kept > empty + 4); /* its tables, and the match data */
    /* about a million tokens: some 20 MiB of tables */
    static const char line[] = "\"We will build it,\" Mayor Ada Holm said on Monday. ";
    size_t n = 6000000 / (sizeof line - 1), len = n * (sizeof line - 1);
    char *big = malloc(len);
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        memcpy(big + i * (sizeof line - 1), line, sizeof line - 1);
    assert_int_equal(quote_extract_with(ex, ws, big, len, 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), n);
    quote_result_free(res);
    free(big);
    assert_true(c.live < kept); /* the tables went; the match data stays */
    quote_workspace_free(ws);
    quote_extractor_free(ex);
    assert_int_equal(c.live, 0);
}

/* The same loop on invalid UTF-8 in lenient mode (the masked copy). */
static void lenient_extraction_fails_cleanly(void **state)
{
    (void)state;
    static const char bad[] = "\"Prices \xFF\xFE will rise,\" Councillor Ottilie Brandt said. "
                              "\"We \xC3 know.\"\n";
    counter c = {0};
    quote_allocator a;
    quote_extractor *ex = counted_extractor(&c, &a);
    long live_ex = c.live;
    for (unsigned long i = 0;; i++) {
        counter_reset(&c, i);
        quote_result *res;
        int rc = quote_extract(ex, bad, sizeof bad - 1, QUOTE_OPT_LENIENT_UTF8 | FLAGS, &res,
                               NULL);
        if (rc != QUOTE_OK) {
            assert_int_equal(rc, QUOTE_ENOMEM);
            assert_null(res);
            assert_int_equal(c.live, live_ex);
            continue;
        }
        assert_true(quote_result_count(res) >= 1);
        quote_result_free(res);
        assert_int_equal(c.live, live_ex);
        if (c.failed == 0)
            break;
    }
    quote_extractor_free(ex);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.bad_frees, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allocator_is_used),
        cmocka_unit_test(construction_fails_cleanly),
        cmocka_unit_test(extraction_fails_cleanly),
        cmocka_unit_test(workspace_fails_cleanly),
        cmocka_unit_test(workspace_keeps_bounded_tables),
        cmocka_unit_test(lenient_extraction_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
