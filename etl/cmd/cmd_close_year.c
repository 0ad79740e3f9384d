/*
 * cmd_close_year.c — "gbetl close-year YYYY": freeze a year's figures.
 */
#include "command.h"
#include "fiscal_year.h"

static const char usage[] =
    "gbetl close-year — freeze a fiscal year's published figures\n\n"
    "Usage:\n  gbetl close-year [OPTION]... --year YYYY\n"
    "  gbetl close-year [OPTION]... YYYY\n\n"
    "Snapshots the year's allocation as a new version, with who, when and the\n"
    "batches (ids and SHA-256) it rests on.  Afterwards no import or allocation\n"
    "may change the year; reports read the snapshot.  A close after a reopen\n"
    "makes a new version and keeps the old.  A year whose data or mapping rules\n"
    "changed since it was last allocated is not closed: allocate it first.\n"
    "A year with cost that no mapping rule maps, or that has no recipients, is\n"
    "not closed either (the error names the amounts) unless --accept-unmapped\n"
    "is given; the close then records the amounts it accepted.  After the close\n"
    "the year's report files in report_dir are rewritten from the frozen\n"
    "figures.\n";

static const char notes[] =
    "Exit status: 0 closed; 1 closed, but the reports could not be rewritten (the\n"
    "next \"gbetl run\" writes them); 2 usage; 65 already closed, nothing to close,\n"
    "changed since it was last allocated, or unmapped or unallocated cost without\n"
    "--accept-unmapped; 69 database unreachable; 75 another command that changes\n"
    "data is running; 77 the database role lacks a privilege; 78 bad\n"
    "configuration.\n";

static struct year_operand year;
static bool accept_unmapped;

static const struct parse_option options[] = {
    OPT_YEAR('y', "year", &year.option, "the fiscal year (or give YYYY as the argument)"),
    OPT_FLAG(0, "accept-unmapped", &accept_unmapped,
             "close although cost is unmapped or unallocated"),
    OPT_END(),
};

static int run(struct session *s, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return fiscal_year_close(s->conn, &s->cfg, year.text, accept_unmapped);
}

const struct command command_close_year = {"close-year", "freeze a fiscal year's published figures",
                                           usage,        options,
                                           notes,        SESSION_CHANGES,
                                           NULL,         run,
                                           NULL,         &year};
