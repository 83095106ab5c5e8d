/*
 * jsonscan.h - the fast path for reading a JSON Lines record.
 *
 * Jansson (record.c) builds a whole tree for each record, which took about
 * a third of quotedump's time.  Most records are a plain object with a
 * string "text" and a string or integer "id"; for those, jsmn (a small
 * tokenizer from Debian, no allocation) finds the tokens, and this module
 * checks every byte of the line against the JSON grammar and decodes the
 * "id" and "text" strings.
 *
 * It answers only when it can vouch that Jansson, as record.c calls it
 * (json_loadb with JSON_ALLOW_NUL), would accept the line and find the
 * same "id" and "text".  Anything else -- invalid JSON, another id type, an
 * escaped or duplicate key, a number Jansson might find out of range, more
 * tokens than it keeps -- is declined, and record.c goes through Jansson,
 * which gives the same result or error message as always.  The libFuzzer
 * target fuzz_jsonl checks this agreement on every input.
 */
#ifndef QD_JSONSCAN_H
#define QD_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef enum qd_scan_id {
    QD_SCAN_ID_NONE,    /* no "id", or "id": null */
    QD_SCAN_ID_STRING,
    QD_SCAN_ID_INTEGER
} qd_scan_id;

typedef struct qd_scan_record {
    qd_scan_id id_kind;
    const char *id;      /* QD_SCAN_ID_STRING: the decoded id ... */
    size_t id_len;       /* ... of this many bytes (may hold NUL) */
    long long id_int;    /* QD_SCAN_ID_INTEGER */
    const char *text;    /* the decoded "text" (may hold NUL) */
    size_t text_len;
} qd_scan_record;

/*
 * Read the record line[0..len) (a leading BOM already skipped).  Returns
 * true with *rec filled when the line is a JSON object with a string
 * "text" and an "id" that is absent, null, a string or an integer, exactly
 * as Jansson would read it; false when the caller must ask Jansson.
 * Decoded strings point into `line` when they have no escapes, else into
 * `scratch` (cleared first), so they live until either is changed.
 */
bool qd_scan_record_fast(const char *line, size_t len, qd_buf *scratch, qd_scan_record *rec);

#endif
