/*
 * test_pathological.c - huge and adversarial inputs (cmark's
 * test/pathological_tests.py, in C).
 *
 * Each input must give QUOTE_OK or a documented error code (QUOTE_ELIMIT,
 * and QUOTE_EUTF8 for bytes that are not UTF-8), never crash or hang, and
 * every span of a result must lie inside the input.  CTest's TIMEOUT bounds
 * the whole program; each case also reports its CPU time, and the inputs
 * that can be built at any size are checked to scale linearly: 4N bytes
 * must cost less than 12 times N bytes (CPU time, median of 3 runs, after
 * a warm-up run).  A linear extractor gives about 4, a quadratic one 16.
 *
 * The first paragraphs get extra work (headline detection): several
 * inputs below are one long paragraph so that this work is measured too.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libquote.h"

#define MB (1024u * 1024u)

/* ---- a growable byte buffer for the generators ---- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n > b->cap) {
        size_t ncap = b->cap ? b->cap : 4096;
        while (ncap < b->len + n)
            ncap *= 2;
        char *p = realloc(b->p, ncap);
        assert_non_null(p);
        b->p = p;
        b->cap = ncap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* Repeat s until the buffer holds at least n bytes. */
static void repeat_to(buf *b, const char *s, size_t n)
{
    size_t k = strlen(s);
    while (b->len < n)
        put(b, s, k);
}

#define LQ "\xE2\x80\x9C"  /* “ */
#define RQ "\xE2\x80\x9D"  /* ” */
#define LSQ "\xE2\x80\x98" /* ‘ */
#define RSQ "\xE2\x80\x99" /* ’ */

/* ---- generators: about n bytes each ---- */

static void gen_curly_opens(buf *b, size_t n)
{
    repeat_to(b, LQ, n);
}

static void gen_straight_doubles(buf *b, size_t n)
{
    repeat_to(b, "\"", n);
}

static void gen_straight_singles(buf *b, size_t n)
{
    repeat_to(b, "'", n);
}

static void gen_curly_pairs(buf *b, size_t n)
{
    repeat_to(b, LQ RQ, n);
}

static void gen_curly_pairs_words(buf *b, size_t n)
{
    repeat_to(b, LQ "a" RQ " ", n);
}

/* One paragraph of prose with quotes, no newline at all. */
static void gen_long_line(buf *b, size_t n)
{
    repeat_to(b,
              "The minister said the plan was " LQ "a disaster" RQ " and " LQ
              "We will not accept it," RQ " said Jane Roe, adding that talks would go on; ",
              n);
}

/* One quotation holding the whole text. */
static void gen_single_quote(buf *b, size_t n)
{
    puts_(b, LQ);
    repeat_to(b, "We will not accept it, and we will say so again and again. ", n);
    puts_(b, RQ " said Jane Roe.\n");
}

/* Paragraphs each opening with a mark never closed: one multi-paragraph
 * quotation running to the end. */
static void gen_multi_paragraph(buf *b, size_t n)
{
    repeat_to(b, LQ "We will go on\n", n);
}

static void gen_nesting(buf *b, size_t depth)
{
    for (size_t i = 0; i < depth; i++)
        puts_(b, i % 2 ? LSQ "Level " : LQ "Level ");
    puts_(b, "core");
    for (size_t i = depth; i-- > 0;)
        puts_(b, i % 2 ? RSQ : RQ);
    puts_(b, " said Jane Roe.\n");
}

static void gen_nesting_200(buf *b, size_t n)
{
    (void)n;
    gen_nesting(b, 200);
}

/* Distinct capitalised names, syllables coded from a number. */
static void put_name_word(buf *b, unsigned long v)
{
    static const char *const syl[] = {"ba", "ko", "ri", "te", "lu", "sa", "mi", "do",
                                      "ne", "fa", "gu", "po", "ve", "zi", "ha", "ju"};
    char w[32];
    size_t k = 0;
    do {
        const char *s = syl[v % 16];
        w[k++] = s[0];
        w[k++] = s[1];
        v /= 16;
    } while (v && k < sizeof w - 3);
    w[0] = (char)(w[0] - 'a' + 'A');
    w[k] = '\0';
    puts_(b, w);
}

static void gen_names(buf *b, size_t count)
{
    char num[32];
    for (size_t i = 0; i < count; i++) {
        put_name_word(b, i * 2654435761u % 1000003u + 256);
        puts_(b, " ");
        put_name_word(b, i + 4096);
        snprintf(num, sizeof num, "%zu", i % 1000);
        if (i % 10 == 0) {
            puts_(b, " said: " LQ "We need ");
            puts_(b, num);
            puts_(b, " more days." RQ " ");
        } else {
            puts_(b, " said the plan was fine. ");
        }
        if (i % 50 == 49)
            puts_(b, "\n");
    }
}

/* The same, in the "Name123 Surname456 said" style. */
static void gen_numbered_names(buf *b, size_t count)
{
    char s[96];
    for (size_t i = 0; i < count; i++) {
        snprintf(s, sizeof s, "%sName%zu Surname%zu said the plan was fine. ",
                 i % 40 == 0 ? "\n" : "", i, i * 7 + 3);
        puts_(b, s);
    }
}

static void gen_he_said(buf *b, size_t count)
{
    for (size_t i = 0; i < count; i++)
        puts_(b, LQ "Q," RQ " he said. ");
}

static void gen_he_said_paragraphs(buf *b, size_t count)
{
    for (size_t i = 0; i < count; i++)
        puts_(b, LQ "Q," RQ " he said.\n");
}

static void gen_nul(buf *b, size_t n)
{
    static const char zero[4096];
    while (b->len < n)
        put(b, zero, sizeof zero);
}

static void gen_nul_with_quotes(buf *b, size_t n)
{
    static const char s[] = "\0\0" LQ "Q,\0" RQ " he\0said.\0";
    while (b->len < n)
        put(b, s, sizeof s - 1);
}

/* Deterministic random bytes (xorshift64*). */
static void gen_random(buf *b, size_t n)
{
    uint64_t x = 0x9E3779B97F4A7C15u;
    char chunk[8];
    while (b->len < n) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        uint64_t v = x * 0x2545F4914F6CDD1Du;
        memcpy(chunk, &v, sizeof chunk);
        put(b, chunk, sizeof chunk);
    }
}

/* Random bytes drawn from the bytes the scanner cares about. */
static void gen_random_marks(buf *b, size_t n)
{
    static const char *const pieces[] = {LQ, RQ, LSQ, RSQ, "\"", "'", "''", " ", "\n",
                                         "a", "He", " said", ",", ".", "<a x=\"", ">"};
    uint64_t x = 0x1234567887654321u;
    while (b->len < n) {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        puts_(b, pieces[(x * 0x2545F4914F6CDD1Du) >> 60]);
    }
}

/* Invisible bidi controls (U+202A) and spaces before turned closing marks
 * at line starts: the mark classifier looks back over them. */
static void gen_bidi_turned_marks(buf *b, size_t n)
{
    repeat_to(b, "\n  \xE2\x80\xAA\xE2\x80\xAA\xE2\x80\xAA\xE2\x80\xAA\xE2\x80\xAA\xE2\x80\x9D a", n);
}

static void gen_newlines(buf *b, size_t n)
{
    repeat_to(b, "\n", n);
}

static void gen_spaces(buf *b, size_t n)
{
    repeat_to(b, " ", n);
}

static void gen_one_word(buf *b, size_t n)
{
    repeat_to(b, "a", n);
}

static void gen_tags(buf *b, size_t n)
{
    repeat_to(b, "<a href=\"x\" title='" LQ "'>", n);
}

static void gen_open_tags(buf *b, size_t n)
{
    puts_(b, "<a");
    repeat_to(b, " x=\"y\"", n);
}

/* An interview in questions and answers, and answers with no question
 * (interview_answer looks back for one). */
static void gen_interview(buf *b, size_t n)
{
    puts_(b, "Police Chief Dana Kim spoke with us on Tuesday.\n");
    repeat_to(b, "Q: Why?\nA: " LQ "Because it is so." RQ "\n", n);
}

static void gen_answers(buf *b, size_t n)
{
    puts_(b, "Police Chief Dana Kim spoke with us on Tuesday.\n");
    repeat_to(b, "A: " LQ "Because it is so." RQ "\n", n);
}

/* Descriptions referring back to earlier ones ("the official"). */
static void gen_descriptions(buf *b, size_t n)
{
    repeat_to(b, "A senior official said: " LQ "No." RQ " " LQ "Yes," RQ " the official added.\n", n);
}

static void gen_empty(buf *b, size_t n)
{
    (void)b;
    (void)n;
}

/* ---- running a case ---- */

typedef struct pcase {
    const char *name;
    void (*gen)(buf *b, size_t n);
    size_t size;       /* generator argument: bytes, or a count */
    uint32_t flags;
    bool may_be_utf8_error; /* QUOTE_EUTF8 is a correct answer */
    bool linear;       /* check 4N against N (size is N) */
} pcase;

static quote_extractor *ex;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Extract b with the shared extractor; checks the result; returns the CPU
 * seconds taken. */
static double run_one(const pcase *c, const buf *b)
{
    quote_result *res = NULL;
    quote_error err;
    double t0 = cpu_now();
    int rc = quote_extract(ex, b->len ? b->p : NULL, b->len, c->flags, &res, &err);
    double secs = cpu_now() - t0;
    if (rc == QUOTE_OK) {
        assert_non_null(res);
        size_t n = quote_result_count(res);
        for (size_t i = 0; i < n; i++) {
            const quote_quote *q = quote_result_get(res, i);
            assert_true(q->start <= q->end && q->end <= b->len);
            if (q->mention_start != QUOTE_NO_SPAN)
                assert_true(q->mention_start < q->mention_end && q->mention_end <= b->len);
            if (q->cue_start != QUOTE_NO_SPAN)
                assert_true(q->cue_start < q->cue_end && q->cue_end <= b->len);
            assert_true(q->confidence >= 0.0 && q->confidence <= 1.0);
            assert_non_null(q->rule);
        }
        quote_result_free(res);
        print_message("  %-34s %9zu bytes  %8.3f s  %zu quotes\n", c->name, b->len, secs, n);
    } else {
        assert_null(res);
        assert_int_equal(err.code, rc);
        if (!(rc == QUOTE_ELIMIT || (rc == QUOTE_EUTF8 && c->may_be_utf8_error)))
            fail_msg("%s: unexpected error %d (%s)", c->name, rc, err.message);
        print_message("  %-34s %9zu bytes  %8.3f s  error %d (%s)\n", c->name, b->len, secs,
                      rc, quote_strerror(rc));
    }
    return secs;
}

static double median3(double a, double b, double c)
{
    if (a > b) {
        double t = a;
        a = b;
        b = t;
    }
    return c < a ? a : c > b ? b : c;
}

static void run_case(void **state)
{
    const pcase *c = *state;
    buf small = {0};
    c->gen(&small, c->size);
    if (!c->linear) {
        run_one(c, &small);
        free(small.p);
        return;
    }
    buf large = {0};
    c->gen(&large, 4 * c->size);
    /* One untimed run of the large input first: the allocator then holds
     * the memory both sizes need, so that neither pays page faults the
     * other does not.  Then the two sizes alternate. */
    run_one(c, &large);
    double ts[3], tl[3];
    for (int i = 0; i < 3; i++) {
        ts[i] = run_one(c, &small);
        tl[i] = run_one(c, &large);
    }
    free(small.p);
    free(large.p);
    double t_small = median3(ts[0], ts[1], ts[2]), t_large = median3(tl[0], tl[1], tl[2]);
    /* Below a few milliseconds the ratio is noise: give the small run a
     * floor so that only a clear super-linear growth fails. */
    double floor = t_small > 0.005 ? t_small : 0.005;
    print_message("  %-34s 4N/N = %.1f\n", c->name, t_small > 0 ? t_large / t_small : 0.0);
    if (t_large > 12 * floor)
        fail_msg("%s: %.3f s for N, %.3f s for 4N: not linear", c->name, t_small, t_large);
}

static int setup(void **state)
{
    (void)state;
    return quote_extractor_new(NULL, &ex, NULL) == QUOTE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    quote_extractor_free(ex);
    return 0;
}

#define LENIENT QUOTE_OPT_LENIENT_UTF8

static const pcase cases[] = {
    {"2 MB of \xE2\x80\x9C", gen_curly_opens, 2 * MB, 0, false, false},
    {"\xE2\x80\x9C marks", gen_curly_opens, 256 * 1024, 0, false, true},
    {"2 MB of \"", gen_straight_doubles, 2 * MB, 0, false, false},
    {"\" marks", gen_straight_doubles, 256 * 1024, 0, false, true},
    {"2 MB of '", gen_straight_singles, 2 * MB, 0, false, false},
    {"' marks", gen_straight_singles, 256 * 1024, 0, false, true},
    {"2 MB of \xE2\x80\x9C\xE2\x80\x9D pairs", gen_curly_pairs, 2 * MB, 0, false, false},
    {"\xE2\x80\x9C" "a\xE2\x80\x9D pairs", gen_curly_pairs_words, 256 * 1024, 0, false, true},
    {"5 MB line without newline", gen_long_line, 5 * MB, 0, false, false},
    {"long line", gen_long_line, 256 * 1024, 0, false, true},
    {"5 MB single quotation", gen_single_quote, 5 * MB, 0, false, false},
    {"single quotation", gen_single_quote, 512 * 1024, 0, false, true},
    {"multi-paragraph quotation", gen_multi_paragraph, 256 * 1024, 0, false, true},
    {"200-level nesting", gen_nesting_200, 0, 0, false, false},
    {"100,000 distinct names", gen_names, 100000, 0, false, false},
    {"distinct names", gen_names, 10000, 0, false, true},
    {"100,000 NameN SurnameM said", gen_numbered_names, 100000, 0, false, false},
    {"50,000 \xE2\x80\x9CQ,\xE2\x80\x9D he said.", gen_he_said, 50000, 0, false, false},
    {"\xE2\x80\x9CQ,\xE2\x80\x9D he said.", gen_he_said, 5000, 0, false, true},
    {"50,000 he said paragraphs", gen_he_said_paragraphs, 50000, 0, false, false},
    {"interview answers", gen_interview, 256 * 1024, 0, false, true},
    {"answers without questions", gen_answers, 256 * 1024, 0, false, true},
    {"descriptions referring back", gen_descriptions, 256 * 1024, 0, false, true},
    {"1 MB of NUL", gen_nul, MB, 0, false, false},
    {"NUL with quotes", gen_nul_with_quotes, MB, 0, false, false},
    {"1 MB random bytes, lenient", gen_random, MB, LENIENT, false, false},
    {"1 MB random bytes, strict", gen_random, MB, 0, true, false},
    {"random bytes, lenient", gen_random, 256 * 1024, LENIENT, false, true},
    {"random marks and words", gen_random_marks, 256 * 1024, 0, false, true},
    {"empty input", gen_empty, 0, 0, false, false},
    {"bidi controls before turned marks", gen_bidi_turned_marks, 256 * 1024, 0, false, true},
    {"1 MB of newlines", gen_newlines, MB, 0, false, false},
    {"1 MB of spaces", gen_spaces, MB, 0, false, false},
    {"5 MB one word", gen_one_word, 5 * MB, 0, false, false},
    {"markup tags", gen_tags, 256 * 1024, 0, false, true},
    {"an unclosed markup tag", gen_open_tags, 256 * 1024, 0, false, true},
};

int main(void)
{
    struct CMUnitTest tests[sizeof cases / sizeof cases[0]];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct CMUnitTest t = {cases[i].name, run_case, NULL, NULL, (void *)&cases[i]};
        tests[i] = t;
    }
    return cmocka_run_group_tests(tests, setup, teardown);
}
