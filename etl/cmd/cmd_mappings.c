/*
 * cmd_mappings.c — "gbetl mappings": validate and load the mapping rules.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "mapping_review.h"
#include "mappings.h"
#include "session.h"

#include <stdio.h>
#include <stdlib.h>
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
    "The files may be saved by Excel: UTF-8 (with or without BOM) or\n"
    "Windows-1252, ';' or ',' between the cells, CRLF or LF.\n\n"
    "Options:\n"
    "      --check       only validate; do not connect to the database\n"
    "      --dry-run     validate and print, per table, the rules the files add,\n"
    "                    remove and change against the loaded set, with the\n"
    "                    fiscal years whose allocation they change; load nothing\n"
    "      --export=DIR  write the loaded rules into DIR in the same layout\n"
    "                    (UTF-8 with BOM, ';', CRLF: opens in Swedish Excel)\n"
    "      --unmapped=DIR  write DIR/unmapped.csv: the codes of the loaded data\n"
    "                    that no rule maps, per mapping file, source, code and\n"
    "                    fiscal year, with rows and ledger amount, to fill in\n\n"
    "A load prints what it changed, and records it with the set: every loaded\n"
    "set is a version that allocations and closed years name.\n\n"
    "Exit status: 0 valid (and loaded); 65 invalid; 69 database unreachable;\n"
    "73 the exported files could not be written; 75 another command that\n"
    "changes data is running; 78 bad configuration.\n";

enum { OPT_CHECK = OPT_FIRST_COMMAND_OPTION, OPT_DRY_RUN, OPT_EXPORT, OPT_UNMAPPED };

/* --export=DIR: the loaded rules as files. */
static int export_loaded(PGconn *conn, const char *municipality_code, const char *dir)
{
	struct mapping_set *loaded = mappings_read_loaded(conn, municipality_code);
	int status = EXIT_OK;

	if (loaded == NULL)
		return db_exit_status(conn);
	if (mappings_rule_count(loaded, MAPPING_COMMITTEES) == 0) {
		log_error("no mapping rules are loaded for municipality %s", municipality_code);
		log_hint("Load them first with \"gbetl mappings DIR\".");
		status = EXIT_DATAERR;
	} else if (mappings_export(loaded, dir) != 0) {
		status = EXIT_CANTCREAT;
	} else {
		log_info("wrote the loaded mapping rules to \"%s\" (SHA-256 %.12s…)", dir,
		         mappings_checksum(loaded));
	}
	mappings_free(loaded);
	return status;
}

/* --unmapped=DIR: the codes no rule maps, for the controller to fill in. */
static int write_unmapped(PGconn *conn, const char *municipality_code, const char *dir)
{
	long n = mappings_write_unmapped(conn, municipality_code, dir);

	if (n == -1)
		return db_exit_status(conn);
	if (n == -2)
		return EXIT_CANTCREAT;
	log_info("wrote %ld code%s that no mapping rule maps to \"%s/unmapped.csv\"", n,
	         n == 1 ? "" : "s", dir);
	return EXIT_OK;
}

static int cmd_mappings(int argc, char **argv)
{
	static const struct option options[] = {COMMON_LONG_OPTIONS,
	                                        {"check", no_argument, NULL, OPT_CHECK},
	                                        {"dry-run", no_argument, NULL, OPT_DRY_RUN},
	                                        {"export", required_argument, NULL, OPT_EXPORT},
	                                        {"unmapped", required_argument, NULL, OPT_UNMAPPED},
	                                        {NULL, 0, NULL, 0}};
	struct gbetl_config cfg;
	struct mapping_set *set = NULL;
	struct session session;
	PGconn *conn = NULL;
	const char *dir, *export_dir = NULL, *unmapped_dir = NULL;
	char *changes = NULL;
	size_t count = 0;
	bool check_only = false, dry_run = false, loaded;
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
		else if (c == OPT_DRY_RUN)
			dry_run = true;
		else if (c == OPT_EXPORT)
			export_dir = optarg;
		else if (c == OPT_UNMAPPED)
			unmapped_dir = optarg;
		else
			return usage_error(argv[0]);
	}
	if (optind + 1 < argc) {
		log_error("too many arguments: \"%s\"", argv[optind + 1]);
		return usage_error(argv[0]);
	}
	/* only --check of a directory given here does without the configuration */
	if ((check_only && optind < argc ? config_load(&cfg) : config_load_required(&cfg)) != 0) {
		config_free(&cfg);
		return EXIT_CONFIG;
	}
	if (export_dir || unmapped_dir) {
		if (check_only || dry_run || optind < argc || (export_dir && unmapped_dir)) {
			log_error("--%s takes no other option or directory to read",
			          export_dir ? "export" : "unmapped");
			status = usage_error(argv[0]);
			goto out;
		}
		conn = db_connect(gbetl_opts.dbname);
		if (conn == NULL)
			status = EXIT_UNAVAILABLE;
		else if (export_dir)
			status = export_loaded(conn, cfg.municipality_code, export_dir);
		else
			status = write_unmapped(conn, cfg.municipality_code, unmapped_dir);
		db_close(conn);
		goto out;
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
	changes = mappings_changes(conn, cfg.municipality_code, set, &count);
	if (changes == NULL) {
		status = db_exit_status(conn);
		goto out;
	}
	if (dry_run) {
		fputs(changes, stdout);
		log_info("nothing was loaded (--dry-run)");
		goto out;
	}
	if (db_apply_settings(conn, cfg.suppress_below) != 0 ||
	    mappings_load(conn, set, cfg.municipality_code, changes, &loaded) != 0) {
		status = db_exit_status(conn);
		goto out;
	}
	if (loaded && log_get_level() <= LOG_LEVEL_INFO) /* -q: errors only */
		fputs(changes, stdout);
	if (loaded)
		log_info("loaded the mapping rules from \"%s\" (SHA-256 %.12s…)", dir,
		         mappings_checksum(set));
	else
		log_info("the mapping rules from \"%s\" are loaded already (SHA-256 %.12s…)", dir,
		         mappings_checksum(set));
out:
	free(changes);
	mappings_free(set);
	session_close(&session);
	config_free(&cfg);
	return status;
}

const struct command command_mappings = {"mappings", cmd_mappings,
                                         "validate the mapping rules and load them", help, true};
