/* lexicon.c - the word classes the tagger uses, loaded from text.
 *
 * The built-in lexicons are the files of lib/data, embedded at build time
 * (cmake/embed.cmake); users add entries at run time in the same format
 * (quote_options.lexicon).  A lexicon is a hash set of words, each with the
 * OR of the kinds it was listed under. */
#include <string.h>

#include "internal.h"
#include "lexprobe.h"

static const struct {
    const char *name;
    uint32_t kind;
} kind_names[] = {
    {"cue", LEX_CUE},
    {"title", LEX_TITLE},
    {"role", LEX_ROLE},
    {"male", LEX_MALE},
    {"female", LEX_FEMALE},
    {"nonspeech", LEX_NONSPEECH},
    {"determiner", LEX_DETERMINER},
    {"pronoun-male", LEX_PRON_MALE},
    {"pronoun-female", LEX_PRON_FEMALE},
    {"pronoun-plural", LEX_PRON_PLURAL},
    {"pronoun-neuter", LEX_PRON_NEUTER},
    {"pronoun-first", LEX_PRON_FIRST},
    {"conjunction", LEX_CONJUNCTION},
    {"auxiliary", LEX_AUXILIARY},
    {"adverb", LEX_ADVERB},
    {"preposition", LEX_PREPOSITION},
    {"relative", LEX_RELATIVE},
    {"time", LEX_TIME},
    {"stop", LEX_STOP},
    {"according", LEX_ACCORDING},
    {"abbreviation", LEX_ABBREVIATION},
    {"number", LEX_NUMBER},
    {"speech-noun", LEX_SPEECH_NOUN},
    {"plain", LEX_PLAIN},
    {"organisation", LEX_ORGANISATION},
    {"title-part", LEX_TITLE | LEX_TITLE_PART}, /* a title too */
    {"demonym", LEX_DEMONYM},
    {"country", LEX_DEMONYM}, /* the same class: never a person alone */
};

/* Words of up to eight bytes - nearly every word of news - are folded into
 * one 64-bit key, hashed with a multiply and compared without memcmp: this
 * lookup runs for every word of every article.  The key holds the word's
 * bytes in memory order, zero-padded; whatever the byte order of the
 * machine, entries and lookups build it the same way. */

/* The key of a word of n <= 8 bytes (any readable extent). */
static inline uint64_t fold_key8(const char *w, size_t n)
{
    uint64_t k = 0;
    memcpy(&k, w, n);
    return lower8(k);
}

static inline uint64_t fold_key8_wide(const char *w, size_t n)
{
    uint64_t k, m;
    memcpy(&k, w, 8);
    memcpy(&m, mask_bytes + 8 - n, 8);
    return lower8(k & m);
}

/* Longer words: lower-case into key (of LEX_MAX_WORD bytes) eight bytes
 * at a time, hashing each block with a multiply.  avail is how many bytes
 * are readable at w (at least n): blocks with eight readable bytes are
 * loaded whole. */
static uint32_t fold_long(const char *w, size_t n, size_t avail, char *key)
{
    const uint64_t mul = 0x9E3779B97F4A7C15ull;
    if (n <= 16 && avail >= 16) {
        /* nearly every long word: the loop below, unrolled */
        uint64_t c0 = fold_key8_wide(w, 8), c1 = fold_key8_wide(w + 8, n - 8);
        memcpy(key, &c0, 8);
        memcpy(key + 8, &c1, 8);
        return (uint32_t)(((((uint64_t)n ^ c0) * mul) ^ c1) * mul >> 32);
    }
    uint64_t h = n;
    for (size_t i = 0; i < n; i += 8) {
        size_t m = n - i < 8 ? n - i : 8;
        uint64_t c = avail - i >= 8 ? fold_key8_wide(w + i, m) : fold_key8(w + i, m);
        memcpy(key + i, &c, 8); /* i + 8 <= LEX_MAX_WORD: n <= 64 */
        h = (h ^ c) * mul;
    }
    return (uint32_t)(h >> 32);
}

static lex_entry *find_slot(const lexicon *lx, const char *w, size_t n, uint32_t h)
{
    size_t i = h & lx->mask;
    for (;;) {
        lex_entry *e = &lx->slots[i];
        if (!e->word || (e->hash == h && e->len == n && memcmp(e->word, w, n) == 0))
            return e;
        i = (i + 1) & lx->mask;
    }
}

static bool grow(const quote_allocator *a, lexicon *lx)
{
    size_t nsize = lx->slots ? (lx->mask + 1) * 2 : 1024;
    lex_entry *ns = qa_calloc(a, nsize, sizeof *ns);
    if (!ns)
        return false;
    lexicon nl = {.slots = ns, .mask = nsize - 1}; /* only the slots are looked at */
    for (size_t i = 0; lx->slots && i <= lx->mask; i++) {
        lex_entry *e = &lx->slots[i];
        if (e->word)
            *(e->len <= 8 ? find_slot8(&nl, e->key8, e->len, e->hash)
                          : find_slot(&nl, e->word, e->len, e->hash)) = *e;
    }
    qa_free(a, lx->slots);
    lx->slots = ns; /* the count and the filter stay */
    lx->mask = nsize - 1;
    return true;
}

static int add_word(const quote_allocator *a, lexicon *lx, const char *w, size_t n, uint32_t kind)
{
    if (!lx->slots || (lx->count + 1) * 2 > lx->mask + 1) {
        if (!grow(a, lx))
            return QUOTE_ENOMEM;
    }
    char key[LEX_MAX_WORD]; /* the word lower-cased */
    uint64_t k8 = 0, c0 = 0;
    uint32_t h;
    lex_entry *e;
    if (n <= 8) {
        k8 = fold_key8(w, n);
        memcpy(key, &k8, 8);
        h = hash_key8(k8, n);
        e = find_slot8(lx, k8, n, h);
    } else {
        h = fold_long(w, n, n, key);
        e = find_slot(lx, key, n, h);
        memcpy(&c0, key, 8);
    }
    lx->filter[filter_bit(h) / 64] |= 1ull << (filter_bit(h) % 64);
    /* the entry is written with a capital when any letter differs from key */
    bool upper = memcmp(w, key, n) != 0;
    if (!e->word) {
        /* zero-padded to a multiple of eight bytes (with room for the
         * NUL): lex_probe16 reads the word's second block whole */
        e->word = qa_calloc(a, (n + 8) & ~(size_t)7, 1);
        if (!e->word)
            return QUOTE_ENOMEM;
        memcpy(e->word, key, n);
        e->key8 = n <= 8 ? k8 : c0; /* the first block (lex_probe16) */
        e->len = (uint32_t)n;
        e->hash = h;
        e->lower = e->upper = 0;
        lx->count++;
    }
    if (upper)
        e->upper |= kind;
    else
        e->lower |= kind;
    return QUOTE_OK;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

int lexicon_load(const quote_allocator *a, lexicon *lx, const char *text, size_t len,
                 uint32_t default_kind, quote_error *err)
{
    uint32_t kind = default_kind;
    size_t i = 0;
    while (i < len) {
        size_t ls = i;
        const char *nl = memchr(text + i, '\n', len - i);
        size_t le = nl ? (size_t)(nl - text) : len;
        i = le + 1;
        while (ls < le && is_space(text[ls]))
            ls++;
        size_t e = le;
        while (e > ls && is_space(text[e - 1]))
            e--;
        if (ls == e || text[ls] == '#')
            continue;
        if (text[ls] == '[') {
            if (text[e - 1] != ']')
                return q_fail(err, QUOTE_ELEXICON, ls, "unterminated [kind] line");
            kind = 0;
            for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++) {
                size_t kl = strlen(kind_names[k].name);
                if (kl == e - ls - 2 && memcmp(text + ls + 1, kind_names[k].name, kl) == 0)
                    kind = kind_names[k].kind;
            }
            if (!kind)
                return q_fail(err, QUOTE_ELEXICON, ls, "unknown lexicon kind");
            continue;
        }
        if (!kind)
            return q_fail(err, QUOTE_ELEXICON, ls, "entry before any [kind] line");
        if (e - ls > LEX_MAX_WORD)
            return q_fail(err, QUOTE_ELEXICON, ls, "entry longer than 64 bytes");
        /* Two-word cues ("fired back"): the first word is marked as a cue
         * head so the tagger knows to look at the next word. */
        const char *sp = memchr(text + ls, ' ', e - ls);
        if (sp) {
            if (kind != LEX_CUE)
                return q_fail(err, QUOTE_ELEXICON, ls, "only cues may have two words");
            const char *sp2 = memchr(sp + 1, ' ', (size_t)(text + e - sp - 1));
            if (sp2)
                return q_fail(err, QUOTE_ELEXICON, ls, "a cue has at most two words");
            int rc = add_word(a, lx, text + ls, (size_t)(sp - (text + ls)), LEX_CUE_HEAD);
            if (rc)
                return q_fail(err, rc, 0, NULL);
        }
        int rc = add_word(a, lx, text + ls, e - ls, kind);
        if (rc)
            return q_fail(err, rc, 0, NULL);
    }
    return QUOTE_OK;
}

void lexicon_free(const quote_allocator *a, lexicon *lx)
{
    for (size_t i = 0; lx->slots && i <= lx->mask; i++)
        qa_free(a, lx->slots[i].word);
    qa_free(a, lx->slots);
    lx->slots = NULL;
    lx->mask = lx->count = 0;
    memset(lx->filter, 0, sizeof lx->filter);
}

static lex_kinds kinds_of(const lex_entry *e)
{
    lex_kinds k = {0, 0};
    if (e) {
        k.lower = e->lower;
        k.upper = e->upper;
    }
    return k;
}

/* Words longer than eight bytes, with avail bytes readable at w.  Kept
 * out of line: its key buffer would otherwise give every lookup of a short
 * word a stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static const lex_entry *find_long(const lexicon *lx, const char *w, size_t n, size_t avail,
                                  bool *tail_lower)
{
    char key[LEX_MAX_WORD];
    uint32_t h = fold_long(w, n, avail, key);
    if (!filter_may_hold(lx, h))
        return NULL;
    const lex_entry *e = hit(find_slot(lx, key, n, h));
    if (e && tail_lower)
        *tail_lower = memcmp(w + 1, key + 1, n - 1) == 0;
    return e;
}

/* The entry of the n bytes at w, of which avail (>= n) are readable. */
static inline const lex_entry *entry_of(const lexicon *lx, const char *w, size_t n, size_t avail,
                                        bool *tail_lower)
{
    if (!lx->slots || n == 0 || n > LEX_MAX_WORD)
        return NULL;
    if (n > 8)
        return n <= 16 && avail >= 16 ? lex_probe16(lx, w, n, tail_lower)
                                       : find_long(lx, w, n, avail, tail_lower);
    return lex_probe8(lx, w, n, avail, tail_lower);
}

lex_kinds lexicon_find(const lexicon *lx, const char *w, size_t n)
{
    return kinds_of(entry_of(lx, w, n, n, NULL));
}

lex_kinds lexicon_find_at(const lexicon *lx, const char *text, size_t len, size_t start, size_t n)
{
    return kinds_of(entry_of(lx, text + start, n, len - start, NULL));
}

const lex_entry *lexicon_entry_at(const lexicon *lx, const char *text, size_t len, size_t start,
                                  size_t n, bool *tail_lower)
{
    *tail_lower = false;
    return entry_of(lx, text + start, n, len - start, tail_lower);
}
