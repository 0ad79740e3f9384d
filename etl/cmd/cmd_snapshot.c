/*
 * cmd_snapshot.c — "gbetl snapshot": freeze an interim follow-up of the
 * budget (delårsuppföljning) under a name, as close-year freezes a year.
 * The work is result.snapshot_budget() (fiscal_year.h).
 */
#include "command.h"
#include "exitcode.h"
#include "fiscal_year.h"
#include "log.h"
#include "version.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "gbetl snapshot — freeze the budget against the outcome through a month\n\n"
    "Usage:\n  gbetl snapshot --year YYYY --name NAME --through-month M\n\n"
    "Compares the budget through month M (the period budgets of months 1 to M,\n"
    "and M twelfths of budgets for the whole year) with the outcome through\n"
    "month M (the year's allocation, which must reach no further than M), by\n"
    "sex, and keeps it under NAME (T1, T2, \"Delår augusti\") in\n"
    "result.budget_snapshot; it is never changed afterwards.  Allocate the year\n"
    "first.  See " GBETL_DOCDIR "/docs/method.md.\n";

static const char notes[] =
    "Exit status: 0 done; 2 usage; 65 refused (the name is taken, the year\n"
    "changed since its allocation, the ledger reaches past month M, no budget);\n"
    "69 database unreachable; 75 another command that changes data is running; 77\n"
    "the database role lacks a privilege; 78 bad configuration.\n";

static int year;
static const char *name;
static long long month;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year, "the fiscal year"),
    OPT_CALLBACK(0, "name", &name, "NAME", free_text_option, "the snapshot's name"),
    OPT_INT(0, "through-month", &month, "M", 1, 12, "the last month of the comparison, 1 to 12"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	if (year == 0 || name == NULL || name[0] == '\0' || strlen(name) > 64 || month == 0) {
		log_error("give --year YYYY, --name NAME (at most 64 characters) and "
		          "--through-month 1 to 12");
		return EXIT_USAGE;
	}
	return command_no_operands(argc, argv, needs);
}

static int run(struct session *s, int argc, char **argv)
{
	char year_text[8], month_text[4];

	(void)argc;
	(void)argv;
	snprintf(year_text, sizeof(year_text), "%d", year);
	snprintf(month_text, sizeof(month_text), "%lld", month);
	return fiscal_year_snapshot(s->conn, &s->cfg, year_text, name, month_text,
	                            command_output());
}

const struct command command_snapshot = {
    "snapshot", "freeze the budget against the outcome through a month",
    usage,      options,
    notes,      SESSION_CHANGES,
    check,      run};
