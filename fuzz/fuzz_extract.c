/*
 * fuzz_extract.c - libFuzzer target for quote_extract().
 *
 * Input layout: byte 0 selects options, the rest is the article text.
 *   bits 0-2  QUOTE_OPT_LENIENT_UTF8, QUOTE_OPT_EXPLAIN, QUOTE_OPT_NO_HEADLINE
 *   bit 3     use the counting allocator (checks the result frees all it took)
 *   bit 4     pass a NULL quote_error
 *
 * Besides crashes and sanitizer reports, the target checks the documented
 * contract of every result (spans inside the text, text order, speaker and
 * entity agreeing, confidence in [0, 1], ...) and aborts when it is broken.
 *
 * Built with clang -fsanitize=fuzzer when LIBQUOTE_BUILD_FUZZERS=ON, and with
 * any compiler together with replay.c for the ordinary test suite.
 */
#include <libquote.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            fprintf(stderr, "fuzz_extract: check failed at %s:%d: %s\n", __FILE__,    \
                    __LINE__, #cond);                                                 \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* Counting allocator: a header in front of each block records its size. */
typedef union header {
    size_t size;
    max_align_t align;
} header;

static size_t live_blocks;

static void *count_malloc(size_t size, void *ctx)
{
    header *h;
    (void)ctx;
    if (size > SIZE_MAX - sizeof(header))
        return NULL;
    h = malloc(sizeof(header) + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    live_blocks++;
    return h + 1;
}

static void count_free(void *ptr, void *ctx)
{
    (void)ctx;
    if (ptr == NULL)
        return;
    CHECK(live_blocks > 0);
    live_blocks--;
    free((header *)ptr - 1);
}

static const quote_allocator counting = { count_malloc, count_free, NULL };

/* The extractors are compiled once and kept for the whole run. */
static quote_extractor *plain_ex, *counting_ex;

static void init(void)
{
    quote_options opts = QUOTE_OPTIONS_INIT;
    quote_error err;
    if (plain_ex == NULL && quote_extractor_new(NULL, &plain_ex, &err) != QUOTE_OK) {
        fprintf(stderr, "fuzz_extract: quote_extractor_new: %s\n", err.message);
        abort();
    }
    opts.allocator = &counting;
    if (counting_ex == NULL && quote_extractor_new(&opts, &counting_ex, &err) != QUOTE_OK) {
        fprintf(stderr, "fuzz_extract: quote_extractor_new (counting): %s\n", err.message);
        abort();
    }
}

static int valid_span(size_t start, size_t end, size_t len)
{
    if (start == QUOTE_NO_SPAN || end == QUOTE_NO_SPAN)
        return start == QUOTE_NO_SPAN && end == QUOTE_NO_SPAN;
    return start <= end && end <= len;
}

static void check_result(const quote_result *res, const char *text, size_t len, uint32_t flags)
{
    size_t n = quote_result_count(res), i, prev_start = 0;
    CHECK(quote_result_get(res, n) == NULL);
    for (i = 0; i < n; i++) {
        const quote_quote *q = quote_result_get(res, i);
        CHECK(q != NULL);
        CHECK(q->start <= q->end && q->end <= len);
        CHECK(q->start >= prev_start);
        prev_start = q->start;
        CHECK(valid_span(q->mention_start, q->mention_end, len));
        CHECK(valid_span(q->cue_start, q->cue_end, len));
        CHECK((q->speaker == NULL) == (q->entity == -1));
        CHECK(q->entity >= -1);
        if (q->speaker != NULL)
            (void)strlen(q->speaker); /* NUL-terminated (ASan checks the read) */
        CHECK(q->kind >= QUOTE_KIND_DIRECT && q->kind <= QUOTE_KIND_HEADLINE);
        CHECK(strcmp(quote_kind_name(q->kind), "unknown") != 0);
        CHECK(q->rule != NULL);
        CHECK(q->confidence >= 0.0 && q->confidence <= 1.0);
        if (flags & QUOTE_OPT_EXPLAIN) {
            if (q->explanation != NULL)
                (void)strlen(q->explanation);
        } else {
            CHECK(q->explanation == NULL);
        }
        /* The result must not point into the caller's text. */
        CHECK(q->speaker == NULL || q->speaker < text || q->speaker >= text + len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint32_t flags;
    int use_counting, no_err, rc;
    const char *text;
    size_t len, before;
    quote_result *res = NULL;
    quote_error err, *errp;
    char *copy;

    init();
    if (size == 0)
        return 0;
    flags = data[0] & 0x07u;
    use_counting = (data[0] & 0x08u) != 0;
    no_err = (data[0] & 0x10u) != 0;

    /* An exact-size heap copy, so ASan catches any read past the end. */
    len = size - 1;
    copy = malloc(len ? len : 1);
    if (copy == NULL)
        return 0;
    memcpy(copy, data + 1, len);
    text = copy;

    memset(&err, 0x5a, sizeof err);
    errp = no_err ? NULL : &err;
    before = live_blocks;
    rc = quote_extract(use_counting ? counting_ex : plain_ex, text, len, flags, &res, errp);
    if (rc == QUOTE_OK) {
        CHECK(res != NULL);
        check_result(res, text, len, flags);
        quote_result_free(res);
    } else {
        CHECK(res == NULL);
        CHECK(rc == QUOTE_EUTF8 || rc == QUOTE_ELIMIT || rc == QUOTE_ENOMEM ||
              rc == QUOTE_EREGEX);
        CHECK(!(rc == QUOTE_EUTF8 && (flags & QUOTE_OPT_LENIENT_UTF8)));
        if (errp != NULL) {
            CHECK(err.code == rc);
            CHECK(memchr(err.message, '\0', sizeof err.message) != NULL);
            CHECK(rc != QUOTE_EUTF8 || err.offset < len);
        }
    }
    if (use_counting)
        CHECK(live_blocks == before); /* nothing leaked by extract + free */
    free(copy);
    return 0;
}
