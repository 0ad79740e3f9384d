/*
 * command.h — the subcommand table and the options every command shares.
 *
 * Each subcommand lives in etl/cmd/cmd_<name>.c and defines one
 *     const struct command command_<name> = { "name", cmd_name, "summary", help };
 * The build collects every etl/cmd/cmd_*.c into the dispatch table of gbetl.c
 * (build/gen/commands.inc), so adding a command is adding its file.
 *
 * A command receives argv[0] = its own name and parses its options with
 * getopt_long(), passing unknown letters to common_option() first.  It
 * returns an exit status from exitcode.h; it never calls exit() itself and
 * never calls another command (commands reuse modules, not commands).
 */
#ifndef GBETL_COMMAND_H
#define GBETL_COMMAND_H

#include <getopt.h>
#include <stdbool.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary; /* one line for "gbetl --help" */
	const char *help;    /* full usage text: synopsis, options, exit status */
	bool needs_db;       /* documents whether -d applies */
};

/* Options that every command accepts, before or after the command name. */
struct gbetl_options {
	const char *dbname;      /* -d/--dbname: conninfo or URI; NULL = libpq defaults */
	const char *config_path; /* --config; else $GBETL_CONFIG; else /etc/gbetl/gbetl.conf */
	bool config_explicit;    /* the path was given, so a missing file is an error */
};
extern struct gbetl_options gbetl_opts;

/* Long-option values above the range of characters. */
enum {
	OPT_CONFIG = 1000,
	OPT_LOG_FORMAT,
	OPT_FIRST_COMMAND_OPTION = 1100 /* commands number their own long-only options from here */
};

#define COMMON_SHORT_OPTIONS "d:hqv"
#define COMMON_LONG_OPTIONS                                                                        \
	{"dbname", required_argument, NULL, 'd'}, {"config", required_argument, NULL, OPT_CONFIG}, \
	    {"quiet", no_argument, NULL, 'q'}, {"verbose", no_argument, NULL, 'v'},                \
	    {"log-format", required_argument, NULL, OPT_LOG_FORMAT},                               \
	{                                                                                          \
		"help", no_argument, NULL, 'h'                                                     \
	}

/* Text for the common options, for the end of each command's help. */
#define COMMON_OPTIONS_HELP                                                                        \
	"\nCommon options:\n"                                                                      \
	"  -d, --dbname=CONNINFO    database to use (conninfo string or URI; default: libpq's\n"   \
	"                           PG* variables and service file)\n"                             \
	"      --config=FILE        configuration file (default: $GBETL_CONFIG, then\n"            \
	"                           /etc/gbetl/gbetl.conf)\n"                                      \
	"  -q, --quiet              print errors only\n"                                           \
	"  -v, --verbose            print debugging messages\n"                                    \
	"      --log-format=FORMAT  text (default) or json\n"                                      \
	"  -h, --help               show this help, then exit\n"

/*
 * Handle one of the common options.  Returns 1 if opt was one (and applied
 * it), 0 if it is not a common option, -1 on a bad value (already reported).
 * 'h' is not handled here: the command prints its help and returns 0.
 */
int common_option(int opt, const char *arg);

/* For commands with no options of their own: parse the common ones.
 * Returns -1 to go on (optind is at the first argument), or the exit status
 * to return at once (0 after --help, 2 after a bad option). */
int parse_common_options(int argc, char **argv);

/* Print "Try "gbetl NAME --help" for more information." to stderr; returns
 * EXIT_USAGE so a command can "return usage_error(argv[0]);". */
int usage_error(const char *command_name);

/* Print the help of a command (its table entry) to stdout; returns EXIT_OK. */
int command_help(const char *command_name);

/* Absolute path of the running gbetl binary (for commands that run stages
 * as child processes, like demo). */
const char *gbetl_self_path(void);

#endif
