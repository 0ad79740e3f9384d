/*
 * sie_voucher.h — one voucher of a SIE ledger (SIE 4 #VER, SIE 5
 * JournalEntry), held until it is complete so that it can be checked.
 *
 * The readers add one row per transaction with its field values; when the
 * voucher closes, sie_voucher_check() sums the amounts exactly in öre and
 * marks every row of an unbalanced voucher with the problem
 * "unbalanced_voucher" (or logs a warning, as the source says).  Rows are
 * then handed out as raw records.  Memory is bounded by the voucher.
 */
#ifndef GBETL_SIE_VOUCHER_H
#define GBETL_SIE_VOUCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "reader.h"
#include "strbuf.h"

#define SIE_MAX_VOUCHER_ROWS 100000

struct sie_row {
	long line;
	size_t off[FIELD_COUNT_ALL]; /* into data; (size_t)-1 = absent */
	const char *problem;
	int problem_field; /* enum field_id of the problem, or -1 for the row */
	char detail[200];
};

struct sie_voucher {
	char series[64], number[64];
	long line;
	struct sie_row *rows;
	size_t count, alloc, pos;
	struct strbuf data;
};

/* Empty the voucher for the next one (keeps its memory). */
void sie_voucher_reset(struct sie_voucher *v);
void sie_voucher_release(struct sie_voucher *v);
/* A new row at line; NULL when the voucher has SIE_MAX_VOUCHER_ROWS. */
struct sie_row *sie_voucher_add(struct sie_voucher *v, long line);
/* Set a field of a row (copied; NULL is ignored). */
void sie_voucher_put(struct sie_voucher *v, struct sie_row *r, int field, const char *value);
/* Mark a row's problem (the first one sticks). */
void sie_row_problem(struct sie_row *r, const char *code, const char *detail);
/* Sum the rows' amounts; an unbalanced voucher becomes problems on every
 * row (reject) or a warning naming path, series and number. */
void sie_voucher_check(struct sie_voucher *v, const char *path, bool reject);
/* Hand out the next row as a raw record: 1, or 0 when all are out. */
int sie_voucher_next(struct sie_voucher *v, const struct source_def *def, struct raw_record *rec);

/* "20240131" -> "2024-01-31"; other text unchanged. */
void sie_iso_date(const char *in, char out[16]);

#endif
