/*
 * pseudonym.c — HMAC-SHA256 pseudonyms with a precomputed key (pseudonym.h).
 *
 * HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)).  The two padded key
 * blocks are hashed once, when the key is loaded; each pseudonym then
 * copies the two SHA-256 states and finishes them — two compressions and no
 * allocation.  OpenSSL 3 marks its low-level SHA256_* functions deprecated
 * in favour of EVP, whose per-call setup costs more than the hashing here;
 * they remain supported, so the deprecation warning is silenced for this
 * file only.
 */
#define OPENSSL_SUPPRESS_DEPRECATED 1

#include "pseudonym.h"
#include "config.h"
#include "log.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KEY_MIN_BYTES 32
#define KEY_MAX_BYTES 4096

struct pseudonym_key {
	SHA256_CTX inner; /* state after (K ^ ipad) */
	SHA256_CTX outer; /* state after (K ^ opad) */
};

struct pseudonym_key *pseudonym_key_from_bytes(const unsigned char *key, size_t len)
{
	unsigned char block[SHA256_CBLOCK], hashed[SHA256_DIGEST_LENGTH];
	struct pseudonym_key *k = xcalloc(1, sizeof(*k));
	size_t i;

	memset(block, 0, sizeof(block));
	if (len > SHA256_CBLOCK) {
		SHA256(key, len, hashed);
		memcpy(block, hashed, sizeof(hashed));
	} else {
		memcpy(block, key, len);
	}
	for (i = 0; i < sizeof(block); i++)
		block[i] ^= 0x36;
	SHA256_Init(&k->inner);
	SHA256_Update(&k->inner, block, sizeof(block));
	for (i = 0; i < sizeof(block); i++)
		block[i] ^= 0x36 ^ 0x5c;
	SHA256_Init(&k->outer);
	SHA256_Update(&k->outer, block, sizeof(block));
	OPENSSL_cleanse(block, sizeof(block));
	OPENSSL_cleanse(hashed, sizeof(hashed));
	return k;
}

struct pseudonym_key *pseudonym_key_ephemeral(void)
{
	unsigned char bytes[KEY_MIN_BYTES];
	struct pseudonym_key *key;

	if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
		log_error("could not get random bytes for a key");
		return NULL;
	}
	key = pseudonym_key_from_bytes(bytes, sizeof(bytes));
	OPENSSL_cleanse(bytes, sizeof(bytes));
	return key;
}

void pseudonym_key_free(struct pseudonym_key *key)
{
	if (key == NULL)
		return;
	OPENSSL_cleanse(key, sizeof(*key));
	free(key);
}

struct pseudonym_key *pseudonym_key_load(const char *path)
{
	unsigned char buf[KEY_MAX_BYTES + 1];
	struct pseudonym_key *key = NULL;
	ssize_t n;
	size_t len = 0;
	int fd;

	if (config_check_secret_file(path, "pseudonymisation key file") != 0)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		log_error("could not open pseudonymisation key file \"%s\": %s", path,
		          strerror(errno));
		return NULL;
	}
	while (len < sizeof(buf) && (n = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += (size_t)n;
	close(fd);
	if (len < KEY_MIN_BYTES || len > KEY_MAX_BYTES) {
		log_error("pseudonymisation key file \"%s\" holds %zu bytes", path, len);
		log_detail("A key must hold at least %d and at most %d bytes.", KEY_MIN_BYTES,
		           KEY_MAX_BYTES);
		log_hint("Make one with \"gbetl keygen FILE\".");
		goto out;
	}
	key = pseudonym_key_from_bytes(buf, len);
out:
	OPENSSL_cleanse(buf, sizeof(buf));
	return key;
}

int pseudonym_keygen(const char *path)
{
	unsigned char key[KEY_MIN_BYTES];
	int fd, rc = -1;

	if (RAND_bytes(key, sizeof(key)) != 1) {
		log_error("could not get random bytes for a new key");
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		log_error("could not create key file \"%s\": %s", path, strerror(errno));
		if (errno == EEXIST)
			log_hint("An existing key is never overwritten: losing it breaks "
			         "headcounts across years.");
		goto out;
	}
	/* the umask may have been looser than 0600 allows for: make sure */
	if (fchmod(fd, 0600) != 0 || write(fd, key, sizeof(key)) != (ssize_t)sizeof(key) ||
	    fsync(fd) != 0) {
		log_error("could not write key file \"%s\": %s", path, strerror(errno));
		close(fd);
		unlink(path);
		goto out;
	}
	if (close(fd) != 0) {
		log_error("could not write key file \"%s\": %s", path, strerror(errno));
		unlink(path);
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}

void pseudonym_compute(const struct pseudonym_key *key, const char *canonical, size_t len,
                       unsigned char out[PSEUDONYM_BYTES])
{
	unsigned char inner_hash[SHA256_DIGEST_LENGTH], full[SHA256_DIGEST_LENGTH];
	SHA256_CTX ctx;

	ctx = key->inner;
	SHA256_Update(&ctx, canonical, len);
	SHA256_Final(inner_hash, &ctx);
	ctx = key->outer;
	SHA256_Update(&ctx, inner_hash, sizeof(inner_hash));
	SHA256_Final(full, &ctx);
	memcpy(out, full, PSEUDONYM_BYTES);
}

void pseudonym_to_uuid(const unsigned char in[PSEUDONYM_BYTES], char out[PSEUDONYM_UUID_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	size_t i, n = 0;

	for (i = 0; i < PSEUDONYM_BYTES; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[n++] = '-';
		out[n++] = digits[in[i] >> 4];
		out[n++] = digits[in[i] & 15];
	}
	out[n] = '\0';
}
