/*
 * cmd_status.c — "gbetl status": what the operator needs to know.
 */
#include "command.h"
#include "status.h"

#include <stdio.h>

static const char usage[] =
    "gbetl status — batches, failures, rejects, unmapped codes, closed years\n\n"
    "Usage:\n  gbetl status [OPTION]...\n  gbetl status --rejects BATCH\n\n"
    "Prints the latest batches, the attempts that failed, rejects per batch, the\n"
    "amounts and records no mapping rule matches, the closed fiscal years, the\n"
    "fiscal years waiting for an allocation or for their reports, the files the\n"
    "last run could not move out of the inbox, what is in the inbox and why,\n"
    "and the files set aside in failed/ in the last 30 days with their reasons.\n\n"
    "With --rejects, lists the rejected records of one batch instead: file,\n"
    "line, field, reason, the value (identity numbers masked) and the message.\n";

static const char notes[] =
    "Exit status: 0 nothing needs attention; 1 a recent batch failed, there are\n"
    "unmapped amounts, a year waits for its allocation or reports, or a file\n"
    "could not be moved; 65 (--rejects) no such batch; 69 database unreachable;\n"
    "77 the database role lacks a privilege; 78 bad configuration.\n";

static long long limit = 10, batch;

static const struct parse_option options[] = {
    OPT_INT('n', "limit", &limit, "N", 1, 1000000, "how many recent batches to show (default 10)"),
    OPT_INT(0, "rejects", &batch, "BATCH", 1, 999999999999999999LL,
            "the rejects of batch BATCH (its number in \"Latest\n"
            "batches\" or in a failed file's .reason)"),
    OPT_END(),
};

static int run(struct session *s, int argc, char **argv)
{
	char batch_text[24];

	(void)argc;
	(void)argv;
	if (batch == 0)
		return status_print(s->conn, &s->cfg, limit);
	snprintf(batch_text, sizeof(batch_text), "%lld", batch);
	return status_print_rejects(s->conn, batch_text);
}

const struct command command_status = {
    "status", "batches, failures, rejects, unmapped codes, closed years", usage, options,
    notes,    SESSION_CONFIG_FILE | SESSION_DB | SESSION_SCHEMA,          NULL,  run};
