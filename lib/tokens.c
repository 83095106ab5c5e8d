/* tokens.c - cut the article into tokens and give each a tag letter.
 *
 * The tag string (one ASCII letter per token, see internal.h) is what the
 * attribution layouts of patterns.c match: "q,TNC" is `“...,” Mr Smith
 * said`.  Each quoted segment is one token, 'Q' when its content ends a
 * sentence and 'q' otherwise, so the patterns see quotes as units and a
 * name inside a quote is never a speaker candidate.
 */
#include <string.h>

#include "internal.h"
#include "lexprobe.h"

/* SSE2 (every x86-64) classifies sixteen bytes of a word at once
 * (word_end); elsewhere the portable SWAR code below does it eight at a
 * time. */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define TOKENS_SSE2 1
#endif

/* Byte classes for the hand-written scanner (the hot loop of tokenizing):
 * 1 for ASCII letters and digits. */
static const unsigned char ascii_word[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static inline bool is_ascii_alpha(unsigned char c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static inline bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Non-ASCII characters count as letters except the punctuation and space
 * blocks news uses. */
static bool non_ascii_letter(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c == 0xC2)
        return false; /* U+0080-U+00BF: no-break space, « », symbols */
    if (c == 0xC3 && i + 1 < len && (s[i + 1] == 0x97 || s[i + 1] == 0xB7))
        return false; /* × ÷ */
    if (c == 0xE2 || c == 0xE3 || c == 0xEF)
        return false; /* general punctuation, CJK marks, specials */
    return c >= 0xC3;
}

/* Is the (valid UTF-8) character at s[i] a letter or digit? */
static inline bool letter_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    return c < 0x80 ? ascii_word[c] != 0 : non_ascii_letter(s, len, i);
}

/* Capital letters outside ASCII (upper_at). */
static bool upper_at_utf8(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (i + 1 >= len)
        return false;
    unsigned char d = s[i + 1];
    if (c == 0xC3)
        return d >= 0x80 && d <= 0x9E && d != 0x97; /* À-Þ */
    if (c >= 0xC4 && c <= 0xC5)
        return (d & 1) == 0; /* Latin Extended-A: mostly even = upper */
    if (c == 0xD0)
        return d >= 0x80 && d <= 0xAF; /* Cyrillic Ѐ-Я */
    return false;
}

/* Is the character at s[i] a capital letter?  (Asked of every word.) */
static inline bool upper_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return upper_at_utf8(s, len, i);
}

/* How many of the eight bytes at p, counting from the first, are ASCII
 * letters or digits: the scanner skips the ASCII run of a word eight bytes
 * at a time (SWAR range tests; no byte sum carries into the next byte,
 * since bytes are masked to 7 bits and the constants are below 0x80). */
static inline size_t ascii_word_run8(const unsigned char *p)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t h = x & (0x7F * ones);
    uint64_t l = h | (0x20 * ones); /* letters folded to lower case */
    uint64_t letter = (l + (0x80 - 'a') * ones) & ~(l + (0x80 - 'z' - 1) * ones);
    uint64_t digit = (h + (0x80 - '0') * ones) & ~(h + (0x80 - '9' - 1) * ones);
    uint64_t stop = ~((letter | digit) & ~x) & (0x80 * ones); /* bit 7 of each other byte */
    return stop ? (size_t)__builtin_ctzll(stop) / 8 : 8;
#else
    size_t n = 0;
    while (n < 8 && ascii_word[p[n]])
        n++;
    return n;
#endif
}

static size_t char_len(unsigned char c)
{
    return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Grow the token and tag arrays together (one capacity for both). */
static bool grow_tokens(const quote_allocator *a, token_list *tl, size_t need)
{
    size_t cap = tl->cap;
    if (!qa_reserve(a, (void **)&tl->items, &cap, sizeof(token), need))
        return false;
    if (cap == tl->cap)
        return true; /* (a workspace's tables, kept from an earlier article) */
    size_t tcap = tl->cap;
    if (!qa_reserve(a, (void **)&tl->tags, &tcap, 1, cap + 1))
        return false;
    /* PCRE2's JIT may read a little past the subject it is given: keep the
     * spare capacity defined (memcheck would otherwise complain) - once,
     * when it is allocated: a workspace's capacity stays defined after. */
    memset(tl->tags + tl->count, 0, tcap - tl->count);
    tl->cap = cap;
    return true;
}

/* End of the word starting at s[i]: letters and digits, with inner
 * apostrophes (don't, Trump’s), hyphens (Vice-President), and the dots of
 * abbreviations (U.S.).  The scan starts at j: s[i, j) are known to be
 * letters or digits. */
#if defined(__GNUC__)
__attribute__((noinline)) /* the rare case: word_end inlines the common one */
#endif
static size_t word_end_from(const unsigned char *s, size_t len, size_t i, size_t j)
{
    for (;;) {
        while (j < len) {
            if (len - j >= 8) {
                size_t run = ascii_word_run8(s + j);
                j += run;
                if (run == 8)
                    continue;
            }
            unsigned char c = s[j];
            if (c < 0x80) {
                if (!ascii_word[c])
                    break;
                j++;
            } else if (non_ascii_letter(s, len, j)) {
                j += char_len(c);
            } else {
                break;
            }
        }
        if (j >= len)
            return j;
        /* a Latin-1 symbol between letters is mojibake inside a name
         * ("SarukhÃÂ¡n"), not punctuation */
        if (s[j] == 0xC2 && j + 2 < len && s[j + 1] != 0xA0 && s[j + 1] != 0xAB &&
            s[j + 1] != 0xBB && letter_at(s, len, j + 2)) {
            j += 2;
            continue;
        }
        /* inner apostrophe or hyphen followed by a letter */
        if ((s[j] == '\'' || s[j] == '-') && j + 1 < len && letter_at(s, len, j + 1)) {
            j++;
            continue;
        }
        if (s[j] == 0xE2 && j + 3 < len && s[j + 1] == 0x80 && s[j + 2] == 0x99 &&
            letter_at(s, len, j + 3)) {
            j += 3;
            continue;
        }
        /* U.S., D.C.: a single letter, a dot, another letter */
        if (s[j] == '.' && j + 1 < len && is_ascii_alpha(s[j + 1]) && j >= 1 &&
            (j - i == 1 || s[j - 2] == '.' || s[j - 2] == '-') &&
            (j + 2 >= len || !is_ascii_alpha(s[j + 2]))) {
            j += 2;
            continue;
        }
        return j;
    }
}

/* Can the byte c, after a run of ASCII letters and digits, not continue
 * the word?  (Anything but a letter, ' - . and the bytes from 0x80.) */
static inline bool ends_ascii_word(unsigned char c)
{
    return c < 0x80 && c != '\'' && c != '-' && c != '.';
}

/* The first eight bytes of a word as word_end loaded them (raw, in memory
 * order) and folded to lower case (fold == lower8(raw)): the lexicon probe
 * of the word starts from them (lex_probe8_loaded).  ok: they are set. */
typedef struct word_key {
    uint64_t raw, fold;
    bool ok;
} word_key;

/* End of the word starting at s[i] (word_end_from), with the common case
 * inline: a word of ASCII letters and digits, shorter than sixteen bytes
 * (the second block saves a call for the one word in ten longer than
 * eight), followed by a byte that ends it. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t word_end(const unsigned char *s, size_t len, size_t i, word_key *wk)
{
    size_t j = i;
    wk->ok = false;
#ifdef TOKENS_SSE2
    if (len - i >= 16) {
        /* sixteen bytes classified at once: one chain of a load, two
         * compares and a movemask, where the SWAR blocks make two chains
         * of a dozen operations each, one after the other */
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i l = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* letters folded */
        /* Each range test is one signed compare: an addition moves the
         * range to the bottom of the signed bytes (from -128), below
         * where any other byte lands (-118 for digits, -102 for folded
         * letters; every byte value checked against the two-compare
         * tests this replaces). */
        __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - '0'))),
                                       _mm_set1_epi8((char)(-128 + 10)));
        __m128i letter = _mm_cmplt_epi8(_mm_add_epi8(l, _mm_set1_epi8((char)(0x80 - 'a'))),
                                        _mm_set1_epi8((char)(-128 + 26)));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(digit, letter));
        /* the word's key for the lexicon: its capitals gain 0x20, as in lower8 */
        __m128i fold = _mm_or_si128(v, _mm_and_si128(letter, _mm_set1_epi8(0x20)));
#if defined(__x86_64__)
        wk->raw = (uint64_t)_mm_cvtsi128_si64(v);
        wk->fold = (uint64_t)_mm_cvtsi128_si64(fold);
#else
        _mm_storel_epi64((__m128i *)(void *)&wk->raw, v);
        _mm_storel_epi64((__m128i *)(void *)&wk->fold, fold);
#endif
        wk->ok = true;
        size_t run = (size_t)__builtin_ctz(~m); /* bit 16 of ~m is set */
        j = i + run;
        if (run < 16) {
            unsigned char c = s[j];
            if (ends_ascii_word(c))
                return j;
            /* a full stop not followed by a letter (the end of a sentence:
             * about one word in eighteen) ends the word, as in word_end_from */
            if (c == '.' && (j + 1 >= len || !is_ascii_alpha(s[j + 1])))
                return j;
        }
        return word_end_from(s, len, i, j);
    }
#else
    if (len - i >= 16) {
        size_t run = ascii_word_run8(s + i);
        j = i + run;
        if (run == 8) {
            run = ascii_word_run8(s + j);
            j += run;
        }
        if (run < 8 && ends_ascii_word(s[j]))
            return j;
    } else
#endif
    if (len - i >= 8) {
        size_t run = ascii_word_run8(s + i);
        j = i + run;
        if (run < 8 && ends_ascii_word(s[j]))
            return j;
    }
    return word_end_from(s, len, i, j); /* s[i, j) are ASCII letters or digits */
}

static inline uint32_t lex_any(lex_kinds k)
{
    return k.lower | k.upper;
}

/* lex_any(lexicon_find_at(...)), with the probe of words of up to sixteen
 * bytes inline: the tokenizer asks it of words followed by a dot
 * (keeps_dot) and of cue heads with their next word. */
static inline uint32_t lex_any_at(const lexicon *lx, const char *text, size_t len, size_t start,
                                  size_t n)
{
    const lex_entry *e;
    if (n >= 1 && n <= 8 && lx->slots)
        e = lex_probe8(lx, text + start, n, len - start, NULL);
    else if (n > 8 && n <= 16 && len - start >= 16 && lx->slots)
        e = lex_probe16(lx, text + start, n, NULL);
    else
        return lex_any(lexicon_find_at(lx, text, len, start, n));
    return e ? e->lower | e->upper : 0;
}

/* "Sanders’ comments", "Trump's claim": a possessive makes the next word a noun. */
static bool is_possessive(const char *text, const token *t)
{
    const unsigned char *p = (const unsigned char *)text + t->start;
    size_t n = t->end - t->start;
    if (n >= 2 && p[n - 1] == 's' && p[n - 2] == '\'')
        return true;
    if (n >= 4 && p[n - 1] == 's' && p[n - 2] == 0x99 && p[n - 3] == 0x80 && p[n - 4] == 0xE2)
        return true;
    /* "Sanders’": the apostrophe ended the word; look at the next byte */
    return false;
}

static bool text_is_blank(const unsigned char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* (asked of every word: one load from a table of the tag letters, not a
 * chain of seven compares) */
static const bool initial_after[256] = {
    [0] = true,           [TAG_END] = true,   [TAG_PARA] = true,   [TAG_QUOTE_END] = true,
    [TAG_COLON] = true,   [TAG_DASH] = true,  [TAG_LPAREN] = true,
};

static inline bool sentence_initial(char prev)
{
    return initial_after[(unsigned char)prev];
}

/* Is token t the word "to"? */
static inline bool after_to(const char *text, const token *t)
{
    return t->end - t->start == 2 && memcmp(text + t->start, "to", 2) == 0;
}

/* "many commentators called": a word in -s between a determiner and a
 * cue form is a plural noun, the subject of the cue (adjectives do not end
 * in -s: "a snappy retort" is a noun phrase).  A past form after them is a
 * verb too: "a staffer in the room wondered". */
static bool plural_noun(const char *text, const token *t)
{
    size_t n = t->end - t->start;
    const char *w = text + t->start;
    return n >= 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u'; /* "her ads asking" */
}

bool word_plural(const work *w, size_t i)
{
    return plural_noun(w->text, &w->toks.items[i]);
}

/* The irregular past forms of the cue lexicon: like a form in -ed, a verb
 * after a determiner and a noun ("her brother told"), never a noun. */
/* Is the word w (n bytes) one of the count words of list?  With
 * any_first, its first letter may be a capital ("Many said"). */
static bool spelled_in(const char *w, size_t n, const char *const *list, size_t count,
                       bool any_first)
{
    char first = any_first ? (char)(w[0] | 0x20) : w[0];
    for (size_t i = 0; i < count; i++)
        if (strlen(list[i]) == n && first == list[i][0] && memcmp(w + 1, list[i] + 1, n - 1) == 0)
            return true;
    return false;
}

static bool irregular_past(const char *w, size_t n)
{
    static const char *const forms[] = {"said", "told", "wrote", "swore"};
    return n > 0 && spelled_in(w, n, forms, sizeof forms / sizeof forms[0], false);
}

/* "Many said", "the two write", "one wrote": a determiner standing alone
 * as the subject, before a cue form that is then a verb.  Plural
 * quantifiers take any form; singular ones only a past one ("one report"
 * is a noun phrase). */
static bool determiner_as_subject(const char *text, const token *t, bool past)
{
    static const char *const plural[] = {"two", "three", "four", "several", "many",
                                         "most", "both", "some"};
    static const char *const singular[] = {"one", "another", "each"};
    size_t n = t->end - t->start;
    const char *w = text + t->start;
    if (n < 3 || n > 7)
        return false;
    /* (any first capital: "Many said" opens a sentence) */
    return spelled_in(w, n, plural, sizeof plural / sizeof plural[0], true) ||
           (past && spelled_in(w, n, singular, sizeof singular / sizeof singular[0], true));
}

/* The tag of a cue form from its left context (tokens before nt). */
/* (kept out of line, like tag_of_kinds: tag_word is inlined in the loop,
 * and few words are cues) */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char tag_cue(const char *text, const token *items, const char *tags, size_t nt, uint32_t k,
                    char prev)
{
    const char *w = text + items[nt].start;
    size_t n = items[nt].end - items[nt].start;
    char pp = nt >= 2 ? tags[nt - 2] : 0;
    /* "the report", "a snappy retort", "Sanders’ comments": after a
     * determiner (and its adjectives) or a possessive, a cue form is a noun */
    bool past = (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd') || irregular_past(w, n);
    bool after_det = (prev == TAG_DET && !determiner_as_subject(text, &items[nt - 1], past)) ||
                     (pp == TAG_DET && (prev == TAG_WORD || prev == TAG_ADVERB) &&
                      !plural_noun(text, &items[nt - 1]) && !past) ||
                     /* "Trump’s early-morning tweets" */
                     (nt >= 2 && prev == TAG_WORD && !past &&
                      is_possessive(text, &items[nt - 2])) ||
                     (nt >= 1 && is_possessive(text, &items[nt - 1]));
    if (after_det)
        return (k & LEX_ROLE) ? TAG_ROLE : TAG_WORD;
    /* after "to" it is an intention, not an utterance ("wants to urge") */
    if (nt >= 1 && after_to(text, &items[nt - 1]))
        return TAG_WORD;
    /* "says", "emails": an -s form is a verb after its subject (a name, a
     * pronoun, "the report", "Sanders' campaign"), a plural noun after a
     * verb ("received emails") */
    bool after_subject = (prev && strchr("NPTIr,aRq-)", prev)) || /* "(R-Ohio) says" */
                         (prev == TAG_WORD && (pp == TAG_DET || pp == TAG_NAME));
    if (n > 3 && w[n - 1] == 's' && !after_subject)
        return (k & LEX_ROLE) ? TAG_ROLE : TAG_WORD;
    if (n > 4 && memcmp(w + n - 3, "ing", 3) == 0)
        return TAG_PARTICIPLE;
    return TAG_CUE;
}

/* The kinds a word takes from its lexicon entry (lk), given whether it is
 * capitalised and opens a sentence. */
static inline uint32_t word_kinds(lex_kinds lk, bool cap, bool initial)
{
    /* A capitalised word matches entries written capitalised ("President")
     * and, failing those, lower-case ones ("The", "He"); a lower-case word
     * only lower-case entries ("president" is a role, not a title). */
    uint32_t k = cap ? lk.upper : lk.lower;
    uint32_t kf = cap ? (lk.upper ? lk.upper : lk.lower) : k;
    if (cap && !initial)
        /* Mid-sentence, a capitalised word is only a function word if it
         * is one in any position ("He", "The"); "Will" is a name. */
        kf &= LEX_PRONOUN | LEX_DETERMINER | LEX_CONJUNCTION | LEX_RELATIVE | LEX_STOP |
              LEX_ACCORDING | LEX_NUMBER;
    return k | kf;
}

/* The tag of the word w (n bytes) of kinds k, when k is not a cue's: it
 * depends on the word, its capital and whether it opens a sentence only,
 * so for lexicon words it is computed once (word_tags_build). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char tag_of_kinds(uint32_t k, bool cap, bool initial, const char *w, size_t n)
{
    if (k == 0) {
        /* In no lexicon (half the words of news): of the tests below,
         * only those that do not look at the kinds can succeed.  (tag_word
         * tags most such words inline, as TAG_NAME or TAG_WORD, and calls
         * this only when its `special` test holds: a test for k == 0 added
         * here must be covered by that one.) */
        if (n == 1 && w[0] == 'I')
            return TAG_PRONOUN;
        if (n == 4 && (memcmp(w, "that", 4) == 0 || memcmp(w, "That", 4) == 0))
            return TAG_THAT;
        goto open_class;
    }
    if (k & LEX_ACCORDING)
        return TAG_ACCORDING;
    if (n == 1 && w[0] == 'I')
        return TAG_PRONOUN;
    if ((k & LEX_PRONOUN) && !(cap && !initial && (k & LEX_TITLE)))
        return TAG_PRONOUN;
    if (k & LEX_RELATIVE)
        return TAG_RELATIVE;
    if (n == 4 && (memcmp(w, "that", 4) == 0 || memcmp(w, "That", 4) == 0))
        return TAG_THAT;
    if (cap && (k & LEX_TITLE))
        return TAG_TITLE;
    if (k & LEX_TIME)
        return TAG_TIME;
    if (k & LEX_DETERMINER)
        return TAG_DET;
    if (k & LEX_NUMBER)
        return TAG_NUMBER;
    if (k & LEX_CONJUNCTION)
        return TAG_CONJ;
    if (k & LEX_STOP)
        return TAG_STOP;
    if (k & LEX_AUXILIARY)
        /* "Will Estrada", "May Lee": a capitalised auxiliary that is also a
         * given name is a name (questions are rare); "Does Rubio" is not */
        return cap && !(k & ~(LEX_AUXILIARY | LEX_CUE_HEAD)) &&
                       ((n == 4 && memcmp(w, "Will", 4) == 0) || (n == 3 && memcmp(w, "May", 3) == 0))
                   ? TAG_NAME
                   : TAG_AUX;
    if (k & LEX_ADVERB)
        return TAG_ADVERB;
    if (k & LEX_PREPOSITION)
        return TAG_PREP;
    if (k & LEX_ROLE)
        return TAG_ROLE;
open_class:
    if (cap) {
        if (n == 1 || (n == 2 && w[1] == '.'))
            return TAG_INITIAL;
        /* "Speaking to reporters, ...", "Preceded by ...": a participle
         * opening a sentence; "Specifically, ...": an adverb */
        if (initial && n > 5 && !(k & (LEX_MALE | LEX_FEMALE))) {
            if (memcmp(w + n - 3, "ing", 3) == 0 || memcmp(w + n - 2, "ed", 2) == 0)
                return TAG_STOP;
            if (memcmp(w + n - 2, "ly", 2) == 0 && !(k & LEX_PLAIN))
                return TAG_ADVERB;
        }
        return TAG_NAME;
    }
    if (is_digit((unsigned char)w[0]))
        return TAG_NUMBER;
    if (n > 4 && w[n - 2] == 'l' && w[n - 1] == 'y' && !(k & LEX_PLAIN))
        return TAG_ADVERB; /* "Specifically", not "family" or "early" */
    return TAG_WORD;
}

/* Index into the four tags of a lexicon slot (word_tags_build). */
static inline size_t word_tag_index(size_t slot, bool cap, bool initial)
{
    return slot * 4 + (size_t)cap * 2 + (size_t)initial;
}

int word_tags_build(const quote_allocator *a, const lexicon *lx, char **out)
{
    *out = NULL;
    if (!lx->slots)
        return QUOTE_OK; /* no entries: lexicon_entry_at finds none */
    char *tags = qa_calloc(a, (lx->mask + 1) * 4, 1);
    if (!tags)
        return QUOTE_ENOMEM;
    for (size_t i = 0; i <= lx->mask; i++) {
        const lex_entry *e = &lx->slots[i];
        if (!e->word)
            continue;
        lex_kinds lk = {e->lower, e->upper};
        for (int cap = 0; cap < 2; cap++) {
            /* The spelling the tag is for: the entry (lower case), or with
             * an ASCII capital first ("That"); a word with another first
             * byte is spelled as the entry whatever its case. */
            char w[LEX_MAX_WORD];
            memcpy(w, e->word, e->len);
            if (cap && w[0] >= 'a' && w[0] <= 'z')
                w[0] = (char)(w[0] - 'a' + 'A');
            for (int initial = 0; initial < 2; initial++) {
                uint32_t k = word_kinds(lk, cap, initial);
                /* a cue's tag depends on its left context: 0, tag_cue() */
                tags[word_tag_index(i, cap, initial)] =
                    (k & LEX_CUE) ? 0 : tag_of_kinds(k, cap, initial, w, e->len);
            }
        }
    }
    *out = tags;
    return QUOTE_OK;
}

/* Tag of word token nt from its lexicon kinds and its left neighbours. */
/* (inlined in the main loop: a call costs more than a lexicon word's
 * whole tagging; the rare second tagging goes through retag_word) */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline char tag_word(const struct quote_extractor *ex, const char *text, size_t len,
                            token *items, const char *tags, size_t nt, char prev, bool initial,
                            const word_key *wk)
{
    const unsigned char *s = (const unsigned char *)text;
    token *t = &items[nt];
    const char *w = (const char *)s + t->start;
    size_t n = t->end - t->start;
    bool cap = upper_at(s, t->end, t->start);
    bool tail_lower = false;
    /* words of up to sixteen bytes (nearly all) are probed inline;
     * lexicon_entry_at does the rest */
    const lex_entry *e;
    if (n >= 1 && n <= 8 && ex->lex.slots)
        e = wk && wk->ok ? lex_probe8_loaded(&ex->lex, wk->raw, wk->fold, n, &tail_lower)
                         : lex_probe8(&ex->lex, w, n, len - t->start, &tail_lower);
    else if (n > 8 && n <= 16 && len - t->start >= 16 && ex->lex.slots)
        e = lex_probe16(&ex->lex, w, n, &tail_lower);
    else
        e = lexicon_entry_at(&ex->lex, text, len, t->start, n, &tail_lower);
    if (!e) {
        /* In no lexicon (about half the words of news): kinds 0, and the
         * tag tag_of_kinds gives, inline for the usual word - one of none
         * of the forms it looks at.  The test is a superset of those
         * (short words, digits, -ly, -ing and -ed, "that"). */
        t->kinds = 0;
        unsigned char last = (unsigned char)w[n - 1];
        bool special = (n <= 2) | is_digit((unsigned char)w[0]) | (last == 'y') |
                       (initial & ((last == 'g') | (last == 'd'))) | ((n == 4) & (last == 't'));
        if (!special)
            return cap ? TAG_NAME : TAG_WORD;
        return tag_of_kinds(0, cap, initial, w, n);
    }
    lex_kinds lk = {e->lower, e->upper};
    uint32_t k = word_kinds(lk, cap, initial);
    t->kinds = k;
    if (k & LEX_CUE)
        return tag_cue(text, items, tags, nt, k, prev);
    /* A lexicon word spelled as its entry (give or take a capital first
     * letter: nearly all of them) has its tag in the table. */
    if (tail_lower)
        return ex->word_tags[word_tag_index((size_t)(e - ex->lex.slots), cap, initial)];
    return tag_of_kinds(k, cap, initial, w, n);
}

#if defined(__GNUC__)
__attribute__((noinline))
#endif
static char retag_word(const struct quote_extractor *ex, const char *text, size_t len,
                       token *items, const char *tags, size_t nt, char prev)
{
    return tag_word(ex, text, len, items, tags, nt, prev, sentence_initial(prev), NULL);
}

/* Punctuation tag at s[i] (and its byte length), or 0 for none. */
static char punct_tag(const unsigned char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = s[i];
    *n = 1;
    switch (c) {
    case ',':
        return TAG_COMMA;
    case ':':
        return TAG_COLON;
    case '.':
    case '!':
    case '?':
    case ';':
        while (i + *n < len && (s[i + *n] == '.' || s[i + *n] == '!' || s[i + *n] == '?'))
            (*n)++;
        return TAG_END;
    case '(':
    case '[':
        return TAG_LPAREN;
    case ')':
    case ']':
        return TAG_RPAREN;
    case '-':
        while (i + *n < len && s[i + *n] == '-')
            (*n)++;
        return TAG_DASH;
    case 0xE2:
        *n = 3;
        if (i + 2 < len && s[i + 1] == 0x80) {
            if (s[i + 2] == 0x93 || s[i + 2] == 0x94 || s[i + 2] == 0x95)
                return TAG_DASH;
            if (s[i + 2] == 0xA6)
                return TAG_END; /* … */
            if (s[i + 2] >= 0x98 && s[i + 2] <= 0x9F)
                return 0; /* a quotation mark outside any segment */
            if (s[i + 2] <= 0x8F || s[i + 2] == 0xAF)
                return 0; /* spaces of all widths */
        }
        return TAG_OTHER;
    default:
        *n = char_len(c);
        if (c == '"' || c == '\'' || c == 0x1A)
            return 0;
        if (c == 0xC2 && i + 1 < len && (s[i + 1] == 0xA0 || s[i + 1] == 0xAB || s[i + 1] == 0xBB))
            return 0;
        return TAG_OTHER;
    }
}

/* Byte classes of the tokenizer's main loop: one table lookup picks the
 * branch for the byte a token may start at, instead of a chain of tests. */
enum {
    BC_OTHER = 0, /* punctuation and symbols (punct_tag) */
    BC_SPACE,     /* ' ' '\t' '\r': skipped */
    BC_NEWLINE,
    BC_WORD,      /* ASCII letter or digit */
    BC_HIGH,      /* a UTF-8 lead byte: a letter or punctuation */
    BC_DOLLAR     /* "$15" */
};

static const unsigned char byte_class[256] = {
    [' '] = BC_SPACE, ['\t'] = BC_SPACE, ['\r'] = BC_SPACE, ['\n'] = BC_NEWLINE, ['$'] = BC_DOLLAR,
    ['0'] = BC_WORD, ['1'] = BC_WORD, ['2'] = BC_WORD, ['3'] = BC_WORD, ['4'] = BC_WORD,
    ['5'] = BC_WORD, ['6'] = BC_WORD, ['7'] = BC_WORD, ['8'] = BC_WORD, ['9'] = BC_WORD,
    ['A'] = BC_WORD, ['B'] = BC_WORD, ['C'] = BC_WORD, ['D'] = BC_WORD, ['E'] = BC_WORD,
    ['F'] = BC_WORD, ['G'] = BC_WORD, ['H'] = BC_WORD, ['I'] = BC_WORD, ['J'] = BC_WORD,
    ['K'] = BC_WORD, ['L'] = BC_WORD, ['M'] = BC_WORD, ['N'] = BC_WORD, ['O'] = BC_WORD,
    ['P'] = BC_WORD, ['Q'] = BC_WORD, ['R'] = BC_WORD, ['S'] = BC_WORD, ['T'] = BC_WORD,
    ['U'] = BC_WORD, ['V'] = BC_WORD, ['W'] = BC_WORD, ['X'] = BC_WORD, ['Y'] = BC_WORD,
    ['Z'] = BC_WORD, ['a'] = BC_WORD, ['b'] = BC_WORD, ['c'] = BC_WORD, ['d'] = BC_WORD,
    ['e'] = BC_WORD, ['f'] = BC_WORD, ['g'] = BC_WORD, ['h'] = BC_WORD, ['i'] = BC_WORD,
    ['j'] = BC_WORD, ['k'] = BC_WORD, ['l'] = BC_WORD, ['m'] = BC_WORD, ['n'] = BC_WORD,
    ['o'] = BC_WORD, ['p'] = BC_WORD, ['q'] = BC_WORD, ['r'] = BC_WORD, ['s'] = BC_WORD,
    ['t'] = BC_WORD, ['u'] = BC_WORD, ['v'] = BC_WORD, ['w'] = BC_WORD, ['x'] = BC_WORD,
    ['y'] = BC_WORD, ['z'] = BC_WORD,
#define BC_HIGH16(b)                                                                               \
    [b + 0] = BC_HIGH, [b + 1] = BC_HIGH, [b + 2] = BC_HIGH, [b + 3] = BC_HIGH, [b + 4] = BC_HIGH, \
    [b + 5] = BC_HIGH, [b + 6] = BC_HIGH, [b + 7] = BC_HIGH, [b + 8] = BC_HIGH, [b + 9] = BC_HIGH, \
    [b + 10] = BC_HIGH, [b + 11] = BC_HIGH, [b + 12] = BC_HIGH, [b + 13] = BC_HIGH,                \
    [b + 14] = BC_HIGH, [b + 15] = BC_HIGH
    BC_HIGH16(0x80), BC_HIGH16(0x90), BC_HIGH16(0xA0), BC_HIGH16(0xB0),
    BC_HIGH16(0xC0), BC_HIGH16(0xD0), BC_HIGH16(0xE0), BC_HIGH16(0xF0),
#undef BC_HIGH16
};

/* Abbreviations keep their dot: "Sen.", "Jr.", "W.", and any capitalised
 * word whose dot is followed by a comma or a closing bracket ("(D-Calif.)",
 * "R-Pa., said"; but "he said.)" ends a sentence).  The word s[i, e) is
 * followed by a dot (s[e] == '.'). */
static bool keeps_dot(const struct quote_extractor *ex, const char *text, size_t len, size_t i,
                      size_t e)
{
    const unsigned char *s = (const unsigned char *)text;
    return (e - i == 1 && upper_at(s, len, i)) ||
           /* initialisms keep their last dot: "the U.S. approach" */
           (e - i >= 3 && s[e - 2] == '.' && e + 1 < len && s[e + 1] != '\n') ||
           (e + 1 < len && (s[e + 1] == ',' || s[e + 1] == ')') && upper_at(s, len, i)) ||
           lex_any_at(&ex->lex, text, len, i, e - i + 1);
}

/* "an adviser to the governor", "aides to Mr. Reyes": "to" between a role
 * noun and a noun phrase is a preposition, not the infinitive's marker (an
 * auxiliary's tag).  A pass of its own over the tags, after the main
 * loop: a test there, on every word, costs more than this. */
static inline void retag_to(const char *text, const token *items, char *tags, size_t i)
{
    if ((tags[i + 1] == TAG_DET || tags[i + 1] == TAG_TITLE || tags[i + 1] == TAG_NAME) &&
        after_to(text, &items[i]))
        tags[i] = TAG_PREP;
}

static void preposition_to(const char *text, const token *items, char *tags, size_t nt)
{
    size_t i = 1;
#ifdef TOKENS_SSE2
    /* sixteen tags at a time: an auxiliary after a role is rare */
    const __m128i role = _mm_set1_epi8(TAG_ROLE), aux = _mm_set1_epi8(TAG_AUX);
    for (; i + 16 < nt; i += 16) {
        __m128i cur = _mm_loadu_si128((const __m128i *)(const void *)(tags + i));
        __m128i before = _mm_loadu_si128((const __m128i *)(const void *)(tags + i - 1));
        unsigned m = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(cur, aux), _mm_cmpeq_epi8(before, role)));
        for (; m; m &= m - 1)
            retag_to(text, items, tags, i + (size_t)__builtin_ctz(m));
    }
#endif
    for (; i + 1 < nt; i++)
        if (tags[i] == TAG_AUX && tags[i - 1] == TAG_ROLE)
            retag_to(text, items, tags, i);
}

/* The tokens are built in the locals of tokenize() - the arrays and the
 * count - and written back to the list only to grow it and at the end:
 * stores of tag letters (char) may alias anything, so fields read through
 * the list would be reloaded after each one. */
int tokenize(const struct quote_extractor *ex, const char *text, size_t len,
             const segment_list *segs, token_list *tl, quote_error *err)
{
    const quote_allocator *a = &ex->alloc;
    const unsigned char *s = (const unsigned char *)text;
    tl->count = 0;
    if (len > UINT32_MAX)
        return q_fail(err, QUOTE_ELIMIT, 0, "text longer than 4 GiB");
    /* About one token per five bytes of news: reserve that much at once. */
    if (!grow_tokens(a, tl, len / 5 + 16))
        return q_fail(err, QUOTE_ENOMEM, 0, NULL);
    token *items = tl->items;
    char *tags = tl->tags;
    size_t nt = 0, cap = tl->cap;
    char prev = 0;
    bool initial = true; /* sentence_initial(prev), kept with it */
    int32_t para = 0;
    size_t k = 0; /* next segment */
    /* where the next quoted segment opens (SIZE_MAX: no more), kept in a
     * local so the per-byte loop does not index the segment array */
    size_t next_open = segs->count ? segs->items[0].open : SIZE_MAX;
    size_t i = 0;
/* Room for one more token (and the tags' NUL). */
#define RESERVE()                                                                            \
    do {                                                                                     \
        if (nt == cap) {                                                                     \
            tl->count = nt;                                                                  \
            if (!grow_tokens(a, tl, nt + 1))                                                 \
                return q_fail(err, QUOTE_ENOMEM, 0, NULL);                                   \
            items = tl->items;                                                               \
            tags = tl->tags;                                                                 \
            cap = tl->cap;                                                                   \
        }                                                                                    \
    } while (0)
#define EMIT(st, en, tg, sg)                                                                 \
    do {                                                                                     \
        RESERVE();                                                                           \
        items[nt] = (token){(uint32_t)(st), (uint32_t)(en), 0, (sg), para};                  \
        tags[nt++] = prev = (tg);                                                            \
        initial = sentence_initial(prev);                                                    \
    } while (0)

    while (i < len) {
        if (i >= next_open) {
            const segment *g = &segs->items[k];
            size_t e = g->close_end > g->end ? g->close_end : g->end;
            /* The quotation ends its sentence when its content does, unless
             * the text runs on in lower case ("“Great!” he said"). */
            bool ends = g->final_punct == '.' || g->final_punct == '?' || g->final_punct == '!';
            size_t nx = e;
            while (nx < len && (s[nx] == ' ' || s[nx] == ','))
                nx++;
            if (nx < len && s[nx] >= 'a' && s[nx] <= 'z')
                ends = false;
            /* paragraphs inside a multi-paragraph quotation (the token
             * gets the paragraph it ends in) */
            if (g->multi_paragraph)
                for (size_t j = g->open; j < e; j++)
                    if (s[j] == '\n' && j + 1 < e && s[j + 1] != '\n')
                        para++;
            EMIT(g->open, e, ends ? TAG_QUOTE_END : TAG_QUOTE, (int32_t)k);
            i = e > i ? e : i + 1;
            k++;
            next_open = k < segs->count ? segs->items[k].open : SIZE_MAX;
            continue;
        }
        unsigned char c = s[i];
        /* tests in the order of frequency: words, spaces, the rest (a
         * switch would be an indirect jump, predicted worse) */
        unsigned char bc = byte_class[c];
        if (bc == BC_WORD || (bc == BC_HIGH && non_ascii_letter(s, len, i))) {
            word_key wk = {0, 0, false};
            size_t e = word_end(s, len, i, &wk);
            if (e > next_open)
                e = next_open;
            if (e < len && s[e] == '.' && keeps_dot(ex, text, len, i, e))
                e++;
            RESERVE();
            token *t = &items[nt];
            *t = (token){(uint32_t)i, (uint32_t)e, 0, -1, para};
            char tg = tag_word(ex, text, len, items, tags, nt, prev, initial, &wk);
            if ((t->kinds & LEX_CUE) && prev == TAG_STOP && nt >= 1) {
                /* "Boreing said", "Manning says": the sentence-initial
                 * participle guess of tag_word was a surname */
                const token *pt = &items[nt - 1];
                if (!(pt->kinds & LEX_STOP) && upper_at(s, len, pt->start) &&
                    sentence_initial(nt >= 2 ? tags[nt - 2] : 0)) {
                    tags[nt - 1] = prev = TAG_NAME;
                    tg = retag_word(ex, text, len, items, tags, nt, prev);
                }
            }
            /* Titles that are also names, inside a name: "Peter T. King"
             * (a title after an initial, spelled out), "Steven M. Ekovich"
             * (the French "M." after a given name is an initial) */
            if (tg == TAG_TITLE && (prev == TAG_INITIAL || prev == TAG_NAME)) {
                bool abbrev = s[e - 1] == '.';
                if (prev == TAG_INITIAL && !abbrev)
                    tg = TAG_NAME;
                else if (prev == TAG_NAME && abbrev && e - i == 2)
                    tg = TAG_INITIAL;
            }
            /* Two-word cues: "fired back", "a déclaré". */
            if ((t->kinds & LEX_CUE_HEAD) && e < len && s[e] == ' ' && e + 1 < len &&
                letter_at(s, len, e + 1)) {
                word_key wk2 = {0, 0, false};
                size_t e2 = word_end(s, len, e + 1, &wk2);
                if (lex_any_at(&ex->lex, text, len, i, e2 - i) & LEX_CUE) {
                    t->end = (uint32_t)e2;
                    t->kinds |= LEX_CUE;
                    tg = memcmp(text + i + (e2 - i) - 3, "ing", 3) == 0 ? TAG_PARTICIPLE : TAG_CUE;
                    if (nt >= 1 && after_to(text, &items[nt - 1]))
                        tg = TAG_WORD; /* "quick to chime in": an intention */
                    e = e2;
                }
            }
            tags[nt++] = prev = tg;
            /* no word's tag opens a sentence (sentence_initial): the next
             * word's tagging does not wait on this one's */
            initial = false;
            /* most words end at one space, which the loop would only step
             * over (outside a quoted segment) */
            i = e < next_open && e < len && s[e] == ' ' ? e + 1 : e;
            continue;
        }
        if (bc == BC_SPACE) {
            i++;
            continue;
        }
        if (bc == BC_NEWLINE) {
            /* blank lines do not count: paragraphs are numbered by content;
             * a paragraph ending in a colon introduces the quotation that
             * opens the next one ("Statement from the Ports Authority:") */
            bool introduces = prev == TAG_COLON && k < segs->count &&
                              text_is_blank(s, i, next_open);
            if (prev != TAG_PARA && prev != 0 && !introduces) {
                EMIT(i, i + 1, TAG_PARA, -1);
                para++;
            }
            i++;
            continue;
        }
        if (bc == BC_DOLLAR && i + 1 < len && is_digit(s[i + 1])) {
            size_t e = i + 1; /* "$15": a number */
            while (e < len && (is_digit(s[e]) || ((s[e] == ',' || s[e] == '.') && e + 1 < len &&
                                                  is_digit(s[e + 1]))))
                e++;
            EMIT(i, e, TAG_NUMBER, -1);
            i = e;
            continue;
        }
        if (c == '@' && i + 1 < len && ascii_word[s[i + 1]]) {
            /* "— @TomReyes": a social-media handle names someone */
            size_t e = i + 1;
            while (e < len && e < next_open && (ascii_word[s[e]] || s[e] == '_'))
                e++;
            EMIT(i, e, TAG_NAME, -1);
            i = e;
            continue;
        }
        size_t n;
        char tg = punct_tag(s, len, i, &n);
        if (tg)
            EMIT(i, i + n, tg, -1);
        i += n;
        /* a comma or a full stop is nearly always followed by a space,
         * which the loop would only step over (as after a word) */
        if (i < next_open && i < len && s[i] == ' ')
            i++;
    }
    tl->count = nt;
    tags[nt] = '\0'; /* grow_tokens keeps room for it */
#undef EMIT
#undef RESERVE
    preposition_to(text, items, tags, nt);
    return QUOTE_OK;
}

bool word_in(const work *w, size_t i, const char *const *list, size_t n)
{
    const token *k = &w->toks.items[i];
    size_t len = k->end - k->start;
    const char *word = w->text + k->start;
    /* (the first byte before strlen(): most entries differ there, and
     * this runs for every candidate, over lists of up to 26 words) */
    for (size_t j = 0; j < n; j++)
        if ((len == 0 || list[j][0] == word[0]) && strlen(list[j]) == len &&
            memcmp(word, list[j], len) == 0)
            return true;
    return false;
}

bool word_is(const work *w, size_t i, const char *word)
{
    return word_in(w, i, &word, 1);
}

bool word_among(const work *w, size_t i, const char *list)
{
    const token *k = &w->toks.items[i];
    size_t n = k->end - k->start;
    const char *word = w->text + k->start;
    /* one walk over the list, comparing only entries of the word's length
     * and first byte (no call per entry: this runs in inner loops) */
    for (const char *p = list;;) {
        const char *q = p;
        while (*q && *q != '|')
            q++;
        if ((size_t)(q - p) == n && p[0] == word[0] && memcmp(word, p, n) == 0)
            return true;
        if (!*q)
            return false;
        p = q + 1;
    }
}

bool word_ends_with(const work *w, size_t i, const char *sfx)
{
    const token *k = &w->toks.items[i];
    size_t n = k->end - k->start, m = strlen(sfx);
    return n > m && memcmp(w->text + k->end - m, sfx, m) == 0;
}

bool word_possessive(const work *w, size_t i)
{
    const token *k = &w->toks.items[i];
    if (is_possessive(w->text, k))
        return true;
    /* "Americans’ liberties": the apostrophe ended the word */
    const unsigned char *p = (const unsigned char *)w->text + k->end;
    size_t left = w->len - k->end;
    return k->end > k->start && w->text[k->end - 1] == 's' &&
           ((left >= 1 && p[0] == '\'') ||
            (left >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99));
}
