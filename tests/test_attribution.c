/*
 * test_attribution.c - data-driven attribution cases.
 *
 * The cases live in data/attribution.txt (the format is described at the
 * top of that file); each becomes one cmocka test named after the case.
 *
 * data/attribution.pending names the cases the library does not pass yet,
 * one per line.  A pending case still runs: its failure is reported and
 * the test is skipped; a pending case that passes FAILS, so the list has to
 * shrink as the library improves and cannot go stale.  A pending name that
 * is not a case fails too.
 *
 * Usage: test_attribution [CASES [PENDING]]  (defaults: data/attribution.txt
 * and data/attribution.pending, relative to tests/ where CTest runs it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libquote.h"

/* ---- the case file ----------------------------------------------------- */

enum { F_QUOTE, F_MENTION, F_CUE, F_SPEAKER, F_KIND, NFIELDS };

typedef struct expect {
    /* NULL: not checked ("*" or omitted); "" with none=1: must be absent ("-") */
    char *field[NFIELDS];
    unsigned char none[NFIELDS];    /* "-" */
    unsigned char present[NFIELDS]; /* "+" : any value, but present */
    int exact;                      /* quote field ended with an unescaped '$' */
    int line;
} expect;

typedef struct tcase {
    char *name;
    int line;
    uint32_t flags;
    char *text;
    size_t len;
    expect *exp;
    size_t nexp;
    int pending;
    int pending_line;
} tcase;

static tcase *cases;
static size_t ncases;
static quote_extractor *EX;
static const char *cases_path = "data/attribution.txt";
static const char *pending_path = "data/attribution.pending";
static char parse_error[512];

static char *xstrndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    for (size_t got; buf && (got = fread(buf + n, 1, cap - n, f)) > 0;) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Split an expect line at unescaped '|' and unescape each field. */
static int parse_expect(char *line, int lineno, expect *e)
{
    memset(e, 0, sizeof *e);
    e->line = lineno;
    char *raw[NFIELDS + 1];
    size_t nf = 0;
    raw[nf++] = line;
    for (char *p = line; *p; p++) {
        if (*p == '\\' && p[1]) {
            p++;
        } else if (*p == '|') {
            *p = '\0';
            if (nf == NFIELDS + 1)
                break;
            raw[nf++] = p + 1;
        }
    }
    if (nf > NFIELDS) {
        snprintf(parse_error, sizeof parse_error, "line %d: more than %d fields", lineno,
                 NFIELDS);
        return -1;
    }
    for (size_t i = 0; i < nf; i++) {
        char *f = trim(raw[i]);
        if (strcmp(f, "*") == 0 || *f == '\0')
            continue;
        if (strcmp(f, "-") == 0) {
            e->none[i] = 1;
            continue;
        }
        if (strcmp(f, "+") == 0) {
            e->present[i] = 1;
            continue;
        }
        size_t n = strlen(f);
        if (i == F_QUOTE && n >= 1 && f[n - 1] == '$' && (n < 2 || f[n - 2] != '\\')) {
            e->exact = 1;
            f[--n] = '\0';
        }
        char *out = xstrndup(f, n), *o = out;
        for (const char *p = f; *p; p++) {
            if (*p == '\\' && p[1]) {
                p++;
                *o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
            } else {
                *o++ = *p;
            }
        }
        *o = '\0';
        e->field[i] = out;
    }
    if (e->field[F_KIND] && strcmp(e->field[F_KIND], "direct") != 0 &&
        strcmp(e->field[F_KIND], "partial") != 0 && strcmp(e->field[F_KIND], "continuation") != 0 &&
        strcmp(e->field[F_KIND], "headline") != 0) {
        snprintf(parse_error, sizeof parse_error, "line %d: unknown kind \"%s\"", lineno,
                 e->field[F_KIND]);
        return -1;
    }
    return 0;
}

static tcase *new_case(const char *name, int lineno)
{
    static size_t cap;
    if (ncases == cap) {
        cap = cap ? cap * 2 : 64;
        cases = realloc(cases, cap * sizeof *cases);
        if (!cases)
            exit(2);
    }
    tcase *c = &cases[ncases++];
    memset(c, 0, sizeof *c);
    c->name = xstrndup(name, strlen(name));
    c->line = lineno;
    /* articles are body text unless the case says @headline */
    c->flags = QUOTE_OPT_NO_HEADLINE;
    return c;
}

/* Append a line of article text (joined by \n). */
static void add_text(tcase *c, const char *line, size_t n)
{
    size_t add = n + (c->text ? 1 : 0);
    char *t = realloc(c->text, c->len + add + 1);
    if (!t)
        exit(2);
    if (c->text)
        t[c->len++] = '\n';
    memcpy(t + c->len, line, n);
    c->len += n;
    t[c->len] = '\0';
    c->text = t;
}

#define PARSE_FAIL(...)                                               \
    do {                                                              \
        snprintf(parse_error, sizeof parse_error, __VA_ARGS__);       \
        free(buf);                                                    \
        return -1;                                                    \
    } while (0)

/* Parse the case file.  Returns 0, or -1 with parse_error set. */
static int load_cases(const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf) {
        snprintf(parse_error, sizeof parse_error, "cannot read %s", path);
        return -1;
    }
    enum { OUTSIDE, OPTIONS, TEXT, EXPECT } st = OUTSIDE;
    tcase *c = NULL;
    int lineno = 0;
    for (char *p = buf, *eol; p; p = eol ? eol + 1 : NULL) {
        eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        else if (!*p)
            break;
        lineno++;
        size_t ll = strlen(p);
        if (ll > 0 && p[ll - 1] == '\r')
            p[--ll] = '\0';
        if (strncmp(p, "=== ", 4) == 0) {
            if (c && st != EXPECT)
                PARSE_FAIL("line %d: case \"%s\" has no --- expect", c->line, c->name);
            c = new_case(trim(p + 4), lineno);
            for (size_t i = 0; i + 1 < ncases; i++)
                if (strcmp(cases[i].name, c->name) == 0)
                    PARSE_FAIL("line %d: duplicate case \"%s\"", lineno, c->name);
            if (!*c->name)
                PARSE_FAIL("line %d: case without a name", lineno);
            st = OPTIONS;
        } else if (st == OPTIONS && p[0] == '@') {
            char *opt = trim(p + 1);
            if (strcmp(opt, "headline") == 0)
                c->flags &= ~QUOTE_OPT_NO_HEADLINE;
            else if (strcmp(opt, "lenient-utf8") == 0)
                c->flags |= QUOTE_OPT_LENIENT_UTF8;
            else
                PARSE_FAIL("line %d: unknown option @%s", lineno, opt);
        } else if ((st == OPTIONS || st == TEXT) && strcmp(p, "--- expect") == 0) {
            if (!c->text)
                PARSE_FAIL("line %d: case \"%s\" has no text", lineno, c->name);
            st = EXPECT;
        } else if (st == OPTIONS || st == TEXT) {
            add_text(c, p, ll); /* article text, as it is */
            st = TEXT;
        } else if (st == EXPECT) {
            char *t = trim(p);
            if (*t && *t != '#') {
                c->exp = realloc(c->exp, (c->nexp + 1) * sizeof *c->exp);
                if (!c->exp)
                    exit(2);
                if (parse_expect(t, lineno, &c->exp[c->nexp]) != 0) {
                    free(buf);
                    return -1;
                }
                c->nexp++;
            }
        } else { /* OUTSIDE: comments and blank lines only */
            char *t = trim(p);
            if (*t && *t != '#')
                PARSE_FAIL("line %d: text outside a case", lineno);
        }
    }
    if (c && st != EXPECT)
        PARSE_FAIL("line %d: case \"%s\" has no --- expect", c->line, c->name);
    free(buf);
    return 0;
}

/* Unknown pending names (stale entries) are collected here. */
static char stale[2048];

static int load_pending(const char *path)
{
    size_t len;
    char *buf = read_file(path, &len);
    if (!buf)
        return 0; /* no list: nothing is pending */
    int lineno = 0;
    for (char *p = buf, *eol; p && *p; p = eol ? eol + 1 : NULL) {
        eol = strchr(p, '\n');
        if (eol)
            *eol = '\0';
        lineno++;
        char *t = trim(p);
        if (!*t || *t == '#')
            continue;
        size_t i;
        for (i = 0; i < ncases; i++)
            if (strcmp(cases[i].name, t) == 0)
                break;
        if (i == ncases) {
            size_t n = strlen(stale);
            snprintf(stale + n, sizeof stale - n, "  line %d: \"%s\" is not a case\n", lineno, t);
        } else if (cases[i].pending) {
            size_t n = strlen(stale);
            snprintf(stale + n, sizeof stale - n, "  line %d: \"%s\" listed twice\n", lineno, t);
        } else {
            cases[i].pending = 1;
            cases[i].pending_line = lineno;
        }
    }
    free(buf);
    return 0;
}

/* ---- running one case -------------------------------------------------- */

typedef struct report {
    char buf[8192];
    size_t len;
    int bad;
} report;

static void say(report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (r->len < sizeof r->buf) {
        int n = vsnprintf(r->buf + r->len, sizeof r->buf - r->len, fmt, ap);
        if (n > 0)
            r->len += (size_t)n;
        if (r->len > sizeof r->buf)
            r->len = sizeof r->buf;
    }
    va_end(ap);
}

/* Write a span or "-" (absent), with newlines shown as \n. */
static void say_span(report *r, const char *text, size_t s, size_t e)
{
    if (s == QUOTE_NO_SPAN || e == QUOTE_NO_SPAN) {
        say(r, "-");
        return;
    }
    for (size_t i = s; i < e; i++) {
        if (text[i] == '\n')
            say(r, "\\n");
        else
            say(r, "%c", text[i]);
    }
}

static void say_quote(report *r, const char *text, const quote_quote *q)
{
    say(r, "    ");
    say_span(r, text, q->start, q->end);
    say(r, " | ");
    say_span(r, text, q->mention_start, q->mention_end);
    say(r, " | ");
    say_span(r, text, q->cue_start, q->cue_end);
    say(r, " | %s | %s    (rule %s, entity %d, [%zu,%zu))\n", q->speaker ? q->speaker : "-",
        quote_kind_name(q->kind), q->rule, q->entity, q->start, q->end);
}

static int span_equals(const char *text, size_t s, size_t e, const char *want)
{
    return s != QUOTE_NO_SPAN && e != QUOTE_NO_SPAN && e >= s && strlen(want) == e - s &&
           memcmp(text + s, want, e - s) == 0;
}

/* Compare one span field; returns 1 when it matches. */
static int check_span(const expect *x, int f, const char *text, size_t s, size_t e)
{
    if (x->none[f])
        return s == QUOTE_NO_SPAN;
    if (x->present[f])
        return s != QUOTE_NO_SPAN;
    if (!x->field[f])
        return 1;
    return span_equals(text, s, e, x->field[f]);
}

static const char *const field_names[NFIELDS] = {"quote", "mention", "cue", "speaker", "kind"};

static void run_case(const tcase *c, report *r)
{
    quote_result *res = NULL;
    quote_error err;
    int rc = quote_extract(EX, c->text, c->len, c->flags, &res, &err);
    if (rc != QUOTE_OK) {
        say(r, "  quote_extract failed: %d %s\n", rc, err.message);
        r->bad++;
        return;
    }
    const char *text = c->text;
    size_t n = quote_result_count(res);
    if (n != c->nexp) {
        say(r, "  expected %zu quote(s), got %zu\n", c->nexp, n);
        r->bad++;
    }
    for (size_t i = 0; i < n && i < c->nexp; i++) {
        const quote_quote *q = quote_result_get(res, i);
        const expect *x = &c->exp[i];
        int ok[NFIELDS];
        /* quote: a prefix of the content, or all of it with '$' */
        if (x->field[F_QUOTE]) {
            size_t wl = strlen(x->field[F_QUOTE]), ql = q->end - q->start;
            ok[F_QUOTE] = x->exact ? span_equals(text, q->start, q->end, x->field[F_QUOTE])
                                   : wl <= ql && memcmp(text + q->start, x->field[F_QUOTE], wl) == 0;
        } else {
            ok[F_QUOTE] = 1;
        }
        ok[F_MENTION] = check_span(x, F_MENTION, text, q->mention_start, q->mention_end);
        ok[F_CUE] = check_span(x, F_CUE, text, q->cue_start, q->cue_end);
        if (x->none[F_SPEAKER])
            ok[F_SPEAKER] = q->speaker == NULL;
        else if (x->present[F_SPEAKER])
            ok[F_SPEAKER] = q->speaker != NULL;
        else
            ok[F_SPEAKER] = !x->field[F_SPEAKER] ||
                            (q->speaker && strcmp(q->speaker, x->field[F_SPEAKER]) == 0);
        ok[F_KIND] = !x->field[F_KIND] || strcmp(quote_kind_name(q->kind), x->field[F_KIND]) == 0;
        for (int f = 0; f < NFIELDS; f++) {
            if (ok[f])
                continue;
            r->bad++;
            say(r, "  quote %zu (line %d): %s: expected ", i + 1, x->line, field_names[f]);
            if (x->none[f])
                say(r, "none");
            else if (x->present[f])
                say(r, "any");
            else
                say(r, "\"%s\"%s", x->field[f], f == F_QUOTE && !x->exact ? "..." : "");
            say(r, ", got ");
            switch (f) {
            case F_QUOTE:
                say(r, "\"");
                say_span(r, text, q->start, q->end);
                say(r, "\"");
                break;
            case F_MENTION:
            case F_CUE: {
                size_t s = f == F_MENTION ? q->mention_start : q->cue_start;
                size_t e = f == F_MENTION ? q->mention_end : q->cue_end;
                if (s == QUOTE_NO_SPAN) {
                    say(r, "none");
                } else {
                    say(r, "\"");
                    say_span(r, text, s, e);
                    say(r, "\"");
                }
                break;
            }
            case F_SPEAKER:
                if (q->speaker)
                    say(r, "\"%s\"", q->speaker);
                else
                    say(r, "none");
                break;
            default:
                say(r, "%s", quote_kind_name(q->kind));
            }
            say(r, "\n");
        }
    }
    if (r->bad) {
        say(r, "  actual (quote | mention | cue | speaker | kind):\n");
        for (size_t i = 0; i < n; i++)
            say_quote(r, text, quote_result_get(res, i));
        if (n == 0)
            say(r, "    (none)\n");
    }
    quote_result_free(res);
}

static void test_case(void **state)
{
    const tcase *c = *state;
    report *r = calloc(1, sizeof *r);
    assert_non_null(r);
    run_case(c, r);
    if (r->bad && c->pending) {
        print_message("[ PENDING  ] %s (data/attribution.txt:%d) still fails:\n%.*s", c->name,
                      c->line, (int)r->len, r->buf);
        free(r);
        skip();
    } else if (r->bad) {
        print_message("[ MISMATCH ] %s (data/attribution.txt:%d):\n%.*s", c->name, c->line,
                      (int)r->len, r->buf);
        free(r);
        fail_msg("case \"%s\" failed", c->name);
    } else if (c->pending) {
        free(r);
        fail_msg("case \"%s\" passes now: remove it from %s (line %d)", c->name, pending_path,
                 c->pending_line);
    }
    free(r);
}

/* The pending list names only existing cases, each once. */
static void test_pending_list(void **state)
{
    (void)state;
    if (stale[0]) {
        print_message("%s", stale);
        fail_msg("%s lists unknown or repeated cases", pending_path);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1)
        cases_path = argv[1];
    if (argc > 2)
        pending_path = argv[2];
    if (load_cases(cases_path) != 0) {
        fprintf(stderr, "%s: %s\n", cases_path, parse_error);
        return 1;
    }
    if (ncases == 0) {
        fprintf(stderr, "%s: no cases\n", cases_path);
        return 1;
    }
    load_pending(pending_path);
    if (quote_extractor_new(NULL, &EX, NULL) != QUOTE_OK) {
        fprintf(stderr, "quote_extractor_new failed\n");
        return 1;
    }
    struct CMUnitTest *tests = calloc(ncases + 1, sizeof *tests);
    if (!tests)
        return 1;
    tests[0].name = "pending list";
    tests[0].test_func = test_pending_list;
    for (size_t i = 0; i < ncases; i++) {
        tests[i + 1].name = cases[i].name;
        tests[i + 1].test_func = test_case;
        tests[i + 1].initial_state = &cases[i];
    }
    int rc = _cmocka_run_group_tests("attribution", tests, ncases + 1, NULL, NULL);
    quote_extractor_free(EX);
    free(tests);
    return rc;
}
