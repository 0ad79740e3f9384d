/*
 * test_impact.c — what gbetl impact reads and how it writes numbers: a
 * change in kronor as a user types it, the proposal file, and amounts in
 * Swedish and English.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "impact.h"
#include "testutil.h"

static void test_parse_sek(void **state)
{
	long long ore = 0;

	(void)state;
	assert_int_equal(impact_parse_sek("-2000000", &ore), 0);
	assert_int_equal(ore, -200000000LL);
	assert_int_equal(impact_parse_sek("-2 000 000,50", &ore), 0);
	assert_int_equal(ore, -200000050LL);
	assert_int_equal(impact_parse_sek("1500.25", &ore), 0);
	assert_int_equal(ore, 150025);
	assert_int_equal(impact_parse_sek("två miljoner", &ore), -1);
	assert_int_equal(impact_parse_sek("", &ore), -1);
	assert_int_equal(impact_parse_sek("1,234", &ore), -1); /* three decimals */
}

/* impact_format's text of value (static buffer). */
static const char *formatted(const char *value, bool ore, bool english)
{
	static char b[64];

	impact_format(value, ore, english, b, sizeof(b));
	return b;
}

static void test_format(void **state)
{
	(void)state;
	assert_string_equal(formatted("-150000012", true, false), "-1 500 000,12");
	assert_string_equal(formatted("-150000012", true, true), "-1,500,000.12");
	assert_string_equal(formatted("5", true, false), "0,05");
	assert_string_equal(formatted("-100", true, false), "-1,00");
	assert_string_equal(formatted("1234.5", false, false), "1 234,5");
	assert_string_equal(formatted("66.7", false, true), "66.7");
	assert_string_equal(formatted(NULL, true, false), "–");
}

static void test_proposal(void **state)
{
	static const char text[] = "\xEF\xBB\xBFNämnd;Verksamhet;Förändring;Text\r\n"
	                           "VON;5101;-2 000 000;Minskad hemtjänst\r\n"
	                           "\r\n"
	                           "\"SOC\";\"5130\";\"150000,50\"\r\n";
	static const char bad[] = "Nämnd;Verksamhet;Förändring\nVON;5101;mycket\n";
	struct impact_change *c = NULL;
	size_t n = 0;
	const char *path = write_temp(0, ".csv", text, sizeof(text) - 1);

	(void)state;
	assert_int_equal(impact_read_proposal(path, &c, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[0].committee, "VON");
	assert_string_equal(c[0].activity, "5101");
	assert_int_equal(c[0].change_ore, -200000000LL);
	assert_string_equal(c[0].text, "Minskad hemtjänst");
	assert_string_equal(c[1].committee, "SOC");
	assert_int_equal(c[1].change_ore, 15000050LL);
	assert_string_equal(c[1].text, "");
	free(c);
	unlink(path);
	path = write_temp(1, ".csv", bad, sizeof(bad) - 1);
	assert_int_equal(impact_read_proposal(path, &c, &n), -1);
	assert_null(c);
	unlink(path);
}

UNIT_MAIN(cmocka_unit_test(test_parse_sek), cmocka_unit_test(test_format),
          cmocka_unit_test(test_proposal))
