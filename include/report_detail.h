/*
 * report_detail.h — the breakdowns of a fiscal year's allocation, as the
 * CSV table and the HTML report show them.
 *
 * report_detail_rows() is the one reading of reporting.allocation_detail
 * (small counts hidden, frozen figures for closed years; never result.*)
 * that both outputs use: per committee and activity its cost broken down by
 * age band, district and unit (cost centre), with recipients, women's
 * share, population and cost per inhabitant.  Hidden cells are not listed
 * one by one: each breakdown shows them together in its row "övriga
 * (dolda)", so the rows of a breakdown still sum to the activity's row.
 * The view hides a second cell beside a single hidden one, so that row
 * always stands for two cells or more and no hidden count equals the row's
 * count less the cells shown.  Rows by committee, activity, breakdown, age
 * bands youngest first, the other cells by name, "övriga" last.  The
 * result set's columns are enum dcol; NULL when the view could not be read
 * (logged).
 *
 * report_detail_write() writes those rows to dir/gbetl-YYYY-fordelning.csv
 * (CSV style and labels as report.h); 0, or -1 when the file could not be
 * written (logged).
 *
 * report_detail_cell() and report_detail_dimension() give a cell's and a
 * breakdown's name in the report's language ("övriga (dolda)" is "others
 * (hidden)" in English); a cell named by the data (a district, a cost
 * centre, an age band) is returned as it is.  report_detail_unknown() is
 * true for a breakdown's cell of records without an age, a district or a
 * unit (okänd ålder, okänt område, okänd enhet).
 */
#ifndef GBETL_REPORT_DETAIL_H
#define GBETL_REPORT_DETAIL_H

#include <libpq-fe.h>
#include <stdbool.h>

enum dcol {
	D_YEAR,
	D_COMMITTEE,
	D_ACTIVITY,
	D_ACTIVITY_NAME,
	D_DIMENSION,
	D_CELL,
	D_TARGET,
	D_TOTAL,
	D_WOMEN,
	D_MEN,
	D_UNKNOWN,
	D_NOT_INDIVIDUAL,
	D_UNALLOCATED,
	D_REC_WOMEN,
	D_REC_MEN,
	D_SHARE,
	D_POP_WOMEN,
	D_POP_MEN,
	D_CPI_WOMEN,
	D_CPI_MEN,
	D_SUPPRESSED,
	D_COLUMNS
};

/* The name of the row of hidden cells, as the view writes it. */
#define REPORT_DETAIL_OTHERS "övriga (dolda)"

PGresult *report_detail_rows(PGconn *conn, const char *year, const char *committee);
int report_detail_write(PGresult *rows, const char *year, const char *dir, bool english,
                        bool excel);
const char *report_detail_cell(const char *cell, bool english);
const char *report_detail_dimension(const char *dimension, bool english);
bool report_detail_unknown(const char *cell);

#endif
