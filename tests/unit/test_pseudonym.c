/*
 * test_pseudonym.c — keyed pseudonyms: same person, same pseudonym in every
 * form; agreement with OpenSSL's own HMAC; the key file's permissions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pnr.h"
#include "pseudonym.h"
#include "testutil.h"

static const unsigned char key_bytes[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_bytes[32] = "another key, also of 32 bytes..";

static void test_known_answer_against_openssl_hmac(void **state)
{
	struct pseudonym_key *key = pseudonym_key_from_bytes(key_bytes, sizeof(key_bytes));
	unsigned char ours[PSEUDONYM_BYTES], theirs[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	unsigned char long_key[100];

	(void)state;
	pseudonym_compute(key, "191212121212", 12, ours);
	HMAC(EVP_sha256(), key_bytes, sizeof(key_bytes), (const unsigned char *)"191212121212", 12,
	     theirs, &len);
	assert_int_equal(len, 32);
	assert_memory_equal(ours, theirs, PSEUDONYM_BYTES);
	pseudonym_key_free(key);

	/* a key longer than a SHA-256 block is hashed first, as HMAC says */
	memset(long_key, 'k', sizeof(long_key));
	key = pseudonym_key_from_bytes(long_key, sizeof(long_key));
	pseudonym_compute(key, "197302889931", 12, ours);
	HMAC(EVP_sha256(), long_key, sizeof(long_key), (const unsigned char *)"197302889931", 12,
	     theirs, &len);
	assert_memory_equal(ours, theirs, PSEUDONYM_BYTES);
	pseudonym_key_free(key);
}

static void test_same_person_every_form(void **state)
{
	const char *forms[] = {"19121212-1212", "191212121212", "121212+1212", " 19121212+1212 "};
	const struct pnr_date reference = {2026, 11, 24};
	struct pseudonym_key *key = pseudonym_key_from_bytes(key_bytes, sizeof(key_bytes));
	struct pseudonym_key *other = pseudonym_key_from_bytes(other_bytes, sizeof(other_bytes));
	unsigned char first[PSEUDONYM_BYTES], out[PSEUDONYM_BYTES];
	char uuid[PSEUDONYM_UUID_LEN + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct pnr p;

		assert_true(pnr_parse(forms[i], strlen(forms[i]), &reference, false, &p));
		pseudonym_compute(key, p.canonical, strlen(p.canonical), out);
		if (i == 0)
			memcpy(first, out, sizeof(out));
		assert_memory_equal(first, out, PSEUDONYM_BYTES);
	}
	pseudonym_compute(other, "191212121212", 12, out);
	assert_memory_not_equal(first, out, PSEUDONYM_BYTES);
	pseudonym_to_uuid(first, uuid);
	assert_int_equal(strlen(uuid), 36);
	assert_int_equal(uuid[8], '-');
	assert_int_equal(uuid[23], '-');
	pseudonym_key_free(key);
	pseudonym_key_free(other);
}

static void write_key(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, key_bytes, sizeof(key_bytes)), (ssize_t)sizeof(key_bytes));
	close(fd);
	assert_int_equal(chmod(path, mode), 0);
}

static void test_key_file_permissions(void **state)
{
	char dir[] = "/tmp/gbetl-key-XXXXXX", path[64], made[64];
	struct pseudonym_key *key;
	struct stat st;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/key", dir);
	write_key(path, 0640);
	assert_null(pseudonym_key_load(path)); /* group may read */
	write_key(path, 0604);
	assert_null(pseudonym_key_load(path)); /* others may read */
	write_key(path, 0600);
	key = pseudonym_key_load(path);
	assert_non_null(key);
	pseudonym_key_free(key);

	/* too short a key is refused */
	assert_int_equal(truncate(path, 16), 0);
	assert_null(pseudonym_key_load(path));

	/* keygen: mode 0600, 32 bytes, never overwrites */
	snprintf(made, sizeof(made), "%s/new.key", dir);
	umask(022);
	assert_int_equal(pseudonym_keygen(made), 0);
	assert_int_equal(stat(made, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 32);
	assert_int_equal(pseudonym_keygen(made), -1);
	key = pseudonym_key_load(made);
	assert_non_null(key);
	pseudonym_key_free(key);
	unlink(made);
	unlink(path);
	rmdir(dir);
}

UNIT_MAIN(cmocka_unit_test(test_known_answer_against_openssl_hmac),
          cmocka_unit_test(test_same_person_every_form),
          cmocka_unit_test(test_key_file_permissions))
