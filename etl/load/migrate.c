/*
 * migrate.c — apply the embedded schema migrations in order (see migrate.h).
 */
#include "migrate.h"
#include "db.h"
#include "digest.h"
#include "log.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Arbitrary, fixed key for pg_advisory_lock while migrating. */
#define MIGRATE_LOCK_KEY "4711001"

int migrate_current_version(PGconn *conn)
{
	bool error;
	char *v;
	int version = 0;

	v = db_query_value(conn, "SELECT pg_catalog.to_regclass('etl.schema_version') IS NOT NULL",
	                   0, NULL, &error);
	if (error)
		return -1;
	if (v && strcmp(v, "t") == 0) {
		free(v);
		v = db_query_value(conn, "SELECT coalesce(max(version), 0) FROM etl.schema_version",
		                   0, NULL, &error);
		if (error)
			return -1;
		version = v ? atoi(v) : 0;
	}
	free(v);
	return version;
}

/* Warn when an applied migration's text differs from the one compiled in:
 * someone edited a released migration, which must never happen. */
static void check_applied_checksums(PGconn *conn)
{
	PGresult *res;
	int i, j;

	res = db_query(conn, "SELECT version, checksum FROM etl.schema_version", 0, NULL);
	if (res == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		int version = atoi(PQgetvalue(res, i, 0));

		for (j = 0; j < migration_count; j++) {
			char hex[SHA256_HEX_LEN + 1];

			if (migrations[j].version != version)
				continue;
			digest_buffer_hex(migrations[j].sql, strlen(migrations[j].sql), hex);
			if (strcmp(hex, PQgetvalue(res, i, 1)) != 0)
				log_warning("migration \"%s\" differs from the one applied to this "
				            "database",
				            migrations[j].name);
		}
	}
	PQclear(res);
}

/* A migration refused for lack of a privilege (SQLSTATE 42501): say which
 * privilege gbetl init needs and how the administrator grants it. */
static void hint_privilege(PGconn *conn, const PGresult *res)
{
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);

	if (strcmp(db_sqlstate(res), "42501") != 0)
		return;
	if (primary && (strstr(primary, "CREATEROLE") || strstr(primary, "create role") ||
	                strstr(primary, "grant role") || strstr(primary, "admin option")))
		log_hint(
		    "gbetl init creates the roles gbetl_loader, gbetl_finance and gbetl_analyst, "
		    "which needs the CREATEROLE attribute: as a superuser run ALTER ROLE \"%s\" "
		    "CREATEROLE, or run gbetl init once as a superuser.",
		    PQuser(conn));
	else
		log_hint(
		    "gbetl init creates its schemas in the database, which needs its owner: as a "
		    "superuser run ALTER DATABASE \"%s\" OWNER TO \"%s\", or run gbetl init "
		    "once as a superuser.",
		    PQdb(conn), PQuser(conn));
}

/*
 * Roles belong to the whole cluster, not to one database, so the advisory
 * lock (which is per database) does not keep two "gbetl init"s of two
 * databases of one cluster from creating or granting the same role at the
 * same moment; the loser gets a unique violation (23505), "already exists"
 * (42710) or "tuple concurrently updated" (XX000).  Its transaction is
 * rolled back whole, and the migration, which creates a role only when it
 * is missing, is tried again.
 */
static bool lost_a_race_for_a_role(const PGresult *res)
{
	const char *state = db_sqlstate(res);

	return strcmp(state, "23505") == 0 || strcmp(state, "42710") == 0 ||
	       strcmp(state, "XX000") == 0;
}

static int apply_one(PGconn *conn, const struct migration *m)
{
	char hex[SHA256_HEX_LEN + 1], version[16];
	const char *params[3];
	PGresult *res;
	int attempt = 0;

	digest_buffer_hex(m->sql, strlen(m->sql), hex);
again:
	if (db_exec(conn, "BEGIN") != 0)
		return -1;
	/* The migration text may hold several statements: simple query protocol. */
	res = PQexec(conn, m->sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK &&
	    lost_a_race_for_a_role(res) && ++attempt < 5) {
		PQclear(res);
		PQclear(PQexec(conn, "ROLLBACK"));
		usleep(100000 * (unsigned)attempt);
		goto again;
	}
	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK) {
		char context[200];

		snprintf(context, sizeof(context), "could not apply migration \"%s\"", m->name);
		db_log_result_error(conn, res, context);
		hint_privilege(conn, res);
		PQclear(res);
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	PQclear(res);
	snprintf(version, sizeof(version), "%d", m->version);
	params[0] = version;
	params[1] = m->name;
	params[2] = hex;
	if (db_command(
	        conn,
	        "INSERT INTO etl.schema_version (version, name, checksum) VALUES ($1, $2, $3)", 3,
	        params) != 0) {
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	if (db_exec(conn, "COMMIT") != 0)
		return -1;
	log_info("applied migration \"%s\"", m->name);
	return 0;
}

int migrate_apply(PGconn *conn, int *applied)
{
	int current, i, rc = -1;

	*applied = 0;
	if (db_exec(conn, "SELECT pg_catalog.pg_advisory_lock(" MIGRATE_LOCK_KEY ")") != 0)
		return -1;
	current = migrate_current_version(conn);
	if (current < 0)
		goto out;
	if (current > 0)
		check_applied_checksums(conn);
	for (i = 0; i < migration_count; i++) {
		if (migrations[i].version <= current)
			continue;
		if (apply_one(conn, &migrations[i]) != 0)
			goto out;
		(*applied)++;
	}
	rc = 0;
out:
	if (!db_connection_lost(conn))
		PQclear(PQexec(conn, "SELECT pg_catalog.pg_advisory_unlock(" MIGRATE_LOCK_KEY ")"));
	return rc;
}
