/*
 * migrate.h — the numbered schema migrations and their application.
 *
 * The SQL of schemas/NNN_name.sql is compiled into the binary (see
 * tools/embed.c).  migrate_apply() applies the missing ones in order, each
 * in its own transaction, and records each in etl.schema_version with its
 * SHA-256; running it again changes nothing.  An advisory lock keeps two
 * concurrent "gbetl init" runs from racing.
 */
#ifndef GBETL_MIGRATE_H
#define GBETL_MIGRATE_H

#include <libpq-fe.h>

struct migration {
	int version;      /* NNN of the file name */
	const char *name; /* file name */
	const char *sql;
};

extern const struct migration migrations[];
extern const int migration_count;

/* Apply missing migrations.  *applied receives how many were applied now.
 * Returns 0 or -1 (logged; the failed migration rolled back). */
int migrate_apply(PGconn *conn, int *applied);

/* Highest applied version, 0 for an empty database, -1 on error. */
int migrate_current_version(PGconn *conn);

#endif
