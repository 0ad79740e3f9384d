/*
 * lock.h — one command that changes data at a time: a PostgreSQL advisory
 * lock, taken by import, load, run, allocate, mappings, close-year and
 * reopen-year.  result.close_year(), result.reopen_year() and
 * result.allocate_year() also take it for their transaction
 * (pg_advisory_xact_lock on the same key), so a call from SQL waits for a
 * running import instead of interleaving with it.
 *
 * The lock is a session-level advisory lock on a fixed key, so it is held
 * exactly as long as the connection and is released by the server when the
 * process dies, even by kill -9.  The connection's application_name names
 * the process ("gbetl import (pid 1234)"), so a second process can say who
 * holds the lock.
 */
#ifndef GBETL_LOCK_H
#define GBETL_LOCK_H

#include <libpq-fe.h>

/* Name this connection "gbetl WHAT (pid N)" for pg_stat_activity. */
void lock_set_application_name(PGconn *conn, const char *what);

/* Take the lock without waiting: 0 taken; 1 held by another (logged, naming
 * the holder: exit status 75); -1 error (logged). */
int lock_take(PGconn *conn);
void lock_release(PGconn *conn);

#endif
