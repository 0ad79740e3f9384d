/*
 * exit_status.c — the ranking of exit statuses and what a SQLSTATE means
 * for one (exitcode.h).
 */
#include "exitcode.h"

#include <string.h>

int exit_status_rank(int status)
{
	static const int order[] = {EXIT_OK,        EXIT_ATTENTION,   EXIT_DATAERR,  EXIT_NOINPUT,
	                            EXIT_CANTCREAT, EXIT_IOERR,       EXIT_TEMPFAIL, EXIT_NOPERM,
	                            EXIT_CONFIG,    EXIT_UNAVAILABLE, EXIT_OSERR,    EXIT_SOFTWARE,
	                            EXIT_USAGE};
	int i, n = (int)(sizeof(order) / sizeof(order[0]));

	for (i = 0; i < n; i++)
		if (order[i] == status)
			return i;
	return n;
}

int exit_status_worse(int a, int b)
{
	return exit_status_rank(a) >= exit_status_rank(b) ? a : b;
}

int exit_status_of_sqlstate(const char *sqlstate, bool connection_lost, enum sql_values values)
{
	static const char *const unavailable[] = {"57P01", "57P02", "57P03"};
	static const char *const tempfail[] = {"55P03", "40001", "40P01"};
	const char *s = sqlstate ? sqlstate : "";
	size_t i;

	if (connection_lost || strncmp(s, "08", 2) == 0 || strncmp(s, "53", 2) == 0 ||
	    strcmp(s, "25006") == 0)
		return EXIT_UNAVAILABLE;
	for (i = 0; i < 3; i++) {
		if (strcmp(s, unavailable[i]) == 0)
			return EXIT_UNAVAILABLE;
		if (strcmp(s, tempfail[i]) == 0)
			return EXIT_TEMPFAIL;
	}
	if (strcmp(s, "42501") == 0)
		return EXIT_NOPERM;
	if (strcmp(s, "55000") == 0)
		return EXIT_DATAERR;
	if (strncmp(s, "22", 2) == 0 && values == SQL_VALUES_GIVEN)
		return EXIT_DATAERR;
	return EXIT_ATTENTION;
}
