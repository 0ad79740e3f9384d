/*
 * cmd_close_year.c — "gbetl close-year YYYY": freeze a year's figures.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "session.h"
#include "exitcode.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl close-year — freeze a fiscal year's published figures\n\n"
    "Usage:\n  gbetl close-year [OPTION]... YYYY\n\n"
    "Snapshots the year's allocation as a new version, with who, when and the\n"
    "batches (ids and SHA-256) it rests on.  Afterwards no import or allocation\n"
    "may change the year; reports read the snapshot.  A close after a reopen\n"
    "makes a new version and keeps the old.  A year whose data or mapping rules\n"
    "changed since it was last allocated is not closed: allocate it first.\n\n"
    "Exit status: 0 closed; 2 usage; 65 already closed, nothing to close, or\n"
    "changed since it was last allocated; 69 database unreachable; 75 another\n"
    "command that changes data is running; 78 bad configuration.\n";

static int cmd_close_year(int argc, char **argv)
{
	struct session session;
	const char *params[2];
	PGresult *res = NULL;
	int c, status = EXIT_OK;

	c = parse_common_options(argc, argv);
	if (c >= 0)
		return c;
	if (optind + 1 != argc || strlen(argv[optind]) != 4 || atoi(argv[optind]) < 1900) {
		log_error("give one fiscal year as YYYY");
		return usage_error(argv[0]);
	}
	status = session_open(&session, "close-year");
	if (status != EXIT_OK)
		goto out;
	params[0] = session.cfg.municipality_code;
	params[1] = argv[optind];
	res = PQexecParams(session.conn, "SELECT result.close_year($1, $2::smallint)", 2, NULL,
	                   params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(session.conn, res, "could not close the year");
		status = strcmp(db_sqlstate(res), "55000") == 0 ? EXIT_DATAERR
		                                                : db_exit_status(session.conn);
		goto out;
	}
	log_info("closed fiscal year %s (version %s)", argv[optind], PQgetvalue(res, 0, 0));
out:
	PQclear(res);
	session_close(&session);
	return status;
}

const struct command command_close_year = {"close-year", cmd_close_year,
                                           "freeze a fiscal year's published figures", help, true};
