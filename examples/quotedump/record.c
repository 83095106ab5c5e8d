/* record.c - one JSON Lines record (see record.h). */
#include "record.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

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

bool qd_process_record(const qd_job *job, const char *line, size_t len, unsigned long lineno,
                       qd_buf *out, char *err, size_t errsz)
{
    json_error_t je;
    qd_source src = {NULL, NULL, lineno};
    /* A UTF-8 byte order mark, which Windows tools put at the start of a
     * file, is not JSON; skip it rather than reject the first record. */
    if (lineno == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
        line += 3;
        len -= 3;
    }
    /* JSON_ALLOW_NUL: a U+0000 inside a text is odd but harmless, since the
     * library takes (pointer, length).  Jansson rejects invalid UTF-8 and
     * lone surrogates itself. */
    json_t *root = json_loadb(line, len, JSON_ALLOW_NUL, &je);
    bool ok = false;
    if (!root) {
        describe_parse_error(&je, err, errsz);
        goto fail;
    }
    if (json_is_object(root))
        src.id = json_object_get(root, "id");
    const json_t *text = record_text(root, err, errsz);
    if (!text)
        goto fail;

    quote_result *res = NULL;
    quote_error qe;
    qe.message[0] = '\0'; /* in case a failing call leaves it unset */
    const char *s = json_string_value(text);
    size_t n = json_string_length(text);
    int rc = quote_extract(job->ex, s, n, job->flags, &res, &qe);
    if (rc != QUOTE_OK) {
        snprintf(err, errsz, "%s", qe.message[0] ? qe.message : quote_strerror(rc));
        goto fail;
    }
    size_t mark = out->len;
    qd_render_result(out, &job->render, &src, s, n, res);
    quote_result_free(res);
    if (out->oom) {
        out->len = mark;
        out->oom = false;
        snprintf(err, errsz, "out of memory");
        goto fail;
    }
    ok = true;
    goto done;

fail:
    qd_render_error(out, &job->render, &src, err);
done:
    json_decref(root);
    return ok;
}
