/*
 * fuzz_jsonl.c - libFuzzer target for quotedump's JSON Lines record path.
 *
 * Runs the real code of `quotedump --input jsonl`: qd_process_record() from
 * examples/quotedump/record.c, with render.c, escape.c and buf.c, compiled
 * into this target.  Only the line reading and the ordered writing of
 * pipeline.c are left out; they are mirrored here (lines keep their '\n',
 * blank lines are skipped by record.c's qd_line_is_blank() as there, line
 * numbers count every line, a UTF-8 BOM is skipped on line 1 by record.c
 * itself).
 *
 * Input layout: byte 0 selects the options, XORed with '0' so that the
 * ASCII digits are the plain cases ('0' jsonl, '1' json, '2' tsv, '3' text,
 * '4' jsonl --explain, '8' jsonl --lenient-utf8, ...):
 *   bits 0-1  format: jsonl, json, tsv, text
 *   bit 2     --explain (QUOTE_OPT_EXPLAIN and the render option)
 *   bit 3     --lenient-utf8
 *   bit 4     --no-headline
 *   bit 5     --color (text format only)
 *   bit 6     --min-confidence 0.5
 *   bit 7     process the first record twice and compare (determinism)
 * The rest is the JSON Lines input.  FUZZ_JSONL_PRINT=1 prints each
 * record's output on standard error.
 *
 * Besides crashes, hangs and sanitizer reports (leaks included), it aborts
 * when the record contract of quotedump(1) is broken:
 *  - every non-blank line gives exactly one output record: in JSON formats
 *    one JSON object (one line for jsonl); text and TSV print nothing for a
 *    bad record (they report it on stderr only);
 *  - the record's "id" is the input's "id" (null when the line is not a
 *    JSON object or has none); an error record has "error", "line" and an
 *    empty "quotes", and is produced exactly when the line is not an object
 *    with a string "text" or the extraction failed;
 *  - each quote's "text" is the record text's bytes at [start, end), and
 *    the output is valid UTF-8 (TSV: one line of fixed columns per quote);
 *  - differential: whenever the fast path of jsonscan.h reads a line, Jansson
 *    (json_loadb with JSON_ALLOW_NUL, as record.c calls it) accepts it as an
 *    object whose "text" is a string with the same bytes and whose "id" is
 *    the same (absent or null, the same string bytes, the same integer).
 *    The fast path may decline any line; it must never accept a line that
 *    Jansson rejects or read one differently.  With FUZZ_JSONL_STATS=1 the
 *    target prints, at exit, how many lines the fast path took.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonscan_check.h"
#include "libquote.h"
#include "record.h"
#include "render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_jsonl: check failed at %s:%d: %s\n", __FILE__,      \
                    __LINE__, #cond);                                                 \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* Print the record and output that broke a check, then abort. */
#define CHECK_REC(cond, line_, len_, out_)                                            \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_jsonl: check failed at %s:%d: %s\n  input:  %.*s\n"  \
                    "  output: %.*s\n", __FILE__, __LINE__, #cond, (int)(len_),       \
                    (line_), (int)(out_)->len, (out_)->data ? (out_)->data : "");     \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* The extractor is compiled once and kept for the whole run, as in
 * quotedump (where all worker threads share it). */
static quote_extractor *ex;
/* FUZZ_JSONL_PRINT=1 in the environment prints every record's output to
 * standard error (to look at what a seed does). */
static int print_outputs = -1;

/* Lines the fast path took and declined (FUZZ_JSONL_STATS=1 prints them). */
static unsigned long fast_taken, fast_declined;

static void print_stats(void)
{
    fprintf(stderr, "fuzz_jsonl: fast path took %lu lines, declined %lu\n", fast_taken,
            fast_declined);
}

static void init(void)
{
    quote_error err;
    if (print_outputs < 0) {
        const char *p = getenv("FUZZ_JSONL_PRINT");
        print_outputs = p != NULL && *p != '\0' && strcmp(p, "0") != 0;
        p = getenv("FUZZ_JSONL_STATS");
        if (p != NULL && *p != '\0' && strcmp(p, "0") != 0)
            atexit(print_stats);
    }
    if (ex == NULL && quote_extractor_new(NULL, &ex, &err) != QUOTE_OK) {
        fprintf(stderr, "fuzz_jsonl: quote_extractor_new: %s\n", err.message);
        abort();
    }
}

/* Jansson checks UTF-8 (overlong forms, surrogates, > U+10FFFF) when it
 * makes a string, NUL bytes allowed: the checker the program already has. */
static bool valid_utf8(const unsigned char *s, size_t n)
{
    json_t *j = json_stringn((const char *)s, n);
    json_decref(j);
    return j != NULL;
}

/* What the record should give, worked out independently of record.c. */
typedef struct expect {
    const char *line;    /* the line without a leading BOM (line 1) */
    size_t len;
    json_t *root;        /* the parsed line, or NULL */
    const json_t *id;    /* its "id" (NULL: none, or not an object) */
    const json_t *text;  /* its "text" when a string, else NULL */
} expect;

static void expect_for(expect *e, const char *line, size_t len, unsigned long lineno)
{
    json_error_t je;
    if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    e->line = line;
    e->len = len;
    e->root = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    e->id = NULL;
    e->text = NULL;
    if (json_is_object(e->root)) {
        e->id = json_object_get(e->root, "id");
        const json_t *t = json_object_get(e->root, "text");
        if (json_is_string(t))
            e->text = t;
    }
}

/* The differential check of jsonscan_check.h, on a record's line. */
static void check_fast_path(const expect *e, qd_buf *scratch)
{
    if (jsonscan_check(e->line, e->len, e->root, scratch))
        fast_taken++;
    else
        fast_declined++;
}

/* One quote of a JSON record: its text is the article's bytes. */
static void check_json_quote(const json_t *q, const json_t *article, bool explain,
                             const char *line, size_t len, const qd_buf *out)
{
    const json_t *start = json_object_get(q, "start"), *end = json_object_get(q, "end");
    const json_t *text = json_object_get(q, "text");
    CHECK_REC(json_is_object(q), line, len, out);
    CHECK_REC(json_is_integer(start) && json_is_integer(end) && json_is_string(text), line,
              len, out);
    json_int_t a = json_integer_value(start), b = json_integer_value(end);
    size_t n = json_string_length(article);
    CHECK_REC(a >= 0 && a <= b && (size_t)b <= n, line, len, out);
    CHECK_REC(json_string_length(text) == (size_t)(b - a) &&
                  memcmp(json_string_value(text), json_string_value(article) + a,
                         (size_t)(b - a)) == 0,
              line, len, out);
    const json_t *speaker = json_object_get(q, "speaker");
    CHECK_REC(json_is_string(speaker) || json_is_null(speaker), line, len, out);
    CHECK_REC(json_is_string(json_object_get(q, "kind")), line, len, out);
    CHECK_REC(json_is_integer(json_object_get(q, "entity")), line, len, out);
    CHECK_REC(json_is_number(json_object_get(q, "confidence")), line, len, out);
    CHECK_REC((json_object_get(q, "explanation") != NULL) == explain, line, len, out);
}

/* A JSON-format record: one object, the input's id, error iff !ok. */
static void check_json_record(const qd_render_opts *ro, const expect *e, bool ok,
                              unsigned long lineno, const char *line, size_t len,
                              const qd_buf *out)
{
    json_error_t je;
    CHECK_REC(out->len > 0, line, len, out);
    if (ro->format == QD_FORMAT_JSONL) /* one record, one line */
        CHECK_REC(memchr(out->data, '\n', out->len) == NULL, line, len, out);
    /* json_loadb rejects invalid UTF-8 and anything after the object. */
    json_t *obj = json_loadb(out->data, out->len, JSON_ALLOW_NUL, &je);
    if (obj == NULL)
        fprintf(stderr, "fuzz_jsonl: output is not JSON: %s (column %d)\n", je.text,
                je.column);
    CHECK_REC(json_is_object(obj), line, len, out);

    const json_t *id = json_object_get(obj, "id");
    CHECK_REC(id != NULL, line, len, out);
    if (e->id == NULL)
        CHECK_REC(json_is_null(id), line, len, out);
    else
        CHECK_REC(json_equal(id, e->id), line, len, out);

    const json_t *quotes = json_object_get(obj, "quotes");
    const json_t *error = json_object_get(obj, "error");
    CHECK_REC(json_is_array(quotes), line, len, out);
    if (ok) {
        CHECK_REC(error == NULL && json_object_get(obj, "line") == NULL, line, len, out);
        CHECK_REC(json_object_size(obj) == 2, line, len, out);
        size_t i;
        const json_t *q;
        json_array_foreach(quotes, i, q)
            check_json_quote(q, e->text, ro->explain, line, len, out);
    } else {
        CHECK_REC(json_is_string(error) && json_string_length(error) > 0, line, len, out);
        const json_t *ln = json_object_get(obj, "line");
        CHECK_REC(json_is_integer(ln) && (unsigned long)json_integer_value(ln) == lineno, line,
                  len, out);
        CHECK_REC(json_array_size(quotes) == 0, line, len, out);
        CHECK_REC(json_object_size(obj) == 4, line, len, out);
    }
    json_decref(obj);
}

/* Text or TSV: complete lines of valid UTF-8; TSV lines have fixed columns;
 * a bad record prints nothing. */
static void check_text_record(const qd_render_opts *ro, bool ok, const char *line, size_t len,
                              const qd_buf *out)
{
    const unsigned char *s = (const unsigned char *)out->data;
    if (!ok) {
        CHECK_REC(out->len == 0, line, len, out);
        return;
    }
    if (out->len == 0)
        return;
    CHECK_REC(s[out->len - 1] == '\n', line, len, out);
    CHECK_REC(valid_utf8(s, out->len), line, len, out);
    if (ro->format == QD_FORMAT_TSV) {
        /* label, start, end, speaker, mention, cue, kind, confidence, quote
         * [, explanation]: the tabs separating them and no other. */
        size_t want = 8 + (ro->explain ? 1 : 0), tabs = 0;
        for (size_t i = 0; i < out->len; i++) {
            CHECK_REC(s[i] != '\0' && s[i] != '\r', line, len, out);
            if (s[i] == '\t') {
                tabs++;
            } else if (s[i] == '\n') {
                CHECK_REC(tabs == want, line, len, out);
                tabs = 0;
            }
        }
    } else {
        /* One line per quote (plus explanation lines): no control
         * characters but newlines and, with --color, escapes. */
        for (size_t i = 0; i < out->len; i++)
            CHECK_REC(s[i] == '\n' || (s[i] == 0x1B && ro->color) || (s[i] >= 0x20 && s[i] != 0x7F),
                      line, len, out);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    if (size == 0)
        return 0;
    unsigned sel = data[0] ^ 0x30u;
    static const qd_format formats[] = {QD_FORMAT_JSONL, QD_FORMAT_JSON, QD_FORMAT_TSV,
                                        QD_FORMAT_TEXT};
    qd_job job;
    memset(&job, 0, sizeof job);
    job.ex = ex;
    job.render.format = formats[sel & 3u];
    job.render.explain = (sel & 0x04u) != 0;
    job.render.color = (sel & 0x20u) != 0 && job.render.format == QD_FORMAT_TEXT;
    job.render.label = true; /* as quotedump with --input jsonl */
    job.render.min_confidence = (sel & 0x40u) ? 0.5 : 0.0;
    job.flags = (job.render.explain ? QUOTE_OPT_EXPLAIN : 0) |
                ((sel & 0x08u) ? QUOTE_OPT_LENIENT_UTF8 : 0) |
                ((sel & 0x10u) ? QUOTE_OPT_NO_HEADLINE : 0);
    bool twice = (sel & 0x80u) != 0;
    bool json_format = job.render.format == QD_FORMAT_JSON ||
                       job.render.format == QD_FORMAT_JSONL;

    const char *in = (const char *)data + 1;
    size_t in_len = size - 1, pos = 0;
    unsigned long lineno = 0, records = 0, outputs = 0;
    qd_buf out = QD_BUF_INIT, again = QD_BUF_INIT;
    qd_worker wk; /* reused from record to record, as by quotedump's threads */
    qd_worker_init(&wk, &job);

    while (pos < in_len) {
        /* The next line, newline included, as getline() gives it. */
        const char *nl = memchr(in + pos, '\n', in_len - pos);
        size_t len = nl ? (size_t)(nl - (in + pos)) + 1 : in_len - pos;
        const char *src = in + pos;
        pos += len;
        lineno++;
        if (qd_line_is_blank(src, len, lineno))
            continue;
        records++;

        /* An exact-size heap copy, so ASan catches any read past the end. */
        char *line = malloc(len);
        CHECK(line != NULL);
        memcpy(line, src, len);

        char err[256];
        memset(err, 0x5a, sizeof err);
        qd_buf_clear(&out);
        bool ok = qd_process_record(&job, line, len, lineno, &wk, &out, err, sizeof err);
        CHECK(!out.oom);
        if (print_outputs)
            fprintf(stderr, "line %lu: %s %s: %.*s\n", lineno, ok ? "ok" : "bad",
                    ok ? "" : err, (int)out.len, out.data ? out.data : "");
        if (!ok) /* a message for stderr */
            CHECK(memchr(err, '\0', sizeof err) != NULL && err[0] != '\0');

        expect e;
        expect_for(&e, line, len, lineno);
        /* Bad exactly when the line is not an object with a string "text"
         * (or extraction failed, which only the library can tell). */
        if (e.text == NULL)
            CHECK_REC(!ok, line, len, &out);
        check_fast_path(&e, &wk.scratch);
        if (json_format)
            check_json_record(&job.render, &e, ok, lineno, line, len, &out);
        else
            check_text_record(&job.render, ok, line, len, &out);
        outputs += json_format ? (out.len > 0) : 1;

        if (twice && records == 1) {
            char err2[256];
            qd_buf_clear(&again);
            bool ok2 = qd_process_record(&job, line, len, lineno, &wk, &again, err2,
                                         sizeof err2);
            CHECK_REC(ok2 == ok && again.len == out.len &&
                          (out.len == 0 || memcmp(again.data, out.data, out.len) == 0),
                      line, len, &out);
            CHECK(ok || strcmp(err, err2) == 0);
        }
        json_decref(e.root);
        free(line);
    }
    CHECK(outputs == records); /* every record gave one output record */
    qd_buf_free(&out);
    qd_buf_free(&again);
    qd_worker_free(&wk);
    return 0;
}
