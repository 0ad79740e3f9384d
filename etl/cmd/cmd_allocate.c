/*
 * cmd_allocate.c — "gbetl allocate": the gender-budget allocation of a year.
 *
 * The work is in allocate.c (allocate.h), which "gbetl run" uses too; this
 * command takes the year and the basis.
 */
#include "alloc_settings.h"
#include "allocate.h"
#include "command.h"
#include "db.h"
#include "log.h"
#include "version.h"

#include <stdio.h>

static const char usage[] =
    "gbetl allocate — split each committee's cost between women and men\n\n"
    "Usage:\n  gbetl allocate --year YYYY [OPTION]...\n  gbetl allocate YYYY [OPTION]...\n\n"
    "For every committee and activity of the fiscal year: the ledger cost, split\n"
    "by the activity's method (volume, headcount, direct, aggregate, none) into\n"
    "women, men, unknown sex, not individual-based and unallocated — exact to the\n"
    "öre — with recipients, volumes, cost per recipient and per inhabitant, the\n"
    "representation index and the 40–60 balance band; and the key figures of the\n"
    "welfare accounts; and the year's budget (every version) split the same way\n"
    "at the shares of the reference year's outcome.  Replaces the year's earlier\n"
    "results.  See " GBETL_DOCDIR "/docs/method.md.\n";

static const char notes[] =
    "The options apply to this allocation only; \"gbetl run\" allocates with the\n"
    "configuration's settings.  The allocation records its basis.\n"
    "\n"
    "Exit status: 0 done; 1 failed; 2 usage; 65 the year is closed; 69 database\n"
    "unreachable; 75 another command that changes data is running; 77 the\n"
    "database role lacks a privilege; 78 bad configuration.\n";

static const char *const cost_words[] = {"gross", "own", NULL};
static const char *const remainder_words[] = {"share", "apart", NULL};
static struct year_operand year;
static int cost = -1, direct_remainder = -1;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year.option, "the fiscal year"),
    OPT_ENUM(0, "cost", &cost, cost_words,
             "gross cost, or SCB's kostnad för det egna\n"
             "åtagandet (cost net of internal revenue); default:\n"
             "the configuration's cost_basis (gross)"),
    OPT_ENUM(0, "direct-remainder", &direct_remainder, remainder_words,
             "direct activities: split the whole cost by the\n"
             "amounts paid (share) or show the cost beyond them\n"
             "as administration (apart); default: the\n"
             "configuration's direct_remainder (share)"),
    OPT_END(),
};

static int run(struct session *s, int argc, char **argv)
{
	struct allocate_basis basis = {s->cfg.cost_basis, s->cfg.direct_remainder};

	(void)argc;
	(void)argv;
	if (cost >= 0)
		basis.cost = cost_words[cost];
	if (direct_remainder >= 0)
		basis.direct_remainder = remainder_words[direct_remainder];
	if (alloc_settings_apply(s->conn, &s->cfg) != 0)
		return db_exit_status(s->conn);
	return allocate_year(s->conn, s->cfg.municipality_code, year.text, &basis,
	                     command_output());
}

const struct command command_allocate = {
    "allocate", "split each committee's cost between women and men",
    usage,      options,
    notes,      SESSION_CHANGES,
    NULL,       run,
    NULL,       &year};
