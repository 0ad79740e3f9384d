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

/* Interim follow-up (gbetl report --through-month M): the budget through
 * month M against the outcome through month M by sex, per committee and
 * version (result.budget_outcome_through), into dir as
 * gbetl-YYYY-budget-mMM.csv and gbetl-YYYY-budget-mMM.html.  Returns an exit
 * status: 0 written, 1 no budget for the year, 65 refused (the ledger
 * reaches past month M), 69 the database, 73 a file. */
int report_budget_interim(PGconn *conn, const char *municipality, const char *year,
                          const char *committee, int month, const char *cost_basis, bool english,
                          bool excel, const char *dir);

#endif
