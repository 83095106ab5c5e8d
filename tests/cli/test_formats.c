/* test_formats.c - the four output formats on text input, and the options
 * that shape them.  Attribution quality is not tested here: only that each
 * format says the same thing, faithfully, in its own syntax. */
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tests.h"

/* The article, and quotedump's JSON view of it (the reference the other
 * formats are compared with). */
typedef struct article {
    char *text;
    size_t len;
    json_t *obj;     /* {"file": ..., "quotes": [...]} */
    json_t *quotes;  /* borrowed from obj */
} article;

static bool load_article(article *a, const char *path, const char *const *extra)
{
    a->text = read_file(path, &a->len);
    a->obj = NULL;
    a->quotes = NULL;
    if (!a->text) {
        CHECKF(a->text != NULL, "cannot read %s", path);
        return false;
    }
    const char *args[16] = {"--format=json"};
    size_t n = 1;
    while (extra && *extra && n < 14)
        args[n++] = *extra++;
    args[n++] = path;
    args[n] = NULL;
    run_result r = run_qd(NULL, 0, NULL, args);
    CHECKF(r.status == 0, "status %d: %s", r.status, r.err);
    a->obj = parse_json(r.out, r.out_len);
    run_free(&r);
    bool explain = false;
    for (size_t i = 1; i < n; i++)
        explain |= strcmp(args[i], "--explain") == 0;
    a->quotes = check_article(a->obj, a->text, a->len, explain);
    return a->quotes != NULL;
}

static void free_article(article *a)
{
    json_decref(a->obj);
    free(a->text);
}

static const char *qstr(const json_t *q, const char *key)
{
    return json_string_value(json_object_get(q, key));
}

static long long qint(const json_t *q, const char *key)
{
    return (long long)json_integer_value(json_object_get(q, key));
}

void test_format_json(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    /* The article has several plainly attributed quotations: finding none
     * would mean the CLI lost them, whatever the attribution quality. */
    CHECKF(json_array_size(a.quotes) >= 3, "%zu quotes", json_array_size(a.quotes));
    CHECK(strcmp(json_string_value(json_object_get(a.obj, "file")), data_path("article.txt")) == 0);
    CHECK(json_object_size(a.obj) == 2);
    free_article(&a);
}

void test_format_jsonl(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    run_result r = RUN(NULL, 0, "--format=jsonl", data_path("article.txt"), NULL);
    CHECK(r.status == 0);
    CHECK(count_lines(r.out, r.out_len) == 1);
    CHECK(r.out_len > 0 && r.out[r.out_len - 1] == '\n');
    json_t *obj = parse_json(r.out, r.out_len);
    CHECKF(json_equal(obj, a.obj), "jsonl and json disagree");
    json_decref(obj);
    run_free(&r);
    free_article(&a);
}

/* TSV field unescaping: the inverse of quotedump's escaping.  The result
 * may hold NULs: its length goes to *len. */
static char *tsv_unescape(const char *s, size_t *len)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    for (; *s; s++) {
        if (*s != '\\') {
            *o++ = *s;
            continue;
        }
        s++;
        switch (*s) {
        case 't': *o++ = '\t'; break;
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case '\\': *o++ = '\\'; break;
        case '0': *o++ = '\0'; break;
        default: /* not an escape quotedump writes */
            free(out);
            return NULL;
        }
    }
    *o = '\0';
    *len = (size_t)(o - out);
    return out;
}

/* Compare TSV output with the JSON reference. */
static void check_tsv(const article *a, const char *tsv, size_t len, bool explain)
{
    size_t n;
    char **lines = split_lines(tsv, len, &n);
    CHECK(valid_utf8(tsv, len));
    const char *header = explain
                             ? "start\tend\tspeaker\tmention\tcue\tkind\tconfidence\tquote\texplanation"
                             : "start\tend\tspeaker\tmention\tcue\tkind\tconfidence\tquote";
    CHECKF(n >= 1 && strcmp(lines[0], header) == 0, "header \"%s\"", n ? lines[0] : "");
    CHECKF(n == json_array_size(a->quotes) + 1, "%zu lines for %zu quotes", n,
           json_array_size(a->quotes));
    for (size_t i = 1; i < n && i <= json_array_size(a->quotes); i++) {
        const json_t *q = json_array_get(a->quotes, i - 1);
        char *f[10] = {0};
        size_t nf = 0;
        for (char *p = lines[i]; nf < 10;) {
            f[nf++] = p;
            p = strchr(p, '\t');
            if (!p)
                break;
            *p++ = '\0';
        }
        CHECKF(nf == (explain ? 9u : 8u), "line %zu has %zu fields", i, nf);
        if (nf < 8)
            continue;
        CHECK(atoll(f[0]) == qint(q, "start"));
        CHECK(atoll(f[1]) == qint(q, "end"));
        const char *speaker = qstr(q, "speaker");
        size_t splen, qlen;
        char *sp = tsv_unescape(f[2], &splen);
        CHECKF(sp && strcmp(sp, speaker ? speaker : "") == 0, "speaker \"%s\"", f[2]);
        free(sp);
        CHECK(strcmp(f[5], qstr(q, "kind")) == 0);
        CHECK(fabs(atof(f[6]) - json_number_value(json_object_get(q, "confidence"))) < 0.001);
        char *quote = tsv_unescape(f[7], &qlen);
        const json_t *text = json_object_get(q, "text");
        CHECKF(quote && qlen == json_string_length(text) &&
                   memcmp(quote, json_string_value(text), qlen) == 0,
               "quote field \"%s\"", f[7]);
        free(quote);
    }
    free_lines(lines, n);
}

void test_format_tsv(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    run_result r = RUN(NULL, 0, "--format=tsv", data_path("article.txt"), NULL);
    CHECK(r.status == 0);
    check_tsv(&a, r.out, r.out_len, false);
    run_free(&r);
    free_article(&a);
}

/* Tabs, backslashes, carriage returns and NULs inside quotes survive TSV. */
void test_tsv_escaping(void)
{
    static const char text[] =
        "Tabs in the archive\n\n"
        "\"Tabs\tand back\\slashes\\n are not escapes here,\" said Ann Lee, the archivist.\n\n"
        "\"A carriage\rreturn and a NUL\0byte are odd but legal,\" said Ann Lee.\n";
    const char *path = work_path("escapes.txt");
    write_file(path, text, sizeof text - 1);
    article a;
    if (load_article(&a, path, NULL)) {
        run_result r = RUN(NULL, 0, "-f", "tsv", path, NULL);
        CHECK(r.status == 0);
        check_tsv(&a, r.out, r.out_len, false);
        /* One line per quote whatever the quotes contain. */
        CHECK(count_lines(r.out, r.out_len) == json_array_size(a.quotes) + 1);
        CHECK(memchr(r.out, '\r', r.out_len) == NULL);
        CHECK(memchr(r.out, '\0', r.out_len) == NULL);
        run_free(&r);
    }
    free_article(&a);
}

void test_format_text(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    run_result r = RUN(NULL, 0, data_path("article.txt"), NULL); /* text is the default */
    CHECK(r.status == 0);
    CHECK(valid_utf8(r.out, r.out_len));
    CHECK(memchr(r.out, '\033', r.out_len) == NULL); /* not a terminal: no colour */
    size_t n;
    char **lines = split_lines(r.out, r.out_len, &n);
    CHECKF(n == json_array_size(a.quotes), "%zu lines for %zu quotes", n,
           json_array_size(a.quotes));
    for (size_t i = 0; i < n && i < json_array_size(a.quotes); i++) {
        const json_t *q = json_array_get(a.quotes, i);
        const char *speaker = qstr(q, "speaker");
        CHECKF(strncmp(lines[i], speaker ? speaker : "(unknown)",
                       strlen(speaker ? speaker : "(unknown)")) == 0,
               "line \"%s\"", lines[i]);
        /* The quotes of this article have no control characters, so the
         * text appears verbatim. */
        CHECKF(contains(lines[i], qstr(q, "text")), "line \"%s\"", lines[i]);
        if (qstr(q, "cue"))
            CHECK(contains(lines[i], qstr(q, "cue")));
    }
    free_lines(lines, n);
    run_free(&r);
    free_article(&a);
}

void test_explain(void)
{
    static const char *const explain[] = {"--explain", NULL};
    article a;
    if (!load_article(&a, data_path("article.txt"), explain)) { /* checks the key */
        free_article(&a);
        return;
    }
    size_t with_expl = 0;
    for (size_t i = 0; i < json_array_size(a.quotes); i++)
        with_expl += qstr(json_array_get(a.quotes, i), "explanation") != NULL;

    run_result r = RUN(NULL, 0, "--explain", data_path("article.txt"), NULL);
    CHECK(r.status == 0);
    size_t n, indented = 0, plain = 0;
    char **lines = split_lines(r.out, r.out_len, &n);
    for (size_t i = 0; i < n; i++) {
        if (strncmp(lines[i], "    ", 4) == 0) {
            indented++;
            CHECKF(i > 0, "explanation before any quote");
        } else {
            plain++;
        }
    }
    CHECK(plain == json_array_size(a.quotes));
    CHECK((indented > 0) == (with_expl > 0));
    free_lines(lines, n);
    run_free(&r);

    r = RUN(NULL, 0, "--explain", "-f", "tsv", data_path("article.txt"), NULL);
    CHECK(r.status == 0);
    check_tsv(&a, r.out, r.out_len, true);
    run_free(&r);
    free_article(&a);
}

void test_color(void)
{
    const char *file = data_path("article.txt");
    run_result r = RUN(NULL, 0, "--color=always", file, NULL);
    CHECK(r.status == 0);
    CHECK(memchr(r.out, '\033', r.out_len) != NULL);
    run_free(&r);
    r = RUN(NULL, 0, "--color", file, NULL);
    CHECK(memchr(r.out, '\033', r.out_len) != NULL);
    run_free(&r);
    r = RUN(NULL, 0, "--color=never", file, NULL);
    CHECK(r.status == 0 && r.out_len > 0);
    CHECK(memchr(r.out, '\033', r.out_len) == NULL);
    run_free(&r);
    r = RUN(NULL, 0, "--color=auto", file, NULL); /* stdout is a file here */
    CHECK(r.out_len > 0 && memchr(r.out, '\033', r.out_len) == NULL);
    run_free(&r);
    /* Machine formats are never coloured. */
    const char *formats[] = {"json", "jsonl", "tsv"};
    for (size_t i = 0; i < 3; i++) {
        r = RUN(NULL, 0, "--color=always", "-f", formats[i], file, NULL);
        CHECKF(r.out_len > 0 && memchr(r.out, '\033', r.out_len) == NULL, "%s", formats[i]);
        run_free(&r);
    }
}

void test_min_confidence(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    size_t total = json_array_size(a.quotes);
    double lo = 1, hi = 0;
    for (size_t i = 0; i < total; i++) {
        double c = json_number_value(json_object_get(json_array_get(a.quotes, i), "confidence"));
        lo = c < lo ? c : lo;
        hi = c > hi ? c : hi;
    }
    /* Thresholds below, between and above the confidences seen.  Printed
     * confidences are rounded to 0.001, hence the margins. */
    double thresholds[] = {-1, lo - 0.01, (lo + hi) / 2, hi + 0.01, 2};
    for (size_t t = 0; t < 5; t++) {
        char arg[64];
        snprintf(arg, sizeof arg, "--min-confidence=%.6f", thresholds[t]);
        article f;
        const char *extra[] = {arg, NULL};
        if (load_article(&f, data_path("article.txt"), extra)) {
            size_t kept = json_array_size(f.quotes), want_min = 0, want_max = 0;
            for (size_t i = 0; i < total; i++) {
                double c = json_number_value(json_object_get(json_array_get(a.quotes, i), "confidence"));
                want_min += c > thresholds[t] + 0.001;
                want_max += c >= thresholds[t] - 0.001;
            }
            CHECKF(kept >= want_min && kept <= want_max, "%s kept %zu, expected %zu..%zu", arg,
                   kept, want_min, want_max);
            for (size_t i = 0; i < kept; i++) {
                double c = json_number_value(json_object_get(json_array_get(f.quotes, i), "confidence"));
                CHECKF(c >= thresholds[t] - 0.001, "%s kept a quote of confidence %g", arg, c);
            }
        }
        free_article(&f);
    }
    free_article(&a);
}

/* Several files: one JSON document each, labelled lines in text and TSV;
 * a missing file is reported and skipped. */
void test_several_files(void)
{
    const char *file = data_path("article.txt");
    const char *missing = work_path("does-not-exist.txt");
    article a;
    if (!load_article(&a, file, NULL)) {
        free_article(&a);
        return;
    }
    run_result r = RUN(NULL, 0, "-f", "jsonl", file, missing, file, NULL);
    CHECKF(r.status == 1, "status %d", r.status);
    CHECK(contains(r.err, "quotedump: "));
    CHECK(contains(r.err, missing));
    size_t n;
    char **lines = split_lines(r.out, r.out_len, &n);
    CHECKF(n == 2, "%zu lines", n);
    for (size_t i = 0; i < n; i++) {
        json_t *obj = parse_json(lines[i], strlen(lines[i]));
        json_t *quotes = check_article(obj, a.text, a.len, false);
        CHECK(quotes && json_equal(quotes, a.quotes));
        json_decref(obj);
    }
    free_lines(lines, n);
    run_free(&r);

    /* --format json: two complete JSON documents, one after the other. */
    r = RUN(NULL, 0, "-f", "json", file, file, NULL);
    CHECK(r.status == 0);
    size_t docs = 0, pos = 0;
    while (pos < r.out_len) {
        json_error_t e;
        json_t *v = json_loadb(r.out + pos, r.out_len - pos, JSON_DISABLE_EOF_CHECK, &e);
        if (!v) {
            CHECKF(v != NULL, "document %zu: %s", docs, e.text);
            break;
        }
        CHECK(json_equal(v, a.obj));
        pos += e.position;
        while (pos < r.out_len && (r.out[pos] == '\n' || r.out[pos] == ' '))
            pos++;
        docs++;
        json_decref(v);
    }
    CHECK(docs == 2);
    run_free(&r);

    /* Text and TSV name the file when there are several. */
    r = RUN(NULL, 0, file, file, NULL);
    lines = split_lines(r.out, r.out_len, &n);
    CHECK(n == 2 * json_array_size(a.quotes));
    for (size_t i = 0; i < n; i++)
        CHECKF(strncmp(lines[i], file, strlen(file)) == 0 && lines[i][strlen(file)] == ':',
               "line \"%s\"", lines[i]);
    free_lines(lines, n);
    run_free(&r);
    r = RUN(NULL, 0, "-f", "tsv", file, file, NULL);
    lines = split_lines(r.out, r.out_len, &n);
    CHECK(n == 2 * json_array_size(a.quotes) + 1);
    CHECK(n > 0 && strncmp(lines[0], "file\tstart\t", 11) == 0);
    for (size_t i = 1; i < n; i++)
        CHECK(strncmp(lines[i], file, strlen(file)) == 0 && lines[i][strlen(file)] == '\t');
    free_lines(lines, n);
    run_free(&r);
    free_article(&a);
}

/* Standard input, with no FILE or with "-", gives the same quotes. */
void test_stdin(void)
{
    article a;
    if (!load_article(&a, data_path("article.txt"), NULL)) {
        free_article(&a);
        return;
    }
    const char *const variants[][3] = {{"-f", "json", NULL}, {"-f", "json", "-"}};
    for (size_t v = 0; v < 2; v++) {
        const char *args[4] = {variants[v][0], variants[v][1], variants[v][2], NULL};
        run_result r = run_qd(a.text, a.len, NULL, args);
        CHECK(r.status == 0);
        json_t *obj = parse_json(r.out, r.out_len);
        CHECK(json_equal(json_object_get(obj, "quotes"), a.quotes));
        CHECK(json_is_string(json_object_get(obj, "file")) &&
              strcmp(json_string_value(json_object_get(obj, "file")), "-") == 0);
        json_decref(obj);
        run_free(&r);
    }
    /* An empty article is no error and has no quotes. */
    run_result r = RUN("", 0, "-f", "json", NULL);
    CHECK(r.status == 0);
    json_t *obj = parse_json(r.out, r.out_len);
    CHECK(json_is_array(json_object_get(obj, "quotes")) &&
          json_array_size(json_object_get(obj, "quotes")) == 0);
    json_decref(obj);
    run_free(&r);
    free_article(&a);
}

/* Invalid UTF-8: an error by default, valid UTF-8 output with
 * --lenient-utf8. */
void test_lenient_utf8(void)
{
    static const char text[] = "Bad bytes\n\n"
                               "\"Some old files have \xff\xfe bytes and a lone \x80 here,\" said Ann Lee.\n";
    const char *path = work_path("latin.txt");
    write_file(path, text, sizeof text - 1);

    run_result r = RUN(NULL, 0, "-f", "jsonl", path, NULL);
    CHECK(r.status == 1);
    CHECK(contains(r.err, path));
    CHECK(contains(r.err, "UTF-8"));
    json_t *obj = parse_json(r.out, r.out_len);
    CHECK(json_is_string(json_object_get(obj, "error")));
    CHECK(json_is_array(json_object_get(obj, "quotes")) &&
          json_array_size(json_object_get(obj, "quotes")) == 0);
    json_decref(obj);
    run_free(&r);

    const char *formats[] = {"json", "jsonl", "tsv", "text"};
    for (size_t i = 0; i < 4; i++) {
        r = RUN(NULL, 0, "--lenient-utf8", "-f", formats[i], path, NULL);
        CHECKF(r.status == 0, "%s: status %d %s", formats[i], r.status, r.err);
        CHECKF(valid_utf8(r.out, r.out_len), "%s output is not UTF-8", formats[i]);
        if (i < 2) {
            obj = parse_json(r.out, r.out_len); /* Jansson also checks UTF-8 */
            json_t *quotes = check_article(obj, NULL, sizeof text - 1, false);
            /* A quote over the bad bytes shows them as U+FFFD. */
            for (size_t k = 0; quotes && k < json_array_size(quotes); k++) {
                const json_t *q = json_array_get(quotes, k);
                long long s = qint(q, "start"), e = qint(q, "end");
                if (s <= 32 && e >= 34)
                    CHECK(contains(qstr(q, "text"), "\xEF\xBF\xBD"));
            }
            json_decref(obj);
        }
        run_free(&r);
    }
}

void test_lexicon(void)
{
    const char *file = data_path("article.txt");
    run_result r = RUN(NULL, 0, "--lexicon", data_path("lexicon_ok.txt"), file, NULL);
    CHECKF(r.status == 0, "status %d: %s", r.status, r.err);
    run_free(&r);

    r = RUN(NULL, 0, "--lexicon", work_path("no-such-lexicon.txt"), file, NULL);
    CHECK(r.status == 1);
    CHECK(r.out_len == 0);
    CHECK(contains(r.err, "no-such-lexicon.txt"));
    run_free(&r);

    /* A bad line is located in the file it came from, even after others. */
    char where[4200];
    snprintf(where, sizeof where, "%s:3:", data_path("lexicon_bad.txt"));
    r = RUN(NULL, 0, "--lexicon", data_path("lexicon_ok.txt"), "--lexicon",
            data_path("lexicon_bad.txt"), file, NULL);
    CHECK(r.status == 1);
    CHECK(r.out_len == 0);
    CHECKF(contains(r.err, where), "stderr: %s", r.err);
    run_free(&r);
}

/* A write error (full disk) is reported and fails the run. */
void test_write_error(void)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f) {
        skip_test("no /dev/full");
        return;
    }
    fclose(f);
    const char *formats[] = {"text", "jsonl"};
    for (size_t i = 0; i < 2; i++) {
        run_result r = run_qd(NULL, 0, "/dev/full",
                              (const char *const[]){"-f", formats[i], data_path("article.txt"), NULL});
        CHECKF(r.status == 1, "%s: status %d", formats[i], r.status);
        CHECK(contains(r.err, "write error"));
        run_free(&r);
    }
    run_result r = run_qd(NULL, 0, "/dev/full", (const char *const[]){"--help", NULL});
    CHECK(r.status == 1);
    run_free(&r);
}

/* The seed article of the repository (the one .txt in seeds/): 12 quotations. */
void test_seed(void)
{
    char pattern[4096];
    snprintf(pattern, sizeof pattern, "%s/*.txt", env.seed_dir);
    glob_t g;
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc != 1) {
        skip_test("expected exactly one seeds/*.txt");
        return;
    }
    article a;
    if (load_article(&a, g.gl_pathv[0], NULL)) {
        CHECKF(json_array_size(a.quotes) == 12, "%zu quotes", json_array_size(a.quotes));
        /* Every quote is Rex Tillerson's but the one Mr Trump tweeted; the
         * first is the headline's, the second names him as the article
         * lost his surname, and "If North Korea..." has no cue of its own. */
        size_t i;
        json_t *q;
        json_array_foreach(a.quotes, i, q) {
            const char *text = json_string_value(json_object_get(q, "text"));
            const char *speaker = json_string_value(json_object_get(q, "speaker"));
            const char *kind = json_string_value(json_object_get(q, "kind"));
            CHECK(text && speaker && kind);
            if (!text || !speaker || !kind)
                continue;
            bool trump = strncmp(text, "they won", 8) == 0;
            CHECKF(strcmp(speaker, trump ? "Donald Trump" : "Rex Tillerson") == 0,
                   "quote %zu (%.30s): speaker %s", i, text, speaker);
            if (i == 0)
                CHECKF(strcmp(kind, "headline") == 0, "first quote kind %s", kind);
            if (i == 1) {
                const char *mention = json_string_value(json_object_get(q, "mention"));
                CHECKF(mention && strcmp(mention, "Secretary of State Rex W") == 0,
                       "first body quote mention %s", mention ? mention : "(null)");
            }
            if (strncmp(text, "If North Korea", 14) == 0)
                CHECKF(strcmp(kind, "continuation") == 0, "If North Korea... kind %s", kind);
        }
    }
    free_article(&a);
    globfree(&g);
}
