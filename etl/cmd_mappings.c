/*
 * cmd_mappings.c — "gbetl mappings": validate and load the mapping rules.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "mappings.h"
#include "session.h"

#include <string.h>

static const char help[] =
    "gbetl mappings — validate the mapping rules and load them\n\n"
    "Usage:\n  gbetl mappings [OPTION]... [DIR]\n\n"
    "Reads committees.csv, org_units.csv, activities.csv, accounts.csv and\n"
    "service_codes.csv from DIR (default: the configuration's mappings_dir),\n"
    "checks them — duplicate or overlapping ranges in the same years, unknown\n"
    "committees or activities, bad methods, bad years — reporting every problem\n"
    "with file, line and column, and loads them into the mapping schema in one\n"
    "transaction with their SHA-256.  An unchanged set is not loaded again.  A\n"
    "new set leaves every fiscal year with data waiting for an allocation, which\n"
    "the next \"gbetl run\" does.\n\n"
    "Options:\n"
    "      --check   only validate; do not connect to the database\n\n"
    "Exit status: 0 valid (and loaded); 65 invalid; 69 database unreachable;\n"
    "75 another command that changes data is running; 78 bad configuration.\n";

enum { OPT_CHECK = OPT_FIRST_COMMAND_OPTION };

static int cmd_mappings(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS, {"check", no_argument, NULL, OPT_CHECK}, {NULL, 0, NULL, 0}};
	struct gbetl_config cfg;
	struct mapping_set *set = NULL;
	struct session session;
	PGconn *conn = NULL;
	const char *dir;
	bool check_only = false, loaded;
	int c, status = EXIT_OK;

	memset(&session, 0, sizeof(session));
	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		if (c == OPT_CHECK)
			check_only = true;
		else
			return usage_error(argv[0]);
	}
	if (optind + 1 < argc) {
		log_error("too many arguments: \"%s\"", argv[optind + 1]);
		return usage_error(argv[0]);
	}
	if (config_load(&cfg) != 0) {
		config_free(&cfg);
		return EXIT_CONFIG;
	}
	dir = optind < argc ? argv[optind] : cfg.mappings_dir;
	set = mappings_read(dir);
	if (set == NULL) {
		log_error("the mapping rules in \"%s\" are not valid; nothing was loaded", dir);
		status = EXIT_DATAERR;
		goto out;
	}
	if (check_only) {
		log_info("the mapping rules in \"%s\" are valid (SHA-256 %s)", dir,
		         mappings_checksum(set));
		goto out;
	}
	status = session_open(&session, "mappings");
	if (status != EXIT_OK)
		goto out;
	conn = session.conn;
	if (mappings_load(conn, set, cfg.municipality_code, &loaded) != 0) {
		status = db_exit_status(conn);
		goto out;
	}
	if (loaded)
		log_info("loaded the mapping rules from \"%s\" (SHA-256 %.12s…)", dir,
		         mappings_checksum(set));
	else
		log_info("the mapping rules from \"%s\" are loaded already (SHA-256 %.12s…)", dir,
		         mappings_checksum(set));
out:
	mappings_free(set);
	session_close(&session);
	config_free(&cfg);
	return status;
}

const struct command command_mappings = {"mappings", cmd_mappings,
                                         "validate the mapping rules and load them", help, true};
