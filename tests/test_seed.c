/*
 * test_seed.c - the seed article seeds/000_ebd7c7ff42efc063.txt end to end:
 * its 12 quotations (the headline's and 11 in the body), their speakers,
 * mentions, kinds and entity numbers.
 *
 * Usage: test_seed [ARTICLE]  (default: ../seeds/000_ebd7c7ff42efc063.txt,
 * relative to tests/ where CTest runs it).
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

#define LSQ "\xe2\x80\x98" /* ‘ */
#define RSQ "\xe2\x80\x99" /* ’ */

static const char *path = "../seeds/000_ebd7c7ff42efc063.txt";

typedef struct seed {
    char *text;
    size_t len;
    quote_result *res;
} seed;

/* The expected quotations, in text order: a prefix of the content (or all
 * of it), and the canonical speaker. */
static const struct {
    const char *content;
    int whole; /* content is the whole quotation */
    const char *speaker;
} want[] = {
    {"We can talk to them... We do talk to them", 1, "Rex Tillerson"},
    {"We are probing, so stay tuned,", 1, "Rex Tillerson"},
    {"We ask, " LSQ "Would you like to talk?" RSQ " We have lines of communications", 0,
     "Rex Tillerson"},
    {"We can talk to them,", 1, "Rex Tillerson"},
    {"We do talk to them.", 1, "Rex Tillerson"},
    {"Directly,", 1, "Rex Tillerson"},
    {"We have our own channels.", 1, "Rex Tillerson"},
    {"We are not going to put together a nuclear deal in North Korea that is as flimsy as the "
     "one in Iran.",
     1, "Rex Tillerson"},
    {"The whole situation is a bit overheated right now,", 1, "Rex Tillerson"},
    {"If North Korea would stop firing its missiles, that would calm things down a lot.", 1,
     "Rex Tillerson"},
    {"they won" RSQ "t be around much longer,", 1, "Donald Trump"},
    {"I think everyone would like for it to calm down,", 1, "Rex Tillerson"},
};
#define NWANT (sizeof want / sizeof want[0])
#define TRUMP 10
#define CONTINUATION 9

static int setup(void **state)
{
    seed *s = calloc(1, sizeof *s);
    FILE *f = fopen(path, "rb");
    if (!s || !f) {
        fprintf(stderr, "cannot read %s\n", path);
        if (f)
            fclose(f);
        free(s);
        *state = NULL;
        return -1;
    }
    s->text = malloc(1 << 16);
    s->len = s->text ? fread(s->text, 1, 1 << 16, f) : 0;
    fclose(f);
    *state = s; /* teardown frees it, even when this fails */
    if (s->len == 0 || s->len == 1 << 16) {
        fprintf(stderr, "%s: empty or too large\n", path);
        return -1;
    }
    quote_error err;
    int rc = quote_extract_text(s->text, s->len, &s->res, &err);
    if (rc != QUOTE_OK) {
        fprintf(stderr, "quote_extract_text: %d %s\n", rc, err.message);
        return -1;
    }
    *state = s;
    return 0;
}

static int teardown(void **state)
{
    seed *s = *state;
    if (!s)
        return 0;
    quote_result_free(s->res);
    free(s->text);
    free(s);
    return 0;
}

static void dump(const seed *s)
{
    for (size_t i = 0; i < quote_result_count(s->res); i++) {
        const quote_quote *q = quote_result_get(s->res, i);
        print_message("  %2zu [%zu,%zu) %-12s %-14s %2d \"%.*s\"\n", i, q->start, q->end,
                      quote_kind_name(q->kind), q->speaker ? q->speaker : "-", q->entity,
                      (int)(q->end - q->start), s->text + q->start);
    }
}

static int content_is(const seed *s, const quote_quote *q, size_t i)
{
    size_t wl = strlen(want[i].content), ql = q->end - q->start;
    if (want[i].whole ? wl != ql : wl > ql)
        return 0;
    return memcmp(s->text + q->start, want[i].content, wl) == 0;
}

static void test_count(void **state)
{
    seed *s = *state;
    if (quote_result_count(s->res) != NWANT) {
        dump(s);
        fail_msg("%zu quotations, want %zu", quote_result_count(s->res), NWANT);
    }
}

static void test_contents(void **state)
{
    seed *s = *state;
    int bad = 0;
    for (size_t i = 0; i < NWANT && i < quote_result_count(s->res); i++) {
        const quote_quote *q = quote_result_get(s->res, i);
        if (!content_is(s, q, i)) {
            print_message("quote %zu: want \"%s\"%s, got \"%.*s\"\n", i, want[i].content,
                          want[i].whole ? "" : "...", (int)(q->end - q->start), s->text + q->start);
            bad++;
        }
    }
    if (bad)
        fail_msg("%d quotation(s) differ", bad);
    assert_int_equal(quote_result_count(s->res), NWANT);
}

static void test_headline(void **state)
{
    seed *s = *state;
    const quote_quote *q = quote_result_get(s->res, 0);
    assert_non_null(q);
    assert_true(content_is(s, q, 0));
    assert_string_equal(quote_kind_name(q->kind), "headline");
    for (size_t i = 1; i < quote_result_count(s->res); i++)
        assert_int_not_equal(quote_result_get(s->res, i)->kind, QUOTE_KIND_HEADLINE);
}

/* The inner 'Would you like to talk?' belongs to the outer quotation. */
static void test_nested(void **state)
{
    seed *s = *state;
    const char *inner = strstr(s->text, "Would you like to talk?");
    assert_non_null(inner);
    size_t at = (size_t)(inner - s->text), holders = 0;
    for (size_t i = 0; i < quote_result_count(s->res); i++) {
        const quote_quote *q = quote_result_get(s->res, i);
        if (q->start <= at && at < q->end) {
            holders++;
            assert_true(content_is(s, q, 2));
        }
    }
    assert_int_equal(holders, 1);
}

static void test_speakers(void **state)
{
    seed *s = *state;
    int bad = 0;
    for (size_t i = 0; i < NWANT && i < quote_result_count(s->res); i++) {
        const quote_quote *q = quote_result_get(s->res, i);
        if (!q->speaker || strcmp(q->speaker, want[i].speaker) != 0) {
            print_message("quote %zu \"%.30s...\": speaker \"%s\", want \"%s\"\n", i,
                          want[i].content, q->speaker ? q->speaker : "(none)", want[i].speaker);
            bad++;
        }
    }
    if (bad) {
        dump(s);
        fail_msg("%d speaker(s) differ", bad);
    }
    assert_int_equal(quote_result_count(s->res), NWANT);
}

static void expect_span(const seed *s, size_t b, size_t e, const char *w)
{
    if (b == QUOTE_NO_SPAN || e == QUOTE_NO_SPAN)
        fail_msg("no span, want \"%s\"", w);
    if (e - b != strlen(w) || memcmp(s->text + b, w, e - b) != 0)
        fail_msg("got \"%.*s\", want \"%s\"", (int)(e - b), s->text + b, w);
}

static void test_first_body_mention(void **state)
{
    seed *s = *state;
    const quote_quote *q = quote_result_get(s->res, 1);
    assert_non_null(q);
    assert_true(content_is(s, q, 1));
    expect_span(s, q->mention_start, q->mention_end, "Secretary of State Rex W");
    expect_span(s, q->cue_start, q->cue_end, "said");
}

static void test_trump(void **state)
{
    seed *s = *state;
    const quote_quote *q = quote_result_get(s->res, TRUMP);
    assert_non_null(q);
    assert_true(content_is(s, q, TRUMP));
    assert_non_null(q->speaker);
    assert_string_equal(q->speaker, "Donald Trump");
    /* A relative-clause attribution reports the span from the antecedent
     * to the relative pronoun: it names the person and marks the site. */
    expect_span(s, q->mention_start, q->mention_end, "Mr Trump, who");
}

static void test_continuation(void **state)
{
    seed *s = *state;
    const quote_quote *q = quote_result_get(s->res, CONTINUATION);
    assert_non_null(q);
    assert_true(content_is(s, q, CONTINUATION));
    assert_string_equal(quote_kind_name(q->kind), "continuation");
}

/* All of Tillerson's quotations share one entity; Trump's differs. */
static void test_entities(void **state)
{
    seed *s = *state;
    assert_int_equal(quote_result_count(s->res), NWANT);
    int tillerson = quote_result_get(s->res, 0)->entity;
    assert_true(tillerson >= 0);
    for (size_t i = 0; i < NWANT; i++) {
        const quote_quote *q = quote_result_get(s->res, i);
        if (i == TRUMP) {
            assert_true(q->entity >= 0);
            assert_int_not_equal(q->entity, tillerson);
        } else if (q->entity != tillerson) {
            dump(s);
            fail_msg("quote %zu: entity %d, want %d (Tillerson)", i, q->entity, tillerson);
        }
    }
}

int main(int argc, char **argv)
{
    if (argc > 1)
        path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_count),
        cmocka_unit_test(test_contents),
        cmocka_unit_test(test_headline),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_speakers),
        cmocka_unit_test(test_first_body_mention),
        cmocka_unit_test(test_trump),
        cmocka_unit_test(test_continuation),
        cmocka_unit_test(test_entities),
    };
    return cmocka_run_group_tests_name("seed", tests, setup, teardown);
}
