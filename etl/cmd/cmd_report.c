/*
 * cmd_report.c — "gbetl report": the tables and the report of a year
 * (the work is in report.c).
 */
#include "command.h"
#include "exitcode.h"
#include "log.h"
#include "report.h"
#include "report_budget.h"

static const char usage[] =
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
    "  gbetl-YYYY-budget-mMM.html   through month M, by sex, per committee\n";

static const char notes[] =
    "Exit status: 0 written; 1 nothing to report; 2 usage; 65 the ledger reaches\n"
    "past month M; 69 database unreachable; 73 cannot write DIR; 77 the database\n"
    "role lacks a privilege; 78 bad configuration.\n";

static const char *const lang_words[] = {"sv", "en", NULL};
static const char *const csv_style_words[] = {"excel", "plain", NULL};
static struct year_operand year;
static const char *dir, *committee;
static int lang, csv_style;
static long long through;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year.option, "the fiscal year"),
    OPT_STRING('o', "out", &dir, "DIR", "where to write (created if missing)"),
    OPT_STRING(0, "committee", &committee, "CODE", "only this committee"),
    OPT_ENUM(0, "lang", &lang, lang_words, "labels in Swedish (default) or English"),
    OPT_ENUM(0, "csv-style", &csv_style, csv_style_words,
             "excel: UTF-8 with BOM, ';' and decimal comma\n"
             "and labels (default); plain: RFC 4180, ',' and\n"
             "'.', the database's codes (for scripts)"),
    OPT_INT(0, "through-month", &through, "M", 1, 12,
            "the interim follow-up through month M (1-12)"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	(void)argc;
	(void)argv;
	(void)needs;
	if (dir == NULL) {
		log_error("no output directory given (--out DIR)");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int run(struct session *s, int argc, char **argv)
{
	bool english = lang == 1, excel = csv_style == 0;

	(void)argc;
	(void)argv;
	if (through) /* report_budget.h */
		return report_budget_interim(s->conn, s->cfg.municipality_code, year.text,
		                             committee, (int)through, s->cfg.cost_basis, english,
		                             excel, dir);
	return report_write(s->conn, year.text, committee, dir, english, excel,
	                    s->cfg.municipality_name);
}

const struct command command_report = {"report", "the annual-account tables and report of a year",
                                       usage,    options,
                                       notes,    SESSION_CONFIG_FILE | SESSION_DB | SESSION_SCHEMA,
                                       check,    run,
                                       NULL,     &year};
