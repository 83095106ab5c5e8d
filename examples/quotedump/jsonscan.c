/* jsonscan.c - the fast path for JSON Lines records (see jsonscan.h).
 *
 * jsmn splits the line into tokens (strings, primitives, objects, arrays,
 * in document order), but it is lenient: it does not check the commas and
 * colons between tokens, the spelling of numbers and literals, control
 * characters, UTF-8 or surrogates in strings, or what follows the first
 * value.  So the tokens are only a map: walk() goes through the line from
 * its first byte to its last as a JSON grammar does, and requires each
 * token to start exactly where the grammar expects a value; every byte
 * between tokens must be whitespace or the one punctuation mark due there.
 * Strings and primitives are checked here byte by byte as Jansson checks
 * them.  (A flat object - the usual record - is mapped by flat_map()
 * instead, which skips strings sixteen bytes at a time: a map like any
 * other for walk().)  Whatever jsmn made of a line, a line is accepted
 * only when it is valid JSON that Jansson reads the same way.
 */
#include "jsonscan.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#include "escape.h"

/* More tokens than this (a record with much metadata, deep nesting) goes
 * to Jansson.  A usual record has five: the object, two keys, two values. */
#define MAX_TOKENS 256

/* ---- strings ------------------------------------------------------------ */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The four hex digits at s[0..4), or -1. */
static long hex4(const unsigned char *s)
{
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(s[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static size_t put_utf8(char *o, unsigned long cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* string_run() failed. */
#define NOT_A_STRING SIZE_MAX

/*
 * Check the body s[0..n) of a string as Jansson reads it: no raw control
 * character or quote, valid UTF-8 (Jansson's rules: no overlong forms,
 * surrogates or code points above U+10FFFF), only JSON's escapes, \u
 * surrogates in pairs.  With `out`, also decode it: when the body has an
 * escape, its decoded bytes are appended to out and *copied is set; else
 * the body is its own value.  `allow_escapes` false declines any escape
 * (object keys: Jansson rejects a NUL in a key, and an escaped key could
 * spell "id" or "text").
 *
 * With `to_quote`, the body is s[0..k) where s[k] is the first unescaped
 * '"' (which must come before n): so the string's end is found in the
 * same pass that checks and decodes it.  Returns the body's length, or
 * NOT_A_STRING.
 */
static size_t string_run(const char *str, size_t n, bool to_quote, bool allow_escapes, qd_buf *out,
                         bool *copied)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    bool esc = false;
    for (;;) {
        i += qd_plain_prefix(str + i, n - i);
        if (i >= n) {
            if (to_quote)
                return NOT_A_STRING; /* no closing quote */
            break;
        }
        unsigned char c = s[i];
        if (c >= 0x80) {
            size_t k = qd_utf8_len(s + i, n - i);
            if (k == 0)
                return NOT_A_STRING;
            i += k;
            continue;
        }
        if (c == '"' && to_quote) {
            n = i;
            break;
        }
        if (c < 0x20 || c == '"')
            return NOT_A_STRING;
        if (c != '\\') {
            i++;
            continue;
        }
        /* An escape. */
        if (!allow_escapes || i + 1 >= n)
            return NOT_A_STRING;
        char dec[8];
        size_t dn = 0, used;
        switch (s[i + 1]) {
        case '"': dec[dn++] = '"'; used = 2; break;
        case '\\': dec[dn++] = '\\'; used = 2; break;
        case '/': dec[dn++] = '/'; used = 2; break;
        case 'b': dec[dn++] = '\b'; used = 2; break;
        case 'f': dec[dn++] = '\f'; used = 2; break;
        case 'n': dec[dn++] = '\n'; used = 2; break;
        case 'r': dec[dn++] = '\r'; used = 2; break;
        case 't': dec[dn++] = '\t'; used = 2; break;
        case 'u': {
            if (n - i < 6)
                return NOT_A_STRING;
            long cp = hex4(s + i + 2);
            if (cp < 0)
                return NOT_A_STRING;
            used = 6;
            if (cp >= 0xDC00 && cp <= 0xDFFF) /* a lone low surrogate */
                return NOT_A_STRING;
            if (cp >= 0xD800 && cp <= 0xDBFF) { /* must pair with a low one */
                if (n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u')
                    return NOT_A_STRING;
                long lo = hex4(s + i + 8);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    return NOT_A_STRING;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                used = 12;
            }
            dn = put_utf8(dec, (unsigned long)cp);
            break;
        }
        default:
            return NOT_A_STRING;
        }
        if (out) {
            if (!esc)
                qd_buf_put(out, str, i); /* the plain start, before the first escape */
            else
                qd_buf_put(out, str + run, i - run);
            qd_buf_put(out, dec, dn);
        }
        esc = true;
        i += used;
        run = i;
    }
    if (out && esc)
        qd_buf_put(out, str + run, n - run);
    if (copied)
        *copied = esc;
    return n;
}

/* The body s[0..n) of a string, checked and decoded (see string_run). */
static bool string_body(const char *str, size_t n, bool allow_escapes, qd_buf *out, bool *copied)
{
    return string_run(str, n, false, allow_escapes, out, copied) != NOT_A_STRING;
}

/* ---- numbers and literals ----------------------------------------------- */

typedef enum prim { PRIM_BAD, PRIM_LITERAL, PRIM_NULL, PRIM_INTEGER, PRIM_REAL } prim;

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/*
 * What the primitive s[0..n) is.  Numbers follow JSON's grammar, which is
 * also Jansson's.  Jansson reports an integer out of long long's range and
 * a real that overflows a double as errors: integers of more than 18
 * digits, reals with an exponent and reals of more than 300 characters
 * (which could come near those limits) are PRIM_BAD here, and go to
 * Jansson to decide.  *value gets an integer's value.
 */
static prim primitive(const char *str, size_t n, long long *value)
{
    const unsigned char *s = (const unsigned char *)str;
    if (n == 4 && memcmp(s, "null", 4) == 0)
        return PRIM_NULL;
    if ((n == 4 && memcmp(s, "true", 4) == 0) || (n == 5 && memcmp(s, "false", 5) == 0))
        return PRIM_LITERAL;
    size_t i = 0;
    bool neg = false;
    if (i < n && s[i] == '-') {
        neg = true;
        i++;
    }
    size_t int_start = i;
    if (i < n && s[i] == '0') {
        i++;
    } else if (i < n && s[i] >= '1' && s[i] <= '9') {
        while (i < n && is_digit(s[i]))
            i++;
    } else {
        return PRIM_BAD;
    }
    size_t int_digits = i - int_start;
    if (i == n) {
        if (int_digits > 18)
            return PRIM_BAD;
        long long v = 0;
        for (size_t k = int_start; k < n; k++)
            v = v * 10 + (s[k] - '0');
        *value = neg ? -v : v;
        return PRIM_INTEGER;
    }
    if (s[i] != '.' || n > 300)
        return PRIM_BAD; /* an exponent, or not a number */
    i++;
    if (i == n || !is_digit(s[i]))
        return PRIM_BAD;
    while (i < n && is_digit(s[i]))
        i++;
    return i == n ? PRIM_REAL : PRIM_BAD;
}

/* ---- the walk ------------------------------------------------------------- */

typedef struct walk {
    const char *s;
    size_t len;
    const jsmntok_t *tok;
    int ntok;
    int next;     /* the next token to match */
    size_t pos;   /* the next byte to match */
} walk;

/* JSON's whitespace, which is also Jansson's. */
static size_t skip_ws(const walk *w, size_t i)
{
    while (i < w->len) {
        char c = w->s[i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        i++;
    }
    return i;
}

/* Skip whitespace, then require the byte c. */
static bool expect(walk *w, char c)
{
    size_t i = skip_ws(w, w->pos);
    if (i >= w->len || w->s[i] != c)
        return false;
    w->pos = i + 1;
    return true;
}

/* The next token, which must start where the grammar expects a value,
 * after whitespace; NULL if it does not. */
static const jsmntok_t *next_token(walk *w)
{
    if (w->next >= w->ntok)
        return NULL;
    const jsmntok_t *t = &w->tok[w->next++];
    size_t i = skip_ws(w, w->pos);
    if (t->start < 0 || t->end < t->start || (size_t)t->end > w->len)
        return NULL;
    if (t->type == JSMN_STRING) {
        /* jsmn's string token is the body, between the quotes. */
        if (i >= w->len || w->s[i] != '"' || (size_t)t->start != i + 1 ||
            (size_t)t->end >= w->len || w->s[t->end] != '"')
            return NULL;
        w->pos = (size_t)t->end + 1;
    } else {
        if ((size_t)t->start != i)
            return NULL;
        w->pos = i; /* containers: walk_value goes on from their opening */
        if (t->type == JSMN_PRIMITIVE)
            w->pos = (size_t)t->end;
    }
    return t;
}

static bool walk_value(walk *w);

/* The members or elements of the container t, whose opening bracket is at
 * w->pos, up to its closing bracket. */
static bool walk_container(walk *w, const jsmntok_t *t)
{
    bool object = t->type == JSMN_OBJECT;
    w->pos++; /* the opening bracket */
    for (int k = 0; k < t->size; k++) {
        if (k > 0 && !expect(w, ','))
            return false;
        if (object) {
            const jsmntok_t *key = next_token(w);
            if (!key || key->type != JSMN_STRING ||
                !string_body(w->s + key->start, (size_t)(key->end - key->start), false, NULL,
                             NULL) ||
                !expect(w, ':'))
                return false;
        }
        if (!walk_value(w))
            return false;
    }
    if (!expect(w, object ? '}' : ']'))
        return false;
    return (size_t)t->end == w->pos; /* jsmn saw the same end */
}

/* Any value, checked and skipped. */
static bool walk_value(walk *w)
{
    const jsmntok_t *t = next_token(w);
    if (!t)
        return false;
    long long v;
    switch (t->type) {
    case JSMN_STRING:
        return string_body(w->s + t->start, (size_t)(t->end - t->start), true, NULL, NULL);
    case JSMN_PRIMITIVE:
        return primitive(w->s + t->start, (size_t)(t->end - t->start), &v) != PRIM_BAD;
    case JSMN_OBJECT:
    case JSMN_ARRAY:
        return walk_container(w, t);
    default:
        return false;
    }
}

/* A decoded string: where its bytes are (in the line, or at an offset in
 * the scratch buffer, which may still move). */
typedef struct decoded {
    bool copied;
    size_t off, len;        /* in scratch when copied */
    const char *p;          /* in the line otherwise */
} decoded;

/* Check and decode the string body at `body` (see string_run): its
 * length, or NOT_A_STRING. */
static size_t decode_run(const char *body, size_t n, bool to_quote, qd_buf *scratch, decoded *d)
{
    size_t mark = scratch->len;
    n = string_run(body, n, to_quote, true, scratch, &d->copied);
    if (n == NOT_A_STRING || scratch->oom)
        return NOT_A_STRING;
    d->off = mark;
    d->len = d->copied ? scratch->len - mark : n;
    d->p = body;
    return n;
}

static bool decode_string(const walk *w, const jsmntok_t *t, qd_buf *scratch, decoded *d)
{
    return decode_run(w->s + t->start, (size_t)(t->end - t->start), false, scratch, d) !=
           NOT_A_STRING;
}

/* The values of "id" and "text" that flat_map() decoded, by token. */
#define MAX_PREDECODED 4
typedef struct predecoded {
    int n;
    int tok[MAX_PREDECODED];
    decoded d[MAX_PREDECODED];
} predecoded;

static const decoded *predecoded_at(const predecoded *pre, int tok)
{
    for (int k = 0; k < pre->n; k++)
        if (pre->tok[k] == tok)
            return &pre->d[k];
    return NULL;
}

static const char *decoded_ptr(const decoded *d, const qd_buf *scratch)
{
    return d->copied ? scratch->data + d->off : d->p;
}

/* ---- the token map of a flat object ------------------------------------- */

/* Is the key body k[0..n) (as written: an escaped key never matches) `name`? */
static bool key_is(const char *k, size_t n, const char *name)
{
    size_t m = strlen(name);
    return n == m && memcmp(k, name, m) == 0;
}

static size_t skip_ws_at(const char *s, size_t i, size_t len)
{
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The string whose opening quote is at s[i]: its token (the body, as jsmn
 * gives it); returns the offset after its closing quote, or 0 if it has
 * none.  The body is not checked: walk() does that. */
static size_t map_string(const char *s, size_t i, size_t len, jsmntok_t *t, int parent)
{
    size_t j = i + 1;
    for (;;) {
        j += qd_find_quote(s + j, len - j);
        if (j >= len)
            return 0;
        if (s[j] == '"')
            break;
        j += 2; /* an escape: its second byte is not the end */
        if (j >= len)
            return 0;
    }
    *t = (jsmntok_t){.type = JSMN_STRING, .start = (int)(i + 1), .end = (int)j, .size = 0};
    t->parent = parent;
    return j + 1;
}

/*
 * The tokens jsmn gives the usual record - one object whose values are
 * strings, numbers and literals - or -1 for any other line (a nested
 * object or array, anything out of the grammar), which then goes to jsmn.
 * jsmn reads strings a byte at a time, and the text of a record is nearly
 * all of it: here they are skipped sixteen bytes at a time.  The map only
 * has to be one that walk() accepts for a valid line: walk() checks every
 * token against the grammar and every string and primitive byte by byte,
 * whoever made the map.
 *
 * The string values of "id" and "text" keys are the exception: they are
 * checked and decoded into `scratch` here (recorded in *pre), in the pass
 * that finds their end, so that the text is read once rather than twice;
 * qd_scan_record_fast takes them from *pre instead of decoding them again.
 * A string that fails its check fails the map (jsmn and walk() then
 * decline the line).
 */
static int flat_map(const char *s, size_t len, jsmntok_t *tok, int max, qd_buf *scratch,
                    predecoded *pre)
{
    size_t i = skip_ws_at(s, 0, len);
    if (i >= len || s[i] != '{')
        return -1;
    int n = 0;
    tok[n] = (jsmntok_t){.type = JSMN_OBJECT, .start = (int)i, .end = -1, .size = 0};
    tok[n++].parent = -1;
    i = skip_ws_at(s, i + 1, len);
    if (i < len && s[i] == '}') {
        tok[0].end = (int)(i + 1);
        return n;
    }
    for (;;) {
        if (n + 2 > max || i >= len || s[i] != '"')
            return -1;
        int key = n;
        i = map_string(s, i, len, &tok[n++], 0);
        if (!i)
            return -1;
        tok[key].size = 1;
        i = skip_ws_at(s, i, len);
        if (i >= len || s[i] != ':')
            return -1;
        i = skip_ws_at(s, i + 1, len);
        if (i >= len)
            return -1;
        const char *kp = s + tok[key].start;
        size_t kn = (size_t)(tok[key].end - tok[key].start);
        bool wanted = key_is(kp, kn, "id") || key_is(kp, kn, "text");
        if (s[i] == '"' && wanted && pre->n < MAX_PREDECODED) {
            decoded *d = &pre->d[pre->n];
            size_t k = decode_run(s + i + 1, len - i - 1, true, scratch, d);
            if (k == NOT_A_STRING)
                return -1;
            pre->tok[pre->n++] = n;
            tok[n] = (jsmntok_t){
                .type = JSMN_STRING, .start = (int)(i + 1), .end = (int)(i + 1 + k), .size = 0};
            tok[n++].parent = key;
            i += k + 2;
        } else if (s[i] == '"') {
            i = map_string(s, i, len, &tok[n++], key);
            if (!i)
                return -1;
        } else {
            /* a primitive runs to a delimiter, as in jsmn (strict) */
            size_t j = i;
            while (j < len && s[j] != ',' && s[j] != '}' && s[j] != ']' && s[j] != ':' &&
                   s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') {
                unsigned char c = (unsigned char)s[j];
                if (c < 0x20 || c >= 0x7F || c == '{' || c == '[' || c == '"')
                    return -1;
                j++;
            }
            if (j == i)
                return -1;
            tok[n] = (jsmntok_t){.type = JSMN_PRIMITIVE, .start = (int)i, .end = (int)j, .size = 0};
            tok[n++].parent = key;
            i = j;
        }
        tok[0].size++;
        i = skip_ws_at(s, i, len);
        if (i < len && s[i] == ',') {
            i = skip_ws_at(s, i + 1, len);
            continue;
        }
        if (i < len && s[i] == '}') {
            tok[0].end = (int)(i + 1);
            return n;
        }
        return -1;
    }
}

bool qd_scan_record_fast(const char *line, size_t len, qd_buf *scratch, qd_scan_record *rec)
{
    jsmntok_t tok[MAX_TOKENS];
    if (len >= INT_MAX)
        return false; /* tokens count in int */
    predecoded pre = {0};
    qd_buf_clear(scratch);
    int ntok = flat_map(line, len, tok, MAX_TOKENS, scratch, &pre);
    if (ntok < 0) {
        pre.n = 0;
        qd_buf_clear(scratch);
        jsmn_parser parser;
        jsmn_init(&parser);
        ntok = jsmn_parse(&parser, line, len, tok, MAX_TOKENS);
    }
    if (ntok < 1)
        return false;

    walk w = {line, len, tok, ntok, 0, 0};
    const jsmntok_t *root = next_token(&w);
    if (!root || root->type != JSMN_OBJECT)
        return false;

    /* The top-level object, by hand: its "id" and "text" are decoded. */
    bool have_id = false, have_text = false;
    decoded id = {false, 0, 0, NULL}, text = {false, 0, 0, NULL};
    rec->id_kind = QD_SCAN_ID_NONE;
    w.pos++;
    for (int k = 0; k < root->size; k++) {
        if (k > 0 && !expect(&w, ','))
            return false;
        const jsmntok_t *key = next_token(&w);
        if (!key || key->type != JSMN_STRING)
            return false;
        const char *kp = line + key->start;
        size_t kn = (size_t)(key->end - key->start);
        if (!string_body(kp, kn, false, NULL, NULL) || !expect(&w, ':'))
            return false;
        bool is_id = key_is(kp, kn, "id");
        bool is_text = key_is(kp, kn, "text");
        if (!is_id && !is_text) {
            if (!walk_value(&w))
                return false;
            continue;
        }
        /* A repeated "id" or "text": Jansson keeps the last; leave it to it. */
        if ((is_id && have_id) || (is_text && have_text))
            return false;
        const jsmntok_t *v = next_token(&w);
        if (!v)
            return false;
        const decoded *pd = predecoded_at(&pre, (int)(v - tok));
        if (is_text) {
            if (pd)
                text = *pd;
            else if (v->type != JSMN_STRING || !decode_string(&w, v, scratch, &text))
                return false;
            have_text = true;
        } else {
            have_id = true;
            if (pd) {
                id = *pd;
                rec->id_kind = QD_SCAN_ID_STRING;
            } else if (v->type == JSMN_STRING) {
                if (!decode_string(&w, v, scratch, &id))
                    return false;
                rec->id_kind = QD_SCAN_ID_STRING;
            } else if (v->type == JSMN_PRIMITIVE) {
                prim p = primitive(line + v->start, (size_t)(v->end - v->start), &rec->id_int);
                if (p == PRIM_INTEGER)
                    rec->id_kind = QD_SCAN_ID_INTEGER;
                else if (p != PRIM_NULL)
                    return false; /* true, false, reals: Jansson's rendering */
            } else {
                return false; /* an object or array id */
            }
        }
    }
    if (!expect(&w, '}') || (size_t)root->end != w.pos)
        return false;
    /* Nothing but whitespace after the object: no second value, no NUL
     * (where jsmn stops reading). */
    if (skip_ws(&w, w.pos) != len || w.next != ntok || !have_text)
        return false;

    rec->text = decoded_ptr(&text, scratch);
    rec->text_len = text.len;
    if (rec->id_kind == QD_SCAN_ID_STRING) {
        rec->id = decoded_ptr(&id, scratch);
        rec->id_len = id.len;
    } else {
        rec->id = NULL;
        rec->id_len = 0;
    }
    return true;
}
