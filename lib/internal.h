/*
 * internal.h - private declarations shared by the library's source files.
 *
 * Pipeline of one quote_extract() call (extractor.c drives it):
 *   utf8.c      validate the text (or mask invalid bytes in lenient mode)
 *   scan.c      find quotation marks (markup tags with PCRE2) and pair them
 *               into segments
 *   tokens.c    cut the text into word tokens, one tag letter per token;
 *               each quoted segment becomes a single 'Q'/'q' token
 *   names.c     collect the person names of the article (the entity table)
 *   attribute.c run the attribution layouts (PCRE2 patterns over the tag
 *               string, patterns.c) around each quote and choose one
 *   classify.c  headlines, and quoted titles and headings that are not speech
 *   mention.c   cut a layout's speaker region down to the mention
 *   speaker.c   resolve mentions (pronouns, partial names) to entities
 *   result.c    the caller-visible result object
 */
#ifndef LIBQUOTE_INTERNAL_H
#define LIBQUOTE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "libquote.h"

/* ---- alloc.c: every allocation goes through the extractor's allocator ---- */

void *qa_malloc(const quote_allocator *a, size_t n);
void *qa_calloc(const quote_allocator *a, size_t count, size_t size);
void qa_free(const quote_allocator *a, void *p);
/* Grow *items (of elem bytes each) so that it holds at least `need`;
 * *cap is updated.  Returns false (leaving *items intact) on failure. */
bool qa_reserve(const quote_allocator *a, void **items, size_t *cap, size_t elem, size_t need);
char *qa_strndup(const quote_allocator *a, const char *s, size_t n);

/* A growable byte buffer (explanations, canonical names). */
typedef struct qbuf {
    char *data;
    size_t len, cap;
} qbuf;
bool qbuf_printf(const quote_allocator *a, qbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ---- error.c ---- */

/* Fill err (if non-NULL) and return code. */
int q_fail(quote_error *err, int code, size_t offset, const char *detail);

/* ---- utf8.c ---- */

/* Returns the offset of the first invalid byte, or len when all is valid. */
size_t utf8_first_invalid(const unsigned char *s, size_t len);
/* Copy s into dst replacing each byte of an invalid sequence by 0x1A
 * (a non-letter control), keeping every offset. */
void utf8_mask_invalid(const unsigned char *s, size_t len, unsigned char *dst);
/* Decode the code point at s[i] (valid UTF-8 assumed); *n gets its length. */
uint32_t utf8_decode(const unsigned char *s, size_t len, size_t i, size_t *n);

/* ---- lexicon.c: word classes, kept as data (lib/data) ---- */

enum lex_kind {
    LEX_CUE = 1u << 0,
    LEX_TITLE = 1u << 1,
    LEX_ROLE = 1u << 2,
    LEX_MALE = 1u << 3,
    LEX_FEMALE = 1u << 4,
    LEX_NONSPEECH = 1u << 5,
    LEX_DETERMINER = 1u << 6,
    LEX_PRON_MALE = 1u << 7,
    LEX_PRON_FEMALE = 1u << 8,
    LEX_PRON_PLURAL = 1u << 9,
    LEX_PRON_NEUTER = 1u << 10,
    LEX_PRON_FIRST = 1u << 11,
    LEX_CONJUNCTION = 1u << 12,
    LEX_AUXILIARY = 1u << 13,
    LEX_ADVERB = 1u << 14,
    LEX_PREPOSITION = 1u << 15,
    LEX_RELATIVE = 1u << 16,
    LEX_TIME = 1u << 17,
    LEX_STOP = 1u << 18,
    LEX_ACCORDING = 1u << 19,
    LEX_CUE_HEAD = 1u << 20, /* first word of a two-word cue */
    LEX_ABBREVIATION = 1u << 21,
    LEX_NUMBER = 1u << 22, /* number words: "Fifteen minutes later" */
    LEX_SPEECH_NOUN = 1u << 23, /* "remark", "claim": what a possessor said */
    LEX_PLAIN = 1u << 24, /* an open-class word whatever its suffix: "family" */
    LEX_ORGANISATION = 1u << 25, /* a role naming no person: "firm", "report" */
    LEX_TITLE_PART = 1u << 26,   /* a title that completes others: "Police", "Democratic" */
    LEX_DEMONYM = 1u << 27       /* a nationality or language: "Russian", alone no person */
};
#define LEX_PRONOUN (LEX_PRON_MALE | LEX_PRON_FEMALE | LEX_PRON_PLURAL | LEX_PRON_NEUTER | LEX_PRON_FIRST)

/* Entries are keyed by their ASCII lower-case form; an entry written with
 * a capital ("President") and one written in lower case ("president") are
 * kept apart as the `upper` and `lower` kinds of one key, so a single probe
 * answers both the exact and the case-folded question. */
typedef struct lex_entry {
    char *word; /* owned, NUL-terminated, lower-cased */
    uint64_t key8; /* for words of at most 8 bytes: the word, zero-padded */
    uint32_t len;
    uint32_t hash;
    uint32_t lower; /* kinds of entries written in lower case */
    uint32_t upper; /* kinds of entries written with a capital letter */
} lex_entry;

/* One bit per value of the top 16 bits of an entry's hash: a lookup whose
 * bit is clear is not in the lexicon, without touching the table.  About
 * half the words of news are in no lexicon; the filter (8 KiB) stays in
 * the L1 cache, the table (one slot per 32 bytes) does not. */
#define LEX_FILTER_BITS (1u << 16)

typedef struct lexicon {
    lex_entry *slots; /* open addressing, power-of-two size */
    size_t mask;
    size_t count;
    uint64_t filter[LEX_FILTER_BITS / 64];
} lexicon;

typedef struct lex_kinds {
    uint32_t lower, upper;
} lex_kinds;

#define LEX_MAX_WORD 64 /* longest entry, in bytes */

/* Parse lexicon text (see quote_options.lexicon) into lx.  default_kind is
 * used before the first [kind] line (0: entries before one are an error). */
int lexicon_load(const quote_allocator *a, lexicon *lx, const char *text, size_t len,
                 uint32_t default_kind, quote_error *err);
void lexicon_free(const quote_allocator *a, lexicon *lx);
/* The kinds of a word, looked up without regard to ASCII case. */
lex_kinds lexicon_find(const lexicon *lx, const char *w, size_t n);
/* The same for the n bytes at text + start, where text has len readable
 * bytes: the tokenizer's lookup, which may read past the word (not past
 * len) to fold it in one go. */
lex_kinds lexicon_find_at(const lexicon *lx, const char *text, size_t len, size_t start, size_t n);
/* The entry of that word (as lexicon_find_at), or NULL when it has none;
 * *tail_lower tells whether the bytes of the word after its first are
 * those of the entry (lower case): whether the word is spelled as the
 * entry, give or take a capital first letter. */
const lex_entry *lexicon_entry_at(const lexicon *lx, const char *text, size_t len, size_t start,
                                  size_t n, bool *tail_lower);

/* ---- scan.c: quotation marks and quoted segments ---- */

typedef struct segment {
    size_t open;      /* offset of the opening mark */
    size_t start;     /* content start (after the mark and inner spaces) */
    size_t end;       /* content end */
    size_t close_end; /* offset after the closing mark (== end when unclosed) */
    bool closed;
    bool multi_paragraph;
    char final_punct; /* last punctuation inside the content: ',' '.' '?' '!' or 0 */
} segment;

typedef struct segment_list {
    segment *items;
    size_t count, cap;
} segment_list;

struct quote_extractor;
int scan_segments(const struct quote_extractor *ex, pcre2_match_data *md, const char *text,
                  size_t len, segment_list *out, quote_error *err);

/* ---- tokens.c: the token stream and its tag string ---- */

/* Tag letters: the alphabet of the attribution patterns (patterns.c). */
enum {
    TAG_CUE = 'C',
    TAG_PARTICIPLE = 'K', /* a cue in -ing: "saying", "adding" */
    TAG_PRONOUN = 'P',
    TAG_TITLE = 'T',
    TAG_ROLE = 'r',
    TAG_NAME = 'N',       /* capitalised word not otherwise classed */
    TAG_INITIAL = 'I',    /* single capital letter, with or without '.' */
    TAG_DET = 'D',
    TAG_CONJ = 'c',
    TAG_AUX = 'v',
    TAG_ADVERB = 'a',
    TAG_PREP = 'o',
    TAG_RELATIVE = 'R',
    TAG_TIME = 'e',
    TAG_STOP = 'x',
    TAG_THAT = 't',
    TAG_ACCORDING = 'G',
    TAG_WORD = 'w',
    TAG_NUMBER = 'd',
    TAG_COMMA = ',',
    TAG_COLON = ':',
    TAG_END = '.',        /* sentence end: . ! ? ; */
    TAG_DASH = '-',
    TAG_LPAREN = '(',
    TAG_RPAREN = ')',
    TAG_QUOTE_END = 'Q',  /* quoted segment whose content ends a sentence */
    TAG_QUOTE = 'q',      /* quoted segment continuing the sentence */
    TAG_PARA = '|',       /* paragraph break */
    TAG_OTHER = 'y'
};

typedef struct token {
    uint32_t start, end; /* byte span */
    uint32_t kinds;      /* lexicon kinds of the word */
    int32_t segment;     /* index into the segment list for quote tokens, else -1 */
    int32_t para;        /* paragraph number */
} token;

typedef struct token_list {
    token *items;
    char *tags; /* one tag letter per token, NUL-terminated */
    size_t count, cap;
} token_list;

int tokenize(const struct quote_extractor *ex, const char *text, size_t len,
             const segment_list *segs, token_list *out, quote_error *err);
/* The tags of the lexicon's entries that do not depend on the words
 * around them (see tokens.c): four per slot of ex->lex, for the entry
 * spelled in lower case or capitalised, mid-sentence or sentence-initial.
 * Built once the lexicon is complete; *out is freed with qa_free. */
int word_tags_build(const quote_allocator *a, const lexicon *lx, char **out);

/* The QUOTE_E* code of a failed pcre2_match(). */
int q_pcre_status(int rc);

/* Does a tag end a sentence? */
static inline bool tag_ends_sentence(char t)
{
    return t == TAG_END || t == TAG_PARA || t == TAG_QUOTE_END;
}

/* A bit for a tag letter, for sets of tags in a uint64_t: the tags in use
 * map to distinct bits (their low six bits differ), and a collision would
 * only make a set test answer "maybe". */
static inline uint64_t tag_bit(char t)
{
    return (uint64_t)1 << ((unsigned char)t & 63);
}

/* The tag_bit() set of the tags in tags[from, to). */
static inline uint64_t tag_set(const char *tags, size_t from, size_t to)
{
    uint64_t set = 0;
    for (size_t i = from; i < to; i++)
        set |= tag_bit(tags[i]);
    return set;
}

/* ---- the compiled extractor ---- */

enum layout_id {
    LAYOUT_TRAIL_CUE,       /* "Q," X said */
    LAYOUT_TRAIL_INVERTED,  /* "Q," said X */
    LAYOUT_TRAIL_ACCORDING, /* "Q," according to X */
    LAYOUT_TRAIL_ACCORDING_FAR, /* "Q," Y said, according to X (X is the source) */
    LAYOUT_TRAIL_REPORTS,   /* "Q," Y said, reports X (X is the source) */
    LAYOUT_TRAIL_AS,        /* "Q," as X said */
    LAYOUT_TRAIL_DASH,      /* "Q." - X */
    LAYOUT_TRAIL_VERB,      /* "Q," X retaliated. (a verb the lexicon lacks) */
    LAYOUT_TRAIL_FAR,       /* "Q" that ..., X said. */
    LAYOUT_TRAIL_FAR_INVERTED, /* "Q" that ..., said X. */
    LAYOUT_TRAIL_VERB_INVERTED, /* "Q!" beamed X. */
    LAYOUT_LEAD_CUE,        /* X said: "Q" */
    LAYOUT_LEAD_AS,         /* as X observed, ... "Q" */
    LAYOUT_LEAD_INVERTED,   /* Said X, "Q" */
    LAYOUT_LEAD_WITH,       /* ..., with X tweeting that "Q" */
    LAYOUT_LEAD_ACCORDING,  /* according to X, "Q" */
    LAYOUT_LEAD_RELATIVE,   /* X, who said ... "Q" */
    LAYOUT_LEAD_COORD,      /* X ... and then added: "Q" */
    LAYOUT_LEAD_PARTIAL,    /* X said that ... "Q" ... */
    LAYOUT_LEAD_SUBJECT,    /* X <any verb> ... "Q": the subject of the sentence */
    LAYOUT_LEAD_COLON,      /* X and Y: "Q" */
    LAYOUT_LEAD_SOURCE,     /* From the report: "Q" */
    LAYOUT_LEAD_ASIDE_INVERTED, /* Y, says X, is "Q" */
    LAYOUT_LEAD_ASIDE,      /* Y, he said, is "Q" */
    LAYOUT_LEAD_CLAUSE,     /* ..., while X proposed we "Q" */
    LAYOUT_LEAD_POSSESSIVE, /* ... her remark that "Q" */
    LAYOUT_HEADLINE,        /* X: "Q" / X on Y: "Q" */
    LAYOUT_HEADLINE_SUBJECT, /* X Praises Y: "Q" */
    LAYOUT_SENTENCE_CUE,    /* a sentence without quotation: X said ... */
    LAYOUT_COUNT
};

/* Where a layout pattern is run relative to the quote token. */
enum layout_site { SITE_TRAILER, SITE_LEADIN, SITE_PARAGRAPH, SITE_SENTENCE };

struct quote_extractor {
    quote_allocator alloc;
    lexicon lex;
    char *word_tags; /* word_tags_build() of lex */
    pcre2_general_context *gctx;
    pcre2_match_context *mctx;
    pcre2_code *markup;                 /* a markup tag, anchored (scan.c) */
    pcre2_code *layouts[LAYOUT_COUNT];  /* over the tag string */
    /* For the layouts with a run (layout_info.run): the same pattern
     * anchored, for layout_match() to try at the starts it picks; else NULL */
    pcre2_code *anchored[LAYOUT_COUNT];
    bool markup_jit, layout_jit[LAYOUT_COUNT]; /* JIT-compiled (see q_match) */
    bool anchored_jit[LAYOUT_COUNT];
    uint64_t layout_run[LAYOUT_COUNT]; /* tag_bit() set of layout_info.run */
    uint64_t layout_run_next[LAYOUT_COUNT]; /* and of layout_info.run_next */
    int group_m[LAYOUT_COUNT];          /* capture group numbers of (?<m>) */
    int group_c[LAYOUT_COUNT];          /* (?<c>), or -1 */
    /* PCRE2_INFO_MINLENGTH of each layout: a window shorter than that
     * cannot match (half the quotations open their sentence, and a lead-in
     * window of the quote token alone matches none of the layouts). */
    uint32_t layout_min[LAYOUT_COUNT];
    uint64_t layout_needs[LAYOUT_COUNT];    /* tag_bit() set of layout_info.needs */
    uint64_t layout_requires[LAYOUT_COUNT]; /* and of layout_info.requires */
    uint32_t match_limit, depth_limit;
};

/* pcre2_match(), but straight into the pattern's JIT code when it has some
 * (jit): pcre2_match() checks its arguments before it gets there, which
 * costs more than most layout matches themselves.  Both give the same
 * result; an option the JIT code lacks falls back to the interpreter. */
static inline int q_match(const pcre2_code *re, bool jit, PCRE2_SPTR subject, PCRE2_SIZE len,
                          PCRE2_SIZE start, uint32_t options, pcre2_match_data *md,
                          pcre2_match_context *mc)
{
    if (jit) {
        int rc = pcre2_jit_match(re, subject, len, start, options, md, mc);
        if (rc != PCRE2_ERROR_JIT_BADOPTION)
            return rc;
    }
    return pcre2_match(re, subject, len, start, options, md, mc);
}

/* How a layout's (?<m>) region becomes the mention. */
enum mention_rule {
    MENTION_NARROW,    /* mention.c narrows the region (appositives, intros) */
    MENTION_NP,        /* the noun phrase the region starts with */
    MENTION_NP_QUOTE,  /* that noun phrase, which may run up to the quote */
    MENTION_NP_WINDOW, /* that noun phrase, which may run to the window's end */
    MENTION_KEEP       /* the layout's own code has set the mention */
};

typedef struct layout_info {
    const char *name;    /* rule name reported to the user */
    const char *pattern; /* PCRE2 pattern over the tag string */
    enum layout_site site;
    double confidence;   /* base confidence of an attribution by this layout */
    bool main_clause;    /* its speaker becomes the focus for later pronouns */
    /* Tags of which one at least must occur in the window for the pattern
     * to match (NULL: no such tag): a test of the window's tag set saves a
     * PCRE2 call (layout_may_match()). */
    const char *needs;
    /* When not 0, that tag must occur among the first `within` tags of a
     * trailer window (which starts at the quote token) or the last `within`
     * of a lead-in window (which ends at it), because the pattern puts it
     * there: `^[Qq],?x` has its x among the first 3. */
    unsigned within;
    /* Tags that must all occur in the window (NULL: none), another cheap
     * test: trailing-clause-inverted has a comma before its cue. */
    const char *requires;
    enum mention_rule mention;
    /* The word that must stand just before the region ("as X said", "with X
     * saying"), or NULL: the tag string cannot tell "as" from "if". */
    const char *word_before;
    /* The words the cue must be ("reports X"), '|'-separated, or NULL. */
    const char *cue_words;
    /* Tags of which every match not at the window's start opens with 1 to
     * run_max, then goes on with a tag outside them ("NPP{1,12}" before a
     * cue or a comma), or NULL.  Such a match takes the whole rest of the
     * run of those tags it starts in, and what it matches after the run
     * does not depend on where in the run it started: if it matches from
     * anywhere in a run, it matches from the run's first tag or run_max
     * tags before its end, whichever is later - the leftmost start, the
     * one PCRE2 reports.  layout_match() tries those starts alone, instead
     * of every tag of the window. */
    const char *run;
    unsigned run_max;
    /* With a run: the tags such a match can go on with after it (the
     * opening of what follows the noun phrase in the pattern).  A run
     * followed by any other tag, or ending the window, starts no match, and
     * layout_match() does not call PCRE2 for it; nor for a run after the
     * window's last needs tag, which every such match holds after its run
     * (the run tags are no needs tags). */
    const char *run_next;
} layout_info;

extern const layout_info quote_layouts[LAYOUT_COUNT];

/* The cheap tests that rule a layout out before PCRE2 runs (the window's
 * length; its needs, within and requires tags) over the window tags[0, n),
 * whose tag_set() is present or a superset of it.  False only when the
 * layout's pattern cannot match there.  Inline: attribute.c asks it some
 * 25 times per quotation. */
static inline bool layout_may_match(const struct quote_extractor *ex, int layout,
                                    const char *tags, size_t n, uint64_t present)
{
    const layout_info *li = &quote_layouts[layout];
    if (n < ex->layout_min[layout])
        return false;
    if (li->needs && !(present & ex->layout_needs[layout]))
        return false;
    if ((present & ex->layout_requires[layout]) != ex->layout_requires[layout])
        return false;
    if (li->needs && li->within && n > li->within) {
        size_t lo = li->site == SITE_TRAILER ? 0 : n - li->within;
        if (!(tag_set(tags, lo, lo + li->within) & ex->layout_needs[layout]))
            return false;
    }
    return true;
}

/* Match a layout's pattern over the window tags[0, n), as pcre2_match()
 * does from its start (the same result, ovector in md), but through the
 * starts its run allows when it has one (layout_info.run). */
int layout_match(const struct quote_extractor *ex, int layout, const char *tags, size_t n,
                 pcre2_match_data *md);

/* ---- attribution: per-call working state ---- */

typedef struct entity {
    size_t name_start, name_end; /* byte span of the fullest name seen */
    size_t first_tok;            /* first occurrence (token index) */
    uint32_t ntok;               /* tokens in the fullest name */
    int gender;                  /* 0 unknown, 1 male, 2 female, 3 plural/organisation */
    bool person;                 /* see entity_person() */
    signed char organisation;    /* a name ending in an organisation noun ("Pirate Party",
                                    "Judiciary Committee"), never a person: 1, else 0;
                                    -1 until entity_organisation() asks */
    uint32_t mentions;           /* name occurrences so far (names.c) */
    int chain;                   /* previous entity with the same surname, or -1 */
    size_t desc_start, desc_end; /* for descriptions ("a spokesman"): the text */
} entity;

typedef struct name_occ {
    size_t tok_start, tok_end; /* the name proper, titles excluded */
    size_t title_start;        /* first title token (== tok_start without one) */
    int entity;
    int gender;
} name_occ;

typedef struct attribution {
    int layout;                /* enum layout_id, or -1 */
    size_t m_start, m_end;     /* mention tokens */
    size_t cue;                /* cue token or SIZE_MAX */
    int entity;
    quote_kind kind;
    double confidence;
    const char *rule;
    bool main_clause;          /* the speaker becomes the focus for pronouns */
} attribution;

typedef struct work {
    const struct quote_extractor *ex;
    const quote_allocator *a;
    const char *text;
    size_t len;
    uint32_t flags;
    pcre2_match_data *md;
    segment_list segs;
    token_list toks;
    name_occ *names;
    size_t nnames, names_cap;
    entity *ents;
    size_t nents, ents_cap;
    attribution *attr; /* one per segment */
    size_t attr_cap;
    qbuf *explain;     /* one per segment with QUOTE_OPT_EXPLAIN, else NULL */
    int32_t headlines; /* paragraphs of the headline (headline_paragraphs()),
                          known before names_collect() */
} work;

int names_collect(work *w);
/* Genders (0 unknown, 1 male, 2 female, 3 plural) agree when either is
 * unknown or both are the same. */
static inline bool entity_gender_compatible(int a, int b)
{
    return a == 0 || b == 0 || a == b;
}
int attribute_all(work *w, quote_error *err);
/* Resolve a mention (token range) to an entity; returns the entity index
 * or -1; may add an entity.  Negative QUOTE_E* codes on failure are
 * reported through *status. */
int speaker_resolve(work *w, size_t m_start, size_t m_end, int focus, int *status);
/* The same for a mention that does not speak itself but hints at whom a
 * pronoun means: a name it resolves to is not thereby a person. */
int speaker_hint(work *w, size_t m_start, size_t m_end, int focus, int *status);

/* Is token i of the work area one of the n words of list / the word w? */
bool word_in(const work *w, size_t i, const char *const *list, size_t n);
bool word_is(const work *w, size_t i, const char *word);
/* Is token i one of the '|'-separated words of list ("reports|reported")? */
bool word_among(const work *w, size_t i, const char *list);
/* Is token i a subordinating conjunction ("although", "when", "after")?
 * (mention.c) */
bool is_subordinator(const work *w, size_t i);
/* Does token i end with the ASCII suffix sfx (and hold more than it)? */
bool word_ends_with(const work *w, size_t i, const char *sfx);
/* The person at the head of the noun phrase [s, e) ("Councillor Ivo
 * Marsh", "Obama consultant Cornell Belcher"), or -1. */
int person_heading(work *w, size_t s, size_t e);
/* Does name entity e end in an organisation noun ("Pirate Party")?  Looked
 * up once, when first asked. */
bool entity_organisation(work *w, int e);
/* Is entity e a person: named or described as one (entity.person), and no
 * organisation ("the Pirate Party" speaks, yet is no "he")? */
static inline bool entity_person(work *w, int e)
{
    return w->ents[e].person && !entity_organisation(w, e);
}
/* The person a definite description [ms, me) with a title or role as its
 * head means ("the governor": the person named before with the title
 * Gov.), or -1; it adds no entity. */
int definite_person(work *w, size_t ms, size_t me);
/* The person of the latest name occurrence before token tok (among the
 * few dozen before it), or -1. */
int person_before(work *w, size_t tok);
/* The entity of the name occurrence starting at token tok, or -1. */
int name_entity_at(const work *w, size_t tok);
/* Does token i look like a noun in the plural: -s, not -ss or -us ("ads",
 * "aides"; not "boss", "campus")? */
bool word_plural(const work *w, size_t i);
/* Is token i a possessive ("Trump's", "Sanders’")? */
bool word_possessive(const work *w, size_t i);
/* word_possessive(), with its cheap test inline: most words end in
 * neither "s" nor an apostrophe. */
static inline bool ends_possessive(const work *w, size_t i)
{
    const token *k = &w->toks.items[i];
    unsigned char last = (unsigned char)w->text[k->end - 1];
    unsigned char next = k->end < w->len ? (unsigned char)w->text[k->end] : 0;
    return (last == 's' || next == '\'' || next == 0xE2) && word_possessive(w, i);
}
/* The pronoun kind (LEX_PRON_*) a possessive determiner at token i stands
 * for ("her": female), or 0 when it is none (speaker.c). */
uint32_t possessive_pronoun_kinds(const work *w, size_t i);
/* Is token tok inside a name occurrence (the nickname of Marcia “Cia”
 * Price)?  (speaker.c) */
bool token_in_name(const work *w, size_t tok);

/* ---- mention.c ---- */

/* End of the noun phrase starting at token s (at most e). */
size_t np_end(const work *w, size_t s, size_t e);
/* Narrow a speaker region [*ms, *me) to the mention; false when the region
 * holds only introductory phrases. */
bool narrow_mention(const work *w, size_t *ms, size_t *me, bool before_cue, bool leadin);
/* Could the region name a speaker (a name, pronoun, role, "the report")? */
bool plausible_speaker(const work *w, size_t ms, size_t me);

/* ---- classify.c ---- */

/* How many leading paragraphs are the headline (0 with QUOTE_OPT_NO_HEADLINE). */
int32_t headline_paragraphs(const work *w);
/* Retag the capitalised cues of the headline paragraphs ("X Says Y"). */
void headline_cues(work *w);
bool is_body_para(const work *w, size_t s, size_t e);
/* A work's title or a nickname: after "memoir", "goes by", before "by X". */
bool looks_nonspeech(const work *w, size_t qt);
/* A short quotation in single marks alone on its line: a subheading. */
bool is_subheading(const work *w, size_t qt, const segment *g);
/* Title Case words. */
bool looks_title(const work *w, const segment *g);
/* The number of words of the quotation, counted up to limit at most. */
int word_count(const work *w, const segment *g, int limit);

/* ---- result.c ---- */

int result_build(work *w, quote_result **out);

/* ---- extractor.c: the pipeline of quote_extract() ---- */

/* The phases of one extraction, in order. */
enum extract_phase {
    PHASE_UTF8,      /* validation, or masking in lenient mode */
    PHASE_SCAN,      /* quotation marks */
    PHASE_TOKENS,    /* tagging */
    PHASE_NAMES,     /* the entity table */
    PHASE_ATTRIBUTE, /* the layouts */
    PHASE_RESULT,    /* the result, and freeing the work area */
    PHASE_COUNT
};

/* The tables of one extraction, kept for the next (quote_extract_with):
 * extract_run() takes them over at its start and gives them back at its
 * end.  They are allocated with alloc, a copy of the extractor's. */
struct quote_workspace {
    quote_allocator alloc;
    pcre2_general_context *gctx; /* allocates md with alloc */
    pcre2_match_data *md;
    segment_list segs;
    token_list toks;
    name_occ *names;
    size_t names_cap;
    entity *ents;
    size_t ents_cap;
    attribution *attr;
    size_t attr_cap;
};

/* Called after each phase ends (benchmarks time the phases with it). */
typedef void (*extract_hook)(enum extract_phase phase, void *ctx);

/* quote_extract() with a workspace (NULL: tables of its own) and a hook
 * (NULL: none). */
int extract_run(const quote_extractor *ex, quote_workspace *ws, const char *text, size_t len,
                uint32_t flags, quote_result **out, quote_error *err, extract_hook hook,
                void *ctx);

#endif /* LIBQUOTE_INTERNAL_H */
