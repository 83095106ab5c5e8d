/* error.c - status codes and their messages. */
#include <stdio.h>
#include <string.h>

#include "internal.h"

const char *quote_strerror(int code)
{
    /* A switch without default: -Wswitch flags a code added to the enum
     * but not described here. */
    switch ((quote_status)code) {
    case QUOTE_OK:
        return "success";
    case QUOTE_ENOMEM:
        return "out of memory";
    case QUOTE_EINVAL:
        return "invalid argument";
    case QUOTE_EREGEX:
        return "pattern compilation or matching failed";
    case QUOTE_ELIMIT:
        return "resource limit exceeded";
    case QUOTE_EUTF8:
        return "invalid UTF-8 in input";
    case QUOTE_ELEXICON:
        return "invalid lexicon entry";
    }
    return "unknown error";
}

int q_fail(quote_error *err, int code, size_t offset, const char *detail)
{
    if (err) {
        err->code = code;
        err->offset = offset;
        if (detail)
            snprintf(err->message, sizeof err->message, "%s: %s", quote_strerror(code), detail);
        else if (code == QUOTE_EUTF8 || code == QUOTE_ELEXICON)
            snprintf(err->message, sizeof err->message, "%s at byte %zu", quote_strerror(code),
                     offset);
        else
            snprintf(err->message, sizeof err->message, "%s", quote_strerror(code));
    }
    return code;
}

int q_pcre_status(int rc)
{
    return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ? QUOTE_ELIMIT
                                                                          : QUOTE_EREGEX;
}
