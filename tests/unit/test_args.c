/*
 * test_args.c — the fiscal year, one way for every command: --year YYYY or
 * a bare YYYY, the same; a bad, doubled or missing year refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "args.h"
#include "log.h"
#include "testutil.h"

#include <string.h>

static void test_parse_year(void **state)
{
	int y = 0;

	(void)state;
	assert_int_equal(parse_year("2024", &y), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(parse_year("1900", &y), 0);
	assert_int_equal(parse_year("2200", &y), 0);
	assert_int_equal(parse_year("1899", &y), -1);
	assert_int_equal(parse_year("2201", &y), -1);
	assert_int_equal(parse_year("24", &y), -1);
	assert_int_equal(parse_year("02024", &y), -1);
	assert_int_equal(parse_year("2024x", &y), -1);
	assert_int_equal(parse_year(" 2024", &y), -1);
	assert_int_equal(parse_year("+202", &y), -1);
	assert_int_equal(parse_year("", &y), -1);
	assert_int_equal(parse_year(NULL, &y), -1);
}

static void test_command_year(void **state)
{
	char *argv[] = {"close-year", "2024", "2025", NULL};
	char out[5];
	int next, year;

	(void)state;
	log_set_level(LOG_LEVEL_ERROR + 1); /* the refusals are expected */
	next = 1;
	assert_int_equal(command_year(0, 2, argv, &next, out), 0);
	assert_string_equal(out, "2024");
	assert_int_equal(next, 2); /* the bare year is taken */
	next = 2;
	assert_int_equal(command_year(2024, 2, argv, &next, out), 0);
	assert_string_equal(out, "2024");
	assert_int_equal(next, 2); /* nothing left to take */
	next = 1;
	assert_int_equal(command_year(2024, 3, argv, &next, out), 0); /* the same year twice */
	assert_int_equal(next, 2);
	next = 2;
	assert_int_equal(command_year(2024, 3, argv, &next, out), -1); /* two years */
	next = 3;
	assert_int_equal(command_year(0, 3, argv, &next, out), -1); /* none */
	assert_int_equal(year_argument("24", &year), -1);           /* --year 24 */
	log_set_level(LOG_LEVEL_INFO);
}

UNIT_MAIN(cmocka_unit_test(test_parse_year), cmocka_unit_test(test_command_year))
