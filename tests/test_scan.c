/*
 * test_scan.c - quotation marks: which marks open and close a quotation,
 * apostrophes, nesting, multi-paragraph quotations, unclosed and stray
 * marks, markup, and the exact content spans (byte offsets, marks
 * excluded).  Every text here was written for this test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "libquote.h"

/* The marks as separate literals, so that a hex escape never swallows the
 * letter after it. */
#define LDQ "\xe2\x80\x9c"   /* “ */
#define RDQ "\xe2\x80\x9d"   /* ” */
#define LSQ "\xe2\x80\x98"   /* ‘ */
#define RSQ "\xe2\x80\x99"   /* ’ (also the apostrophe) */
#define LOW9D "\xe2\x80\x9e" /* „ */
#define LOW9S "\xe2\x80\x9a" /* ‚ */
#define LGUIL "\xc2\xab"     /* « */
#define RGUIL "\xc2\xbb"     /* » */
#define NBSP "\xc2\xa0"
#define LCORNER "\xe3\x80\x8c" /* 「 */
#define RCORNER "\xe3\x80\x8d" /* 」 */

static quote_extractor *EX;
static int g_bad; /* mismatches in the current test: all are reported */

/* End a test: fail when any check of it failed. */
static void finish(void)
{
    int bad = g_bad;
    g_bad = 0;
    if (bad)
        fail_msg("%d check(s) failed", bad);
}

static int setup(void **state)
{
    (void)state;
    return quote_extractor_new(NULL, &EX, NULL) == QUOTE_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    quote_extractor_free(EX);
    return 0;
}

static void dump(const char *text, const quote_result *res)
{
    print_message("  got %zu quote(s):\n", quote_result_count(res));
    for (size_t i = 0; i < quote_result_count(res); i++) {
        const quote_quote *q = quote_result_get(res, i);
        print_message("    [%zu,%zu) \"%.*s\"\n", q->start, q->end, (int)(q->end - q->start),
                      text + q->start);
    }
}

static quote_result *extract(const char *text)
{
    quote_result *res = NULL;
    quote_error err;
    int rc = quote_extract(EX, text, strlen(text), QUOTE_OPT_DEFAULT, &res, &err);
    if (rc != QUOTE_OK)
        fail_msg("quote_extract: %d %s", rc, err.message);
    /* invariants of every result */
    size_t prev_end = 0;
    for (size_t i = 0; i < quote_result_count(res); i++) {
        const quote_quote *q = quote_result_get(res, i);
        assert_true(q->start <= q->end);
        assert_true(q->end <= strlen(text));
        assert_true(q->start >= prev_end); /* in text order, disjoint */
        prev_end = q->end;
    }
    return res;
}

/* The text's quotations must be exactly the NULL-terminated list of
 * contents, in order.  Each content is located in the text (after the
 * previous one) so the spans are checked to the byte. */
static void expect_quotes(const char *text, ...)
{
    const char *want[32];
    size_t n = 0;
    va_list ap;
    va_start(ap, text);
    for (const char *w; (w = va_arg(ap, const char *)) != NULL;)
        want[n++] = w;
    va_end(ap);

    quote_result *res = extract(text);
    int ok = quote_result_count(res) == n;
    const char *from = text;
    for (size_t i = 0; ok && i < n; i++) {
        const char *at = strstr(from, want[i]);
        const quote_quote *q = quote_result_get(res, i);
        if (!at || q->start != (size_t)(at - text) || q->end != q->start + strlen(want[i]))
            ok = 0;
        else
            from = at + strlen(want[i]);
    }
    if (!ok) {
        print_message("text: \"%s\"\n  want %zu quote(s):\n", text, n);
        for (size_t i = 0; i < n; i++)
            print_message("    \"%s\"\n", want[i]);
        dump(text, res);
        g_bad++;
    }
    quote_result_free(res);
}

/* ---- the kinds of mark ------------------------------------------------ */

static void test_curly_double(void **state)
{
    (void)state;
    expect_quotes(LDQ "We will rebuild," RDQ " the mayor said.", "We will rebuild,", NULL);
    expect_quotes("The mayor said: " LDQ "We will rebuild." RDQ, "We will rebuild.", NULL);
    expect_quotes(LDQ "One," RDQ " she said, " LDQ "two." RDQ, "One,", "two.", NULL);
    finish();
}

static void test_straight_double(void **state)
{
    (void)state;
    expect_quotes("\"We will rebuild,\" the mayor said.", "We will rebuild,", NULL);
    expect_quotes("The mayor said: \"We will rebuild.\"", "We will rebuild.", NULL);
    expect_quotes("\"One,\" she said, \"two.\"", "One,", "two.", NULL);
    finish();
}

static void test_curly_single(void **state)
{
    (void)state;
    expect_quotes(LSQ "We will rebuild," RSQ " the mayor said.", "We will rebuild,", NULL);
    expect_quotes("Mayor: " LSQ "We will rebuild" RSQ, "We will rebuild", NULL);
    finish();
}

static void test_straight_single(void **state)
{
    (void)state;
    expect_quotes("'We will rebuild,' the mayor said.", "We will rebuild,", NULL);
    expect_quotes("Mayor: 'We will rebuild'", "We will rebuild", NULL);
    finish();
}

/* ---- apostrophes never open or close a quotation ----------------------- */

static void test_apostrophes_curly_inside(void **state)
{
    (void)state;
    expect_quotes(LSQ "We don" RSQ "t want it," RSQ " she said.", "We don" RSQ "t want it,", NULL);
    expect_quotes(LSQ "Trump" RSQ "s wall is a folly," RSQ " she said.",
                  "Trump" RSQ "s wall is a folly,", NULL);
    expect_quotes(LSQ "It felt like the " RSQ "90s again," RSQ " she said.",
                  "It felt like the " RSQ "90s again,", NULL);
    finish();
}

/* An apostrophe ending a word before more words ("goin’ home", "voters’
 * choice") does not close the single quotation: a later mark does. */
static void test_apostrophes_curly_word_final(void **state)
{
    (void)state;
    expect_quotes(LSQ "We are goin" RSQ " home now," RSQ " she said.",
                  "We are goin" RSQ " home now,", NULL);
    expect_quotes(LSQ "It is the voters" RSQ " choice," RSQ " she said.",
                  "It is the voters" RSQ " choice,", NULL);
    finish();
}

/* Apostrophes typed with the opening single mark: a possessive glued to
 * its word, an elided century. */
static void test_apostrophes_wrong_mark(void **state)
{
    (void)state;
    expect_quotes("On CBS" LSQ " program, she said, " LDQ "No," RDQ " and left.", "No,", NULL);
    expect_quotes("He said in " LSQ "08 that " LDQ "we won," RDQ " and in the " LSQ "90s too.",
                  "we won,", NULL);
    /* a real single quotation opening with a number still opens */
    expect_quotes(LSQ "2016 was a bad year," RSQ " she said.", "2016 was a bad year,", NULL);
    finish();
}

static void test_apostrophes_curly_narration(void **state)
{
    (void)state;
    expect_quotes("Trump" RSQ "s allies don" RSQ "t like the " RSQ "90s revival, and voters" RSQ
                  " patience is goin" RSQ " thin.",
                  NULL);
    expect_quotes("Trump" RSQ "s allies don" RSQ "t like it. " LDQ "Fine," RDQ
                  " the voters" RSQ " group said.",
                  "Fine,", NULL);
    /* a double quotation containing apostrophes */
    expect_quotes(LDQ "We don" RSQ "t know the voters" RSQ " mood," RDQ " she said.",
                  "We don" RSQ "t know the voters" RSQ " mood,", NULL);
    finish();
}

static void test_apostrophes_straight(void **state)
{
    (void)state;
    expect_quotes("'We don't want it,' she said.", "We don't want it,", NULL);
    expect_quotes("'Trump's wall is a folly,' she said.", "Trump's wall is a folly,", NULL);
    expect_quotes("Trump's allies don't like the '90s revival. \"Fine,\" he said.", "Fine,", NULL);
    expect_quotes("The voters' patience is goin' thin, he said.", NULL);
    expect_quotes("\"We don't know the voters' mood,\" she said.",
                  "We don't know the voters' mood,", NULL);
    finish();
}

/* ---- other scripts' marks ---------------------------------------------- */

static void test_guillemets(void **state)
{
    (void)state;
    expect_quotes(LGUIL "Nous resterons" RGUIL ", a-t-elle dit.", "Nous resterons", NULL);
    /* French spacing: the inner spaces are not content */
    expect_quotes(LGUIL " Nous resterons " RGUIL ", a-t-elle dit.", "Nous resterons", NULL);
    expect_quotes(LGUIL NBSP "Nous resterons" NBSP RGUIL ", a-t-elle dit.", "Nous resterons",
                  NULL);
    /* German reversed guillemets */
    expect_quotes(RGUIL "Wir bleiben hier" LGUIL ", sagte sie.", "Wir bleiben hier", NULL);
    finish();
}

static void test_low9(void **state)
{
    (void)state;
    expect_quotes(LOW9D "Wir bleiben hier" LDQ ", sagte sie.", "Wir bleiben hier", NULL);
    expect_quotes(LOW9D "Wir bleiben hier" RDQ ", sagte sie.", "Wir bleiben hier", NULL);
    expect_quotes(LOW9S "Wir bleiben" LSQ ", sagte sie.", "Wir bleiben", NULL);
    expect_quotes("Sie sagte: " LOW9D "Wir bleiben hier." LDQ " Dann ging sie.",
                  "Wir bleiben hier.", NULL);
    finish();
}

static void test_corner_brackets(void **state)
{
    (void)state;
    /* 「我们留下」他说。 */
    expect_quotes(LCORNER "\xe6\x88\x91\xe4\xbb\xac\xe7\x95\x99\xe4\xb8\x8b" RCORNER
                  "\xe4\xbb\x96\xe8\xaf\xb4\xe3\x80\x82",
                  "\xe6\x88\x91\xe4\xbb\xac\xe7\x95\x99\xe4\xb8\x8b", NULL);
    finish();
}

/* ---- nesting ------------------------------------------------------------ */

static void test_nested(void **state)
{
    (void)state;
    expect_quotes(LDQ "We ask, " LSQ "Would you like to talk?" RSQ " We wait," RDQ " he said.",
                  "We ask, " LSQ "Would you like to talk?" RSQ " We wait,", NULL);
    expect_quotes(LDQ "She told me " LSQ "never again" RSQ "," RDQ " he said.",
                  "She told me " LSQ "never again" RSQ ",", NULL);
    expect_quotes("\"He told me 'never again' twice,\" she said.",
                  "He told me 'never again' twice,", NULL);
    expect_quotes(LGUIL "Il a dit " LDQ "non" RDQ " hier" RGUIL ", a-t-elle dit.",
                  "Il a dit " LDQ "non" RDQ " hier", NULL);
    /* the inner quotation ends the outer one's content */
    expect_quotes(LDQ "They shouted " LSQ "Go home!" RSQ RDQ " she said.",
                  "They shouted " LSQ "Go home!" RSQ, NULL);
    finish();
}

/* ---- quotations over several paragraphs -------------------------------- */

static void test_multi_paragraph(void **state)
{
    (void)state;
    expect_quotes(LDQ "First part of the statement.\n" LDQ "Second part.\n" LDQ
                  "Third and last," RDQ " she said.",
                  "First part of the statement.\n" LDQ "Second part.\n" LDQ "Third and last,",
                  NULL);
    /* paragraphs separated by blank lines, and a quotation after it */
    expect_quotes("The minister spoke first.\n\n" LDQ "We built this.\n\n" LDQ
                  "We will keep it." RDQ "\n\nThe crowd cheered. " LDQ "Bravo," RDQ
                  " one man said.",
                  "We built this.\n\n" LDQ "We will keep it.", "Bravo,", NULL);
    /* the same with straight marks */
    expect_quotes("\"We built this.\n\"We will keep it,\" she said.",
                  "We built this.\n\"We will keep it,", NULL);
    /* CRLF line ends */
    expect_quotes(LDQ "We built this.\r\n" LDQ "We will keep it," RDQ " she said.",
                  "We built this.\r\n" LDQ "We will keep it,", NULL);
    finish();
}

/* ---- unclosed and stray marks ------------------------------------------ */

static void test_unclosed(void **state)
{
    (void)state;
    /* An unclosed quotation ends at the end of its paragraph. */
    expect_quotes(LDQ "This never closes, she said.\nOfficials declined to comment.\n" LDQ
                  "Found," RDQ " he said.",
                  "This never closes, she said.", "Found,", NULL);
    expect_quotes("He wrote " LDQ "this never closes\n\nLater, " LDQ "Found," RDQ " he said.",
                  "this never closes", "Found,", NULL);
    finish();
}

/* Stray marks may make a quotation of their own paragraph at most. */
static void test_stray(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "The sign had a stray " LDQ " mark on it.\nOfficials declined to comment.\n" LDQ
        "Found," RDQ " he said.\nShe called it " LDQ "fine" RDQ " later.",
        "A stray " RDQ " closing mark.\nOfficials declined to comment.\n" LDQ "Found," RDQ
        " he said.\nShe called it " LDQ "fine" RDQ " later.",
        "Some " LGUIL "stray guillemet and " LSQ "a single\nOfficials declined to comment.\n" LDQ
        "Found," RDQ " he said.\nShe called it " LDQ "fine" RDQ " later.",
        "Odd \" straight mark.\nOfficials declined to comment.\n" LDQ "Found," RDQ
        " he said.\nShe called it " LDQ "fine" RDQ " later.",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const char *text = texts[t];
        quote_result *res = extract(text);
        size_t n = quote_result_count(res);
        int ok = n >= 2;
        for (size_t i = 0; ok && i < n; i++) {
            const quote_quote *q = quote_result_get(res, i);
            if (memchr(text + q->start, '\n', q->end - q->start))
                ok = 0; /* no quotation crosses a paragraph here */
        }
        if (ok) {
            const quote_quote *a = quote_result_get(res, n - 2), *b = quote_result_get(res, n - 1);
            const char *fa = strstr(text, LDQ "Found,") + 3, *fb = strstr(text, "fine");
            ok = a->start == (size_t)(fa - text) && a->end == a->start + 6 &&
                 b->start == (size_t)(fb - text) && b->end == b->start + 4;
        }
        if (!ok) {
            print_message("text %zu: \"%s\"\n  want ... \"Found,\" \"fine\"\n", t, text);
            dump(text, res);
            g_bad++;
        }
        quote_result_free(res);
    }
    finish();
}

/* ---- things that are not quotations ------------------------------------ */

static void test_markup(void **state)
{
    (void)state;
    expect_quotes("<tweet author=\"x\" lang=\"en\">" LDQ "Real words," RDQ
                  " she wrote.</tweet>",
                  "Real words,", NULL);
    expect_quotes("<p class=\"lead\">" LDQ "Real words," RDQ " she wrote.</p>\n"
                  "<a href='https://example.org/a'>link</a>",
                  "Real words,", NULL);
    expect_quotes("<blockquote cite=\"https://example.org/\">\"Real words,\" she wrote."
                  "</blockquote>",
                  "Real words,", NULL);
    finish();
}

static void test_feet_inches(void **state)
{
    (void)state;
    expect_quotes("The 6" RSQ "2" RDQ " forward scored twice. " LDQ "Great game," RDQ " he said.",
                  "Great game,", NULL);
    expect_quotes("The 6'2\" forward scored twice. \"Great game,\" he said.", "Great game,", NULL);
    expect_quotes("A 5" RSQ "11" RDQ " guard and a 7" RSQ "0" RDQ " centre.", NULL);
    finish();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_curly_double),
        cmocka_unit_test(test_straight_double),
        cmocka_unit_test(test_curly_single),
        cmocka_unit_test(test_straight_single),
        cmocka_unit_test(test_apostrophes_curly_inside),
        cmocka_unit_test(test_apostrophes_curly_word_final),
        cmocka_unit_test(test_apostrophes_curly_narration),
        cmocka_unit_test(test_apostrophes_wrong_mark),
        cmocka_unit_test(test_apostrophes_straight),
        cmocka_unit_test(test_guillemets),
        cmocka_unit_test(test_low9),
        cmocka_unit_test(test_corner_brackets),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_multi_paragraph),
        cmocka_unit_test(test_unclosed),
        cmocka_unit_test(test_stray),
        cmocka_unit_test(test_markup),
        cmocka_unit_test(test_feet_inches),
    };
    return cmocka_run_group_tests_name("scan", tests, setup, teardown);
}
