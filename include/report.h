/*
 * report.h — the tables and the report of a fiscal year.
 *
 * report_write() reads the reporting views (suppressed small counts, frozen
 * figures for closed years) and writes into dir: gbetl-YYYY-kommun.csv
 * (unless one committee is asked for), gbetl-YYYY-COMMITTEE.csv per
 * committee, gbetl-YYYY-avstamning.csv (reconciliation), gbetl-YYYY-budget.csv
 * (budget against outcome, when a budget is loaded: report_budget.h) and gbetl-YYYY.html
 * (self-contained, SVG charts, prints on A4).  CSV in Excel style (BOM, ';',
 * decimal comma) or plain RFC 4180; labels in Swedish or English.
 * Returns an exit status: 0, 1 (no allocation for the year), 69, 73.
 */
#ifndef GBETL_REPORT_H
#define GBETL_REPORT_H

#include <libpq-fe.h>
#include <stdbool.h>

int report_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                 bool english, bool excel);

#endif
