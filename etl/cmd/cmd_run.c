/*
 * cmd_run.c — "gbetl run": the nightly job.
 */
#include "alloc_settings.h"
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "lock.h"
#include "log.h"
#include "run.h"
#include "session.h"
#include "publish.h"
#include "testhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "gbetl run — the nightly job: inbox, import, allocate, report\n\n"
    "Usage:\n  gbetl run [OPTION]...\n\n"
    "Imports every file in the inbox (inbox_dir) as its own batch, with the\n"
    "source definition whose file_pattern matches its name; moves each to\n"
    "archive_dir, or to failed_dir with FILE.reason beside it saying why — one\n"
    "bad file never stops the others.  Files still being written (a name that\n"
    "starts with \".\" or ends in .part, .tmp or .filepart, or changed within the\n"
    "last settle_seconds) stay for the next run.  Then allocates every open\n"
    "fiscal year whose data or mapping rules changed since its last allocation,\n"
    "or whose allocation has another basis than the configuration's cost_basis\n"
    "and direct_remainder (with which it allocates), and writes the\n"
    "reports of every year allocated, closed or reopened since its reports were\n"
    "written — also what an earlier, interrupted run left undone.  Prints a\n"
    "summary table.  Only one command that changes data works at a time.\n\n"
    "Exit status: 0 all good; 1 a file failed, had too many rejects or no\n"
    "records, or could not be moved, or an allocation failed; 69 database\n"
    "unreachable; 73 a report could not be written; 75 another command that\n"
    "changes data holds the lock; 78 bad configuration or a different key.\n";

/* Allocate every open year whose data or rules changed since its last
 * allocation, or whose allocation has another basis than the configuration
 * says (an "allocate --cost" for one run).  0, or -1 when one failed
 * (logged). */
static int allocate_pending(PGconn *conn, const struct gbetl_config *cfg)
{
	const char *params[4] = {cfg->municipality_code, NULL, cfg->cost_basis,
	                         cfg->direct_remainder};
	const char *qparams[3] = {cfg->municipality_code, cfg->cost_basis, cfg->direct_remainder};
	PGresult *years = db_query(
	    conn,
	    "SELECT fiscal_year FROM etl.year_state s WHERE municipality_code = $1 AND NOT EXISTS "
	    "(SELECT 1 FROM etl.closed_year c WHERE c.municipality_code = s.municipality_code AND "
	    "c.fiscal_year = s.fiscal_year) AND (changed_at > coalesce(allocated_at, '-infinity') "
	    "OR EXISTS (SELECT 1 FROM result.allocation a WHERE a.municipality_code = "
	    "s.municipality_code AND a.fiscal_year = s.fiscal_year AND (a.cost_basis <> $2 OR "
	    "a.direct_remainder IS DISTINCT FROM $3))) ORDER BY 1",
	    3, qparams);
	int i, rc = 0;

	if (years == NULL)
		return -1;
	for (i = 0; i < PQntuples(years); i++) {
		params[1] = PQgetvalue(years, i, 0);
		/* the year's budget is split in the same statement (docs/method.md) */
		if (db_command(conn,
		               "SELECT result.allocate_year($1, $2::smallint, $3, $4), "
		               "result.allocate_budget($1, $2::smallint, $3)",
		               4, params) != 0) {
			rc = -1;
			if (db_connection_lost(conn))
				break;
			continue;
		}
		log_info("allocated fiscal year %s (%s cost, direct remainder %s)", params[1],
		         cfg->cost_basis, cfg->direct_remainder);
	}
	PQclear(years);
	return rc;
}

/* Write the reports of every year whose published figures changed since its
 * reports were written.  Returns an exit status: 0, 69 or 73. */
static int report_pending(PGconn *conn, const struct gbetl_config *cfg)
{
	const char *params[1] = {cfg->municipality_code};
	PGresult *years = db_query(
	    conn,
	    "SELECT s.fiscal_year FROM etl.year_state s WHERE s.municipality_code = $1 AND "
	    "s.published_at > coalesce(s.reported_at, '-infinity') ORDER BY 1",
	    1, params);
	int i, status = EXIT_OK;

	if (years == NULL)
		return db_exit_status(conn);
	for (i = 0; i < PQntuples(years); i++) {
		bool written;

		status = exit_status_worse(
		    status, publish_reports(conn, cfg, PQgetvalue(years, i, 0), &written));
	}
	PQclear(years);
	return status;
}

/* Without mapping rules every cost is unmapped and every figure zero: a
 * night that needs attention, not a good one. */
static bool rules_loaded(PGconn *conn, const struct gbetl_config *cfg)
{
	const char *params[1] = {cfg->municipality_code};
	bool error;
	char *set = db_query_value(conn, "SELECT mapping.current_set($1)", 1, params, &error);
	bool loaded = set != NULL || error;

	if (!loaded) {
		log_error("no mapping rules are loaded for municipality %s: every cost is unmapped",
		          cfg->municipality_code);
		log_hint("Load them with \"gbetl mappings\" (mappings_dir: \"%s\").",
		         cfg->mappings_dir);
	}
	free(set);
	return loaded;
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
	if (db_apply_settings(session.conn, session.cfg.suppress_below) != 0 ||
	    alloc_settings_apply(session.conn, &session.cfg) != 0) {
		status = db_exit_status(session.conn);
		goto out;
	}
	run_inbox(session.conn, &session.cfg, &summary);
	status = summary.exit_status;
	if (!db_connection_lost(session.conn)) {
		test_stop_point("run:before-allocate");
		if (allocate_pending(session.conn, &session.cfg) != 0)
			status = exit_status_worse(status, db_connection_lost(session.conn)
			                                       ? EXIT_UNAVAILABLE
			                                       : EXIT_ATTENTION);
		if (!db_connection_lost(session.conn))
			status =
			    exit_status_worse(status, report_pending(session.conn, &session.cfg));
	}
	if (!db_connection_lost(session.conn) && !rules_loaded(session.conn, &session.cfg))
		status = exit_status_worse(status, EXIT_ATTENTION);
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
