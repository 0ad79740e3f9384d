/*
 * cmd_close_year.c — "gbetl close-year YYYY": freeze a year's figures.
 */
#include "args.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "session.h"
#include "exitcode.h"
#include "log.h"
#include "publish.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl close-year — freeze a fiscal year's published figures\n\n"
    "Usage:\n  gbetl close-year [OPTION]... --year YYYY\n"
    "  gbetl close-year [OPTION]... YYYY\n\n"
    "Snapshots the year's allocation as a new version, with who, when and the\n"
    "batches (ids and SHA-256) it rests on.  Afterwards no import or allocation\n"
    "may change the year; reports read the snapshot.  A close after a reopen\n"
    "makes a new version and keeps the old.  A year whose data or mapping rules\n"
    "changed since it was last allocated is not closed: allocate it first.\n"
    "A year with cost that no mapping rule maps, or that has no recipients, is\n"
    "not closed either (the error names the amounts) unless --accept-unmapped\n"
    "is given; the close then records the amounts it accepted.  After the close\n"
    "the year's report files in report_dir are rewritten from the frozen\n"
    "figures.\n\n"
    "Options:\n"
    "  -y, --year=YYYY       the fiscal year (or give YYYY as the argument)\n"
    "      --accept-unmapped close although cost is unmapped or unallocated\n\n"
    "Exit status: 0 closed; 1 closed, but the reports could not be rewritten\n"
    "(the next \"gbetl run\" writes them); 2 usage; 65 already closed, nothing\n"
    "to close, changed since it was last allocated, or unmapped or unallocated\n"
    "cost without --accept-unmapped; 69 database unreachable; 75 another\n"
    "command that changes data is running; 78 bad configuration.\n";

enum { OPT_ACCEPT_UNMAPPED = OPT_FIRST_COMMAND_OPTION };

static int cmd_close_year(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"year", required_argument, NULL, 'y'},
	    {"accept-unmapped", no_argument, NULL, OPT_ACCEPT_UNMAPPED},
	    {NULL, 0, NULL, 0}};
	const char *year_option = NULL;
	char year[5], version[16];
	bool accept = false;
	struct session session;
	const char *params[3];
	PGresult *res = NULL;
	int c, status = EXIT_OK;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "y:", options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		if (c == 'y')
			year_option = optarg;
		else if (c == OPT_ACCEPT_UNMAPPED)
			accept = true;
		else
			return usage_error(argv[0]);
	}
	if (command_year(year_option, argc, argv, &optind, year) != 0)
		return usage_error(argv[0]);
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	status = session_open(&session, "close-year");
	if (status != EXIT_OK)
		goto out;
	params[0] = session.cfg.municipality_code;
	params[1] = year;
	params[2] = accept ? "true" : "false";
	res = PQexecParams(session.conn, "SELECT result.close_year($1, $2::smallint, $3::boolean)",
	                   3, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(session.conn, res, "could not close the year");
		status = db_exit_status_of(session.conn, res, SQL_VALUES_STORED);
		goto out;
	}
	snprintf(version, sizeof(version), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	/* what the close accepted, as it recorded it */
	params[2] = version;
	res = db_query(session.conn,
	               "SELECT to_char(unmapped_ore::numeric / 100, 'FM9999999999999990.00'), "
	               "to_char(unallocated_ore::numeric / 100, 'FM9999999999999990.00') FROM "
	               "result.year_close WHERE municipality_code = $1 AND fiscal_year = "
	               "$2::smallint AND version = $3::int AND unmapped_accepted",
	               3, params);
	if (res && PQntuples(res) == 1)
		log_info("closed fiscal year %s (version %s), accepting %s kr unmapped and %s kr "
		         "unallocated cost",
		         year, version, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1));
	else
		log_info("closed fiscal year %s (version %s)", year, version);
	status = publish_refresh(session.conn, &session.cfg, year);
out:
	PQclear(res);
	session_close(&session);
	return status;
}

const struct command command_close_year = {"close-year", cmd_close_year,
                                           "freeze a fiscal year's published figures", help, true};
