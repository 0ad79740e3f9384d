/*
 * keyprint.h — the fingerprint of the pseudonymisation key.
 *
 * Pseudonyms made with another key never match the stored ones: recipients
 * would be counted twice and year-on-year figures silently break.  So the
 * database records, at the first use of a key, its fingerprint — the first
 * 128 bits of HMAC-SHA256 of a fixed label under the key, in hex; the key
 * cannot be derived from it (etl.key_fingerprint) — and every command that
 * pseudonymises compares the key it has before it reads a file.  "gbetl
 * extract" writes the fingerprint into the stream header, so that "gbetl
 * load" compares it too.
 */
#ifndef GBETL_KEYPRINT_H
#define GBETL_KEYPRINT_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "pseudonym.h"

#define KEYPRINT_HEX_LEN 32

/* The fingerprint of a key, as 32 hex digits and a NUL. */
void keyprint_of(const struct pseudonym_key *key, char out[KEYPRINT_HEX_LEN + 1]);

/* Compare a fingerprint with the database's; record it when the database
 * has none and record is true.  0 the same (or recorded, or none recorded);
 * 1 it differs (logged, with a hint about the key's backup: exit status
 * 78); -1 a database error (logged).  what names the key for the message
 * (a file name, or "the stream's key"). */
int keyprint_check(PGconn *conn, const char *fingerprint, const char *what, bool record);

/* The same for a loaded key. */
int keyprint_check_key(PGconn *conn, const struct pseudonym_key *key, const char *what,
                       bool record);

#endif
