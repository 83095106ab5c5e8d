/* classify.c - what kind of quotation, if any, a quoted segment is.
 *
 * Headlines (the first paragraphs, before any body text), and the quoted
 * segments that are not speech: titles of works, nicknames, subheadings.
 */
#include <string.h>

#include "internal.h"

#define HEADLINE_PARAS 4 /* the first paragraphs that may be a headline */

/* Is the naming word at token k (a work's noun or a naming verb, `back`
 * tokens before the quote token qt) someone speaking about a thing rather
 * than naming it? */
static bool naming_is_speech(const work *w, size_t qt, size_t k, size_t back)
{
    const char *t = w->toks.tags;
    /* "X called the show “the news show of record”", "called the H1-B
     * program “...”": a naming verb with an object of its own (a noun
     * after a determiner, past two modifiers) is someone's words about it */
    size_t d = k;
    while (d > 0 && k - d < 2 && (t[d - 1] == TAG_NAME || t[d - 1] == TAG_WORD))
        d--;
    if (d >= 2 && t[d - 1] == TAG_DET && t[d - 2] == TAG_CUE &&
        (w->toks.items[d - 2].kinds & LEX_NONSPEECH))
        return true;
    /* "X called for “boots on the ground”": a demand, not a name */
    if (back == 2 && word_is(w, qt - 1, "for") && word_ends_with(w, k, "ed"))
        return true;
    /* "Rubio, who he dubbed “the little senator”": a naming verb with a
     * person for its subject is that person's words */
    return k >= 1 && (t[k] == TAG_CUE || word_ends_with(w, k, "ed")) &&
           (t[k - 1] == TAG_PRONOUN || t[k - 1] == TAG_NAME);
}

/* Does the content of g open with a lower-case verb: an auxiliary or
 * modal ("will cost jobs", "won't pass"), a cue, or a form in -s or -ed
 * opening a clause ("places an undue burden")?  Then it goes on its
 * sentence as the predicate of the noun before it - words said about that
 * noun, not its name. */
static bool opens_with_predicate(const work *w, const segment *g)
{
    const char *s = w->text;
    size_t i = g->start, j = i;
    while (j < g->end && j - i < 12 && ((s[j] >= 'a' && s[j] <= 'z') || s[j] == '\'' ||
                                         (unsigned char)s[j] >= 0x80))
        j++; /* (a word, apostrophes and non-ASCII letters included: "won’t") */
    if (j == i || s[i] < 'a' || s[i] > 'z')
        return false;
    if (lexicon_find_at(&w->ex->lex, s, w->len, i, j - i).lower & (LEX_AUXILIARY | LEX_CUE))
        return true;
    /* a verb in -s or -ed opening a clause of three words or more ("the
     * law “places an undue burden on voters”"); a term is shorter
     * ("the phrase “self-deportation”") */
    bool verb_form = j - i >= 4 && ((s[j - 1] == 's' && s[j - 2] != 's') ||
                                    (s[j - 1] == 'd' && s[j - 2] == 'e'));
    return verb_form && word_count(w, g, 3) >= 3;
}

/* looks_nonspeech(), "the bill “will cost jobs”" aside. */
static bool looks_nonspeech_at(const work *w, size_t qt)
{
    const char *t = w->toks.tags;
    /* “The Art of the Deal” by Donald Trump: a work and its author */
    size_t a = qt + 1;
    if (a < w->toks.count && t[a] == TAG_COMMA)
        a++;
    if (a + 1 < w->toks.count && t[a] == TAG_PREP && word_is(w, a, "by") &&
        (t[a + 1] == TAG_NAME || t[a + 1] == TAG_TITLE))
        return true;
    bool copula = false;
    for (size_t back = 1; back <= 2 && back <= qt; back++) {
        const token *p = &w->toks.items[qt - back];
        if (w->toks.tags[qt - back] == TAG_PARA || tag_ends_sentence(w->toks.tags[qt - back]))
            break;
        if ((p->kinds & LEX_NONSPEECH) && back == 1 && word_among(w, qt - 1, "goes|known|go"))
            break; /* "goes by", "known as" name; "he goes “back to war”" speaks */
        if (p->kinds & LEX_NONSPEECH) {
            if (naming_is_speech(w, qt, qt - back, back))
                return false;
            /* "the slogan was “Make America Great Again”" names; "the
             * bill was “dead on arrival”" judges, in someone's words */
            return !copula || looks_title(w, &w->segs.items[w->toks.items[qt].segment]);
        }
        if (w->toks.tags[qt - back] == TAG_AUX)
            copula = true;
        else if (w->toks.tags[qt - back] != TAG_PREP)
            break;
    }
    return false;
}

/* Does the quote look like a title or a nickname rather than speech? */
bool looks_nonspeech(const work *w, size_t qt)
{
    /* (the predicate test second: it looks a word up, and few quotations
     * follow a naming word) */
    return looks_nonspeech_at(w, qt) &&
           !opens_with_predicate(w, &w->segs.items[w->toks.items[qt].segment]);
}

/* A quotation in single marks that is a paragraph of its own. */
bool is_subheading(const work *w, size_t qt, const segment *g)
{
    const char *t = w->toks.tags;
    unsigned char m = (unsigned char)w->text[g->open];
    bool single = m == '\'' || (m == 0xE2 && (unsigned char)w->text[g->open + 2] == 0x98);
    bool alone = (qt == 0 || t[qt - 1] == TAG_PARA) &&
                 (qt + 1 >= w->toks.count || t[qt + 1] == TAG_PARA ||
                  (t[qt + 1] == TAG_END && (qt + 2 >= w->toks.count || t[qt + 2] == TAG_PARA)));
    return single && alone;
}

/* Title Case: every word of four letters or more is capitalised ("Roads to
 * Nowhere", "Make America Great Again"). */
bool looks_title(const work *w, const segment *g)
{
    const unsigned char *p = (const unsigned char *)w->text;
    size_t i = g->start;
    int long_words = 0;
    while (i < g->end) {
        while (i < g->end && (p[i] == ' ' || p[i] == '\n'))
            i++;
        size_t j = i;
        while (j < g->end && p[j] != ' ' && p[j] != '\n')
            j++;
        if (j - i >= 4) {
            lex_kinds k = lexicon_find(&w->ex->lex, w->text + i, j - i);
            bool function_word = (k.lower & (LEX_PREPOSITION | LEX_DETERMINER | LEX_CONJUNCTION |
                                             LEX_PRONOUN | LEX_AUXILIARY)) != 0;
            if (p[i] >= 'A' && p[i] <= 'Z')
                long_words++;
            else if (!function_word) /* "This Week with George ..." */
                return false;
        }
        i = j;
    }
    return long_words >= 2; /* one capitalised word is just a sentence start */
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Bit 7 set in exactly the bytes of x equal to c (no borrow between bytes). */
static inline uint64_t bytes_equal(uint64_t x, unsigned char c)
{
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t v = x ^ (c * 0x0101010101010101ull);
    return ~(((v & low7) + low7) | v) & ~low7;
}
#define WORD_COUNT_SWAR 1
#endif

int word_count(const work *w, const segment *g, int limit)
{
    int n = 0;
    bool in = false;
    size_t i = g->start;
    const unsigned char *p = (const unsigned char *)w->text;
#ifdef WORD_COUNT_SWAR
    /* Eight bytes at a time: a word starts at a byte that is not a space
     * after one that is (or after the start). */
    while (i < g->end && g->end - i >= 8 && n < limit) {
        uint64_t x;
        memcpy(&x, p + i, 8);
        uint64_t sp = bytes_equal(x, ' ') | bytes_equal(x, '\n') | bytes_equal(x, '\t');
        uint64_t word = ~sp & 0x8080808080808080ull;
        uint64_t word_before = (word << 8) | (in ? 0x80u : 0);
        n += __builtin_popcountll(word & ~word_before);
        in = (word >> 63) != 0;
        i += 8;
    }
    if (n >= limit)
        return limit;
#endif
    /* stop at the limit: a quotation may run to thousands of words, and
     * the callers only tell short ones apart */
    for (; i < g->end && n < limit; i++) {
        unsigned char c = p[i];
        bool sp = c == ' ' || c == '\n' || c == '\t';
        if (!sp && !in)
            n++;
        in = !sp;
    }
    return n;
}

/* Does the paragraph [s, e) read as body text: a sentence end before its
 * last token, or a speech cue in the past tense ("said", "added")?
 * Headlines use the present ("says") and often no full stop. */
bool is_body_para(const work *w, size_t s, size_t e)
{
    if (e - s > 40)
        return true;
    if (e > s && w->toks.tags[e - 1] == TAG_END) {
        /* a full stop at the end: body text unless in Title Case */
        size_t words = 0, caps = 0;
        for (size_t i = s; i < e; i++) {
            char c = w->toks.tags[i];
            if (strchr("NTIwrvaoDcxdCKPRte", c)) {
                words++;
                caps += c == TAG_NAME || c == TAG_TITLE || c == TAG_INITIAL;
            }
        }
        if (caps * 2 < words)
            return true;
    }
    for (size_t i = s; i < e; i++) {
        char c = w->toks.tags[i];
        if (c == TAG_END && i + 1 < e)
            return true;
        if (c == TAG_CUE) {
            const token *k = &w->toks.items[i];
            const char *p = w->text + k->start;
            size_t n = k->end - k->start;
            if (n > 2 && p[n - 2] == 'e' && p[n - 1] == 'd')
                return true;
            if ((n == 4 && memcmp(p, "said", 4) == 0) || (n == 4 && memcmp(p, "told", 4) == 0) ||
                (n == 5 && memcmp(p, "wrote", 5) == 0))
                return true;
        }
    }
    return false;
}

/* The number of leading headline paragraphs: those among the first
 * HEADLINE_PARAS that come before any body paragraph.  Computed once per
 * article, looking at no more than 41 tokens of each paragraph. */
int32_t headline_paragraphs(const work *w)
{
    if (w->flags & QUOTE_OPT_NO_HEADLINE)
        return 0;
    size_t s = 0, n = w->toks.count;
    for (int32_t p = 0; p < HEADLINE_PARAS && s < n; p++) {
        size_t e = s;
        while (e < n && w->toks.tags[e] != TAG_PARA && e - s <= 40)
            e++;
        if (is_body_para(w, s, e))
            return p;
        while (e < n && w->toks.tags[e] != TAG_PARA)
            e++; /* only reached for paragraphs of 40 tokens or fewer */
        s = e + 1;
    }
    return HEADLINE_PARAS;
}

void headline_cues(work *w)
{
    char *t = w->toks.tags;
    for (size_t i = 1; i < w->toks.count && w->toks.items[i].para < w->headlines; i++) {
        /* "Glenn Beck Says Trump ...", "Mayor Holm Slams Plan", "..., Mayor
         * Says": in a Title Case headline a capitalised cue in -s after a
         * name or a title is the verb, not part of the name; so is a
         * capitalised auxiliary after a name ("Ted Cruz Is ..."), unless it
         * is a given name itself ("Theresa May") */
        if (t[i] != TAG_NAME ||
            (t[i - 1] != TAG_NAME && t[i - 1] != TAG_INITIAL && t[i - 1] != TAG_TITLE))
            continue;
        const token *k = &w->toks.items[i];
        const char *p = w->text + k->start;
        size_t n = k->end - k->start;
        uint32_t lower = lexicon_find(&w->ex->lex, p, n).lower;
        if (n > 3 && p[n - 1] == 's' && (lower & LEX_CUE))
            t[i] = TAG_CUE;
        else if ((lower & LEX_AUXILIARY) && t[i - 1] != TAG_TITLE &&
                 !(k->kinds & (LEX_MALE | LEX_FEMALE)))
            t[i] = TAG_AUX;
    }
}
