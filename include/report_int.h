/*
 * report_int.h — what the parts of the report share (report.c reads the
 * views, report_csv.c and report_html.c write): the figures of one year as
 * result sets, with the columns of each named.  Internal to report*.c.
 */
#ifndef GBETL_REPORT_INT_H
#define GBETL_REPORT_INT_H

#include "report_labels.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

/* r->alloc: one row per committee and activity, committees by cost. */
enum acol {
	A_COMMITTEE,
	A_COMMITTEE_NAME,
	A_ACTIVITY,
	A_ACTIVITY_NAME,
	A_METHOD,
	A_COST_BASIS,
	A_TOTAL,
	A_WOMEN,
	A_MEN,
	A_UNKNOWN,
	A_NOT_INDIVIDUAL,
	A_UNALLOCATED,
	A_REC_WOMEN,
	A_REC_MEN,
	A_SUPPRESSED,
	A_VOL_WOMEN,
	A_VOL_MEN,
	A_UNIT,
	A_CPR_WOMEN,
	A_CPR_MEN,
	A_VPR_WOMEN,
	A_VPR_MEN,
	A_CPU_WOMEN,
	A_CPU_MEN,
	A_POP_WOMEN,
	A_POP_MEN,
	A_CPI_WOMEN,
	A_CPI_MEN,
	A_SHARE,
	A_POP_SHARE,
	A_INDEX,
	A_BAND,
	A_CLOSED,
	A_SHARE_CHANGE,
	A_COST_CHANGE,
	A_YEAR,
	A_OTHER,
	A_TARGET,
	A_STD_SHARE,
	A_TARGET_MET
};

/* r->committees: one row per committee, by cost. */
enum ccol {
	C_COMMITTEE,
	C_NAME,
	C_TOTAL,
	C_WOMEN,
	C_MEN,
	C_UNKNOWN,
	C_NOT_INDIVIDUAL,
	C_UNALLOCATED,
	C_OTHER,
	C_SHARE,
	C_BAND,
	C_SHARE_CHANGE
};

/* r->muni: the whole municipality, one row (none when --committee). */
enum mcol {
	M_TOTAL,
	M_WOMEN,
	M_MEN,
	M_UNKNOWN,
	M_NOT_INDIVIDUAL,
	M_UNALLOCATED,
	M_SHARE,
	M_POP_WOMEN,
	M_POP_MEN,
	M_POP_SHARE,
	M_CPI_WOMEN,
	M_CPI_MEN,
	M_SHARE_CHANGE,
	M_PCT_WOMEN,
	M_PCT_MEN,
	M_PCT_UNKNOWN,
	M_PCT_NOT_INDIVIDUAL,
	M_PCT_UNALLOCATED,
	M_CODE,
	M_BAND,
	M_OTHER
};

/* r->status: open or closed (one row). */
enum scol { S_CLOSED, S_VERSION, S_CLOSED_AT, S_CLOSED_BY, S_DATA_AS_OF, S_COMPUTED_AT };

/* r->years: women's share per committee ("" = the municipality) and year. */
enum ycol { Y_COMMITTEE, Y_YEAR, Y_SHARE };

/* r->need: per committee and activity with recipients, the crude and the
 * age-standardised women's share and the target (reporting.allocation_need);
 * by committee and activity. */
enum ncol {
	N_COMMITTEE,
	N_ACTIVITY,
	N_TARGET,
	N_SHARE,
	N_SHARE_STANDARDISED,
	N_TOLERANCE,
	N_TARGET_MET
};

struct report {
	PGconn *conn;
	const char *year, *committee, *dir;
	const char *municipality_name; /* never NULL: the configured name or "Kommun CODE" */
	bool english, excel;
	int threshold; /* counts from 1 to threshold - 1 are hidden */
	char today[11];
	PGresult *alloc, *committees, *muni, *status, *years, *rec, *quality;
	PGresult *detail; /* the breakdowns, report_detail.h's enum dcol */
	PGresult *need;
	/* one row: cost_basis, direct_remainder, mapping set, its SHA-256, loaded */
	PGresult *basis;
	bool failed; /* a part of the HTML could not be read from the database */
};

/* The text of a cell, or NULL for SQL NULL. */
const char *report_value(PGresult *res, int row, int col);
bool report_true(PGresult *res, int row, int col);
/* The name a reader sees for a committee or activity (unmapped ones get a
 * label, never the code). */
const char *report_committee_name(const struct report *r, PGresult *res, int row, int code_col,
                                  int name_col);
const char *report_activity_name(const struct report *r, int row);

/* report_csv.c: the CSV tables; 0 or -1 (logged). */
int report_csv_allocation(struct report *r, const char *committee, const char *path);
int report_csv_summary(struct report *r, const char *path);
int report_csv_reconciliation(struct report *r, const char *path);

/* report_html.c: the whole HTML document into f. */
void report_html(struct report *r, FILE *f);

/* report_html.c: the tables of the document, for its parts written
 * elsewhere.  A table (with a heading when caption is not NULL; heads: n
 * column labels) in a box that scrolls on a narrow screen; a cell with a
 * number formatted as how asks (".." when hidden by the disclosure rule,
 * "–" when there is no figure); a cell with text ("–" for none). */
enum fmt { F_MONEY, F_ORE, F_PCT, F_PP, F_COUNT, F_DEC1, F_DEC2 };
void html_table_open(FILE *f, const struct report *r, const char *caption, const enum label *heads,
                     size_t n);
void html_table_close(FILE *f);
void html_num_td(FILE *f, const struct report *r, const char *v, enum fmt how, bool hidden);
void html_text_td(FILE *f, const char *v);
/* A column of a table's row of numbers: its column in the result and how
 * it is formatted. */
struct num_col {
	int col;
	enum fmt how;
};
/* The number cells (html_num_td) of columns cols[0..n-1] of row row of res,
 * in that order. */
void html_num_tds(FILE *f, const struct report *r, PGresult *res, int row,
                  const struct num_col *cols, size_t n, bool hidden);

/* report_html_detail.c: a committee's breakdowns by age band and district
 * (r->detail, r->need) as a part of its section of the HTML document (id
 * "dINDEX", INDEX as the section's "cINDEX"); nothing when the committee
 * has no activity with recipients. */
void report_html_detail(FILE *f, const struct report *r, const char *committee, int index);

#endif
