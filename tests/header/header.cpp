// The public header from C++: it must compile cleanly (-Wall -Wextra
// -pedantic -Werror) and, when built as a program, link against the C
// library (extern "C") and run.
#include <libquote.h>

#include <cstdio>
#include <cstring>

int main()
{
    quote_options opts = QUOTE_OPTIONS_INIT;
    quote_extractor *ex = nullptr;
    quote_error err;
    if (std::strcmp(quote_version(), LIBQUOTE_VERSION_STRING) != 0 ||
        quote_version_number() != LIBQUOTE_VERSION) {
        std::fprintf(stderr, "version mismatch: %s\n", quote_version());
        return 1;
    }
    int rc = quote_extractor_new(&opts, &ex, &err);
    if (rc != QUOTE_OK) {
        std::fprintf(stderr, "quote_extractor_new: %s\n", err.message);
        return 1;
    }
    static const char text[] = "\"It works,\" she said.";
    quote_result *res = nullptr;
    rc = quote_extract(ex, text, sizeof text - 1, QUOTE_OPT_DEFAULT, &res, &err);
    if (rc != QUOTE_OK) {
        std::fprintf(stderr, "quote_extract: %s\n", err.message);
        quote_extractor_free(ex);
        return 1;
    }
    std::printf("%zu quote(s)\n", quote_result_count(res));
    quote_result_free(res);
    quote_extractor_free(ex);
    return 0;
}
