/*
 * decode.h — turning a source's bytes into UTF-8.
 *
 * Every reader hands out UTF-8.  A decoder wraps iconv(3) for one source
 * encoding (WINDOWS-1252, ISO-8859-1, ISO-8859-15, CP437 — SIE's "PC8" —
 * or UTF-8, which is validated, not converted) and skips the conversion
 * for pure-ASCII text, which is most fields.  An invalid byte is reported
 * with its offset, never a crash: the caller turns it into a reject.
 */
#ifndef GBETL_DECODE_H
#define GBETL_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct decoder;

/* A decoder from encoding (iconv name, case-insensitive; "PC8" means CP437,
 * "LATIN1" ISO-8859-1).  NULL with a logged error for an unknown encoding. */
struct decoder *decoder_new(const char *encoding);
void decoder_free(struct decoder *d);
/* The canonical name in use ("UTF-8", "WINDOWS-1252", "CP437" ...). */
const char *decoder_name(const struct decoder *d);
bool decoder_is_utf8(const struct decoder *d);

/* Append the UTF-8 form of in[0..len) to out.  Returns 0, or -1 when in has
 * a byte sequence invalid in the encoding (*bad_offset = its offset; out
 * then holds what was converted before it). */
int decoder_append(struct decoder *d, const char *in, size_t len, struct strbuf *out,
                   size_t *bad_offset);

/* True when s[0..len) is well-formed UTF-8 (no overlongs, no surrogates);
 * *bad_offset gets the first bad byte otherwise. */
bool utf8_valid(const char *s, size_t len, size_t *bad_offset);

/* True when every byte is < 0x80. */
bool ascii_only(const char *s, size_t len);

#endif
