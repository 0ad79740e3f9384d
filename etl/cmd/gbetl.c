/*
 * gbetl.c — main(): gbetl's own options, and the dispatcher that runs a
 * command from its entry in the table (command.h).
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

static bool show_version;
static const struct parse_option main_options[] = {
    OPT_FLAG('V', "version", &show_version, "show the version, then exit"),
    OPT_END(),
};

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* Print "Try ..." to stderr; returns EXIT_USAGE. */
static int usage_error(const char *command_name)
{
	if (command_name)
		fprintf(stderr, "Try \"gbetl %s --help\" for more information.\n", command_name);
	else
		fprintf(stderr, "Try \"gbetl --help\" for more information.\n");
	return EXIT_USAGE;
}

static int command_help(const struct command *cmd)
{
	const struct parse_option *const own[] = {cmd->options, NULL};
	const struct parse_option *const common[] = {common_options, NULL};

	fputs(cmd->usage, stdout);
	if (cmd->options) {
		fputs("\nOptions:\n", stdout);
		parse_options_help(stdout, own);
	}
	if (cmd->notes)
		printf("\n%s", cmd->notes);
	fputs("\nCommon options:\n", stdout);
	parse_options_help(stdout, common);
	return EXIT_OK;
}

static void main_help(void)
{
	const struct parse_option *const tables[] = {common_options, main_options, NULL};
	size_t i;

	printf("gbetl — gender-budget ETL for Swedish municipalities\n\n"
	       "Usage:\n  gbetl [OPTION]... COMMAND [ARG]...\n\nCommands:\n");
	for (i = 0; i < N_COMMANDS; i++)
		printf("  %-14s %s\n", commands[i]->name, commands[i]->summary);
	printf("  %-14s %s\n", "help", "show the help of a command");
	fputs("\nCommon options:\n", stdout);
	parse_options_help(stdout, tables);
	printf("\nRun \"gbetl help COMMAND\" for the options of a command.\n"
	       "\nExit status: 0 success; 1 finished but needs attention; 2 usage;\n"
	       "65 bad input; 69 database unreachable; 73 cannot create output;\n"
	       "75 another run holds the lock; 77 the database role lacks a privilege;\n"
	       "78 bad configuration.\n");
}

/* Parse, check, open, run, close: the steps of command.h. */
static int run_command(const struct command *cmd, int argc, char **argv)
{
	const struct parse_option *const tables[] = {common_options, cmd->options, NULL};
	struct session session;
	unsigned needs = cmd->needs;
	int first, status = EXIT_OK;

	memset(&session, 0, sizeof(session));
	first = parse_options(argc, argv, tables, 0);
	if (first == PARSE_OPTIONS_HELP)
		return command_help(cmd);
	if (first < 0)
		return usage_error(cmd->name);
	argc -= first;
	argv += first;
	if (cmd->year)
		status = year_operand_check(cmd->year, argc, argv);
	else if (cmd->check == NULL)
		status = command_no_operands(argc, argv, &needs);
	if (status == EXIT_OK && cmd->check)
		status = cmd->check(argc, argv, &needs);
	if (status == EXIT_OK)
		status = session_load_config(&session, needs);
	if (status == EXIT_OK && cmd->prepare)
		status = cmd->prepare(&session, argc, argv);
	if (status == EXIT_OK)
		status = session_connect(&session, needs, cmd->name);
	if (status == EXIT_OK)
		status = cmd->run(&session, argc, argv);
	session_close(&session);
	return status == EXIT_USAGE ? usage_error(cmd->name) : status;
}

int main(int argc, char **argv)
{
	const struct parse_option *const tables[] = {common_options, main_options, NULL};
	const struct command *cmd;
	const char *name;
	ssize_t n;
	int first;

	n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);
	if (n > 0)
		self_path[n] = '\0';
	else
		snprintf(self_path, sizeof(self_path), "%s", argv[0]);

	gbetl_opts.config_path = getenv("GBETL_CONFIG");
	gbetl_opts.config_explicit = gbetl_opts.config_path != NULL;
	if (gbetl_opts.config_path == NULL)
		gbetl_opts.config_path = "/etc/gbetl/gbetl.conf";

	first = parse_options(argc, argv, tables, PARSE_OPTIONS_STOP_AT_OPERAND);
	if (first == PARSE_OPTIONS_HELP) {
		main_help();
		return EXIT_OK;
	}
	if (first < 0)
		return usage_error(NULL);
	if (show_version) {
		printf("gbetl %s\n", GBETL_VERSION);
		return EXIT_OK;
	}
	if (first >= argc) {
		log_error("no command given");
		return usage_error(NULL);
	}
	name = argv[first];
	if (strcmp(name, "help") == 0) {
		if (first + 1 >= argc) {
			main_help();
			return EXIT_OK;
		}
		name = argv[first + 1];
	}
	cmd = find_command(name);
	if (cmd == NULL) {
		log_error("unknown command \"%s\"", name);
		return usage_error(NULL);
	}
	if (name != argv[first]) /* gbetl help COMMAND */
		return command_help(cmd);
	return run_command(cmd, argc - first, argv + first);
}
