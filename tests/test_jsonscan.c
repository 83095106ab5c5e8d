/*
 * test_jsonscan.c - quotedump's fast path for JSON Lines records
 * (examples/quotedump/jsonscan.c): which records it reads and what it
 * reads from them, and that it declines whatever Jansson rejects or might
 * read differently.  Each line is also read by Jansson, as quotedump's
 * record.c does: a line the fast path takes must give Jansson's "id" and
 * "text" (the fuzz target fuzz_jsonscan checks the same on random input).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "jsonscan.h"

#define S(lit) lit, sizeof lit - 1

typedef struct want {
    const char *line;
    size_t len;
    bool taken;
    qd_scan_id id_kind;
    const char *id; /* string id, or NULL */
    size_t id_len;
    long long id_int;
    const char *text;
    size_t text_len;
} want;

static int g_bad;

/* Read `w->line` with the fast path and with Jansson; report mismatches. */
static void check(const want *w)
{
    qd_buf scratch = QD_BUF_INIT;
    qd_scan_record rec;
    bool taken = qd_scan_record_fast(w->line, w->len, &scratch, &rec);
    json_error_t je;
    json_t *root = json_loadb(w->line, w->len, JSON_ALLOW_NUL, &je);
    const json_t *text = json_object_get(root, "text"), *id = json_object_get(root, "id");
    if (taken != w->taken) {
        fprintf(stderr, "%s: %.*s\n", taken ? "taken, should be declined" : "declined",
                (int)w->len, w->line);
        g_bad++;
    }
    if (taken) {
        bool same = json_is_string(text) && rec.text_len == json_string_length(text) &&
                    memcmp(rec.text, json_string_value(text), rec.text_len) == 0 &&
                    rec.text_len == w->text_len && memcmp(rec.text, w->text, w->text_len) == 0;
        switch (rec.id_kind) {
        case QD_SCAN_ID_NONE:
            same = same && (id == NULL || json_is_null(id));
            break;
        case QD_SCAN_ID_STRING:
            same = same && json_is_string(id) && rec.id_len == json_string_length(id) &&
                   memcmp(rec.id, json_string_value(id), rec.id_len) == 0 &&
                   rec.id_len == w->id_len && memcmp(rec.id, w->id, w->id_len) == 0;
            break;
        case QD_SCAN_ID_INTEGER:
            same = same && json_is_integer(id) && json_integer_value(id) == rec.id_int &&
                   rec.id_int == w->id_int;
            break;
        }
        if (!same || rec.id_kind != w->id_kind) {
            fprintf(stderr, "read differently: %.*s\n", (int)w->len, w->line);
            g_bad++;
        }
    }
    json_decref(root);
    qd_buf_free(&scratch);
}

static void run(const want *ws, size_t n)
{
    for (size_t i = 0; i < n; i++)
        check(&ws[i]);
    int bad = g_bad;
    g_bad = 0;
    assert_int_equal(bad, 0);
}

#define TAKEN_STR(line, id, text) {S(line), true, QD_SCAN_ID_STRING, S(id), 0, S(text)}
#define TAKEN_INT(line, v, text) {S(line), true, QD_SCAN_ID_INTEGER, NULL, 0, v, S(text)}
#define TAKEN_NONE(line, text) {S(line), true, QD_SCAN_ID_NONE, NULL, 0, 0, S(text)}
#define DECLINED(line) {S(line), false, QD_SCAN_ID_NONE, NULL, 0, 0, NULL, 0}

/* The records quotedump sees every day take the fast path. */
static void test_usual_records(void **state)
{
    (void)state;
    static const want ws[] = {
        TAKEN_STR("{\"id\": \"a1\", \"text\": \"Hello.\"}\n", "a1", "Hello."),
        TAKEN_STR("{\"id\":\"a1\",\"text\":\"Hello.\"}\r\n", "a1", "Hello."),
        TAKEN_STR(" \t{ \"text\" : \"x\" , \"id\" : \"\" } \n", "", "x"),
        TAKEN_INT("{\"id\": 42, \"text\": \"\"}", 42, ""),
        TAKEN_INT("{\"id\": -0, \"text\": \"x\"}", 0, "x"),
        TAKEN_INT("{\"id\": -999999999999999999, \"text\": \"x\"}", -999999999999999999LL, "x"),
        TAKEN_NONE("{\"text\": \"no id\"}", "no id"),
        TAKEN_NONE("{\"id\": null, \"text\": \"null id\"}", "null id"),
        /* Other members, of any type, are checked and skipped. */
        TAKEN_INT("{\"id\": 1, \"url\": \"http:\\/\\/x\", \"meta\": {\"a\": [1, -2.5, 0.0, true, "
                  "false, null, \"s\\n\", {}, []], \"b\": {\"c\": {}}}, \"text\": \"t\"}",
                  1, "t"),
        /* Escapes and raw UTF-8 are decoded as Jansson decodes them. */
        TAKEN_STR("{\"id\": \"caf\\u00e9 \\ud83d\\ude00\", \"text\": "
                  "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0000\\u20AC\\uD834\\uDD1E\"}",
                  "caf\xc3\xa9 \xf0\x9f\x98\x80",
                  "\"\\/\b\f\n\r\t\0\xe2\x82\xac\xf0\x9d\x84\x9e"),
        TAKEN_STR("{\"id\": \"\xc3\xa9\", \"text\": \"\xe2\x80\x9cYes,\xe2\x80\x9d she said. "
                  "\xf0\x9f\x98\x80\x7f\"}",
                  "\xc3\xa9", "\xe2\x80\x9cYes,\xe2\x80\x9d she said. \xf0\x9f\x98\x80\x7f"),
    };
    run(ws, sizeof ws / sizeof ws[0]);
}

/* Lines that Jansson rejects: always declined (Jansson gives the message). */
static void test_invalid_declined(void **state)
{
    (void)state;
    static const want ws[] = {
        DECLINED(""),
        DECLINED("\n"),
        DECLINED("not json"),
        DECLINED("{\"id\": 1, \"text\": \"x\"} trailing"),
        DECLINED("{\"id\": 1, \"text\": \"x\"}{\"id\": 2}"),
        DECLINED("{\"id\": 1, \"text\": \"x\"}\0"),
        DECLINED("{\"id\": 1, \"text\": \"x\0\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\""),
        DECLINED("{\"id\": 1 \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\",}"),
        DECLINED("{\"id\" 1, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1,, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"a\": [1 2]}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"a\": [1,]}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"a\": {\"k\" \"v\"}}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"a\": {\"k\": }}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"a\": [}"),
        DECLINED("{\"id\": 01, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1., \"text\": \"x\"}"),
        DECLINED("{\"id\": .5, \"text\": \"x\"}"),
        DECLINED("{\"id\": -, \"text\": \"x\"}"),
        DECLINED("{\"id\": +1, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"b\": tru}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"b\": nulll}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"b\": True}"),
        DECLINED("{\"id\": 1, \"text\": \"tab\there\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"k\\u0000\": 1}"),
        DECLINED("{\"id\": 1, \"text\": \"\\x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\\u12\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\\u12g4\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\\ud800\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\\ud800x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\\udc00\\ud800\"}"),
        DECLINED("{\"id\": \"\\ud83d\\u0041\", \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\xff\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\xc0\xaf\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\xed\xa0\x80\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\xf4\x90\x80\x80\"}"),
        DECLINED("{\"id\": 1, \"text\": \"\xe2\x80\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"\xc3\": 1}"),
        DECLINED("{\"id\": 1, \"text\": \"x\"} \xc2\xa0"),
        DECLINED("\xef\xbb\xbf{\"id\": 1, \"text\": \"x\"}"), /* record.c strips it on line 1 */
        DECLINED("{\"id\": 99999999999999999999, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"n\": 1e400}"),
    };
    run(ws, sizeof ws / sizeof ws[0]);
}

/* Valid lines it leaves to Jansson: records that are errors anyway, ids
 * that Jansson renders, what Jansson resolves its own way (duplicate keys,
 * escaped keys), numbers near the limits, more tokens than it keeps. */
static void test_valid_declined(void **state)
{
    (void)state;
    static const want ws[] = {
        DECLINED("[{\"id\": 1, \"text\": \"x\"}]"),
        DECLINED("{\"id\": 1}"),
        DECLINED("{\"id\": 1, \"text\": 5}"),
        DECLINED("{\"id\": 1, \"text\": null}"),
        DECLINED("{\"id\": 1.5, \"text\": \"x\"}"),
        DECLINED("{\"id\": true, \"text\": \"x\"}"),
        DECLINED("{\"id\": [1], \"text\": \"x\"}"),
        DECLINED("{\"id\": {\"a\": 1}, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"a\", \"text\": \"b\"}"),
        DECLINED("{\"id\": 1, \"id\": 2, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"te\\u0078t\": \"x\"}"),
        DECLINED("{\"id\": 1234567890123456789, \"text\": \"x\"}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"n\": 1e5}"),
        DECLINED("{\"id\": 1, \"text\": \"x\", \"n\": 1.5E-3}"),
    };
    run(ws, sizeof ws / sizeof ws[0]);

    /* 300 array elements: more tokens than the fast path keeps. */
    char big[1024];
    size_t n = (size_t)snprintf(big, sizeof big, "{\"text\": \"x\", \"a\": [");
    for (int i = 0; i < 300; i++) {
        big[n++] = '0';
        big[n++] = i < 299 ? ',' : ']';
    }
    big[n++] = '}';
    want w = {big, n, false, QD_SCAN_ID_NONE, NULL, 0, 0, NULL, 0};
    check(&w);
    /* 40 of them still fit. */
    n = (size_t)snprintf(big, sizeof big, "{\"text\": \"x\", \"a\": [");
    for (int i = 0; i < 40; i++) {
        big[n++] = '0';
        big[n++] = i < 39 ? ',' : ']';
    }
    big[n++] = '}';
    want w2 = {big, n, true, QD_SCAN_ID_NONE, NULL, 0, 0, "x", 1};
    check(&w2);
    assert_int_equal(g_bad, 0);
}

/* Long strings: the eight-bytes-at-a-time scan finds every special byte,
 * wherever it falls in a word. */
static void test_special_byte_positions(void **state)
{
    (void)state;
    static const char *const specials[] = {"\t", "\"", "\x01", "\x1f", "\xff", "\\q"};
    char line[256], text[64];
    for (size_t s = 0; s < sizeof specials / sizeof specials[0]; s++) {
        for (size_t at = 0; at < 40; at++) {
            memset(text, 'a', sizeof text);
            size_t sl = strlen(specials[s]);
            memcpy(text + at, specials[s], sl);
            int n = snprintf(line, sizeof line, "{\"text\": \"%.*s\"}", 48, text);
            want w = {line, (size_t)n, false, QD_SCAN_ID_NONE, NULL, 0, 0, NULL, 0};
            check(&w);
        }
    }
    /* And every plain printable byte passes, at every position. */
    for (int c = 0x20; c < 0x80; c++) {
        if (c == '"' || c == '\\')
            continue;
        memset(text, 'a', sizeof text);
        text[c % 40] = (char)c;
        int n = snprintf(line, sizeof line, "{\"text\": \"%.*s\"}", 48, text);
        want w = {line, (size_t)n, true, QD_SCAN_ID_NONE, NULL, 0, 0, text, 48};
        check(&w);
    }
    assert_int_equal(g_bad, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_usual_records),
        cmocka_unit_test(test_invalid_declined),
        cmocka_unit_test(test_valid_declined),
        cmocka_unit_test(test_special_byte_positions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
