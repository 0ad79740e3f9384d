/*
 * cmd_init.c — "gbetl init": create or upgrade the database.
 */
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "migrate.h"
#include "recorded_names.h"

#include <stdio.h>

static const char usage[] =
    "gbetl init — create or upgrade the database\n\n"
    "Usage:\n  gbetl init [OPTION]...\n\n"
    "Applies the schema migrations the database lacks, in order, and re-creates\n"
    "the functions and views when a migration ran or their text changed, all in\n"
    "one transaction, recorded in etl.schema_version and etl.schema_repeatable.\n"
    "Creates the schemas etl, core, mapping, result and reporting and the roles\n"
    "gbetl_loader, gbetl_finance and gbetl_analyst, and sets the suppression\n"
    "threshold of the reporting views from the configuration (suppress_below).\n"
    "Identity numbers in file names recorded before gbetl masked them are\n"
    "masked.  Running it again changes nothing.  It takes the lock of the\n"
    "commands that change data: it does not upgrade under a running import.\n";

static const char notes[] =
    "Exit status: 0 done; 1 a migration failed; 69 database unreachable; 75\n"
    "another command that changes data is running; 77 the database role lacks a\n"
    "privilege.\n";

static int run(struct session *s, int argc, char **argv)
{
	int applied = 0;
	long masked = 0;

	(void)argc;
	(void)argv;
	if (migrate_apply(s->conn, &applied) != 0 ||
	    db_apply_settings(s->conn, s->cfg.suppress_below) != 0 ||
	    (masked = recorded_names_mask(s->conn)) < 0)
		return db_exit_status(s->conn);
	if (masked > 0)
		log_info("masked identity numbers in %ld file name(s) recorded before gbetl masked "
		         "them",
		         masked);
	if (applied == 0)
		log_info("database is up to date (schema version %d)",
		         migrate_current_version(s->conn));
	else
		log_info("database initialised: %d migration(s) applied, schema version %d",
		         applied, migrate_current_version(s->conn));
	return EXIT_OK;
}

const struct command command_init = {
    "init", "create or upgrade the database",           usage, NULL,
    notes,  SESSION_CONFIG | SESSION_DB | SESSION_LOCK, NULL,  run};
