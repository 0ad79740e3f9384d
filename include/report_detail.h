/*
 * report_detail.h — the breakdowns of a fiscal year's allocation as a table.
 *
 * report_detail_write() reads reporting.allocation_detail (small counts
 * hidden, frozen figures for closed years) and writes dir/gbetl-YYYY-
 * fordelning.csv: per committee and activity its cost broken down by age
 * band, district and unit (cost centre), with recipients, women's share,
 * population and cost per inhabitant.  Hidden cells are not listed one by
 * one: each breakdown shows them together in its row "övriga (dolda)", so
 * the rows of a breakdown still sum to the activity's row.  CSV style and
 * labels as report.h.  0; -1 the file could not be written; -2 the view
 * could not be read (both logged).
 */
#ifndef GBETL_REPORT_DETAIL_H
#define GBETL_REPORT_DETAIL_H

#include <libpq-fe.h>
#include <stdbool.h>

int report_detail_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                        bool english, bool excel);

#endif
