/*
 * test_api.c - the public API contract of libquote.h: versions, error codes,
 * argument checking, options, user lexicons, UTF-8 handling, result access
 * and the small helpers.  Every text here was written for this test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libquote.h"

/* ---- helpers --------------------------------------------------------- */

/* Typographic marks as separate literals: "\xe2\x80\x9cAnd" would make the
 * hex escape swallow the 'A'. */
#define LDQ "\xe2\x80\x9c" /* left double quotation mark */
#define RDQ "\xe2\x80\x9d" /* right double quotation mark */
#define LSQ "\xe2\x80\x98" /* left single quotation mark */
#define RSQ "\xe2\x80\x99" /* right single quotation mark */

static const char MAYOR[] = LDQ "We refuse," RDQ " the mayor harrumphed.";
static const char SIMPLE[] = LDQ "We are ready," RDQ " Maria Lopez said.";

static quote_extractor *new_default(void)
{
    quote_extractor *ex = NULL;
    assert_int_equal(quote_extractor_new(NULL, &ex, NULL), QUOTE_OK);
    assert_non_null(ex);
    return ex;
}

/* Does [s, e) of text equal want? */
static int span_is(const char *text, size_t s, size_t e, const char *want)
{
    if (s == QUOTE_NO_SPAN || e == QUOTE_NO_SPAN || e < s)
        return 0;
    return strlen(want) == e - s && memcmp(text + s, want, e - s) == 0;
}

/* ---- version --------------------------------------------------------- */

static void test_version(void **state)
{
    (void)state;
    char buf[64];
    snprintf(buf, sizeof buf, "%d.%d.%d", LIBQUOTE_VERSION_MAJOR, LIBQUOTE_VERSION_MINOR,
             LIBQUOTE_VERSION_PATCH);
    assert_non_null(quote_version());
    assert_string_equal(quote_version(), LIBQUOTE_VERSION_STRING);
    assert_string_equal(quote_version(), buf);
    assert_int_equal(quote_version_number(), LIBQUOTE_VERSION);
    assert_int_equal(LIBQUOTE_VERSION, (LIBQUOTE_VERSION_MAJOR << 16) |
                                           (LIBQUOTE_VERSION_MINOR << 8) |
                                           LIBQUOTE_VERSION_PATCH);
    /* The returned string is static: same pointer on every call. */
    assert_ptr_equal(quote_version(), quote_version());
}

/* ---- errors ---------------------------------------------------------- */

static void test_strerror(void **state)
{
    (void)state;
    static const int codes[] = {QUOTE_OK,    QUOTE_ENOMEM, QUOTE_EINVAL,  QUOTE_EREGEX,
                                QUOTE_ELIMIT, QUOTE_EUTF8,  QUOTE_ELEXICON};
    const size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        const char *s = quote_strerror(codes[i]);
        assert_non_null(s);
        assert_true(s[0] != '\0');
        assert_string_not_equal(s, "unknown error");
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(s, quote_strerror(codes[j]));
    }
    assert_string_equal(quote_strerror(-7), "unknown error");
    assert_string_equal(quote_strerror(-1000), "unknown error");
    assert_string_equal(quote_strerror(1), "unknown error");
    assert_string_equal(quote_strerror(42), "unknown error");
}

/* ---- quote_extractor_new --------------------------------------------- */

static void test_new_null_out(void **state)
{
    (void)state;
    quote_error err;
    memset(&err, 0x55, sizeof err);
    assert_int_equal(quote_extractor_new(NULL, NULL, &err), QUOTE_EINVAL);
    assert_int_equal(err.code, QUOTE_EINVAL);
    assert_non_null(memchr(err.message, '\0', sizeof err.message));
    assert_true(err.message[0] != '\0');
    /* err itself is optional */
    assert_int_equal(quote_extractor_new(NULL, NULL, NULL), QUOTE_EINVAL);
}

static void test_new_bad_version(void **state)
{
    (void)state;
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = (quote_extractor *)&opt; /* must be overwritten */
    quote_error err;
    opt.version = QUOTE_OPTIONS_VERSION + 1;
    assert_int_equal(quote_extractor_new(&opt, &ex, &err), QUOTE_EINVAL);
    assert_null(ex);
    assert_int_equal(err.code, QUOTE_EINVAL);

    opt.version = 0;
    ex = (quote_extractor *)&opt;
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_EINVAL);
    assert_null(ex);
}

static void test_new_options_init(void **state)
{
    (void)state;
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL;
    assert_int_equal(opt.version, QUOTE_OPTIONS_VERSION);
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_OK);
    assert_non_null(ex);
    quote_extractor_free(ex);
}

static void *null_ctx_malloc(size_t n, void *ctx)
{
    (void)ctx;
    return malloc(n);
}
static void null_ctx_free(void *p, void *ctx)
{
    (void)ctx;
    free(p);
}

static void test_new_bad_allocator(void **state)
{
    (void)state;
    quote_allocator al = {NULL, null_ctx_free, NULL};
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = (quote_extractor *)&opt;
    quote_error err;
    opt.allocator = &al;
    assert_int_equal(quote_extractor_new(&opt, &ex, &err), QUOTE_EINVAL);
    assert_null(ex);
    assert_int_equal(err.code, QUOTE_EINVAL);

    /* a NULL free is just as unusable */
    quote_allocator al2 = {null_ctx_malloc, NULL, NULL};
    opt.allocator = &al2;
    ex = (quote_extractor *)&opt;
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_EINVAL);
    assert_null(ex);
}

/* A counting allocator: the extractor and its results use it. */
typedef struct counts {
    size_t mallocs, frees, live;
} counts;

static void *count_malloc(size_t n, void *ctx)
{
    counts *c = ctx;
    void *p = malloc(n);
    if (p) {
        c->mallocs++;
        c->live++;
    }
    return p;
}
static void count_free(void *p, void *ctx)
{
    counts *c = ctx;
    if (p) {
        c->frees++;
        c->live--;
    }
    free(p);
}

static void test_custom_allocator_used(void **state)
{
    (void)state;
    counts c = {0, 0, 0};
    quote_allocator al = {count_malloc, count_free, &c};
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL;
    quote_result *res = NULL;
    opt.allocator = &al;
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_OK);
    assert_true(c.mallocs > 0);
    size_t after_new = c.mallocs;
    assert_int_equal(quote_extract(ex, SIMPLE, strlen(SIMPLE), 0, &res, NULL), QUOTE_OK);
    assert_true(c.mallocs > after_new);
    assert_int_equal(quote_result_count(res), 1);
    /* results outlive the extractor */
    quote_extractor_free(ex);
    const quote_quote *q = quote_result_get(res, 0);
    assert_non_null(q);
    assert_true(span_is(SIMPLE, q->start, q->end, "We are ready,"));
    quote_result_free(res);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.mallocs, c.frees);
}

/* ---- user lexicons --------------------------------------------------- */

static void test_lexicon_bad_kind(void **state)
{
    (void)state;
    static const char lex[] = "# my additions\n[cue]\nharrumphed\n[notakind]\nfoo\n";
    const size_t bad_line = strlen("# my additions\n[cue]\nharrumphed\n");
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = (quote_extractor *)&opt;
    quote_error err;
    memset(&err, 0, sizeof err);
    opt.lexicon = lex;
    opt.lexicon_len = strlen(lex);
    assert_int_equal(quote_extractor_new(&opt, &ex, &err), QUOTE_ELEXICON);
    assert_null(ex);
    assert_int_equal(err.code, QUOTE_ELEXICON);
    assert_int_equal(err.offset, bad_line);
    assert_true(err.message[0] != '\0');
}

static void test_lexicon_bad_kind_first_line(void **state)
{
    (void)state;
    static const char lex[] = "[speechverb]\nharrumphed\n";
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL;
    quote_error err;
    opt.lexicon = lex;
    opt.lexicon_len = strlen(lex);
    assert_int_equal(quote_extractor_new(&opt, &ex, &err), QUOTE_ELEXICON);
    assert_null(ex);
    assert_int_equal(err.offset, 0);
}

/* Extract text with ex; the one quotation's cue and mention must be as
 * given (NULL: the cue must not be `cue_not`). */
static void expect_one(quote_extractor *ex, const char *text, const char *content,
                       const char *cue, const char *cue_not, const char *mention)
{
    quote_result *res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    const quote_quote *q = quote_result_get(res, 0);
    assert_true(span_is(text, q->start, q->end, content));
    if (cue && !span_is(text, q->cue_start, q->cue_end, cue))
        fail_msg("cue [%zu,%zu), want \"%s\"", q->cue_start, q->cue_end, cue);
    if (cue_not && span_is(text, q->cue_start, q->cue_end, cue_not))
        fail_msg("cue \"%s\" found without the user lexicon", cue_not);
    if (mention && !span_is(text, q->mention_start, q->mention_end, mention))
        fail_msg("mention [%zu,%zu), want \"%s\"", q->mention_start, q->mention_end, mention);
    quote_result_free(res);
}

static void test_lexicon_adds_cue(void **state)
{
    (void)state;
    static const char lex[] = "# extra cues\n\n[cue]\nharrumphed\n";
    static const char lead_in[] = "The council met on Monday.\n"
                                  "Maria Lopez harrumphed: " LDQ "We refuse." RDQ;
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL, *def = new_default();

    /* The default lexicon does not know the cue: before a quotation, the
     * word is not taken for one.  (After a quotation the trailing-verb
     * layout may guess it, so MAYOR proves nothing without the lexicon.) */
    expect_one(def, lead_in, "We refuse.", NULL, "harrumphed", NULL);
    quote_extractor_free(def);

    opt.lexicon = lex;
    opt.lexicon_len = strlen(lex);
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_OK);
    expect_one(ex, lead_in, "We refuse.", "harrumphed", NULL, "Maria Lopez");
    expect_one(ex, MAYOR, "We refuse,", "harrumphed", NULL, "the mayor");
    /* the built-in cues are still there */
    expect_one(ex, SIMPLE, "We are ready,", "said", NULL, "Maria Lopez");
    quote_extractor_free(ex);
}

static void test_lexicon_copied(void **state)
{
    (void)state;
    static const char src[] = "[cue]\nharrumphed\n";
    char *lex = malloc(sizeof src);
    assert_non_null(lex);
    memcpy(lex, src, sizeof src);
    quote_options opt = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL;
    quote_result *res = NULL;
    opt.lexicon = lex;
    opt.lexicon_len = strlen(lex);
    assert_int_equal(quote_extractor_new(&opt, &ex, NULL), QUOTE_OK);
    memset(lex, 'x', strlen(lex));
    free(lex);
    assert_int_equal(quote_extract(ex, MAYOR, strlen(MAYOR), 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    const quote_quote *q = quote_result_get(res, 0);
    assert_true(span_is(MAYOR, q->cue_start, q->cue_end, "harrumphed"));
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* ---- quote_extract: arguments ---------------------------------------- */

static void test_extract_null_args(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_result *res = (quote_result *)&res;
    quote_error err;

    assert_int_equal(quote_extract(NULL, SIMPLE, strlen(SIMPLE), 0, &res, &err), QUOTE_EINVAL);
    assert_int_equal(err.code, QUOTE_EINVAL);
    assert_null(res);

    assert_int_equal(quote_extract(ex, SIMPLE, strlen(SIMPLE), 0, NULL, &err), QUOTE_EINVAL);
    assert_int_equal(err.code, QUOTE_EINVAL);

    /* NULL text is allowed only with len 0 */
    res = (quote_result *)&res;
    assert_int_equal(quote_extract(ex, NULL, 5, 0, &res, NULL), QUOTE_EINVAL);
    assert_null(res);

    res = NULL;
    assert_int_equal(quote_extract(ex, NULL, 0, 0, &res, &err), QUOTE_OK);
    assert_non_null(res);
    assert_int_equal(quote_result_count(res), 0);
    assert_null(quote_result_get(res, 0));
    quote_result_free(res);
    quote_extractor_free(ex);
}

static void test_extract_empty(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    static const char *const texts[] = {"", "   ", "\n\n\n", "No quotation here at all.",
                                        LDQ, RDQ, "\"", "'"};
    assert_int_equal(quote_extract(ex, "", 0, 0, &res, NULL), QUOTE_OK);
    assert_non_null(res);
    assert_int_equal(quote_result_count(res), 0);
    quote_result_free(res);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        res = NULL;
        assert_int_equal(quote_extract(ex, texts[i], strlen(texts[i]), 0, &res, NULL), QUOTE_OK);
        assert_non_null(res);
        /* lone marks: no quotation with content */
        for (size_t k = 0; k < quote_result_count(res); k++) {
            const quote_quote *q = quote_result_get(res, k);
            assert_true(q->end > q->start);
        }
        if (i < 4)
            assert_int_equal(quote_result_count(res), 0);
        quote_result_free(res);
    }
    quote_extractor_free(ex);
}

/* The text need not be NUL-terminated: only len bytes are read. */
static void test_extract_not_terminated(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    const size_t len = strlen(SIMPLE);
    char *buf = malloc(len);
    assert_non_null(buf);
    memcpy(buf, SIMPLE, len);
    assert_int_equal(quote_extract(ex, buf, len, 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    const quote_quote *q = quote_result_get(res, 0);
    assert_true(span_is(SIMPLE, q->start, q->end, "We are ready,"));
    /* the result does not point into the text */
    memset(buf, 'z', len);
    free(buf);
    assert_string_equal(q->speaker, "Maria Lopez");
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* ---- UTF-8 ----------------------------------------------------------- */

/* A valid prefix, then the first bad byte and the rest: the error offset
 * must be strlen(prefix). */
typedef struct bad_utf8 {
    const char *prefix;
    const char *bad;
    size_t bad_len;
} bad_utf8;

#define BAD(pre, bad) {pre, bad, sizeof(bad) - 1}

static void test_extract_bad_utf8(void **state)
{
    (void)state;
    static const bad_utf8 cases[] = {
        BAD(LDQ "We refuse," RDQ " she said. ", "\xff and more"),
        BAD("", "\xff"),
        BAD("abc", "\x80"),                        /* lone continuation byte */
        BAD("ab", "\xc0\x80 overlong NUL"),        /* overlong encoding */
        BAD("x", "\xe0\x80\xaf overlong slash"),
        BAD("surrogate ", "\xed\xa0\x80 here"),
        BAD("too big ", "\xf4\x90\x80\x80"),       /* above U+10FFFF */
        BAD("truncated at the end ", "\xe2\x80"),
        BAD("caf\xc3\xa9 ok then ", "\xe9t\xe9"),   /* Latin-1 */
        BAD(LDQ "Fine," RDQ " she said.\n\n", "\xf8\x88\x80\x80\x80"), /* 5-byte form */
    };
    char buf[128];
    quote_extractor *ex = new_default();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const size_t off = strlen(cases[i].prefix), len = off + cases[i].bad_len;
        assert_true(len <= sizeof buf);
        memcpy(buf, cases[i].prefix, off);
        memcpy(buf + off, cases[i].bad, cases[i].bad_len);
        quote_result *res = (quote_result *)&res;
        quote_error err;
        memset(&err, 0, sizeof err);
        int rc = quote_extract(ex, buf, len, 0, &res, &err);
        if (rc != QUOTE_EUTF8 || err.offset != off)
            fail_msg("case %zu: rc %d offset %zu, want QUOTE_EUTF8 (%d) at %zu", i, rc,
                     err.offset, QUOTE_EUTF8, off);
        assert_int_equal(err.code, QUOTE_EUTF8);
        assert_null(res);

        /* lenient mode accepts it */
        res = NULL;
        rc = quote_extract(ex, buf, len, QUOTE_OPT_LENIENT_UTF8, &res, &err);
        if (rc != QUOTE_OK)
            fail_msg("case %zu: lenient rc %d", i, rc);
        assert_non_null(res);
        quote_result_free(res);

        /* the convenience function rejects it too */
        res = (quote_result *)&res;
        assert_int_equal(quote_extract_text(buf, len, &res, &err), QUOTE_EUTF8);
        assert_int_equal(err.offset, off);
        assert_null(res);
    }
    quote_extractor_free(ex);
}

/* Lenient mode: offsets still index the caller's bytes. */
static void test_lenient_offsets(void **state)
{
    (void)state;
    static const char text[] = "\xff\xfe bytes. " LDQ "We refuse," RDQ " "
                               "Maria Lopez said. \xc0";
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    assert_int_equal(quote_extract(ex, text, sizeof text - 1, QUOTE_OPT_LENIENT_UTF8, &res, NULL),
                     QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    const quote_quote *q = quote_result_get(res, 0);
    assert_int_equal(q->start, strlen("\xff\xfe bytes. " LDQ));
    assert_true(span_is(text, q->start, q->end, "We refuse,"));
    assert_true(span_is(text, q->mention_start, q->mention_end, "Maria Lopez"));
    assert_true(span_is(text, q->cue_start, q->cue_end, "said"));
    assert_string_equal(q->speaker, "Maria Lopez");
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* ---- results ----------------------------------------------------------- */

static void test_result_access(void **state)
{
    (void)state;
    static const char text[] =
        LDQ "We are ready," RDQ " Maria Lopez said. "
        LDQ "So are we," RDQ " answered Peter Hall.";
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 2);
    const quote_quote *a = quote_result_get(res, 0), *b = quote_result_get(res, 1);
    assert_non_null(a);
    assert_non_null(b);
    assert_null(quote_result_get(res, 2));
    assert_null(quote_result_get(res, (size_t)-1));
    assert_null(quote_result_get(NULL, 0));
    assert_int_equal(quote_result_count(NULL), 0);
    /* text order */
    assert_true(a->end <= b->start);
    assert_true(span_is(text, a->start, a->end, "We are ready,"));
    assert_true(span_is(text, b->start, b->end, "So are we,"));
    assert_string_equal(a->speaker, "Maria Lopez");
    assert_string_equal(b->speaker, "Peter Hall");
    assert_true(a->entity >= 0);
    assert_true(b->entity >= 0);
    assert_int_not_equal(a->entity, b->entity);
    for (size_t i = 0; i < 2; i++) {
        const quote_quote *q = quote_result_get(res, i);
        assert_non_null(q->rule);
        assert_true(q->confidence >= 0.0 && q->confidence <= 1.0);
        assert_null(q->explanation);
        assert_int_equal(q->kind, QUOTE_KIND_DIRECT);
    }
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* A quote with no speaker: speaker NULL, entity -1, no spans. */
static void test_result_no_speaker(void **state)
{
    (void)state;
    static const char text[] = "The sign read " LDQ "Closed" RDQ ". "
                               LDQ "Nobody knows why." RDQ;
    quote_result *res = NULL;
    assert_int_equal(quote_extract_text(text, strlen(text), &res, NULL), QUOTE_OK);
    for (size_t i = 0; i < quote_result_count(res); i++) {
        const quote_quote *q = quote_result_get(res, i);
        assert_non_null(q->rule);
        if (q->speaker == NULL)
            assert_int_equal(q->entity, -1);
        else
            assert_true(q->entity >= 0);
        if (q->mention_start == QUOTE_NO_SPAN)
            assert_int_equal(q->mention_end, QUOTE_NO_SPAN);
        if (q->cue_start == QUOTE_NO_SPAN)
            assert_int_equal(q->cue_end, QUOTE_NO_SPAN);
    }
    quote_result_free(res);
}

static void test_free_null(void **state)
{
    (void)state;
    quote_result_free(NULL);
    quote_extractor_free(NULL);
}

static void test_extract_text(void **state)
{
    (void)state;
    quote_result *res = (quote_result *)&res;
    quote_error err;
    assert_int_equal(quote_extract_text(SIMPLE, strlen(SIMPLE), NULL, &err), QUOTE_EINVAL);
    assert_int_equal(err.code, QUOTE_EINVAL);
    assert_int_equal(quote_extract_text(NULL, 3, &res, NULL), QUOTE_EINVAL);
    assert_null(res);
    res = NULL;
    assert_int_equal(quote_extract_text(NULL, 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 0);
    quote_result_free(res);

    res = NULL;
    assert_int_equal(quote_extract_text(SIMPLE, strlen(SIMPLE), &res, &err), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    const quote_quote *q = quote_result_get(res, 0);
    assert_true(span_is(SIMPLE, q->start, q->end, "We are ready,"));
    assert_true(span_is(SIMPLE, q->mention_start, q->mention_end, "Maria Lopez"));
    assert_true(span_is(SIMPLE, q->cue_start, q->cue_end, "said"));
    assert_string_equal(q->speaker, "Maria Lopez");
    assert_null(q->explanation);
    quote_result_free(res);
}

static void test_explain(void **state)
{
    (void)state;
    static const char text[] =
        LDQ "We are ready," RDQ " Maria Lopez said.\n\n"
        LDQ "And nobody else is." RDQ "\n\n"
        "The plan was called " LDQ "bold" RDQ ".";
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), QUOTE_OPT_EXPLAIN, &res, NULL),
                     QUOTE_OK);
    assert_true(quote_result_count(res) >= 2);
    for (size_t i = 0; i < quote_result_count(res); i++) {
        const quote_quote *q = quote_result_get(res, i);
        assert_non_null(q->explanation);
        assert_true(q->explanation[0] != '\0');
    }
    quote_result_free(res);

    res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), QUOTE_OPT_DEFAULT, &res, NULL),
                     QUOTE_OK);
    assert_true(quote_result_count(res) >= 2);
    for (size_t i = 0; i < quote_result_count(res); i++)
        assert_null(quote_result_get(res, i)->explanation);
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* QUOTE_OPT_NO_HEADLINE: a first paragraph "X: 'Q'" is no longer a headline. */
static void test_no_headline(void **state)
{
    (void)state;
    static const char text[] =
        "Lopez on housing: " LSQ "Rents have peaked" RSQ "\n\n"
        "Maria Lopez, the housing minister, spoke on Monday.\n\n"
        LDQ "Rents have peaked," RDQ " she said.";
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), 0, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 2);
    assert_int_equal(quote_result_get(res, 0)->kind, QUOTE_KIND_HEADLINE);
    assert_string_equal(quote_result_get(res, 0)->speaker, "Maria Lopez");
    quote_result_free(res);

    res = NULL;
    assert_int_equal(quote_extract(ex, text, strlen(text), QUOTE_OPT_NO_HEADLINE, &res, NULL),
                     QUOTE_OK);
    for (size_t i = 0; i < quote_result_count(res); i++)
        assert_int_not_equal(quote_result_get(res, i)->kind, QUOTE_KIND_HEADLINE);
    quote_result_free(res);
    quote_extractor_free(ex);
}

/* Unknown flag bits are rejected or ignored, never crash; known ones combine. */
static void test_flags_combine(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_result *res = NULL;
    uint32_t all = QUOTE_OPT_LENIENT_UTF8 | QUOTE_OPT_EXPLAIN | QUOTE_OPT_NO_HEADLINE;
    assert_int_equal(quote_extract(ex, SIMPLE, strlen(SIMPLE), all, &res, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    assert_non_null(quote_result_get(res, 0)->explanation);
    quote_result_free(res);
    quote_extractor_free(ex);
}

static void test_kind_name(void **state)
{
    (void)state;
    assert_string_equal(quote_kind_name(QUOTE_KIND_DIRECT), "direct");
    assert_string_equal(quote_kind_name(QUOTE_KIND_PARTIAL), "partial");
    assert_string_equal(quote_kind_name(QUOTE_KIND_CONTINUATION), "continuation");
    assert_string_equal(quote_kind_name(QUOTE_KIND_HEADLINE), "headline");
    assert_string_equal(quote_kind_name((quote_kind)4), "unknown");
    assert_string_equal(quote_kind_name((quote_kind)-1), "unknown");
    assert_string_equal(quote_kind_name((quote_kind)1000), "unknown");
}

/* One extractor, many extractions: results are independent. */
/* ---- workspaces ------------------------------------------------------ */

static void test_workspace_args(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_workspace *ws = (quote_workspace *)&ex;
    quote_result *res = (quote_result *)&ex;
    quote_error err;
    assert_int_equal(quote_workspace_new(NULL, &ws, &err), QUOTE_EINVAL);
    assert_null(ws);
    assert_int_equal(err.code, QUOTE_EINVAL);
    assert_int_equal(quote_workspace_new(ex, NULL, &err), QUOTE_EINVAL);
    assert_int_equal(quote_extract_with(ex, NULL, SIMPLE, strlen(SIMPLE), 0, &res, &err),
                     QUOTE_EINVAL);
    assert_null(res);
    assert_int_equal(quote_workspace_new(ex, &ws, &err), QUOTE_OK);
    assert_non_null(ws);
    res = (quote_result *)&ex;
    assert_int_equal(quote_extract_with(NULL, ws, SIMPLE, strlen(SIMPLE), 0, &res, &err),
                     QUOTE_EINVAL);
    assert_null(res);
    assert_int_equal(quote_extract_with(ex, ws, NULL, 5, 0, &res, &err), QUOTE_EINVAL);
    /* bad UTF-8 is reported as by quote_extract, and the workspace goes on */
    assert_int_equal(quote_extract_with(ex, ws, "\"a\xFF\"", 4, 0, &res, &err), QUOTE_EUTF8);
    assert_int_equal(err.offset, 2);
    assert_int_equal(quote_extract_with(ex, ws, SIMPLE, strlen(SIMPLE), 0, &res, &err), QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    assert_string_equal(quote_result_get(res, 0)->speaker, "Maria Lopez");
    quote_result_free(res);
    quote_workspace_free(ws);
    quote_workspace_free(NULL);
    quote_extractor_free(ex);
}

/* A workspace belongs to one allocator: an extractor with another one is
 * refused; a workspace may be freed after its extractor. */
static void test_workspace_allocator(void **state)
{
    (void)state;
    counts c = {0, 0, 0};
    quote_allocator al = {count_malloc, count_free, &c};
    quote_options opt = QUOTE_OPTIONS_INIT;
    opt.allocator = &al;
    quote_extractor *counted = NULL, *plain = new_default();
    assert_int_equal(quote_extractor_new(&opt, &counted, NULL), QUOTE_OK);
    quote_workspace *ws = NULL;
    assert_int_equal(quote_workspace_new(counted, &ws, NULL), QUOTE_OK);
    quote_result *res = NULL;
    quote_error err;
    assert_int_equal(quote_extract_with(plain, ws, SIMPLE, strlen(SIMPLE), 0, &res, &err),
                     QUOTE_EINVAL);
    assert_null(res);
    assert_int_equal(quote_extract_with(counted, ws, SIMPLE, strlen(SIMPLE), 0, &res, &err),
                     QUOTE_OK);
    assert_int_equal(quote_result_count(res), 1);
    quote_result_free(res);
    quote_extractor_free(counted);
    quote_extractor_free(plain);
    quote_workspace_free(ws);
    assert_int_equal(c.live, 0);
    assert_int_equal(c.mallocs, c.frees);
}

static void test_reuse(void **state)
{
    (void)state;
    quote_extractor *ex = new_default();
    quote_result *r1 = NULL, *r2 = NULL;
    assert_int_equal(quote_extract(ex, SIMPLE, strlen(SIMPLE), 0, &r1, NULL), QUOTE_OK);
    assert_int_equal(quote_extract(ex, MAYOR, strlen(MAYOR), 0, &r2, NULL), QUOTE_OK);
    assert_int_equal(quote_result_count(r1), 1);
    assert_int_equal(quote_result_count(r2), 1);
    quote_result_free(r2);
    assert_string_equal(quote_result_get(r1, 0)->speaker, "Maria Lopez");
    quote_result_free(r1);
    quote_extractor_free(ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_new_null_out),
        cmocka_unit_test(test_new_bad_version),
        cmocka_unit_test(test_new_options_init),
        cmocka_unit_test(test_new_bad_allocator),
        cmocka_unit_test(test_custom_allocator_used),
        cmocka_unit_test(test_lexicon_bad_kind),
        cmocka_unit_test(test_lexicon_bad_kind_first_line),
        cmocka_unit_test(test_lexicon_adds_cue),
        cmocka_unit_test(test_lexicon_copied),
        cmocka_unit_test(test_extract_null_args),
        cmocka_unit_test(test_extract_empty),
        cmocka_unit_test(test_extract_not_terminated),
        cmocka_unit_test(test_extract_bad_utf8),
        cmocka_unit_test(test_lenient_offsets),
        cmocka_unit_test(test_result_access),
        cmocka_unit_test(test_result_no_speaker),
        cmocka_unit_test(test_free_null),
        cmocka_unit_test(test_extract_text),
        cmocka_unit_test(test_explain),
        cmocka_unit_test(test_no_headline),
        cmocka_unit_test(test_flags_combine),
        cmocka_unit_test(test_kind_name),
        cmocka_unit_test(test_reuse),
        cmocka_unit_test(test_workspace_args),
        cmocka_unit_test(test_workspace_allocator),
    };
    return cmocka_run_group_tests_name("api", tests, NULL, NULL);
}
