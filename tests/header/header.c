/* The public header on its own: it must compile cleanly as strict C99/C11
 * (-Wall -Wextra -pedantic -Werror) without any other include. */
#include <libquote.h>
#include <libquote.h> /* include guard */

#if !defined(LIBQUOTE_VERSION) || LIBQUOTE_VERSION < 0x000100
#error "LIBQUOTE_VERSION missing or wrong"
#endif

int header_check(const char *text, size_t len);

int header_check(const char *text, size_t len)
{
    quote_options opts = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = NULL;
    quote_result *res = NULL;
    quote_error err;
    size_t i, n;
    int rc;

    opts.match_limit = 1000u;
    rc = quote_extractor_new(&opts, &ex, &err);
    if (rc != QUOTE_OK)
        return rc;
    rc = quote_extract(ex, text, len, QUOTE_OPT_DEFAULT | QUOTE_OPT_EXPLAIN, &res, &err);
    if (rc == QUOTE_OK) {
        n = quote_result_count(res);
        for (i = 0; i < n; i++) {
            const quote_quote *q = quote_result_get(res, i);
            if (q->mention_start == QUOTE_NO_SPAN || q->kind == QUOTE_KIND_HEADLINE)
                continue;
            (void)quote_kind_name(q->kind);
        }
        quote_result_free(res);
    }
    quote_extractor_free(ex);
    (void)quote_strerror(QUOTE_EUTF8);
    (void)quote_version();
    return rc;
}
