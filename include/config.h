/*
 * config.h — gbetl.conf, the one configuration file (see gbetl.conf(5)).
 *
 * Database settings are not here: they follow libpq's conventions (-d,
 * PG* variables, service file).  Paths that are relative are taken relative
 * to the directory of the configuration file.
 */
#ifndef GBETL_CONFIG_H
#define GBETL_CONFIG_H

#include <stdbool.h>

struct gbetl_config {
	char *path;                /* the file read, or NULL when defaults only */
	char municipality_code[5]; /* SCB kommunkod, four digits */
	char *municipality_name;   /* the name in the reports' title, NULL = not set */
	char *key_file;            /* pseudonymisation key (0600) */
	char *mappings_dir;        /* mapping tables *.csv */
	char *sources_dir;         /* source definitions *.conf */
	char *inbox_dir;
	char *archive_dir;
	char *failed_dir;
	char *report_dir;
	int suppress_below;       /* small-cell suppression threshold in reporting */
	int need_tolerance_pp;    /* target "need": percentage points from 50 %, 0-50 */
	double reject_max_ratio;  /* default reject threshold per source (a ratio, not money) */
	long reject_max_count;    /* default reject count threshold, -1 = none */
	bool interim_numbers;     /* default for sources that do not say */
	char *lang;               /* report language: sv or en */
	char cost_basis[8];       /* gross or own: what run and allocate use */
	char direct_remainder[8]; /* share or apart: what run and allocate use */
	int settle_seconds;       /* an inbox file changed more recently is left for later */
	int report_mode;          /* mode of report files (default 0640); see report_access.h */
	long report_gid;          /* report_group as a group id, -1 = not set */
};

/*
 * Load the configuration named by gbetl_opts (--config, $GBETL_CONFIG, or
 * /etc/gbetl/gbetl.conf).  A missing default file is not an error: the
 * built-in defaults apply.  A missing explicit file, an unknown key, or a
 * bad value is: every problem is logged with file, line and key, and -1 is
 * returned (exit status EXIT_CONFIG).  Free with config_free().
 */
int config_load(struct gbetl_config *cfg);
/*
 * config_load() for a command that works on the municipality's data (every
 * command with a database session, "mappings"): no configuration file at
 * all is an error too — one line naming the paths tried, and a hint —
 * instead of the defaults' municipality 0000.  0 or -1 (exit EXIT_CONFIG).
 */
int config_load_required(struct gbetl_config *cfg);
int config_load_file(struct gbetl_config *cfg, const char *path, bool must_exist);
void config_defaults(struct gbetl_config *cfg);
void config_free(struct gbetl_config *cfg);

/*
 * Check that a secret file (the key file, or the config when it holds one)
 * is a regular file readable by its owner only: a file that group or others
 * may read or write is refused.  Returns 0 or -1 (logged, with a hint).
 */
int config_check_secret_file(const char *path, const char *what);

/* Give def the configuration's reject_max_ratio, reject_max_count and
 * interim_numbers where the source definition does not set its own. */
struct source_def;
void config_apply_source_defaults(const struct gbetl_config *cfg, struct source_def *def);

#endif
