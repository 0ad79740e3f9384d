/*
 * cmd_run.c — "gbetl run": the nightly job.
 */
#include "alloc_settings.h"
#include "allocate.h"
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "fiscal_year.h"
#include "log.h"
#include "run.h"
#include "testhook.h"

#include <string.h>

static const char usage[] =
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
    "summary table.  Only one command that changes data works at a time.\n";

static const char notes[] =
    "Exit status: 0 all good; 1 a file failed, had too many rejects or no\n"
    "records, or could not be moved, or an allocation failed; 69 database\n"
    "unreachable; 73 a report could not be written; 75 another command that\n"
    "changes data holds the lock; 77 the database role lacks a privilege; 78 bad\n"
    "configuration or a different key.\n";

static int run(struct session *s, int argc, char **argv)
{
	struct run_summary summary;
	int status;

	(void)argc;
	(void)argv;
	memset(&summary, 0, sizeof(summary));
	if (db_apply_settings(s->conn, s->cfg.suppress_below) != 0 ||
	    alloc_settings_apply(s->conn, &s->cfg) != 0)
		return db_exit_status(s->conn);
	if (run_inbox(s->conn, &s->cfg, &summary) != 0 && summary.exit_status == EXIT_NOPERM) {
		/* the login may not load: the night's work is not its to do */
		run_summary_free(&summary);
		return EXIT_NOPERM;
	}
	status = summary.exit_status;
	if (!db_connection_lost(s->conn)) {
		test_stop_point("run:before-allocate");
		if (allocate_pending(s->conn, &s->cfg) != 0)
			status =
			    exit_status_worse(status, db_connection_lost(s->conn) ? EXIT_UNAVAILABLE
			                                                          : EXIT_ATTENTION);
		if (!db_connection_lost(s->conn))
			status =
			    exit_status_worse(status, fiscal_year_report_pending(s->conn, &s->cfg));
	}
	if (!db_connection_lost(s->conn) && !allocate_rules_loaded(s->conn, &s->cfg))
		status = exit_status_worse(status, EXIT_ATTENTION);
	if (command_output())
		run_print_summary(&summary, stdout);
	if (status == EXIT_DATAERR)
		status = EXIT_ATTENTION; /* a refused file is a file that needs attention */
	run_summary_free(&summary);
	return status;
}

const struct command command_run = {"run", "the nightly job: inbox, import, allocate, report",
                                    usage, NULL,
                                    notes, SESSION_CHANGES,
                                    NULL,  run};
