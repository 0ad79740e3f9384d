/*
 * options.c — what the commands share on their command lines
 * (command.h): the common options, the checks of their operands, the
 * fiscal year, the reference date and free text.
 */
#include "args.h"
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "pnr.h"
#include "pnr_scan.h"
#include "pseudonym.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

static int set_config(const struct parse_option *o, const char *arg)
{
	(void)o;
	gbetl_opts.config_path = arg;
	gbetl_opts.config_explicit = true;
	return 0;
}

static int set_quiet(const struct parse_option *o, const char *arg)
{
	(void)o;
	(void)arg;
	log_set_level(LOG_LEVEL_ERROR);
	return 0;
}

static int set_verbose(const struct parse_option *o, const char *arg)
{
	(void)o;
	(void)arg;
	log_set_level(LOG_LEVEL_DEBUG);
	return 0;
}

static int set_log_format(const struct parse_option *o, const char *arg)
{
	enum log_format format;

	(void)o;
	if (log_parse_format(arg, &format) != 0) {
		log_error("invalid log format \"%s\"", arg);
		log_hint("Use \"text\" or \"json\".");
		return -1;
	}
	log_set_format(format);
	return 0;
}

/* The options every command takes, before or after its name. */
const struct parse_option common_options[] = {
    OPT_STRING('d', "dbname", &gbetl_opts.dbname, "CONNINFO",
               "database to use (conninfo string or URI; default: libpq's\n"
               "PG* variables and service file)"),
    OPT_CALLBACK(0, "config", NULL, "FILE", set_config,
                 "configuration file (default: $GBETL_CONFIG, then\n/etc/gbetl/gbetl.conf)"),
    OPT_CALLBACK('q', "quiet", NULL, NULL, set_quiet, "print errors only"),
    OPT_CALLBACK('v', "verbose", NULL, NULL, set_verbose, "print debugging messages"),
    OPT_CALLBACK(0, "log-format", NULL, "FORMAT", set_log_format, "text (default) or json"),
    OPT_HELP(),
    OPT_END(),
};

FILE *command_output(void)
{
	return log_get_level() <= LOG_LEVEL_INFO ? stdout : NULL;
}

int command_no_operands(int argc, char **argv, unsigned *needs)
{
	(void)needs;
	if (argc == 0)
		return EXIT_OK;
	log_error("too many arguments: \"%s\"", argv[0]);
	return EXIT_USAGE;
}

int year_operand_check(struct year_operand *year, int argc, char **argv)
{
	int next = 0;

	if (command_year(year->option, argc, argv, &next, year->text) != 0)
		return EXIT_USAGE;
	return command_no_operands(argc - next, argv + next, NULL);
}

int source_operands(const char *source_name, int argc, bool exactly_one)
{
	if (source_name == NULL) {
		log_error("no source given (--source NAME)");
		return EXIT_USAGE;
	}
	if (argc == 0 || (exactly_one && argc != 1)) {
		log_error(exactly_one ? "give exactly one file" : "no file given");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int reference_date_option(const struct parse_option *o, const char *arg)
{
	if (pnr_parse_date(arg, o->value) == 0)
		return 0;
	log_error("invalid reference date \"%s\"", arg);
	log_hint("Give a date as YYYY-MM-DD.");
	return -1;
}

int free_text_option(const struct parse_option *o, const char *arg)
{
	struct strbuf masked = STRBUF_INIT;

	if (!pnr_scan_contains(arg, strlen(arg))) {
		*(const char **)o->value = arg;
		return 0;
	}
	/* kept to the end of the command, where the option's variable points */
	pnr_scan_mask_to(&masked, arg, strlen(arg));
	*(const char **)o->value = xstrdup(masked.buf);
	strbuf_release(&masked);
	log_warning("--%s: an identity number in the text is masked", o->long_name);
	return 0;
}

int command_source(struct gbetl_config *cfg, const char *dir, const char *name, bool throwaway_key,
                   struct source_def *def, struct pseudonym_key **key)
{
	*key = NULL;
	memset(def, 0, sizeof(*def));
	if (source_load_named(dir ? dir : cfg->sources_dir, name, def) != 0)
		return EXIT_CONFIG;
	config_apply_source_defaults(cfg, def);
	if (def->kind != KIND_SERVICE)
		return EXIT_OK;
	*key = throwaway_key ? pseudonym_key_ephemeral() : pseudonym_key_load(cfg->key_file);
	if (*key != NULL)
		return EXIT_OK;
	source_free(def);
	return EXIT_CONFIG;
}
