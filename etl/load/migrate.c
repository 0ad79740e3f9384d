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

/* Warn when an applied migration's text differs from the one compiled in
 * and from every text a release applied: someone edited a released
 * migration, which must never happen. */
static void check_applied_checksums(PGconn *conn)
{
	PGresult *res;
	int i, j;

	res = db_query(conn, "SELECT version, checksum FROM etl.schema_version", 0, NULL);
	if (res == NULL)
		return;
	for (i = 0; i < PQntuples(res); i++) {
		int version = atoi(PQgetvalue(res, i, 0));
		const char *recorded = PQgetvalue(res, i, 1);

		for (j = 0; j < migration_count; j++) {
			char hex[SHA256_HEX_LEN + 1];

			if (migrations[j].version != version)
				continue;
			digest_buffer_hex(migrations[j].sql, strlen(migrations[j].sql), hex);
			if (strcmp(hex, recorded) != 0 &&
			    !migrate_released_checksum(version, recorded))
				log_warning("migration \"%s\" differs from the one applied to this "
				            "database",
				            migrations[j].name);
		}
	}
	PQclear(res);
}

/*
 * True when a repeatable file is not recorded in etl.schema_repeatable with
 * the checksum of its text, or a recorded one is no longer compiled in; -1
 * on error.  Before migration 016 there is no record: everything is stale.
 */
static int repeatables_stale(PGconn *conn)
{
	PGresult *res;
	bool error;
	char *exists;
	int i, j, stale = 0;

	exists = db_query_value(
	    conn, "SELECT pg_catalog.to_regclass('etl.schema_repeatable') IS NOT NULL", 0, NULL,
	    &error);
	if (error)
		return -1;
	stale = exists == NULL || strcmp(exists, "t") != 0;
	free(exists);
	if (stale)
		return 1;
	res = db_query(conn, "SELECT name, checksum FROM etl.schema_repeatable", 0, NULL);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != repeatable_count)
		stale = 1;
	for (i = 0; i < repeatable_count && !stale; i++) {
		char hex[SHA256_HEX_LEN + 1];

		digest_buffer_hex(repeatables[i].sql, strlen(repeatables[i].sql), hex);
		for (j = 0; j < PQntuples(res); j++)
			if (strcmp(PQgetvalue(res, j, 0), repeatables[i].name) == 0)
				break;
		if (j == PQntuples(res) || strcmp(PQgetvalue(res, j, 1), hex) != 0)
			stale = 1;
	}
	PQclear(res);
	return stale;
}

/* The owner of gbetl's schemas (of etl), or NULL before the first init. */
static char *schema_owner(PGconn *conn)
{
	bool error;

	return db_query_value(conn,
	                      "SELECT pg_catalog.pg_get_userbyid(nspowner) FROM "
	                      "pg_catalog.pg_namespace WHERE nspname = 'etl'",
	                      0, NULL, &error);
}

/* A migration refused for lack of a privilege (SQLSTATE 42501): say which
 * privilege gbetl init needs and how the administrator grants it, or, in a
 * database gbetl's schemas are in already, as whom to run it. */
static void hint_privilege(PGconn *conn, const PGresult *res)
{
	const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	char *owner = NULL;

	if (exit_status_of_sqlstate(db_sqlstate(res), false, SQL_VALUES_STORED) != EXIT_NOPERM)
		return;
	if (primary && (strstr(primary, "CREATEROLE") || strstr(primary, "create role") ||
	                strstr(primary, "grant role") || strstr(primary, "admin option")))
		log_hint(
		    "gbetl init creates the roles gbetl_loader, gbetl_finance and gbetl_analyst, "
		    "which needs the CREATEROLE attribute: as a superuser run ALTER ROLE \"%s\" "
		    "CREATEROLE, or run gbetl init once as a superuser.",
		    PQuser(conn));
	else if ((owner = schema_owner(conn)) != NULL && strcmp(owner, PQuser(conn)) != 0)
		log_hint("gbetl's schemas in this database belong to \"%s\", who ran gbetl init "
		         "before: run it as that user (or as a superuser), not as \"%s\".",
		         owner, PQuser(conn));
	else
		log_hint(
		    "gbetl init creates its schemas in the database, which needs its owner: as a "
		    "superuser run ALTER DATABASE \"%s\" OWNER TO \"%s\", or run gbetl init "
		    "once as a superuser.",
		    PQdb(conn), PQuser(conn));
	free(owner);
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

/*
 * Drop what the repeatable files make: every view, every trigger whose
 * function is gbetl's, and every function of gbetl's schemas, each kind in
 * one statement (so that the objects may depend on each other) and without
 * CASCADE: anything else that depends on them (a user's view on a reporting
 * view, say) makes the statement fail, and init with it, changing nothing.
 */
static const char drop_repeatable_sql[] =
    "DO $$\n"
    "DECLARE\n"
    "    owned CONSTANT text[] := ARRAY['etl', 'core', 'mapping', 'result', 'reporting'];\n"
    "    objs text;\n"
    "    t record;\n"
    "BEGIN\n"
    "    SELECT string_agg(c.oid::regclass::text, ', ') INTO objs\n"
    "    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"
    "    WHERE c.relkind = 'v' AND n.nspname = ANY (owned);\n"
    "    IF objs IS NOT NULL THEN\n"
    "        EXECUTE 'DROP VIEW ' || objs;\n"
    "    END IF;\n"
    "    FOR t IN SELECT g.tgname, g.tgrelid::regclass AS tab\n"
    "             FROM pg_catalog.pg_trigger g JOIN pg_catalog.pg_proc p ON p.oid = g.tgfoid\n"
    "             JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"
    "             WHERE NOT g.tgisinternal AND n.nspname = ANY (owned) LOOP\n"
    "        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tab);\n"
    "    END LOOP;\n"
    "    SELECT string_agg(p.oid::regprocedure::text, ', ') INTO objs\n"
    "    FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"
    "    WHERE p.prokind = 'f' AND n.nspname = ANY (owned);\n"
    "    IF objs IS NOT NULL THEN\n"
    "        EXECUTE 'DROP FUNCTION ' || objs;\n"
    "    END IF;\n"
    "END\n"
    "$$";

/* Run one file's text (several statements: simple query protocol).  On
 * failure *failed keeps the result for the caller, who logs it. */
static int exec_file(PGconn *conn, const char *sql, PGresult **failed)
{
	PGresult *res = PQexec(conn, sql);
	ExecStatusType st = PQresultStatus(res);

	/* a migration of comments only is an empty query */
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY) {
		PQclear(res);
		return 0;
	}
	*failed = res;
	return -1;
}

static int record_migration(PGconn *conn, const struct migration *m)
{
	char hex[SHA256_HEX_LEN + 1], version[16];
	const char *params[3];

	digest_buffer_hex(m->sql, strlen(m->sql), hex);
	snprintf(version, sizeof(version), "%d", m->version);
	params[0] = version;
	params[1] = m->name;
	params[2] = hex;
	return db_command(
	    conn, "INSERT INTO etl.schema_version (version, name, checksum) VALUES ($1, $2, $3)", 3,
	    params);
}

static int record_repeatable(PGconn *conn, const struct migration *m)
{
	char hex[SHA256_HEX_LEN + 1];
	const char *params[2];

	digest_buffer_hex(m->sql, strlen(m->sql), hex);
	params[0] = m->name;
	params[1] = hex;
	return db_command(
	    conn, "INSERT INTO etl.schema_repeatable (name, checksum) VALUES ($1, $2)", 2, params);
}

/* The data dictionary (schemas/dictionary.tsv) is text, not SQL: its
 * lines become COMMENTs through etl.describe(), the file passed whole as
 * one parameter. */
static bool is_dictionary(const struct migration *m)
{
	size_t n = strlen(m->name);

	return n > 4 && strcmp(m->name + n - 4, ".tsv") == 0;
}

static int describe(PGconn *conn, const char *text, PGresult **failed)
{
	PGresult *res =
	    PQexecParams(conn, "SELECT etl.describe($1)", 1, NULL, &text, NULL, NULL, 0);

	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		PQclear(res);
		return 0;
	}
	*failed = res;
	return -1;
}

/* Run file m and record it (record_migration or record_repeatable); 0 or -1
 * (*failed keeps the result of a file that failed; a record that failed is
 * logged). */
static int apply_file(PGconn *conn, const struct migration *m,
                      int (*record)(PGconn *, const struct migration *), PGresult **failed)
{
	int rc =
	    is_dictionary(m) ? describe(conn, m->sql, failed) : exec_file(conn, m->sql, failed);

	if (rc != 0)
		return -1;
	return record(conn, m);
}

/*
 * The whole upgrade in one transaction: drop the repeatable objects, apply
 * the migrations after version current, re-create the repeatable objects and
 * record it all.  0, 1 when it lost a race for a role (rolled back: try
 * again), or -1 (logged, rolled back).
 */
static int apply_all(PGconn *conn, int current)
{
	PGresult *failed = NULL;
	const char *what = "drop the functions and views", *file = "";
	int i;

	if (db_exec(conn, "BEGIN") != 0)
		return -1;
	if (exec_file(conn, drop_repeatable_sql, &failed) != 0)
		goto fail;
	for (i = 0; i < migration_count; i++) {
		if (migrations[i].version <= current)
			continue;
		what = "migration ";
		file = migrations[i].name;
		if (apply_file(conn, &migrations[i], record_migration, &failed) != 0)
			goto fail;
	}
	if (db_exec(conn, "DELETE FROM etl.schema_repeatable") != 0)
		goto fail;
	for (i = 0; i < repeatable_count; i++) {
		what = "";
		file = repeatables[i].name;
		if (apply_file(conn, &repeatables[i], record_repeatable, &failed) != 0)
			goto fail;
	}
	return db_exec(conn, "COMMIT") == 0 ? 0 : -1;

fail:
	PQclear(PQexec(conn, "ROLLBACK"));
	if (failed == NULL) /* a statement of our own failed: logged already */
		return -1;
	if (lost_a_race_for_a_role(failed)) {
		PQclear(failed);
		return 1;
	}
	{
		char context[200];

		if (*file)
			snprintf(context, sizeof(context), "could not apply %s\"%s\"", what, file);
		else
			snprintf(context, sizeof(context), "could not %s", what);
		db_log_failure(conn, failed, context);
		hint_privilege(conn, failed);
	}
	PQclear(failed);
	return -1;
}

int migrate_require_current(PGconn *conn)
{
	int latest = migrations[migration_count - 1].version;
	int current = migrate_current_version(conn);
	int stale;

	if (current < 0)
		return -1;
	if (current == 0) {
		log_error("database \"%s\" has no gbetl schema", PQdb(conn));
		log_hint("Run gbetl init there first, as the user that is to own gbetl's schemas, "
		         "or name the right database (-d, PGDATABASE or PGSERVICE).");
		return 1;
	}
	if (current > latest) {
		log_error("database \"%s\" is at schema version %d, newer than this gbetl's %d",
		          PQdb(conn), current, latest);
		log_hint("Use the gbetl that upgraded it, or a newer one.");
		return 1;
	}
	stale = current < latest ? 1 : repeatables_stale(conn);
	if (stale <= 0)
		return stale;
	if (current < latest)
		log_error("database \"%s\" is at schema version %d, this gbetl needs %d",
		          PQdb(conn), current, latest);
	else
		log_error("the functions and views of database \"%s\" are not this gbetl's",
		          PQdb(conn));
	log_hint("Upgrade it with gbetl init, run as the owner of gbetl's schemas; nothing was "
	         "done.");
	return 1;
}

int migrate_apply(PGconn *conn, int *applied)
{
	int current, i, stale, attempt = 0, rc = -1;

	*applied = 0;
	if (db_exec(conn, "SELECT pg_catalog.pg_advisory_lock(" MIGRATE_LOCK_KEY ")") != 0)
		return -1;
	current = migrate_current_version(conn);
	if (current < 0)
		goto out;
	if (current > 0)
		check_applied_checksums(conn);
	stale = repeatables_stale(conn);
	if (stale < 0)
		goto out;
	for (i = 0; i < migration_count; i++)
		if (migrations[i].version > current)
			(*applied)++;
	if (*applied == 0 && !stale) {
		rc = 0;
		goto out;
	}
	while ((rc = apply_all(conn, current)) == 1 && ++attempt < 5)
		usleep(100000 * (unsigned)attempt);
	if (rc != 0) {
		if (rc == 1)
			log_error("could not create the roles: other databases' gbetl init kept "
			          "creating them at the same time");
		*applied = 0;
		rc = -1;
		goto out;
	}
	for (i = 0; i < migration_count; i++)
		if (migrations[i].version > current)
			log_info("applied migration \"%s\"", migrations[i].name);
	log_info("created the functions and views and applied the data dictionary (%d repeatable "
	         "files)",
	         repeatable_count);
out:
	if (!db_connection_lost(conn))
		PQclear(PQexec(conn, "SELECT pg_catalog.pg_advisory_unlock(" MIGRATE_LOCK_KEY ")"));
	return rc;
}
