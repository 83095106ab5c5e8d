/* lexicon.c - the word classes the tagger uses, loaded from text.
 *
 * The built-in lexicons are the files of lib/data, embedded at build time
 * (cmake/embed.cmake); users add entries at run time in the same format
 * (quote_options.lexicon).  A lexicon is a hash set of words, each with the
 * OR of the kinds it was listed under. */
#include <string.h>

#include "internal.h"

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
};

static inline char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Words of up to eight bytes - nearly every word of news - are folded into
 * one 64-bit key, hashed with a multiply and compared without memcmp: this
 * lookup runs for every word of every article. */
static inline uint64_t fold_key8(const char *w, size_t n, bool *has_upper)
{
    uint64_t k = 0;
    bool up = false;
    for (size_t i = 0; i < n; i++) {
        char c = ascii_lower(w[i]);
        up |= c != w[i];
        k |= (uint64_t)(unsigned char)c << (8 * i);
    }
    if (has_upper)
        *has_upper = up;
    return k;
}

static inline uint32_t hash_key8(uint64_t k, size_t n)
{
    uint64_t h = (k + n) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(h >> 32);
}

/* Longer words: lower-case into out and hash (FNV-1a). */
static uint32_t fold_hash(const char *w, size_t n, char *out, bool *has_upper)
{
    uint32_t h = 2166136261u;
    bool up = false;
    for (size_t i = 0; i < n; i++) {
        char c = ascii_lower(w[i]);
        up |= c != w[i];
        out[i] = c;
        h ^= (unsigned char)c;
        h *= 16777619u;
    }
    if (has_upper)
        *has_upper = up;
    return h;
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

static lex_entry *find_slot8(const lexicon *lx, uint64_t k, size_t n, uint32_t h)
{
    size_t i = h & lx->mask;
    for (;;) {
        lex_entry *e = &lx->slots[i];
        if (!e->word || (e->key8 == k && e->len == n))
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
    lexicon nl = {ns, nsize - 1, lx->count};
    for (size_t i = 0; lx->slots && i <= lx->mask; i++) {
        lex_entry *e = &lx->slots[i];
        if (e->word)
            *(e->len <= 8 ? find_slot8(&nl, e->key8, e->len, e->hash)
                          : find_slot(&nl, e->word, e->len, e->hash)) = *e;
    }
    qa_free(a, lx->slots);
    *lx = nl;
    return true;
}

static int add_word(const quote_allocator *a, lexicon *lx, const char *w, size_t n, uint32_t kind)
{
    if (!lx->slots || (lx->count + 1) * 2 > lx->mask + 1) {
        if (!grow(a, lx))
            return QUOTE_ENOMEM;
    }
    char key[LEX_MAX_WORD];
    bool upper;
    uint32_t h;
    uint64_t k8 = 0;
    lex_entry *e;
    if (n <= 8) {
        k8 = fold_key8(w, n, &upper);
        h = hash_key8(k8, n);
        for (size_t i = 0; i < n; i++)
            key[i] = (char)(k8 >> (8 * i));
        e = find_slot8(lx, k8, n, h);
    } else {
        h = fold_hash(w, n, key, &upper);
        e = find_slot(lx, key, n, h);
    }
    if (!e->word) {
        e->word = qa_strndup(a, key, n);
        if (!e->word)
            return QUOTE_ENOMEM;
        e->key8 = k8;
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
}

lex_kinds lexicon_find(const lexicon *lx, const char *w, size_t n)
{
    lex_kinds k = {0, 0};
    if (!lx->slots || n == 0 || n > LEX_MAX_WORD)
        return k;
    const lex_entry *e;
    if (n <= 8) {
        uint64_t k8 = fold_key8(w, n, NULL);
        e = find_slot8(lx, k8, n, hash_key8(k8, n));
    } else {
        char key[LEX_MAX_WORD];
        uint32_t h = fold_hash(w, n, key, NULL);
        e = find_slot(lx, key, n, h);
    }
    if (e->word) {
        k.lower = e->lower;
        k.upper = e->upper;
    }
    return k;
}
