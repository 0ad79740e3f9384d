/*
 * cmd_run.c — "gbetl run": the nightly job.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "lock.h"
#include "log.h"
#include "run.h"
#include "session.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl run — the nightly job: inbox, import, allocate, report\n\n"
    "Usage:\n  gbetl run [OPTION]...\n\n"
    "Imports every file in the inbox (inbox_dir) as its own batch, with the\n"
    "source definition whose file_pattern matches its name; moves each to\n"
    "archive_dir, or to failed_dir with FILE.reason beside it saying why — one\n"
    "bad file never stops the others; then allocates every open fiscal year that\n"
    "changed and refreshes the reports in report_dir.  Prints a summary table.\n"
    "Only one run (or import) works at a time.\n\n"
    "Exit status: 0 all good; 1 a file failed or had too many rejects; 69\n"
    "database unreachable; 75 another run holds the lock; 78 bad configuration.\n";

/* Allocate the changed years that are open, then refresh their reports. */
static int allocate_and_report(PGconn *conn, const struct gbetl_config *cfg,
                               const struct run_summary *s)
{
	bool error;
	char *has = db_query_value(
	    conn, "SELECT pg_catalog.to_regproc('result.allocate') IS NOT NULL", 0, NULL, &error);
	int i, rc = 0;

	if (error) {
		free(has);
		return -1;
	}
	for (i = 0; i < s->year_count; i++) {
		char year[16];
		const char *params[2] = {cfg->municipality_code, year};
		char *closed;

		snprintf(year, sizeof(year), "%d", s->years_changed[i]);
		closed =
		    db_query_value(conn,
		                   "SELECT 1 FROM etl.closed_year WHERE municipality_code = $1 "
		                   "AND fiscal_year = $2::smallint",
		                   2, params, &error);
		if (closed || error) {
			free(closed);
			continue;
		}
		if (has && strcmp(has, "t") == 0) {
			if (db_command(conn,
			               "SELECT result.allocate($1, $2::smallint, 'gross', 'share')",
			               2, params) != 0) {
				rc = -1;
				continue;
			}
			log_info("allocated fiscal year %s", year);
		}
		if (report_write(conn, year, NULL, cfg->report_dir, strcmp(cfg->lang, "en") == 0,
		                 true, cfg->municipality_name) != 0)
			rc = -1;
	}
	free(has);
	return rc;
}

static int cmd_run(int argc, char **argv)
{
	struct run_summary summary;
	struct session session;
	int c, status;

	memset(&summary, 0, sizeof(summary));
	c = parse_common_options(argc, argv);
	if (c >= 0)
		return c;
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	status = session_open(&session, "run");
	if (status != EXIT_OK)
		goto out;
	if (db_apply_settings(session.conn, session.cfg.suppress_below) != 0) {
		status = db_exit_status(session.conn);
		goto out;
	}
	run_inbox(session.conn, &session.cfg, &summary);
	status = summary.exit_status;
	if (status != EXIT_UNAVAILABLE && status != EXIT_CONFIG && summary.year_count > 0 &&
	    allocate_and_report(session.conn, &session.cfg, &summary) != 0)
		status = db_connection_lost(session.conn) ? EXIT_UNAVAILABLE : EXIT_ATTENTION;
	if (log_get_level() <= LOG_LEVEL_INFO) /* -q: errors only */
		run_print_summary(&summary, stdout);
	if (status == EXIT_DATAERR)
		status = EXIT_ATTENTION; /* a refused file is a file that needs attention */
out:
	session_close(&session);
	run_summary_free(&summary);
	return status;
}

const struct command command_run = {"run", cmd_run,
                                    "the nightly job: inbox, import, allocate, report", help, true};
