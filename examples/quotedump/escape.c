/* escape.c - escaping for the output formats (see escape.h). */
#include "escape.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define QD_SSE2 1
#endif

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */

#ifdef QD_SSE2
/* One bit per byte of v (bit k for byte k) that the scan stops at. */
typedef int (*lane_mask_fn)(__m128i v);

/* Not plain (see qd_plain_prefix).  A signed compare with 0x20 catches the
 * controls and every byte from 0x80 up (negative as signed). */
static inline int plain_stops(__m128i v)
{
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"');
    const __m128i bslash = _mm_set1_epi8('\\'), del = _mm_set1_epi8(0x7F);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, quote)),
                             _mm_or_si128(_mm_cmpeq_epi8(v, bslash), _mm_cmpeq_epi8(v, del)));
    return _mm_movemask_epi8(m);
}

/* '"' or '\\' (see qd_find_quote). */
static inline int quote_stops(__m128i v)
{
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)));
}

static inline __m128i load8(const unsigned char *s)
{
    return _mm_loadl_epi64((const __m128i *)(const void *)s);
}

static inline __m128i load4(const unsigned char *s)
{
    int32_t x;
    memcpy(&x, s, 4);
    return _mm_cvtsi32_si128(x);
}

/*
 * The offset of the first byte of s[0..n) that `stops` flags, or n.
 * Sixteen bytes at a time.  What is left of a string is not looked at byte
 * by byte: most strings of a result (names, cues, rules, short quotes) are
 * shorter than sixteen bytes, and that loop took more time than the
 * vectors.  The rest is read as the sixteen bytes that end at n, or as two
 * overlapping loads of eight or four, never outside s[0..n).  (Lanes past
 * a short load are zero, which `stops` may flag: only the loaded lanes
 * count.)  Inline, so that `stops` is inlined too.
 */
static inline size_t first_stop(const unsigned char *s, size_t n, lane_mask_fn stops)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        unsigned m = (unsigned)stops(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i == n)
        return n;
    unsigned m;
    if (n >= 16) { /* the last block, shifted past the bytes already seen */
        m = (unsigned)stops(_mm_loadu_si128((const __m128i *)(const void *)(s + n - 16)));
        m >>= 16 - (n - i);
        return m ? i + (size_t)__builtin_ctz(m) : n;
    }
    /* n < 16, nothing seen yet */
    if (n >= 8) {
        m = ((unsigned)stops(load8(s)) & 0xFF) | (((unsigned)stops(load8(s + n - 8)) & 0xFF) << (n - 8));
    } else if (n >= 4) {
        m = ((unsigned)stops(load4(s)) & 0xF) | (((unsigned)stops(load4(s + n - 4)) & 0xF) << (n - 4));
    } else {
        unsigned char w[4] = {'a', 'a', 'a', 'a'}; /* plain padding */
        for (size_t k = 0; k < n; k++)
            w[k] = s[k];
        m = (unsigned)stops(load4(w)) & ((1u << n) - 1);
    }
    return m ? (size_t)__builtin_ctz(m) : n;
}
#endif

size_t qd_plain_prefix(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
#ifdef QD_SSE2
    return first_stop(s, n, plain_stops);
#else
    /* Eight bytes at a time.  (The "has a byte less than" test may flag a
     * plain word, never miss a special one; the bytes after it are then
     * looked at one by one.) */
    size_t i = 0;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        uint64_t flags = x | (x - ones * 0x20) | (x + ones) | ((q - ones) & ~q) | ((b - ones) & ~b);
        if (flags & highs)
            break;
    }
    while (i < n && s[i] >= 0x20 && s[i] < 0x7F && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
#endif
}

size_t qd_find_quote(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
#ifdef QD_SSE2
    return first_stop(s, n, quote_stops);
#else
    /* Eight bytes at a time: the zero-byte test of x ^ '"' and x ^ '\\'
     * may flag a byte after a hit, never miss one; the bytes are then
     * looked at one by one. */
    size_t i = 0;
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
        if ((((q - ones) & ~q) | ((b - ones) & ~b)) & highs)
            break;
    }
    while (i < n && s[i] != '"' && s[i] != '\\')
        i++;
    return i;
#endif
}

size_t qd_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2) /* continuation byte or overlong 2-byte lead */
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0) /* overlong */
            return 0;
        if (c == 0xED && s[1] > 0x9F) /* UTF-16 surrogate */
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) /* overlong */
            return 0;
        if (c == 0xF4 && s[1] > 0x8F) /* above U+10FFFF */
            return 0;
        return 4;
    }
    return 0;
}

/* Which ASCII bytes each format escapes, one bit per format.  A constant
 * table rather than per-byte tests: this loop is the hot path of rendering. */
enum { ESC_JSON = 1, ESC_TSV = 2, ESC_TEXT = 4 };
#define CTL (ESC_JSON | ESC_TEXT)       /* other C0 controls */
#define WS (ESC_JSON | ESC_TSV | ESC_TEXT) /* \t \n \r */
#define NUL (ESC_JSON | ESC_TSV | ESC_TEXT)
static const unsigned char special[128] = {
    NUL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, WS,  WS,  CTL, CTL, WS,  CTL, CTL,
    CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL, CTL,
    0, 0, ESC_JSON, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ESC_JSON | ESC_TSV, 0, 0, 0, /* '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ESC_TEXT, /* DEL */
};
#undef CTL
#undef WS
#undef NUL

typedef void (*escape_fn)(qd_buf *b, unsigned char c);

/* Copy s[0..n), escaping the ASCII bytes marked `mask` through `esc` and
 * replacing invalid UTF-8 with U+FFFD.  Runs of plain bytes are copied in
 * one go: most of the output is plain text. */
static void put_escaped(qd_buf *b, const char *str, size_t n, unsigned mask, escape_fn esc)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t run = 0; /* start of the pending plain run */
    size_t i = 0;
    while (i < n) {
        i += qd_plain_prefix(str + i, n - i);
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c < 0x80) {
            if (!(special[c] & mask)) {
                i++;
                continue;
            }
            qd_buf_put(b, str + run, i - run);
            esc(b, c);
            run = ++i;
            continue;
        }
        size_t k = qd_utf8_len(s + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        qd_buf_put(b, str + run, i - run);
        qd_buf_put(b, REPLACEMENT, 3);
        run = ++i;
    }
    qd_buf_put(b, str + run, n - run);
}

static void esc_json(qd_buf *b, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': qd_buf_put(b, "\\\"", 2); return;
    case '\\': qd_buf_put(b, "\\\\", 2); return;
    case '\n': qd_buf_put(b, "\\n", 2); return;
    case '\r': qd_buf_put(b, "\\r", 2); return;
    case '\t': qd_buf_put(b, "\\t", 2); return;
    case '\b': qd_buf_put(b, "\\b", 2); return;
    case '\f': qd_buf_put(b, "\\f", 2); return;
    default: {
        char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        qd_buf_put(b, u, 6);
    }
    }
}

static void esc_tsv(qd_buf *b, unsigned char c)
{
    switch (c) {
    case '\t': qd_buf_put(b, "\\t", 2); return;
    case '\n': qd_buf_put(b, "\\n", 2); return;
    case '\r': qd_buf_put(b, "\\r", 2); return;
    case '\0': qd_buf_put(b, "\\0", 2); return;
    default: qd_buf_put(b, "\\\\", 2); return;
    }
}

static void esc_text(qd_buf *b, unsigned char c)
{
    (void)c;
    qd_buf_putc(b, ' ');
}

void qd_put_json_string(qd_buf *b, const char *s, size_t n)
{
    qd_buf_putc(b, '"');
    put_escaped(b, s, n, ESC_JSON, esc_json);
    qd_buf_putc(b, '"');
}

void qd_put_tsv(qd_buf *b, const char *s, size_t n)
{
    put_escaped(b, s, n, ESC_TSV, esc_tsv);
}

void qd_put_text(qd_buf *b, const char *s, size_t n)
{
    put_escaped(b, s, n, ESC_TEXT, esc_text);
}
