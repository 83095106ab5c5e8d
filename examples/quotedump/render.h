/*
 * render.h - turn the quotes of one article into output bytes.
 *
 * Rendering is pure (no I/O, no shared state) so that worker threads can
 * render records into their own buffers; the main thread only writes them.
 */
#ifndef QD_RENDER_H
#define QD_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "libquote.h"

typedef enum qd_format { QD_FORMAT_TEXT, QD_FORMAT_JSON, QD_FORMAT_JSONL, QD_FORMAT_TSV } qd_format;

typedef struct qd_render_opts {
    qd_format format;
    bool color;          /* ANSI colours (text format only) */
    bool explain;        /* include the explanations */
    bool label;          /* text/TSV: prefix each quote with its source */
    double min_confidence;
} qd_render_opts;

/* The kind of a JSON Lines record's id.  Strings and integers, the usual
 * ids, are held decoded (the fast path of jsonscan.h gives them without a
 * Jansson tree); any other value is a Jansson value, rendered by Jansson. */
typedef enum qd_id_kind {
    QD_ID_NONE,          /* no id, or null */
    QD_ID_STRING,        /* id[0..id_len), may hold NUL */
    QD_ID_INTEGER,       /* id_int */
    QD_ID_JSON           /* id_json: true, false, a real, an array or object */
} qd_id_kind;

/* Where an article came from: a file (text input) or a JSON Lines record. */
typedef struct qd_source {
    const char *file;    /* text input: file name ("-" for stdin); else NULL */
    unsigned long line;  /* JSON Lines input: 1-based line number */
    qd_id_kind id_kind;  /* JSON Lines input: the record's id */
    const char *id;
    size_t id_len;
    long long id_int;
    const json_t *id_json;
} qd_source;

/* A qd_source for JSON Lines line `line` whose id is the Jansson value `id`
 * (NULL: none). */
void qd_source_from_json(qd_source *src, unsigned long line, const json_t *id);

/*
 * Append the quotes of `res` (extracted from text[0..len)) in the chosen
 * format.  JSON formats append one object without a trailing newline (the
 * writer adds separators); text and TSV append complete lines (possibly
 * none).
 */
void qd_render_result(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                      const char *text, size_t len, const quote_result *res);

/* Append an error record (JSON formats only; text and TSV report errors on
 * stderr alone, so this appends nothing for them). */
void qd_render_error(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                     const char *message);

/* The TSV header line; `label_name` is the first column's name when the
 * options ask for a label column ("file" or "id"). */
void qd_render_tsv_header(qd_buf *b, const qd_render_opts *o, const char *label_name);

#endif
