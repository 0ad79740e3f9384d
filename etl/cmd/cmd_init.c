/*
 * cmd_init.c — "gbetl init": create or upgrade the database.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "migrate.h"
#include "recorded_names.h"

#include <stdio.h>

static const char help[] =
    "gbetl init — create or upgrade the database\n\n"
    "Usage:\n  gbetl init [OPTION]...\n\n"
    "Applies the schema migrations the database lacks, in order, and re-creates\n"
    "the functions and views when a migration ran or their text changed, all in\n"
    "one transaction, recorded in etl.schema_version and etl.schema_repeatable.\n"
    "Creates the schemas etl, core, mapping, result and reporting and the roles\n"
    "gbetl_loader, gbetl_finance and gbetl_analyst, and sets the suppression\n"
    "threshold of the reporting views from the configuration (suppress_below).\n"
    "Identity numbers in file names recorded before gbetl masked them are\n"
    "masked.  Running it again changes nothing.\n\n"
    "Exit status: 0 done; 1 a migration failed; 69 database unreachable.\n";

static int cmd_init(int argc, char **argv)
{
	struct gbetl_config cfg;
	PGconn *conn;
	int c, applied = 0, status = EXIT_OK;
	long masked = 0;

	c = parse_common_options(argc, argv);
	if (c >= 0)
		return c;
	if (optind < argc) {
		log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	if (config_load(&cfg) != 0) {
		config_free(&cfg);
		return EXIT_CONFIG;
	}
	conn = db_connect(gbetl_opts.dbname);
	if (conn == NULL) {
		config_free(&cfg);
		return EXIT_UNAVAILABLE;
	}
	if (migrate_apply(conn, &applied) != 0 ||
	    db_apply_settings(conn, cfg.suppress_below) != 0 ||
	    (masked = recorded_names_mask(conn)) < 0) {
		status = db_exit_status(conn);
		goto out;
	}
	if (masked > 0)
		log_info("masked identity numbers in %ld file name(s) recorded before gbetl masked "
		         "them",
		         masked);
	if (applied == 0)
		log_info("database is up to date (schema version %d)",
		         migrate_current_version(conn));
	else
		log_info("database initialised: %d migration(s) applied, schema version %d",
		         applied, migrate_current_version(conn));
out:
	db_close(conn);
	config_free(&cfg);
	return status;
}

const struct command command_init = {"init", cmd_init, "create or upgrade the database", help,
                                     true};
