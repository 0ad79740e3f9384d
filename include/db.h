/*
 * db.h — the connection to PostgreSQL and small helpers around libpq.
 *
 * Connections follow libpq's conventions only: the -d value (a conninfo
 * string or URI) is passed with expand_dbname, everything unset falls back
 * to PG* variables and the service file.  After connecting, search_path is
 * emptied and all SQL is schema-qualified.  Values go through parameters,
 * never into the SQL text.  Errors are classified by SQLSTATE.
 *
 * All functions report failures through log.h and return NULL or -1; the
 * caller chooses the exit status, db_exit_status() helps.
 */
#ifndef GBETL_DB_H
#define GBETL_DB_H

#include <libpq-fe.h>

#include "exitcode.h"
#include <stdbool.h>

/* Connect using conninfo (may be NULL: libpq defaults).  On failure logs one
 * line ("could not connect to database: ...") and returns NULL. */
PGconn *db_connect(const char *conninfo);
void db_close(PGconn *conn);

/* Run a command without parameters; 0 or -1 (logged). */
int db_exec(PGconn *conn, const char *sql);

/* Run a statement with text parameters (NULL entries are SQL NULL).
 * Returns the result (caller PQclear()s) when the status is COMMAND_OK or
 * TUPLES_OK; otherwise logs the error and returns NULL. */
PGresult *db_query(PGconn *conn, const char *sql, int nparams, const char *const *params);

/* Like db_query for statements whose rows are not needed: 0 or -1. */
int db_command(PGconn *conn, const char *sql, int nparams, const char *const *params);

/* Return the single value of a one-row, one-column query as a malloc'd
 * string (NULL for SQL NULL, no rows, or an error; *error tells which). */
char *db_query_value(PGconn *conn, const char *sql, int nparams, const char *const *params,
                     bool *error);

/* Apply the configuration's settings that the database itself needs (today
 * the small-cell threshold suppress_below, result.setting) when the schema
 * has them and they differ.  0, or -1 (logged). */
int db_apply_settings(PGconn *conn, int suppress_below);

/* SQLSTATE of a failed result ("" when none). */
const char *db_sqlstate(const PGresult *res);

/* True when the connection has gone (server restart, network). */
bool db_connection_lost(PGconn *conn);

/* Exit status for a failed database step: EXIT_UNAVAILABLE when the
 * connection is gone; else, when a statement whose error db_log_failure()
 * logged (every failure of db_query() and of a migration) failed for a
 * reason of the whole database, that status (exit_status_of_sqlstate():
 * EXIT_NOPERM for a privilege refused, EXIT_UNAVAILABLE for a server that
 * is read-only or out of disk); otherwise EXIT_ATTENTION. */
int db_exit_status(PGconn *conn);

/* Exit status for a failed statement: by its SQLSTATE, the connection and
 * what its values are (exit_status_of_sqlstate(), exitcode.h). */
int db_exit_status_of(PGconn *conn, const PGresult *res, enum sql_values values);

/* Log a failed result in PostgreSQL style: the server's message, then its
 * DETAIL and HINT; the context names what gbetl was doing.  A statement
 * refused for lack of a privilege (42501) without a HINT of the server's
 * gets one that names the gbetl role to grant the login. */
void db_log_result_error(PGconn *conn, const PGresult *res, const char *context);

/* db_log_result_error() without the hint of gbetl's roles, for a caller
 * that gives a hint of its own (gbetl init: CREATEROLE, the owner).
 * Returns what the failure says of the whole database: EXIT_UNAVAILABLE
 * (the connection is gone, or the server cannot take writes), EXIT_NOPERM
 * (a privilege refused), else EXIT_OK. */
int db_log_failure(PGconn *conn, const PGresult *res, const char *context);

#endif
