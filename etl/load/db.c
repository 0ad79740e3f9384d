/*
 * db.c — libpq connection and query helpers (see db.h).
 */
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* libpq prints notices (e.g. "schema already exists, skipping") to stderr by
 * default; route them through the log at debug level instead. */
static void notice_processor(void *arg, const char *message)
{
	(void)arg;
	log_debug("server: %s", message);
}

PGconn *db_connect(const char *conninfo)
{
	const char *keywords[] = {"dbname", "fallback_application_name", NULL};
	const char *values[] = {conninfo, "gbetl", NULL};
	PGconn *conn;
	PGresult *res;

	if (conninfo == NULL) {
		keywords[0] = "fallback_application_name";
		values[0] = "gbetl";
		keywords[1] = NULL;
		values[1] = NULL;
	}
	conn = PQconnectdbParams(keywords, values, 1);
	if (conn == NULL) {
		log_error("could not connect to database: out of memory");
		return NULL;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		log_error("could not connect to database: %s", PQerrorMessage(conn));
		PQfinish(conn);
		return NULL;
	}
	PQsetNoticeProcessor(conn, notice_processor, NULL);
	res = PQexec(conn, "SELECT pg_catalog.set_config('search_path', '', false)");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		log_error("could not clear search_path: %s", PQerrorMessage(conn));
		PQclear(res);
		PQfinish(conn);
		return NULL;
	}
	PQclear(res);
	return conn;
}

void db_close(PGconn *conn)
{
	if (conn)
		PQfinish(conn);
}

/* What the failures logged so far say of the whole database, not of one
 * statement: a privilege refused (EXIT_NOPERM) or a server that cannot
 * take the work now (EXIT_UNAVAILABLE: read-only, disk full), the worse of
 * them; EXIT_OK when none did.  gbetl never tries a statement it expects to
 * fail, so one such failure makes the command's failure one of these
 * (db_exit_status()). */
static int database_failure = EXIT_OK;

int db_log_failure(PGconn *conn, const PGresult *res, const char *context)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	const char *hint = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_HINT) : NULL;
	int status = exit_status_of_sqlstate(db_sqlstate(res), false, SQL_VALUES_STORED);

	if (status != EXIT_NOPERM && status != EXIT_UNAVAILABLE)
		status = EXIT_OK;
	database_failure = exit_status_worse(database_failure, status);
	if (db_connection_lost(conn)) {
		log_error("%s: lost the connection to the database: %s", context,
		          PQerrorMessage(conn));
		return EXIT_UNAVAILABLE;
	}
	if (primary == NULL)
		primary = PQerrorMessage(conn);
	log_error("%s: %s", context, primary);
	if (detail)
		log_detail("%s", detail);
	if (hint)
		log_hint("%s", hint);
	return status;
}

void db_log_result_error(PGconn *conn, const PGresult *res, const char *context)
{
	bool hinted = res && PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);

	if (db_log_failure(conn, res, context) == EXIT_NOPERM && !hinted)
		log_hint(
		    "Grant the login \"%s\" the gbetl role its work needs, as a superuser or the "
		    "database owner: GRANT gbetl_loader TO \"%s\" for the nightly job, or "
		    "gbetl_finance to allocate, close and reopen years.",
		    PQuser(conn), PQuser(conn));
}

int db_exec(PGconn *conn, const char *sql)
{
	return db_command(conn, sql, 0, NULL);
}

PGresult *db_query(PGconn *conn, const char *sql, int nparams, const char *const *params)
{
	PGresult *res = PQexecParams(conn, sql, nparams, NULL, params, NULL, NULL, 0);
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	db_log_result_error(conn, res, "query failed");
	log_debug("the failing statement: %.200s", sql);
	PQclear(res);
	return NULL;
}

int db_command(PGconn *conn, const char *sql, int nparams, const char *const *params)
{
	PGresult *res = db_query(conn, sql, nparams, params);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

char *db_query_value(PGconn *conn, const char *sql, int nparams, const char *const *params,
                     bool *error)
{
	PGresult *res = db_query(conn, sql, nparams, params);
	char *value = NULL;

	*error = res == NULL;
	if (res && PQntuples(res) > 0 && !PQgetisnull(res, 0, 0))
		value = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	return value;
}

const char *db_sqlstate(const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	return s ? s : "";
}

bool db_connection_lost(PGconn *conn)
{
	return conn == NULL || PQstatus(conn) == CONNECTION_BAD;
}

int db_exit_status(PGconn *conn)
{
	if (!db_connection_lost(conn) && database_failure != EXIT_OK)
		return database_failure;
	return exit_status_of_sqlstate(NULL, db_connection_lost(conn), SQL_VALUES_STORED);
}

int db_exit_status_of(PGconn *conn, const PGresult *res, enum sql_values values)
{
	return exit_status_of_sqlstate(db_sqlstate(res), db_connection_lost(conn), values);
}

int db_apply_settings(PGconn *conn, int suppress_below)
{
	char value[16];
	const char *params[1] = {value};
	bool error;
	char *has, *same = NULL;
	int rc = 0;

	snprintf(value, sizeof(value), "%d", suppress_below);
	has = db_query_value(
	    conn, "SELECT pg_catalog.to_regproc('result.set_suppress_below') IS NOT NULL", 0, NULL,
	    &error);
	if (error || has == NULL || strcmp(has, "t") != 0)
		goto out; /* not initialised (yet): nothing to apply */
	same = db_query_value(conn, "SELECT result.suppress_below() = $1::int", 1, params, &error);
	if (error) {
		rc = -1;
		goto out;
	}
	if (same && strcmp(same, "t") == 0)
		goto out;
	rc = db_command(conn, "SELECT result.set_suppress_below($1::int)", 1, params);
	if (rc == 0)
		log_info("the suppression threshold of the reporting views is now %d",
		         suppress_below);
out:
	if (error)
		rc = -1;
	free(has);
	free(same);
	return rc;
}
