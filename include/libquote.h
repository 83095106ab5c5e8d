/*
 * libquote.h - quotation extraction and speaker attribution for news text.
 *
 * This header is the reference for the libquote API.  Read it top to bottom.
 *
 * libquote finds every direct quotation in a news article given as UTF-8
 * bytes and tells who said it: the mention at the attribution site ("he",
 * "Mr Tillerson", "a White House spokesman"), the speech cue ("said",
 * "told") and the canonical speaker, the fullest form of that person's name
 * in the article ("Rex Tillerson").
 *
 * Usage:
 *
 *     quote_extractor *ex;
 *     quote_result *res;
 *     if (quote_extractor_new(NULL, &ex, NULL) != QUOTE_OK) return 1;
 *     if (quote_extract(ex, text, len, QUOTE_OPT_DEFAULT, &res, NULL) == QUOTE_OK) {
 *         for (size_t i = 0; i < quote_result_count(res); i++) {
 *             const quote_quote *q = quote_result_get(res, i);
 *             printf("%s: %.*s\n", q->speaker ? q->speaker : "?",
 *                    (int)(q->end - q->start), text + q->start);
 *         }
 *         quote_result_free(res);
 *     }
 *     quote_extractor_free(ex);
 *
 * Conventions
 *  - Every function that can fail returns an int: QUOTE_OK (0) or a negative
 *    quote_status code.  quote_strerror() describes a code.  Functions that
 *    take a `quote_error *err` also fill it (when non-NULL) with the code, a
 *    message and, for QUOTE_EUTF8, the byte offset of the first bad byte.
 *  - Output parameters named `out` are written only on success; on failure
 *    they are set to NULL.  Objects returned through `out` belong to the
 *    caller, who releases them with the matching *_free() function.  Every
 *    *_free() function accepts NULL.
 *  - Offsets are byte offsets into the caller's text, half-open [start, end).
 *  - The library never aborts, never prints and has no global mutable state.
 *
 * Thread safety
 *  - A quote_extractor is immutable once quote_extractor_new() returns: one
 *    extractor may be used by any number of threads at once.
 *  - A quote_result belongs to the thread that made it (or to whoever it is
 *    handed to); distinct results may be used concurrently.
 */
#ifndef LIBQUOTE_H
#define LIBQUOTE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Export macro: symbols are hidden by default; only these are exported. */
#if defined(LIBQUOTE_STATIC)
#define QUOTE_EXPORT
#elif defined(_WIN32)
#ifdef LIBQUOTE_BUILDING
#define QUOTE_EXPORT __declspec(dllexport)
#else
#define QUOTE_EXPORT __declspec(dllimport)
#endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#define QUOTE_EXPORT __attribute__((visibility("default")))
#else
#define QUOTE_EXPORT
#endif

/* ------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------ */

/** Version of the header the program was compiled against. */
#define LIBQUOTE_VERSION_MAJOR 0
#define LIBQUOTE_VERSION_MINOR 1
#define LIBQUOTE_VERSION_PATCH 0
#define LIBQUOTE_VERSION_STRING "0.1.0"
/** One number for compile-time comparisons: 0xMMmmpp. */
#define LIBQUOTE_VERSION \
    ((LIBQUOTE_VERSION_MAJOR << 16) | (LIBQUOTE_VERSION_MINOR << 8) | LIBQUOTE_VERSION_PATCH)

/**
 * The version of the library linked at run time, as "MAJOR.MINOR.PATCH".
 * The string is static (never free it); never NULL.  Thread-safe.
 * Added in 0.1.0, like every declaration of this header.
 */
QUOTE_EXPORT const char *quote_version(void);

/** The run-time version as one number, laid out like LIBQUOTE_VERSION.
 *  Thread-safe. */
QUOTE_EXPORT int quote_version_number(void);

/* ------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------ */

/** Status codes.  Finding no quotation is not an error. */
typedef enum quote_status {
    QUOTE_OK = 0,
    QUOTE_ENOMEM = -1,   /**< an allocation failed; nothing was leaked */
    QUOTE_EINVAL = -2,   /**< a NULL or otherwise invalid argument */
    QUOTE_EREGEX = -3,   /**< PCRE2 failed to compile or run a pattern */
    QUOTE_ELIMIT = -4,   /**< a PCRE2 match or depth limit was hit, or input too large */
    QUOTE_EUTF8 = -5,    /**< the text is not valid UTF-8 (see quote_error.offset) */
    QUOTE_ELEXICON = -6  /**< a user lexicon line could not be parsed (offset = line start) */
} quote_status;

/** Detailed error, filled by functions that take one (may be NULL). */
typedef struct quote_error {
    int code;            /**< a quote_status value */
    size_t offset;       /**< byte offset of the problem when it has one, else 0 */
    char message[160];   /**< NUL-terminated description */
} quote_error;

/**
 * A static English description of a status code (never free it).  Unknown
 * codes give "unknown error".  Never NULL.  Thread-safe.
 */
QUOTE_EXPORT const char *quote_strerror(int code);

/* ------------------------------------------------------------------------
 * Options
 * ------------------------------------------------------------------------ */

/** Bit flags for quote_extract(); OR them together. */
#define QUOTE_OPT_DEFAULT 0x00000000u
/** Accept invalid UTF-8: invalid bytes are treated as non-letter characters
 *  instead of failing with QUOTE_EUTF8.  Offsets still index the input. */
#define QUOTE_OPT_LENIENT_UTF8 0x00000001u
/** Fill quote_quote.explanation with the candidates the attributor weighed. */
#define QUOTE_OPT_EXPLAIN 0x00000002u
/** Do not treat the first paragraph(s) as a headline. */
#define QUOTE_OPT_NO_HEADLINE 0x00000004u

/**
 * Custom allocator.  `malloc` must return memory aligned for any type or
 * NULL on failure; `free` accepts NULL.  `ctx` is passed to both unchanged.
 * The extractor copies this struct; every allocation made by the extractor,
 * by its PCRE2 patterns and by the results it returns goes through it.
 */
typedef struct quote_allocator {
    void *(*malloc)(size_t size, void *ctx);
    void (*free)(void *ptr, void *ctx);
    void *ctx;
} quote_allocator;

#define QUOTE_OPTIONS_VERSION 1

/** Settings for quote_extractor_new().  Initialise with QUOTE_OPTIONS_INIT. */
typedef struct quote_options {
    unsigned int version;             /**< QUOTE_OPTIONS_VERSION */
    const quote_allocator *allocator; /**< NULL: the C library's malloc/free */
    /**
     * Extra lexicon entries, added to the built-in lexicons (NULL: none).
     * The format of the built-in lexicon files: one entry per line; a line
     * `[KIND]` makes KIND the kind of the entries below it.  Kinds: `cue` (a
     * speech verb form, one or two words: "mused", "fired back"), `title`
     * (an honorific or job title written before a name: "Councillor"),
     * `role` (a noun naming a speaker: "spokeswoman"), `male` / `female`
     * (a first name or gendered title), `nonspeech` (a noun whose quoted
     * complement is a title, not speech: "memoir"), `speech-noun` (a noun
     * naming something said, whose possessor speaks the quotation after
     * it: "remark" in "her remark that “...”"), `plain` (a noun or
     * adjective the tagger must not take for an adverb by its -ly:
     * "family"), `organisation` (a role noun naming no person: "firm",
     * "report"), `title-part` (a title that completes others, as in
     * "Police Commissioner": before a name of its own it makes no person,
     * "the Police Department"), `demonym` (a nationality or language,
     * written capitalised: "Russian"; alone it is no person), `country` (the
     * same for a nation: "China"), and the closed word
     * classes `determiner`, `pronoun-male`, `pronoun-female`,
     * `pronoun-plural`, `pronoun-neuter`, `pronoun-first`, `conjunction`,
     * `auxiliary`, `adverb`, `preposition`, `relative`, `time`, `stop`.
     * Blank lines and lines starting with '#' are ignored.  Copied during
     * quote_extractor_new(); the caller may free it afterwards.
     */
    const char *lexicon;
    size_t lexicon_len;
    /** PCRE2 match limit per pattern call (0: library default, 10,000,000). */
    uint32_t match_limit;
    /** PCRE2 depth limit per pattern call (0: library default, 10,000). */
    uint32_t depth_limit;
} quote_options;

#define QUOTE_OPTIONS_INIT { QUOTE_OPTIONS_VERSION, NULL, NULL, 0, 0, 0 }

/* ------------------------------------------------------------------------
 * Extractor
 * ------------------------------------------------------------------------ */

/** Compiled patterns and lexicons.  Opaque; immutable and thread-safe. */
typedef struct quote_extractor quote_extractor;

/**
 * Compile an extractor.
 *
 * @param options  NULL for defaults, else a quote_options whose version is
 *                 QUOTE_OPTIONS_VERSION (others give QUOTE_EINVAL).
 * @param out      receives the extractor; free it with quote_extractor_free().
 * @param err      optional error detail (may be NULL).
 * @return QUOTE_OK, QUOTE_EINVAL (out is NULL or bad options), QUOTE_ENOMEM,
 *         QUOTE_ELEXICON (bad user lexicon line), QUOTE_EREGEX.
 */
QUOTE_EXPORT int quote_extractor_new(const quote_options *options, quote_extractor **out,
                                     quote_error *err);

/** Release an extractor and everything it owns.  NULL is a no-op.  Results
 *  it made stay valid (they keep their own copy of the allocator).  Call it
 *  once no thread uses the extractor any more. */
QUOTE_EXPORT void quote_extractor_free(quote_extractor *ex);

/* ------------------------------------------------------------------------
 * Results
 * ------------------------------------------------------------------------ */

/** What kind of quotation a quote is. */
typedef enum quote_kind {
    QUOTE_KIND_DIRECT = 0,       /**< a quotation with its own attribution */
    QUOTE_KIND_PARTIAL = 1,      /**< a fragment quoted inside reported speech */
    QUOTE_KIND_CONTINUATION = 2, /**< no cue of its own: continues the previous speaker */
    QUOTE_KIND_HEADLINE = 3      /**< in the headline ("X: 'Q'") */
} quote_kind;

/** "Not present" value for the optional spans of a quote. */
#define QUOTE_NO_SPAN ((size_t)-1)

/**
 * One quotation.  All pointers are owned by the result and live as long as
 * it does.
 */
typedef struct quote_quote {
    size_t start, end;                 /**< content span, without the marks */
    size_t mention_start, mention_end; /**< speaker mention, or QUOTE_NO_SPAN */
    size_t cue_start, cue_end;         /**< speech cue, or QUOTE_NO_SPAN */
    /** Canonical speaker: the fullest name of the person in the article
     *  (also for a pronoun, or a description such as "the senator" that
     *  refers to a person named with that title), or the
     *  description/organisation as written.  NUL-terminated; NULL when
     *  no speaker was found. */
    const char *speaker;
    /** Speaker entity number, equal for all quotes of one speaker in this
     *  article (0, 1, 2 ...); -1 when there is no speaker. */
    int entity;
    quote_kind kind;
    /** Name of the rule that attributed the quote (static string, never NULL):
     *  e.g. "trailing-cue", "leading-cue", "continuation", "none". */
    const char *rule;
    /** Confidence that the quote and speaker are right, in [0, 1]. */
    double confidence;
    /** With QUOTE_OPT_EXPLAIN: a human-readable account of the candidates
     *  weighed (NUL-terminated); otherwise NULL. */
    const char *explanation;
} quote_quote;

/** The quotations of one article.  Opaque. */
typedef struct quote_result quote_result;

/**
 * Extract the quotations of one article.
 *
 * @param ex     a compiled extractor (shared read-only; may be used by many
 *               threads at once).
 * @param text   the article as UTF-8 bytes; need not be NUL-terminated.  It
 *               may be NULL only when len is 0.
 * @param len    its length in bytes.
 * @param flags  QUOTE_OPT_* bits.
 * @param out    receives the result, in text order; free with
 *               quote_result_free().  The result does not point into `text`.
 * @param err    optional error detail.
 * @return QUOTE_OK, QUOTE_EINVAL, QUOTE_EUTF8 (err->offset is the first bad
 *         byte), QUOTE_ENOMEM, QUOTE_ELIMIT, QUOTE_EREGEX.
 */
QUOTE_EXPORT int quote_extract(const quote_extractor *ex, const char *text, size_t len,
                               uint32_t flags, quote_result **out, quote_error *err);

/** The working memory of extractions: token and name tables kept from one
 *  call of quote_extract_with() to the next, so that a loop over many
 *  articles does not allocate and free them for each one.  Opaque; not
 *  thread-safe: give each thread its own. */
typedef struct quote_workspace quote_workspace;

/**
 * Create a workspace for extractions with ex (it allocates with ex's
 * allocator).
 *
 * @return QUOTE_OK, QUOTE_EINVAL (ex or out is NULL), QUOTE_ENOMEM.
 */
QUOTE_EXPORT int quote_workspace_new(const quote_extractor *ex, quote_workspace **out,
                                     quote_error *err);

/** Release a workspace and the memory it keeps.  NULL is a no-op.  It may be
 *  freed before or after the extractor it was made for. */
QUOTE_EXPORT void quote_workspace_free(quote_workspace *ws);

/**
 * quote_extract() with a workspace: the same result, faster in a loop.
 * After the call the workspace keeps the tables of the largest article
 * seen, up to 16 MiB (a bigger article's are freed at once), so memory stays
 * bounded however long the loop runs.
 *
 * @param ws  a workspace from quote_workspace_new() for an extractor with
 *            the same allocator as ex, used by one thread at a time.
 * @return as quote_extract(); QUOTE_EINVAL also when ws is NULL or was made
 *         with another allocator.
 */
QUOTE_EXPORT int quote_extract_with(const quote_extractor *ex, quote_workspace *ws,
                                    const char *text, size_t len, uint32_t flags,
                                    quote_result **out, quote_error *err);

/**
 * Convenience: compile a default extractor, extract, free the extractor.
 * Slow when called in a loop (compiling costs far more than one article):
 * keep an extractor instead.  Same returns as quote_extract().
 */
QUOTE_EXPORT int quote_extract_text(const char *text, size_t len, quote_result **out,
                                    quote_error *err);

/** Number of quotations in a result (0 for NULL).  Never fails. */
QUOTE_EXPORT size_t quote_result_count(const quote_result *res);

/** The i-th quotation (text order), or NULL when res is NULL or i is out of
 *  range.  The quote and its strings belong to the result: they live until
 *  quote_result_free(res) and must not be freed by the caller. */
QUOTE_EXPORT const quote_quote *quote_result_get(const quote_result *res, size_t i);

/** Release a result and every string its quotes point to.  NULL is a
 *  no-op. */
QUOTE_EXPORT void quote_result_free(quote_result *res);

/** A static name for a kind: "direct", "partial", "continuation",
 *  "headline"; "unknown" otherwise. */
QUOTE_EXPORT const char *quote_kind_name(quote_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* LIBQUOTE_H */
