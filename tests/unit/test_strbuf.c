/*
 * test_strbuf.c — the growable buffer: appends, caps, trimming.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "testutil.h"

static void test_add_and_format(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_string_equal(sb.buf, "");
	strbuf_addstr(&sb, "kommun ");
	strbuf_addf(&sb, "%04d", 880);
	strbuf_addch(&sb, '!');
	assert_string_equal(sb.buf, "kommun 0880!");
	assert_int_equal(sb.len, 12);
	strbuf_release(&sb);
	assert_string_equal(sb.buf, "");
}

static void test_long_format_grows(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	strbuf_addf(&sb, "<%s>", big);
	assert_int_equal(sb.len, sizeof(big) + 1);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[sb.len - 1], '>');
	strbuf_release(&sb);
}

static void test_cap_refuses_growth(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	sb.limit = 8;
	assert_int_equal(strbuf_add_checked(&sb, "12345", 5), 0);
	assert_int_equal(strbuf_add_checked(&sb, "6789", 4), -1);
	assert_string_equal(sb.buf, "12345");
	assert_int_equal(strbuf_add_checked(&sb, "678", 3), 0);
	assert_string_equal(sb.buf, "12345678");
	strbuf_release(&sb);
}

static void test_trim_and_detach(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	size_t len;

	(void)state;
	strbuf_addstr(&sb, " \t Datum från \r\n");
	strbuf_trim(&sb);
	assert_string_equal(sb.buf, "Datum från");
	p = strbuf_detach(&sb, &len);
	assert_int_equal(len, strlen("Datum från"));
	assert_string_equal(sb.buf, "");
	free(p);
}

UNIT_MAIN(cmocka_unit_test(test_add_and_format), cmocka_unit_test(test_long_format_grows),
          cmocka_unit_test(test_cap_refuses_growth), cmocka_unit_test(test_trim_and_detach))
