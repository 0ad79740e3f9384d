/*
 * session.h — what a command needs to work: the configuration, a connection
 * to the database, and for the commands that change data (import, load,
 * run, allocate, close-year...), the run lock.  The dispatcher opens it from
 * the command table's needs (command.h) and closes it after the command.
 *
 * session_load_config() and session_connect() return the exit status to give when it fails — 78 bad
 * configuration, 69 database unreachable, 75 another run holds the lock —
 * having logged why, or EXIT_OK.  session_close() releases everything and
 * may be called after a failed open, and on a session never opened that is
 * zeroed.
 */
#ifndef GBETL_SESSION_H
#define GBETL_SESSION_H

#include <libpq-fe.h>
#include <stdbool.h>

#include "config.h"

/* What a command needs; the flags combine. */
enum session_needs {
	SESSION_CONFIG = 1,      /* the configuration (the built-in defaults without a file) */
	SESSION_CONFIG_FILE = 2, /* the configuration, from a file that must exist */
	SESSION_DB = 4,          /* a connection (-d/--dbname, else libpq's defaults) */
	SESSION_LOCK = 8,        /* the run lock too, shown by the command's name */
	SESSION_SCHEMA = 16,     /* gbetl's schema, as this gbetl's init makes it
	                            (migrate_require_current()) */
	SESSION_CHANGES = SESSION_CONFIG_FILE | SESSION_DB | SESSION_SCHEMA | SESSION_LOCK,
};

struct session {
	struct gbetl_config cfg;
	PGconn *conn;
	bool have_config;
	bool locked;
};

/* Open in two steps, so that a command may look at its input with the
 * configuration before it connects (command.h): first the configuration
 * (zeroes s first), then the connection and the lock.  needs: SESSION_*
 * flags; lock_what: the name the lock holder is shown by ("import",
 * "run"), used with SESSION_LOCK. */
int session_load_config(struct session *s, unsigned needs);
int session_connect(struct session *s, unsigned needs, const char *lock_what);
void session_close(struct session *s);

#endif
