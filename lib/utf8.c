/* utf8.c - UTF-8 validation, masking and decoding.
 *
 * The text is validated once here; every PCRE2 call afterwards passes
 * PCRE2_NO_UTF_CHECK, since PCRE2 would otherwise re-validate the whole
 * subject on each call (quadratic over an article). */
#include <string.h>

#include "internal.h"

/* SSE2 (every x86-64) finds the first non-ASCII byte of sixteen at once;
 * elsewhere the portable loops below do it eight at a time. */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define UTF8_SSE2 1
#endif

/* Length of the valid sequence at s[i], or 0 when it is invalid. */
static size_t seq_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    size_t n;
    uint32_t min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (len - i < n)
        return 0;
    uint32_t cp = c & (0x3F >> (n - 1));
    for (size_t k = 1; k < n; k++) {
        if ((s[i + k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

/* Length of the sequence at s[i] (s[i] >= 0x80), valid or not (0): the
 * sequences of news - curly quotes and dashes (E2 80 xx), accented
 * letters (C3 xx) - are recognised inline, the rest by seq_len. */
static inline size_t nonascii_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    /* two bytes, C2-DF then a continuation byte: always valid */
    if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (s[i + 1] & 0xC0) == 0x80)
        return 2;
    /* three bytes, E1-EC or EE-EF then two continuation bytes: always
     * valid (E0 has overlong forms, ED the surrogates: seq_len) */
    if (c >= 0xE1 && c <= 0xEF && c != 0xED && len - i >= 3 && (s[i + 1] & 0xC0) == 0x80 &&
        (s[i + 2] & 0xC0) == 0x80)
        return 3;
    return seq_len(s, len, i);
}

size_t utf8_first_invalid(const unsigned char *s, size_t len)
{
#ifndef UTF8_SSE2
    const uint64_t high = 0x8080808080808080ull;
#endif
    size_t i = 0;
    while (i < len) {
#ifdef UTF8_SSE2
        /* Fast path over ASCII, sixteen bytes at a time (news has a
         * non-ASCII character every few hundred bytes: curly quotes),
         * straight to the first non-ASCII byte (the bit of its sign) */
        while (len - i >= 16) {
            unsigned m = (unsigned)_mm_movemask_epi8(
                _mm_loadu_si128((const __m128i *)(const void *)(s + i)));
            if (m) {
                i += (size_t)__builtin_ctz(m);
                break;
            }
            i += 16;
        }
#else
        /* Fast path over ASCII, sixteen bytes at a time */
        while (len - i >= 16) {
            uint64_t a, b;
            memcpy(&a, s + i, 8);
            memcpy(&b, s + i + 8, 8);
            if ((a | b) & high)
                break;
            i += 16;
        }
        /* then to the first non-ASCII byte */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        while (len - i >= 8) {
            uint64_t a;
            memcpy(&a, s + i, 8);
            if (a & high) {
                i += (size_t)__builtin_ctzll(a & high) / 8;
                break;
            }
            i += 8;
        }
#endif
#endif
        while (i < len && s[i] < 0x80)
            i++;
        if (i >= len)
            break;
        size_t n = nonascii_len(s, len, i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

void utf8_mask_invalid(const unsigned char *s, size_t len, unsigned char *dst)
{
    size_t i = 0;
    while (i < len) {
        size_t n = seq_len(s, len, i);
        if (n == 0) {
            dst[i++] = 0x1A;
            continue;
        }
        for (size_t k = 0; k < n; k++)
            dst[i + k] = s[i + k];
        i += n;
    }
}

uint32_t utf8_decode(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = s[i];
    if (c < 0x80 || i + 1 >= len) {
        *n = 1;
        return c;
    }
    if (c < 0xE0) {
        *n = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
    }
    if (c < 0xF0) {
        if (i + 2 >= len) {
            *n = 1;
            return c;
        }
        *n = 3;
        return ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    }
    if (i + 3 >= len) {
        *n = 1;
        return c;
    }
    *n = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
           ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
}
