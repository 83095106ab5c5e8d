/*
 * quotebench - throughput of libquote on a corpus of articles.
 *
 * usage: quotebench [--repeat N] [--jsonl] FILE...
 *
 * Loads every article (a plain file is one article; with --jsonl each line
 * of a file is a JSON Lines record {"id": ..., "text": ...}), then times,
 * N passes over the whole corpus each:
 *
 *   reference   a bare PCRE2-JIT scan for quotation marks, counting matches:
 *               the floor any mark-based extractor pays;
 *   extract     quote_extract() on every article with one shared extractor
 *               (the full library call, as users make it), and
 *               quote_extract_with() with one workspace for the whole loop
 *               (as batch programs and quotedump make it);
 *   phases      the steps of quote_extract() timed one by one: UTF-8
 *               validation, mark scan, tokenizing, name collection,
 *               attribution, result building.  The public API has no
 *               phase timing, so quotebench is linked against a static copy
 *               of the library and runs its internal pipeline,
 *               extract_run(), with a hook called after each phase.
 *
 * Each figure is the median pass (the best pass is shown too), after one
 * untimed warm-up pass.  Peak RSS is getrusage()'s ru_maxrss,
 * reported after loading and at the end.
 *
 * Exit status: 0 ok, 1 runtime error (unreadable file, extraction error),
 * 2 usage error.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifdef QUOTEBENCH_HAVE_JANSSON
#include <jansson.h>
#endif

#include "internal.h"
#include "libquote.h"

enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

typedef struct article {
    char *text;
    size_t len;
    int valid_utf8;
} article;

typedef struct corpus {
    article *items;
    size_t count, cap;
    size_t bytes;
} corpus;

static const char *progname = "quotebench";

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return -1;
    return ru.ru_maxrss; /* KiB on Linux */
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ---- loading ---- */

static int corpus_add(corpus *c, char *text, size_t len)
{
    if (c->count == c->cap) {
        size_t ncap = c->cap ? 2 * c->cap : 256;
        article *p = realloc(c->items, ncap * sizeof *p);
        if (!p)
            return -1;
        c->items = p;
        c->cap = ncap;
    }
    article *a = &c->items[c->count++];
    a->text = text;
    a->len = len;
    a->valid_utf8 = utf8_first_invalid((const unsigned char *)text, len) == len;
    c->bytes += len;
    return 0;
}

static int load_plain(corpus *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) {
            fclose(f);
            fprintf(stderr, "%s: %s: out of memory\n", progname, path);
            return -1;
        }
        len += fread(buf + len, 1, cap - len, f);
        if (len < cap)
            break;
        cap *= 2;
        char *p = realloc(buf, cap);
        if (!p)
            free(buf);
        buf = p;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        fprintf(stderr, "%s: %s: read error\n", progname, path);
        free(buf);
        return -1;
    }
    if (corpus_add(c, buf, len) != 0) {
        free(buf);
        fprintf(stderr, "%s: out of memory\n", progname);
        return -1;
    }
    return 0;
}

static int load_jsonl(corpus *c, const char *path)
{
#ifdef QUOTEBENCH_HAVE_JANSSON
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", progname, path, strerror(errno));
        return -1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long lineno = 0;
    int rc = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        lineno++;
        size_t k = (size_t)n;
        while (k > 0 && (line[k - 1] == '\n' || line[k - 1] == '\r' || line[k - 1] == ' '))
            k--;
        if (k == 0)
            continue;
        json_error_t jerr;
        json_t *rec = json_loadb(line, k, JSON_ALLOW_NUL, &jerr);
        json_t *text = rec ? json_object_get(rec, "text") : NULL;
        if (!rec || !json_is_string(text)) {
            fprintf(stderr, "%s: %s:%lu: %s\n", progname, path, lineno,
                    rec ? "no \"text\" string" : jerr.text);
            json_decref(rec);
            rc = -1;
            break;
        }
        size_t tl = json_string_length(text);
        char *copy = malloc(tl ? tl : 1);
        if (copy)
            memcpy(copy, json_string_value(text), tl);
        json_decref(rec);
        if (!copy || corpus_add(c, copy, tl) != 0) {
            free(copy);
            fprintf(stderr, "%s: out of memory\n", progname);
            rc = -1;
            break;
        }
    }
    free(line);
    fclose(f);
    return rc;
#else
    (void)c;
    fprintf(stderr, "%s: %s: built without Jansson: --jsonl is not available\n", progname,
            path);
    return -1;
#endif
}

/* ---- (a) reference: a bare PCRE2-JIT scan for quotation marks ---- */

static int bench_reference(const corpus *c, int repeat, double *times, size_t *marks)
{
    static const char pattern[] = "[\"'\\x{AB}\\x{BB}\\x{2018}-\\x{201F}]";
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &ec,
                                   &eo, NULL);
    if (!re) {
        fprintf(stderr, "%s: reference pattern does not compile\n", progname);
        return -1;
    }
    int jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
    pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
    if (!md) {
        pcre2_code_free(re);
        return -1;
    }
    if (!jit)
        fprintf(stderr, "%s: note: PCRE2 JIT unavailable, reference uses the interpreter\n",
                progname);
    for (int r = -1; r < repeat; r++) { /* pass -1 warms up, untimed */
        size_t count = 0;
        double t0 = now();
        for (size_t i = 0; i < c->count; i++) {
            const article *a = &c->items[i];
            if (!a->valid_utf8)
                continue; /* NO_UTF_CHECK needs valid UTF-8 */
            PCRE2_SIZE pos = 0;
            while (pos < a->len && pcre2_match(re, (PCRE2_SPTR)a->text, a->len, pos,
                                               PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
                pos = pcre2_get_ovector_pointer(md)[1];
                count++;
            }
        }
        if (r >= 0)
            times[r] = now() - t0;
        *marks = count;
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
    return 0;
}

/* ---- (b) the full library call ---- */

/* (ws: NULL for quote_extract(), else quote_extract_with() and ws) */
static int bench_extract(const quote_extractor *ex, quote_workspace *ws, const corpus *c,
                         int repeat, uint32_t flags, double *times, size_t *quotes,
                         size_t *failures)
{
    for (int r = -1; r < repeat; r++) { /* pass -1 warms up, untimed */
        size_t count = 0, failed = 0;
        double t0 = now();
        for (size_t i = 0; i < c->count; i++) {
            quote_result *res;
            const char *text = c->items[i].text;
            size_t len = c->items[i].len;
            int rc = ws ? quote_extract_with(ex, ws, text, len, flags, &res, NULL)
                        : quote_extract(ex, text, len, flags, &res, NULL);
            if (rc != QUOTE_OK) {
                failed++;
                continue;
            }
            count += quote_result_count(res);
            quote_result_free(res);
        }
        if (r >= 0)
            times[r] = now() - t0;
        *quotes = count;
        *failures = failed;
    }
    return 0;
}

/* ---- (c) phases: quote_extract()'s pipeline with a timing hook ---- */

#define PH_COUNT PHASE_COUNT

static const char *const phase_names[PH_COUNT] = {
    [PHASE_UTF8] = "utf8 validation", [PHASE_SCAN] = "mark scan",
    [PHASE_TOKENS] = "tokenize",      [PHASE_NAMES] = "names",
    [PHASE_ATTRIBUTE] = "attribution", [PHASE_RESULT] = "result + cleanup",
};

/* The library's pipeline calls this after each phase: add the time since
 * the previous call to that phase. */
typedef struct phase_clock {
    double last;
    double *t;
} phase_clock;

static void on_phase(enum extract_phase phase, void *ctx)
{
    phase_clock *pc = ctx;
    double t = now();
    pc->t[phase] += t - pc->last;
    pc->last = t;
}

/* One article, adding each phase's time to t[].  Returns the quote count
 * or a negative QUOTE_E* code. */
static long extract_phased(const quote_extractor *ex, quote_workspace *ws, const char *text,
                           size_t len, uint32_t flags, double t[PH_COUNT])
{
    phase_clock pc = {now(), t};
    quote_result *res = NULL;
    int rc = extract_run(ex, ws, text, len, flags, &res, NULL, on_phase, &pc);
    if (rc != QUOTE_OK)
        return rc;
    long n = (long)quote_result_count(res);
    quote_result_free(res);
    return n;
}

/* (with the workspace ws, as quote_extract_with()) */
static int bench_phases(const quote_extractor *ex, quote_workspace *ws, const corpus *c,
                        int repeat, uint32_t flags, double *pass_times,
                        double phase_med[PH_COUNT], size_t *quotes)
{
    double *per = malloc((size_t)repeat * PH_COUNT * sizeof *per);
    double *col = malloc((size_t)repeat * sizeof *col);
    if (!per || !col) {
        free(per);
        free(col);
        return -1;
    }
    for (int r = 0; r < repeat; r++) {
        double t[PH_COUNT] = {0};
        size_t count = 0;
        double t0 = now();
        for (size_t i = 0; i < c->count; i++) {
            long n = extract_phased(ex, ws, c->items[i].text, c->items[i].len, flags, t);
            if (n > 0)
                count += (size_t)n;
        }
        pass_times[r] = now() - t0;
        memcpy(per + (size_t)r * PH_COUNT, t, sizeof t);
        *quotes = count;
    }
    for (int p = 0; p < PH_COUNT; p++) {
        for (int r = 0; r < repeat; r++)
            col[r] = per[(size_t)r * PH_COUNT + (size_t)p];
        phase_med[p] = median(col, (size_t)repeat);
    }
    free(per);
    free(col);
    return 0;
}

/* ---- report ---- */

/* Prints the median pass (and the best) of times[0, n); returns the median. */
static double report_line(const char *what, double *times, size_t n, const corpus *c,
                          size_t quotes, int with_quotes)
{
    double secs = median(times, n), best = times[0]; /* sorted by median() */
    double mb = (double)c->bytes / 1e6;
    printf("%-22s %9.3f ms (best %9.3f) %9.2f MB/s %10.0f articles/s", what, secs * 1e3,
           best * 1e3, secs > 0 ? mb / secs : 0.0, secs > 0 ? (double)c->count / secs : 0.0);
    if (with_quotes)
        printf(" %11.0f quotes/s", secs > 0 ? (double)quotes / secs : 0.0);
    printf("\n");
    return secs;
}

static void usage(FILE *out)
{
    fprintf(out,
            "usage: %s [--repeat N] [--jsonl] [--lenient] FILE...\n"
            "\n"
            "Time libquote on a corpus: a bare PCRE2-JIT quotation-mark scan (reference),\n"
            "quote_extract() with one shared extractor, and its phases.\n"
            "\n"
            "  -r, --repeat N  passes over the corpus per measurement (default 5);\n"
            "                  figures are the median pass, after a warm-up pass\n"
            "  -j, --jsonl     FILEs are JSON Lines of {\"id\": ..., \"text\": ...}\n"
            "  -l, --lenient   extract with QUOTE_OPT_LENIENT_UTF8\n"
            "  -h, --help      show this help\n"
            "  -V, --version   show the library version\n"
            "\n"
            "Exit status: 0 ok, 1 runtime error, 2 usage error.\n",
            progname);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"repeat", required_argument, NULL, 'r'}, {"jsonl", no_argument, NULL, 'j'},
        {"lenient", no_argument, NULL, 'l'},      {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},      {NULL, 0, NULL, 0},
    };
    int repeat = 5, jsonl = 0, opt;
    uint32_t flags = QUOTE_OPT_DEFAULT;
    while ((opt = getopt_long(argc, argv, "r:jlhV", longopts, NULL)) != -1) {
        switch (opt) {
        case 'r': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > 100000) {
                fprintf(stderr, "%s: --repeat: expected a number from 1 to 100000\n",
                        progname);
                return EXIT_USAGE;
            }
            repeat = (int)v;
            break;
        }
        case 'j':
            jsonl = 1;
            break;
        case 'l':
            flags |= QUOTE_OPT_LENIENT_UTF8;
            break;
        case 'h':
            usage(stdout);
            return EXIT_OK;
        case 'V':
            printf("quotebench (libquote %s)\n", quote_version());
            return EXIT_OK;
        default:
            fprintf(stderr, "Try '%s --help' for more information.\n", progname);
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s: no input files\nTry '%s --help' for more information.\n",
                progname, progname);
        return EXIT_USAGE;
    }

    corpus c = {0};
    int status = EXIT_RUNTIME;
    quote_extractor *ex = NULL;
    quote_workspace *ws = NULL;
    double *times = NULL;
    for (int i = optind; i < argc; i++)
        if ((jsonl ? load_jsonl(&c, argv[i]) : load_plain(&c, argv[i])) != 0)
            goto out;
    if (c.count == 0) {
        fprintf(stderr, "%s: no articles\n", progname);
        goto out;
    }
    long rss_loaded = peak_rss_kib();
    size_t invalid = 0;
    for (size_t i = 0; i < c.count; i++)
        invalid += !c.items[i].valid_utf8;

    quote_error err;
    double tc0 = now();
    int rc = quote_extractor_new(NULL, &ex, &err);
    double compile_secs = now() - tc0;
    if (rc != QUOTE_OK) {
        fprintf(stderr, "%s: quote_extractor_new: %s\n", progname, err.message);
        goto out;
    }
    times = malloc((size_t)repeat * sizeof *times);
    if (!times)
        goto out;

    printf("libquote %s  corpus: %zu articles, %.2f MB (%zu not valid UTF-8)  passes: %d\n",
           quote_version(), c.count, (double)c.bytes / 1e6, invalid, repeat);
    printf("extractor compile: %.3f ms\n\n", compile_secs * 1e3);

    size_t marks = 0;
    if (bench_reference(&c, repeat, times, &marks) != 0)
        goto out;
    double ref = report_line("reference (PCRE2 JIT)", times, (size_t)repeat, &c, 0, 0);
    printf("%-22s %zu quotation-mark characters\n", "", marks);

    size_t quotes = 0, failures = 0;
    bench_extract(ex, NULL, &c, repeat, flags, times, &quotes, &failures);
    double full = report_line("quote_extract", times, (size_t)repeat, &c, quotes, 1);
    printf("%-22s %zu quotes, %zu failed articles; %.1fx the reference\n", "", quotes,
           failures, ref > 0 ? full / ref : 0.0);
    rc = quote_workspace_new(ex, &ws, &err);
    if (rc != QUOTE_OK) {
        fprintf(stderr, "%s: quote_workspace_new: %s\n", progname, err.message);
        goto out;
    }
    size_t wquotes = 0;
    bench_extract(ex, ws, &c, repeat, flags, times, &wquotes, &failures);
    double with = report_line("quote_extract_with", times, (size_t)repeat, &c, wquotes, 1);
    printf("%-22s (one workspace for the loop) %.1fx the reference\n", "",
           ref > 0 ? with / ref : 0.0);
    if (wquotes != quotes)
        printf("  warning: quote_extract_with found %zu quotes, quote_extract %zu\n", wquotes,
               quotes);

    double phase[PH_COUNT];
    size_t pquotes = 0;
    if (bench_phases(ex, ws, &c, repeat, flags, times, phase, &pquotes) != 0)
        goto out;
    double ptotal = median(times, (size_t)repeat);
    printf("\nphases of quote_extract_with (median pass %.3f ms, timer overhead included):\n",
           ptotal * 1e3);
    double sum = 0;
    for (int p = 0; p < PH_COUNT; p++)
        sum += phase[p];
    for (int p = 0; p < PH_COUNT; p++)
        printf("  %-20s %9.3f ms %6.1f%% %9.2f MB/s\n", phase_names[p], phase[p] * 1e3,
               sum > 0 ? 100 * phase[p] / sum : 0.0,
               phase[p] > 0 ? (double)c.bytes / 1e6 / phase[p] : 0.0);
    if (pquotes != quotes)
        printf("  warning: phased run found %zu quotes, quote_extract %zu\n", pquotes, quotes);

    long rss_end = peak_rss_kib();
    printf("\npeak RSS: %.1f MiB after loading, %.1f MiB at the end\n", rss_loaded / 1024.0,
           rss_end / 1024.0);
    status = EXIT_OK; /* failed articles are reported above, not fatal */
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "%s: write error\n", progname);
        status = EXIT_RUNTIME;
    }
out:
    free(times);
    quote_workspace_free(ws);
    quote_extractor_free(ex);
    for (size_t i = 0; i < c.count; i++)
        free(c.items[i].text);
    free(c.items);
    return status;
}
