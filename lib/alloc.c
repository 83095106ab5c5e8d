/* alloc.c - allocation through the extractor's allocator. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void *qa_malloc(const quote_allocator *a, size_t n)
{
    return a->malloc(n ? n : 1, a->ctx);
}

void *qa_calloc(const quote_allocator *a, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        return NULL;
    void *p = qa_malloc(a, count * size);
    if (p)
        memset(p, 0, count * size);
    return p;
}

void qa_free(const quote_allocator *a, void *p)
{
    if (p)
        a->free(p, a->ctx);
}

bool qa_reserve(const quote_allocator *a, void **items, size_t *cap, size_t elem, size_t need)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return false;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / elem)
        return false;
    /* The allocator interface has no realloc (like PCRE2's), so copy. */
    void *p = qa_malloc(a, ncap * elem);
    if (!p)
        return false;
    if (*items) {
        memcpy(p, *items, *cap * elem);
        qa_free(a, *items);
    }
    *items = p;
    *cap = ncap;
    return true;
}

char *qa_strndup(const quote_allocator *a, const char *s, size_t n)
{
    char *p = qa_malloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static bool qbuf_append(const quote_allocator *a, qbuf *b, const char *s, size_t n)
{
    if (!qa_reserve(a, (void **)&b->data, &b->cap, 1, b->len + n + 1))
        return false;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool qbuf_printf(const quote_allocator *a, qbuf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return false;
    if ((size_t)n >= sizeof tmp)
        n = (int)sizeof tmp - 1; /* explanations are advisory: truncate */
    return qbuf_append(a, b, tmp, (size_t)n);
}
