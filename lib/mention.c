/* mention.c - from a matched speaker region to the mention itself.
 *
 * A layout's (?<m>) group is a region of tokens that holds the speaker:
 * "In a statement, Brian Fallon, a spokesman, said" or "Dr. Imani Brooks of
 * St. Jude's Hospital on Friday".  These functions cut it down to the noun
 * phrase that names the speaker.
 */
#include <string.h>

#include "internal.h"

/* A comma-separated chunk that opens with one of these is an introductory
 * phrase or a relative clause, not the subject: "In a statement, ...",
 * "..., who replaced Ana Duarte as chair, said". */
static bool chunk_is_intro(char first)
{
    return strchr("oxeaGCKdctvR", first) != NULL;
}

bool is_subordinator(const work *w, size_t i)
{
    static const char *const sub[] = {"although", "though", "after", "as", "while", "when",
                                      "before", "since", "because", "if", "whereas", "once",
                                      "until", "Although", "Though", "After", "As", "While",
                                      "When", "Before", "Since", "Because", "If", "Whereas",
                                      "Once", "Until"};
    return word_in(w, i, sub, sizeof sub / sizeof sub[0]);
}

/* Does a past participle and its preposition start at token i ("obtained
 * by", "prepared for", "provided to")? */
static bool past_participle_phrase(const work *w, size_t i)
{
    return w->toks.tags[i] == TAG_WORD && i + 1 < w->toks.count &&
           (w->toks.tags[i + 1] == TAG_PREP || word_is(w, i + 1, "to")) &&
           word_ends_with(w, i, "ed");
}

/* A lowercase word in -ed, no compound ("Koch-funded" modifies): after a
 * name, the subject's verb ("Ryan endorsed Trump"), not a modifier (after
 * a possessive it is one: "the Party's presumed nominee"). */
static bool past_tense_verb(const work *w, size_t i)
{
    const token *k = &w->toks.items[i];
    return k->end - k->start > 4 && word_ends_with(w, i, "ed") &&
           !memchr(w->text + k->start, '-', k->end - k->start);
}

/* Is token q a quantifier followed by "of" ("one of them", "some of the
 * delegates")?  Its phrase runs through "of" to what it counts. */
static bool quantifier_of(const work *w, size_t q)
{
    return q + 1 < w->toks.count && w->toks.tags[q + 1] == TAG_PREP && word_is(w, q + 1, "of") &&
           word_among(w, q, "one|One|some|Some|many|Many|most|Most|several|Several|two|Two|three|"
                            "Three|each|Each|none|None");
}

/* The noun phrase starting at token s (at most up to e): a pronoun, or an
 * optional determiner and modifiers up to the head noun or the end of a
 * name ("the New Jersey governor", "Sen. Ted Cruz", "Its hosts"). */
size_t np_end(const work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    size_t i = s;
    if (i < e && t[i] == TAG_PRONOUN)
        return i + 1;
    if (i < e && t[i] == TAG_DET)
        i++;
    /* "one of her ads", "some of the delegates": a quantifier's phrase
     * runs through "of" to the noun it counts */
    if (i == s + 1 && i + 1 < e && quantifier_of(w, s) &&
        (t[i + 1] == TAG_DET || t[i + 1] == TAG_WORD || t[i + 1] == TAG_ROLE)) {
        i++;
        if (t[i] == TAG_DET)
            i++;
    }
    bool named = false;
    while (i < e) {
        char c = t[i];
        if (c == TAG_NAME || c == TAG_INITIAL || c == TAG_TITLE) {
            named = true;
            i++;
        } else if (c == TAG_ROLE || c == TAG_NUMBER) {
            i++;
        } else if (c == TAG_WORD && named && past_tense_verb(w, i) && !word_possessive(w, i - 1)) {
            break; /* "Mr. Carson endorsed Mr. Trump": the verb ends it */
        } else if (c == TAG_WORD && named && i + 1 < e && t[i + 1] == TAG_ROLE) {
            i++; /* "Nuclear proliferation experts": a modifier of the role noun */
        } else if ((c == TAG_WORD || c == TAG_ROLE) && named && i + 1 < e &&
                   (t[i + 1] == TAG_NAME || t[i + 1] == TAG_TITLE ||
                    (i + 2 < e && strchr("wr", t[i + 1]) &&
                     (t[i + 2] == TAG_NAME || t[i + 2] == TAG_TITLE)))) {
            i++; /* "Former Republican presidential candidate Jeb Bush" */
        } else if (c == TAG_WORD && !named && i > s && past_participle_phrase(w, i)) {
            break; /* "audio provided to The Times" */
        } else if (c == TAG_WORD && !named && i > s && (t[i - 1] == TAG_WORD || t[i - 1] == TAG_ROLE) &&
                   past_tense_verb(w, i)) {
            break; /* "The candidate changed her message": after a noun, the
                      verb (after an article it is an adjective: "a detailed
                      plan") */
        } else if (c == TAG_WORD && !named) {
            /* a modifier when another noun follows, else the head */
            bool modifier = i + 1 < e && strchr("wrNTId", t[i + 1]);
            i++;
            if (!modifier)
                break;
        } else if (c == TAG_PREP && i > s && t[i - 1] == TAG_TITLE && i + 1 < e &&
                   (t[i + 1] == TAG_TITLE || t[i + 1] == TAG_NAME)) {
            i++; /* Secretary of State */
        } else if (c == TAG_LPAREN) {
            size_t j = i + 1;
            while (j < e && j - i < 6 && t[j] != TAG_RPAREN)
                j++;
            if (j >= e || t[j] != TAG_RPAREN)
                break;
            i = j + 1; /* Rep. Jim Jordan (R-Ohio) */
        } else {
            break;
        }
    }
    return i > s ? i : s + 1;
}

/* Is token i a party and state ("R-Calif.", "D-N.Y.", "I-Vt.")? */
static bool party_affiliation(const work *w, size_t i)
{
    const token *k = &w->toks.items[i];
    const char *p = w->text + k->start;
    return k->end - k->start >= 3 && (p[0] == 'R' || p[0] == 'D' || p[0] == 'I') && p[1] == '-' &&
           p[2] >= 'A' && p[2] <= 'Z';
}

/* Could the chunk [cs, ce) be a place: a name of one to three words, not
 * a person's ("Speaking in Harlem, Clinton, without naming him, ...")? */
static bool place_chunk(const work *w, size_t cs, size_t ce)
{
    if (ce <= cs || ce - cs > 3)
        return false;
    for (size_t i = cs; i < ce; i++)
        if (w->toks.tags[i] != TAG_NAME)
            return false;
    int e = name_entity_at(w, cs);
    return e < 0 || !w->ents[e].person;
}

/* Is the chunk [cs, ce), a name of up to three words set off by a comma
 * after a name of up to four words that follows "in", "from", "of", "at"
 * or "near", the place's state or country ("in Worcester, Massachusetts,")?
 * (The place may be before the matched region.) */
static bool place_after_place(const work *w, size_t cs, size_t ce)
{
    const char *t = w->toks.tags;
    if (!place_chunk(w, cs, ce))
        return false;
    size_t r = cs - 2;
    while (r > 0 && cs - 2 - r < 4 && (t[r - 1] == TAG_NAME || t[r - 1] == TAG_INITIAL))
        r--;
    return r > 0 && word_among(w, r - 1, "in|from|of|at|near");
}

/* Is the chunk [cs, ce) of a region starting at s a label of the name
 * before it, never a subject of its own?  An abbreviation set off by
 * commas after a name ("in Coral Springs, Fla., charged", "Acme, Inc.,
 * said"), a party and state ("McCarthy, R-Calif., revealed"), a place set
 * off after a place ("a woman in Worcester, Massachusetts, told him"; but
 * "in Ohio, Trump said" is Trump), or the place a region opens with. */
static bool set_off_label(const work *w, size_t s, size_t cs, size_t ce)
{
    const char *t = w->toks.tags;
    if (ce > cs && cs >= 2 && t[cs - 1] == TAG_COMMA && t[cs - 2] == TAG_NAME &&
        ce < w->toks.count && t[ce] == TAG_COMMA) {
        if (ce == cs + 1 && ((w->toks.items[cs].kinds & LEX_ABBREVIATION) || party_affiliation(w, cs)))
            return true;
        if (place_after_place(w, cs, ce))
            return true;
    }
    return cs == s && cs > 0 && place_chunk(w, cs, ce) && word_among(w, cs - 1, "in|from|at|near");
}

/* Is token p a preposition that attaches a complement to the noun before
 * it ("the mayor of the town", "a spokesman for the company", "fans at the
 * game", "aides to the governor": the tokenizer tags "to" a preposition only
 * after a role noun)?  Not "from", as likely to attach further back ("a
 * letter to the board from the staff association"). */
static bool noun_complement(const work *w, size_t p)
{
    const char t = w->toks.tags[p];
    return (t == TAG_PREP || t == TAG_STOP) &&
           word_among(w, p, "of|for|at|outside|inside|near|with|in|behind|to");
}

/* The token where the subject of the chunk [cs, ce) starts: past an
 * opening conjunction or adverb and a word modifying a title ("But state
 * Rep. Ada Holm"). */
static size_t chunk_subject(const char *t, size_t cs, size_t ce)
{
    while (cs < ce && (t[cs] == TAG_CONJ || t[cs] == TAG_ADVERB))
        cs++;
    if (cs + 1 < ce && t[cs] == TAG_WORD && t[cs + 1] == TAG_TITLE)
        cs++;
    return cs;
}

/* Is the chunk [cs, ce) an appositive describing the person named before
 * it: a noun phrase with an article or a role ("the editor of the paper",
 * "a member of the committee"), or names modifying a role ("South
 * Carolina director for Sanders")? */
static bool describes_person(const char *t, size_t cs, size_t ce)
{
    if (cs < ce && (t[cs] == TAG_DET || t[cs] == TAG_ROLE))
        return true;
    size_t i = cs;
    while (i < ce && t[i] == TAG_NAME)
        i++;
    return i > cs && i < ce && t[i] == TAG_ROLE;
}

/* Narrow a matched speaker region [ms, me) to the mention.  `before_cue`
 * says the region stands before the cue (X said) rather than after it
 * (said X). */
bool narrow_mention(const work *w, size_t *ms, size_t *me, bool before_cue, bool leadin)
{
    const char *t = w->toks.tags;
    size_t s = *ms, e = *me;
    while (s < e && (t[s] == TAG_COMMA || t[s] == TAG_DASH || t[s] == TAG_LPAREN))
        s++;
    while (e > s && (t[e - 1] == TAG_COMMA || t[e - 1] == TAG_DASH))
        e--;
    /* Comma-separated chunks.  After a quote the subject comes first
     * ("X, the chairman of Y, said"); before one, introductory phrases come
     * first ("In a statement, X, a spokesman, said"), so the chunk next to
     * the cue is taken when it names someone, else the nearest named chunk
     * before it, else the nearest description.  Chunks that open like an
     * introduction or a relative clause are never the subject. */
    size_t starts[32], ends[32];
    size_t nchunks = 0;
    bool after_intro = false;
    for (size_t cs = s; cs < e && nchunks < 32;) {
        size_t ce = cs;
        int depth = 0;
        /* (dashes set off an appositive too: "X — a teacher — says") */
        while (ce < e && ((t[ce] != TAG_COMMA && t[ce] != TAG_DASH) || depth > 0)) {
            depth += t[ce] == TAG_LPAREN ? 1 : t[ce] == TAG_RPAREN ? -1 : 0;
            ce++;
        }
        if (leadin && ce > cs && t[cs] == TAG_RELATIVE)
            break; /* "X, whose start-up, Paradata, uses ..., said": the rest is
                      the relative clause */
        /* "..., when Mr. Buchanan, who ..., called for “...”": a
         * subordinate clause's subject after its conjunction is a chunk
         * like any other (the cue may be that clause's) */
        if (leadin && ce > cs + 1 && t[cs] == TAG_STOP && strchr("NTP", t[cs + 1]) &&
            is_subordinator(w, cs))
            cs++;
        bool place = after_intro && ce - cs <= 3 && ce > cs;
        for (size_t i = cs; place && i < ce; i++)
            place = t[i] == TAG_NAME;
        if (set_off_label(w, s, cs, ce)) {
            cs = ce + 1;
            continue;
        }
        /* a number opens an introduction ("Two years ago, ...") but, next
         * to the cue, the subject itself ("21 percent said") */
        after_intro = ce > cs && ((chunk_is_intro(t[cs]) && !(t[cs] == TAG_NUMBER && ce >= e)) ||
                                  past_participle_phrase(w, cs));
        if (place) {
            after_intro = true; /* "during a meeting in Columbus, Ohio, said" */
        } else if (ce > cs && !after_intro) {
            starts[nchunks] = cs;
            ends[nchunks] = ce;
            nchunks++;
        }
        cs = ce + 1;
    }
    if (nchunks == 0)
        return false; /* only introductory phrases: "in a statement credited" */
    {
        size_t pick = 0;
        if (!leadin && nchunks >= 2 &&
            ((!strchr("NTIP", t[starts[0]]) && strchr("NTIP", t[starts[nchunks - 1]])) ||
             (ends[nchunks - 1] == starts[nchunks - 1] + 1 && t[starts[nchunks - 1]] == TAG_PRONOUN))) {
            /* "''...'' income, he said": the named chunk; "Compaq, she
             * predicted, would come": the pronoun next to the cue */
            pick = nchunks - 1;
        } else if (leadin && nchunks >= 2 &&
                   strchr("NTI", t[chunk_subject(t, starts[0], ends[0])]) &&
                   describes_person(t, starts[1], ends[1])) {
            /* "Giovanni Vian, the editor of the paper, X, said", "But
             * state Rep. Ada Holm, a member of the committee, recalled",
             * "Chris Covert, South Carolina director for Sanders, said" */
            pick = 0;
        } else if (leadin) {
            pick = nchunks - 1;
            if (!strchr("NTIP", t[starts[pick]])) {
                for (size_t k = nchunks - 1; k-- > 0;)
                    if (strchr("NTIP", t[starts[k]])) {
                        pick = k;
                        break;
                    }
            }
        }
        s = starts[pick];
        e = ends[pick];
        /* "Another source speaking to Fox News said", "A letter obtained
         * by The Associated Press warns": a participle phrase after the
         * subject is not part of it */
        if (leadin)
            for (size_t i = s + 1; i < e; i++)
                if (t[i] == TAG_PARTICIPLE || past_participle_phrase(w, i)) {
                    e = i;
                    break;
                }
    }
    if (before_cue) {
        /* "a reporter in the back row wondered": a place after the
         * subject ("in" is a stop word) is not the speaker */
        for (size_t i = s + 1; i < e; i++)
            if (t[i] == TAG_STOP && strchr("wr", t[i - 1])) {
                e = i;
                break;
            }
        /* The noun phrase nearest the end of the chunk ("Trump on Tuesday
         * said": not the preposition). */
        while (e > s && (t[e - 1] == TAG_PREP || t[e - 1] == TAG_TIME))
            e--;
        size_t i = e;
        if (i > s && t[i - 1] == TAG_PRONOUN) {
            *ms = i - 1;
            *me = i;
            return true;
        }
        bool named = false;
        while (i > s) {
            char c = t[i - 1];
            if (c == TAG_NAME || c == TAG_INITIAL || c == TAG_TITLE) {
                named = true;
            } else if (c == TAG_PREP) {
                /* "Secretary of State", "spokesman for the campaign",
                 * "the Ministry of Health" */
                if (!(i - 1 > s && (t[i - 2] == TAG_TITLE || t[i - 2] == TAG_ROLE ||
                                    (t[i - 2] == TAG_NAME && named))))
                    break;
            } else if (c == TAG_DET) {
                i--;
                /* "a spokesman for the company said", "the mayor of the
                 * town told": a phrase after a preposition complements the
                 * noun before it, which heads the subject */
                if (i >= s + 2 && noun_complement(w, i - 1) &&
                    (t[i - 2] == TAG_ROLE || t[i - 2] == TAG_WORD ||
                     (t[i - 2] == TAG_NAME && i - 2 == s && word_plural(w, s)))) {
                    i--;
                    named = false; /* (a name in the complement is not the head) */
                    continue;
                }
                break;
            } else if (c == TAG_ROLE || c == TAG_WORD || c == TAG_NUMBER) {
                if (named && c == TAG_WORD)
                    break;
            } else if (c == TAG_RPAREN || c == TAG_LPAREN) {
                /* "Rep. Jim Jordan (R-Ohio)" */
            } else if (c == TAG_OTHER && named && i - 1 > s &&
                       (t[i - 2] == TAG_NAME || t[i - 2] == TAG_INITIAL)) {
                /* "P&G", "AT&T": a symbol inside a name */
            } else {
                break;
            }
            i--;
        }
        size_t chunk = s;
        if (i < e)
            s = i;
        /* "one of them said", "some of the protesters said": the
         * quantifier is the subject, not what it counts */
        if (s >= chunk + 2 && quantifier_of(w, s - 2))
            s -= 2;
        while (s < e && (t[s] == TAG_RPAREN || t[s] == TAG_PREP))
            s++;
        /* "... and in a statement credited him for “...”": a description
         * after "in" is where it was said, not who said it */
        if (leadin && !named && s > 0 && word_is(w, s - 1, "in"))
            return false;
    } else {
        /* said X: up to a preposition that follows a name ("Dr. Imani
         * Brooks of St. Jude's") or a time word. */
        for (size_t i = s; i < e; i++) {
            if (t[i] == TAG_PRONOUN && i == s) {
                e = i + 1;
                break;
            }
            if ((t[i] == TAG_PREP && i > s && (t[i - 1] == TAG_NAME || t[i - 1] == TAG_INITIAL)) ||
                t[i] == TAG_TIME || t[i] == TAG_LPAREN) {
                e = i;
                break;
            }
        }
    }
    while (e > s && (t[e - 1] == TAG_PREP || t[e - 1] == TAG_DET || t[e - 1] == TAG_LPAREN))
        e--;
    if (e > s) {
        *ms = s;
        *me = e;
    }
    return true;
}

/* Is there a person or thing in the region a speaker could be? */
bool plausible_speaker(const work *w, size_t ms, size_t me)
{
    if (me - ms >= 3 && quantifier_of(w, ms))
        return true; /* "said one of them" */
    for (size_t i = ms; i < me; i++) {
        char c = w->toks.tags[i];
        if (c == TAG_NAME || c == TAG_PRONOUN || c == TAG_ROLE || c == TAG_TITLE ||
            c == TAG_INITIAL)
            return true;
        if ((c == TAG_WORD || c == TAG_NUMBER || c == TAG_DET) && i > ms &&
            w->toks.tags[i - 1] == TAG_DET)
            return true; /* "the report", "a source", "the 43-year-old", "the two" */
        if (c == TAG_WORD && i > ms && w->toks.tags[i - 1] == TAG_NUMBER)
            return true; /* "21 percent said", "two officials" */
    }
    if (me - ms == 1 && w->toks.tags[ms] == TAG_DET) {
        /* "tweeted another", "read one": a determiner standing alone, but
         * not an article or a possessive */
        const token *k = &w->toks.items[ms];
        size_t n = k->end - k->start;
        const char *p = w->text + k->start;
        if (n == 3 && (memcmp(p, "one", 3) == 0 || memcmp(p, "One", 3) == 0))
            return true;
        return n > 3 && !(k->kinds & LEX_PRONOUN) && memcmp(p, "the", 3) != 0 &&
               memcmp(p, "The", 3) != 0 && memcmp(p, "their", 5 < n ? 5 : n) != 0;
    }
    /* bare plural: "officials said", "sources" */
    return me - ms == 1 && w->toks.tags[ms] == TAG_WORD;
}
