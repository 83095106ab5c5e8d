/* attribute.c - decide who said each quotation.
 *
 * For every quote token the layouts of patterns.c are tried around it: the
 * trailer (the tokens after the closing mark), the lead-in (the sentence
 * before the opening mark) and, in a headline, the whole paragraph.  Each
 * match is a candidate with the layout's confidence; the best one wins.
 * A quote with no candidate of its own continues the latest attribution
 * (the quote before it, or a sentence such as `X said on Tuesday.`) when
 * that is in the same or the previous paragraph.
 *
 * The focus - the speaker of the latest main-clause attribution - is what
 * a later "he said" refers to when gender and number agree (speaker.c).
 */
#include <string.h>

#include "internal.h"

#define TRAILER_TOKENS 40 /* tokens after a quote that a trailer layout sees */
#define LEADIN_TOKENS 60  /* tokens before a quote that a lead-in layout sees */

/* Run a layout pattern over tags[from, to) (anchored as the pattern says):
 * 1 or more on a match (ovector set), 0 for none, <0 an error code.
 * The callers ask layout_may_match() first: most layouts fail on most
 * windows, and its tests are much cheaper than a call into PCRE2. */
static int run_layout(work *w, int layout, size_t from, size_t to, PCRE2_SIZE **ovector)
{
    int rc = layout_match(w->ex, layout, w->toks.tags + from, to - from, w->md);
    *ovector = pcre2_get_ovector_pointer(w->md); /* (set even when unused: the compiler
                                                    cannot tell q_pcre_status() is < 0) */
    if (rc >= 0)
        return rc;
    return rc == PCRE2_ERROR_NOMATCH ? 0 : q_pcre_status(rc);
}

/* First token of the sentence holding token i (a quote token itself ends
 * the previous sentence only when it is 'Q'). */
static size_t sentence_start(const work *w, size_t i, size_t limit)
{
    size_t s = i;
    while (s > 0 && i - s < limit && !tag_ends_sentence(w->toks.tags[s - 1]))
        s--;
    return s;
}

static size_t paragraph_start(const work *w, size_t i)
{
    size_t s = i;
    while (s > 0 && w->toks.tags[s - 1] != TAG_PARA)
        s--;
    return s;
}

typedef struct candidate {
    int layout;
    size_t ms, me, cue;
    double confidence;
    bool passive; /* "was asked": a quotation whose speaker goes unnamed */
} candidate;

/* Cues whose passive puts a question to someone: "X was asked". */
static bool is_question_cue(const work *w, size_t i)
{
    static const char *const q[] = {"asked", "pressed", "questioned"};
    return word_in(w, i, q, sizeof q / sizeof q[0]);
}

/* A form of "be" before a cue makes it passive ("was asked", "being told"). */
static bool is_passive_aux(const work *w, size_t i)
{
    static const char *const be[] = {"was", "were", "is", "are", "been", "being", "be"};
    return word_in(w, i, be, sizeof be / sizeof be[0]);
}

static void explain_candidate(work *w, size_t seg, const candidate *c)
{
    if (!w->explain)
        return;
    const token *a = &w->toks.items[c->ms], *b = &w->toks.items[c->me - 1];
    qbuf_printf(w->a, &w->explain[seg], "%s%s \"%.*s\" %.2f", w->explain[seg].len ? "; " : "",
                quote_layouts[c->layout].name, (int)(b->end - a->start), w->text + a->start,
                c->confidence);
}

/* The first token of the run of titles, names and initials that ends at
 * token j (exclusive), not before s: "Sen. Ruth Lind" in "by Sen. Ruth
 * Lind". */
static size_t name_run_start(const char *t, size_t s, size_t j)
{
    while (j > s && (t[j - 1] == TAG_NAME || t[j - 1] == TAG_INITIAL || t[j - 1] == TAG_TITLE))
        j--;
    return j;
}

/* Does the token range hold a name? */
static bool has_name(const work *w, size_t ms, size_t me)
{
    for (size_t i = ms; i < me; i++)
        if (w->toks.tags[i] == TAG_NAME)
            return true;
    return false;
}

/* Does tags[0, n) hold any of the tag letters in set? */
static bool memchr_any(const char *tags, const char *set, size_t n)
{
    for (; *set; set++)
        if (memchr(tags, *set, n))
            return true;
    return false;
}

/* Could word i be the finite verb of a trailer ("the note warned", "the
 * site explains")?  The trailing-verb layouts take any word after the
 * subject, which is as often a noun ("a formal acronym", "the lowest
 * level"): the verb must be a known cue, or past or present in form. */
static bool looks_finite_verb(const work *w, size_t i)
{
    if (w->toks.items[i].kinds & LEX_CUE)
        return true;
    if (word_ends_with(w, i, "ed"))
        return true;
    return word_ends_with(w, i, "s") && !word_ends_with(w, i, "ss") &&
           !word_ends_with(w, i, "us") && !word_ends_with(w, i, "is");
}

/* Is the region of a possessive-noun candidate, in the lead-in from
 * token `from`, a possessor ("her", "Senator Rix’s") and its cue a speech
 * noun ("remark", "promise")? */
static bool possessor_of_speech(const work *w, size_t from, const candidate *c)
{
    if (c->cue == SIZE_MAX || !(w->toks.items[c->cue].kinds & LEX_SPEECH_NOUN))
        return false;
    /* "saying Trump’s comments “...”", "saying in his statement that
     * “...”": after a speech cue the possessive is its object or its
     * medium, and the cue's subject is the speaker */
    const char *t = w->toks.tags;
    if (memchr_any(t + from, "CK", c->ms - from))
        return false;
    size_t last = c->me - 1;
    if (w->toks.tags[last] == TAG_DET)
        return c->me - c->ms == 1 && possessive_pronoun_kinds(w, last) != 0;
    return word_possessive(w, last);
}

/* The verb of a subject ending before token me, in a lead-in ending at the
 * quote token qt, or SIZE_MAX: after an appositive ("X, a senator from
 * Ohio, said") and adverbs.  The layouts whose "verb" is any word find the
 * first word of the phrase ("early" in "One early supporter gave"); the
 * noun phrase known, the verb is the word after it. */
static size_t verb_after_subject(const work *w, size_t me, size_t qt)
{
    const char *t = w->toks.tags;
    size_t i = me;
    if (i < qt && t[i] == TAG_COMMA) {
        const char *close = memchr(t + i + 1, TAG_COMMA, qt - i - 1);
        if (!close)
            return SIZE_MAX;
        i = (size_t)(close - t) + 1;
    }
    while (i < qt && (t[i] == TAG_ADVERB || t[i] == TAG_AUX || t[i] == TAG_TIME))
        i++;
    return i < qt && strchr("wCKv", t[i]) ? i : SIZE_MAX;
}

/* Is the cue at token i negated ("did not respond", "never said",
 * "didn't comment")?  Its auxiliaries and adverbs are looked at. */
static bool negated_cue(const work *w, size_t i)
{
    const char *t = w->toks.tags;
    for (size_t k = i; k > 0 && i - k < 3 && (t[k - 1] == TAG_AUX || t[k - 1] == TAG_ADVERB); k--)
        if (word_among(w, k - 1,
                       "not|never|cannot|didn't|doesn't|don't|won't|wouldn't|hasn't|haven't|can't|"
                       "didn’t|doesn’t|don’t|won’t|wouldn’t|hasn’t|haven’t|can’t"))
            return true;
    return false;
}

/* The token before token i, not before token `from`, stepping over one
 * token whose tag is in skip ("said that he", "interjecting, “Q”"), or
 * SIZE_MAX when there is none. */
static size_t token_before(const char *t, size_t from, size_t i, const char *skip)
{
    size_t k = i;
    if (k > from && strchr(skip, t[k - 1]))
        k--;
    return k > from ? k - 1 : SIZE_MAX;
}

/* The speech cue whose complement the pronoun at token i opens, in the
 * lead-in from token `from` ("X said he ...", "X says that she ...", "X
 * wrote, she ..."), or SIZE_MAX. */
static size_t reported_cue(const work *w, size_t from, size_t i)
{
    size_t c = token_before(w->toks.tags, from, i, "t,");
    return c != SIZE_MAX && c > from && w->toks.tags[c] == TAG_CUE ? c : SIZE_MAX;
}

/* Does the sentence starting at token s open with a subordinating
 * conjunction ("Although", "But even as", "After") before token qt? */
static bool opens_subordinate_clause(const work *w, size_t s, size_t qt)
{
    const char *t = w->toks.tags;
    while (s < qt && (t[s] == TAG_CONJ || t[s] == TAG_ADVERB))
        s++; /* "But even as" */
    return s < qt && is_subordinator(w, s);
}

/* The noun phrase ending before token e (not before token from), when it
 * could name a speaker, becomes the mention [*ms, *me). */
static void noun_phrase_before(const work *w, size_t from, size_t e, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    size_t s = e;
    while (s > from && strchr("DTNIrwd", t[s - 1]))
        s--;
    if (s < e && plausible_speaker(w, s, e)) {
        *ms = s;
        *me = e;
    }
}

/* "Another source speaking to Fox News said": the region a lead-in layout
 * matched starts after the participle (a stop word: "speaking",
 * "writing", "responding"), at its object; the speaker is the noun phrase
 * before the participle. */
static void subject_before_participle(const work *w, size_t from, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    size_t p = *ms;
    if (p > from && (t[p - 1] == TAG_PREP || t[p - 1] == TAG_AUX))
        p--; /* "to", "for" */
    if (p > from + 1 && t[p - 1] == TAG_STOP && word_ends_with(w, p - 1, "ing"))
        noun_phrase_before(w, from, p - 1, ms, me);
}

/* "A witness who asked not to be identified said ...": a region that
 * starts inside a restrictive relative clause (no comma before "who")
 * belongs to the noun phrase the clause follows, which [*ms, *me) becomes
 * (not before token from). */
static void subject_before_relative(const work *w, size_t from, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    size_t r = *ms;
    while (r > from && *ms - r < 8 && !strchr(",:-qQ", t[r - 1]) && t[r - 1] != TAG_RELATIVE &&
           !tag_ends_sentence(t[r - 1]))
        r--;
    /* (a noun right before "who": "a witness who") */
    if (r > from + 1 && t[r - 1] == TAG_RELATIVE && word_among(w, r - 1, "who|that") &&
        (t[r - 2] == TAG_ROLE || t[r - 2] == TAG_WORD))
        noun_phrase_before(w, from, r - 1, ms, me);
}

/* sentence-subject's confidence when a colon introduces the quotation: the
 * only one that try_layout() raises above the layout's own. */
#define SUBJECT_COLON_CONFIDENCE 0.72
#define CLAUSE_COLON_CONFIDENCE (SUBJECT_COLON_CONFIDENCE + 0.03)

_Static_assert(LAYOUT_COUNT <= 32, "attribute_all() keeps sets of layouts in a uint32_t");

/* The highest confidence a candidate of the layout can have for the
 * quote token qt. */
static double max_confidence(const work *w, int layout, size_t qt)
{
    bool colon = qt > 0 && w->toks.tags[qt - 1] == TAG_COLON;
    if (layout == LAYOUT_LEAD_SUBJECT)
        return SUBJECT_COLON_CONFIDENCE;
    if (layout == LAYOUT_LEAD_CLAUSE && colon)
        return CLAUSE_COLON_CONFIDENCE; /* a clause after a conjunction, before a colon */
    return quote_layouts[layout].confidence;
}

/* The first token of [s, e) past the conjunctions and adverbs opening a
 * sentence ("But", "Later", "And then"). */
static size_t past_openers(const char *t, size_t s, size_t e)
{
    while (s < e && (t[s] == TAG_CONJ || t[s] == TAG_ADVERB))
        s++;
    return s;
}

/* "Ted Nordhaus, co-founder of ... an Apollo Project-type effort ...,
 * welcomed “Q”": is token ms inside an appositive set off by commas after
 * the name that opens the sentence [from, qt)?  A name there is no
 * clause's subject. */
static bool inside_subject_appositive(const work *w, size_t from, size_t ms, size_t qt)
{
    const char *t = w->toks.tags;
    from = past_openers(t, from, qt); /* "But Fiorina, who had moved from ..." */
    if (from >= qt || (t[from] != TAG_NAME && t[from] != TAG_TITLE))
        return false;
    size_t open = np_end(w, from, qt);
    if (open >= ms || t[open] != TAG_COMMA)
        return false;
    return memchr(t + ms, TAG_COMMA, qt - ms) != NULL;
}

/* "Cruz has pledged to visit every county, and he has long used that
 * fact to bludgeon his rivals for not campaigning “the Iowa way”": the
 * subject nearest the quotation is the pronoun that opens its clause,
 * after a conjunction, a subordinator or a comma (not after a cue: "X
 * said he ..." reports X), for the subject of a sentence-subject,
 * reported-speech or leading-cue candidate.  That pronoun, or SIZE_MAX;
 * the caller shows it as the mention when it means the subject itself. */
static size_t later_subject(const work *w, size_t qt, const candidate *cand)
{
    const char *t = w->toks.tags;
    if ((cand->layout != LAYOUT_LEAD_SUBJECT && cand->layout != LAYOUT_LEAD_PARTIAL &&
         cand->layout != LAYOUT_LEAD_CUE) ||
        t[cand->ms] == TAG_PRONOUN)
        return SIZE_MAX;
    /* (a leading cue's pronoun comes before the cue: in "Clinton said as
     * he introduced his wife, “Q”" Clinton's cue reports the quotation) */
    size_t end = cand->layout == LAYOUT_LEAD_CUE && cand->cue != SIZE_MAX ? cand->cue : qt;
    for (size_t i = end; i-- > cand->me;) {
        if (t[i] != TAG_PRONOUN || i == 0 || i + 1 >= end ||
            !(w->toks.items[i].kinds & (LEX_PRON_MALE | LEX_PRON_FEMALE)))
            continue;
        char before = t[i - 1], after = t[i + 1];
        bool opens_clause = before == TAG_CONJ || before == TAG_COMMA || is_subordinator(w, i - 1);
        bool verb_after = after == TAG_AUX || after == TAG_WORD || after == TAG_CUE ||
                          after == TAG_PARTICIPLE || after == TAG_ADVERB;
        return opens_clause && verb_after ? i : SIZE_MAX; /* the last pronoun decides */
    }
    return SIZE_MAX;
}

/* Is token i an "it" that stands for no one: "It is unclear whether",
 * "It has not helped that", "It’s true", "It seems"?  A form of "be" or
 * "have", or a verb of seeming, after it and no speech cue ("It has said"
 * reports). */
static bool expletive_it(const work *w, size_t i)
{
    const char *t = w->toks.tags;
    if (t[i] != TAG_PRONOUN || !(w->toks.items[i].kinds & LEX_PRON_NEUTER))
        return false;
    bool verb = word_ends_with(w, i, "'s") || word_ends_with(w, i, "\xE2\x80\x99s");
    size_t j = i + 1;
    while (j < w->toks.count && (t[j] == TAG_AUX || t[j] == TAG_ADVERB)) {
        verb |= t[j] == TAG_AUX;
        j++;
    }
    if (j < w->toks.count && t[j] == TAG_CUE)
        return false;
    return verb || (j < w->toks.count &&
                    word_among(w, j, "seems|seemed|appears|appeared|remains|remained"));
}

/* "The union's president, Tom Reyes, was blunt: “...”", "“...,” said
 * one of the organizers, Maria Lopez.": a description followed by a name
 * set off by a comma names its person; the mention [*ms, *me) becomes
 * that name, which a comma ends - or, after the cue (trailer), the end of
 * the sentence - before token limit. */
static void appositive_name(const work *w, size_t *ms, size_t *me, size_t limit, bool trailer)
{
    const char *t = w->toks.tags;
    size_t a = *me;
    if (a + 2 >= limit || t[a] != TAG_COMMA || (t[*ms] != TAG_DET && !ends_possessive(w, *ms)) ||
        !(t[a - 1] == TAG_ROLE || t[a - 1] == TAG_WORD))
        return; /* (a description: an article or a possessor, a noun) */
    size_t n = a + 1; /* the name, past its modifiers ("72-year-old Ruth Amsel") */
    while (n < limit && n - a <= 3 && (t[n] == TAG_WORD || t[n] == TAG_NUMBER))
        n++;
    size_t b = n;
    while (b < limit && (t[b] == TAG_TITLE || t[b] == TAG_NAME || t[b] == TAG_INITIAL))
        b++;
    if (b - n >= 2 && (b < limit ? t[b] == TAG_COMMA ||
                                       (trailer && (t[b] == TAG_END || t[b] == TAG_PARA))
                                 : trailer)) {
        *ms = n;
        *me = b;
    }
}

/* Try one layout; on a match fill cand and return 1, 0 for no match, <0 error. */
static int try_layout(work *w, int layout, size_t from, size_t to, size_t qt, candidate *cand)
{
    PCRE2_SIZE *ov;
    const struct quote_extractor *ex = w->ex;
    int gm = ex->group_m[layout], gc = ex->group_c[layout];
    size_t base = from;
    if (layout == LAYOUT_LEAD_POSSESSIVE) {
        /* most lead-ins have no speech noun: look for one before PCRE2,
         * among the last tokens, where the pattern puts it (the noun, at
         * most eight tokens and a comma or colon, the quotation) */
        size_t noun = qt, lo = qt - from > 11 ? qt - 11 : from;
        while (noun > lo && !(w->toks.items[noun - 1].kinds & LEX_SPEECH_NOUN))
            noun--;
        if (noun == lo)
            return 0;
    }
    for (;;) {
        int rc = run_layout(w, layout, base, to, &ov);
        if (rc <= 0)
            return rc;
        if (ov[2 * gm] == PCRE2_UNSET || ov[2 * gm + 1] <= ov[2 * gm])
            return 0;
        cand->layout = layout;
        cand->ms = base + ov[2 * gm];
        cand->me = base + ov[2 * gm + 1];
        cand->cue = gc >= 0 && ov[2 * gc] != PCRE2_UNSET ? base + ov[2 * gc] : SIZE_MAX;
        if (layout != LAYOUT_LEAD_POSSESSIVE || possessor_of_speech(w, from, cand))
            break;
        /* the leftmost match starts at the first determiner or name of
         * the sentence ("the row again with her remark that"): try the
         * next start; the window is bounded, so is the number of tries */
        base = cand->ms + 1;
    }
    const layout_info *li = &quote_layouts[layout];
    const char *t = w->toks.tags;
    if (li->word_before && !(cand->ms > 0 && word_is(w, cand->ms - 1, li->word_before)))
        return 0; /* "as X said", not "if X said" */
    if (li->cue_words && !(cand->cue != SIZE_MAX && word_among(w, cand->cue, li->cue_words)))
        return 0; /* "..., reports USA Today" */

    /* the layouts whose region needs more than its mention rule */
    if (layout == LAYOUT_LEAD_COLON) {
        /* "Tillerson on North Korea:" names its speaker first; "Statement
         * from the Ports Authority:" after "from" or "by" */
        size_t src = SIZE_MAX;
        for (size_t i = cand->ms; i < cand->me; i++)
            if (t[i] == TAG_PREP && (word_is(w, i, "from") || word_is(w, i, "by")))
                src = i + 1;
        if (src < cand->me)
            cand->ms = src;
    } else if (layout == LAYOUT_LEAD_RELATIVE) {
        if (word_is(w, cand->me - 1, "whose"))
            return 0; /* "X, whose campaign ..., ": X is not the subject */
        /* "Mr Trump, who tweeted": the mention runs from the antecedent to
         * the relative pronoun, so it names the person and marks the site. */
        size_t rel = cand->me - 1;
        size_t ms = cand->ms, me = t[rel - 1] == TAG_COMMA ? rel - 1 : rel;
        narrow_mention(w, &ms, &me, true, true);
        cand->ms = ms;
    } else if (layout == LAYOUT_LEAD_CLAUSE && cand->cue != SIZE_MAX &&
               word_ends_with(w, cand->cue, "ing")) {
        return 0; /* "the Post hammering his “...”": a participle, not a clause */
    } else if (layout == LAYOUT_LEAD_CLAUSE && inside_subject_appositive(w, from, cand->ms, qt)) {
        return 0;
    } else if (layout == LAYOUT_TRAIL_INVERTED && cand->me < to &&
               ((t[cand->me] == TAG_AUX && !word_is(w, cand->me, "to")) ||
                t[cand->me] == TAG_CUE) &&
               !memchr(t + cand->ms, TAG_LPAREN, cand->me - cand->ms)) {
        return 0; /* "..., said the candidate could win": the noun phrase is
                     the subject of the clause reported, not the speaker (but
                     "said Mr. Burman (a view echoed by ...)" is Burman) */
    } else if ((layout == LAYOUT_TRAIL_VERB || layout == LAYOUT_TRAIL_VERB_INVERTED) &&
               !looks_finite_verb(w, cand->cue)) {
        return 0; /* "“...,” a formal acronym for the deal": no verb at all */
    }

    /* "according to X": whatever X is, it is a source */
    bool according = li->needs && li->needs[0] == TAG_ACCORDING;
    switch (li->mention) {
    case MENTION_NARROW:
        if (!narrow_mention(w, &cand->ms, &cand->me,
                            cand->cue == SIZE_MAX || cand->ms < cand->cue,
                            li->site != SITE_TRAILER))
            return 0;
        if (li->site == SITE_LEADIN) {
            subject_before_participle(w, from, &cand->ms, &cand->me);
            subject_before_relative(w, from, &cand->ms, &cand->me);
        }
        else if (cand->cue != SIZE_MAX && cand->ms > cand->cue)
            appositive_name(w, &cand->ms, &cand->me, to, true); /* said X, NAME. */
        break;
    case MENTION_NP: {
        size_t region_end = cand->me;
        cand->me = np_end(w, cand->ms, region_end);
        /* "according to court reports, ...": after "according to" a cue
         * form ending the phrase is its head noun */
        if (according && cand->me + 1 == region_end && t[cand->me] == TAG_CUE)
            cand->me++;
        /* "according to a statement from the mayor's office", "according
         * to audio provided by Wyoming Public Radio": the source is the
         * whole phrase, its complements included (two at most) */
        for (int hops = 0; according && hops < 2 && cand->me + 1 < region_end; hops++) {
            size_t p = cand->me;
            if (t[p] == TAG_WORD && word_ends_with(w, p, "ed") && p + 2 < region_end)
                p++; /* "released by", "provided by" */
            if (!((t[p] == TAG_PREP || t[p] == TAG_STOP) && word_among(w, p, "of|from|by|for")) ||
                !strchr("DTNIrw", t[p + 1]))
                break;
            cand->me = np_end(w, p + 1, region_end);
        }
        /* "according to Amsel's chief of staff, Paul Berg, ..." */
        if (according)
            appositive_name(w, &cand->ms, &cand->me, li->site == SITE_TRAILER ? to : qt,
                            li->site == SITE_TRAILER);
        break;
    }
    case MENTION_NP_QUOTE:
        cand->me = np_end(w, cand->ms, qt);
        appositive_name(w, &cand->ms, &cand->me, qt, false);
        /* (the coordinated cue keeps its cue, after the conjunction) */
        if (cand->cue != SIZE_MAX && layout != LAYOUT_LEAD_COORD) {
            size_t verb = verb_after_subject(w, cand->me, qt);
            if (verb != SIZE_MAX || cand->cue < cand->me)
                cand->cue = verb;
        }
        break;
    case MENTION_NP_WINDOW:
        cand->me = np_end(w, cand->ms, to);
        /* "... “playing tennis” - a white shirt, white shorts": after a
         * quotation inside its sentence, a dash and a noun phrase that the
         * sentence goes on after is an appositive, not a credit line */
        if (layout == LAYOUT_TRAIL_DASH && t[qt] == TAG_QUOTE && cand->me < to &&
            !tag_ends_sentence(t[cand->me]) && qt > 0 && !tag_ends_sentence(t[qt - 1]))
            return 0;
        /* "“Do svidaniya!” - Russian for “goodbye”": a language glosses
         * the quotation; it credits no one */
        if (layout == LAYOUT_TRAIL_DASH && cand->me == cand->ms + 1 &&
            (w->toks.items[cand->ms].kinds & LEX_DEMONYM))
            return 0;
        break;
    case MENTION_KEEP:
        break;
    }
    if (layout == LAYOUT_LEAD_CLAUSE &&
        (word_possessive(w, cand->me - 1) ||
         (cand->cue != SIZE_MAX && cand->cue > 0 && word_possessive(w, cand->cue - 1))))
        return 0; /* "Mayor Lind’s late-night tweets are “...”", "fighting
                     for Americans’ liberties “...”": a possessive, ending the
                     subject or before the "verb", modifies a noun; it is no
                     clause's subject */
    if (cand->me == cand->ms + 1 && expletive_it(w, cand->ms))
        return 0;
    /* "according to audio provided to The Times" */
    if (!according && layout != LAYOUT_LEAD_POSSESSIVE &&
        !plausible_speaker(w, cand->ms, cand->me))
        return 0;
    if (cand->cue != SIZE_MAX && cand->cue + 1 < qt && li->site == SITE_LEADIN &&
        (t[cand->cue + 1] == TAG_QUOTE || t[cand->cue + 1] == TAG_QUOTE_END) &&
        (w->toks.items[cand->cue].kinds & LEX_NONSPEECH))
        return 0; /* "a class called “Perception” on his page, writing “...”":
                     the naming verb names the quotation right after it */
    if (cand->cue != SIZE_MAX && (w->toks.items[cand->cue].kinds & LEX_NONSPEECH)) {
        /* "a book called “...”": a naming verb after a work's noun names
         * it; the noun is the head of the phrase ("the campaign called"),
         * not a modifier ("campaign chairman John Podesta called") */
        if ((w->toks.items[cand->me - 1].kinds & LEX_NONSPEECH) ||
            (w->toks.items[cand->cue - 1].kinds & LEX_NONSPEECH))
            return 0;
    }
    cand->confidence = li->confidence;
    if (layout == LAYOUT_TRAIL_DASH) {
        /* "Rajoy said ... that his party was “Q.”--Kim Hjelmgaard": when
         * the quotation's own sentence has a speech cue, a name after a
         * dash is a byline, weaker than that cue's subject */
        size_t s0 = sentence_start(w, qt, LEADIN_TOKENS);
        if (memchr(t + s0, TAG_CUE, qt - s0))
            cand->confidence = 0.6;
    }
    if (layout == LAYOUT_LEAD_RELATIVE && cand->cue == SIZE_MAX)
        cand->confidence = 0.5; /* any verb after "who", not a speech cue */
    cand->passive = false;
    if (cand->cue != SIZE_MAX && cand->cue > 0 && t[cand->cue] == TAG_CUE) {
        size_t aux = cand->cue - 1;
        if (aux > 0 && t[aux] == TAG_ADVERB)
            aux--; /* "was first reported" */
        if (is_passive_aux(w, aux)) {
            /* "X was asked, “...?”": the speaker is not X, and not named;
             * "the move was reported": the subject is not a speaker at all */
            if (!is_question_cue(w, cand->cue))
                return 0;
            cand->passive = true;
        }
    }

    if (li->site == SITE_TRAILER && cand->cue != SIZE_MAX && negated_cue(w, cand->cue))
        return 0; /* "“...?” The ministry did not respond.": nobody spoke */
    if (li->site == SITE_TRAILER && t[qt] == TAG_QUOTE_END &&
        layout != LAYOUT_TRAIL_DASH) {
        /* “Q.” X said ... : a new sentence; likelier an attribution when
         * it is a short one ("“Q.” he said."), unlikely when it introduces
         * the next quotation ("“Q.” He added: “R”"). */
        size_t after = cand->cue != SIZE_MAX ? cand->cue + 1 : cand->me;
        /* short: the sentence ends within a few tokens, with no other
         * clause ("“Q?” Clinton writes to Sullivan.") */
        bool short_sentence = after >= w->toks.count || t[after] == TAG_COMMA;
        /* "“Q?” X, the chairman, said of the meeting he had ...": a
         * preposition after the cue opens adjuncts, not a new report
         * ("said in an interview that ..." is one) */
        if (!short_sentence && cand->cue != SIZE_MAX && t[after] == TAG_PREP) {
            size_t end = after + 8 < w->toks.count ? after + 8 : w->toks.count;
            short_sentence = !memchr(t + after, TAG_THAT, end - after);
        }
        for (size_t i = after; !short_sentence && i < w->toks.count && i < after + 5; i++) {
            if (tag_ends_sentence(t[i])) {
                short_sentence = true;
                break;
            }
            if (!strchr("DTNIrwoedav", t[i])) /* "to reporters": v */
                break;
        }
        /* it introduces the next quote when that quote is in its clause
         * (a partial quotation in a later clause is that clause's: "“Q?” X
         * asks as a plumber walks in, saying he is “…”") */
        bool introduces = after < w->toks.count && t[after] == TAG_COLON;
        for (size_t i = after; !introduces && i < w->toks.count && i < after + 20; i++) {
            introduces = t[i] == TAG_QUOTE || t[i] == TAG_QUOTE_END;
            if (tag_ends_sentence(t[i]) || t[i] == TAG_PARTICIPLE || t[i] == TAG_RELATIVE ||
                is_subordinator(w, i))
                break;
        }
        cand->confidence -= introduces ? 0.6 : short_sentence ? 0.05 : 0.3;
    }
    /* (a partial quotation, woven into the sentence without a comma or
     * colon, is the reporting subject's words even after a name: "Reyes
     * said that Marsh begged him and “would have signed anything”") */
    bool pronoun = cand->me == cand->ms + 1 && t[cand->ms] == TAG_PRONOUN;
    bool partial = qt > 0 && t[qt - 1] != TAG_COMMA && t[qt - 1] != TAG_COLON;
    if (layout == LAYOUT_LEAD_CUE &&
        (pronoun || (partial && (t[cand->ms] == TAG_NAME || t[cand->ms] == TAG_TITLE)))) {
        /* "The senator said he rarely asks ..., “Q”", "but Trump said he
         * responded: “Q”": the pronoun opens what the outer subject said,
         * and that subject is the source; a name does after "that" only
         * ("after the interview concluded, Maher stated" is no report) */
        size_t outer = reported_cue(w, from, cand->ms);
        if (outer != SIZE_MAX && !pronoun && t[cand->ms - 1] != TAG_THAT)
            outer = SIZE_MAX;
        if (outer != SIZE_MAX && is_passive_aux(w, outer - 1))
            outer = SIZE_MAX; /* "they were announced, Mr. Rogan said" */
        if (outer != SIZE_MAX) {
            size_t s = outer;
            while (s > from && (t[s - 1] == TAG_ADVERB || t[s - 1] == TAG_AUX))
                s--; /* "has long said" */
            size_t ms = s, me = s;
            while (ms > from && strchr("DTNIPrwod()", t[ms - 1]))
                ms--;
            if (ms == me || !narrow_mention(w, &ms, &me, true, true))
                return 0;
            cand->ms = ms;
            cand->me = me;
            cand->cue = outer;
        }
    }
    if (layout == LAYOUT_LEAD_CUE && cand->cue != SIZE_MAX && cand->ms > from &&
        is_subordinator(w, cand->ms - 1)) {
        /* "X said that when Ms. Warren railed against the banks, “Q”": the
         * subordinate clause, with words of its own after the cue, closed
         * before the quotation, which the main clause reports ("though he
         * said, “Q”" keeps its cue) */
        const char *comma = memchr(t + cand->cue, TAG_COMMA, qt - cand->cue);
        if (comma && memchr(t + cand->cue, TAG_WORD, (size_t)(comma - (t + cand->cue))))
            return 0;
    }
    if (layout == LAYOUT_LEAD_CLAUSE) {
        /* "X found that the Air Force is “Q”": a clause after "that" is
         * what X reports, not who speaks */
        for (size_t i = from; i < cand->ms; i++)
            if (t[i] == TAG_THAT)
                cand->confidence = 0.45;
        /* "X said ..., but he gave a compliment: “Q”": a clause of its
         * own, after a conjunction, introduces the quotation with a colon -
         * above the sentence subject's colon */
        if (cand->confidence > 0.45 && t[qt - 1] == TAG_COLON && cand->ms > from &&
            t[cand->ms - 1] == TAG_CONJ)
            cand->confidence = CLAUSE_COLON_CONFIDENCE;
    }
    if (layout == LAYOUT_LEAD_SUBJECT) {
        /* stronger when the sentence has a speech cue or a colon before the quote */
        bool cue = false;
        for (size_t i = from; i < qt; i++)
            cue |= t[i] == TAG_CUE || t[i] == TAG_PARTICIPLE;
        if (t[qt - 1] == TAG_COLON)
            cand->confidence = SUBJECT_COLON_CONFIDENCE;
        else if (cue)
            cand->confidence = 0.62;
    }
    return 1;
}

/* The last person mentioned before token qt in its paragraph: a name or a
 * pronoun outside quotations.  Fills [*ms, *me); false when there is none. */
static bool nearest_subject(const work *w, size_t qt, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    for (size_t i = qt; i > 0 && qt - i < LEADIN_TOKENS * 2;) {
        i--;
        char c = t[i];
        if (c == TAG_PARA)
            return false;
        if (c == TAG_PRONOUN && (w->toks.items[i].kinds & (LEX_PRON_MALE | LEX_PRON_FEMALE))) {
            *ms = i;
            *me = i + 1;
            return true;
        }
        if (c == TAG_NAME) {
            *ms = name_run_start(t, 0, i);
            *me = i + 1;
            return true;
        }
    }
    return false;
}

/* "Matthews: Well, nobody says “...”": in a transcript, the name and
 * colon opening the paragraph of token qt name its speaker.  Fills [*ms,
 * *me); false when the paragraph does not open so. */
#define TRANSCRIPT_LOOKBACK 400 /* tokens from a quotation back to its paragraph's start */

static bool transcript_speaker(const work *w, size_t qt, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    /* (a bounded look back: a paragraph of a million quotations stays
     * linear) */
    size_t s = qt;
    while (s > 0 && qt - s < TRANSCRIPT_LOOKBACK && t[s - 1] != TAG_PARA)
        s--;
    if (s > 0 && t[s - 1] != TAG_PARA)
        return false;
    size_t e = s;
    while (e < qt && e - s < 4 && (t[e] == TAG_NAME || t[e] == TAG_TITLE || t[e] == TAG_INITIAL))
        e++;
    if (e == s || e >= qt || t[e] != TAG_COLON || t[s] == TAG_TITLE || e + 1 == qt)
        return false; /* (a colon right before the quotation is a layout's) */
    /* a speaker's label comes back line after line; "Note:" does not */
    int ent = name_entity_at(w, s);
    if (ent < 0 || w->ents[ent].mentions < 2)
        return false;
    *ms = s;
    *me = e;
    return true;
}

/* "Q: What surprised you? ¶A: “How much people want to talk.”": in an
 * interview written as questions and answers, the label "A" that opens
 * the paragraph of token qt marks an answer of the person interviewed.
 * Fills [*ms, *me) with the label and *question with the "Q:" paragraph
 * before it; false when there is none. */
static bool interview_answer(const work *w, size_t qt, size_t *ms, size_t *me, size_t *question)
{
    const char *t = w->toks.tags;
    size_t s = qt;
    while (s > 0 && qt - s < 3 && t[s - 1] != TAG_PARA)
        s--;
    if ((s > 0 && t[s - 1] != TAG_PARA) || s + 1 >= qt || t[s + 1] != TAG_COLON ||
        !word_is(w, s, "A"))
        return false;
    /* (the nearest question paragraph within the lookback: "Q:" opening
     * it; found at once in an interview, so a long one stays linear) */
    for (size_t p = s, steps = 0; p-- > 1 && steps < TRANSCRIPT_LOOKBACK; steps++) {
        if (t[p - 1] != TAG_PARA || t[p + 1] != TAG_COLON)
            continue;
        if (word_is(w, p, "A"))
            return false; /* an earlier answer with no question between */
        if (word_is(w, p, "Q")) {
            *question = p;
            *ms = s;
            *me = s + 1;
            return true;
        }
    }
    return false;
}

/* Attribute at to the mention a fallback rule has put in [at->m_start,
 * at->m_end): its entity, the rule's name and confidence.  A status. */
static int attribute_to_mention(work *w, attribution *at, int focus, const char *rule,
                                double confidence)
{
    int status = QUOTE_OK;
    at->entity = speaker_resolve(w, at->m_start, at->m_end, focus, &status);
    at->rule = rule;
    at->confidence = confidence;
    return status;
}

/* The latest attribution event: a quote's or a sentence's cue. */
typedef struct event {
    bool set;
    size_t ms, me, cue;
    int entity;
    int32_t para;
} event;

/* Attribute at to the person `subject`, mentioned in [ms, me) in a
 * sentence before it (a fallback rule's name and confidence), and make
 * that the latest event, which the next quotation paragraph continues. */
static void attribute_to_subject(attribution *at, event *ev, int subject, size_t ms, size_t me,
                                 int32_t para, const char *rule, double confidence)
{
    at->m_start = ms;
    at->m_end = me;
    at->entity = subject;
    at->rule = rule;
    at->confidence = confidence;
    ev->set = true;
    ev->ms = ms;
    ev->me = me;
    ev->cue = SIZE_MAX;
    ev->entity = subject;
    ev->para = para;
}

/* "“...,” said X, a consultant who also said that ...": a relative clause
 * of the trailer, after the mention ending at token me, with a cue of its
 * own is the latest speech event - the relative pronoun, the same person,
 * is where a following quotation's attribution sits. */
static void relative_cue_event(const work *w, size_t me, event *ev)
{
    const char *t = w->toks.tags;
    size_t n = w->toks.count;
    for (size_t i = me; i < n && i < me + TRAILER_TOKENS && !tag_ends_sentence(t[i]); i++) {
        if (t[i] == TAG_QUOTE || t[i] == TAG_QUOTE_END)
            return;
        if (t[i] != TAG_RELATIVE)
            continue;
        size_t c = i + 1;
        while (c < n && c < i + 4 && (t[c] == TAG_ADVERB || t[c] == TAG_AUX))
            c++; /* "who also said", "who has said" */
        if (c < n && t[c] == TAG_CUE) {
            ev->ms = i;
            ev->me = i + 1;
            ev->cue = c;
        }
        return;
    }
}

/* Do tokens [s, e) hold a quotation that was not dropped as a title, a
 * nickname or a heading (the show “The Apprentice”: a sentence about it
 * may report speech)?  (Quotations before the one being attributed only.) */
static bool holds_quotation(const work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    for (const char *q = memchr(t + s, TAG_QUOTE, e - s); q;
         q = memchr(q + 1, TAG_QUOTE, (size_t)(t + e - (q + 1)))) {
        if (w->attr[w->toks.items[q - t].segment].layout != -2)
            return true;
    }
    return false;
}

/* "Earhardt then asked Rubio which states he could win. “Well, ...,” he
 * said": after a question put to a person named right after the cue (in a
 * sentence [s, e)), the one asked is the latest speaker and in focus - the
 * answer is theirs; so is the person opening a sentence whose question
 * comes in a subordinate clause ("Ryan did not exude confidence when
 * Tapper asked whether ..."). */
static int opening_subject(work *w, size_t s, size_t e, size_t *ms, size_t *me);

static void one_asked(work *w, size_t s, size_t e, event *ev, int *focus)
{
    const char *t = w->toks.tags;
    size_t c = ev->cue, a = c + 1;
    if (c == SIZE_MAX || !word_among(w, c, "asked|asks|pressed"))
        return;
    while (a < e && t[a] == TAG_TITLE)
        a++;
    size_t b = a;
    while (b < e && (t[b] == TAG_NAME || t[b] == TAG_INITIAL))
        b++;
    size_t ms = c + 1, me = b;
    int asked = b > a ? name_entity_at(w, c + 1) : -1;
    if (asked < 0 && ev->ms > s + 1 && is_subordinator(w, ev->ms - 1)) {
        asked = opening_subject(w, s, ev->ms - 1, &ms, &me);
        if (asked == ev->entity)
            asked = -1;
    }
    if (asked < 0 || !entity_person(w, asked))
        return;
    ev->ms = ms;
    ev->me = me;
    ev->cue = SIZE_MAX;
    ev->entity = asked;
    *focus = asked;
}

/* "His campaign appears to take the same tack, said James Henson,
 * director of the Texas Politics Project.": a sentence [s, e) that ends in
 * a comma, a speech cue and the speaker reports that speaker's words.  The
 * cue token, with the speaker in [*ms, *me); SIZE_MAX for none. */
static size_t inverted_report(const work *w, size_t s, size_t e, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    for (size_t c = e; c-- > s + 1;) {
        if (t[c] != TAG_CUE)
            continue;
        /* (a reporting verb: "cited X's fondness for ..." is no report) */
        if (t[c - 1] != TAG_COMMA || c + 1 >= e || !strchr("NTD", t[c + 1]) ||
            !word_among(w, c, "said|says|added|adds|noted|notes|wrote|writes|argued|argues|"
                              "explained|explains|warned|warns|predicted|predicts|told|tells"))
            return SIZE_MAX;
        *ms = c + 1;
        *me = e;
        if (!narrow_mention(w, ms, me, false, false) || !plausible_speaker(w, *ms, *me))
            return SIZE_MAX;
        return c;
    }
    return SIZE_MAX;
}

/* "Clinton's position was supported by Sen. Ruth Lind of Ohio, the ranking
 * Democrat, who said none of the emails ...": in a sentence [s, e), the
 * agent of a passive ("by X") that a relative clause with a speech cue
 * follows (past an appositive, and a place after "of") reports the speech.
 * The cue token, with the agent's name in [*ms, *me); SIZE_MAX for none.
 * ("Govs. Bush and Christie, who say ..." after a verb's object is no
 * report of the sentence.) */
static size_t agent_report(const work *w, size_t s, size_t e, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    for (size_t r = s + 2; r < e; r++) {
        /* (sentences with a relative pronoun are few: memchr to them) */
        const char *rel = memchr(t + r, TAG_RELATIVE, e - r);
        if (!rel)
            return SIZE_MAX;
        r = (size_t)(rel - t);
        if (t[r - 1] != TAG_COMMA)
            continue;
        size_t c = r + 1;
        while (c < e && c < r + 3 && t[c] == TAG_ADVERB)
            c++; /* "who also said" (not "who has said": a stand, not a report) */
        if (c >= e || t[c] != TAG_CUE)
            continue;
        size_t j = r - 1; /* the comma before the relative */
        size_t k = j;
        while (k > s && j - k < 12 && t[k - 1] != TAG_COMMA)
            k--;
        if (k > s + 1 && t[k - 1] == TAG_COMMA && t[k] == TAG_DET)
            j = k - 1; /* past the appositive "the ranking Democrat" */
        size_t a = name_run_start(t, s, j);
        if (a >= 2 && a < j && word_is(w, a - 1, "of") &&
            (t[a - 2] == TAG_NAME || t[a - 2] == TAG_INITIAL)) {
            j = a - 1; /* "Ruth Lind of Ohio" */
            a = name_run_start(t, s, j);
        }
        if (a == j || a == s || !word_is(w, a - 1, "by") || !has_name(w, a, j))
            return SIZE_MAX;
        *ms = a;
        *me = j;
        return c;
    }
    return SIZE_MAX;
}

/* Scan the sentences in [from, to) that hold no quotation for a speech cue
 * ("X said on Tuesday."): the last one becomes the event. */
static int pronoun_hint_before(work *w, size_t lead_from, const event *ev, size_t pron,
                               int *status);

static int scan_sentences(work *w, size_t from, size_t to, event *ev, int *focus)
{
    const char *t = w->toks.tags;
    size_t s = from;
    while (s < to) {
        /* Most of an article lies between its quotations and most of its
         * sentences have no cue: go straight to the next cue, and to the
         * sentence holding it. */
        /* the next speech cue, or participle cue ("X ended the debate by
         * saying ..."): two memchr calls outrun a loop for both tags */
        const char *cue = memchr(t + s, TAG_CUE, to - s);
        const char *participle =
            memchr(t + s, TAG_PARTICIPLE, (size_t)((cue ? cue : t + to) - (t + s)));
        if (participle)
            cue = participle;
        if (!cue)
            break;
        size_t c = (size_t)(cue - t), e = c;
        while (s < c && !tag_ends_sentence(t[c - 1]))
            c--;
        s = c; /* the first token after the previous sentence end */
        while (e < to && !tag_ends_sentence(t[e]))
            e++;
        if (!holds_quotation(w, s, e)) {
            size_t ms = 0, me = 0, cue_at = SIZE_MAX;
            if (layout_may_match(w->ex, LAYOUT_SENTENCE_CUE, t + s, e - s, ~(uint64_t)0)) {
                PCRE2_SIZE *ov;
                int rc = run_layout(w, LAYOUT_SENTENCE_CUE, s, e, &ov);
                if (rc < 0)
                    return rc;
                if (rc > 0) {
                    int gm = w->ex->group_m[LAYOUT_SENTENCE_CUE];
                    ms = s + ov[2 * gm];
                    me = s + ov[2 * gm + 1];
                    cue_at = s + ov[2 * w->ex->group_c[LAYOUT_SENTENCE_CUE]];
                    if (!narrow_mention(w, &ms, &me, true, true) || !plausible_speaker(w, ms, me))
                        cue_at = SIZE_MAX;
                }
            }
            if (cue_at == SIZE_MAX)
                cue_at = inverted_report(w, s, e, &ms, &me);
            if (cue_at == SIZE_MAX)
                cue_at = agent_report(w, s, e, &ms, &me);
            if (cue_at != SIZE_MAX) {
                int status = QUOTE_OK;
                /* "Debbie Kepler ... remembered when .... Now, she said,
                 * ...": a pronoun reporting speech means whom a
                 * quotation's would */
                int hint = *focus;
                if (me == ms + 1 && t[ms] == TAG_PRONOUN) {
                    int p = pronoun_hint_before(w, s, ev, ms, &status);
                    if (status)
                        return status;
                    if (p >= 0)
                        hint = p;
                }
                int ent = speaker_resolve(w, ms, me, hint, &status);
                if (status)
                    return status;
                ev->set = true;
                ev->ms = ms;
                ev->me = me;
                ev->cue = cue_at;
                ev->entity = ent;
                ev->para = w->toks.items[s].para;
                if (ent >= 0)
                    *focus = ent;
                one_asked(w, s, e, ev, focus);
            }
        }
        s = e + 1;
    }
    return QUOTE_OK;
}


/* "“A,” Trump added. He then had a question for the crowd. ¶“B?”": when
 * the sentence just before a quotation's, in [from, to), opens with a
 * pronoun standing for the latest speaker, that pronoun is the latest
 * reference to the speaker, where a continuation's mention sits - unless
 * the sentence before it names someone else the pronoun goes on with
 * ("“A,” said Ortega. Mr. Berg is persuaded. But he recognizes ...").
 * QUOTE_OK, or a negative QUOTE_E* code. */
static int latest_reference(work *w, size_t from, size_t to, int focus, event *ev)
{
    const char *t = w->toks.tags;
    size_t e = to;
    while (e > from && (t[e - 1] == TAG_PARA || tag_ends_sentence(t[e - 1])))
        e--;
    if (e == from || ev->entity < 0)
        return QUOTE_OK;
    size_t start = sentence_start(w, e - 1, LEADIN_TOKENS);
    if (start < from || (ev->ms != SIZE_MAX && start <= ev->ms))
        return QUOTE_OK;
    size_t s = past_openers(t, start, e);
    if (s >= e || t[s] != TAG_PRONOUN ||
        !(w->toks.items[s].kinds & (LEX_PRON_MALE | LEX_PRON_FEMALE | LEX_PRON_PLURAL)))
        return QUOTE_OK;
    int status = QUOTE_OK;
    if (speaker_resolve(w, s, s + 1, focus, &status) != ev->entity || status)
        return status;
    /* (the hint only when the pronoun would mean the speaker: it costs more) */
    int hint = pronoun_hint_before(w, start, ev, s, &status);
    if (status == QUOTE_OK && (hint < 0 || hint == ev->entity ||
                               speaker_resolve(w, s, s + 1, hint, &status) == ev->entity)) {
        ev->ms = s;
        ev->me = s + 1;
    }
    return status;
}

/* The sentence before the one starting at token lead_from, in its
 * paragraph or as a paragraph of its own ("Rubio disagreed.¶“Q,” he
 * said."), when it holds no quotation and is not the latest reported
 * speech (whose speaker is in focus already: "Cruz electrified the
 * crowds, Stovall said."): fills [*s, *e), false when there is none. */
static bool previous_sentence(const work *w, size_t lead_from, const event *ev, size_t *s,
                              size_t *e)
{
    const char *t = w->toks.tags;
    if (lead_from == 0 || !tag_ends_sentence(t[lead_from - 1]))
        return false;
    size_t end = lead_from - 1;
    bool new_paragraph = t[end] == TAG_PARA;
    while (end > 0 && t[end] == TAG_PARA)
        end--;
    size_t start = sentence_start(w, end, LEADIN_TOKENS);
    if (start >= end || (new_paragraph && start > 0 && t[start - 1] != TAG_PARA) ||
        memchr_any(t + start, "qQ", end - start) || (ev->set && ev->ms >= start && ev->ms < end))
        return false;
    *s = start;
    *e = end;
    return true;
}

/* "“A,” said Mayor Reyes. Councillor Marsh spoke after him. “B,” he
 * said.": the person who opens the sentence before the quotation's
 * (previous_sentence(), [s, e)) is who a pronoun there most likely means -
 * before the speaker in focus.  Fills [*ms, *me) with that noun phrase;
 * -1 for none. */
static int opening_subject(work *w, size_t s, size_t e, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    s = past_openers(t, s, e);
    /* "But state Rep. Gilda Cobb-Hunter ...", "Former Sen. ...": a
     * modifier of the title */
    while (s + 1 < e && t[s] == TAG_WORD && t[s + 1] == TAG_TITLE)
        s++;
    if (s < e && (t[s] == TAG_DET || ends_possessive(w, s))) {
        /* "The landlord, Paul Berg, did not return calls.", "Kazakhstan's
         * foreign minister, Erlan Idrissov, plays down concerns." */
        size_t ns = s, ne = np_end(w, s, e);
        if (ne < e && ends_possessive(w, ne - 1))
            ne = np_end(w, ne, e);
        appositive_name(w, &ns, &ne, e, false);
        if (ns == s) {
            /* "The governor smiled.": the person named with that title */
            int p = definite_person(w, s, ne);
            if (p >= 0) {
                *ms = s;
                *me = ne;
            }
            return p;
        }
        s = ns;
    }
    if (s >= e || (t[s] != TAG_NAME && t[s] != TAG_TITLE && t[s] != TAG_INITIAL))
        return -1;
    size_t ne = np_end(w, s, e);
    int p = person_heading(w, s, ne);
    if (p >= 0) { /* (the noun phrase only for a person: callers keep their mention else) */
        *ms = s;
        *me = ne;
    }
    return p;
}

/* opening_subject() of the sentence before the one starting at token
 * lead_from, when there is one (previous_sentence()). */
static int previous_subject(work *w, size_t lead_from, const event *ev, size_t *ms, size_t *me)
{
    size_t s, e;
    if (!previous_sentence(w, lead_from, ev, &s, &e))
        return -1;
    return opening_subject(w, s, e, ms, me);
}

/* The person who opens the paragraph before the one starting at token
 * p0 (its first sentence's subject), with that noun phrase in [*ms, *me);
 * -1 when it opens with no person or holds a quotation. */
static int paragraph_subject(work *w, size_t p0, size_t *ms, size_t *me)
{
    const char *t = w->toks.tags;
    size_t e = p0;
    while (e > 0 && t[e - 1] == TAG_PARA)
        e--;
    size_t s = paragraph_start(w, e);
    if (s >= e || e - s > 2 * LEADIN_TOKENS || memchr_any(t + s, "qQ", e - s))
        return -1;
    size_t end = s;
    while (end < e && !tag_ends_sentence(t[end]))
        end++;
    size_t ns, ne;
    int p = opening_subject(w, s, end, &ns, &ne);
    if (p < 0)
        return -1;
    /* (a sentence with a verb: not a headline's "Clinton, surprise
     * populist;") */
    for (size_t i = ne; i < end; i++)
        if (t[i] == TAG_AUX || t[i] == TAG_CUE ||
            (t[i] == TAG_WORD && (word_ends_with(w, i, "ed") || word_ends_with(w, i, "s")))) {
            *ms = ns;
            *me = ne;
            return p;
        }
    return -1;
}

/* The first person in tokens [s, e) who is the subject of a clause: a
 * name heading its phrase, not after a preposition, with a verb after it
 * ("..., and since then Ben Carson has seen ...", "Though Ms. Olivieri
 * has spent ..."; in "Mr. Trump was blunt, claiming that President Obama
 * wanted ..." the first), or -1. */
static int clause_subject_in(work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    for (size_t i = s; i < e; i++) {
        if (t[i] != TAG_NAME || (i > s && (t[i - 1] == TAG_NAME || t[i - 1] == TAG_INITIAL)))
            continue; /* the first word of each name (its titles are looked at below) */
        size_t j = i;
        while (j < e && (t[j] == TAG_NAME || t[j] == TAG_INITIAL))
            j++;
        if (j < e && (t[j] == TAG_AUX || t[j] == TAG_CUE || t[j] == TAG_ADVERB ||
                      (t[j] == TAG_WORD && word_ends_with(w, j, "ed")))) {
            size_t k = i;
            while (k > s && t[k - 1] == TAG_TITLE)
                k--;
            /* (not the object of a preposition: "married in Mississippi") */
            int p = k > s && (t[k - 1] == TAG_PREP || t[k - 1] == TAG_STOP) ? -1
                                                                             : person_heading(w, k, j);
            if (p >= 0)
                return p;
        }
        i = j;
    }
    return -1;
}

/* "Mrs. Schlafly's pronouncements drove her antagonists to distraction.
 * She said ...": the person whose possessive opens the sentence [s, e),
 * the sentence's topic, or -1 ("Iowa's caucuses" open sentences too). */
static int opening_possessor(work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    s = past_openers(t, s, e);
    size_t j = s;
    while (j < e && (t[j] == TAG_TITLE || t[j] == TAG_NAME || t[j] == TAG_INITIAL))
        j++;
    if (j == s || j >= e || !word_possessive(w, j - 1))
        return -1;
    int ent = -1;
    for (size_t i = s; i < j && ent < 0; i++)
        ent = name_entity_at(w, i);
    return ent >= 0 && entity_person(w, ent) ? ent : -1;
}

/* "The Harbor Authority published its review on Friday. “...,” it
 * said.", "Thursday's memo from the panel seemed aimed at ... “...,” it
 * stated.": the noun phrase that opens the sentence [s, e) as its subject,
 * when it is no person, is what an "it" after it most likely means; in the
 * plural ("Voters in Ohio were polled. They were skeptical"), a "they".
 * Its entity, or -1. */
static int opening_thing(work *w, size_t s, size_t e, bool plural, int *status)
{
    const char *t = w->toks.tags;
    s = past_openers(t, s, e);
    if (s >= e || !strchr("DNre", t[s]))
        return -1;
    size_t me = np_end(w, s, e);
    if (me < e && word_possessive(w, me - 1))
        me = np_end(w, me, e); /* "Thursday's memo", "the panel's report" */
    size_t v = me;
    if (v < e && (t[v] == TAG_PREP || t[v] == TAG_STOP) && word_among(w, v, "in|of|at|from|for"))
        /* "Voters in Ohio and Texas were polled" */
        do
            v = np_end(w, v + 1, e);
        while (v + 1 < e && t[v] == TAG_CONJ);
    if (v >= e || !(t[v] == TAG_AUX || t[v] == TAG_CUE ||
                    (t[v] == TAG_WORD && (word_ends_with(w, v, "ed") || word_plural(w, v)))))
        return -1; /* no verb after it: not the subject */
    if (!strchr("NrwT", t[me - 1]) || word_plural(w, me - 1) != plural)
        return -1; /* (a noun heads it, of the pronoun's number) */
    size_t head = s; /* after a possessor: "Thursday's memo" is no day */
    for (size_t i = s; i + 1 < me; i++)
        if (word_possessive(w, i))
            head = i + 1;
    int ent = speaker_resolve(w, head, me, -1, status);
    return ent >= 0 && !entity_person(w, ent) ? ent : -1;
}

/* Whom the pronoun (or possessive determiner) at token pron, in a
 * sentence opening at token lead_from, most likely means, before the
 * speaker in focus: the person opening the sentence before; else, as in
 * "But that was last fall, and since then Ben Carson has seen his standing
 * tumble. “I'm still here,” he declared.", its first clause subject; else
 * the person of the pronoun's gender whose possessive opens it - looking
 * past at most two sentences that open with a pronoun of the same gender.
 * For "it" and "they", the thing or group that opens the sentence before
 * (opening_thing).  -1 for none. */
static int pronoun_hint_before(work *w, size_t lead_from, const event *ev, size_t pron,
                               int *status)
{
    size_t s, e, ps, pe;
    if (!previous_sentence(w, lead_from, ev, &s, &e))
        return -1;
    uint32_t things = LEX_PRON_NEUTER | LEX_PRON_PLURAL;
    if (w->toks.tags[pron] == TAG_PRONOUN && (w->toks.items[pron].kinds & things))
        return opening_thing(w, s, e, (w->toks.items[pron].kinds & LEX_PRON_PLURAL) != 0, status);
    uint32_t k = w->toks.tags[pron] == TAG_PRONOUN ? w->toks.items[pron].kinds
                                                    : possessive_pronoun_kinds(w, pron);
    uint32_t gender = k & (LEX_PRON_MALE | LEX_PRON_FEMALE);
    int g = (k & LEX_PRON_MALE) ? 1 : (k & LEX_PRON_FEMALE) ? 2 : 0;
    /* "Mr. Autor is still persuaded of .... But he recognizes .... “Q,”
     * he said.": a sentence that opens with a pronoun of the same gender
     * goes on with its subject; look past it (a few sentences at most) */
    for (int hops = 0;; hops++) {
        int p = opening_subject(w, s, e, &ps, &pe);
        if (p < 0)
            p = clause_subject_in(w, s, e);
        if (p < 0) {
            /* (the possessor, for "he" or "she" of its gender only) */
            p = opening_possessor(w, s, e);
            if (p >= 0 && w->ents[p].gender != g)
                p = -1;
        }
        size_t o = past_openers(w->toks.tags, s, e);
        if (p >= 0 || !gender || hops == 2 || w->toks.tags[o] != TAG_PRONOUN ||
            (w->toks.items[o].kinds & (LEX_PRON_MALE | LEX_PRON_FEMALE)) != gender ||
            !previous_sentence(w, s, ev, &s, &e))
            return p;
    }
}

/* Does a naming verb (a cue of lexicon kind nonspeech too: "called",
 * "dubbed") introduce the quotation token qt inside a sentence ("what Mr.
 * Hedge called “the old model”")?  The words are the naming person's,
 * whatever verb the sentence goes on with; after "said" the quotation is
 * rather the object of the sentence's own verb ("Nothing the president
 * said “will help,” the senator said"). */
static bool named_by_cue(const work *w, size_t qt, bool mid_sentence)
{
    return mid_sentence && w->toks.tags[qt - 1] == TAG_CUE &&
           (w->toks.items[qt - 1].kinds & LEX_NONSPEECH);
}

/* Can a lead-in with a speech cue win over a trailer for the quotation
 * token qt (see attribute_all)?  When its sentence opens with a subordinate
 * clause, or when a naming verb introduces it. */
static bool cue_lead_may_win(const work *w, size_t lead_from, size_t qt, bool mid_sentence)
{
    return named_by_cue(w, qt, mid_sentence) || opens_subordinate_clause(w, lead_from, qt);
}

/* Does a speech cue introduce the quotation token qt ("She declared
 * “What a Super Tuesday!”", "interjecting, “Only Rosie.”")? */
static bool after_cue(const work *w, size_t qt)
{
    size_t c = token_before(w->toks.tags, 0, qt, ",:");
    return c != SIZE_MAX && (w->toks.tags[c] == TAG_CUE || w->toks.tags[c] == TAG_PARTICIPLE);
}

/* The first token at or after i with tag c, or n. */
static size_t find_tag(const char *t, size_t i, size_t n, char c)
{
    const char *p = i < n ? memchr(t + i, c, n - i) : NULL;
    return p ? (size_t)(p - t) : n;
}

/* word_count() of segment g, counted once (*cache is -1 until then) and
 * only up to 9: it is only compared with 8 and less. */
static int quote_words(const work *w, const segment *g, int *cache)
{
    if (*cache < 0)
        *cache = word_count(w, g, 9);
    return *cache;
}

int attribute_all(work *w, quote_error *err)
{
    const char *t = w->toks.tags;
    size_t n = w->toks.count;
    int focus = -1;
    event ev = {0};
    size_t scanned = 0; /* sentences before this token were scanned for cues */
    int32_t headlines = w->headlines;

    /* The quote tokens in order: the next q and the next Q, found with
     * memchr rather than a test of every tag. */
    size_t next_q = find_tag(t, 0, n, TAG_QUOTE), next_Q = find_tag(t, 0, n, TAG_QUOTE_END);
    while (next_q < n || next_Q < n) {
        size_t qt;
        if (next_q < next_Q) {
            qt = next_q;
            next_q = find_tag(t, qt + 1, n, TAG_QUOTE);
        } else {
            qt = next_Q;
            next_Q = find_tag(t, qt + 1, n, TAG_QUOTE_END);
        }
        size_t seg = (size_t)w->toks.items[qt].segment;
        attribution *at = &w->attr[seg];
        at->layout = -1;
        at->entity = -1;
        at->cue = SIZE_MAX;
        at->m_start = at->m_end = SIZE_MAX;
        at->kind = QUOTE_KIND_DIRECT;
        at->rule = "none";
        at->confidence = 0.0;

        /* Reported-speech sentences between the previous quote and this one. */
        size_t lead_from = sentence_start(w, qt, LEADIN_TOKENS);
        if (lead_from > scanned) {
            int rc = scan_sentences(w, scanned, lead_from, &ev, &focus);
            if (rc)
                return q_fail(err, rc, 0, "matching attribution layouts");
            if (ev.set && lead_from == qt) {
                rc = latest_reference(w, scanned, lead_from, focus, &ev);
                if (rc)
                    return q_fail(err, rc, 0, NULL);
            }
            scanned = lead_from;
        }

        size_t trail_to = qt + 1;
        /* the trailer is the rest of the paragraph - or, for a quote ending
         * its paragraph, a dash line under it ("— Sanders.") */
        if (trail_to + 1 < n && t[trail_to] == TAG_PARA && t[trail_to + 1] == TAG_DASH)
            trail_to++;
        while (trail_to < n && trail_to - qt < TRAILER_TOKENS && t[trail_to] != TAG_PARA)
            trail_to++;
        bool headline = w->toks.items[qt].para < headlines;

        const segment *g = &w->segs.items[seg];
        /* The word count only matters for short quotations, and counting
         * walks the whole quotation: it is taken only when a cheaper test
         * has not already decided (-1: not counted yet). */
        int words = -1;
        bool mid_sentence = lead_from < qt && !tag_ends_sentence(t[qt - 1]) &&
                            t[qt - 1] != TAG_COLON;
        if (!headline && is_subheading(w, qt, g) && quote_words(w, g, &words) <= 8) {
            /* ‘A fight from start to finish.’ alone on its line: a section
             * heading made of a pull quote */
            at->rule = "heading";
            at->layout = -2;
            continue;
        }
        if (qt > 0 && qt + 1 < n && (t[qt - 1] == TAG_NAME || t[qt - 1] == TAG_INITIAL) &&
            t[qt + 1] == TAG_NAME && token_in_name(w, qt)) {
            /* Marcia “Cia” Price: a nickname, part of a name */
            at->rule = "nickname";
            at->layout = -2;
            continue;
        }
        bool nonspeech = !headline && looks_nonspeech(w, qt);
        if ((nonspeech && quote_words(w, g, &words) <= 6) ||
            (!headline && mid_sentence && !after_cue(w, qt) && quote_words(w, g, &words) <= 5 &&
             looks_title(w, g))) {
            /* the memoir “Roads to Nowhere”, a man who goes by “Sparrow” */
            at->rule = "title";
            at->layout = -2;
            continue;
        }

        /* The rest of this sentence is the quote's own trailer: not a
         * separate reported-speech event.  (A dropped quote - a title, a
         * nickname, a heading - leaves its sentence to the scan.) */
        scanned = qt + 1;
        while (scanned < n && !tag_ends_sentence(t[scanned - 1]) && t[scanned] != TAG_QUOTE &&
               t[scanned] != TAG_QUOTE_END)
            scanned++;

        int focus_before = focus; /* for the explanation of a pronoun */
        int subject = -1; /* the person opening the sentence before (previous_subject) */
        size_t question;  /* an interview's question before the answer (interview_answer) */
        size_t subject_ms = 0, subject_me = 0; /* subject's noun phrase */
        candidate best = {-1, 0, 0, SIZE_MAX, 0.0, false};
        candidate named_lead = best; /* the best lead-in naming someone */
        candidate cue_lead = best;   /* the best lead-in with a speech cue */
        /* the tags of each window, for the layouts' cheap "needs" test */
        uint64_t trail_set = tag_set(t, qt, trail_to), lead_set = tag_set(t, lead_from, qt + 1);
        /* Without an explanation to write, only the decision matters, and a
         * layout that cannot beat the best candidate so far (a candidate
         * replaces it only with a higher confidence) need not run - but for
         * the two other uses of the lead-in candidates: cue_lead only counts
         * when cue_lead_may_win() (then nothing is
         * skipped), named_lead only when the best names a pronoun (then the
         * skipped lead-ins run after the loop). */
        int subordinate = -1; /* cue_lead_may_win(), once needed */
        uint32_t skipped = 0; /* the lead-in layouts skipped, by bit */
        for (int l = 0; l < LAYOUT_COUNT; l++) {
            enum layout_site site = quote_layouts[l].site;
            size_t from, to;
            uint64_t present;
            if (site == SITE_TRAILER) {
                from = qt;
                to = trail_to;
                present = trail_set;
            } else if (site == SITE_LEADIN) {
                from = lead_from;
                to = qt + 1;
                present = lead_set;
            } else if (site == SITE_PARAGRAPH && headline) {
                from = paragraph_start(w, qt);
                to = qt + 1;
                present = ~(uint64_t)0;
            } else {
                continue;
            }
            if (!layout_may_match(w->ex, l, t + from, to - from, present))
                continue;
            if (!w->explain && best.layout >= 0 && max_confidence(w, l, qt) <= best.confidence) {
                if (site != SITE_LEADIN)
                    continue; /* only lead-ins have other uses */
                /* cue_lead can only replace a trailer (which all run
                 * before the lead-ins) */
                if (subordinate < 0 && quote_layouts[best.layout].site == SITE_TRAILER)
                    subordinate = cue_lead_may_win(w, lead_from, qt, mid_sentence);
                if (subordinate != 1) {
                    skipped |= (uint32_t)1 << l;
                    continue;
                }
            }
            candidate c;
            int rc = try_layout(w, l, from, to, qt, &c);
            if (rc < 0)
                return q_fail(err, rc, 0, "matching attribution layouts");
            if (rc == 0)
                continue;
            explain_candidate(w, seg, &c);
            if (c.confidence > best.confidence)
                best = c;
            /* (a possessor is no clause's subject) */
            if (site == SITE_LEADIN && l != LAYOUT_LEAD_POSSESSIVE && has_name(w, c.ms, c.me) &&
                (named_lead.layout < 0 || c.confidence > named_lead.confidence))
                named_lead = c;
            if (site == SITE_LEADIN && c.cue != SIZE_MAX && t[c.cue] == TAG_CUE &&
                c.confidence > cue_lead.confidence)
                cue_lead = c;
        }
        if (skipped && best.me == best.ms + 1 && t[best.ms] == TAG_PRONOUN) {
            /* named_lead as if nothing had been skipped: the first of the
             * highest confidence, in layout order */
            for (int l = 0; l < LAYOUT_COUNT; l++) {
                if (!(skipped & (uint32_t)1 << l))
                    continue;
                candidate c;
                int rc = try_layout(w, l, lead_from, qt + 1, qt, &c);
                if (rc < 0)
                    return q_fail(err, rc, 0, "matching attribution layouts");
                if (rc > 0 && l != LAYOUT_LEAD_POSSESSIVE && has_name(w, c.ms, c.me) &&
                    (named_lead.layout < 0 || c.confidence > named_lead.confidence ||
                     (c.confidence == named_lead.confidence && l < named_lead.layout)))
                    named_lead = c;
            }
        }
        /* "Although Reynolds says that Santilli “Q”, others argue ...",
         * "After Scalia said that “Q,” Trump said: ...": a quotation in a
         * subordinate clause with a cue of its own is that clause's, not
         * the main clause's after it ("When X said so, he “Q”": after a
         * comma the quotation is in the main clause).  So is a quotation
         * inside a sentence that a naming verb introduces ("Under what
         * Mr. Hedge called “the old model,” the club charged ..."). */
        if (best.layout >= 0 && quote_layouts[best.layout].site == SITE_TRAILER &&
            cue_lead.layout >= 0 &&
            ((opens_subordinate_clause(w, lead_from, qt) &&
              !memchr_any(t + cue_lead.cue, ",-:", qt - cue_lead.cue)) ||
             (cue_lead.cue + 1 == qt && named_by_cue(w, qt, mid_sentence)))) {
            if (w->explain)
                qbuf_printf(w->a, &w->explain[seg], "; subordinate clause: %s preferred",
                            quote_layouts[cue_lead.layout].name);
            best = cue_lead;
        }

        /* Continuing the latest attribution competes with the layouts: it
         * is strong for a quote opening its sentence right after an
         * attributed one, weak for a quote inside a sentence of narration. */
        int32_t para = w->toks.items[qt].para;
        double cont = 0.0;
        bool listed = false; /* after a quotation its sentence's cue introduced */
        if (ev.set && para - ev.para <= 1)
            cont = lead_from < qt ? 0.4 : para == ev.para ? 0.7 : 0.6;
        /* "“A,” said X, explaining that ...: “B”", "“A,” said X, adding
         * that “B”": a quotation its own sentence's speaker introduces
         * with a colon or a participle cue */
        if (cont == 0.4 && ev.ms >= lead_from && ev.ms < qt) {
            size_t b = token_before(t, lead_from, qt, "t,");
            if (t[qt - 1] == TAG_COLON || (b != SIZE_MAX && t[b] == TAG_PARTICIPLE))
                cont = 0.7;
            /* "X called for a “cultural war” against “liberals and
             * radicals”": a second quotation after the one its cue
             * introduced, with no cue of its own between them */
            else if (ev.cue != SIZE_MAX && ev.cue > ev.ms && ev.cue < qt &&
                     memchr_any(t + ev.cue + 1, "qQ", qt - ev.cue - 1) &&
                     !memchr_any(t + ev.cue + 1, "CK", qt - ev.cue - 1)) {
                cont = 0.75;
                listed = true;
            }
        }
        /* A quotation running over paragraphs belongs to the attribution
         * where it opens, not to a cue after its last paragraph. */
        if (cont == 0.7 && w->segs.items[seg].multi_paragraph)
            cont = 0.95;
        if (best.layout >= 0 && best.confidence < cont) {
            if (w->explain)
                qbuf_printf(w->a, &w->explain[seg], "; continuation %.2f preferred", cont);
            best.layout = -1;
        }
        if (best.layout >= 0) {
            int status = QUOTE_OK;
            int ent = -1;
            size_t later = later_subject(w, qt, &best);
            if (best.passive) {
                best.ms = best.me = SIZE_MAX; /* a question put to someone: no speaker */
                at->rule = "passive";
            } else {
                /* "X fired back: “A,” he wrote": the pronoun of a trailer is
                 * the person the lead-in of the same sentence names; so is
                 * a possessor's ("Trump stood by his comment that") */
                int hint = focus;
                bool possessor = best.layout == LAYOUT_LEAD_POSSESSIVE && t[best.ms] == TAG_DET;
                if (best.me == best.ms + 1 && (t[best.ms] == TAG_PRONOUN || possessor)) {
                    if (named_lead.layout >= 0) {
                        hint = speaker_hint(w, named_lead.ms, named_lead.me, focus, &status);
                        if (status)
                            return q_fail(err, status, 0, NULL);
                    } else {
                        subject = pronoun_hint_before(w, lead_from, &ev, best.ms, &status);
                        if (status)
                            return q_fail(err, status, 0, NULL);
                        if (subject >= 0)
                            hint = subject;
                    }
                }
                ent = speaker_resolve(w, best.ms, best.me, hint, &status);
                if (status)
                    return q_fail(err, status, 0, NULL);
            }
            at->layout = best.layout;
            at->m_start = best.ms;
            at->m_end = best.me;
            at->cue = best.cue;
            at->entity = ent;
            at->confidence = best.confidence;
            if (later != SIZE_MAX && ent >= 0) {
                /* the mention shown is the pronoun nearer the quotation
                 * when it means the same person ("Mika Brzezinski said ...
                 * and he ..." keeps her); the event keeps the name */
                if (speaker_resolve(w, later, later + 1, ent, &status) == ent) {
                    at->m_start = later;
                    at->m_end = later + 1;
                }
                if (status)
                    return q_fail(err, status, 0, NULL);
            }
            if (!best.passive)
                at->rule = quote_layouts[best.layout].name;
            at->main_clause = quote_layouts[best.layout].main_clause && !best.passive;
            if (headline)
                at->kind = QUOTE_KIND_HEADLINE;
            else if (mid_sentence && !strchr(",C-(K", t[qt - 1]))
                at->kind = QUOTE_KIND_PARTIAL; /* a fragment inside a sentence */
            if (at->main_clause && ent >= 0)
                focus = ent;
            if (!best.passive) {
                ev.set = true;
                ev.ms = best.ms;
                ev.me = best.me;
                ev.cue = best.cue;
                ev.entity = ent;
                ev.para = w->toks.items[qt].para;
                if (quote_layouts[best.layout].site == SITE_TRAILER)
                    relative_cue_event(w, best.me, &ev);
            }
        } else if (looks_nonspeech(w, qt) && cont == 0.0) {
            at->rule = "nonspeech";
            at->layout = -2; /* dropped from the result */
        } else if (transcript_speaker(w, qt, &at->m_start, &at->m_end)) {
            int status = attribute_to_mention(w, at, focus, "transcript", 0.5);
            if (status)
                return q_fail(err, status, 0, NULL);
        } else if (interview_answer(w, qt, &at->m_start, &at->m_end, &question)) {
            /* the person in focus, else the one named last before the
             * question (in the interview's introduction, questions rarely
             * naming anyone) */
            at->entity = focus >= 0 && entity_person(w, focus) ? focus : person_before(w, question);
            at->rule = "interview-answer";
            at->confidence = 0.5;
        } else if ((cont > 0.0 || (qt > 0 && t[qt - 1] == TAG_PARA)) && lead_from == qt &&
                   (subject = previous_subject(w, lead_from, &ev, &subject_ms, &subject_me)) >= 0 &&
                   subject != ev.entity) {
            /* "Clinton touted her credentials as a co-sponsor. “We need
             * ...”": a quotation opening its sentence after a sentence
             * about a person, who did not speak in it, is that person's -
             * not the earlier speaker's */
            attribute_to_subject(at, &ev, subject, subject_ms, subject_me, para,
                                 "previous-subject", 0.5);
            focus = subject;
        } else if (cont == 0.0 && lead_from == qt && qt > 0 && t[qt - 1] == TAG_PARA &&
                   para > headlines &&
                   (subject = paragraph_subject(w, qt, &subject_ms, &subject_me)) >= 0) {
            /* "Maria Lopez has run the shelter for 20 years. On a recent
             * morning, she was sorting coats. ¶“People think ...”": a
             * paragraph of quotation after one about a person, with no
             * speaker before, is that person's */
            attribute_to_subject(at, &ev, subject, subject_ms, subject_me, para,
                                 "paragraph-subject", 0.4);
            focus = subject;
        } else if (cont > 0.0) {
            at->m_start = ev.ms;
            at->m_end = ev.me;
            at->cue = ev.cue;
            at->entity = ev.entity;
            at->kind = QUOTE_KIND_CONTINUATION;
            at->rule = "continuation";
            at->confidence = cont;
            ev.para = para; /* a run of quote paragraphs */
        } else if (nearest_subject(w, qt, &at->m_start, &at->m_end)) {
            /* no cue anywhere near: the last person named earlier in the
             * paragraph is the likeliest speaker */
            int status = attribute_to_mention(w, at, focus, "nearest-person", 0.3);
            if (status)
                return q_fail(err, status, 0, NULL);
        } else if (ev.set) {
            at->m_start = ev.ms;
            at->m_end = ev.me;
            at->cue = ev.cue;
            at->entity = focus >= 0 ? focus : ev.entity;
            at->kind = QUOTE_KIND_CONTINUATION;
            at->rule = "distant-speaker";
            at->confidence = 0.25;
        } else {
            at->rule = "none";
            at->confidence = 0.2;
        }
        /* A short unattributed fragment mid-sentence is a scare quote -
         * but not one in a list its sentence's cue introduced ("searched
         * for “ambassador,” “attack” and “Libya”": the first one's) */
        if (at->layout == -1 && !listed && qt > 0 && !tag_ends_sentence(t[qt - 1]) &&
            t[qt - 1] != TAG_COLON && quote_words(w, g, &words) < 3) {
            at->rule = "scare-quote";
            at->layout = -2;
        }
        if (w->explain) {
            qbuf *x = &w->explain[seg];
            if (x->len == 0)
                qbuf_printf(w->a, x, "no layout matched");
            /* the decision: the rule, and who the mention was taken to be */
            qbuf_printf(w->a, x, "; chosen: %s", at->rule);
            if (at->entity >= 0) {
                const entity *en = &w->ents[at->entity];
                qbuf_printf(w->a, x, " -> %.*s", (int)(en->name_end - en->name_start),
                            w->text + en->name_start);
                if (at->m_end == at->m_start + 1 && t[at->m_start] == TAG_PRONOUN)
                    qbuf_printf(w->a, x, " (pronoun: %s)",
                                at->entity == focus_before ? "the speaker in focus"
                                : at->entity == subject    ? "the subject of the sentence before"
                                                           : "the nearest agreeing name");
            }
        }
    }
    return QUOTE_OK;
}
