/*
 * test_ini.c — the INI dialect of configuration and source files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ini.h"
#include "strbuf.h"
#include "testutil.h"

static int collect(const struct ini_entry *e, void *ctx)
{
	struct strbuf *sb = ctx;

	strbuf_addf(sb, "%d[%s]%s=%s|", e->line, e->section, e->key, e->value);
	return 0;
}

static void test_sections_comments_and_values(void **state)
{
	static const char text[] = "\xEF\xBB\xBF# a comment\n"
	                           "top = 1\n"
	                           "[source]\n"
	                           "kind         = service            # service | ledger\n"
	                           "delimiter    = ;\n"
	                           "\n"
	                           "[fields]\r\n"
	                           "person_id    = #3\r\n"
	                           "unit = \"hours # not a comment\"\n"
	                           "period_start = Datum från\n";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(ini_parse_text("t.conf", text, strlen(text), collect, &sb), 0);
	assert_string_equal(sb.buf, "2[]top=1|4[source]kind=service|5[source]delimiter=;|"
	                            "8[fields]person_id=#3|9[fields]unit=\"hours # not a comment\"|"
	                            "10[fields]period_start=Datum från|");
	strbuf_release(&sb);
}

static void test_errors_are_reported_and_parsing_goes_on(void **state)
{
	static const char text[] = "[source\nno equals sign\n = value\nkind = csv\n";
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	assert_int_equal(ini_parse_text("bad.conf", text, strlen(text), collect, &sb), -1);
	/* The good line after three bad ones is still delivered. */
	assert_string_equal(sb.buf, "4[]kind=csv|");
	strbuf_release(&sb);
}

static struct ini_entry entry(const char *value)
{
	struct ini_entry e = {"t.conf", 1, "source", "key", value};

	return e;
}

static void test_one_of_two_words(void **state)
{
	struct ini_entry e;
	int which = -1;

	(void)state;
	e = entry("append");
	assert_int_equal(ini_one_of(&e, "append", "period", &which), 0);
	assert_int_equal(which, 0);
	e = entry("period");
	assert_int_equal(ini_one_of(&e, "append", "period", &which), 0);
	assert_int_equal(which, 1);
	which = 7;
	e = entry("Period");
	assert_int_equal(ini_one_of(&e, "append", "period", &which), -1);
	e = entry("");
	assert_int_equal(ini_one_of(&e, "append", "period", &which), -1);
	assert_int_equal(which, 7);
}

static void test_ratio(void **state)
{
	static const char *const bad[] = {"", "1.01", "-0.1", "0.5x", "nan", "x"};
	struct ini_entry e;
	double r = -1;
	size_t i;

	(void)state;
	e = entry("0.25");
	assert_int_equal(ini_ratio(&e, &r), 0);
	assert_true(r == 0.25);
	e = entry("1");
	assert_int_equal(ini_ratio(&e, &r), 0);
	assert_true(r == 1.0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = -1;
		e = entry(bad[i]);
		assert_int_equal(ini_ratio(&e, &r), -1);
		assert_true(r == -1);
	}
}

static void test_whole_number(void **state)
{
	struct ini_entry e;
	long n = 42;

	(void)state;
	e = entry("1000");
	assert_true(ini_whole_number(&e, 10, 3, 1000, &n));
	assert_int_equal(n, 1000);
	e = entry("-1");
	assert_true(ini_whole_number(&e, 10, -1, 5, &n));
	assert_int_equal(n, -1);
	e = entry("0640");
	assert_true(ini_whole_number(&e, 8, 0, 0777, &n));
	assert_int_equal(n, 0640);
	n = 42;
	e = entry("1001");
	assert_false(ini_whole_number(&e, 10, 3, 1000, &n));
	e = entry("2");
	assert_false(ini_whole_number(&e, 10, 3, 1000, &n));
	e = entry("12x");
	assert_false(ini_whole_number(&e, 10, 0, 100, &n));
	e = entry("");
	assert_false(ini_whole_number(&e, 10, 0, 100, &n));
	e = entry("0680");
	assert_false(ini_whole_number(&e, 8, 0, 0777, &n));
	e = entry("99999999999999999999999");
	assert_false(ini_whole_number(&e, 10, 0, LONG_MAX, &n));
	assert_int_equal(n, 42);
}

UNIT_MAIN(cmocka_unit_test(test_sections_comments_and_values),
          cmocka_unit_test(test_errors_are_reported_and_parsing_goes_on),
          cmocka_unit_test(test_one_of_two_words), cmocka_unit_test(test_ratio),
          cmocka_unit_test(test_whole_number))
