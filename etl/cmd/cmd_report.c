/*
 * cmd_report.c — "gbetl report": the tables and the report of a year
 * (the work is in report.c).
 */
#include "args.h"
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "session.h"
#include "report.h"
#include "report_budget.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char help[] =
    "gbetl report — the annual-account tables and report of a fiscal year\n\n"
    "Usage:\n  gbetl report --year YYYY --out DIR [OPTION]...\n  gbetl report YYYY --out DIR "
    "[OPTION]...\n\n"
    "Writes to DIR, from the reporting views (small counts suppressed, closed\n"
    "years from their frozen version):\n"
    "  gbetl-YYYY-kommun.csv        every committee and activity\n"
    "  gbetl-YYYY-sammanfattning.csv the municipality and its committees, by cost\n"
    "  gbetl-YYYY-COMMITTEE.csv     one table per committee\n"
    "  gbetl-YYYY-avstamning.csv    reconciliation against the ledger\n"
    "  gbetl-YYYY-fordelning.csv    each activity by age band, district and unit\n"
    "  gbetl-YYYY-budget.csv        budget against outcome by sex, when a budget\n"
    "                               is loaded (also a section of the report)\n"
    "  gbetl-YYYY.html              the report: tables and charts, self-contained\n"
    "With --through-month M, instead, the interim follow-up of the budget:\n"
    "  gbetl-YYYY-budget-mMM.csv    the budget through month M against the outcome\n"
    "  gbetl-YYYY-budget-mMM.html   through month M, by sex, per committee\n\n"
    "Options:\n"
    "  -y, --year=YYYY               the fiscal year\n"
    "  -o, --out=DIR                 where to write (created if missing)\n"
    "      --committee=CODE          only this committee\n"
    "      --lang=sv|en              labels in Swedish (default) or English\n"
    "      --csv-style=excel|plain   excel: UTF-8 with BOM, ';' and decimal comma\n"
    "                                and labels (default); plain: RFC 4180, ',' and\n"
    "                                '.', the database's codes (for scripts)\n"
    "      --through-month=M         the interim follow-up through month M (1-12)\n\n"
    "Exit status: 0 written; 1 nothing to report; 2 usage; 65 the ledger reaches\n"
    "past month M; 69 database unreachable;\n"
    "73 cannot write DIR; 78 bad configuration.\n";

enum { OPT_COMMITTEE = OPT_FIRST_COMMAND_OPTION, OPT_LANG, OPT_CSV_STYLE, OPT_THROUGH };

static int cmd_report(int argc, char **argv)
{
	static const struct option options[] = {
	    COMMON_LONG_OPTIONS,
	    {"year", required_argument, NULL, 'y'},
	    {"out", required_argument, NULL, 'o'},
	    {"committee", required_argument, NULL, OPT_COMMITTEE},
	    {"lang", required_argument, NULL, OPT_LANG},
	    {"csv-style", required_argument, NULL, OPT_CSV_STYLE},
	    {"through-month", required_argument, NULL, OPT_THROUGH},
	    {NULL, 0, NULL, 0}};
	const char *year = NULL, *dir = NULL, *committee = NULL;
	char year_text[5];
	bool english = false, excel = true;
	struct session session;
	int c, status, through = 0;

	while ((c = getopt_long(argc, argv, COMMON_SHORT_OPTIONS "y:o:", options, NULL)) != -1) {
		int x = common_option(c, optarg);

		if (x == 1)
			continue;
		if (c == 'h')
			return command_help(argv[0]);
		if (c == 'y')
			year = optarg;
		else if (c == 'o')
			dir = optarg;
		else if (c == OPT_COMMITTEE)
			committee = optarg;
		else if (c == OPT_LANG && (!strcmp(optarg, "sv") || !strcmp(optarg, "en")))
			english = !strcmp(optarg, "en");
		else if (c == OPT_CSV_STYLE &&
		         (!strcmp(optarg, "excel") || !strcmp(optarg, "plain")))
			excel = !strcmp(optarg, "excel");
		else if (c == OPT_THROUGH && atoi(optarg) >= 1 && atoi(optarg) <= 12 &&
		         strspn(optarg, "0123456789") == strlen(optarg))
			through = atoi(optarg);
		else
			return usage_error(argv[0]);
	}
	if (command_year(year, argc, argv, &optind, year_text) != 0)
		return usage_error(argv[0]);
	year = year_text;
	if (dir == NULL || optind < argc) {
		if (dir == NULL)
			log_error("no output directory given (--out DIR)");
		else
			log_error("too many arguments: \"%s\"", argv[optind]);
		return usage_error(argv[0]);
	}
	status = session_open(&session, NULL);
	if (status == EXIT_OK && through) /* report_budget.h */
		status = report_budget_interim(session.conn, session.cfg.municipality_code, year,
		                               committee, through, session.cfg.cost_basis, english,
		                               excel, dir);
	else if (status == EXIT_OK)
		status = report_write(session.conn, year, committee, dir, english, excel,
		                      session.cfg.municipality_name);
	session_close(&session);
	return status;
}

const struct command command_report = {
    "report", cmd_report, "the annual-account tables and report of a year", help, true};
