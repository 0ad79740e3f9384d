/*
 * test_totals.c — running totals of quantities: exact decimals, the
 * first total below zero, many keys.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "totals.h"
#include "testutil.h"

static void test_exact_decimals(void **state)
{
	struct totals *t = totals_new();
	long line = 0;

	(void)state;
	totals_add(t, "a", "10", 1);
	totals_add(t, "a", "-9.9", 2);
	totals_add(t, "a", "-0.1", 3);
	assert_null(totals_first_negative(t, &line)); /* exactly 0, not -1e-15 */
	totals_add(t, "a", "-0.000000001", 4);
	assert_string_equal(totals_first_negative(t, &line), "a");
	assert_int_equal(line, 4);
	totals_free(t);
}

static void test_earliest_negative_of_many(void **state)
{
	struct totals *t = totals_new();
	char key[32];
	long line = 0;
	int i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		totals_add(t, key, "2.5", i);
	}
	totals_add(t, "k4000", "-3", 9000);
	totals_add(t, "k17", "-2.50", 8000);
	totals_add(t, "k17", "-0.5", 8001);
	assert_string_equal(totals_first_negative(t, &line), "k17");
	assert_int_equal(line, 8001);
	/* a quantity far beyond any real one does not overflow */
	totals_add(t, "big", "99999999999999999999999999999999999999", 1);
	totals_add(t, "big", "99999999999999999999999999999999999999", 2);
	totals_free(t);
}

UNIT_MAIN(cmocka_unit_test(test_exact_decimals), cmocka_unit_test(test_earliest_negative_of_many))
