/*
 * fiscal_year.h — what is done to a whole fiscal year in the database:
 * close it (freeze its figures), reopen it, freeze an interim follow-up of
 * its budget, and write the reports of the years whose figures changed.
 * The work is SQL in the database (result.close_year(), reopen_year(),
 * snapshot_budget()); this module calls it and says what it did.
 *
 * Each function returns an exit status (exitcode.h) having logged why,
 * chosen from the SQLSTATE by exit_status_of_sqlstate(): EXIT_DATAERR when
 * the database refuses for the year's state (55000) or, for a snapshot, a
 * bad value given (class 22).
 */
#ifndef GBETL_FISCAL_YEAR_H
#define GBETL_FISCAL_YEAR_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "config.h"
#include "exitcode.h"

/*
 * Call a function of the year: the statement sql with its parameters.
 * The result (PGRES_TUPLES_OK; the caller clears it), or NULL with *status
 * set after logging "what: ..." by db_exit_status_of(): values says
 * whether a data exception is about the values the command was given
 * (SQL_VALUES_GIVEN, a snapshot's name and month) or the data stored.
 */
PGresult *fiscal_year_call(PGconn *conn, const char *sql, int nparams, const char *const *params,
                           const char *what, enum sql_values values, int *status);

/* Close the year and rewrite its reports from the frozen figures; with
 * accept_unmapped, also when cost is unmapped or unallocated (the close
 * records the amounts).  0, 1 (closed, reports not rewritten), 65, 69. */
int fiscal_year_close(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                      bool accept_unmapped);

/* Reopen a closed year, logged with the reason, and rewrite its reports. */
int fiscal_year_reopen(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                       const char *reason);

/* Freeze the budget against the outcome through month (1-12) under name;
 * the snapshot's figures per committee are printed to out (NULL: not). */
int fiscal_year_snapshot(PGconn *conn, const struct gbetl_config *cfg, const char *year,
                         const char *name, const char *month, FILE *out);

/* Write the reports of every year whose published figures changed since
 * its reports were written.  0, 69 or 73. */
int fiscal_year_report_pending(PGconn *conn, const struct gbetl_config *cfg);

#endif
