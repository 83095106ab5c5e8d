/*
 * jsonscan_check.h - the differential check of quotedump's fast JSON path
 * (examples/quotedump/jsonscan.h) against Jansson, for the fuzz targets.
 *
 * The fast path may decline any line.  When it reads one, Jansson -- called
 * as record.c calls it, json_loadb() with JSON_ALLOW_NUL -- must accept the
 * line as an object whose "text" is a string of the same bytes, and whose
 * "id" is the same: absent or null, a string of the same bytes, or an
 * integer of the same value.  Any difference aborts.
 */
#ifndef FUZZ_JSONSCAN_CHECK_H
#define FUZZ_JSONSCAN_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "jsonscan.h"

#define JSONSCAN_CHECK(cond, line, len)                                                   \
    do {                                                                                  \
        if (!(cond)) {                                                                    \
            fprintf(stderr, "jsonscan: fast path and Jansson differ at %s:%d: %s\n"       \
                    "  line: %.*s\n", __FILE__, __LINE__, #cond, (int)(len), (line));     \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

static bool jsonscan_same_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

/*
 * Run the fast path on line[0..len) and compare with `root`, Jansson's
 * reading of the same bytes (NULL when it rejected them).  `scratch` is
 * the fast path's buffer; whatever it holds must not matter.  Returns
 * whether the fast path read the line.
 */
static bool jsonscan_check(const char *line, size_t len, const json_t *root, qd_buf *scratch)
{
    /* An exact-size heap copy, so that ASan sees any read past the end. */
    char *copy = malloc(len ? len : 1);
    JSONSCAN_CHECK(copy != NULL, line, len);
    if (len)
        memcpy(copy, line, len);
    qd_buf_clear(scratch);
    qd_buf_put(scratch, "\"garbage\\", 9);
    qd_scan_record rec;
    bool fast = qd_scan_record_fast(copy, len, scratch, &rec);
    if (fast) {
        JSONSCAN_CHECK(json_is_object(root), line, len);
        const json_t *text = json_object_get(root, "text");
        const json_t *id = json_object_get(root, "id");
        JSONSCAN_CHECK(json_is_string(text), line, len);
        JSONSCAN_CHECK(jsonscan_same_bytes(rec.text, rec.text_len, json_string_value(text),
                                           json_string_length(text)),
                       line, len);
        switch (rec.id_kind) {
        case QD_SCAN_ID_NONE:
            JSONSCAN_CHECK(id == NULL || json_is_null(id), line, len);
            break;
        case QD_SCAN_ID_STRING:
            JSONSCAN_CHECK(json_is_string(id), line, len);
            JSONSCAN_CHECK(jsonscan_same_bytes(rec.id, rec.id_len, json_string_value(id),
                                               json_string_length(id)),
                           line, len);
            break;
        case QD_SCAN_ID_INTEGER:
            JSONSCAN_CHECK(json_is_integer(id) && json_integer_value(id) == rec.id_int, line,
                           len);
            break;
        default:
            JSONSCAN_CHECK(false, line, len);
        }
    }
    free(copy);
    return fast;
}

#endif
