/*
 * test_layouts.c - the layouts' prefilters agree with their patterns.
 *
 * attribute.c skips a layout's PCRE2 call when layout_may_match() says the
 * window cannot match: too short, or without the tags that the layout's
 * needs, within and requires fields (patterns.c) say its pattern must find.
 * Those fields restate the patterns by hand, so a pattern edited without
 * them would silently lose matches.  This test runs every layout over many
 * random tag strings shaped like its windows (a trailer starts at its quote
 * token, a lead-in or headline window ends at it) and checks that whenever
 * the pattern matches, the prefilter lets it through - and that each layout
 * matched often enough for the check to mean something.
 *
 * The run fields (layout_info.run, run_max) restate them too: with them
 * layout_match() tries a pattern at some starts only, and must find what
 * pcre2_match() finds trying them all - the same match, groups and all;
 * and run_next, with which it skips the runs that the pattern cannot go on
 * after.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "internal.h"

#define ROUNDS 200000 /* random windows per layout */
#define MIN_MATCHES 20

/* Pieces of tag strings, weighted towards what articles hold: names, cues,
 * commas, the small words of attributions. */
static const char *const pieces[] = {
    "N",  "NN", "TN", "TNN", "IN", "DwN", "Dr", "rN", "P",  "C",  "C",  "K", ",", ",",
    ":",  "c",  "a",  "v",   "x",  "o",   "oD", "e",  "R",  "t",  "G",  "Go", "d", "w",
    "ww", "r",  "D",  "-",   "(",  ")",   "q",  "y",  "av", "ve", "wo", "Dw", "oN", "N:", "CN",
};

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rnd(uint32_t n)
{
    /* xorshift64*: deterministic, so a failure can be replayed */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1Du) >> 33) % n;
}

/* A random window for a layout of the given site into buf; its length. */
static size_t random_window(enum layout_site site, char *buf, size_t cap)
{
    size_t n = 0, want = 1 + rnd(rnd(2) ? 8 : 30); /* short ones often */
    if (site == SITE_TRAILER)
        buf[n++] = rnd(2) ? 'Q' : 'q';
    while (n < want && n + 4 < cap) {
        const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
        size_t len = strlen(p);
        memcpy(buf + n, p, len);
        n += len;
    }
    if (site == SITE_TRAILER && rnd(3) == 0)
        buf[n++] = rnd(2) ? '.' : '|';
    if (site == SITE_LEADIN || site == SITE_PARAGRAPH)
        buf[n++] = rnd(2) ? 'Q' : 'q';
    buf[n] = '\0';
    return n;
}

static void test_prefilters_keep_matches(void **state)
{
    (void)state;
    quote_extractor *ex = NULL;
    assert_int_equal(quote_extractor_new(NULL, &ex, NULL), QUOTE_OK);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    assert_non_null(md);
    for (int l = 0; l < LAYOUT_COUNT; l++) {
        int matches = 0, skipped = 0;
        for (int r = 0; r < ROUNDS; r++) {
            char buf[160] = {0}; /* PCRE2's JIT may read a few bytes past the window */
            size_t n = random_window(quote_layouts[l].site, buf, sizeof buf - 2);
            int rc = pcre2_match(ex->layouts[l], (PCRE2_SPTR)buf, n, 0, 0, md, NULL);
            bool may = layout_may_match(ex, l, buf, n, tag_set(buf, 0, n));
            skipped += !may;
            if (rc < 0)
                continue;
            matches++;
            if (!may)
                fail_msg("layout %s matches \"%s\" but its prefilter skips it",
                         quote_layouts[l].name, buf);
        }
        print_message("%-26s %6d matches, %6d of %d windows skipped\n", quote_layouts[l].name,
                      matches, skipped, ROUNDS);
        if (matches < MIN_MATCHES)
            fail_msg("layout %s matched only %d random windows: extend the pieces",
                     quote_layouts[l].name, matches);
    }
    pcre2_match_data_free(md);
    quote_extractor_free(ex);
}

static void test_run_starts_keep_matches(void **state)
{
    (void)state;
    quote_extractor *ex = NULL;
    assert_int_equal(quote_extractor_new(NULL, &ex, NULL), QUOTE_OK);
    pcre2_match_data *md = pcre2_match_data_create(8, NULL);
    pcre2_match_data *ref = pcre2_match_data_create(8, NULL);
    assert_non_null(md);
    assert_non_null(ref);
    for (int l = 0; l < LAYOUT_COUNT; l++) {
        if (!quote_layouts[l].run)
            continue;
        /* layout_match() skips the runs after the last needs tag, which
         * only holds when no run tag is one */
        if (!quote_layouts[l].run_next || (ex->layout_run[l] & ex->layout_needs[l]))
            fail_msg("layout %s: no run_next, or a run tag among its needs",
                     quote_layouts[l].name);
        int late = 0; /* matches not at the window's start */
        for (int r = 0; r < ROUNDS; r++) {
            char buf[160] = {0};
            size_t n = random_window(quote_layouts[l].site, buf, sizeof buf - 2);
            int want = pcre2_match(ex->layouts[l], (PCRE2_SPTR)buf, n, 0, 0, ref, NULL);
            int got = layout_match(ex, l, buf, n, md);
            if (got != want)
                fail_msg("layout %s on \"%s\": %d, not %d", quote_layouts[l].name, buf, got, want);
            if (want < 0)
                continue;
            const PCRE2_SIZE *a = pcre2_get_ovector_pointer(ref), *b = pcre2_get_ovector_pointer(md);
            for (int g = 0; g < 2 * want; g++)
                if (a[g] != b[g])
                    fail_msg("layout %s on \"%s\": group %d differs", quote_layouts[l].name, buf,
                             g / 2);
            late += a[0] > 0;
        }
        print_message("%-26s %6d matches after the window's start\n", quote_layouts[l].name, late);
        if (late < MIN_MATCHES)
            fail_msg("layout %s matched only %d random windows after their start",
                     quote_layouts[l].name, late);
    }
    pcre2_match_data_free(ref);
    pcre2_match_data_free(md);
    quote_extractor_free(ex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prefilters_keep_matches),
        cmocka_unit_test(test_run_starts_keep_matches),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
