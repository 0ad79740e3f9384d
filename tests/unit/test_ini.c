/*
 * test_ini.c — the INI dialect of configuration and source files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "ini.h"
#include "strbuf.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sections_comments_and_values),
	    cmocka_unit_test(test_errors_are_reported_and_parsing_goes_on),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
