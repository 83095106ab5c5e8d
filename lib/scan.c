/* scan.c - find quotation marks and pair them into quoted segments.
 *
 * The candidate marks are found byte by byte (mark_length), and markup
 * tags with a PCRE2 pattern (extractor.c), so that the quotes of
 * `<tweet author="...">` are skipped.  Each mark
 * is then classed as opening, closing or apostrophe from its two neighbours,
 * and paired with a small stack per paragraph:
 *  - a quotation nested in another belongs to the outer one;
 *  - an opening mark never closed ends at the end of its paragraph, unless
 *    the next paragraph opens with a mark of the same family: then the
 *    quotation runs on (the newspaper convention for multi-paragraph quotes);
 *  - a closing mark with no opener is ignored, so a stray mark never
 *    swallows more than its own paragraph.
 */
#include <string.h>

#include "internal.h"

/* SSE2 (every x86-64) finds mark leads sixteen bytes at a time
 * (next_mark_lead); elsewhere portable SWAR code does it eight at a time. */
#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define SCAN_SSE2 1
#endif

enum family { FAM_DOUBLE, FAM_SINGLE, FAM_GUILLEMET, FAM_CORNER, FAM_ANGLE };

enum role { ROLE_OPEN, ROLE_CLOSE, ROLE_STRAIGHT, ROLE_APOSTROPHE_OR_CLOSE, ROLE_NONE };

/* Character classes of a mark's neighbours. */
enum cls { CL_SPACE, CL_LETTER, CL_DIGIT, CL_OPENP, CL_PUNCT };

#define MAX_DEPTH 16

/* Class of the character starting at s[i]. */
static enum cls class_at(const unsigned char *s, size_t len, size_t i)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        return CL_SPACE;
    if (c >= '0' && c <= '9')
        return CL_DIGIT;
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        return CL_LETTER;
    if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)
        return CL_SPACE; /* no-break space */
    if (c == 0xE2 || c == 0xE3 || c == 0xC2 || c == 0x1A || c < 0x80)
        return CL_PUNCT;
    return CL_LETTER;
}

/* Class of the character before s[pos]; the start of the text is a space,
 * and an opening bracket or a dash opens like a space. */
/* Do the three bytes before s[pos] encode an invisible bidi control
 * (U+202A-202E), which typing tools leave before a mark? */
static bool bidi_control_before(const unsigned char *s, size_t pos)
{
    return pos >= 3 && s[pos - 3] == 0xE2 && s[pos - 2] == 0x80 && s[pos - 1] >= 0xAA &&
           s[pos - 1] <= 0xAE;
}

static enum cls class_before(const unsigned char *s, size_t pos)
{
    /* bidi controls before the mark are skipped, a few at most: looking
     * back stays bounded */
    for (int controls = 0; controls < 4 && bidi_control_before(s, pos); controls++)
        pos -= 3;
    if (pos == 0)
        return CL_SPACE;
    size_t i = pos - 1;
    while (i > 0 && (s[i] & 0xC0) == 0x80)
        i--;
    unsigned char c = s[i];
    if (c == '(' || c == '[' || c == '{')
        return CL_OPENP;
    if (c == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x94 || s[i + 2] == 0x93))
        return CL_OPENP; /* — – */
    return class_at(s, pos, i);
}

/* Does the mark at s[pos] open its paragraph (only spaces and invisible
 * controls before it, back to a line break or the start of the text)? */
static bool opens_paragraph(const unsigned char *s, size_t pos)
{
    /* (bounded: a paragraph's indentation is short, and a long run of
     * spaces is no paragraph start worth a longer look) */
    for (int steps = 0; pos > 0 && steps < 16; steps++) {
        unsigned char c = s[pos - 1];
        if (c == '\n')
            return true;
        if (c == ' ' || c == '\t' || c == '\r')
            pos--;
        else if (bidi_control_before(s, pos))
            pos -= 3;
        else
            return false;
    }
    return pos == 0;
}

/* Class of the character at s[pos]; the end of the text is a space. */
static enum cls class_after(const unsigned char *s, size_t len, size_t pos)
{
    return pos >= len ? CL_SPACE : class_at(s, len, pos);
}

/* Family and intrinsic role of the mark at s[pos] (mlen bytes). */
static void mark_kind(const unsigned char *s, size_t pos, size_t mlen, enum family *fam,
                      enum role *role, bool *reversible)
{
    *reversible = false;
    if (mlen == 2 && s[pos] == '\'') { /* '' used as a double mark */
        *fam = FAM_DOUBLE;
        *role = ROLE_STRAIGHT;
        return;
    }
    if (mlen == 1) {
        *fam = s[pos] == '"' ? FAM_DOUBLE : FAM_SINGLE;
        *role = s[pos] == '"' ? ROLE_STRAIGHT : ROLE_APOSTROPHE_OR_CLOSE;
        return;
    }
    uint32_t cp;
    size_t n;
    cp = utf8_decode(s, pos + mlen, pos, &n);
    switch (cp) {
    case 0x201C: /* “ opens; closes German „…“ */
        *fam = FAM_DOUBLE;
        *role = ROLE_OPEN;
        *reversible = true;
        return;
    case 0x201D: /* ” */
        *fam = FAM_DOUBLE;
        *role = ROLE_CLOSE;
        *reversible = true;
        return;
    case 0x201E: /* „ */
    case 0x201F:
        *fam = FAM_DOUBLE;
        *role = ROLE_OPEN;
        return;
    case 0x2018: /* ‘ opens; closes German ‚…‘ */
        *fam = FAM_SINGLE;
        *role = ROLE_OPEN;
        *reversible = true;
        return;
    case 0x2019: /* ’ closes, or is an apostrophe */
        *fam = FAM_SINGLE;
        *role = ROLE_APOSTROPHE_OR_CLOSE;
        return;
    case 0x201A: /* ‚ */
        *fam = FAM_SINGLE;
        *role = ROLE_OPEN;
        return;
    case 0x00AB: /* « */
        *fam = FAM_GUILLEMET;
        *role = ROLE_OPEN;
        *reversible = true;
        return;
    case 0x00BB: /* » */
        *fam = FAM_GUILLEMET;
        *role = ROLE_CLOSE;
        *reversible = true;
        return;
    case 0x2039: /* ‹ */
        *fam = FAM_ANGLE;
        *role = ROLE_OPEN;
        *reversible = true;
        return;
    case 0x203A: /* › */
        *fam = FAM_ANGLE;
        *role = ROLE_CLOSE;
        *reversible = true;
        return;
    case 0x300C: /* 「 */
        *fam = FAM_CORNER;
        *role = ROLE_OPEN;
        return;
    case 0x300D: /* 」 */
        *fam = FAM_CORNER;
        *role = ROLE_CLOSE;
        return;
    default:
        *fam = FAM_DOUBLE;
        *role = ROLE_NONE;
        return;
    }
}

/* Is the next non-space character a lower-case ASCII letter? */
static bool lower_follows(const unsigned char *s, size_t len, size_t i)
{
    while (i < len && s[i] == ' ')
        i++;
    return i < len && s[i] >= 'a' && s[i] <= 'z';
}

#define CLOSER_LOOKAHEAD 400 /* bytes: keeps the scan linear */

/* Is there, later in the paragraph, a single mark in closing position
 * (after a non-space, before a space, punctuation or the end)? */
static bool later_single_closer(const unsigned char *s, size_t len, size_t i)
{
    size_t end = len - i > CLOSER_LOOKAHEAD ? i + CLOSER_LOOKAHEAD : len;
    for (; i < end && s[i] != '\n'; i++) {
        size_t ml = 0;
        if (s[i] == '\'')
            ml = 1;
        else if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x99)
            ml = 3;
        if (!ml || i == 0 || s[i - 1] == ' ')
            continue;
        size_t j = i + ml;
        unsigned char b = s[i - 1];
        if (b == ',' || b == '.' || b == '?' || b == '!')
            return true; /* ...,’ she said */
        if (j >= len || s[j] == ' ' || s[j] == '\n' || s[j] == ',' || s[j] == '.' ||
            s[j] == 0xE2 || s[j] == '"' || s[j] == ';' || s[j] == ':' || s[j] == ')')
            if (!(j < len && s[j] == ' ' && lower_follows(s, len, j)))
                return true;
    }
    return false;
}

typedef struct open_mark {
    enum family fam;
    size_t pos, mlen;
} open_mark;

typedef struct scanner {
    const quote_allocator *a;
    const unsigned char *s;
    size_t len;
    segment_list *out;
    open_mark stack[MAX_DEPTH];
    int depth;
    size_t seg_open, seg_start; /* current outermost segment */
    bool multi;
} scanner;

static bool is_trim(const unsigned char *s, size_t i)
{
    return s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n';
}

static int emit(scanner *sc, size_t end, size_t close_end, bool closed)
{
    const unsigned char *s = sc->s;
    size_t start = sc->seg_start;
    while (start < end && (is_trim(s, start) || (s[start] == 0xC2 && start + 1 < end && s[start + 1] == 0xA0)))
        start += is_trim(s, start) ? 1 : 2;
    while (end > start && (is_trim(s, end - 1) || (end - start >= 2 && s[end - 2] == 0xC2 && s[end - 1] == 0xA0)))
        end -= is_trim(s, end - 1) ? 1 : 2;
    sc->depth = 0;
    if (end <= start)
        return QUOTE_OK;
    if (!qa_reserve(sc->a, (void **)&sc->out->items, &sc->out->cap, sizeof(segment),
                    sc->out->count + 1))
        return QUOTE_ENOMEM;
    segment *g = &sc->out->items[sc->out->count++];
    g->open = sc->seg_open;
    g->start = start;
    g->end = end;
    g->close_end = close_end;
    g->closed = closed;
    g->multi_paragraph = sc->multi;
    /* The last punctuation inside the content, skipping inner closing marks
     * and ellipses, tells whether the quotation ended its sentence. */
    g->final_punct = 0;
    size_t i = end;
    while (i > start) {
        unsigned char c = s[i - 1];
        if (c == ',' || c == '.' || c == '?' || c == '!' || c == ';' || c == ':') {
            g->final_punct = (char)c;
            break;
        }
        if (c == '\'' || c == '"' || c == ')')
            i--;
        else if (i - start >= 3 && s[i - 3] == 0xE2 && s[i - 2] == 0x80)
            i -= 3; /* ’ ” … — */
        else
            break;
    }
    sc->multi = false;
    return QUOTE_OK;
}

/* Offset of the first non-blank byte of the paragraph after offset nl (a
 * newline), skipping blank lines; len when there is none. */
static size_t next_paragraph(const unsigned char *s, size_t len, size_t nl)
{
    size_t i = nl;
    while (i < len && (is_trim(s, i) || (s[i] == 0xC2 && i + 1 < len && s[i + 1] == 0xA0)))
        i += is_trim(s, i) ? 1 : 2;
    return i;
}

/* Does the paragraph starting at p open with a mark of family fam?  Returns
 * the mark length, or 0. */
static size_t opens_with(const unsigned char *s, size_t len, size_t p, enum family fam)
{
    if (p >= len)
        return 0;
    if (fam == FAM_DOUBLE) {
        if (s[p] == '"')
            return 1;
        if (s[p] == '\'' && p + 1 < len && s[p + 1] == '\'')
            return 2;
        if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x80 &&
            (s[p + 2] == 0x9C || s[p + 2] == 0x9E || s[p + 2] == 0x9D))
            return 3;
    } else if (fam == FAM_SINGLE) {
        if (s[p] == '\'' && !(p + 1 < len && s[p + 1] == '\''))
            return 1;
        if (p + 2 < len && s[p] == 0xE2 && s[p + 1] == 0x80 && (s[p + 2] == 0x98 || s[p + 2] == 0x9A))
            return 3;
    } else if (fam == FAM_GUILLEMET) {
        if (p + 1 < len && s[p] == 0xC2 && (s[p + 1] == 0xAB || s[p + 1] == 0xBB))
            return 2;
    }
    return 0;
}

/* A paragraph ends at offset nl: close or carry over the open segment.
 * Returns the offset scanning resumes from. */
static int end_paragraph(scanner *sc, size_t nl, size_t *resume)
{
    *resume = nl;
    if (sc->depth == 0)
        return QUOTE_OK;
    size_t next = next_paragraph(sc->s, sc->len, nl);
    size_t ml = opens_with(sc->s, sc->len, next, sc->stack[0].fam);
    if (ml) {
        /* The quotation continues in the next paragraph: keep it open,
         * with the new paragraph's opening mark as its only open mark. */
        sc->multi = true;
        sc->depth = 1;
        sc->stack[0].pos = next;
        sc->stack[0].mlen = ml;
        *resume = next + ml;
        return QUOTE_OK;
    }
    return emit(sc, nl, nl, false);
}

/* Do two digits, and then no other digit, start at s[i] ("08", "90s")? */
static bool two_digit_year(const unsigned char *s, size_t len, size_t i)
{
    return i + 2 <= len && s[i] >= '0' && s[i] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9' &&
           (i + 2 == len || s[i + 2] < '0' || s[i + 2] > '9');
}

static int on_mark(scanner *sc, size_t pos, size_t mlen)
{
    enum family fam;
    enum role role;
    bool reversible;
    mark_kind(sc->s, pos, mlen, &fam, &role, &reversible);
    if (role == ROLE_NONE)
        return QUOTE_OK;
    enum cls before = class_before(sc->s, pos);
    enum cls after = class_after(sc->s, sc->len, pos + mlen);
    bool word_before = before == CL_LETTER || before == CL_DIGIT;
    bool word_after = after == CL_LETTER || after == CL_DIGIT;
    bool open_ctx = (before == CL_SPACE || before == CL_OPENP) && after != CL_SPACE;
    bool close_ctx = before != CL_SPACE && before != CL_OPENP &&
                     (after == CL_SPACE || after == CL_PUNCT);

    int pending = -1; /* innermost open mark of this family */
    for (int d = sc->depth - 1; d >= 0; d--)
        if (sc->stack[d].fam == fam) {
            pending = d;
            break;
        }

    bool is_open;
    switch (role) {
    case ROLE_STRAIGHT:
        if (pending >= 0 && !(open_ctx && !close_ctx && before == CL_SPACE && pending < sc->depth - 1))
            is_open = false;
        else if (close_ctx && !open_ctx)
            return QUOTE_OK; /* a closer with nothing open: stray */
        else
            is_open = true;
        break;
    case ROLE_APOSTROPHE_OR_CLOSE:
        if (word_before && word_after)
            return QUOTE_OK; /* don't, Trump’s */
        if (before == CL_SPACE && after == CL_DIGIT)
            return QUOTE_OK; /* ’90s */
        if (pending >= 0 && !open_ctx) {
            /* goin’ home, the voters’ choice: a word-final apostrophe
             * followed by more words, while a later mark can still close
             * the quotation, is not the closing mark */
            if (word_before && after == CL_SPACE && lower_follows(sc->s, sc->len, pos + mlen) &&
                later_single_closer(sc->s, sc->len, pos + mlen))
                return QUOTE_OK;
            is_open = false;
        } else if (mlen == 1 && open_ctx && after == CL_LETTER)
            is_open = true; /* straight ' opening: 'Q' */
        else
            return QUOTE_OK; /* goin’, voters’ */
        break;
    case ROLE_OPEN:
        is_open = true;
        if (reversible && pending >= 0 && close_ctx && !open_ctx)
            is_open = false; /* „…“ and ‚…‘: the turned mark closes */
        if (fam == FAM_SINGLE && word_before && word_after)
            return QUOTE_OK; /* don‘t, typed with the wrong mark */
        if (fam == FAM_SINGLE && word_before && pending < 0 && after == CL_SPACE)
            return QUOTE_OK; /* CBS‘ Face the Nation: a possessive, wrong mark */
        if (fam == FAM_SINGLE && before == CL_SPACE && two_digit_year(sc->s, sc->len, pos + mlen))
            return QUOTE_OK; /* in ‘08, the ‘90s: an elided century, wrong mark */
        break;
    case ROLE_CLOSE:
    default:
        is_open = false;
        if (reversible && pending < 0 &&
            ((open_ctx && !close_ctx) || (sc->depth == 0 && opens_paragraph(sc->s, pos))))
            is_open = true; /* »…« or a wrongly turned ” (”Sorry, ...”, ” … in the case) */
        if (before == CL_DIGIT && pending < 0)
            return QUOTE_OK; /* 6’2” */
        break;
    }

    if (is_open) {
        if (sc->depth == 0) {
            sc->seg_open = pos;
            sc->seg_start = pos + mlen;
            sc->multi = false;
        }
        if (sc->depth < MAX_DEPTH) {
            sc->stack[sc->depth].fam = fam;
            sc->stack[sc->depth].pos = pos;
            sc->stack[sc->depth].mlen = mlen;
            sc->depth++;
        }
        return QUOTE_OK;
    }
    if (pending < 0)
        return QUOTE_OK; /* a closing mark with no opener: ignored */
    if (pending == 0)
        return emit(sc, pos, pos + mlen, true);
    sc->depth = pending; /* closes a nested quotation (and any unclosed inside it) */
    return QUOTE_OK;
}

/* The bytes a mark or a markup tag (next_mark) can begin with:
 * '<' of a markup tag, '"', '\'', and the lead bytes of « » (C2), of
 * ‘ ’ “ ” ‹ › (E2) and of 「 」 (E3). */
static const unsigned char mark_lead[256] = {
    ['<'] = 1, ['"'] = 1, ['\''] = 1, [0xC2] = 1, [0xE2] = 1, [0xE3] = 1,
};

/* The first offset at or after pos where a mark or a markup tag may
 * begin, or len.  Marks are a hundred bytes apart in news: this goes
 * sixteen (or eight) bytes at a time. */
static size_t next_mark_lead(const unsigned char *s, size_t pos, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x80 * ones;
    if (pos >= len)
        return len;
#ifdef SCAN_SSE2
    /* The six lead bytes, sixteen bytes at a time, in three tests rather
     * than six: '"' and '\'' are the bytes equal to 0x27 once OR-ed with
     * 0x05 (so are '#' and '&'), C2, E2 and E3 those equal to 0xC2 once
     * AND-ed with 0xDE (so is C3, of accented letters): the few bytes
     * flagged that are no lead are passed over below.  (The SWAR test
     * further down stops at every byte from 0x80 - accented letters,
     * dashes - and costs three instructions a byte where this costs less
     * than one.) */
    const __m128i or05 = _mm_set1_epi8(0x05), q27 = _mm_set1_epi8(0x27);
    const __m128i andde = _mm_set1_epi8((char)0xDE), c2 = _mm_set1_epi8((char)0xC2);
    const __m128i lt = _mm_set1_epi8('<');
    while (len - pos >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + pos));
        __m128i m = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(_mm_or_si128(v, or05), q27), _mm_cmpeq_epi8(v, lt)),
            _mm_cmpeq_epi8(_mm_and_si128(v, andde), c2));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        for (; mask; mask &= mask - 1) {
            size_t at = pos + (size_t)__builtin_ctz(mask);
            if (mark_lead[s[at]])
                return at;
        }
        pos += 16;
    }
#endif
    while (len - pos >= 8) {
        uint64_t x;
        memcpy(&x, s + pos, 8);
        uint64_t q = x ^ ('"' * ones), a = x ^ ('\'' * ones), t = x ^ ('<' * ones);
        /* a byte of q, a or t is zero where x holds that character: the
         * classic zero-byte test may flag bytes after such a byte, never
         * before the first; bytes from 0x80 up stand for C2, E2 and E3 */
        uint64_t hit = (((q - ones) & ~q) | ((a - ones) & ~a) | ((t - ones) & ~t) | x) & high;
        if (!hit) {
            pos += 8;
            continue;
        }
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        pos += (size_t)__builtin_ctzll(hit) / 8; /* the first flagged byte */
        if (mark_lead[s[pos]])
            return pos;
        pos++; /* a UTF-8 byte of another character */
#else
        break; /* look byte by byte */
#endif
    }
    while (pos < len && !mark_lead[s[pos]])
        pos++;
    return pos;
}

/* The length of the quotation mark at s[pos], or 0 for none: " ' '' « »
 * U+2018-201F (‘ ’ ‚ ‛ “ ” „ ‟) ‹ › 「 」 - '' typed for a double mark is
 * one mark.  These are recognised here, byte by byte, rather than by a
 * PCRE2 pattern: a match call costs more than the rest of a mark's work
 * (mark_kind() drops the ones of no family, ‛ ‟ aside). */
static size_t mark_length(const unsigned char *s, size_t len, size_t pos)
{
    unsigned char c = s[pos];
    if (c == '"')
        return 1;
    if (c == '\'')
        return pos + 1 < len && s[pos + 1] == '\'' ? 2 : 1;
    if (c == 0xC2) /* « U+AB, » U+BB */
        return pos + 1 < len && (s[pos + 1] == 0xAB || s[pos + 1] == 0xBB) ? 2 : 0;
    if (len - pos < 3 || s[pos + 1] != 0x80)
        return 0;
    unsigned char d = s[pos + 2];
    if (c == 0xE2) /* U+2018-201F, ‹ U+2039, › U+203A */
        return (d >= 0x98 && d <= 0x9F) || d == 0xB9 || d == 0xBA ? 3 : 0;
    if (c == 0xE3) /* 「 U+300C, 」 U+300D */
        return d == 0x8C || d == 0x8D ? 3 : 0;
    return 0;
}

/* The first quotation mark or markup tag (the extractor's anchored markup
 * pattern, tried at each '<') at or after pos: 1 with its span in
 * [*ms, *me) and *tag set for a tag, 0 when there is none, or a PCRE2
 * error code. */
static int next_mark(const struct quote_extractor *ex, pcre2_match_data *md,
                     const unsigned char *s, size_t len, size_t pos, size_t *ms, size_t *me,
                     bool *tag)
{
    for (pos = next_mark_lead(s, pos, len); pos < len; pos = next_mark_lead(s, pos + 1, len)) {
        if (s[pos] == '<') {
            int rc = q_match(ex->markup, ex->markup_jit, (PCRE2_SPTR)s, len, pos,
                             PCRE2_NO_UTF_CHECK, md, ex->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                continue;
            if (rc < 0)
                return rc;
            *ms = pos;
            *me = pcre2_get_ovector_pointer(md)[1];
            *tag = true;
            return 1;
        }
        size_t n = mark_length(s, len, pos);
        if (n) {
            *ms = pos;
            *me = pos + n;
            *tag = false;
            return 1;
        }
    }
    return 0;
}

int scan_segments(const struct quote_extractor *ex, pcre2_match_data *md, const char *text,
                  size_t len, segment_list *out, quote_error *err)
{
    scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.a = &ex->alloc;
    sc.s = (const unsigned char *)text;
    sc.len = len;
    sc.out = out;
    out->count = 0;

    size_t pos = 0;
    for (;;) {
        /* pos stays for the paragraph breaks looked for below */
        size_t ms = len, me = len;
        bool tag = false;
        int rc = next_mark(ex, md, sc.s, len, pos, &ms, &me, &tag);
        if (rc < 0)
            return q_fail(err, q_pcre_status(rc), pos, "scanning quotation marks");
        /* A paragraph break before the next mark closes (or carries over)
         * the open segment. */
        if (sc.depth > 0) {
            const char *nl = pos < ms ? memchr(text + pos, '\n', ms - pos) : NULL;
            if (nl || rc == 0) {
                size_t brk = nl ? (size_t)(nl - text) : len;
                size_t resume;
                int r = end_paragraph(&sc, brk, &resume);
                if (r)
                    return q_fail(err, r, 0, NULL);
                if (!nl)
                    break;
                pos = resume > brk ? resume : brk + 1;
                continue;
            }
        }
        if (rc == 0)
            break;
        pos = me > ms ? me : ms + 1;
        if (tag)
            continue; /* a markup tag: its quotes are attribute values */
        int r = on_mark(&sc, ms, me - ms);
        if (r)
            return q_fail(err, r, 0, NULL);
    }
    return QUOTE_OK;
}
