/*
 * escape.h - write arbitrary bytes into JSON, TSV or terminal text.
 *
 * The article text is valid UTF-8 unless --lenient-utf8 let invalid bytes
 * through, and a span could in principle cut a character in two.  Whatever
 * the input, these functions write valid UTF-8: every byte that does not
 * start a well-formed UTF-8 sequence becomes U+FFFD.
 */
#ifndef QD_ESCAPE_H
#define QD_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* Length of the longest prefix of s[0..n) made of bytes that need no look
 * in any format, nor in a JSON string being read: printable ASCII
 * (0x20-0x7E) other than '"' and '\\'.  Vectorized: text is mostly such
 * bytes. */
size_t qd_plain_prefix(const char *s, size_t n);

/* Offset of the first '"' or '\\' in s[0..n), or n: the end of a JSON
 * string, or its next escape.  Vectorized like qd_plain_prefix, but it
 * goes on over UTF-8 and control bytes (which the reader checks later). */
size_t qd_find_quote(const char *s, size_t n);

/* Length (1-4) of the well-formed UTF-8 sequence at s[0..n), 0 if none. */
size_t qd_utf8_len(const unsigned char *s, size_t n);

/* A JSON string literal, quotes included (RFC 8259). */
void qd_put_json_string(qd_buf *b, const char *s, size_t n);

/* A TSV field: tab, newline, carriage return, backslash and NUL become
 * \t, \n, \r, \\ and \0 so that a record is always one line of
 * tab-separated fields that line-oriented tools can read. */
void qd_put_tsv(qd_buf *b, const char *s, size_t n);

/* Text for a terminal: control characters (newlines included) become
 * spaces so that one quote stays on one line. */
void qd_put_text(qd_buf *b, const char *s, size_t n);

#endif
