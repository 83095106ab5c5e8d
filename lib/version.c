/* version.c - the run-time version. */
#include "internal.h"

const char *quote_version(void)
{
    return LIBQUOTE_VERSION_STRING;
}

int quote_version_number(void)
{
    return LIBQUOTE_VERSION;
}
