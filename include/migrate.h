/*
 * migrate.h — the schema: numbered migrations and repeatable files, and
 * their application (schemas/README.md).
 *
 * The SQL of schemas/NNN_name.sql (migrations: tables, columns, constraints,
 * roles, data) and of schemas/functions/NN_name.sql and
 * schemas/views/NN_name.sql (repeatable: every function, trigger and view,
 * in its current form), and the data dictionary schemas/dictionary.tsv (the
 * COMMENTs of the tables, views and columns, applied last through
 * etl.describe()), are compiled into the binary (see tools/embed.c).
 *
 * migrate_apply() does nothing when every migration is recorded in
 * etl.schema_version and every repeatable file in etl.schema_repeatable
 * with its SHA-256.  Otherwise, in one transaction, it drops every view,
 * trigger function's trigger and function of gbetl's schemas, applies the
 * missing migrations in order, re-creates the functions and views from the
 * repeatable files (all of them, in the order of their names), applies the
 * data dictionary and records what it applied; a failure leaves the
 * database as it was.  An advisory lock keeps two concurrent "gbetl init"
 * runs from racing.
 */
#ifndef GBETL_MIGRATE_H
#define GBETL_MIGRATE_H

#include <libpq-fe.h>

struct migration {
	int version;      /* NNN (NN for a repeatable file) of the file name */
	const char *name; /* file name; "functions/NN_x.sql" for a repeatable */
	const char *sql;
};

extern const struct migration migrations[];
extern const int migration_count;
extern const struct migration repeatables[]; /* ends with {0, NULL, NULL} */
extern const int repeatable_count;

/* Apply missing migrations and changed repeatable files (logged).
 * *applied receives how many migrations were applied now.  Returns 0 or -1
 * (logged; nothing applied). */
int migrate_apply(PGconn *conn, int *applied);

/* Highest applied version, 0 for an empty database, -1 on error. */
int migrate_current_version(PGconn *conn);

/* Whether the database has gbetl's schema as this gbetl's init makes it:
 * every migration applied, none newer, and the functions and views of this
 * gbetl's repeatable files.  0; 1 when not (said, with what to do: run
 * gbetl init, or use the newer gbetl); -1 on error (logged).  Every command
 * but init checks it before it works (SESSION_SCHEMA), so that a database
 * never init'ed, or a gbetl installed without its init, is said as such
 * instead of failing on a missing table or running old SQL. */
int migrate_require_current(PGconn *conn);

/* True when an applied migration's recorded SHA-256 is one that a released
 * gbetl wrote for that version (the text of migrations 001-018 was
 * rewritten when their functions and views moved to repeatable files, and
 * again when their COMMENTs moved to the data dictionary). */
int migrate_released_checksum(int version, const char *hex);

#endif
