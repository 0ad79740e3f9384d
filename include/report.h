/*
 * report.h — the tables and the report of a fiscal year.
 *
 * report_write() reads the reporting views (suppressed small counts, frozen
 * figures for closed years) and writes into dir: gbetl-YYYY-kommun.csv and
 * gbetl-YYYY-sammanfattning.csv (the municipality and its committees by
 * cost; both unless one committee is asked for), gbetl-YYYY-COMMITTEE.csv
 * per committee, gbetl-YYYY-avstamning.csv (reconciliation),
 * gbetl-YYYY-fordelning.csv (the breakdowns: report_detail.h),
 * gbetl-YYYY-budget.csv (budget against outcome, when a budget is loaded:
 * report_budget.h) and
 * gbetl-YYYY.html (self-contained, SVG charts, for a phone, a screen and
 * A4 paper).  CSV in Excel style (BOM, ';', decimal comma, labels in the
 * report's language) or plain RFC 4180 (the database's codes in the
 * cells); labels in Swedish or English.  municipality_name (gbetl.conf) is
 * the name in the title; NULL or "" gives "Kommun CODE".
 * Returns an exit status: 0, 1 (no allocation for the year), 69, 73.
 */
#ifndef GBETL_REPORT_H
#define GBETL_REPORT_H

#include <libpq-fe.h>
#include <stdbool.h>

int report_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                 bool english, bool excel, const char *municipality_name);

#endif
