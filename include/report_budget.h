/*
 * report_budget.h — the budget-against-outcome part of a year's report:
 * per committee and budget version, the budget by sex (at the reference
 * year's shares, docs/method.md) beside the outcome by sex and the
 * deviation (budget minus outcome), from reporting.budget_outcome (money
 * only: no counts of people).  Written only when a budget is loaded for the
 * year.  Kept apart from report.c so that either can change alone.
 */
#ifndef GBETL_REPORT_BUDGET_H
#define GBETL_REPORT_BUDGET_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

/* The HTML <section> into f (nothing without a budget).  0, or -1 when the
 * database failed (logged). */
int report_budget_html(PGconn *conn, const char *year, const char *committee, bool english,
                       FILE *f);

/* gbetl-YYYY-budget.csv at path: 0 written, 1 no budget for the year (no
 * file), -1 failed (logged). */
int report_budget_csv(PGconn *conn, const char *year, const char *committee, bool english,
                      bool excel, const char *path);

#endif
