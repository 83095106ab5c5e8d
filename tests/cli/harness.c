/* harness.c - process running and checks for the CLI tests (see harness.h). */
#include "harness.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jansson.h>

/* The test program's configuration and failure count, set up by main(). */
cli_env env;
int failures;

/* Paths are kept for the whole run (tests hold on to them across many
 * calls); each distinct path is allocated once. */
static const char *path_in(const char *dir, const char *name)
{
    static char *paths[512];
    static size_t count;
    char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", dir, name);
    for (size_t i = 0; i < count; i++)
        if (strcmp(paths[i], buf) == 0)
            return paths[i];
    if (count == sizeof paths / sizeof paths[0] || !(paths[count] = strdup(buf)))
        exit(99);
    return paths[count++];
}

const char *data_path(const char *name)
{
    return path_in(env.data_dir, name);
}

const char *work_path(const char *name)
{
    return path_in(env.work_dir, name);
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *p = malloc(cap + 1);
    size_t got;
    while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *q = realloc(p, cap * 2 + 1);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (!p)
        return NULL;
    p[n] = '\0';
    if (len)
        *len = n;
    return p;
}

void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(99); /* a broken test environment, not a failed test */
    }
}

run_result run_qd(const char *input, size_t input_len, const char *stdout_path,
                  const char *const *args)
{
    static int counter;
    run_result r = {-1, NULL, 0, NULL, 0};
    char in_name[64], out_name[64], err_name[64];
    int id = counter++;
    snprintf(in_name, sizeof in_name, "run%d.in", id);
    snprintf(out_name, sizeof out_name, "run%d.out", id);
    snprintf(err_name, sizeof err_name, "run%d.err", id);
    char in_path[4096], out_path[4096], err_path[4096];
    snprintf(in_path, sizeof in_path, "%s/%s", env.work_dir, in_name);
    if (stdout_path)
        snprintf(out_path, sizeof out_path, "%s", stdout_path);
    else
        snprintf(out_path, sizeof out_path, "%s/%s", env.work_dir, out_name);
    snprintf(err_path, sizeof err_path, "%s/%s", env.work_dir, err_name);
    /* Standard input comes from a file: no pipe, so no deadlock however
     * much the child writes before reading. */
    write_file(in_path, input ? input : "", input ? input_len : 0);

    size_t argc = 0;
    while (args[argc])
        argc++;
    /* QUOTEDUMP_WRAPPER (e.g. "valgrind --error-exitcode=99 -q") runs
     * quotedump under another program: its words, then quotedump's path
     * and arguments. */
    char *wrapper = NULL;
    size_t nwrap = 0;
    const char *w = getenv("QUOTEDUMP_WRAPPER");
    if (w && *w) {
        if (!(wrapper = strdup(w)))
            exit(99);
        for (const char *p = w; *p;) {
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p)
                nwrap++;
            while (*p && *p != ' ' && *p != '\t')
                p++;
        }
    }
    const char **argv = calloc(nwrap + argc + 2, sizeof *argv);
    if (!argv)
        exit(99);
    size_t k = 0;
    for (char *p = wrapper; p && *p;) {
        while (*p == ' ' || *p == '\t')
            *p++ = '\0';
        if (*p)
            argv[k++] = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
    }
    argv[k++] = env.quotedump;
    memcpy(argv + k, args, argc * sizeof *argv);

    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(99);
    }
    if (pid == 0) {
        int in = open(in_path, O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 ||
            dup2(err, 2) < 0)
            _exit(98);
        if (wrapper)
            execvp(argv[0], (char *const *)argv);
        else
            execv(env.quotedump, (char *const *)argv);
        _exit(97);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    free(argv);
    free(wrapper);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = stdout_path ? calloc(1, 1) : read_file(out_path, &r.out_len);
    r.err = read_file(err_path, &r.err_len);
    if (!r.out || !r.err)
        exit(99);
    unlink(in_path);
    if (!stdout_path)
        unlink(out_path);
    unlink(err_path);
    return r;
}

void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

bool contains(const char *haystack, const char *needle)
{
    return haystack && strstr(haystack, needle) != NULL;
}

size_t count_lines(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    if (len && s[len - 1] != '\n')
        n++;
    return n;
}

/* Jansson checks UTF-8 (overlong forms, surrogates, > U+10FFFF) when it
 * makes a string, NUL bytes allowed: the checker the tests already link. */
bool valid_utf8(const char *s, size_t n)
{
    json_t *j = json_stringn(s, n);
    json_decref(j);
    return j != NULL;
}

char **split_lines(const char *s, size_t len, size_t *count)
{
    size_t n = count_lines(s, len);
    char **lines = calloc(n + 1, sizeof *lines);
    if (!lines)
        exit(99);
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= len && k < n; i++) {
        if (i == len || s[i] == '\n') {
            lines[k] = malloc(i - start + 1);
            if (!lines[k])
                exit(99);
            memcpy(lines[k], s + start, i - start);
            lines[k][i - start] = '\0';
            k++;
            start = i + 1;
        }
    }
    *count = n;
    return lines;
}

void free_lines(char **lines, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(lines[i]);
    free(lines);
}

json_t *parse_json(const char *s, size_t n)
{
    json_error_t e;
    /* JSON_ALLOW_NUL: "\u0000" is valid JSON (RFC 8259); Jansson still
     * rejects invalid UTF-8, lone surrogates and trailing garbage. */
    json_t *v = json_loadb(s, n, JSON_ALLOW_NUL | JSON_DECODE_ANY, &e);
    if (!v)
        fprintf(stderr, "invalid JSON (%s, line %d column %d): %.200s\n", e.text, e.line,
                e.column, s);
    return v;
}

/* A nullable offset pair with its text: all null, or a valid span whose
 * text is the article's bytes. */
static void check_span(const json_t *q, const char *key, const char *skey, const char *ekey,
                       const char *article, size_t len)
{
    const json_t *t = json_object_get(q, key);
    const json_t *s = json_object_get(q, skey);
    const json_t *e = json_object_get(q, ekey);
    CHECKF(t && s && e, "missing %s/%s/%s", key, skey, ekey);
    if (!t || !s || !e)
        return;
    if (json_is_null(t) || json_is_null(s) || json_is_null(e)) {
        CHECKF(json_is_null(t) && json_is_null(s) && json_is_null(e), "%s: partly null", key);
        return;
    }
    CHECKF(json_is_string(t) && json_is_integer(s) && json_is_integer(e), "%s: types", key);
    if (!json_is_string(t) || !json_is_integer(s) || !json_is_integer(e))
        return;
    json_int_t a = json_integer_value(s), b = json_integer_value(e);
    CHECKF(a >= 0 && a <= b && (size_t)b <= len, "%s: span [%lld, %lld) of %zu", key,
           (long long)a, (long long)b, len);
    if (article && a >= 0 && a <= b && (size_t)b <= len)
        CHECKF(json_string_length(t) == (size_t)(b - a) &&
                   memcmp(json_string_value(t), article + a, (size_t)(b - a)) == 0,
               "%s \"%s\" is not the article's bytes", key, json_string_value(t));
}

void check_quote(const json_t *q, const char *article, size_t len, bool explain)
{
    REQUIRE(json_is_object(q));
    const json_t *start = json_object_get(q, "start"), *end = json_object_get(q, "end");
    const json_t *text = json_object_get(q, "text");
    REQUIRE(json_is_integer(start) && json_is_integer(end) && json_is_string(text));
    json_int_t a = json_integer_value(start), b = json_integer_value(end);
    CHECKF(a >= 0 && a <= b && (size_t)b <= len, "quote span [%lld, %lld) of %zu",
           (long long)a, (long long)b, len);
    if (article && a >= 0 && a <= b && (size_t)b <= len)
        CHECKF(json_string_length(text) == (size_t)(b - a) &&
                   memcmp(json_string_value(text), article + a, (size_t)(b - a)) == 0,
               "text \"%s\" is not the article's bytes", json_string_value(text));
    const json_t *speaker = json_object_get(q, "speaker");
    CHECK(json_is_string(speaker) || json_is_null(speaker));
    check_span(q, "mention", "mention_start", "mention_end", article, len);
    check_span(q, "cue", "cue_start", "cue_end", article, len);
    const char *kind = json_string_value(json_object_get(q, "kind"));
    CHECKF(kind && (!strcmp(kind, "direct") || !strcmp(kind, "partial") ||
                    !strcmp(kind, "continuation") || !strcmp(kind, "headline")),
           "kind %s", kind ? kind : "(missing)");
    const json_t *entity = json_object_get(q, "entity");
    CHECK(json_is_integer(entity) && json_integer_value(entity) >= -1);
    CHECK(json_is_string(json_object_get(q, "rule")));
    const json_t *conf = json_object_get(q, "confidence");
    CHECK(json_is_number(conf)); /* its range is the library's business */
    const json_t *expl = json_object_get(q, "explanation");
    if (explain)
        CHECK(expl && (json_is_string(expl) || json_is_null(expl)));
    else
        CHECK(expl == NULL);
    CHECKF(json_object_size(q) == 14u + explain, "%zu keys", json_object_size(q));
}

json_t *check_article(const json_t *obj, const char *article, size_t len, bool explain)
{
    if (!json_is_object(obj)) {
        CHECK(json_is_object(obj));
        return NULL;
    }
    CHECK(json_object_get(obj, "file") || json_object_get(obj, "id"));
    CHECK(json_object_get(obj, "error") == NULL);
    json_t *quotes = json_object_get(obj, "quotes");
    if (!json_is_array(quotes)) {
        CHECK(json_is_array(quotes));
        return NULL;
    }
    size_t i;
    json_t *q;
    json_array_foreach(quotes, i, q)
        check_quote(q, article, len, explain);
    return quotes;
}
