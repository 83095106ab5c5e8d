/* render.c - the output formats (see render.h and man/quotedump.1). */
#include "render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"

/* ANSI colours for the text format. */
#define COLOR_LABEL "\033[35m"
#define COLOR_SPEAKER "\033[1m"
#define COLOR_CUE "\033[36m"
#define COLOR_EXPLAIN "\033[2m"
#define COLOR_RESET "\033[0m"

/* A span is printable when present and inside the text.  The library
 * guarantees this; checking keeps a library bug from becoming an
 * out-of-bounds read in the tool. */
static bool span_ok(size_t start, size_t end, size_t len)
{
    return start != QUOTE_NO_SPAN && start <= end && end <= len;
}

/* The confidence as "%.3f" prints it.  The usual value, in [0, 1000),
 * is printed from its rounded thousandths, unless it lies too near a
 * rounding tie for that to be sure (then printf decides). */
static void put_confidence(qd_buf *b, double c)
{
    char tmp[32];
    if (!isfinite(c)) { /* JSON has no NaN; never expected from the library */
        qd_buf_put(b, "null", 4);
        return;
    }
    if (c >= 0 && !signbit(c) && c < 1000) {
        /* No floor() or fabs(): quotedump does not link libm. */
        double x = c * 1000;
        unsigned long long whole = (unsigned long long)x; /* x >= 0: floor */
        double frac = x - (double)whole;
        if (frac - 0.5 > 1e-6 || frac - 0.5 < -1e-6) {
            unsigned long long v = whole + (frac > 0.5);
            qd_buf_putu(b, v / 1000);
            char d[4] = {'.', (char)('0' + v / 100 % 10), (char)('0' + v / 10 % 10),
                         (char)('0' + v % 10)};
            qd_buf_put(b, d, 4);
            return;
        }
    }
    int n = snprintf(tmp, sizeof tmp, "%.3f", c);
    qd_buf_put(b, tmp, n > 0 ? (size_t)n : 0);
}

static void put_int(qd_buf *b, long long v)
{
    if (v < 0) {
        qd_buf_putc(b, '-');
        qd_buf_putu(b, 0ULL - (unsigned long long)v);
    } else {
        qd_buf_putu(b, (unsigned long long)v);
    }
}

/* ---- JSON ------------------------------------------------------------ */

/* Key/value separators: compact for jsonl (machines, size matters), spaced
 * for json (people read it). */
typedef struct json_style {
    bool spaced;
} json_style;

static const json_style COMPACT = {false};
static const json_style SPACED = {true};

/* `"key":` after a comma unless first, as one literal: rendering writes
 * fourteen keys per quote. */
#define PUT_KEY(b, st, first, key)                                                      \
    ((st)->spaced ? ((first) ? qd_buf_putl(b, "\"" key "\": ")                          \
                             : qd_buf_putl(b, ", \"" key "\": "))                       \
                  : ((first) ? qd_buf_putl(b, "\"" key "\":") : qd_buf_putl(b, ",\"" key "\":")))

static void put_span_text(qd_buf *b, const char *text, size_t len, size_t s, size_t e)
{
    if (span_ok(s, e, len))
        qd_put_json_string(b, text + s, e - s);
    else
        qd_buf_put(b, "null", 4);
}

static void put_offset(qd_buf *b, size_t s, size_t e, size_t len, size_t v)
{
    if (span_ok(s, e, len))
        qd_buf_putu(b, v);
    else
        qd_buf_put(b, "null", 4);
}

static void put_cstr_or_null(qd_buf *b, const char *s)
{
    if (s)
        qd_put_json_string(b, s, strlen(s));
    else
        qd_buf_put(b, "null", 4);
}

static void put_json_quote(qd_buf *b, const json_style *st, const qd_render_opts *o,
                           const char *text, size_t len, const quote_quote *q)
{
    size_t start = q->start <= len ? q->start : len;
    size_t end = q->end >= start && q->end <= len ? q->end : start;

    qd_buf_putc(b, '{');
    PUT_KEY(b, st, true, "start");
    qd_buf_putu(b, start);
    PUT_KEY(b, st, false, "end");
    qd_buf_putu(b, end);
    PUT_KEY(b, st, false, "text");
    qd_put_json_string(b, text + start, end - start);
    PUT_KEY(b, st, false, "speaker");
    put_cstr_or_null(b, q->speaker);
    PUT_KEY(b, st, false, "mention");
    put_span_text(b, text, len, q->mention_start, q->mention_end);
    PUT_KEY(b, st, false, "mention_start");
    put_offset(b, q->mention_start, q->mention_end, len, q->mention_start);
    PUT_KEY(b, st, false, "mention_end");
    put_offset(b, q->mention_start, q->mention_end, len, q->mention_end);
    PUT_KEY(b, st, false, "cue");
    put_span_text(b, text, len, q->cue_start, q->cue_end);
    PUT_KEY(b, st, false, "cue_start");
    put_offset(b, q->cue_start, q->cue_end, len, q->cue_start);
    PUT_KEY(b, st, false, "cue_end");
    put_offset(b, q->cue_start, q->cue_end, len, q->cue_end);
    PUT_KEY(b, st, false, "kind");
    qd_put_json_string(b, quote_kind_name(q->kind), strlen(quote_kind_name(q->kind)));
    PUT_KEY(b, st, false, "entity");
    put_int(b, q->entity);
    PUT_KEY(b, st, false, "rule");
    put_cstr_or_null(b, q->rule);
    PUT_KEY(b, st, false, "confidence");
    put_confidence(b, q->confidence);
    if (o->explain) {
        PUT_KEY(b, st, false, "explanation");
        put_cstr_or_null(b, q->explanation);
    }
    qd_buf_putc(b, '}');
}

void qd_source_from_json(qd_source *src, unsigned long line, const json_t *id)
{
    memset(src, 0, sizeof *src);
    src->line = line;
    if (!id || json_is_null(id)) {
        src->id_kind = QD_ID_NONE;
    } else if (json_is_string(id)) {
        src->id_kind = QD_ID_STRING;
        src->id = json_string_value(id);
        src->id_len = json_string_length(id);
    } else if (json_is_integer(id)) {
        src->id_kind = QD_ID_INTEGER;
        src->id_int = json_integer_value(id);
    } else {
        src->id_kind = QD_ID_JSON;
        src->id_json = id;
    }
}

/* An id that is not a string, integer or null, as compact JSON. */
static void put_dumped_id(qd_buf *b, const json_t *id, void (*put)(qd_buf *, const char *, size_t))
{
    char *s = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s) {
        b->oom = true;
        return;
    }
    put(b, s, strlen(s));
    free(s);
}

/* The id of a record, re-encoded.  Strings and integers are written
 * directly (the common cases); anything else goes through Jansson. */
static void put_json_id(qd_buf *b, const qd_source *src)
{
    switch (src->id_kind) {
    case QD_ID_STRING: qd_put_json_string(b, src->id, src->id_len); break;
    case QD_ID_INTEGER: put_int(b, src->id_int); break;
    case QD_ID_JSON: put_dumped_id(b, src->id_json, qd_buf_put); break;
    default: qd_buf_put(b, "null", 4); break;
    }
}

/* `{"file": ...` or `{"id": ...` (plus `"line"` for errors). */
static void put_json_head(qd_buf *b, const json_style *st, const qd_source *src, bool is_error)
{
    qd_buf_putc(b, '{');
    if (src->file) {
        PUT_KEY(b, st, true, "file");
        qd_put_json_string(b, src->file, strlen(src->file));
    } else {
        PUT_KEY(b, st, true, "id");
        put_json_id(b, src);
        if (is_error) {
            PUT_KEY(b, st, false, "line");
            qd_buf_putu(b, src->line);
        }
    }
}

static void render_json(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                        const char *text, size_t len, const quote_result *res)
{
    /* json (for people) puts each quote on its own indented line. */
    bool pretty = o->format == QD_FORMAT_JSON;
    const json_style *st = pretty ? &SPACED : &COMPACT;
    put_json_head(b, st, src, false);
    PUT_KEY(b, st, false, "quotes");
    qd_buf_putc(b, '[');
    size_t n = quote_result_count(res);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const quote_quote *q = quote_result_get(res, i);
        if (!q || q->confidence < o->min_confidence)
            continue;
        if (!first)
            qd_buf_putc(b, ',');
        if (pretty)
            qd_buf_put(b, "\n  ", 3);
        put_json_quote(b, st, o, text, len, q);
        first = false;
    }
    if (pretty && !first)
        qd_buf_putc(b, '\n');
    qd_buf_put(b, "]}", 2);
}

/* ---- text and TSV ------------------------------------------------------ */

/* The source label of text and TSV lines: the file name, or the record id
 * (a string id as is, any other id as JSON, a missing one as "line N"). */
static void put_label(qd_buf *b, const qd_source *src, void (*put)(qd_buf *, const char *, size_t))
{
    if (src->file) {
        put(b, src->file, strlen(src->file));
    } else if (src->id_kind == QD_ID_STRING) {
        put(b, src->id, src->id_len);
    } else if (src->id_kind == QD_ID_INTEGER) {
        char digits[24]; /* as Jansson writes it */
        int n = snprintf(digits, sizeof digits, "%lld", src->id_int);
        put(b, digits, n > 0 ? (size_t)n : 0);
    } else if (src->id_kind == QD_ID_JSON) {
        put_dumped_id(b, src->id_json, put);
    } else {
        qd_buf_puts(b, "line ");
        qd_buf_putu(b, src->line);
    }
}

static void put_colored(qd_buf *b, bool color, const char *code)
{
    if (color)
        qd_buf_puts(b, code);
}

/* SPEAKER CUE: “QUOTE” - with an indented explanation line when asked. */
static void render_text_quote(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                              const char *text, size_t len, const quote_quote *q)
{
    if (o->label) {
        put_colored(b, o->color, COLOR_LABEL);
        put_label(b, src, qd_put_text);
        qd_buf_putc(b, ':');
        put_colored(b, o->color, COLOR_RESET);
        qd_buf_putc(b, ' ');
    }
    put_colored(b, o->color, COLOR_SPEAKER);
    if (q->speaker)
        qd_put_text(b, q->speaker, strlen(q->speaker));
    else
        qd_buf_puts(b, "(unknown)");
    put_colored(b, o->color, COLOR_RESET);
    if (span_ok(q->cue_start, q->cue_end, len)) {
        qd_buf_putc(b, ' ');
        put_colored(b, o->color, COLOR_CUE);
        qd_put_text(b, text + q->cue_start, q->cue_end - q->cue_start);
        put_colored(b, o->color, COLOR_RESET);
    }
    qd_buf_puts(b, ": \xE2\x80\x9C"); /* “ */
    if (span_ok(q->start, q->end, len))
        qd_put_text(b, text + q->start, q->end - q->start);
    qd_buf_puts(b, "\xE2\x80\x9D\n"); /* ” */

    if (o->explain && q->explanation) {
        /* One indented line per line of the explanation. */
        const char *s = q->explanation;
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            qd_buf_puts(b, "    ");
            put_colored(b, o->color, COLOR_EXPLAIN);
            qd_put_text(b, s, n);
            put_colored(b, o->color, COLOR_RESET);
            qd_buf_putc(b, '\n');
            s += n + (nl != NULL);
        }
    }
}

static void put_tsv_span(qd_buf *b, const char *text, size_t len, size_t s, size_t e)
{
    if (span_ok(s, e, len))
        qd_put_tsv(b, text + s, e - s);
}

static void render_tsv_quote(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                             const char *text, size_t len, const quote_quote *q)
{
    size_t start = q->start <= len ? q->start : len;
    size_t end = q->end >= start && q->end <= len ? q->end : start;
    if (o->label) {
        put_label(b, src, qd_put_tsv);
        qd_buf_putc(b, '\t');
    }
    qd_buf_putu(b, start);
    qd_buf_putc(b, '\t');
    qd_buf_putu(b, end);
    qd_buf_putc(b, '\t');
    if (q->speaker)
        qd_put_tsv(b, q->speaker, strlen(q->speaker));
    qd_buf_putc(b, '\t');
    put_tsv_span(b, text, len, q->mention_start, q->mention_end);
    qd_buf_putc(b, '\t');
    put_tsv_span(b, text, len, q->cue_start, q->cue_end);
    qd_buf_putc(b, '\t');
    qd_buf_puts(b, quote_kind_name(q->kind));
    qd_buf_putc(b, '\t');
    put_confidence(b, q->confidence);
    qd_buf_putc(b, '\t');
    qd_put_tsv(b, text + start, end - start);
    if (o->explain) {
        qd_buf_putc(b, '\t');
        if (q->explanation)
            qd_put_tsv(b, q->explanation, strlen(q->explanation));
    }
    qd_buf_putc(b, '\n');
}

void qd_render_tsv_header(qd_buf *b, const qd_render_opts *o, const char *label_name)
{
    if (o->label) {
        qd_buf_puts(b, label_name);
        qd_buf_putc(b, '\t');
    }
    qd_buf_puts(b, "start\tend\tspeaker\tmention\tcue\tkind\tconfidence\tquote");
    if (o->explain)
        qd_buf_puts(b, "\texplanation");
    qd_buf_putc(b, '\n');
}

/* ---- entry points ------------------------------------------------------ */

void qd_render_result(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                      const char *text, size_t len, const quote_result *res)
{
    if (o->format == QD_FORMAT_JSON || o->format == QD_FORMAT_JSONL) {
        render_json(b, o, src, text, len, res);
        return;
    }
    size_t n = quote_result_count(res);
    for (size_t i = 0; i < n; i++) {
        const quote_quote *q = quote_result_get(res, i);
        if (!q || q->confidence < o->min_confidence)
            continue;
        if (o->format == QD_FORMAT_TSV)
            render_tsv_quote(b, o, src, text, len, q);
        else
            render_text_quote(b, o, src, text, len, q);
    }
}

void qd_render_error(qd_buf *b, const qd_render_opts *o, const qd_source *src,
                     const char *message)
{
    if (o->format != QD_FORMAT_JSON && o->format != QD_FORMAT_JSONL)
        return;
    const json_style *st = o->format == QD_FORMAT_JSON ? &SPACED : &COMPACT;
    put_json_head(b, st, src, true);
    PUT_KEY(b, st, false, "error");
    qd_put_json_string(b, message, strlen(message));
    PUT_KEY(b, st, false, "quotes");
    qd_buf_put(b, "[]}", 3);
}
