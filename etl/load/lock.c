/*
 * lock.c — the advisory lock of every command that changes data (lock.h).
 */
#include "lock.h"
#include "db.h"
#include "log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pg_try_advisory_lock(bigint): classid 0, objid = the key, objsubid 1 */
#define RUN_LOCK_KEY "4711002"

void lock_set_application_name(PGconn *conn, const char *what)
{
	char name[64];
	const char *params[1] = {name};

	snprintf(name, sizeof(name), "gbetl %s (pid %ld)", what, (long)getpid());
	PQclear(PQexecParams(conn, "SELECT pg_catalog.set_config('application_name', $1, false)", 1,
	                     NULL, params, NULL, NULL, 0));
}

int lock_take(PGconn *conn)
{
	bool error;
	char *got = db_query_value(conn, "SELECT pg_catalog.pg_try_advisory_lock(" RUN_LOCK_KEY ")",
	                           0, NULL, &error);
	PGresult *res;

	if (error)
		return -1;
	if (got && strcmp(got, "t") == 0) {
		free(got);
		return 0;
	}
	free(got);
	res = db_query(conn,
	               "SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), "
	               "coalesce(a.client_addr::text, 'local'), "
	               "to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS') "
	               "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a USING (pid) "
	               "WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = " RUN_LOCK_KEY
	               " AND l.granted AND l.database = (SELECT oid FROM pg_catalog.pg_database "
	               "WHERE datname = pg_catalog.current_database())",
	               0, NULL);
	if (res && PQntuples(res) > 0) {
		log_error("another gbetl command that changes data is in progress: %s",
		          PQgetvalue(res, 0, 1));
		log_detail("It holds the lock since %s (server process %s, client %s).",
		           PQgetvalue(res, 0, 3), PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 2));
	} else {
		log_error("another gbetl command that changes data is in progress");
	}
	log_hint("Wait for it to finish and try again; this command changed nothing.");
	PQclear(res);
	return 1;
}

void lock_release(PGconn *conn)
{
	if (!db_connection_lost(conn))
		PQclear(PQexec(conn, "SELECT pg_catalog.pg_advisory_unlock(" RUN_LOCK_KEY ")"));
}
