/*
 * fuzz_jsonscan.c - libFuzzer target: quotedump's fast JSON path against
 * Jansson (differential).
 *
 * The input is one JSON Lines record as quotedump's reader gives it (any
 * bytes: newlines, NULs and invalid UTF-8 included).  Jansson reads it as
 * record.c does; the fast path of examples/quotedump/jsonscan.c must
 * either decline it or read exactly what Jansson reads (jsonscan_check.h).
 *
 * Byte 0 chooses how the rest becomes the record, so that mutations also
 * land inside a valid record (its low two bits; ASCII '0' to '3'):
 *   0  the rest is the whole line;
 *   1  {"id":1,"text":"REST"}   (string bodies: escapes, UTF-8);
 *   2  {"id":"REST","text":"x"};
 *   3  {"id":1,"a":REST,"text":"x"}   (any value: numbers, nesting).
 * Without the extraction that fuzz_jsonl also runs, this target tries many
 * more inputs per second on the JSON grammar alone.  FUZZ_JSONSCAN_STATS=1
 * prints at exit how many inputs the fast path took.
 */
#include <stdint.h>

#include "jsonscan_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long taken, declined;
static qd_buf scratch = QD_BUF_INIT;

static void print_stats(void)
{
    fprintf(stderr, "fuzz_jsonscan: fast path took %lu inputs, declined %lu\n", taken,
            declined);
    qd_buf_free(&scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool started;
    if (!started) {
        const char *p = getenv("FUZZ_JSONSCAN_STATS");
        if (p != NULL && *p != '\0' && strcmp(p, "0") != 0)
            atexit(print_stats);
        started = true;
    }
    if (size == 0)
        return 0;
    static const char *const wrap[4][2] = {
        {"", ""},
        {"{\"id\":1,\"text\":\"", "\"}"},
        {"{\"id\":\"", "\",\"text\":\"x\"}"},
        {"{\"id\":1,\"a\":", ",\"text\":\"x\"}"},
    };
    const char *const *w = wrap[data[0] & 3];
    size_t pre = strlen(w[0]), post = strlen(w[1]), n = pre + (size - 1) + post;
    char *line = malloc(n ? n : 1);
    if (!line)
        abort();
    memcpy(line, w[0], pre);
    if (size > 1)
        memcpy(line + pre, data + 1, size - 1);
    memcpy(line + pre + size - 1, w[1], post);
    json_error_t je;
    json_t *root = json_loadb(line, n, JSON_ALLOW_NUL, &je);
    if (jsonscan_check(line, n, root, &scratch))
        taken++;
    else
        declined++;
    json_decref(root);
    free(line);
    /* Like quotedump, which shrinks it after a large record. */
    qd_buf_shrink(&scratch, 1 << 16);
    return 0;
}
