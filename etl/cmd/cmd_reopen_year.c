/*
 * cmd_reopen_year.c — "gbetl reopen-year YYYY --reason TEXT".
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
    "gbetl reopen-year — reopen a closed fiscal year\n\n"
    "Usage:\n  gbetl reopen-year [OPTION]... --year YYYY --reason TEXT\n"
    "  gbetl reopen-year [OPTION]... YYYY --reason TEXT\n\n"
    "Reopens the year so that imports and allocations may change it again; the\n"
    "reopening is logged with who, when and the reason.  The frozen versions\n"
    "are kept; closing again makes a new version.  The year's report files in\n"
    "report_dir are rewritten from its current (open) figures.\n\n"
    "Options:\n"
    "  -y, --year=YYYY     the fiscal year (or give YYYY as the argument)\n"
    "      --reason=TEXT   why (required)\n\n"
    "Exit status: 0 reopened; 1 reopened, but the reports could not be\n"
    "rewritten (the next \"gbetl run\" writes them); 2 usage; 65 the year is not\n"
    "closed; 69 database unreachable; 75 another command that changes data is\n"
    "running; 78 bad configuration.\n";

enum { OPT_REASON = OPT_FIRST_COMMAND_OPTION };

static int cmd_reopen_year(int argc, char **argv)
{
	static const struct option options[] = {COMMON_LONG_OPTIONS,
	                                        {"year", required_argument, NULL, 'y'},
	                                        {"reason", required_argument, NULL, OPT_REASON},
	                                        {NULL, 0, NULL, 0}};
	const char *reason = NULL, *year_option = NULL;
	char year[5];
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
		else if (c == OPT_REASON)
			reason = optarg;
		else
			return usage_error(argv[0]);
	}
	if (command_year(year_option, argc, argv, &optind, year) != 0)
		return usage_error(argv[0]);
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	if (reason == NULL || reason[strspn(reason, " \t")] == '\0') {
		log_error("a reason is required (--reason TEXT)");
		return usage_error(argv[0]);
	}
	status = session_open(&session, "reopen-year");
	if (status != EXIT_OK)
		goto out;
	params[0] = session.cfg.municipality_code;
	params[1] = year;
	params[2] = reason;
	res = PQexecParams(session.conn, "SELECT result.reopen_year($1, $2::smallint, $3)", 3, NULL,
	                   params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(session.conn, res, "could not reopen the year");
		status = db_exit_status_of(session.conn, res, SQL_VALUES_STORED);
		goto out;
	}
	log_info("reopened fiscal year %s", year);
	status = publish_refresh(session.conn, &session.cfg, year);
out:
	PQclear(res);
	session_close(&session);
	return status;
}

const struct command command_reopen_year = {"reopen-year", cmd_reopen_year,
                                            "reopen a closed fiscal year (logged, with a reason)",
                                            help, true};
