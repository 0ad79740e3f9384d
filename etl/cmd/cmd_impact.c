/*
 * cmd_impact.c — "gbetl impact": the gender impact of a proposed change
 * (könskonsekvensanalys).  Thin: arguments here, the estimate in impact.c
 * and result.impact() (schemas/014_budget.sql).
 */
#include "command.h"
#include "config.h"
#include "exitcode.h"
#include "impact.h"
#include "log.h"
#include "session.h"
#include "version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
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
    "refused.  See " GBETL_DOCDIR "/docs/method.md.\n\n"
    "Options:\n"
    "  -y, --year=YYYY           the budget year the change is for\n"
    "      --committee=CODE      the committee (committees.csv)\n"
    "      --activity=CODE       the activity (activities.csv)\n"
    "      --change=SEK          the change in kronor: -2000000 is a cut of 2 million\n"
    "      --text=TEXT           what the change is, for the outputs\n"
    "      --proposal=FILE       several changes: a CSV file with one change per\n"
    "                            line, committee;activity;change in SEK;text\n"
    "      --csv=FILE            also write the estimate as CSV\n"
    "      --html=FILE           also write it as an HTML fragment for a decision\n"
    "                            paper\n"
    "      --english             in English (default Swedish)\n\n"
    "Exit status: 0 done; 2 usage; 65 a change refused (too large, no outcome to\n"
    "estimate from) or a bad proposal file; 69 database unreachable; 73 an output\n"
    "file could not be written; 78 bad configuration.\n";

enum {
	OPT_COMMITTEE = OPT_FIRST_COMMAND_OPTION,
	OPT_ACTIVITY,
	OPT_CHANGE,
	OPT_TEXT,
	OPT_PROPOSAL,
	OPT_CSV,
	OPT_HTML,
	OPT_ENGLISH
};

static int cmd_impact(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"year", required_argument, NULL, 'y'},
	    {"committee", required_argument, NULL, OPT_COMMITTEE},
	    {"activity", required_argument, NULL, OPT_ACTIVITY},
	    {"change", required_argument, NULL, OPT_CHANGE},
	    {"text", required_argument, NULL, OPT_TEXT},
	    {"proposal", required_argument, NULL, OPT_PROPOSAL},
	    {"csv", required_argument, NULL, OPT_CSV},
	    {"html", required_argument, NULL, OPT_HTML},
	    {"english", no_argument, NULL, OPT_ENGLISH},
	    {NULL, 0, NULL, 0}};
	const char *year = NULL, *committee = NULL, *activity = NULL, *change = NULL;
	const char *text = NULL, *proposal = NULL;
	struct impact_options o = {0};
	struct impact_change *changes = NULL;
	size_t count = 0;
	struct session session;
	int c, status = EXIT_OK;
	bool opened = false;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "y:", options, NULL)) != -1) {
		int r = common_option(c, optarg);

		if (r == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		switch (c) {
		case 'y':
			year = optarg;
			break;
		case OPT_COMMITTEE:
			committee = optarg;
			break;
		case OPT_ACTIVITY:
			activity = optarg;
			break;
		case OPT_CHANGE:
			change = optarg;
			break;
		case OPT_TEXT:
			text = optarg;
			break;
		case OPT_PROPOSAL:
			proposal = optarg;
			break;
		case OPT_CSV:
			o.csv_path = optarg;
			break;
		case OPT_HTML:
			o.html_path = optarg;
			break;
		case OPT_ENGLISH:
			o.english = true;
			break;
		default:
			return usage_error(argv[0]);
		}
	}
	if (year == NULL || strlen(year) != 4 || atoi(year) < 1900 || atoi(year) > 2200 ||
	    optind < argc) {
		log_error(year == NULL ? "no budget year given (--year YYYY)"
		                       : "give one budget year as YYYY");
		return usage_error(argv[0]);
	}
	if ((proposal != NULL) == (committee != NULL || activity != NULL || change != NULL) ||
	    (proposal == NULL && (committee == NULL || activity == NULL || change == NULL))) {
		log_error("give either --committee, --activity and --change, or --proposal FILE");
		return usage_error(argv[0]);
	}
	if (proposal) {
		if (impact_read_proposal(proposal, &changes, &count) != 0)
			return EXIT_DATAERR;
	} else {
		changes = calloc(1, sizeof(*changes));
		if (changes == NULL)
			return EXIT_OSERR;
		count = 1;
		if (impact_parse_sek(change, &changes[0].change_ore) != 0) {
			log_error("--change \"%s\" is not an amount in kronor", change);
			free(changes);
			return usage_error(argv[0]);
		}
		if (strlen(committee) >= sizeof(changes[0].committee) ||
		    strlen(activity) >= sizeof(changes[0].activity)) {
			log_error("a committee or activity code longer than %zu characters",
			          sizeof(changes[0].committee) - 1);
			free(changes);
			return usage_error(argv[0]);
		}
		snprintf(changes[0].committee, sizeof(changes[0].committee), "%s", committee);
		snprintf(changes[0].activity, sizeof(changes[0].activity), "%s", activity);
		snprintf(changes[0].text, sizeof(changes[0].text), "%s", text ? text : "");
	}
	status = session_open(&session, NULL);
	opened = true;
	if (status != EXIT_OK)
		goto out;
	o.municipality = session.cfg.municipality_code;
	o.year = year;
	o.out = stdout;
	status = impact_estimate(session.conn, &o, changes, count);
out:
	if (opened)
		session_close(&session);
	free(changes);
	return status;
}

const struct command command_impact = {
    "impact", cmd_impact, "what a proposed change means for women and for men", help, true};
