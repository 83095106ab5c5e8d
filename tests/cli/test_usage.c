/* test_usage.c - --help, --version and command-line errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "libquote.h"
#include "tests.h"

/* Every long option, as --help and the man page must list it. */
static const char *const OPTIONS[] = {
    "format", "input", "color", "lexicon", "min-confidence", "lenient-utf8", "explain",
    "no-headline", "jobs", "progress", "help", "version", NULL,
};

void test_help(void)
{
    const char *variants[] = {"--help", "-h"};
    for (size_t v = 0; v < 2; v++) {
        run_result r = RUN(NULL, 0, variants[v], NULL);
        CHECKF(r.status == 0, "%s: status %d", variants[v], r.status);
        CHECK(r.err_len == 0);
        CHECK(contains(r.out, "Usage: quotedump"));
        for (size_t i = 0; OPTIONS[i]; i++) {
            char opt[64];
            snprintf(opt, sizeof opt, "--%s", OPTIONS[i]);
            CHECKF(contains(r.out, opt), "--help does not mention %s", opt);
        }
        CHECK(contains(r.out, "Exit status"));
        run_free(&r);
    }
    /* --help wins over the files that follow it: nothing is read. */
    run_result r = RUN(NULL, 0, "--help", "/nonexistent/file", NULL);
    CHECK(r.status == 0);
    CHECK(r.err_len == 0);
    run_free(&r);
}

void test_version(void)
{
    char want[128];
    snprintf(want, sizeof want, "quotedump %s\n", quote_version());
    const char *variants[] = {"--version", "-V"};
    for (size_t v = 0; v < 2; v++) {
        run_result r = RUN(NULL, 0, variants[v], NULL);
        CHECK(r.status == 0);
        CHECKF(strcmp(r.out, want) == 0, "got \"%s\"", r.out);
        CHECK(r.err_len == 0);
        run_free(&r);
    }
}

void test_usage_errors(void)
{
    static const char *const bad[][4] = {
        {"--bogus", NULL},
        {"-x", NULL},
        {"--format", NULL},           /* missing argument */
        {"--format=xml", NULL},
        {"-f", "yaml", NULL},
        {"--input=csv", NULL},
        {"-j", "0", NULL},
        {"-j", "many", NULL},
        {"--jobs=2x", NULL},
        {"--jobs=100000", NULL},
        {"--min-confidence=high", NULL},
        {"--min-confidence=nan", NULL},
        {"--min-confidence=", NULL},
        {"--color=sometimes", NULL},
        {"--explain=yes", NULL},      /* takes no argument */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        run_result r = run_qd("", 0, NULL, bad[i]);
        CHECKF(r.status == 2, "%s %s: status %d", bad[i][0], bad[i][1] ? bad[i][1] : "",
               r.status);
        CHECKF(r.out_len == 0, "%s: wrote to stdout", bad[i][0]);
        CHECKF(contains(r.err, "Try 'quotedump --help' for more information."), "%s: stderr %s",
               bad[i][0], r.err);
        CHECKF(strncmp(r.err, "quotedump: ", 11) == 0, "%s: stderr %s", bad[i][0], r.err);
        run_free(&r);
    }
}

/* Options that are valid must not be usage errors (exit 0 on good input). */
void test_options_accepted(void)
{
    static const char *const good[][6] = {
        {"--no-headline", NULL},
        {"--explain", NULL},
        {"--lenient-utf8", NULL},
        {"--min-confidence", "0.5", NULL},
        {"--min-confidence=-1", NULL},
        {"--color", NULL},
        {"--color=never", NULL},
        {"--colour=auto", NULL},
        {"-j", "3", NULL},
        {"--jobs=1", NULL},
        {"-i", "text", "-f", "tsv", NULL},
        {"--input=jsonl", "--format=jsonl", NULL},
        {"--", "-", NULL},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        run_result r = run_qd("", 0, NULL, good[i]);
        CHECKF(r.status == 0, "%s: status %d, stderr %s", good[i][0], r.status, r.err);
        run_free(&r);
    }
}

/* The man page documents every option. */
void test_man_page(void)
{
    size_t len;
    char *man = read_file(env.man_page, &len);
    REQUIRE(man != NULL);
    for (size_t i = 0; OPTIONS[i]; i++) {
        char opt[80];
        /* roff writes "--min-confidence" as "\-\-min\-confidence". */
        size_t k = (size_t)snprintf(opt, sizeof opt, "\\-\\-");
        for (const char *p = OPTIONS[i]; *p && k + 3 < sizeof opt; p++) {
            if (*p == '-')
                opt[k++] = '\\';
            opt[k++] = *p;
        }
        opt[k] = '\0';
        CHECKF(contains(man, opt), "man page does not document %s", opt);
    }
    CHECK(contains(man, ".SH \"EXIT STATUS\""));
    free(man);
}
