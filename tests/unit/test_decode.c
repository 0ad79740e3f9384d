/*
 * test_decode.c — source encodings to UTF-8; invalid bytes are reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "decode.h"
#include "testutil.h"

static void convert(const char *enc, const char *in, size_t len, const char *want)
{
	struct decoder *d = decoder_new(enc);
	struct strbuf out = STRBUF_INIT;
	size_t bad = 0;

	assert_non_null(d);
	assert_int_equal(decoder_append(d, in, len, &out, &bad), 0);
	assert_string_equal(out.buf, want);
	strbuf_release(&out);
	decoder_free(d);
}

static void test_single_byte_encodings(void **state)
{
	(void)state;
	/* "Kön Åsa" in each encoding */
	convert("windows-1252", "K\xF6n \xC5sa \x80", 9, "Kön Åsa €");
	convert("ISO-8859-1", "K\xF6n \xC5sa", 7, "Kön Åsa");
	convert("ISO-8859-15", "\xA4", 1, "€");
	convert("PC8", "K\x94n \x8Fsa \x84", 9, "Kön Åsa ä");
	convert("CP437", "plain ascii", 11, "plain ascii");
}

static void test_utf8_validated(void **state)
{
	struct decoder *d = decoder_new("UTF-8");
	struct strbuf out = STRBUF_INIT;
	size_t bad = 99;

	(void)state;
	assert_non_null(d);
	assert_int_equal(decoder_append(d, "Kön", 4, &out, &bad), 0);
	assert_string_equal(out.buf, "Kön");
	strbuf_reset(&out);
	/* Latin-1 bytes in a file declared UTF-8 are an error with an offset */
	assert_int_equal(decoder_append(d, "K\xF6n", 3, &out, &bad), -1);
	assert_int_equal(bad, 1);
	/* overlong encoding of '/', a surrogate, a truncated sequence */
	assert_false(utf8_valid("\xC0\xAF", 2, &bad));
	assert_false(utf8_valid("\xED\xA0\x80", 3, &bad));
	assert_false(utf8_valid("ab\xE2\x82", 4, &bad));
	assert_int_equal(bad, 2);
	assert_true(utf8_valid("\xF0\x9F\x98\x80", 4, &bad));
	strbuf_release(&out);
	decoder_free(d);
}

static void test_unknown_encoding(void **state)
{
	(void)state;
	assert_null(decoder_new("EBCDIC-FI"));
}

UNIT_MAIN(cmocka_unit_test(test_single_byte_encodings), cmocka_unit_test(test_utf8_validated),
          cmocka_unit_test(test_unknown_encoding))
