/*
 * digest.h — SHA-256 of buffers and files (OpenSSL's libcrypto).
 *
 * Used to identify a file for idempotent loads (same SHA-256 + same source
 * = already loaded), to checksum migrations and mapping sets.  Not for
 * pseudonyms: those are keyed (pseudonym.h).
 */
#ifndef GBETL_DIGEST_H
#define GBETL_DIGEST_H

#include <stddef.h>

#define SHA256_HEX_LEN 64
/* The SHA-256 of no bytes (an empty file). */
#define SHA256_OF_NOTHING "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

struct digest; /* an incremental SHA-256 */

struct digest *digest_new(void);
void digest_update(struct digest *d, const void *data, size_t len);
/* Write 64 lowercase hex digits and a NUL into hex; frees d. */
void digest_finish(struct digest *d, char hex[SHA256_HEX_LEN + 1]);

void digest_buffer_hex(const void *data, size_t len, char hex[SHA256_HEX_LEN + 1]);
/* SHA-256 of a whole file; 0 or -1 (logged). size receives its length. */
int digest_file_hex(const char *path, char hex[SHA256_HEX_LEN + 1], long long *size);

#endif
