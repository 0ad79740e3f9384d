/*
 * test_exit_status.c — the ranking of exit statuses and the SQLSTATEs that
 * choose one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <cmocka.h>

#include "exitcode.h"
#include "testutil.h"

static void test_ranking(void **state)
{
	static const int order[] = {EXIT_OK,        EXIT_ATTENTION,   EXIT_DATAERR,  EXIT_NOINPUT,
	                            EXIT_CANTCREAT, EXIT_IOERR,       EXIT_TEMPFAIL, EXIT_NOPERM,
	                            EXIT_CONFIG,    EXIT_UNAVAILABLE, EXIT_OSERR,    EXIT_SOFTWARE,
	                            EXIT_USAGE};
	size_t i, j, n = sizeof(order) / sizeof(order[0]);

	(void)state;
	/* a total order: every pair, both ways round */
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			assert_int_equal(exit_status_worse(order[i], order[j]),
			                 order[i > j ? i : j]);
	/* what cron sees for a run with a bad file and then no database */
	assert_int_equal(exit_status_worse(EXIT_DATAERR, EXIT_UNAVAILABLE), EXIT_UNAVAILABLE);
	/* a status that was not ranked before (66, 75) is no longer taken for 0 */
	assert_int_equal(exit_status_worse(EXIT_ATTENTION, EXIT_NOINPUT), EXIT_NOINPUT);
	assert_int_equal(exit_status_worse(EXIT_TEMPFAIL, EXIT_ATTENTION), EXIT_TEMPFAIL);
	/* an unknown status ranks above all */
	assert_int_equal(exit_status_worse(EXIT_USAGE, 3), 3);
}

static void test_sqlstate(void **state)
{
	static const struct {
		const char *sqlstate;
		bool lost;
		enum sql_values values;
		int status;
	} cases[] = {
	    /* the year is closed, whatever the statement */
	    {"55000", false, SQL_VALUES_STORED, EXIT_DATAERR},
	    {"55000", false, SQL_VALUES_GIVEN, EXIT_DATAERR},
	    /* a bad value the user gave is bad input; stored data that
	     * overflows an allocation needs attention */
	    {"22023", false, SQL_VALUES_GIVEN, EXIT_DATAERR},
	    {"22003", false, SQL_VALUES_STORED, EXIT_ATTENTION},
	    /* no server, or one that cannot take writes now: a standby, a full
	     * disk */
	    {"08006", false, SQL_VALUES_GIVEN, EXIT_UNAVAILABLE},
	    {"57P01", false, SQL_VALUES_GIVEN, EXIT_UNAVAILABLE},
	    {"25006", false, SQL_VALUES_STORED, EXIT_UNAVAILABLE},
	    {"53100", false, SQL_VALUES_STORED, EXIT_UNAVAILABLE},
	    {"25001", false, SQL_VALUES_STORED, EXIT_ATTENTION},
	    /* try again */
	    {"55P03", false, SQL_VALUES_GIVEN, EXIT_TEMPFAIL},
	    {"40P01", false, SQL_VALUES_GIVEN, EXIT_TEMPFAIL},
	    /* a role without the privilege did nothing: not "finished" (1) */
	    {"42501", false, SQL_VALUES_GIVEN, EXIT_NOPERM},
	    {"42501", false, SQL_VALUES_STORED, EXIT_NOPERM},
	    {"", false, SQL_VALUES_GIVEN, EXIT_ATTENTION},
	    {NULL, false, SQL_VALUES_GIVEN, EXIT_ATTENTION},
	    /* a lost connection wins over whatever the last statement said */
	    {"22023", true, SQL_VALUES_GIVEN, EXIT_UNAVAILABLE},
	    {NULL, true, SQL_VALUES_STORED, EXIT_UNAVAILABLE},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(
		    exit_status_of_sqlstate(cases[i].sqlstate, cases[i].lost, cases[i].values),
		    cases[i].status);
}

UNIT_MAIN(cmocka_unit_test(test_ranking), cmocka_unit_test(test_sqlstate))
