/* names.c - the person names of an article and the entities they denote.
 *
 * A name occurrence is a run of tags  T* (o T)* [NI]+  : optional titles
 * ("Secretary of State") then capitalised words and initials ("Rex W").
 * Occurrences are merged into entities in text order: a later occurrence
 * joins an earlier entity when it shares the surname (last word) and, when
 * both have a first name, the first name too; a lone word may also be a
 * first-name reference ("Rex").  Genders must not clash (Mr vs Ms), so
 * `Ruth Lind` and `Mr Lind` stay apart.  The entity's canonical form is the
 * fullest name seen.
 *
 * Lookups go through a hash from word to the latest entity using it as a
 * surname or first name, with a bounded walk back, so the cost stays linear
 * even with 100,000 names.
 */
#include <string.h>

#include "internal.h"

/* SSE2 (every x86-64) looks for the tags that start a name sixteen at a
 * time (next_name_tag); elsewhere portable SWAR code does it eight at a
 * time. */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define NAMES_SSE2 1
#endif

#define MAX_NAME_WORDS 6
#define CHAIN_WALK 16

/* A name word: n bytes at p, in the article.  head holds its first bytes
 * (up to eight, zeros after them), so that two words - nearly every name
 * word has eight bytes or fewer - are compared without loading either. */
typedef struct wordref {
    const char *p;
    uint64_t head;
    uint32_t n;
} wordref;

/* n bytes of 0xFF then zeros, in memory order, at ff_then_zero + 8 - n */
static const unsigned char ff_then_zero[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* The first min(n, 8) bytes at p, zeros after them; the text ends at end:
 * one load, masked, when eight bytes are readable. */
static uint64_t head_bytes(const char *p, size_t n, const char *end)
{
    size_t m = n < 8 ? n : 8;
    uint64_t c = 0;
    if (end - p >= 8) {
        uint64_t mask;
        memcpy(&c, p, 8);
        memcpy(&mask, ff_then_zero + 8 - m, 8);
        return c & mask;
    }
    memcpy(&c, p, m);
    return c;
}

/* Are the bytes after the heads of two words of n bytes, n > 8, the
 * same?  Out of line, as the rare case: a call to memcmp inline would give
 * every caller of word_eq() a stack frame. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool same_tail(const char *a, const char *b, size_t n)
{
    return memcmp(a + 8, b + 8, n - 8) == 0;
}

/* Are the words a and b the same? */
static inline bool word_eq(wordref a, wordref b)
{
    return a.n == b.n && a.head == b.head && (a.n <= 8 || same_tail(a.p, b.p, a.n));
}

/* The length of the name word p (n bytes) without a possessive's ending:
 * "Trump's", "Sanders’s" are Trump, Sanders. */
static size_t without_possessive(const char *p, size_t n)
{
    if (n > 2 && p[n - 2] == '\'' && p[n - 1] == 's')
        return n - 2;
    if (n > 4 && memcmp(p + n - 4, "\xE2\x80\x99s", 4) == 0)
        return n - 4;
    return n;
}

/* The first and last words of a name (of its first MAX_NAME_WORDS), and
 * how many, without initials, suffixes and possessive 's: all that the
 * merging of names into entities looks at.  Kept for each entity's
 * fullest name too, so that each candidate of the walk in
 * names_collect() is compared without cutting its name into words again. */
typedef struct ent_words {
    wordref first, last;
    size_t count; /* 0 for a name of initials alone */
    wordref title; /* the title next to the name where it first had one (n 0: none) */
} ent_words;

static ent_words name_words(const work *w, size_t ts, size_t te)
{
    ent_words nw = {{NULL, 0, 0}, {NULL, 0, 0}, 0, {NULL, 0, 0}};
    const char *end = w->text + w->len;
    size_t k = 0;
    for (size_t i = ts; i < te && k < MAX_NAME_WORDS; i++) {
        if (w->toks.tags[i] != TAG_NAME)
            continue;
        /* a suffix is no surname: "Harry B. Harris Jr." is Harris (the
         * first byte and length first: this runs for every name word) */
        const token *tk = &w->toks.items[i];
        char c0 = w->text[tk->start];
        if (k > 0 && tk->end - tk->start <= 3 && (c0 == 'J' || c0 == 'S' || c0 == 'I') &&
            word_among(w, i, "Jr.|Jr|Sr.|Sr|II|III|IV"))
            continue;
        const char *p = w->text + tk->start;
        size_t n = without_possessive(p, tk->end - tk->start);
        nw.last = (wordref){p, head_bytes(p, n, end), (uint32_t)n};
        if (k++ == 0)
            nw.first = nw.last;
    }
    nw.count = k;
    return nw;
}

/* The gender a name occurrence gives its person: a title's ("Mrs"), else
 * that of the first given name - a word of the gendered name lists
 * followed by another name word ("Wells Fargo CEO John Stumpf": John; the
 * last word is a surname, whatever list it is on). */
static int gender_of(const work *w, size_t title_start, size_t ts, size_t te)
{
    for (size_t i = title_start; i < te; i++) {
        if (i >= ts && (w->toks.tags[i] != TAG_NAME || i + 1 == te))
            continue;
        uint32_t k = w->toks.items[i].kinds;
        if ((k & LEX_MALE) && !(k & LEX_FEMALE))
            return 1;
        if ((k & LEX_FEMALE) && !(k & LEX_MALE))
            return 2;
    }
    return 0;
}

bool entity_organisation(work *w, int e)
{
    entity *en = &w->ents[e];
    if (en->organisation < 0) {
        /* the last word of the fullest name, a possessive's ending off */
        const token *k = &w->toks.items[en->first_tok + en->ntok - 1];
        const char *p = w->text + k->start;
        size_t n = without_possessive(p, k->end - k->start);
        en->organisation = (lexicon_find(&w->ex->lex, p, n).lower & LEX_ORGANISATION) != 0;
    }
    return en->organisation > 0;
}

/* Does a name occurrence name a person?  It does with a gendered first
 * name, a title ("Sen.", "Mrs") or a person's role noun before it
 * ("finance minister Arjun Mehta", not "the law firm Wilson Sonsini"). */
static bool occurrence_is_person(const work *w, const name_occ *o)
{
    if (o->gender != 0)
        return true;
    /* (a title's complement - lexicon kind title-part - before a name of
     * its own makes no person: "the Vermont Democratic Party") */
    bool titled = o->title_start < o->tok_start &&
                  !(w->toks.items[o->tok_start - 1].kinds & LEX_TITLE_PART);
    return titled ||
           (o->title_start > 0 && w->toks.tags[o->title_start - 1] == TAG_ROLE &&
            !(w->toks.items[o->title_start - 1].kinds & LEX_ORGANISATION));
}

/* Is the quotation token i one capitalised word ("Cia" in Marcia “Cia”
 * Price), as a nickname inside a name is? */
static bool is_nickname(const work *w, size_t i)
{
    if (w->toks.items[i].para < w->headlines)
        return false;
    const segment *g = &w->segs.items[w->toks.items[i].segment];
    const unsigned char *p = (const unsigned char *)w->text;
    if (g->end <= g->start || g->end - g->start > 20 || p[g->start] < 'A' || p[g->start] > 'Z')
        return false;
    for (size_t k = g->start; k < g->end; k++)
        if (p[k] == ' ' || p[k] == '\n' || p[k] == ',' || p[k] == '.')
            return false;
    return true;
}

/* The first tag at or after i that can start a name occurrence (a title,
 * a name, an initial), or n.  Most tags are other words: the scan tests
 * sixteen (SSE2) or eight (SWAR) at a time, a data-dependent branch per
 * sixteen or eight tags rather than per tag.  tags[0, n) are readable. */
static size_t next_name_tag(const char *tags, size_t i, size_t n)
{
#ifdef NAMES_SSE2
    const __m128i title = _mm_set1_epi8(TAG_TITLE), name = _mm_set1_epi8(TAG_NAME);
    const __m128i initial = _mm_set1_epi8(TAG_INITIAL);
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(tags + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, title), _mm_cmpeq_epi8(v, name)),
                                   _mm_cmpeq_epi8(v, initial));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return i + (size_t)__builtin_ctz(mask);
    }
#endif
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F * ones;
    for (; n - i >= 8; i += 8) {
        uint64_t x;
        memcpy(&x, tags + i, 8);
        /* bit 7 of each byte of x equal to T, N or I (exact: no carry
         * crosses a byte, since the bytes are masked to seven bits) */
        uint64_t t = x ^ (TAG_TITLE * ones), m = x ^ (TAG_NAME * ones), c = x ^ (TAG_INITIAL * ones);
        uint64_t hit = ~(((t & low7) + low7) | t | low7) | ~(((m & low7) + low7) | m | low7) |
                       ~(((c & low7) + low7) | c | low7);
        if (hit)
            return i + (size_t)__builtin_ctzll(hit) / 8;
    }
#endif
    while (i < n && tags[i] != TAG_TITLE && tags[i] != TAG_NAME && tags[i] != TAG_INITIAL)
        i++;
    return i;
}

/* --- the word index: word -> latest entity with that surname / first name --- */

/* An open-addressing table of indexes into the array of its words: a
 * slot is 4 bytes (0 empty, else 1 + the word's index), as the table is
 * zeroed for every article; the words themselves are added in turn. */
typedef struct windex_word {
    wordref word;
    int32_t ent;
} windex_word;

typedef struct windex {
    uint32_t *slots;
    size_t mask;
    windex_word *words;
    size_t count;
} windex;

#define HASH_MUL 0x9E3779B97F4A7C15ull

/* h, with the bytes of word r after its head (r.n > 8) mixed in eight at
 * a time.  Out of line, as same_tail(). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static uint64_t hash_tail(wordref r, uint64_t h)
{
    for (size_t i = 8; i < r.n; i += 8) {
        size_t m = r.n - i < 8 ? r.n - i : 8;
        uint64_t c = 0;
        memcpy(&c, r.p + i, m);
        h = (h ^ c) * HASH_MUL;
    }
    return h;
}

/* Hash of a word: its head, then the rest of a long word (a loop per byte
 * ended with a mispredicted branch for most names). */
static inline uint32_t hash_word(wordref r)
{
    uint64_t h = (r.n ^ r.head) * HASH_MUL;
    if (r.n > 8)
        h = hash_tail(r, h);
    return (uint32_t)(h >> 32);
}

/* The slot of word r: the one that holds it, or the empty one where it
 * goes. */
static inline uint32_t *windex_slot(const windex *x, wordref r)
{
    size_t i = hash_word(r) & x->mask;
    while (x->slots[i] && !word_eq(x->words[x->slots[i] - 1].word, r))
        i = (i + 1) & x->mask;
    return &x->slots[i];
}

/* The entity of the word in slot, or -1 for an empty slot. */
static int windex_entity(const windex *x, const uint32_t *slot)
{
    return *slot ? x->words[*slot - 1].ent : -1;
}

/* Make ent the entity of word r, which goes in slot (windex_slot()). */
static void windex_set(windex *x, uint32_t *slot, wordref r, int ent)
{
    if (!*slot) {
        x->words[x->count].word = r;
        *slot = (uint32_t)++x->count;
    }
    x->words[*slot - 1].ent = ent;
}

/* The first given name inside the name run [ts, te) that opens a name of
 * its own: after a capitalised word that is no given name, before a
 * surname.  SIZE_MAX for none - and for a run in capitals ("TURNS OUT
 * EDGAR ALLEN POE") or ending in an organisation noun ("Trayvon Martin
 * Foundation"). */
static size_t given_name_inside(const work *w, size_t ts, size_t te)
{
    const char *tags = w->toks.tags;
    for (size_t f = ts + 1; f + 1 < te; f++) {
        if (tags[f] != TAG_NAME || tags[f - 1] != TAG_NAME || tags[f + 1] != TAG_NAME ||
            !(w->toks.items[f].kinds & (LEX_MALE | LEX_FEMALE)) ||
            (w->toks.items[f - 1].kinds & (LEX_MALE | LEX_FEMALE)))
            continue;
        const token *k = &w->toks.items[f], *last = &w->toks.items[te - 1];
        const char *p = w->text + k->start;
        if (k->end - k->start > 1 && p[1] >= 'A' && p[1] <= 'Z')
            return SIZE_MAX;
        if (lexicon_find(&w->ex->lex, w->text + last->start, last->end - last->start).lower &
            LEX_ORGANISATION)
            return SIZE_MAX;
        return f;
    }
    return SIZE_MAX;
}

int names_collect(work *w)
{
    const char *tags = w->toks.tags;
    size_t n = w->toks.count;
    const quote_allocator *a = w->a;
    w->nnames = 0;

    /* Pass 1: occurrences.  (About one token in thirteen is a name:
     * reserve that much at once, not in doublings from 16.) */
    if (!qa_reserve(a, (void **)&w->names, &w->names_cap, sizeof(name_occ), n / 8 + 16))
        return QUOTE_ENOMEM;
    /* the most words pass 2 may index: a surname per occurrence, and a
     * first name when it has two name words */
    size_t keys = 0;
    for (size_t i = next_name_tag(tags, 0, n); i < n; i = next_name_tag(tags, i, n)) {
        size_t title_start = i, j = i;
        while (j < n && (tags[j] == TAG_TITLE ||
                         (tags[j] == TAG_PREP && j > i && tags[j - 1] == TAG_TITLE &&
                          j + 1 < n && tags[j + 1] == TAG_TITLE)))
            j++;
        size_t ts = j, name_toks = 0;
        while (j < n) {
            if (tags[j] == TAG_NAME && name_toks > 0 && ends_possessive(w, j - 1))
                break; /* "NBC’s Chuck Todd": the possessor is a name of its own */
            if (tags[j] == TAG_NAME || tags[j] == TAG_INITIAL)
                name_toks += tags[j] == TAG_NAME;
            else if (!(tags[j] == TAG_QUOTE && j > ts && j + 1 < n &&
                       tags[j + 1] == TAG_NAME && is_nickname(w, j)))
                break; /* (a nickname between given name and surname is
                          part of the name: Marcia “Cia” Price; not in a
                          Title Case headline: I Am ‘Horrified’ By ...) */
            j++;
        }
        if (name_toks > 2 && name_toks <= 6) {
            /* "Army Ranger Daniel Okafor", "Democrat Hillary Clinton": the
             * capitalised words before a given name that opens a name of
             * its own (a surname after it) are the person's modifiers, like
             * titles; "Carly Fiorina Endorses Ted Cruz": when one of them is
             * a given name too, they are another person's name */
            size_t f = given_name_inside(w, ts, j);
            if (f != SIZE_MAX) {
                bool another = false;
                for (size_t m = ts; m < f && !another; m++)
                    another = (w->toks.items[m].kinds & (LEX_MALE | LEX_FEMALE)) != 0;
                if (another) {
                    j = f;
                } else {
                    ts = f;
                }
                name_toks = 0;
                for (size_t m = ts; m < j; m++)
                    name_toks += tags[m] == TAG_NAME;
            }
        }
        if (name_toks) {
            keys += name_toks > 1 ? 2 : 1;
            /* (the capacity test inline: qa_reserve is a call per name) */
            if (w->nnames == w->names_cap &&
                !qa_reserve(a, (void **)&w->names, &w->names_cap, sizeof(name_occ), w->nnames + 1))
                return QUOTE_ENOMEM;
            name_occ *o = &w->names[w->nnames++];
            o->title_start = title_start;
            o->tok_start = ts;
            o->tok_end = j;
            o->entity = -1;
            o->gender = gender_of(w, title_start, ts, j);
        }
        i = j; /* > i: tags[i] is a title, a name or an initial */
    }

    /* Pass 2: entities. */
    windex x;
    /* at most half full (the table is zeroed for every article: its size
     * follows the words it may hold, not the occurrences times two) */
    size_t size = 64;
    while (size < keys * 2 + 64)
        size *= 2;
    x.slots = qa_calloc(a, size, sizeof *x.slots);
    x.mask = size - 1;
    /* (an occurrence adds its surname and, with two name words, its
     * first name: keys words at most) */
    x.words = qa_malloc(a, (keys ? keys : 1) * sizeof *x.words);
    x.count = 0;
    ent_words *ewords = NULL; /* parallel to w->ents, which start empty here */
    size_t ewords_cap = 0;
    int rc = QUOTE_OK;
    /* At most one entity per occurrence: room for them all at once, not
     * in doublings from 16 (each a copy). */
    if (!x.slots || !x.words ||
        !qa_reserve(a, (void **)&w->ents, &w->ents_cap, sizeof(entity), w->nents + w->nnames) ||
        !qa_reserve(a, (void **)&ewords, &ewords_cap, sizeof(ent_words), w->nents + w->nnames)) {
        rc = QUOTE_ENOMEM;
        goto out;
    }
    /* A Title Case headline makes a name of every word ("Trump Says He’s
     * Unlikely"): the body's occurrences come first, so that the
     * headline's do not become anyone's fullest name. */
    size_t body_from = 0;
    while (body_from < w->nnames && w->toks.items[w->names[body_from].tok_start].para < w->headlines)
        body_from++;
    for (size_t step = 0; step < w->nnames; step++) {
        size_t k = body_from + step < w->nnames ? body_from + step : body_from + step - w->nnames;
        name_occ *o = &w->names[k];
        ent_words ow = name_words(w, o->tok_start, o->tok_end);
        size_t on = ow.count;
        if (on == 0)
            continue;
        bool titled = o->title_start < o->tok_start;
        if (titled) {
            const token *tt = &w->toks.items[o->tok_start - 1];
            const char *tp = w->text + tt->start;
            size_t tn = tt->end - tt->start;
            ow.title = (wordref){tp, head_bytes(tp, tn, w->text + w->len), (uint32_t)tn};
        }
        int found = -1, same_title = -1;
        /* Candidates: entities whose surname is our surname, or (for a
         * lone word) whose first name it is. */
        uint32_t *slot = windex_slot(&x, ow.last);
        int latest = windex_entity(&x, slot), e = latest;
        for (int walk = 0; e >= 0 && walk < CHAIN_WALK; walk++) {
            entity *en = &w->ents[e];
            const ent_words *ew = &ewords[e];
            bool same_last = ew->count > 0 && word_eq(ew->last, ow.last);
            bool first_ref = on == 1 && ew->count > 1 && word_eq(ew->first, ow.first);
            bool firsts_ok = on == 1 || ew->count == 1 || word_eq(ew->first, ow.first);
            if ((same_last || first_ref) && firsts_ok &&
                entity_gender_compatible(en->gender, o->gender)) {
                if (on == 1 && titled) {
                    /* A titled surname is the latest candidate named with
                     * the same title, else the latest ("Former President
                     * George Bush ... Laura Bush ... President Bush"). */
                    if (found < 0)
                        found = e;
                    if (ew->title.n && word_eq(ew->title, ow.title)) {
                        same_title = e;
                        break;
                    }
                } else if (found < 0 || en->mentions > w->ents[found].mentions) {
                    found = e;
                    /* A lone surname is the person most named with it so
                     * far ("Carly Fiorina ... her husband, Frank Fiorina
                     * ... Fiorina said"): a relative or a namesake is
                     * named in full.  A fuller name: the latest candidate. */
                    if (on > 1)
                        break;
                }
            }
            e = en->chain;
        }
        if (same_title >= 0)
            found = same_title;
        if (found < 0) {
            if ((w->nents == w->ents_cap &&
                 !qa_reserve(a, (void **)&w->ents, &w->ents_cap, sizeof(entity), w->nents + 1)) ||
                (w->nents == ewords_cap &&
                 !qa_reserve(a, (void **)&ewords, &ewords_cap, sizeof(ent_words), w->nents + 1))) {
                rc = QUOTE_ENOMEM;
                goto out;
            }
            found = (int)w->nents++;
            entity *en = &w->ents[found];
            memset(en, 0, sizeof *en);
            en->first_tok = o->tok_start;
            en->ntok = (uint32_t)(o->tok_end - o->tok_start);
            en->gender = o->gender;
            en->organisation = -1;
            en->person = occurrence_is_person(w, o);
            en->mentions = 1;
            en->chain = latest;
            ewords[found] = ow;
            windex_set(&x, slot, ow.last, found);
            if (on > 1) {
                /* Index the first name too, for "Rex" alone. */
                uint32_t *fs = windex_slot(&x, ow.first);
                if (!*fs)
                    windex_set(&x, fs, ow.first, found);
            }
        } else {
            entity *en = &w->ents[found];
            if (!ewords[found].title.n)
                ewords[found].title = ow.title;
            if (on > ewords[found].count) { /* a fuller form: it becomes the canonical one */
                en->first_tok = o->tok_start;
                en->ntok = (uint32_t)(o->tok_end - o->tok_start);
                ow.title = ewords[found].title;
                ewords[found] = ow;
                en->organisation = -1;
            }
            if (!en->gender)
                en->gender = o->gender;
            if (!en->person)
                en->person = occurrence_is_person(w, o);
            en->mentions++;
        }
        o->entity = found;
    }
    /* The byte span of each entity's fullest name, initials trimmed. */
    for (size_t e = 0; e < w->nents; e++) {
        entity *en = &w->ents[e];
        size_t s = en->first_tok, t = en->first_tok + en->ntok;
        while (s < t && w->toks.tags[s] == TAG_INITIAL)
            s++;
        while (t > s && w->toks.tags[t - 1] == TAG_INITIAL)
            t--;
        if (s == t) {
            s = en->first_tok;
            t = en->first_tok + en->ntok;
        }
        en->name_start = w->toks.items[s].start;
        en->name_end = w->toks.items[t - 1].end;
        /* drop a possessive */
        en->name_end = en->name_start + without_possessive(w->text + en->name_start,
                                                           en->name_end - en->name_start);
    }
out:
    qa_free(a, x.slots);
    qa_free(a, x.words);
    qa_free(a, ewords);
    return rc;
}
