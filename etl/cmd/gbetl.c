/*
 * gbetl.c — main(): global options and dispatch to etl/cmd_*.c.
 *
 *     gbetl [COMMON OPTIONS] COMMAND [OPTIONS] [ARGS]
 *
 * The table of commands is generated from the cmd_*.c files at build time.
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "version.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define X(name) extern const struct command command_##name;
#include "commands.inc"
#undef X

static const struct command *const commands[] = {
#define X(name) &command_##name,
#include "commands.inc"
#undef X
};
#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static char self_path[PATH_MAX];

const char *gbetl_self_path(void)
{
	return self_path;
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int common_option(int opt, const char *arg)
{
	enum log_format format;

	switch (opt) {
	case 'd':
		gbetl_opts.dbname = arg;
		return 1;
	case OPT_CONFIG:
		gbetl_opts.config_path = arg;
		gbetl_opts.config_explicit = true;
		return 1;
	case 'q':
		log_set_level(LOG_LEVEL_ERROR);
		return 1;
	case 'v':
		log_set_level(LOG_LEVEL_DEBUG);
		return 1;
	case OPT_LOG_FORMAT:
		if (log_parse_format(arg, &format) != 0) {
			log_error("invalid log format \"%s\"", arg);
			log_hint("Use \"text\" or \"json\".");
			return -1;
		}
		log_set_format(format);
		return 1;
	default:
		return 0;
	}
}

int parse_common_options(int argc, char **argv)
{
	static const struct option options[] = {COMMON_LONG_OPTIONS, {NULL, 0, NULL, 0}};
	int c;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS, options, NULL)) != -1) {
		if (common_option(c, optarg) == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		return usage_error(argv[0]);
	}
	return -1;
}

int usage_error(const char *command_name)
{
	if (command_name)
		fprintf(stderr, "Try \"gbetl %s --help\" for more information.\n", command_name);
	else
		fprintf(stderr, "Try \"gbetl --help\" for more information.\n");
	return EXIT_USAGE;
}

int command_help(const char *command_name)
{
	const struct command *cmd = find_command(command_name);

	if (cmd == NULL) {
		log_error("unknown command \"%s\"", command_name);
		return usage_error(NULL);
	}
	fputs(cmd->help, stdout);
	fputs(COMMON_OPTIONS_HELP, stdout);
	return EXIT_OK;
}

static void main_help(void)
{
	size_t i;

	printf("gbetl — gender-budget ETL for Swedish municipalities\n\n"
	       "Usage:\n  gbetl [OPTION]... COMMAND [ARG]...\n\nCommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		printf("  %-14s %s\n", commands[i]->name, commands[i]->summary);
	printf("  %-14s %s\n", "help", "show the help of a command");
	fputs(COMMON_OPTIONS_HELP, stdout);
	printf("  -V, --version            show the version, then exit\n"
	       "\nRun \"gbetl help COMMAND\" for the options of a command.\n"
	       "\nExit status: 0 success; 1 finished but needs attention; 2 usage;\n"
	       "65 bad input; 69 database unreachable; 73 cannot create output;\n"
	       "75 another run holds the lock; 78 bad configuration.\n");
}

int main(int argc, char **argv)
{
	static const struct option long_options[] = {
	    COMMON_LONG_OPTIONS, {"version", no_argument, NULL, 'V'}, {NULL, 0, NULL, 0}};
	const struct command *cmd;
	ssize_t n;
	int c;

	n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	if (n > 0)
		self_path[n] = '\0';
	else
		snprintf(self_path, sizeof(self_path), "%s", argv[0]);

	gbetl_opts.config_path = getenv("GBETL_CONFIG");
	gbetl_opts.config_explicit = gbetl_opts.config_path != NULL;
	if (gbetl_opts.config_path == NULL)
		gbetl_opts.config_path = "/etc/gbetl/gbetl.conf";

	opterr = 1;
	while ((c = getopt_long(argc, argv, "+" COMMON_SHORT_OPTIONS "V", long_options, NULL)) !=
	       -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (r < 0)
			return usage_error(NULL);
		if (c == 'h') {
			main_help();
			return EXIT_OK;
		}
		if (c == 'V') {
			printf("gbetl %s\n", GBETL_VERSION);
			return EXIT_OK;
		}
		return usage_error(NULL);
	}
	if (optind >= argc) {
		log_error("no command given");
		return usage_error(NULL);
	}
	if (strcmp(argv[optind], "help") == 0) {
		if (optind + 1 >= argc) {
			main_help();
			return EXIT_OK;
		}
		return command_help(argv[optind + 1]);
	}
	cmd = find_command(argv[optind]);
	if (cmd == NULL) {
		log_error("unknown command \"%s\"", argv[optind]);
		return usage_error(NULL);
	}
	argc -= optind;
	argv += optind;
	optind = 0; /* re-initialise getopt for the command */
	return cmd->run(argc, argv);
}
