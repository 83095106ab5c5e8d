/* lexprobe.h - the lexicon's lookup of words of up to eight bytes, inline.
 *
 * The tokenizer looks up every word of every article, nearly all of them
 * short: this header gives it the probe without a call into lexicon.c
 * (lexicon.c uses the same functions, so entries and lookups agree).
 *
 * Words of up to eight bytes are folded into one 64-bit key, hashed with
 * a multiply and compared without memcmp.  The key holds the word's bytes
 * in memory order, zero-padded; whatever the byte order of the machine,
 * entries and lookups build it the same way. */
#ifndef LIBQUOTE_LEXPROBE_H
#define LIBQUOTE_LEXPROBE_H

#include <string.h>

#include "internal.h"

#define ONES8 0x0101010101010101ull

/* ASCII-lower-case the eight bytes of x at once (SWAR): a byte of A-Z
 * gains 0x20, every other byte (including UTF-8 bytes >= 0x80) is kept.
 * No byte sum below carries into the next byte: h <= 0x7F and the
 * constants are at most 0x3F. */
static inline uint64_t lower8(uint64_t x)
{
    uint64_t h = x & (0x7F * ONES8);
    uint64_t ge_a = h + (0x80 - 'A') * ONES8;     /* bit 7 set where h >= 'A' */
    uint64_t gt_z = h + (0x80 - 'Z' - 1) * ONES8; /* bit 7 set where h > 'Z' */
    uint64_t upper = ge_a & ~gt_z & ~x & (0x80 * ONES8);
    return x | (upper >> 2); /* 0x80 >> 2 == 0x20, in the same byte */
}

/* mask_bytes + 8 - n holds n bytes of 0xFF, then zeros, in memory order. */
static const unsigned char mask_bytes[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

static inline uint32_t hash_key8(uint64_t k, size_t n)
{
    uint64_t h = (k + n) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

static inline size_t filter_bit(uint32_t h)
{
    return h >> 16; /* the slot index uses the low bits */
}

static inline bool filter_may_hold(const lexicon *lx, uint32_t h)
{
    size_t b = filter_bit(h);
    return (lx->filter[b / 64] >> (b % 64)) & 1;
}

/* The slot of key k (a word of n <= 8 bytes): its entry or an empty one. */
static inline lex_entry *find_slot8(const lexicon *lx, uint64_t k, size_t n, uint32_t h)
{
    size_t i = h & lx->mask;
    for (;;) {
        lex_entry *e = &lx->slots[i];
        if (!e->word || (e->key8 == k && e->len == n))
            return e;
        i = (i + 1) & lx->mask;
    }
}

/* The entry a probe found, or NULL for an empty slot. */
static inline const lex_entry *hit(const lex_entry *e)
{
    return e->word ? e : NULL;
}

/* Are the bytes of the word after its first spelled as in its folded key
 * (only the first letter may be a capital)?  x is the word, k its key. */
static inline bool tail_as_key(uint64_t x, uint64_t k)
{
    uint64_t first; /* 0xFF in the first byte in memory order, zeros after */
    memcpy(&first, mask_bytes + 7, 8);
    return ((x ^ k) & ~first) == 0;
}

/* The first n bytes (1 <= n <= 8) of a 64-bit load, in memory order. */
static inline uint64_t first_bytes(size_t n)
{
    uint64_t m;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    m = ~0ull >> (64 - 8 * n); /* a shift, not a load */
#else
    memcpy(&m, mask_bytes + 8 - n, 8);
#endif
    return m;
}

/* The entry of the word x of n bytes (1 <= n <= 8) whose folded key is
 * k8, or NULL; *tail_lower as lexicon_entry_at. */
static inline const lex_entry *probe_key8(const lexicon *lx, uint64_t x, uint64_t k8, size_t n,
                                          bool *tail_lower)
{
    uint32_t h = hash_key8(k8, n);
    if (!filter_may_hold(lx, h))
        return NULL;
    const lex_entry *e = hit(find_slot8(lx, k8, n, h));
    if (e && tail_lower)
        *tail_lower = tail_as_key(x, k8);
    return e;
}

/* lex_probe8 of a word of n bytes (1 <= n <= 8) whose first eight bytes
 * the caller has loaded (raw, in memory order) and folded (fold ==
 * lower8(raw)): the tokenizer has them from classifying the word. */
static inline const lex_entry *lex_probe8_loaded(const lexicon *lx, uint64_t raw, uint64_t fold,
                                                 size_t n, bool *tail_lower)
{
    uint64_t m = first_bytes(n);
    return probe_key8(lx, raw & m, fold & m, n, tail_lower);
}

/* The entry of the word of n bytes (1 <= n <= 8) at w, of which avail
 * (>= n) are readable, or NULL; *tail_lower as lexicon_entry_at (when
 * tail_lower is not NULL and there is an entry).  lx has slots. */
static inline const lex_entry *lex_probe8(const lexicon *lx, const char *w, size_t n, size_t avail,
                                          bool *tail_lower)
{
    if (avail >= 8) {
        /* One load, folded, then masked to the word: lower8 works byte by
         * byte and keeps zero bytes, so folding first gives the same key.
         * The load and the fold do not wait for the word's end (n), which
         * shortens the chain from it to the filter's branch - the branch
         * on whether the word is in the lexicon, which half the words of
         * news make the predictor miss. */
        uint64_t raw;
        memcpy(&raw, w, 8);
        return lex_probe8_loaded(lx, raw, lower8(raw), n, tail_lower);
    }
    uint64_t x = 0;
    memcpy(&x, w, n);
    return probe_key8(lx, x, lower8(x), n, tail_lower);
}

/* Words of nine to sixteen bytes (about one word in ten) are probed the
 * same way, as two folded 8-byte blocks: the entry keeps its first block
 * in key8 and its word is stored zero-padded to a multiple of eight bytes
 * (add_word), so its second block is one load too.  The hash is that of
 * the general path (fold_long in lexicon.c), so entries and lookups agree. */
static inline uint32_t hash_key16(uint64_t c0, uint64_t c1, size_t n)
{
    const uint64_t mul = 0x9E3779B97F4A7C15ull;
    return (uint32_t)(((((uint64_t)n ^ c0) * mul) ^ c1) * mul >> 32);
}

/* The entry of the word of n bytes (9 <= n <= 16) at w, of which at least
 * sixteen bytes are readable, or NULL; *tail_lower as lex_probe8.  lx has
 * slots. */
static inline const lex_entry *lex_probe16(const lexicon *lx, const char *w, size_t n,
                                           bool *tail_lower)
{
    uint64_t x0, x1, m;
    memcpy(&x0, w, 8);
    memcpy(&x1, w + 8, 8);
    memcpy(&m, mask_bytes + 16 - n, 8);
    x1 &= m;
    uint64_t c0 = lower8(x0), c1 = lower8(x1);
    uint32_t h = hash_key16(c0, c1, n);
    if (!filter_may_hold(lx, h))
        return NULL;
    for (size_t i = h & lx->mask;; i = (i + 1) & lx->mask) {
        const lex_entry *e = &lx->slots[i];
        if (!e->word)
            return NULL;
        if (e->hash == h && e->len == n && e->key8 == c0) {
            uint64_t k1;
            memcpy(&k1, e->word + 8, 8); /* readable: the word is padded */
            if (k1 == c1) {
                if (tail_lower)
                    *tail_lower = tail_as_key(x0, c0) && x1 == c1;
                return e;
            }
        }
    }
}

#endif /* LIBQUOTE_LEXPROBE_H */
