/*
 * cmd_config.c — "gbetl config check|show": the configuration, checked.
 */
#include "command.h"
#include "config.h"
#include "config_check.h"
#include "exitcode.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "gbetl config — check or show the configuration\n\n"
    "Usage:\n  gbetl config check\n  gbetl config show\n\n"
    "check reads the configuration file (see gbetl.conf(5)) and everything it\n"
    "points at: the pseudonymisation key (a key file that group or others can\n"
    "read is refused), the mapping tables and every source definition, and the\n"
    "inbox, archive, failed and report directories (they must exist and be\n"
    "writable by this user).  When the database can be reached, the key's\n"
    "fingerprint is compared with the one the database was loaded with, and its\n"
    "schema, functions and views with this gbetl's (has gbetl init run since\n"
    "the upgrade?).  Every problem is reported, with file and line where there\n"
    "is one.  show prints the configuration in effect.\n";

static const char notes[] = "Exit status: 0 all is well; 2 usage; 78 a problem was found.\n";

static void config_show(const struct gbetl_config *cfg)
{
	printf("# %s\n", cfg->path ? cfg->path : "built-in defaults");
	printf("municipality_code = %s\nmunicipality_name = %s\nkey_file          = %s\n"
	       "mappings_dir      = %s\n"
	       "sources_dir       = %s\ninbox_dir         = %s\narchive_dir       = %s\n"
	       "failed_dir        = %s\nreport_dir        = %s\nsuppress_below    = %d\n"
	       "reject_max_ratio  = %g\nreject_max_count  = %ld\ninterim_numbers   = %s\n"
	       "lang              = %s\ncost_basis        = %s\ndirect_remainder  = %s\n"
	       "need_tolerance_pp = %d\nsettle_seconds    = %d\n",
	       cfg->municipality_code,
	       cfg->municipality_name ? cfg->municipality_name
	                              : "(not set: reports say \"Kommun CODE\")",
	       cfg->key_file, cfg->mappings_dir, cfg->sources_dir, cfg->inbox_dir, cfg->archive_dir,
	       cfg->failed_dir, cfg->report_dir, cfg->suppress_below, cfg->reject_max_ratio,
	       cfg->reject_max_count, cfg->interim_numbers ? "yes" : "no", cfg->lang,
	       cfg->cost_basis, cfg->direct_remainder, cfg->need_tolerance_pp, cfg->settle_seconds);
}

/* show prints the defaults when there is no file; check says it is missing */
static int check(int argc, char **argv, unsigned *needs)
{
	if (argc != 1 || (strcmp(argv[0], "check") != 0 && strcmp(argv[0], "show") != 0)) {
		log_error("give \"check\" or \"show\"");
		return EXIT_USAGE;
	}
	*needs = strcmp(argv[0], "check") == 0 ? SESSION_CONFIG_FILE : SESSION_CONFIG;
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	(void)argc;
	if (strcmp(argv[0], "show") == 0) {
		config_show(&s->cfg);
		return EXIT_OK;
	}
	if (config_check(&s->cfg, gbetl_opts.dbname) != 0) {
		log_error("the configuration has problems (see above)");
		return EXIT_CONFIG;
	}
	printf("the configuration is fine\n");
	return EXIT_OK;
}

const struct command command_config = {
    "config", "check or show the configuration", usage, NULL, notes, SESSION_CONFIG, check, run};
