/*
 * cmd_impact.c — "gbetl impact": the gender impact of a proposed change
 * (könskonsekvensanalys).  Thin: arguments here, the estimate in impact.c
 * and result.impact() (schemas/014_budget.sql).
 */
#include "command.h"
#include "exitcode.h"
#include "impact.h"
#include "log.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "gbetl impact — what a proposed change means for women and for men\n\n"
    "Usage:\n  gbetl impact --year YYYY --committee C --activity A --change SEK [OPTION]...\n"
    "  gbetl impact --year YYYY --proposal FILE [OPTION]...\n\n"
    "Estimates a change to a committee's money for an activity in the budget\n"
    "year (a könskonsekvensanalys): the change split between women and men at\n"
    "the shares of the reference year's outcome (the latest closed year before\n"
    "YYYY, else the latest allocated one), the change in volume and recipients\n"
    "by sex at that year's cost per unit and per recipient, women's share of\n"
    "the cost before and after, and the cost per inhabitant by sex before and\n"
    "after.  It assumes the same distribution and the same unit costs as the\n"
    "reference year, and says so.  A change larger than the activity's cost is\n"
    "refused.  See " GBETL_DOCDIR "/docs/method.md.\n";

static const char notes[] =
    "Exit status: 0 done; 2 usage; 65 a change refused (too large, no outcome to\n"
    "estimate from) or a bad proposal file; 69 database unreachable; 73 an output\n"
    "file could not be written; 77 the database role lacks a privilege; 78 bad\n"
    "configuration.\n";

static int year;
static const char *committee, *activity, *change, *text, *proposal;
static struct impact_options o;
static struct impact_change *changes; /* read before the session is opened */
static size_t count;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year, "the budget year the change is for"),
    OPT_STRING(0, "committee", &committee, "CODE", "the committee (committees.csv)"),
    OPT_STRING(0, "activity", &activity, "CODE", "the activity (activities.csv)"),
    OPT_STRING(0, "change", &change, "SEK", "the change in kronor: -2000000 is a cut of 2 million"),
    OPT_CALLBACK(0, "text", &text, "TEXT", free_text_option, "what the change is, for the outputs"),
    OPT_STRING(0, "proposal", &proposal, "FILE",
               "several changes: a CSV file with one change per\n"
               "line, committee;activity;change in SEK;text"),
    OPT_STRING(0, "csv", &o.csv_path, "FILE", "also write the estimate as CSV"),
    OPT_STRING(0, "html", &o.html_path, "FILE",
               "also write it as an HTML fragment for a decision\npaper"),
    OPT_FLAG(0, "english", &o.english, "in English (default Swedish)"),
    OPT_END(),
};

/* The one change of --committee, --activity and --change. */
static int one_change(void)
{
	struct impact_change *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return EXIT_OSERR;
	changes = c;
	count = 1;
	if (impact_parse_sek(change, &c->change_ore) != 0) {
		log_error("--change \"%s\" is not an amount in kronor", change);
		return EXIT_USAGE;
	}
	if (strlen(committee) >= sizeof(c->committee) || strlen(activity) >= sizeof(c->activity)) {
		log_error("a committee or activity code longer than %zu characters",
		          sizeof(c->committee) - 1);
		return EXIT_USAGE;
	}
	snprintf(c->committee, sizeof(c->committee), "%s", committee);
	snprintf(c->activity, sizeof(c->activity), "%s", activity);
	snprintf(c->text, sizeof(c->text), "%s", text ? text : "");
	return EXIT_OK;
}

static int check(int argc, char **argv, unsigned *needs)
{
	if (year == 0) {
		log_error("no budget year given (--year YYYY)");
		return EXIT_USAGE;
	}
	if ((proposal != NULL) == (committee != NULL || activity != NULL || change != NULL) ||
	    (proposal == NULL && (committee == NULL || activity == NULL || change == NULL))) {
		log_error("give either --committee, --activity and --change, or --proposal FILE");
		return EXIT_USAGE;
	}
	if (command_no_operands(argc, argv, needs) != EXIT_OK)
		return EXIT_USAGE;
	if (proposal)
		return impact_read_proposal(proposal, &changes, &count) == 0 ? EXIT_OK
		                                                             : EXIT_DATAERR;
	return one_change();
}

static int run(struct session *s, int argc, char **argv)
{
	char year_text[8];
	int status;

	(void)argc;
	(void)argv;
	snprintf(year_text, sizeof(year_text), "%d", year);
	o.municipality = s->cfg.municipality_code;
	o.year = year_text;
	o.out = stdout;
	status = impact_estimate(s->conn, &o, changes, count);
	free(changes);
	return status;
}

const struct command command_impact = {
    "impact", "what a proposed change means for women and for men", usage, options,
    notes,    SESSION_CONFIG_FILE | SESSION_DB | SESSION_SCHEMA,    check, run};
