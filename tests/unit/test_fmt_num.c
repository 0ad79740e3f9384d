/*
 * test_fmt_num.c — Swedish and English number formats: grouping with a
 * narrow no-break space, decimal comma, rounding half away from zero on the
 * decimal text, the minus sign, units, and what is not a number.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_num.h"
#include "testutil.h"

#define SP FMT_NNBSP

static void check(const char *in, int decimals, int flags, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(fmt_number(&sb, in, decimals, flags), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_grouping(void **state)
{
	(void)state;
	check("0", 0, 0, "0");
	check("999", 0, 0, "999");
	check("1000", 0, 0, "1" SP "000");
	check("1234567", 0, 0, "1" SP "234" SP "567");
	check("60686042.00", 0, 0, "60" SP "686" SP "042");
	check("123456789012", 0, 0, "123" SP "456" SP "789" SP "012");
	check("1234567", 0, FMT_EN, "1,234,567");
	check("0001234", 0, 0, "1" SP "234");
}

static void test_decimals_and_rounding(void **state)
{
	(void)state;
	check("1234.5", 2, 0, "1" SP "234,50");
	check("54.94", 1, 0, "54,9");
	check("54.95", 1, 0, "55,0");
	check("0.5", 0, 0, "1");
	check("0.49", 0, 0, "0");
	check("999.5", 0, 0, "1" SP "000");
	check("999999.995", 2, 0, "1" SP "000" SP "000,00");
	check("-2.5", 0, 0, FMT_MINUS "3");
	check("-0.4", 0, 0, "0"); /* never minus zero */
	check(".25", 1, 0, "0,3");
	check("7", 1, FMT_EN, "7.0");
	check("12.345", 2, FMT_EN, "12.35");
}

static void test_signs(void **state)
{
	(void)state;
	check("-1234", 0, 0, FMT_MINUS "1" SP "234");
	check("-1234", 0, FMT_EN, "-1,234");
	check("2.34", 1, FMT_PLUS, "+2,3");
	check("-2.34", 1, FMT_PLUS, FMT_MINUS "2,3");
	check("0.01", 1, FMT_PLUS, "0,0");
	check("+5", 0, 0, "5");
}

static void test_units(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(fmt_money(&sb, "1234567.49", 0, 0), 0);
	assert_string_equal(sb.buf, "1" SP "234" SP "567" FMT_NBSP "kr");
	strbuf_reset(&sb);
	assert_int_equal(fmt_money(&sb, "1234567.49", 2, 0), 0);
	assert_string_equal(sb.buf, "1" SP "234" SP "567,49" FMT_NBSP "kr");
	strbuf_reset(&sb);
	assert_int_equal(fmt_money(&sb, "1234567.49", 0, FMT_EN), 0);
	assert_string_equal(sb.buf, "SEK" FMT_NBSP "1,234,567");
	strbuf_reset(&sb);
	assert_int_equal(fmt_percent(&sb, "54.9", 0), 0);
	assert_string_equal(sb.buf, "54,9" FMT_NBSP "%");
	strbuf_reset(&sb);
	assert_int_equal(fmt_percent(&sb, "54.90", FMT_EN), 0);
	assert_string_equal(sb.buf, "54.9%");
	strbuf_release(&sb);
}

static void test_not_a_number(void **state)
{
	static const char *const bad[] = {"", "-", ".", "1,5", "12a", "1.2.3", " 1", "1e5", "abc"};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	(void)state;
	strbuf_addstr(&sb, "x");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(fmt_number(&sb, bad[i], 0, 0), -1);
		assert_int_equal(fmt_money(&sb, bad[i], 0, FMT_EN), -1);
		assert_int_equal(fmt_percent(&sb, bad[i], 0), -1);
	}
	assert_int_equal(fmt_number(&sb, NULL, 0, 0), -1);
	assert_string_equal(sb.buf, "x"); /* nothing appended */
	strbuf_release(&sb);
}

UNIT_MAIN(cmocka_unit_test(test_grouping), cmocka_unit_test(test_decimals_and_rounding),
          cmocka_unit_test(test_signs), cmocka_unit_test(test_units),
          cmocka_unit_test(test_not_a_number))
