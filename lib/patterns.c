/* patterns.c - the attribution layouts, as PCRE2 patterns over tag strings.
 *
 * Each token of the article has a one-letter tag (internal.h, tokens.c):
 *   Q q  a quotation (Q: its content ends a sentence)   C  speech cue
 *   K    speech cue in -ing (saying, adding): its subject is the clause's
 *   P    subject pronoun      T  title (Mr, Sen.)      N  capitalised word
 *   I    initial              r  role noun (spokesman) D  determiner
 *   w    other word           o  preposition           d  number
 *   a    adverb               v  auxiliary             c  conjunction
 *   R    who/which            t  that                  G  according/per
 *   x    subordinator/stop    e  time word             , : . - ( ) |  punctuation
 * so `“We can talk,” Mr Tillerson said.` is "qTNC." and the layout
 * "trailing-cue" below matches it.  (?<m>...) captures the speaker region
 * and (?<c>...) the cue; attribute.c narrows the region to the mention.
 *
 * Trailer patterns are anchored at the quote token and run forward; lead-in
 * patterns end at the quote token ($) and run over the sentence before it.
 *
 * needs, within and requires (internal.h) restate, as tags a window must
 * hold, what a pattern cannot match without: they let attribute.c skip most
 * PCRE2 calls.  Keep them true to the patterns when these change: a wrong
 * one loses matches, which tests/test_layouts.c looks for.  So does run
 * (and run_max, run_next): for the unanchored layouts that open with a
 * noun phrase, layout_match() tries one start per run of its tags rather
 * than every tag, which is where an unanchored search spends its time -
 * and only the runs that the pattern can go on after.
 */
#include "internal.h"

/* The material of a noun phrase, with and without subject pronouns. */
#define NP_TAGS  "DTNIrwod()"
#define NPP_TAGS "DTNIPrwod()"
#define NP       "[" NP_TAGS "]"
#define NPP      "[" NPP_TAGS "]"
/* An appositive, relative or subordinate clause between the subject and
 * the cue: `X, the chairman of Y, said`, `X, when asked about it, said`,
 * `X — a teacher from Leeds — says`. */
#define APP                                                                                        \
    "(?:,(?:R[^.:|Qq]{0,30}?|x[^.:|Qq]{1,30}?|(?:[^.:|QqC]|(?<=v)C){1,30}?)[,q]|-[^.:|QqC-]{1,30}?-)?"
/* A short appositive without dashes, for the weaker layouts. */
#define APP_SHORT "(?:,[^.:|QqCx-]{1,12}?,)?"
/* After a quotation the subject may carry one comma ("the bespectacled,
 * 71-year-old diplomat said"). */
#define APP_TRAIL "(?:,[^.:|QqC]{1,30}?[,q]?)?"
/* Introductory phrases before a sentence's subject: `In a statement,`,
 * `Speaking to reporters on Monday,`, `When asked about it,`, and time
 * phrases opening with a determiner (`A few days later,`, `Two weeks ago,`). */
#define INTRO                                                                                      \
    "(?:[NIed(),y]{1,12}-)?[ca]*(?:(?:(?:[oxeaGCKdv(]|w[^.|Qq:,]{0,5}?o)[^.|Qq:]{0,25}?|D[wdae]{0,3}e)," \
    "(?:N{1,3},)?[ca]*)*"

const layout_info quote_layouts[LAYOUT_COUNT] = {
    [LAYOUT_TRAIL_CUE] = {.name = "trailing-cue",
                          .pattern = "^[Qq]-?,?(?<m>[DTNIPrwod(][DTNIPrwodcx()y]{0,11}?" APP_TRAIL
                                     ")[ave]{0,3}(?<c>C)",
                          .site = SITE_TRAILER,
                          .confidence = 0.9,
                          .main_clause = true,
                          .needs = "C"},
    [LAYOUT_TRAIL_INVERTED] = {.name = "trailing-inverted",
                               .pattern = "^[Qq]-?,?[ave]{0,2}(?<c>C)a{0,2}(?<m>" NPP NP "{0,13})",
                               .site = SITE_TRAILER,
                               .confidence = 0.9,
                               .main_clause = true,
                               .needs = "C",
                               .within = 6},
    [LAYOUT_TRAIL_ACCORDING] = {.name = "trailing-according",
                                .pattern = "^[Qq],?G[ov]?(?<m>" NPP "[DTNIPrwodxC()]{0,11})",
                                .site = SITE_TRAILER,
                                .confidence = 0.85,
                                .main_clause = true,
                                .needs = "G",
                                .within = 3,
                                .mention = MENTION_NP},
    [LAYOUT_TRAIL_ACCORDING_FAR] = {.name = "trailing-according-outer",
                                    .pattern = "^[Qq][^.|Qq]{1,14}?,G[ov]?(?<m>" NPP
                                               "[DTNIPrwodxC()]{0,11})",
                                    .site = SITE_TRAILER,
                                    .confidence = 0.92,
                                    .main_clause = true,
                                    .needs = "G",
                                    .requires = ",",
                                    .mention = MENTION_NP},
    [LAYOUT_TRAIL_REPORTS] = {.name = "trailing-report-outer",
                              .pattern =
                                  "^[Qq][^.|Qq]{1,20}?,(?<c>C)(?<m>[DTNIr]" NP "{0,8})(?=[.|]|$)",
                              .site = SITE_TRAILER,
                              .confidence = 0.92,
                              .main_clause = true,
                              .needs = "C",
                              .requires = ",",
                              .mention = MENTION_NP,
                              .cue_words = "reports|reported"},
    [LAYOUT_TRAIL_AS] = {.name = "trailing-as",
                         .pattern = "^[Qq],?x(?<m>[DTNIPr]" NP "{0,8}?)[ave]{0,2}(?<c>C)",
                         .site = SITE_TRAILER,
                         .confidence = 0.85,
                         .main_clause = true,
                         .needs = "x",
                         .within = 3,
                         .word_before = "as"},
    [LAYOUT_TRAIL_DASH] = {.name = "trailing-dash",
                           .pattern = "^[Qq]\\|?-(?<m>[DTNIr]" NP "{0,11})",
                           .site = SITE_TRAILER,
                           .confidence = 0.8,
                           .main_clause = true,
                           .needs = "-",
                           .within = 3,
                           .mention = MENTION_NP_WINDOW},
    [LAYOUT_TRAIL_VERB] = {.name = "trailing-verb",
                           .pattern = "^q-?,?(?<m>P|D?[wa]{0,2}[TNIr][TNIrd]{0,4}|D[TNIrwad]{0,4}"
                                      "(?:oD?[TNIrwad]{0,3})?[TNIrwd])[ave]{0,2}(?<c>w)(?=[.,|oe]|$)",
                           .site = SITE_TRAILER,
                           .confidence = 0.7,
                           .main_clause = true,
                           .needs = "q",
                           .within = 1,
                           .requires = "w"},
    [LAYOUT_TRAIL_FAR] = {.name = "trailing-clause",
                          .pattern = "^[Qq][^.|QC]{0,20}?[,q],?(?<m>" NPP "{1,6}?)" APP
                                     "[ave]{0,2}(?<c>C)(?=[.,|oexv]|$)",
                          .site = SITE_TRAILER,
                          .confidence = 0.7,
                          .main_clause = true,
                          .needs = "C"},
    [LAYOUT_TRAIL_FAR_INVERTED] = {.name = "trailing-clause-inverted",
                                   .pattern =
                                       "^[Qq][^.|QC]{0,20}?,[ave]{0,2}(?<c>C)[ave]{0,2}(?<m>" NPP NP
                                       "{0,13})(?=[.,|]|$)",
                                   .site = SITE_TRAILER,
                                   .confidence = 0.7,
                                   .main_clause = true,
                                   .needs = "C",
                                   .requires = ","},
    [LAYOUT_TRAIL_VERB_INVERTED] = {.name = "trailing-verb-inverted",
                                    .pattern = "^q-?,?(?<c>w)(?<m>[TNIr]" NP "{0,8})(?=[.,|]|$)",
                                    .site = SITE_TRAILER,
                                    .confidence = 0.6,
                                    .main_clause = true,
                                    .needs = "q",
                                    .within = 1,
                                    .requires = "w"},
    [LAYOUT_LEAD_CUE] = {.name = "leading-cue",
                         .pattern = "(?<m>" NPP "{1,12}(?:K" NPP "{0,6})?" APP
                                    ")[ave]{0,3}(?<c>C)[^.|QqC:]{0,14}?[:,]?[Qq]$",
                         .site = SITE_LEADIN,
                         .confidence = 0.85,
                         .main_clause = true,
                         .needs = "C",
                         .within = 17,
                         .run = NPP_TAGS,
                         .run_max = 12,
                         .run_next = "K,-aveC"},
    [LAYOUT_LEAD_AS] = {.name = "as-aside",
                        .pattern = "x(?<m>[DTNIPr]" NP
                                   "{0,8}?)[ave]{0,2}(?<c>C)[^.|QqC]{0,8}?,[^.|Q]{0,30}?[:,]?[Qq]$",
                        .site = SITE_LEADIN,
                        .confidence = 0.8,
                        .main_clause = true,
                        .needs = "C",
                        .requires = "x,",
                        .word_before = "as"},
    [LAYOUT_LEAD_INVERTED] = {.name = "leading-inverted",
                              .pattern = "^[ca]*(?<c>C)(?<m>[DTNIr]" NP
                                         "{0,8})(?:,[^.|QqC:]{1,20}?)?[,:][Qq]$",
                              .site = SITE_LEADIN,
                              .confidence = 0.85,
                              .main_clause = true,
                              .needs = "C"},
    [LAYOUT_LEAD_WITH] = {.name = "with-participle",
                          /* "with many marchers and spectators chanting", "with
                           * Trump reportedly yelling:" */
                          .pattern = "o(?<m>[DTNIr][DTNIrwodc()]{0,9})a{0,2}(?<c>K)[^.|QqC]{0,14}?[:,]?[Qq]$",
                          .site = SITE_LEADIN,
                          .confidence = 0.8,
                          .main_clause = true,
                          .needs = "K",
                          .within = 17,
                          .requires = "o",
                          .mention = MENTION_NP,
                          .word_before = "with"},
    [LAYOUT_LEAD_ACCORDING] = {.name = "leading-according",
                               .pattern = "G[ov]?(?<m>" NPP
                                          "[DTNIPrwodxC()]{0,11})(?:,[^.|Q:]{1,30}?)?[,:]?[Qq]$",
                               .site = SITE_LEADIN,
                               .confidence = 0.92,
                               .main_clause = true,
                               .needs = "G",
                               .mention = MENTION_NP},
    [LAYOUT_LEAD_RELATIVE] =
        {.name = "relative-clause",
         .pattern =
             "(?<m>" NP "{1,12},?R)(?:[^.|QqC]{0,8}?(?<c>[CK])|[ave]{0,3}w)[^.|QC]{0,40}[Qq]$",
         .site = SITE_LEADIN,
         .confidence = 0.68,
         .main_clause = false,
         .needs = "R",
         .mention = MENTION_KEEP,
         .run = NP_TAGS,
         .run_max = 12,
         .run_next = ",R"},
    [LAYOUT_LEAD_COORD] = {.name = "coordinated-cue",
                           .pattern = "^" INTRO "(?<m>" NPP
                                      "{1,8}?)[^.|Qq]*c[ave]{0,3}(?<c>C)[^.|QqC]{0,8}?[:,]?[Qq]$",
                           .site = SITE_LEADIN,
                           .confidence = 0.75,
                           .main_clause = true,
                           .needs = "C",
                           .within = 11,
                           .requires = "c",
                           .mention = MENTION_NP_QUOTE},
    [LAYOUT_LEAD_PARTIAL] = {.name = "reported-speech",
                             .pattern =
                                 "(?<m>" NPP "{1,12}" APP ")[ave]{0,3}(?<c>C)[^.|Q]{0,40}[Qq]$",
                             .site = SITE_LEADIN,
                             .confidence = 0.7,
                             .main_clause = true,
                             .needs = "C",
                             .run = NPP_TAGS,
                             .run_max = 12,
                             .run_next = ",-aveC"},
    [LAYOUT_LEAD_SUBJECT] = {.name = "sentence-subject",
                             .pattern = "^" INTRO "(?<m>[DTNIPrw]" NP "{0,7}?(?:x[TN]{1,3})?)" APP
                                        "[ave]{0,3}(?<c>[wCKv])[^.|]*?[Qq]$",
                             .site = SITE_LEADIN,
                             .confidence = 0.5,
                             .main_clause = true,
                             .needs = "wCKv",
                             .mention = MENTION_NP_QUOTE},
    [LAYOUT_LEAD_COLON] = {.name = "colon",
                           .pattern = "(?:^|[-,])(?<m>[DTNIr][DTNIrwodc()]{0,8}):[Qq]$",
                           .site = SITE_LEADIN,
                           .confidence = 0.87,
                           .main_clause = true,
                           .needs = ":",
                           .within = 2,
                           .mention = MENTION_NP},
    [LAYOUT_LEAD_SOURCE] = {.name = "source",
                            .pattern = "^[ca]*o(?<m>[DTNIr]" NP "{0,8}):[Qq]$",
                            .site = SITE_LEADIN,
                            .confidence = 0.75,
                            .main_clause = true,
                            .needs = ":",
                            .within = 2,
                            .requires = "o"},
    [LAYOUT_LEAD_ASIDE_INVERTED] = {.name = "aside-inverted",
                                    .pattern = ",[av]?(?<c>C)(?<m>[TNI]" NP
                                               "{0,12})(?:,[^.|QqC]{1,20}?)?,[^.|Q]{0,30}?[Qq]$",
                                    .site = SITE_LEADIN,
                                    .confidence = 0.8,
                                    .main_clause = true,
                                    .needs = "C",
                                    .requires = ","},
    [LAYOUT_LEAD_ASIDE] = {.name = "aside",
                           .pattern =
                               ",(?<m>P|[DTNIr]" NP "{0,5})[ave]{0,2}(?<c>C),[^.|Q]{0,30}?[Qq]$",
                           .site = SITE_LEADIN,
                           .confidence = 0.8,
                           .main_clause = true,
                           .needs = "C",
                           .requires = ","},
    [LAYOUT_LEAD_CLAUSE] = {.name = "clause-subject",
                            .pattern = "(?<m>[TNIP][DTNIrwd()]{0,7}" APP_SHORT
                                       ")[ave]{0,3}(?<c>w)[^.|QqC]{0,6}[Qq]$",
                            .site = SITE_LEADIN,
                            .confidence = 0.55,
                            .main_clause = true,
                            .needs = "w",
                            .within = 8,
                            .mention = MENTION_NP_QUOTE},
    /* "her remark that “...”", "Mr. Obama’s rejection of “...”": the
     * possessor of a speech noun; attribute.c checks the words, and looks
     * past a determiner or name that is not a possessor before one.  Not
     * before a verb ("Lind’s tweets are “...”" describes them) nor a
     * participle ("stood by his comments, saying “...”" is the subject's). */
    [LAYOUT_LEAD_POSSESSIVE] =
        {.name = "possessive-noun",
         .pattern = "(?<m>D|[TNI]{1,4})[awe]{0,2}(?<c>[wrC])(?!v)[^.|QqCK]{0,8}?[,:]?[Qq]$",
         .site = SITE_LEADIN,
         .confidence = 0.65,
         .main_clause = false,
         .needs = "DTNI",
         .within = 14,
         .mention = MENTION_KEEP},
    [LAYOUT_HEADLINE] = {.name = "headline",
                         .pattern = "^(?<m>" NP "{1,8}?)(?:o[^:|.]{1,8})?:[^|]*?[Qq]$",
                         .site = SITE_PARAGRAPH,
                         .confidence = 0.85,
                         .main_clause = true,
                         .needs = ":",
                         .mention = MENTION_NP_QUOTE},
    [LAYOUT_HEADLINE_SUBJECT] = {.name = "headline-subject",
                                 .pattern = "^(?<m>[DTNIr]" NP "{0,8}?)[^|]*?[Qq]$",
                                 .site = SITE_PARAGRAPH,
                                 .confidence = 0.6,
                                 .main_clause = true,
                                 .needs = NULL,
                                 .mention = MENTION_NP_QUOTE},
    /* (or a participle cue whose subject opens the sentence: "Bolton
     * distanced himself from the movement by saying he would ...") */
    [LAYOUT_SENTENCE_CUE] = {.name = "previous-sentence",
                             .pattern = "(?|(?<m>" NPP "{1,12}" APP ")[ave]{0,3}(?<c>C)"
                                        "|^[ca]*(?<m>[TN][TNI]{0,4})[^.|QqC]{1,40}?[xo,](?<c>K))",
                             .site = SITE_SENTENCE,
                             .confidence = 0.6,
                             .main_clause = true,
                             .needs = "CK",
                             .run = NPP_TAGS, /* (the second branch starts at ^ only) */
                             .run_max = 12,
                             .run_next = ",-aveC"},
};

int layout_match(const struct quote_extractor *ex, int layout, const char *tags, size_t n,
                 pcre2_match_data *md)
{
    const pcre2_code *anchored = ex->anchored[layout];
    bool jit = ex->anchored_jit[layout];
    if (!anchored)
        return q_match(ex->layouts[layout], ex->layout_jit[layout], (PCRE2_SPTR)tags, n, 0, 0, md,
                       ex->mctx);
    /* the window's start first: a branch anchored at ^ may match there */
    int rc = q_match(anchored, jit, (PCRE2_SPTR)tags, n, 0, 0, md, ex->mctx);
    uint64_t run = ex->layout_run[layout], next = ex->layout_run_next[layout];
    uint64_t needs = ex->layout_needs[layout];
    unsigned run_max = quote_layouts[layout].run_max;
    /* the end of the window's last needs tag: no run from there on starts
     * a match (in a sentence, most runs come after its cue) */
    size_t last = n;
    while (last > 0 && !(needs & tag_bit(tags[last - 1])))
        last--;
    size_t i = 0;
    while (rc == PCRE2_ERROR_NOMATCH) {
        /* the next run [a, i), and the one start it allows */
        while (i < n && !(run & tag_bit(tags[i])))
            i++;
        size_t a = i;
        while (i < n && (run & tag_bit(tags[i])))
            i++;
        if (i >= last)
            break; /* (then i < n below) */
        if (!(next & tag_bit(tags[i])))
            continue; /* not followed as the pattern goes on */
        size_t start = i - a > run_max ? i - run_max : a;
        if (start > 0)
            rc = q_match(anchored, jit, (PCRE2_SPTR)tags, n, start, 0, md, ex->mctx);
    }
    return rc;
}
