/* test_jsonl.c - --input jsonl: error records, the line-filter contract,
 * and identical output whatever the number of threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tests.h"

/* A growable string for building inputs. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->p = realloc(b->p, cap);
        if (!b->p)
            exit(99);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

/* Append the record {"id": id, "text": text} and a newline. */
static void sb_record(sbuf *b, const char *id, const char *text, size_t len)
{
    json_t *rec = json_pack("{s:s, s:s%}", "id", id, "text", text, len);
    char *line = json_dumps(rec, JSON_COMPACT);
    if (!line)
        exit(99);
    sb_str(b, line);
    sb_str(b, "\n");
    free(line);
    json_decref(rec);
}

/* Tiny deterministic generator: inputs are the same on every run. */
static unsigned long next_rand(unsigned long *state)
{
    *state = *state * 6364136223846793005UL + 1442695040888963407UL;
    return *state >> 33;
}

/*
 * A corpus of `n` records cut from the test article (paragraphs in varied
 * order and number, one record a hundred times longer), with blank lines,
 * CRLF endings and, when `with_errors`, bad records among them.
 * *good_ids receives the ids expected on output, in order (NULL for the
 * lines that must give error records).
 */
static char *make_corpus(size_t n, bool with_errors, size_t *len, char ***ids, size_t *nids)
{
    size_t alen;
    char *article = read_file(data_path("article.txt"), &alen);
    if (!article)
        exit(99);
    /* Paragraph boundaries. */
    size_t starts[64], npara = 0;
    starts[npara++] = 0;
    for (size_t i = 0; i + 1 < alen && npara < 63; i++)
        if (article[i] == '\n' && article[i + 1] == '\n')
            starts[npara++] = i + 2;
    starts[npara] = alen;

    sbuf b = {0};
    sbuf text = {0};
    unsigned long seed = 42;
    *ids = calloc(n + 1, sizeof **ids);
    *nids = 0;
    for (size_t r = 0; r < n; r++) {
        char id[32];
        snprintf(id, sizeof id, "rec-%zu", r);
        unsigned long kind = next_rand(&seed) % 20;
        if (kind == 0)
            sb_str(&b, "\n");          /* blank lines: skipped */
        else if (kind == 1)
            sb_str(&b, "  \t \r\n");
        if (with_errors && r % 37 == 5) {
            sb_str(&b, "{\"id\": \"broken-");
            sb_str(&b, id);
            sb_str(&b, "\", \"text\": \n");   /* cut short: not JSON */
            (*ids)[(*nids)++] = NULL;
            continue;
        }
        text.len = 0;
        size_t paras = 1 + next_rand(&seed) % 6;
        size_t repeat = r == n / 2 ? 100 : 1; /* one long record */
        for (size_t k = 0; k < repeat; k++) {
            for (size_t p = 0; p < paras; p++) {
                size_t i = next_rand(&seed) % npara;
                sb_add(&text, article + starts[i], starts[i + 1] - starts[i]);
            }
        }
        sb_record(&b, id, text.p ? text.p : "", text.len);
        if (kind == 2) /* a CRLF line ending */
            b.p[b.len - 1] = '\r', sb_str(&b, "\n");
        (*ids)[(*nids)++] = strdup(id);
    }
    free(text.p);
    free(article);
    *len = b.len;
    return b.p;
}

static void free_ids(char **ids, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
}

/* Check the output of --format jsonl against the expected ids. */
static void check_jsonl_output(const run_result *r, char **ids, size_t nids)
{
    size_t n;
    char **lines = split_lines(r->out, r->out_len, &n);
    CHECKF(n == nids, "%zu output lines for %zu records", n, nids);
    for (size_t i = 0; i < n && i < nids; i++) {
        json_t *obj = parse_json(lines[i], strlen(lines[i]));
        CHECKF(obj != NULL, "line %zu is not JSON", i + 1);
        const char *id = json_string_value(json_object_get(obj, "id"));
        if (ids[i]) {
            CHECKF(id && strcmp(id, ids[i]) == 0, "line %zu: id %s, expected %s", i + 1,
                   id ? id : "null", ids[i]);
            CHECK(json_object_get(obj, "error") == NULL);
            CHECK(check_article(obj, NULL, (size_t)-1, false) != NULL);
        } else {
            CHECKF(json_is_string(json_object_get(obj, "error")), "line %zu: no error", i + 1);
        }
        json_decref(obj);
    }
    free_lines(lines, n);
}

/* Bad records in the middle: error records in place, the rest goes on. */
void test_jsonl_bad_records(void)
{
    sbuf in = {0};
    sb_record(&in, "first", "\"We will open the bridge in May,\" said Mayor Alice Brennan.", 60);
    sb_str(&in, "this is not JSON\n");                              /* line 2 */
    sb_str(&in, "{\"id\": \"no-text\"}\n");                         /* line 3 */
    sb_str(&in, "{\"id\": \"number\", \"text\": 42}\n");            /* line 4 */
    sb_str(&in, "\n");                                              /* line 5: blank */
    sb_str(&in, "{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");   /* line 6 */
    sb_str(&in, "{\"id\": \"surrogate\", \"text\": \"x\\ud800y\"}\n"); /* line 7 */
    sb_str(&in, "[\"an\", \"array\"]\n");                           /* line 8 */
    sb_str(&in, "{\"id\": 7, \"text\": \"\\\"Fine,\\\" he said.\"}\n"); /* line 9 */
    sb_str(&in, "{\"text\": \"No id here.\"}\n");                   /* line 10 */
    sb_record(&in, "last", "\"Goodbye,\" said Tom Okafor.", 27); /* line 11, no newline: */
    in.p[--in.len] = '\0';

    const char *path = work_path("bad.jsonl");
    write_file(path, in.p, in.len);
    static const struct {
        unsigned line;
        const char *id; /* NULL: the id is null */
        bool error;
    } want[] = {
        {1, "first", false}, {2, NULL, true},   {3, "no-text", true},
        {4, "number", true}, {6, NULL, true},   {7, NULL, true},
        {8, NULL, true},     {9, NULL, false},  {10, NULL, false},
        {11, "last", false},
    };
    const size_t nwant = sizeof want / sizeof want[0];
    const char *jobs[] = {"-j1", "-j2", "-j4"};
    char *first_out = NULL;
    for (size_t j = 0; j < 3; j++) {
        run_result r = RUN(NULL, 0, "-i", "jsonl", "-f", "jsonl", jobs[j], path, NULL);
        CHECKF(r.status == 1, "%s: status %d", jobs[j], r.status);
        size_t n;
        char **lines = split_lines(r.out, r.out_len, &n);
        CHECKF(n == nwant, "%s: %zu lines", jobs[j], n);
        for (size_t i = 0; i < n && i < nwant; i++) {
            json_t *obj = parse_json(lines[i], strlen(lines[i]));
            REQUIRE(json_is_object(obj));
            const json_t *id = json_object_get(obj, "id");
            CHECK(id != NULL);
            if (i == 7)
                CHECK(json_is_integer(id) && json_integer_value(id) == 7);
            else if (want[i].id)
                CHECKF(json_is_string(id) && strcmp(json_string_value(id), want[i].id) == 0,
                       "line %zu", i);
            else
                CHECKF(json_is_null(id), "line %zu: id should be null", i);
            const json_t *quotes = json_object_get(obj, "quotes");
            CHECK(json_is_array(quotes));
            if (want[i].error) {
                CHECK(json_is_string(json_object_get(obj, "error")));
                CHECK(json_integer_value(json_object_get(obj, "line")) == want[i].line);
                CHECK(json_array_size(quotes) == 0);
                char msg[4200];
                snprintf(msg, sizeof msg, "quotedump: %s:%u: ", path, want[i].line);
                CHECKF(contains(r.err, msg), "stderr lacks \"%s\": %s", msg, r.err);
            } else {
                CHECK(json_object_get(obj, "error") == NULL);
                CHECK(json_object_get(obj, "line") == NULL);
            }
            json_decref(obj);
        }
        free_lines(lines, n);
        if (!first_out)
            first_out = strdup(r.out);
        else
            CHECKF(strcmp(first_out, r.out) == 0, "%s output differs from -j1", jobs[j]);
        run_free(&r);
    }
    free(first_out);
    free(in.p);

    /* Text and TSV report bad records on stderr only. */
    run_result r = RUN(NULL, 0, "-i", "jsonl", "-f", "tsv", path, NULL);
    CHECK(r.status == 1);
    CHECK(contains(r.err, ":2: "));
    CHECK(!contains(r.out, "error"));
    run_free(&r);
}

/*
 * The filter contract (Hadoop Streaming mapper, Spark rdd.pipe()): a
 * stateless line filter reading stdin and writing stdout, one output line
 * per non-blank input line, in the same order, whatever the thread count.
 */
void test_filter_contract(void)
{
    size_t len, nids;
    char **ids;
    char *corpus = make_corpus(300, false, &len, &ids, &nids);
    size_t nonblank = 0;
    {
        size_t n;
        char **lines = split_lines(corpus, len, &n);
        for (size_t i = 0; i < n; i++)
            nonblank += strspn(lines[i], " \t\r") != strlen(lines[i]);
        free_lines(lines, n);
    }
    CHECK(nonblank == nids);
    const char *jobs[] = {"-j1", "-j2", "-j7"};
    for (size_t j = 0; j < 3; j++) {
        run_result r = RUN(corpus, len, "--input=jsonl", "--format=jsonl", jobs[j], NULL);
        CHECKF(r.status == 0, "%s: status %d: %.300s", jobs[j], r.status, r.err);
        CHECK(r.err_len == 0);
        check_jsonl_output(&r, ids, nids);
        run_free(&r);
    }
    free_ids(ids, nids);
    free(corpus);

    /* Empty input: empty output, success. */
    run_result r = RUN("", 0, "-i", "jsonl", "-f", "jsonl", NULL);
    CHECK(r.status == 0 && r.out_len == 0);
    run_free(&r);
}

/* -j N gives byte-identical output to -j 1, in every format. */
void test_parallel_identical(void)
{
    size_t len, nids;
    char **ids;
    char *corpus = make_corpus(1000, true, &len, &ids, &nids);
    const char *path = work_path("corpus.jsonl");
    write_file(path, corpus, len);
    const char *formats[] = {"jsonl", "json", "tsv", "text"};
    for (size_t f = 0; f < 4; f++) {
        run_result ref = RUN(NULL, 0, "-i", "jsonl", "-f", formats[f], "-j", "1", path, NULL);
        CHECKF(ref.status == 1, "%s: status %d", formats[f], ref.status); /* bad records */
        if (f == 0)
            check_jsonl_output(&ref, ids, nids);
        const char *jobs[] = {"2", "3", "16"};
        for (size_t j = 0; j < 3; j++) {
            run_result r = RUN(NULL, 0, "-i", "jsonl", "-f", formats[f], "-j", jobs[j], path, NULL);
            CHECK(r.status == ref.status);
            CHECKF(r.out_len == ref.out_len && memcmp(r.out, ref.out, r.out_len) == 0,
                   "-f %s -j %s differs from -j 1", formats[f], jobs[j]);
            CHECKF(strcmp(r.err, ref.err) == 0, "-f %s -j %s: messages differ", formats[f],
                   jobs[j]);
            run_free(&r);
        }
        run_free(&ref);
    }
    /* Reading several files (and stdin) continues the same stream. */
    run_result one = RUN(NULL, 0, "-i", "jsonl", "-f", "jsonl", "-j2", path, NULL);
    run_result two = RUN(corpus, len, "-i", "jsonl", "-f", "jsonl", "-j2", path, "-", NULL);
    CHECK(two.out_len == 2 * one.out_len);
    CHECK(two.out_len == 2 * one.out_len && memcmp(two.out, one.out, one.out_len) == 0 &&
          memcmp(two.out + one.out_len, one.out, one.out_len) == 0);
    run_free(&one);
    run_free(&two);
    free_ids(ids, nids);
    free(corpus);
}

/* --format json with JSON Lines input: one JSON array of the records. */
void test_jsonl_as_json_array(void)
{
    size_t len, nids;
    char **ids;
    char *corpus = make_corpus(50, true, &len, &ids, &nids);
    run_result r = RUN(corpus, len, "-i", "jsonl", "-f", "json", "-j2", NULL);
    json_t *arr = parse_json(r.out, r.out_len);
    CHECK(json_is_array(arr));
    CHECKF(json_array_size(arr) == nids, "%zu elements for %zu records", json_array_size(arr), nids);
    for (size_t i = 0; i < json_array_size(arr) && i < nids; i++) {
        const char *id = json_string_value(json_object_get(json_array_get(arr, i), "id"));
        if (ids[i])
            CHECK(id && strcmp(id, ids[i]) == 0);
        else
            CHECK(json_is_string(json_object_get(json_array_get(arr, i), "error")));
    }
    json_decref(arr);
    run_free(&r);
    /* No records: an empty array. */
    r = RUN("\n\n", 2, "-i", "jsonl", "-f", "json", NULL);
    CHECK(r.status == 0);
    arr = parse_json(r.out, r.out_len);
    CHECK(json_is_array(arr) && json_array_size(arr) == 0);
    json_decref(arr);
    run_free(&r);
    free_ids(ids, nids);
    free(corpus);
}

/* Text and TSV of JSON Lines input: labelled by id. */
void test_jsonl_labels(void)
{
    static const char in[] =
        "{\"id\": \"alpha\", \"text\": \"\\\"We are ready,\\\" said Ann Lee.\"}\n"
        "{\"id\": 12, \"text\": \"\\\"We are ready,\\\" said Ann Lee.\"}\n"
        "{\"text\": \"\\\"We are ready,\\\" said Ann Lee.\"}\n";
    run_result r = RUN(in, sizeof in - 1, "-i", "jsonl", "-f", "tsv", NULL);
    CHECK(r.status == 0);
    size_t n;
    char **lines = split_lines(r.out, r.out_len, &n);
    CHECK(n >= 1 && strncmp(lines[0], "id\tstart\t", 9) == 0);
    for (size_t i = 1; i < n; i++)
        CHECKF(strncmp(lines[i], "alpha\t", 6) == 0 || strncmp(lines[i], "12\t", 3) == 0 ||
                   strncmp(lines[i], "line 3\t", 7) == 0,
               "line \"%s\"", lines[i]);
    free_lines(lines, n);
    run_free(&r);

    /* A byte order mark at the start of the input is not an error. */
    static const char bom[] = "\xEF\xBB\xBF{\"id\": \"b\", \"text\": \"x\"}\n";
    r = RUN(bom, sizeof bom - 1, "-i", "jsonl", "-f", "jsonl", NULL);
    CHECKF(r.status == 0, "BOM: status %d %s", r.status, r.err);
    json_t *obj = parse_json(r.out, r.out_len);
    CHECK(json_is_string(json_object_get(obj, "id")));
    json_decref(obj);
    run_free(&r);

    /* A first line holding only the mark is a blank line: skipped. */
    static const char bom_alone[] = "\xEF\xBB\xBF\n{\"id\": \"b\", \"text\": \"x\"}\n";
    r = RUN(bom_alone, sizeof bom_alone - 1, "-i", "jsonl", "-f", "jsonl", NULL);
    CHECKF(r.status == 0 && r.err_len == 0, "BOM alone: status %d %s", r.status, r.err);
    size_t nl;
    char **out_lines = split_lines(r.out, r.out_len, &nl);
    CHECKF(nl == 1, "BOM alone: %zu output lines", nl);
    free_lines(out_lines, nl);
    run_free(&r);
}

/* --progress reports on stderr and leaves stdout alone. */
void test_progress(void)
{
    size_t len, nids;
    char **ids;
    char *corpus = make_corpus(100, false, &len, &ids, &nids);
    run_result plain = RUN(corpus, len, "-i", "jsonl", "-f", "jsonl", NULL);
    run_result prog = RUN(corpus, len, "-i", "jsonl", "-f", "jsonl", "--progress", NULL);
    CHECK(prog.status == 0);
    CHECK(plain.err_len == 0);
    CHECKF(contains(prog.err, "records") && contains(prog.err, "MB/s"), "stderr: %s", prog.err);
    char count[64];
    snprintf(count, sizeof count, "%zu records", nids);
    CHECKF(contains(prog.err, count), "final count missing: %s", prog.err);
    CHECK(memchr(prog.err, '\r', prog.err_len) == NULL); /* not a terminal */
    CHECK(prog.out_len == plain.out_len && memcmp(prog.out, plain.out, plain.out_len) == 0);
    run_free(&plain);
    run_free(&prog);
    free_ids(ids, nids);
    free(corpus);
}

/* Quote texts come back byte for byte, whatever characters they hold. */
void test_json_roundtrip(void)
{
    static const char *const texts[] = {
        "\"Emoji \xF0\x9F\x8E\x89 and \xE2\x80\xA8 line separators are fine,\" said Ann Lee.",
        "\"Control \x01 and \x1f and \x7f bytes, \\\\ and \\\" too,\" said Ann Lee.",
        "\xE2\x80\x9C" "Curly \xE2\x80\x98nested\xE2\x80\x99 quotes with a tab\there," "\xE2\x80\x9D" " said Ann Lee.",
        "\"NUL \0 inside,\" said Ann Lee.",
    };
    const size_t lens[] = {strlen(texts[0]), strlen(texts[1]), strlen(texts[2]), 30};
    sbuf in = {0};
    for (size_t i = 0; i < 4; i++) {
        char id[16];
        snprintf(id, sizeof id, "t%zu", i);
        sb_record(&in, id, texts[i], lens[i]);
    }
    const char *formats[] = {"jsonl", "json"};
    for (size_t f = 0; f < 2; f++) {
        run_result r = RUN(in.p, in.len, "-i", "jsonl", "-f", formats[f], "--explain", NULL);
        CHECKF(r.status == 0, "status %d: %s", r.status, r.err);
        CHECK(valid_utf8(r.out, r.out_len));
        json_t *all = f == 0 ? NULL : parse_json(r.out, r.out_len);
        size_t n;
        char **lines = split_lines(r.out, r.out_len, &n);
        if (f == 0)
            CHECK(n == 4);
        size_t found = 0;
        for (size_t i = 0; i < 4; i++) {
            json_t *obj = f == 0 ? (i < n ? parse_json(lines[i], strlen(lines[i])) : NULL)
                                 : json_incref(json_array_get(all, i));
            json_t *quotes = check_article(obj, texts[i], lens[i], true);
            found += quotes ? json_array_size(quotes) : 0;
            json_decref(obj);
        }
        CHECK(found >= 1);
        free_lines(lines, n);
        json_decref(all);
        run_free(&r);
    }
    free(in.p);
}

/*
 * quotedump reads the usual records with a fast path (jsmn) and anything
 * else with Jansson; both must give the same output.  Each record below is
 * given twice: as is, and with an extra first member whose escaped key
 * ("\u0078", that is "x") the fast path leaves to Jansson.  The two runs
 * must print the same bytes, in every format, errors included.  (Invalid
 * JSON always goes to Jansson, whose message gives a column: not here.)
 */
void test_jsonl_fast_path(void)
{
    static const char *const records[] = {
        "\"id\": \"a\\u00e9\\ud83d\\ude00\", \"text\": \"\\u201cWe will win,\\u201d said Mr. "
        "Smith.\\n\\tOk \\/ \\b\\f\\r\"}",
        "\"id\": 12, \"text\": \"\\\"I never said that,\\\" the senator told reporters.\"}",
        "\"id\": -999999999999999999, \"text\": \"\\\"Fine,\\\" he said.\"}",
        "\"text\": \"\\\"Fine,\\\" he said.\", \"id\": null}",
        "\"text\": \"\\\"No id \\u0000 here,\\\" she said.\"}",
        "\"id\": \"\\u0000x\\\"\\t\", \"text\": \"\\\"We are ready,\\\" said Ann Lee.\"}",
        "\"id\": \"caf\xc3\xa9\", \"text\": \"\xe2\x80\x9cYes,\xe2\x80\x9d she said.\"}",
        "\"id\": 3, \"meta\": {\"a\": [1, 2.5, true, null], \"b\": {}}, \"text\": "
        "\"\\\"Quote,\\\" she said.\"}",
        "  \"id\" : \"ws\" ,\"text\":\"\\\"Spaced,\\\" he said.\"  }  \r",
        "\"id\": \"e1\", \"text\": 5}",
        "\"id\": \"e3\"}",
        "\"id\": 1.5, \"text\": \"\\\"Real id,\\\" he said.\"}",
    };
    const size_t n = sizeof records / sizeof records[0];
    sbuf plain = {0}, slow = {0};
    for (size_t i = 0; i < n; i++) {
        sb_str(&plain, "{");
        sb_str(&plain, records[i]);
        sb_str(&plain, "\n");
        sb_str(&slow, "{\"\\u0078\": 0, ");
        sb_str(&slow, records[i]);
        sb_str(&slow, "\n");
    }
    const char *formats[] = {"jsonl", "json", "tsv", "text"};
    for (size_t f = 0; f < 4; f++) {
        for (int j = 1; j <= 2; j++) {
            const char *jobs = j == 1 ? "-j1" : "-j2";
            run_result a = RUN(plain.p, plain.len, "-i", "jsonl", "-f", formats[f], jobs, NULL);
            run_result b = RUN(slow.p, slow.len, "-i", "jsonl", "-f", formats[f], jobs, NULL);
            CHECKF(a.status == 1 && b.status == 1, "%s: status %d and %d", formats[f], a.status,
                   b.status);
            CHECKF(a.out_len > 0 && a.out_len == b.out_len &&
                       memcmp(a.out, b.out, a.out_len) == 0,
                   "%s %s: output differs:\n%s\n---\n%s", formats[f], jobs, a.out, b.out);
            CHECKF(a.err_len == b.err_len && memcmp(a.err, b.err, a.err_len) == 0,
                   "%s %s: stderr differs:\n%s\n---\n%s", formats[f], jobs, a.err, b.err);
            if (f == 0) {
                size_t nl;
                char **lines = split_lines(a.out, a.out_len, &nl);
                CHECK(nl == n);
                for (size_t i = 0; i < nl; i++) {
                    json_t *obj = parse_json(lines[i], strlen(lines[i]));
                    CHECK(json_is_object(obj));
                    /* The first record's id, decoded and re-encoded. */
                    if (i == 0)
                        CHECK(json_is_string(json_object_get(obj, "id")) &&
                              strcmp(json_string_value(json_object_get(obj, "id")),
                                     "a\xc3\xa9\xf0\x9f\x98\x80") == 0);
                    CHECKF((json_object_get(obj, "error") != NULL) == (i == 9 || i == 10),
                           "record %zu", i);
                    json_decref(obj);
                }
                free_lines(lines, nl);
            }
            run_free(&a);
            run_free(&b);
        }
    }
    free(plain.p);
    free(slow.p);
}
