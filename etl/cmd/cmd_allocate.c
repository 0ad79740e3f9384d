/*
 * cmd_allocate.c — "gbetl allocate": the gender-budget allocation of a year.
 *
 * The work is set-based SQL in the database (result.allocate in
 * schemas/006_allocate_one_pass.sql); this command checks its arguments and
 * reports.
 */
#include "alloc_settings.h"
#include "args.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "session.h"
#include "version.h"
#include "exitcode.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl allocate — split each committee's cost between women and men\n\n"
    "Usage:\n  gbetl allocate --year YYYY [OPTION]...\n  gbetl allocate YYYY [OPTION]...\n\n"
    "For every committee and activity of the fiscal year: the ledger cost, split\n"
    "by the activity's method (volume, headcount, direct, aggregate, none) into\n"
    "women, men, unknown sex, not individual-based and unallocated — exact to the\n"
    "öre — with recipients, volumes, cost per recipient and per inhabitant, the\n"
    "representation index and the 40–60 balance band; and the key figures of the\n"
    "welfare accounts; and the year's budget (every version) split the same way\n"
    "at the shares of the reference year's outcome.  Replaces the year's earlier\n"
    "results.  See " GBETL_DOCDIR "/docs/method.md.\n\n"
    "Options:\n"
    "  -y, --year=YYYY           the fiscal year\n"
    "      --cost=gross|own      gross cost, or SCB's kostnad för det egna\n"
    "                            åtagandet (cost net of internal revenue); default:\n"
    "                            the configuration's cost_basis (gross)\n"
    "      --direct-remainder=share|apart\n"
    "                            direct activities: split the whole cost by the\n"
    "                            amounts paid (share) or show the cost beyond them\n"
    "                            as administration (apart); default: the\n"
    "                            configuration's direct_remainder (share)\n\n"
    "The options apply to this allocation only; \"gbetl run\" allocates with the\n"
    "configuration's settings.  The allocation records its basis.\n\n"
    "Exit status: 0 done; 1 failed; 2 usage; 65 the year is closed; 69 database\n"
    "unreachable; 75 another command that changes data is running; 78 bad\n"
    "configuration.\n";

enum { OPT_COST = OPT_FIRST_COMMAND_OPTION, OPT_REMAINDER };

static int cmd_allocate(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"year", required_argument, NULL, 'y'},
	    {"cost", required_argument, NULL, OPT_COST},
	    {"direct-remainder", required_argument, NULL, OPT_REMAINDER},
	    {NULL, 0, NULL, 0}};
	const char *cost = NULL, *remainder = NULL, *year = NULL;
	char year_text[5];
	const char *params[4];
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
		else if (c == OPT_COST && (!strcmp(optarg, "gross") || !strcmp(optarg, "own")))
			cost = optarg;
		else if (c == OPT_REMAINDER &&
		         (!strcmp(optarg, "share") || !strcmp(optarg, "apart")))
			remainder = optarg;
		else
			return usage_error(argv[0]);
	}
	if (command_year(year, argc, argv, &optind, year_text) != 0)
		return usage_error(argv[0]);
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	year = year_text;
	status = session_open(&session, "allocate");
	if (status == EXIT_OK && alloc_settings_apply(session.conn, &session.cfg) != 0)
		status = db_exit_status(session.conn);
	if (status != EXIT_OK)
		goto out;
	if (cost == NULL)
		cost = session.cfg.cost_basis;
	if (remainder == NULL)
		remainder = session.cfg.direct_remainder;
	params[0] = session.cfg.municipality_code;
	params[1] = year;
	params[2] = cost;
	params[3] = remainder;
	/* the year's budget is split in the same statement (docs/method.md) */
	res = PQexecParams(session.conn,
	                   "SELECT result.allocate_year($1, $2::smallint, $3, $4), "
	                   "result.allocate_budget($1, $2::smallint, $3)",
	                   4, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(session.conn, res, "could not allocate");
		status = db_exit_status_of(session.conn, res, SQL_VALUES_STORED);
		goto out;
	}
	PQclear(res);
	res = db_query(session.conn,
	               "SELECT count(*), coalesce(sum(ledger_cost_ore), 0), "
	               "coalesce(sum(women_ore), 0), coalesce(sum(men_ore), 0), "
	               "coalesce(sum(unknown_ore), 0), coalesce(sum(not_individual_ore), 0), "
	               "coalesce(sum(unallocated_ore), 0) FROM result.allocation WHERE "
	               "municipality_code = $1 AND fiscal_year = $2::smallint",
	               2, params);
	if (res == NULL) {
		status = db_exit_status(session.conn);
		goto out;
	}
	log_info("allocated fiscal year %s (%s cost, direct remainder %s): %s rows", year, cost,
	         remainder, PQgetvalue(res, 0, 0));
	if (log_get_level() > LOG_LEVEL_INFO) /* -q: errors only */
		goto out;
	printf("fiscal year %s, %s cost, öre:\n  ledger cost     %20s\n  women           %20s\n"
	       "  men             %20s\n  unknown sex     %20s\n  not individual  %20s\n"
	       "  unallocated     %20s\n",
	       year, cost, PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 3),
	       PQgetvalue(res, 0, 4), PQgetvalue(res, 0, 5), PQgetvalue(res, 0, 6));
out:
	PQclear(res);
	session_close(&session);
	return status;
}

const struct command command_allocate = {
    "allocate", cmd_allocate, "split each committee's cost between women and men", help, true};
