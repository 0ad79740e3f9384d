/*
 * cmd_config.c — "gbetl config check|show": the configuration, checked.
 */
#include "command.h"
#include "config.h"
#include "exitcode.h"
#include "log.h"
#include "mappings.h"
#include "pseudonym.h"
#include "source.h"
#include "strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
    "gbetl config — check or show the configuration\n\n"
    "Usage:\n  gbetl config check\n  gbetl config show\n\n"
    "check reads the configuration file (see gbetl.conf(5)) and everything it\n"
    "points at: the pseudonymisation key (a key file that group or others can\n"
    "read is refused), the mapping tables and every source definition, and the\n"
    "inbox, archive, failed and report directories (they must exist and be\n"
    "writable by this user).  Every problem is reported, with file and line\n"
    "where there is one.  show prints the configuration in effect.\n\n"
    "Exit status: 0 all is well; 2 usage; 78 a problem was found.\n";

static int check_dir(const char *what, const char *path, bool writable)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_error("%s \"%s\" is not a directory", what, path);
		return -1;
	}
	if (access(path, writable ? (R_OK | W_OK | X_OK) : (R_OK | X_OK)) != 0) {
		log_error("%s \"%s\" is not %s by this user", what, path,
		          writable ? "writable" : "readable");
		return -1;
	}
	return 0;
}

static int check_sources(const char *dir)
{
	struct dirent **entries = NULL;
	int n, i, count = 0, rc = 0;

	n = scandir(dir, &entries, NULL, alphasort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		size_t len = strlen(name);

		if (len > 5 && strcmp(name + len - 5, ".conf") == 0) {
			struct strbuf path = STRBUF_INIT;
			struct source_def def;

			strbuf_addf(&path, "%s/%s", dir, name);
			if (source_load(path.buf, &def) != 0)
				rc = -1;
			else if (def.file_pattern == NULL)
				log_warning(
				    "source \"%s\" has no file_pattern: gbetl run will not pick "
				    "up its files",
				    def.name);
			source_free(&def);
			strbuf_release(&path);
			count++;
		}
		free(entries[i]);
	}
	free(entries);
	if (count == 0)
		log_warning("no source definitions (*.conf) in \"%s\"", dir);
	else if (rc == 0)
		printf("ok    %d source definitions in %s\n", count, dir);
	return rc;
}

static int config_check(const struct gbetl_config *cfg)
{
	struct pseudonym_key *key;
	struct mapping_set *set;
	struct stat st;
	int rc = 0;

	if (cfg->path && stat(cfg->path, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH))) {
		log_error("configuration file \"%s\" can be written by group or others", cfg->path);
		log_hint("Run \"chmod go-w %s\".", cfg->path);
		rc = -1;
	}
	printf("ok    configuration %s (municipality %s)\n",
	       cfg->path ? cfg->path : "(built-in defaults)", cfg->municipality_code);
	key = pseudonym_key_load(cfg->key_file);
	if (key == NULL)
		rc = -1;
	else
		printf("ok    pseudonymisation key %s\n", cfg->key_file);
	pseudonym_key_free(key);
	if (check_dir("mappings directory", cfg->mappings_dir, false) != 0)
		rc = -1;
	else if ((set = mappings_read(cfg->mappings_dir)) == NULL)
		rc = -1;
	else {
		printf("ok    mapping tables in %s\n", cfg->mappings_dir);
		mappings_free(set);
	}
	if (check_dir("sources directory", cfg->sources_dir, false) != 0 ||
	    check_sources(cfg->sources_dir) != 0)
		rc = -1;
	if (check_dir("inbox", cfg->inbox_dir, true) != 0 ||
	    check_dir("archive", cfg->archive_dir, true) != 0 ||
	    check_dir("failed directory", cfg->failed_dir, true) != 0 ||
	    check_dir("report directory", cfg->report_dir, true) != 0)
		rc = -1;
	else
		printf("ok    inbox, archive, failed and report directories\n");
	return rc;
}

static void config_show(const struct gbetl_config *cfg)
{
	printf("# %s\n", cfg->path ? cfg->path : "built-in defaults");
	printf("municipality_code = %s\nmunicipality_name = %s\nkey_file          = %s\n"
	       "mappings_dir      = %s\n"
	       "sources_dir       = %s\ninbox_dir         = %s\narchive_dir       = %s\n"
	       "failed_dir        = %s\nreport_dir        = %s\nsuppress_below    = %d\n"
	       "reject_max_ratio  = %g\nreject_max_count  = %ld\ninterim_numbers   = %s\n"
	       "lang              = %s\n",
	       cfg->municipality_code,
	       cfg->municipality_name ? cfg->municipality_name
	                              : "(not set: reports say \"Kommun CODE\")",
	       cfg->key_file, cfg->mappings_dir, cfg->sources_dir, cfg->inbox_dir, cfg->archive_dir,
	       cfg->failed_dir, cfg->report_dir, cfg->suppress_below, cfg->reject_max_ratio,
	       cfg->reject_max_count, cfg->interim_numbers ? "yes" : "no", cfg->lang);
}

static int cmd_config(int argc, char **argv)
{
	struct gbetl_config cfg;
	int c, status = EXIT_OK;

	c = parse_common_options(argc, argv);
	if (c >= 0)
		return c;
	if (optind + 1 != argc ||
	    (strcmp(argv[optind], "check") != 0 && strcmp(argv[optind], "show") != 0)) {
		log_error("give \"check\" or \"show\"");
		return usage_error(argv[0]);
	}
	if (config_load(&cfg) != 0) {
		status = EXIT_CONFIG;
	} else if (strcmp(argv[optind], "show") == 0) {
		config_show(&cfg);
	} else if (config_check(&cfg) != 0) {
		log_error("the configuration has problems (see above)");
		status = EXIT_CONFIG;
	} else {
		printf("the configuration is fine\n");
	}
	config_free(&cfg);
	return status;
}

const struct command command_config = {"config", cmd_config, "check or show the configuration",
                                       help, false};
