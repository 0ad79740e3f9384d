/*
 * cmd_reopen_year.c — "gbetl reopen-year YYYY --reason TEXT".
 */
#include "command.h"
#include "exitcode.h"
#include "fiscal_year.h"
#include "log.h"

#include <string.h>

static const char usage[] =
    "gbetl reopen-year — reopen a closed fiscal year\n\n"
    "Usage:\n  gbetl reopen-year [OPTION]... --year YYYY --reason TEXT\n"
    "  gbetl reopen-year [OPTION]... YYYY --reason TEXT\n\n"
    "Reopens the year so that imports and allocations may change it again; the\n"
    "reopening is logged with who, when and the reason.  The frozen versions\n"
    "are kept; closing again makes a new version.  The year's report files in\n"
    "report_dir are rewritten from its current (open) figures.\n";

static const char notes[] =
    "Exit status: 0 reopened; 1 reopened, but the reports could not be rewritten\n"
    "(the next \"gbetl run\" writes them); 2 usage; 65 the year is not closed; 69\n"
    "database unreachable; 75 another command that changes data is running; 77\n"
    "the database role lacks a privilege; 78 bad configuration.\n";

static struct year_operand year;
static const char *reason;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year.option, "the fiscal year (or give YYYY as the argument)"),
    OPT_CALLBACK(0, "reason", &reason, "TEXT", free_text_option, "why (required)"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	(void)argc;
	(void)argv;
	(void)needs;
	if (reason == NULL || reason[strspn(reason, " \t")] == '\0') {
		log_error("a reason is required (--reason TEXT)");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return fiscal_year_reopen(s->conn, &s->cfg, year.text, reason);
}

const struct command command_reopen_year = {
    "reopen-year", "reopen a closed fiscal year (logged, with a reason)",
    usage,         options,
    notes,         SESSION_CHANGES,
    check,         run,
    NULL,          &year};
