/*
 * test_keyprint.c — the key's fingerprint: fixed for a key, different for
 * another, and not the key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "keyprint.h"
#include "pseudonym.h"
#include "testutil.h"

#include <stdio.h>
#include <string.h>

static void test_fingerprint(void **state)
{
	unsigned char a[32], b[32];
	char fa[KEYPRINT_HEX_LEN + 1], fa2[KEYPRINT_HEX_LEN + 1], fb[KEYPRINT_HEX_LEN + 1];
	char keyhex[65];
	struct pseudonym_key *ka, *ka2, *kb;
	int i;

	(void)state;
	for (i = 0; i < 32; i++) {
		a[i] = (unsigned char)i;
		b[i] = (unsigned char)(i + 1);
		snprintf(keyhex + 2 * i, 3, "%02x", a[i]);
	}
	ka = pseudonym_key_from_bytes(a, sizeof(a));
	ka2 = pseudonym_key_from_bytes(a, sizeof(a));
	kb = pseudonym_key_from_bytes(b, sizeof(b));
	keyprint_of(ka, fa);
	keyprint_of(ka2, fa2);
	keyprint_of(kb, fb);
	assert_int_equal(strlen(fa), KEYPRINT_HEX_LEN);
	assert_int_equal(strspn(fa, "0123456789abcdef"), KEYPRINT_HEX_LEN);
	assert_string_equal(fa, fa2);
	/* HMAC-SHA256(key, "gbetl key fingerprint v1"), first 128 bits: fixed
	 * for ever, or every database would refuse its own key */
	assert_string_equal(fa, "2cd12fc6d599e318311ba1181e51549c");
	assert_string_not_equal(fa, fb);
	assert_null(strstr(keyhex, fa)); /* the key is not in it */
	assert_int_not_equal(strncmp(keyhex, fa, 8), 0);
	pseudonym_key_free(ka);
	pseudonym_key_free(ka2);
	pseudonym_key_free(kb);
}

UNIT_MAIN(cmocka_unit_test(test_fingerprint))
