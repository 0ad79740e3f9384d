/*
 * cmd_mappings.c — "gbetl mappings": validate and load the mapping rules.
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "mapping_review.h"
#include "mappings.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
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
    "Windows-1252, ';' or ',' between the cells, CRLF or LF.\n";

static const char notes[] =
    "A load prints what it changed, and records it with the set: every loaded\n"
    "set is a version that allocations and closed years name.\n"
    "\n"
    "Exit status: 0 valid (and loaded); 65 invalid; 69 database unreachable; 73\n"
    "the exported files could not be written; 75 another command that changes\n"
    "data is running; 77 the database role lacks a privilege; 78 bad\n"
    "configuration.\n";

static bool check_only, dry_run;
static const char *export_dir, *unmapped_dir;

static const struct parse_option options[] = {
    OPT_FLAG(0, "check", &check_only, "only validate; do not connect to the database"),
    OPT_FLAG(0, "dry-run", &dry_run,
             "validate and print, per table, the rules the files add,\n"
             "remove and change against the loaded set, with the\n"
             "fiscal years whose allocation they change; load nothing"),
    OPT_STRING(0, "export", &export_dir, "DIR",
               "write the loaded rules into DIR in the same layout\n"
               "(UTF-8 with BOM, ';', CRLF: opens in Swedish Excel)"),
    OPT_STRING(0, "unmapped", &unmapped_dir, "DIR",
               "write DIR/unmapped.csv: the codes of the loaded data\n"
               "that no rule maps, per mapping file, source, code and\n"
               "fiscal year, with rows and ledger amount, to fill in"),
    OPT_END(),
};

/* What the options need: --check no database (nor a configuration file,
 * given a directory), --export and --unmapped no lock. */
static int check(int argc, char **argv, unsigned *needs)
{
	if (argc > 1) {
		log_error("too many arguments: \"%s\"", argv[1]);
		return EXIT_USAGE;
	}
	if (export_dir || unmapped_dir) {
		if (check_only || dry_run || argc > 0 || (export_dir && unmapped_dir)) {
			log_error("--%s takes no other option or directory to read",
			          export_dir ? "export" : "unmapped");
			return EXIT_USAGE;
		}
		*needs = SESSION_CONFIG_FILE | SESSION_DB | SESSION_SCHEMA;
	} else if (check_only) {
		*needs = argc > 0 ? SESSION_CONFIG : SESSION_CONFIG_FILE;
	}
	return EXIT_OK;
}

static struct mapping_set *set; /* the rules read, before connecting */
static const char *dir;

static int prepare(struct session *s, int argc, char **argv)
{
	if (export_dir || unmapped_dir)
		return EXIT_OK;
	dir = argc > 0 ? argv[0] : s->cfg.mappings_dir;
	set = mappings_read(dir);
	if (set != NULL)
		return EXIT_OK;
	log_error("the mapping rules in \"%s\" are not valid; nothing was loaded", dir);
	return EXIT_DATAERR;
}

static int run(struct session *s, int argc, char **argv)
{
	int status = EXIT_OK;

	(void)argc;
	(void)argv;
	if (export_dir)
		return mappings_export_loaded(s->conn, s->cfg.municipality_code, export_dir);
	if (unmapped_dir)
		return mappings_report_unmapped(s->conn, s->cfg.municipality_code, unmapped_dir);
	if (check_only)
		log_info("the mapping rules in \"%s\" are valid (SHA-256 %s)", dir,
		         mappings_checksum(set));
	else
		status = mappings_load_reviewed(s->conn, &s->cfg, set, dir, dry_run);
	mappings_free(set);
	return status;
}

const struct command command_mappings = {"mappings", "validate the mapping rules and load them",
                                         usage,      options,
                                         notes,      SESSION_CHANGES,
                                         check,      run,
                                         prepare};
