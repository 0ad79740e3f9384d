/*
 * session.h — what a command needs to work on the database: the
 * configuration, a connection, and for the commands that change batches
 * (import, load, run), the run lock.
 *
 * session_open() returns the exit status to give when it fails — 78 bad
 * configuration, 69 database unreachable, 75 another run holds the lock —
 * having logged why, or EXIT_OK.  session_close() releases everything and
 * may be called after a failed open.
 */
#ifndef GBETL_SESSION_H
#define GBETL_SESSION_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "config.h"

struct session {
	struct gbetl_config cfg;
	PGconn *conn;
	bool locked;
};

/* lock_what: NULL for no lock, else the name the lock holder is shown by
 * ("import", "run"). */
int session_open(struct session *s, const char *lock_what);
void session_close(struct session *s);

#endif
