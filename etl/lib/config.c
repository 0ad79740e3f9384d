/*
 * config.c — reading and checking gbetl.conf (see config.h).
 */
#include "config.h"
#include "source.h"
#include "command.h"
#include "ini.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The common options (command.h) live here, beside the configuration they
 * point at, so that library code and tests can use them without main(). */
struct gbetl_options gbetl_opts;

void config_defaults(struct gbetl_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	memcpy(cfg->municipality_code, "0000", 5);
	cfg->key_file = xstrdup("/etc/gbetl/pseudonym.key");
	cfg->mappings_dir = xstrdup("/etc/gbetl/mappings");
	cfg->sources_dir = xstrdup("/etc/gbetl/mappings/sources");
	cfg->inbox_dir = xstrdup("/var/lib/gbetl/inbox");
	cfg->archive_dir = xstrdup("/var/lib/gbetl/archive");
	cfg->failed_dir = xstrdup("/var/lib/gbetl/failed");
	cfg->report_dir = xstrdup("/var/lib/gbetl/reports");
	cfg->suppress_below = 5;
	cfg->need_tolerance_pp = 10;
	cfg->reject_max_ratio = 0.01;
	cfg->reject_max_count = -1;
	cfg->interim_numbers = false;
	cfg->lang = xstrdup("sv");
	cfg->report_mode = 0640;
	cfg->report_gid = -1;
	memcpy(cfg->cost_basis, "gross", 6);
	memcpy(cfg->direct_remainder, "share", 6);
	cfg->settle_seconds = 60;
}

void config_free(struct gbetl_config *cfg)
{
	free(cfg->path);
	free(cfg->key_file);
	free(cfg->mappings_dir);
	free(cfg->sources_dir);
	free(cfg->inbox_dir);
	free(cfg->archive_dir);
	free(cfg->failed_dir);
	free(cfg->report_dir);
	free(cfg->lang);
	free(cfg->municipality_name);
	memset(cfg, 0, sizeof(*cfg));
}

struct load_ctx {
	struct gbetl_config *cfg;
	char *base_dir; /* directory of the config file, for relative paths */
};

static void set_path(char **slot, const char *value, const char *base_dir)
{
	struct strbuf sb = STRBUF_INIT;

	if (value[0] != '/' && base_dir) {
		strbuf_addstr(&sb, base_dir);
		strbuf_addch(&sb, '/');
	}
	strbuf_addstr(&sb, value);
	free(*slot);
	*slot = strbuf_detach(&sb, NULL);
}

static int config_entry(const struct ini_entry *e, void *arg)
{
	struct load_ctx *ctx = arg;
	struct gbetl_config *cfg = ctx->cfg;
	static const struct {
		const char *key;
		size_t offset;
	} paths[] = {
	    {"key_file", offsetof(struct gbetl_config, key_file)},
	    {"mappings_dir", offsetof(struct gbetl_config, mappings_dir)},
	    {"sources_dir", offsetof(struct gbetl_config, sources_dir)},
	    {"inbox_dir", offsetof(struct gbetl_config, inbox_dir)},
	    {"archive_dir", offsetof(struct gbetl_config, archive_dir)},
	    {"failed_dir", offsetof(struct gbetl_config, failed_dir)},
	    {"report_dir", offsetof(struct gbetl_config, report_dir)},
	};
	long n;
	size_t i;

	if (e->section[0] != '\0')
		return ini_error(e, "sections are not used in the configuration file");
	if (e->value[0] == '\0')
		return ini_error(e, "empty value");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		if (strcmp(e->key, paths[i].key) == 0) {
			set_path((char **)((char *)cfg + paths[i].offset), e->value, ctx->base_dir);
			return 0;
		}
	}
	if (strcmp(e->key, "municipality_code") == 0) {
		if (strlen(e->value) != 4 || !isdigit((unsigned char)e->value[0]) ||
		    !isdigit((unsigned char)e->value[1]) || !isdigit((unsigned char)e->value[2]) ||
		    !isdigit((unsigned char)e->value[3]))
			return ini_error(e, "\"%s\" is not a four-digit municipality code",
			                 e->value);
		memcpy(cfg->municipality_code, e->value, 5);
	} else if (strcmp(e->key, "municipality_name") == 0) {
		if (strlen(e->value) > 100)
			return ini_error(e, "the municipality name is longer than 100 bytes");
		free(cfg->municipality_name);
		cfg->municipality_name = xstrdup(e->value);
	} else if (strcmp(e->key, "suppress_below") == 0) {
		if (!ini_whole_number(e, 10, 3, 1000, &n))
			return ini_error(e,
			                 "\"%s\" is not a whole number from 3 to 1000 (counts "
			                 "below 3 are never safe to show)",
			                 e->value);
		cfg->suppress_below = (int)n;
	} else if (strcmp(e->key, "need_tolerance_pp") == 0) {
		if (!ini_whole_number(e, 10, 0, 50, &n))
			return ini_error(
			    e, "\"%s\" is not a whole number of percentage points from 0 to 50",
			    e->value);
		cfg->need_tolerance_pp = (int)n;
	} else if (strcmp(e->key, "reject_max_ratio") == 0) {
		return ini_ratio(e, &cfg->reject_max_ratio);
	} else if (strcmp(e->key, "reject_max_count") == 0) {
		if (!ini_whole_number(e, 10, -1, LONG_MAX, &cfg->reject_max_count))
			return ini_error(e, "\"%s\" is not a count (or -1 for none)", e->value);
	} else if (strcmp(e->key, "interim_numbers") == 0) {
		return ini_yes_no(e, &cfg->interim_numbers);
	} else if (strcmp(e->key, "cost_basis") == 0) {
		if (strcmp(e->value, "gross") != 0 && strcmp(e->value, "own") != 0)
			return ini_error(e, "\"%s\" is not a cost basis (gross or own)", e->value);
		snprintf(cfg->cost_basis, sizeof(cfg->cost_basis), "%s", e->value);
	} else if (strcmp(e->key, "direct_remainder") == 0) {
		int which;

		if (ini_one_of(e, "share", "apart", &which) != 0)
			return -1;
		snprintf(cfg->direct_remainder, sizeof(cfg->direct_remainder), "%s", e->value);
	} else if (strcmp(e->key, "settle_seconds") == 0) {
		if (!ini_whole_number(e, 10, 0, 86400, &n))
			return ini_error(e, "\"%s\" is not a number of seconds from 0 to 86400",
			                 e->value);
		cfg->settle_seconds = (int)n;
	} else if (strcmp(e->key, "lang") == 0) {
		if (strcmp(e->value, "sv") != 0 && strcmp(e->value, "en") != 0)
			return ini_error(e, "\"%s\" is not a report language (sv or en)", e->value);
		free(cfg->lang);
		cfg->lang = xstrdup(e->value);
	} else if (strcmp(e->key, "report_mode") == 0) {
		if (e->value[0] != '0' || !ini_whole_number(e, 8, 0, 0777, &n))
			return ini_error(e, "\"%s\" is not a file mode in octal (0640, 0644 ...)",
			                 e->value);
		if ((n & 0600) != 0600 || (n & 0022) != 0)
			return ini_error(
			    e, "report files must be readable and writable by their owner "
			       "and writable by no one else");
		cfg->report_mode = (int)n;
	} else if (strcmp(e->key, "report_group") == 0) {
		struct group *g = getgrnam(e->value);

		if (g == NULL)
			return ini_error(e, "unknown group \"%s\"", e->value);
		cfg->report_gid = (long)g->gr_gid;
	} else {
		return ini_error(e, "unknown configuration key");
	}
	return 0;
}

int config_load_file(struct gbetl_config *cfg, const char *path, bool must_exist)
{
	struct load_ctx ctx = {cfg, NULL};
	const char *slash;
	int rc;

	config_defaults(cfg);
	if (access(path, F_OK) != 0 && !must_exist)
		return 0;
	slash = strrchr(path, '/');
	ctx.base_dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
	if (ctx.base_dir[0] == '\0') {
		free(ctx.base_dir);
		ctx.base_dir = xstrdup("/");
	}
	cfg->path = xstrdup(path);
	rc = ini_parse_file(path, config_entry, &ctx);
	free(ctx.base_dir);
	return rc;
}

int config_load(struct gbetl_config *cfg)
{
	return config_load_file(cfg, gbetl_opts.config_path, gbetl_opts.config_explicit);
}

int config_load_required(struct gbetl_config *cfg)
{
	if (config_load(cfg) != 0)
		return -1;
	if (cfg->path != NULL)
		return 0;
	log_error("no configuration file: no --config, no GBETL_CONFIG, and \"%s\" does not exist",
	          gbetl_opts.config_path);
	log_hint("Give the file with --config FILE or GBETL_CONFIG=FILE, or create %s (\"man 5 "
	         "gbetl.conf\"); without it gbetl does not know the municipality.",
	         gbetl_opts.config_path);
	return -1;
}

int config_check_secret_file(const char *path, const char *what)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		log_error("could not access %s \"%s\": %s", what, path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		log_error("%s \"%s\" is not a regular file", what, path);
		return -1;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		log_error("%s \"%s\" has group or world access (mode %04o)", what, path,
		          (unsigned)(st.st_mode & 07777));
		log_detail("A secret file must be readable by its owner only.");
		log_hint("Run \"chmod 600 %s\".", path);
		return -1;
	}
	return 0;
}

void config_apply_source_defaults(const struct gbetl_config *cfg, struct source_def *def)
{
	if (def->reject_max_ratio < 0)
		def->reject_max_ratio = cfg->reject_max_ratio;
	if (def->reject_max_count == SOURCE_NOT_GIVEN)
		def->reject_max_count = cfg->reject_max_count;
	if (!def->interim_numbers_given)
		def->interim_numbers = cfg->interim_numbers;
}
