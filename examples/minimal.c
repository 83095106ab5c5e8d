/* minimal.c - print who said what in the article on standard input. */
#include <stdio.h>
#include <stdlib.h>

#include "libquote.h"

int main(void)
{
    static char text[1 << 20]; /* articles are far smaller than 1 MiB */
    size_t len = fread(text, 1, sizeof text, stdin);
    quote_result *res;
    quote_error err;
    if (quote_extract_text(text, len, &res, &err) != QUOTE_OK) {
        fprintf(stderr, "quote_minimal: %s\n", err.message);
        return EXIT_FAILURE;
    }
    for (size_t i = 0; i < quote_result_count(res); i++) {
        const quote_quote *q = quote_result_get(res, i);
        printf("%s: %.*s\n", q->speaker ? q->speaker : "(unknown)", (int)(q->end - q->start),
               text + q->start);
    }
    quote_result_free(res);
    return EXIT_SUCCESS;
}
