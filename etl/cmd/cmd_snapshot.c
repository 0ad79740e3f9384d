/*
 * cmd_snapshot.c — "gbetl snapshot": freeze an interim follow-up of the
 * budget (delårsuppföljning) under a name, as close-year freezes a year.
 * The work is result.snapshot_budget() (schemas/014_budget.sql).
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "session.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl snapshot — freeze the budget against the outcome through a month\n\n"
    "Usage:\n  gbetl snapshot --year YYYY --name NAME --through-month M\n\n"
    "Compares the budget through month M (the period budgets of months 1 to M,\n"
    "and M twelfths of budgets for the whole year) with the outcome through\n"
    "month M (the year's allocation, which must reach no further than M), by\n"
    "sex, and keeps it under NAME (T1, T2, \"Delår augusti\") in\n"
    "result.budget_snapshot; it is never changed afterwards.  Allocate the year\n"
    "first.  See " GBETL_DOCDIR "/docs/method.md.\n\n"
    "Options:\n"
    "  -y, --year=YYYY           the fiscal year\n"
    "      --name=NAME           the snapshot's name\n"
    "      --through-month=M     the last month of the comparison, 1 to 12\n\n"
    "Exit status: 0 done; 2 usage; 65 refused (the name is taken, the year changed\n"
    "since its allocation, the ledger reaches past month M, no budget); 69\n"
    "database unreachable; 75 another command that changes data is running; 78\n"
    "bad configuration.\n";

enum { OPT_NAME = OPT_FIRST_COMMAND_OPTION, OPT_MONTH };

static int cmd_snapshot(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"year", required_argument, NULL, 'y'},
	    {"name", required_argument, NULL, OPT_NAME},
	    {"through-month", required_argument, NULL, OPT_MONTH},
	    {NULL, 0, NULL, 0}};
	const char *year = NULL, *name = NULL, *month = NULL, *params[5];
	struct session session;
	PGresult *res = NULL;
	int c, status = EXIT_OK;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "y:", options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		if (c == 'y')
			year = optarg;
		else if (c == OPT_NAME)
			name = optarg;
		else if (c == OPT_MONTH)
			month = optarg;
		else
			return usage_error(argv[0]);
	}
	if (year == NULL || strlen(year) != 4 || atoi(year) < 1900 || atoi(year) > 2200 ||
	    name == NULL || name[0] == '\0' || strlen(name) > 64 || month == NULL ||
	    atoi(month) < 1 || atoi(month) > 12 || strspn(month, "0123456789") != strlen(month) ||
	    optind < argc) {
		log_error("give --year YYYY, --name NAME (at most 64 characters) and "
		          "--through-month 1 to 12");
		return usage_error(argv[0]);
	}
	status = session_open(&session, "snapshot");
	if (status != EXIT_OK)
		goto out;
	params[0] = session.cfg.municipality_code;
	params[1] = year;
	params[2] = month;
	params[3] = name;
	params[4] = session.cfg.cost_basis;
	res = PQexecParams(session.conn,
	                   "SELECT result.snapshot_budget($1, $2::smallint, $3::integer, $4, $5)",
	                   5, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(session.conn, res, "could not take the snapshot");
		status = db_exit_status_of(session.conn, res, SQL_VALUES_GIVEN);
		goto out;
	}
	PQclear(res);
	params[2] = name;
	res = db_query(
	    session.conn,
	    "SELECT committee_code, budget_version, to_char(sum(budget_women_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(cost_women_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(budget_men_ore) / 100.0, "
	    "'FM999999999990.00'), to_char(sum(cost_men_ore) / 100.0, "
	    "'FM999999999990.00') FROM result.budget_snapshot WHERE municipality_code = "
	    "$1 AND fiscal_year = $2::smallint AND name = $3 GROUP BY 1, 2 ORDER BY 1, 2",
	    3, params);
	if (res == NULL) {
		status = db_exit_status(session.conn);
		goto out;
	}
	log_info("froze snapshot \"%s\" of fiscal year %s through month %s", name, year, month);
	if (log_get_level() > LOG_LEVEL_INFO)
		goto out;
	printf("%s %s, months 1-%s, SEK:\n  %-10s %-18s %16s %16s %16s %16s\n", year, name, month,
	       "committee", "version", "budget women", "outcome women", "budget men",
	       "outcome men");
	for (c = 0; c < PQntuples(res); c++)
		printf("  %-10s %-18s %16s %16s %16s %16s\n", PQgetvalue(res, c, 0),
		       PQgetvalue(res, c, 1), PQgetvalue(res, c, 2), PQgetvalue(res, c, 3),
		       PQgetvalue(res, c, 4), PQgetvalue(res, c, 5));
out:
	PQclear(res);
	session_close(&session);
	return status;
}

const struct command command_snapshot = {
    "snapshot", cmd_snapshot, "freeze the budget against the outcome through a month", help, true};
