/*
 * pseudonym.h — keyed pseudonyms for persons: HMAC-SHA256 (libcrypto).
 *
 * The pseudonym of a person is HMAC-SHA256(key, canonical 12-character
 * number), so the same person gets the same pseudonym in every source and
 * whichever form the number was written in.  gbetl stores its first 16 bytes
 * (128 bits) as person_key, written as a uuid.  The key is a secret file of
 * at least 32 random bytes that only its owner may read; losing it breaks
 * headcounts across years, so it must be backed up (docs/operations.md).
 *
 * The inner and outer SHA-256 states are computed once when the key is
 * loaded, so a pseudonym costs two compressions, not an HMAC setup.
 */
#ifndef GBETL_PSEUDONYM_H
#define GBETL_PSEUDONYM_H

#include <stddef.h>

#define PSEUDONYM_BYTES    16
#define PSEUDONYM_UUID_LEN 36

struct pseudonym_key;

/* Load a key file.  Refuses a file that group or others may read or write
 * (config_check_secret_file) or that holds fewer than 32 bytes.  NULL on
 * error (logged).  Free with pseudonym_key_free(). */
struct pseudonym_key *pseudonym_key_load(const char *path);
/* A key from bytes (tests, fuzzing). */
struct pseudonym_key *pseudonym_key_from_bytes(const unsigned char *key, size_t len);
/* A key of fresh random bytes that is never stored: for checks that need
 * the transform but write no pseudonym anywhere ("gbetl extract --check"). */
struct pseudonym_key *pseudonym_key_ephemeral(void);
void pseudonym_key_free(struct pseudonym_key *key);

/* Write a new random 32-byte key to path with mode 0600; refuses to
 * overwrite an existing file.  0 or -1 (logged). */
int pseudonym_keygen(const char *path);

/* out = first 16 bytes of HMAC-SHA256(key, canonical) — canonical is the
 * 12-character form from pnr.h. Thread-safe for a loaded key. */
void pseudonym_compute(const struct pseudonym_key *key, const char *canonical, size_t len,
                       unsigned char out[PSEUDONYM_BYTES]);

/* Write 16 bytes as a uuid text "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" + NUL. */
void pseudonym_to_uuid(const unsigned char in[PSEUDONYM_BYTES], char out[PSEUDONYM_UUID_LEN + 1]);

#endif
