/* A minimal libquote user, built against an installed copy of the library. */
#include <libquote.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
    static const char text[] = "\"We will build it,\" the mayor said on Monday.";
    quote_extractor *ex;
    quote_result *res;
    quote_error err;

    if (strcmp(quote_version(), LIBQUOTE_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s but library %s\n", LIBQUOTE_VERSION_STRING, quote_version());
        return 1;
    }
    if (quote_extractor_new(NULL, &ex, &err) != QUOTE_OK) {
        fprintf(stderr, "quote_extractor_new: %s\n", err.message);
        return 1;
    }
    if (quote_extract(ex, text, sizeof text - 1, QUOTE_OPT_DEFAULT, &res, &err) != QUOTE_OK) {
        fprintf(stderr, "quote_extract: %s\n", err.message);
        quote_extractor_free(ex);
        return 1;
    }
    printf("libquote %s: %lu quote(s)\n", quote_version(), (unsigned long)quote_result_count(res));
    quote_result_free(res);
    quote_extractor_free(ex);
    return 0;
}
