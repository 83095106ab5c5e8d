/* speaker.c - from a mention to the entity it denotes.
 *
 *  - a name ("Mr Tillerson", "Rex W") is the entity of its name occurrence
 *    (names.c merged partial names into the fullest form);
 *  - a pronoun is the current focus (the last main-clause speaker) when
 *    gender and number agree, else the nearest earlier person that agrees;
 *  - a description ("a police spokesperson", "the ministry") is its own
 *    entity, shared by identical descriptions in the article.
 */
#include <string.h>

#include "internal.h"

/* Binary search: index of the first name occurrence starting at or after tok. */
static size_t first_name_at(const work *w, size_t tok)
{
    size_t lo = 0, hi = w->nnames;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->names[mid].title_start < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The possessive determiners, and the pronoun kinds they stand for. */
uint32_t possessive_pronoun_kinds(const work *w, size_t i)
{
    if (word_among(w, i, "his|His"))
        return LEX_PRON_MALE;
    if (word_among(w, i, "her|Her"))
        return LEX_PRON_FEMALE;
    if (word_among(w, i, "their|Their"))
        return LEX_PRON_PLURAL;
    if (word_among(w, i, "its|Its"))
        return LEX_PRON_NEUTER;
    return 0;
}

bool token_in_name(const work *w, size_t tok)
{
    size_t k = first_name_at(w, tok + 1);
    return k > 0 && w->names[k - 1].tok_end > tok;
}

static bool pronoun_agrees(work *w, int e, uint32_t kinds)
{
    const entity *en = &w->ents[e];
    if (kinds & LEX_PRON_MALE)
        return entity_gender_compatible(en->gender, 1) && entity_person(w, e);
    if (kinds & LEX_PRON_FEMALE)
        return entity_gender_compatible(en->gender, 2) && entity_person(w, e);
    if (kinds & (LEX_PRON_PLURAL | LEX_PRON_NEUTER))
        return !entity_person(w, e);
    return false;
}

#define PRONOUN_LOOKBACK 64 /* name occurrences examined, at most */

static int resolve_pronoun(work *w, size_t tok, uint32_t kinds, int focus)
{
    if (kinds & LEX_PRON_FIRST)
        return focus; /* "I said" in a quote-only context: the speaker in focus */
    if (focus >= 0 && pronoun_agrees(w, focus, kinds))
        return focus;
    size_t k = first_name_at(w, tok);
    for (size_t steps = 0; k > 0 && steps < PRONOUN_LOOKBACK; steps++) {
        const name_occ *o = &w->names[--k];
        if (o->entity >= 0 && pronoun_agrees(w, o->entity, kinds))
            return o->entity;
    }
    return -1;
}

/* Is token i a role noun in the plural ("aides", "officials", "spokesmen")?
 * (Not "boss", "campus", "press".) */
static bool plural_role(const work *w, size_t i)
{
    if (w->toks.tags[i] != TAG_ROLE)
        return false;
    return word_ends_with(w, i, "men") || word_plural(w, i);
}

#define DESCRIPTION_LOOKBACK 64 /* entities examined, at most */

/* An entity for a description, shared with an identical earlier one. */
static int description_entity(work *w, size_t ts, size_t te, int *status)
{
    size_t bs = w->toks.items[ts].start, be = w->toks.items[te - 1].end;
    /* a bounded look back over the latest entities keeps this linear */
    for (size_t e = w->nents, steps = 0; e > 0 && steps < DESCRIPTION_LOOKBACK; e--, steps++) {
        entity *en = &w->ents[e - 1];
        if (en->desc_end == 0)
            continue;
        if (en->desc_end - en->desc_start == be - bs &&
            memcmp(w->text + en->desc_start, w->text + bs, be - bs) == 0)
            return (int)(e - 1);
    }
    if (!qa_reserve(w->a, (void **)&w->ents, &w->ents_cap, sizeof(entity), w->nents + 1)) {
        *status = QUOTE_ENOMEM;
        return -1;
    }
    entity *en = &w->ents[w->nents];
    memset(en, 0, sizeof *en);
    en->chain = -1;
    en->first_tok = ts;
    en->ntok = (uint32_t)(te - ts);
    en->name_start = bs;
    en->name_end = be;
    en->desc_start = bs;
    en->desc_end = be;
    /* "the company said" is an organisation; "a spokeswoman" is a person */
    en->person = false;
    for (size_t i = ts; i < te; i++) {
        uint32_t k = w->toks.items[i].kinds;
        if (k & LEX_MALE)
            en->gender = 1;
        if (k & LEX_FEMALE)
            en->gender = 2;
        if (w->toks.tags[i] == TAG_ROLE && !(k & LEX_ORGANISATION))
            en->person = true;
    }
    /* "aides conceded", "two officials said": a group, which "they" may
     * refer to and "she" may not */
    if (en->person && plural_role(w, te - 1))
        en->person = false;
    return (int)w->nents++;
}

/* Is token i, a title or a role, the noun `head` (n bytes)?  Spelled alike
 * whatever the case ("Senator", "senator"), or as its abbreviation ("Sen."
 * for "senator", "Gov." for "governor"). */
static bool title_means(const work *w, size_t i, const char *head, size_t n)
{
    const token *k = &w->toks.items[i];
    const char *p = w->text + k->start;
    size_t len = k->end - k->start;
    if (len > 2 && p[len - 1] == '.')
        len--; /* an abbreviation: its letters begin the noun */
    else if (len != n)
        return false;
    if (len > n)
        return false;
    for (size_t j = 0; j < len; j++) {
        unsigned char a = (unsigned char)p[j], b = (unsigned char)head[j];
        if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z'))
            return false;
    }
    return true;
}

#define DEFINITE_LOOKBACK 64 /* name occurrences examined, at most */

/* Is [ms, me) a definite description of one person by a role: "the",
 * then a role noun in the singular at its end ("the senator", "the
 * Democratic candidate")? */
static bool definite_role(const work *w, size_t ms, size_t me)
{
    return me - ms >= 2 && word_among(w, ms, "the|The") && w->toks.tags[me - 1] == TAG_ROLE &&
           !plural_role(w, me - 1);
}

/* Is token i spelled like one of the tokens [lo, hi)? */
static bool spelled_among(const work *w, size_t i, size_t lo, size_t hi)
{
    const token *m = &w->toks.items[i];
    size_t n = m->end - m->start;
    for (size_t j = lo; j < hi; j++) {
        const token *c = &w->toks.items[j];
        if (c->end - c->start == n && memcmp(w->text + c->start, w->text + m->start, n) == 0)
            return true;
    }
    return false;
}

/* A word that changes the rank a title names: a vice president is not the
 * president. */
static bool rank_word(const work *w, size_t i)
{
    return word_among(w, i, "vice|Vice|deputy|Deputy|assistant|Assistant|associate|Associate|"
                            "lieutenant|Lieutenant|Lt.|under|Under");
}

/* Does the description [ds, de), whose head is its last token, name the
 * person of occurrence o?  o has a title or a role (just before it) that
 * is the head ("Sen." for "the senator"), with the same rank word if
 * either has one ("the vice president" is not "President Obama"); and the
 * description's own names are written just before the titles ("the
 * Florida senator": "Florida Sen. Marco Rubio", not "Sen. Joni Ernst"). */
static bool description_names(const work *w, size_t ds, size_t de, const name_occ *o)
{
    const char *tags = w->toks.tags;
    const token *h = &w->toks.items[de - 1];
    const char *hw = w->text + h->start;
    size_t hn = h->end - h->start;
    size_t from = o->title_start > 0 && tags[o->title_start - 1] == TAG_ROLE ? o->title_start - 1
                                                                            : o->title_start;
    size_t match = SIZE_MAX;
    for (size_t i = from; i < o->tok_start && match == SIZE_MAX; i++)
        if (title_means(w, i, hw, hn))
            match = i;
    if (match == SIZE_MAX)
        return false;
    bool rank_d = de - 2 > ds && rank_word(w, de - 2);
    bool rank_o = match > from && rank_word(w, match - 1);
    if (rank_d != rank_o)
        return false;
    if (rank_d) {
        const token *r = &w->toks.items[de - 2];
        if (!title_means(w, match - 1, w->text + r->start, r->end - r->start))
            return false;
    }
    size_t near = from > 3 ? from - 3 : 0;
    for (size_t i = ds + 1; i < de - 1; i++) {
        if (tags[i] != TAG_NAME)
            continue;
        if (!spelled_among(w, i, near, o->tok_start))
            return false;
    }
    return true;
}

/* "the senator", "the Democratic candidate": a definite description whose
 * head is a title or a role refers to a person named before it with that
 * title or role (description_names) - the one of them mentioned last, in
 * any form ("President Barack Obama ... World Bank President Jim Yong Kim
 * ... Obama said ... The president also said" is Obama).  Its entity, or
 * -1. */
static int definite_description(work *w, size_t m_start, size_t m_end)
{
    if (!definite_role(w, m_start, m_end))
        return -1;
    int titled[8];
    size_t ntitled = 0;
    size_t first = first_name_at(w, m_start);
    for (size_t k = first, steps = 0; k > 0 && steps < DEFINITE_LOOKBACK && ntitled < 8; steps++) {
        const name_occ *o = &w->names[--k];
        bool known = false; /* (each person once: "Sen. Holm ... Sen. Holm") */
        for (size_t j = 0; j < ntitled && !known; j++)
            known = titled[j] == o->entity;
        if (o->entity >= 0 && !known && description_names(w, m_start, m_end, o) &&
            entity_person(w, o->entity))
            titled[ntitled++] = o->entity;
    }
    for (size_t k = first, steps = 0; ntitled > 0 && k > 0 && steps < DEFINITE_LOOKBACK; steps++) {
        int e = w->names[--k].entity;
        for (size_t j = 0; j < ntitled; j++)
            if (titled[j] == e)
                return e;
    }
    return -1;
}

/* The head of the description [s, e): its last role noun before a
 * preposition or a comma ("spokeswoman" of "a spokeswoman for the
 * company"), or SIZE_MAX. */
static size_t description_head(const work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    size_t head = SIZE_MAX;
    for (size_t i = s; i < e && t[i] != TAG_PREP && t[i] != TAG_COMMA; i++)
        if (t[i] == TAG_ROLE)
            head = i;
    return head;
}

/* "A senior administration official, speaking on condition of anonymity,
 * said .... “...,” the official added.": a definite description whose
 * head is a role ("the official", "the spokeswoman") is the latest
 * description before it with that head and the description's other words
 * ("a senior administration official", "a spokeswoman for the company").
 * Its entity, or -1. */
static int described_before(work *w, size_t m_start, size_t m_end)
{
    if (!definite_role(w, m_start, m_end))
        return -1;
    for (size_t e = w->nents, steps = 0; e > 0 && steps < DESCRIPTION_LOOKBACK; e--, steps++) {
        const entity *en = &w->ents[e - 1];
        if (en->desc_end == 0)
            continue;
        size_t fs = en->first_tok, fe = en->first_tok + en->ntok;
        size_t h = description_head(w, fs, fe);
        if (h == SIZE_MAX || !spelled_among(w, m_end - 1, h, h + 1))
            continue;
        /* (no less specific: "the Ohio governor" is not "the governor") */
        bool within = true;
        for (size_t i = m_start + 1; i + 1 < m_end && within; i++)
            within = spelled_among(w, i, fs, fe);
        if (within)
            return (int)(e - 1);
    }
    return -1;
}

/* Is token i spelled as token j, but for the case of its first letter
 * ("committee", "Committee")? */
static bool same_word_any_case(const work *w, size_t i, size_t j)
{
    const token *a = &w->toks.items[i], *b = &w->toks.items[j];
    size_t n = a->end - a->start;
    return n > 0 && b->end - b->start == n &&
           (w->text[a->start] | 0x20) == (w->text[b->start] | 0x20) &&
           memcmp(w->text + a->start + 1, w->text + b->start + 1, n - 1) == 0;
}

/* "Acme Corp. said ... “...,” the company said.": a definite description
 * whose head names a kind of organisation ("the company", "the
 * committee") is the organisation named last before it whose name ends in
 * that noun ("the Judiciary Committee") or, for a company, in a company's
 * suffix ("Acme Corp.").  Its entity, or -1. */
static int organisation_named_before(work *w, size_t ms, size_t me)
{
    if (me - ms != 2 || !word_among(w, ms, "the|The") ||
        !(w->toks.items[ms + 1].kinds & LEX_ORGANISATION))
        return -1;
    bool company = word_among(w, ms + 1, "company|firm|corporation");
    size_t k = first_name_at(w, ms);
    for (size_t steps = 0; k > 0 && steps < PRONOUN_LOOKBACK; steps++) {
        const name_occ *o = &w->names[--k];
        /* (a name of two words at least, outside a Title Case headline,
         * where "Newspaper Says ..." is no name) */
        if (o->entity < 0 || entity_person(w, o->entity) || w->ents[o->entity].ntok < 2 ||
            w->toks.items[o->tok_start].para < w->headlines)
            continue;
        const entity *en = &w->ents[o->entity];
        size_t last = en->first_tok + en->ntok - 1;
        if (same_word_any_case(w, ms + 1, last) ||
            (company && word_among(w, last, "Corp.|Corp|Inc.|Inc|Co.|Ltd.|LLC|Corporation|Company")))
            return o->entity;
    }
    return -1;
}

int definite_person(work *w, size_t ms, size_t me)
{
    int e = definite_description(w, ms, me);
    return e >= 0 && entity_person(w, e) ? e : -1;
}

/* Is the text of token i written within four tokens of an occurrence of
 * entity e among the VARIED_LOOKBACK names before token before ("Sen.
 * Marco Rubio of Florida" for "Florida")? */
#define VARIED_LOOKBACK 256
static bool written_near(const work *w, size_t i, int e, size_t before)
{
    size_t k = first_name_at(w, before);
    for (size_t steps = 0; k > 0 && steps < VARIED_LOOKBACK; steps++) {
        const name_occ *o = &w->names[--k];
        if (o->entity != e)
            continue;
        size_t lo = o->title_start > 4 ? o->title_start - 4 : 0;
        size_t hi = o->tok_end + 4 < w->toks.count ? o->tok_end + 4 : w->toks.count;
        if (spelled_among(w, i, lo, hi))
            return true;
    }
    return false;
}

/* "Rubio offered the crowd an emotional evaluation .... The Florida senator
 * sought to calm his supporters", "the Democratic presidential candidate",
 * "the Russian leader": a definite description of a person's role that
 * names a place, a party or a body is how news varies its references to
 * the person in focus, when no one was named with that title - provided
 * none of those names is a person ("the senior Cruz adviser") and each
 * name that is not a title was written next to the person's ("Sen. Marco
 * Rubio of Florida"; a party, "Republican", is a title).  The focus, or
 * -1.  (A bare "the judge" or "the spokesman" is as often someone new.) */
static int varied_reference(work *w, size_t m_start, size_t m_end, int focus)
{
    const char *tags = w->toks.tags;
    size_t head = m_end - 1;
    if (focus < 0 || m_end - m_start < 3 || !definite_role(w, m_start, m_end) ||
        (w->toks.items[head].kinds & LEX_ORGANISATION) || w->ents[focus].desc_end != 0 ||
        !entity_person(w, focus))
        return -1;
    bool named = false;
    for (size_t i = m_start + 1; i < head; i++) {
        if (tags[i] != TAG_NAME && tags[i] != TAG_TITLE)
            continue;
        int p = name_entity_at(w, i);
        if ((p >= 0 && entity_person(w, p)) ||
            (tags[i] == TAG_NAME && !written_near(w, i, focus, m_start)))
            return -1;
        named = true;
    }
    return named ? focus : -1;
}

static int resolve(work *w, size_t m_start, size_t m_end, int focus, int *status, bool speaks);

int speaker_resolve(work *w, size_t m_start, size_t m_end, int focus, int *status)
{
    return resolve(w, m_start, m_end, focus, status, true);
}

int speaker_hint(work *w, size_t m_start, size_t m_end, int focus, int *status)
{
    int e = resolve(w, m_start, m_end, focus, status, false);
    /* a name heading its phrase in the text, not only in the mention, is
     * a person ("Filippo Grandi, the UN refugee chief, reacted"); not
     * "Cost" of "Cost estimates, he added", nor "People" alone */
    if (e >= 0 && !w->ents[e].person) {
        size_t k = first_name_at(w, m_start);
        /* (two words at least, here or in the fullest name: a lone
         * capitalised word opening a sentence is as often "People" or
         * "Using" as a surname) */
        if (k < w->nnames && w->names[k].title_start < m_end && w->names[k].entity == e &&
            (w->names[k].tok_end - w->names[k].title_start >= 2 || w->ents[e].ntok >= 2)) {
            size_t end = w->names[k].tok_end;
            char next = end < w->toks.count ? w->toks.tags[end] : 0;
            if (next != TAG_WORD && next != TAG_ROLE && next != TAG_TITLE && next != TAG_NAME &&
                !ends_possessive(w, end - 1))
                w->ents[e].person = true;
        }
    }
    return e;
}

/* Does the name starting at token ts follow a preposition (and maybe an
 * article) after a common noun, inside a mention starting at ms ("a
 * spokesman for Mr. Trump", "Supporters of Ms. Lind", "the mayor of the
 * Bronx")?  Not after a title ("Secretary of State John Kerry") or a
 * name ("Dr. Imani Brooks of St. Jude's"). */
static bool complement_name(const work *w, size_t ms, size_t ts)
{
    const char *t = w->toks.tags;
    size_t j = ts;
    if (j > ms && t[j - 1] == TAG_DET)
        j--;
    /* (unlike a mention's extent, mention.c's noun_complement, a name's
     * speaking takes "from": "a letter from Mr. Trump" is the letter; "to"
     * is a preposition only after a role noun: "an adviser to Mr. Trump") */
    if (j < ms + 2 || !(t[j - 1] == TAG_PREP || t[j - 1] == TAG_STOP) ||
        !word_among(w, j - 1, "of|for|at|from|with|near|to"))
        return false;
    char head = t[j - 2];
    return head == TAG_ROLE || head == TAG_WORD ||
           (head == TAG_NAME && j - 2 == ms && word_plural(w, ms) && !token_in_name(w, ms));
}

/* A word that, as a whole name, names a group, a language or a nation
 * rather than a person: a plural ("Democrats", "Audiences") or a word of
 * lexicon kind demonym or country ("Russian", "Chinese", "China"). */
static bool lone_group_word(const work *w, size_t tok)
{
    return word_plural(w, tok) || (w->toks.items[tok].kinds & LEX_DEMONYM);
}

static int resolve(work *w, size_t m_start, size_t m_end, int focus, int *status, bool speaks)
{
    const char *tags = w->toks.tags;
    /* A pronoun mention */
    if (m_end - m_start == 1 && tags[m_start] == TAG_PRONOUN)
        return resolve_pronoun(w, m_start, w->toks.items[m_start].kinds, focus);
    /* "her remark that": a possessive determiner stands for a pronoun */
    if (m_end - m_start == 1 && tags[m_start] == TAG_DET) {
        uint32_t kinds = possessive_pronoun_kinds(w, m_start);
        if (kinds)
            return resolve_pronoun(w, m_start, kinds, focus);
    }
    /* A name that heads the mention: an occurrence within it that no
     * common noun follows ("Sean Hannity" in "Fox News host Sean Hannity";
     * not "Small" in "Small shops", nor "Trump" in "Trump supporters"). */
    size_t k = first_name_at(w, m_start);
    /* A mention starting inside a name ("Otter" of C.L. “Butch” Otter):
     * that name's entity, before any name later in the mention ("R-Idaho"
     * in "Otter (R-Idaho)") */
    if (k > 0 && w->names[k - 1].tok_end > m_start && w->names[k - 1].entity >= 0)
        return w->names[k - 1].entity;
    for (; k < w->nnames && w->names[k].title_start < m_end; k++) {
        const name_occ *o = &w->names[k];
        if (o->entity < 0)
            continue;
        /* "a spokesman for Mr. Trump", "Supporters of Ms. Lind": a name in
         * the complement of the common noun heading the mention is not
         * who speaks; the mention describes the speaker */
        if (complement_name(w, m_start, o->title_start))
            return description_entity(w, m_start, m_end, status);
        size_t after = o->tok_end;
        /* a title after the name makes it a modifier: the speaker is the
         * person the title introduces ("CIA Director John Brennan") */
        if (after < m_end &&
            (tags[after] == TAG_WORD || tags[after] == TAG_ROLE || tags[after] == TAG_TITLE ||
             ends_possessive(w, after - 1)))
            continue; /* (and a possessor: "NBC’s Chuck Todd") */
        /* "the Ministry of Health", "The New York Post": a name after an
         * article is an organisation, named by the whole mention */
        if (o->title_start > m_start &&
            (tags[o->title_start - 1] == TAG_DET || tags[m_start] == TAG_DET) &&
            !entity_person(w, o->entity))
            return description_entity(w, m_start, m_end, status);
        int e = o->entity;
        /* a name that speaks, without an article before it, is a person:
         * a later "she added" may refer to it even when the first name is
         * unknown ("Harbour Master Ilse Brandt"); a name that is only a
         * pronoun's hint ("Cost estimates, he added") is not made one, nor
         * is a plural never written as a fuller name ("Democrats say",
         * "Audiences can expect") */
        if (speaks && !(w->ents[e].ntok == 1 && o->title_start == o->tok_start &&
                        lone_group_word(w, o->tok_start)))
            w->ents[e].person = true;
        return e;
    }
    int e = definite_description(w, m_start, m_end);
    if (e < 0)
        e = varied_reference(w, m_start, m_end, focus);
    if (e < 0)
        e = described_before(w, m_start, m_end);
    if (e < 0)
        e = organisation_named_before(w, m_start, m_end);
    return e >= 0 ? e : description_entity(w, m_start, m_end, status);
}

/* Could the name occurrence o, of two words or more, be a person's
 * name?  Not after an article ("the United States"), not in capitals
 * ("FULL TEXT", a section label), not a group in the plural ("Catholic
 * Republicans", "Senate Democrats", "Young Evangelicals", "Lucent
 * Technologies"). */
static bool looks_personal(const work *w, const name_occ *o)
{
    if (o->title_start > 0 && w->toks.tags[o->title_start - 1] == TAG_DET)
        return false;
    const token *first = &w->toks.items[o->tok_start], *last = &w->toks.items[o->tok_end - 1];
    const char *p = w->text + first->start;
    if (first->end - first->start > 1 && p[1] >= 'A' && p[1] <= 'Z')
        return false;
    static const char *const plural[] = {"ans", "ats", "ics", "als", "ers", "ists", "ites", "ies"};
    for (size_t i = 0; i < sizeof plural / sizeof *plural; i++)
        if (word_ends_with(w, (size_t)(last - w->toks.items), plural[i]))
            return false;
    return true;
}

/* The occurrence, at or before names[k], that wrote k's entity in full
 * (as many words as its fullest name), looked for among the latest
 * occurrences only; NULL when there is none. */
static const name_occ *full_occurrence(const work *w, size_t k)
{
    int e = w->names[k].entity;
    for (size_t steps = 0; steps < PRONOUN_LOOKBACK; steps++) {
        const name_occ *o = &w->names[k];
        if (o->entity == e && o->tok_end - o->tok_start == w->ents[e].ntok)
            return o;
        if (k-- == 0)
            break;
    }
    return NULL;
}

int person_heading(work *w, size_t s, size_t e)
{
    const char *t = w->toks.tags;
    for (size_t k = first_name_at(w, s); k < w->nnames && w->names[k].title_start < e; k++) {
        const name_occ *o = &w->names[k];
        size_t end = o->tok_end;
        /* a modifier of the head: "Obama consultant Cornell Belcher",
         * "Bloomberg's pollster", "CIA Director John Brennan" */
        if (word_possessive(w, end - 1) ||
            (end < e && (t[end] == TAG_ROLE || t[end] == TAG_TITLE || t[end] == TAG_WORD)))
            continue;
        if (o->entity < 0)
            return -1;
        /* a name of two words or more as a subject is a person even with
         * a first name of unknown gender ("Cornell Belcher"), unless it
         * ends in an organisation noun; so is a surname alone whose full
         * name was such ("Angel Mendoza came ...  Mendoza witnessed") */
        const name_occ *full = o->tok_end - o->tok_start >= 2 ? o : full_occurrence(w, k);
        if (!w->ents[o->entity].person && full && full->tok_end - full->tok_start >= 2 &&
            looks_personal(w, full))
            w->ents[o->entity].person = true; /* (entity_person still asks for the noun) */
        return entity_person(w, o->entity) ? o->entity : -1;
    }
    return -1;
}

int person_before(work *w, size_t tok)
{
    size_t k = first_name_at(w, tok);
    for (size_t steps = 0; k > 0 && steps < PRONOUN_LOOKBACK; steps++) {
        const name_occ *o = &w->names[--k];
        if (o->entity >= 0 && entity_person(w, o->entity))
            return o->entity;
    }
    return -1;
}

int name_entity_at(const work *w, size_t tok)
{
    size_t k = first_name_at(w, tok);
    return k < w->nnames && w->names[k].title_start == tok ? w->names[k].entity : -1;
}
