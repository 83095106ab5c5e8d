/* record.c - one JSON Lines record (see record.h). */
#include "record.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "jsonscan.h"

/* Jansson's message for a parse error; invalid UTF-8 gets a clearer one. */
static void describe_parse_error(const json_error_t *je, char *err, size_t errsz)
{
    if (json_error_code(je) == json_error_invalid_utf8)
        snprintf(err, errsz, "invalid UTF-8 near byte %d", je->position);
    else
        snprintf(err, errsz, "invalid JSON: %s (column %d)", je->text, je->column);
}

/* The text of the record, or NULL with a message. */
static const json_t *record_text(const json_t *root, char *err, size_t errsz)
{
    if (!json_is_object(root)) {
        snprintf(err, errsz, "record is not a JSON object");
        return NULL;
    }
    const json_t *text = json_object_get(root, "text");
    if (!text) {
        snprintf(err, errsz, "record has no \"text\"");
        return NULL;
    }
    if (!json_is_string(text)) {
        snprintf(err, errsz, "\"text\" is not a string");
        return NULL;
    }
    return text;
}

void qd_worker_init(qd_worker *wk, const qd_job *job)
{
    wk->scratch = (qd_buf)QD_BUF_INIT;
    if (quote_workspace_new(job->ex, &wk->ws, NULL) != QUOTE_OK)
        wk->ws = NULL;
}

void qd_worker_free(qd_worker *wk)
{
    qd_buf_free(&wk->scratch);
    quote_workspace_free(wk->ws);
    wk->ws = NULL;
}

/* Extract from text[0..n) and render the result into out. */
static bool extract_and_render(const qd_job *job, qd_worker *wk, const qd_source *src,
                               const char *s, size_t n, qd_buf *out, char *err, size_t errsz)
{
    quote_result *res = NULL;
    quote_error qe;
    qe.message[0] = '\0'; /* in case a failing call leaves it unset */
    int rc = wk->ws ? quote_extract_with(job->ex, wk->ws, s, n, job->flags, &res, &qe)
                    : quote_extract(job->ex, s, n, job->flags, &res, &qe);
    if (rc != QUOTE_OK) {
        snprintf(err, errsz, "%s", qe.message[0] ? qe.message : quote_strerror(rc));
        return false;
    }
    size_t mark = out->len;
    qd_render_result(out, &job->render, src, s, n, res);
    quote_result_free(res);
    if (out->oom) {
        out->len = mark;
        out->oom = false;
        snprintf(err, errsz, "out of memory");
        return false;
    }
    return true;
}

/* A UTF-8 byte order mark, which Windows tools put at the start of a
 * file, is not JSON: its length at the start of line `lineno`, or 0. */
static size_t bom_length(const char *line, size_t len, unsigned long lineno)
{
    return lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

bool qd_line_is_blank(const char *line, size_t len, unsigned long lineno)
{
    for (size_t i = bom_length(line, len, lineno); i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r' && line[i] != '\n')
            return false;
    return true;
}

bool qd_process_record(const qd_job *job, const char *line, size_t len, unsigned long lineno,
                       qd_worker *wk, qd_buf *out, char *err, size_t errsz)
{
    json_error_t je;
    qd_source src;
    bool ok = false;
    /* skip a byte order mark rather than reject the first record */
    size_t bom = bom_length(line, len, lineno);
    line += bom;
    len -= bom;

    /* The usual record, read without building a tree (see jsonscan.h). */
    qd_scan_record rec;
    if (qd_scan_record_fast(line, len, &wk->scratch, &rec)) {
        memset(&src, 0, sizeof src);
        src.line = lineno;
        src.id_kind = rec.id_kind == QD_SCAN_ID_STRING    ? QD_ID_STRING
                      : rec.id_kind == QD_SCAN_ID_INTEGER ? QD_ID_INTEGER
                                                          : QD_ID_NONE;
        src.id = rec.id;
        src.id_len = rec.id_len;
        src.id_int = rec.id_int;
        ok = extract_and_render(job, wk, &src, rec.text, rec.text_len, out, err, errsz);
        if (!ok)
            qd_render_error(out, &job->render, &src, err);
        return ok;
    }

    /* Anything else, invalid lines included, as Jansson reads it.
     * JSON_ALLOW_NUL: a U+0000 inside a text is odd but harmless, since the
     * library takes (pointer, length).  Jansson rejects invalid UTF-8 and
     * lone surrogates itself. */
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    qd_source_from_json(&src, lineno, json_is_object(root) ? json_object_get(root, "id") : NULL);
    if (!root) {
        describe_parse_error(&je, err, errsz);
    } else {
        const json_t *text = record_text(root, err, errsz);
        if (text)
            ok = extract_and_render(job, wk, &src, json_string_value(text),
                                    json_string_length(text), out, err, errsz);
    }
    if (!ok)
        qd_render_error(out, &job->render, &src, err);
    json_decref(root);
    return ok;
}
