/*
 * harness.h - run quotedump as a child process and check what it does.
 *
 * The CLI tests treat quotedump as a black box: they give it arguments and
 * standard input, and look at its exit status, standard output and
 * standard error.  JSON is checked with Jansson, never by string matching.
 */
#ifndef CLI_HARNESS_H
#define CLI_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* What the test run was given on its command line. */
typedef struct cli_env {
    const char *quotedump;  /* the program under test */
    const char *data_dir;   /* tests/cli/data */
    const char *work_dir;   /* a scratch directory of our own */
    const char *seed_dir;   /* seeds/ of the source tree */
    const char *man_page;   /* man/quotedump.1 */
} cli_env;

extern cli_env env;
extern int failures;

/* Report a failed check without stopping the test. */
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

/* Like CHECK, with a printf-style note on failure. */
#define CHECKF(cond, ...)                                                            \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                            \
            fputc('\n', stderr);                                                     \
            failures++;                                                              \
        }                                                                            \
    } while (0)

/* Fail the test at once (for checks that later ones depend on). */
#define REQUIRE(cond)                                                                \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: required: %s\n", __FILE__, __LINE__, #cond);     \
            failures++;                                                              \
            return;                                                                  \
        }                                                                            \
    } while (0)

/* A finished run. */
typedef struct run_result {
    int status;        /* exit status, or 128 + signal number */
    char *out;         /* standard output, NUL-terminated */
    size_t out_len;
    char *err;         /* standard error, NUL-terminated */
    size_t err_len;
} run_result;

/*
 * Run quotedump with the NULL-terminated argument list `args` (not
 * including the program name).  `input` (input_len bytes; NULL: empty) is
 * its standard input.  `stdout_path` redirects standard output to that file
 * (e.g. /dev/full) instead of capturing it.
 */
run_result run_qd(const char *input, size_t input_len, const char *stdout_path,
                  const char *const *args);
void run_free(run_result *r);

/* Run with arguments given inline: RUN(in, in_len, "-f", "json", NULL). */
#define RUN(input, len, ...) run_qd((input), (len), NULL, (const char *const[]){__VA_ARGS__})

/* A path in the data directory or the work directory (valid until exit). */
const char *data_path(const char *name);
const char *work_path(const char *name);

/* Read or write a whole file; read returns NULL on failure. */
char *read_file(const char *path, size_t *len);
void write_file(const char *path, const char *data, size_t len);

bool contains(const char *haystack, const char *needle);
/* Number of '\n'-terminated lines (a final unterminated line counts). */
size_t count_lines(const char *s, size_t len);
/* Whether s[0..n) is well-formed UTF-8. */
bool valid_utf8(const char *s, size_t n);

/* Split s[0..len) into lines (without '\n'); free with free_lines(). */
char **split_lines(const char *s, size_t len, size_t *count);
void free_lines(char **lines, size_t count);

/* Parse one JSON value that must fill s[0..n) (whitespace aside). */
json_t *parse_json(const char *s, size_t n);

/*
 * Check the shape of a quote object from quotedump: every key present with
 * the right type, `text` equal to article[start..end), mention and cue equal
 * to their spans.  `explain`: whether "explanation" must be present.
 */
void check_quote(const json_t *q, const char *article, size_t len, bool explain);

/* Check a {"file"|"id": ..., "quotes": [...]} object and return its quotes
 * array (borrowed), or NULL after a failed check. */
json_t *check_article(const json_t *obj, const char *article, size_t len, bool explain);

#endif
