/*
 * impact.h — the gender impact of a proposed change (könskonsekvensanalys):
 * the estimate of what changing a committee and activity's money in a
 * budget year does for women and for men.
 *
 * The numbers come from result.impact() in the database (schemas/
 * 014_budget.sql; the method in docs/method.md): the change split at the
 * reference year's shares by the largest-remainder method, the change in
 * volume and recipients at that year's cost per unit and per recipient,
 * women's share before and after, cost per inhabitant by sex before and
 * after.  This module reads a proposal file, asks the database for every
 * change (all or nothing: one refused change writes nothing) and writes the
 * estimate as a terminal table, a CSV file and an HTML fragment, in Swedish
 * or English.
 */
#ifndef GBETL_IMPACT_H
#define GBETL_IMPACT_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct impact_change {
	char committee[64];
	char activity[64];
	long long change_ore;
	char text[256]; /* what the proposal says about it; may be empty */
};

struct impact_options {
	const char *municipality;
	const char *year;      /* the budget year, YYYY */
	bool english;          /* default Swedish */
	const char *csv_path;  /* NULL: none */
	const char *html_path; /* NULL: none */
	FILE *out;             /* the terminal table; NULL: none */
};

/* An amount in kronor as a user writes it ("-2000000", "-2 000 000,50",
 * "1500.25") in öre: 0, or -1 when it is no amount. */
int impact_parse_sek(const char *text, long long *ore);

/* Read a proposal file: "committee;activity;change in SEK[;text]" per
 * line, an optional header line (a line whose change is not an amount, on
 * the first line only).  *changes is allocated (free() it).  0, or -1 with
 * the file, line and reason logged. */
int impact_read_proposal(const char *path, struct impact_change **changes, size_t *count);

/* Estimate the changes and write the outputs.  Returns an exit status: 0,
 * 65 (a change the database refused: too large, unknown activity, no
 * outcome to estimate from), 69 (the database), 73 (an output file). */
int impact_estimate(PGconn *conn, const struct impact_options *o,
                    const struct impact_change *changes, size_t count);

/* "-150000012" (öre) -> "-1 500 000,12" (Swedish) or "-1,500,000.12";
 * a decimal "12.5" with ore = false -> "12,5" / "12.5".  NULL or "" -> "–". */
void impact_format(const char *number, bool ore, bool english, char *out, size_t size);

#endif
