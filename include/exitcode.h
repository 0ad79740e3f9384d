/*
 * exitcode.h — gbetl's exit statuses, part of its interface (gbetl(1)).
 *
 * Cron and systemd act on these.  Only main() and cmd_*() choose one;
 * exit_status.c holds the policy they choose by: which of two statuses is
 * the more serious, and what a failed SQL statement's SQLSTATE means.
 */
#ifndef GBETL_EXITCODE_H
#define GBETL_EXITCODE_H

enum gbetl_exit {
	EXIT_OK = 0,           /* success */
	EXIT_ATTENTION = 1,    /* finished, but something needs attention */
	EXIT_USAGE = 2,        /* bad command line */
	EXIT_DATAERR = 65,     /* EX_DATAERR: bad input data */
	EXIT_NOINPUT = 66,     /* EX_NOINPUT: an input file is missing */
	EXIT_UNAVAILABLE = 69, /* EX_UNAVAILABLE: database unreachable */
	EXIT_SOFTWARE = 70,    /* EX_SOFTWARE: internal error */
	EXIT_OSERR = 71,       /* EX_OSERR: out of memory, fork failed */
	EXIT_CANTCREAT = 73,   /* EX_CANTCREAT: cannot write an output */
	EXIT_IOERR = 74,       /* EX_IOERR: read or write error */
	EXIT_TEMPFAIL = 75,    /* EX_TEMPFAIL: another run holds the lock */
	EXIT_NOPERM = 77,      /* EX_NOPERM: the database role lacks a privilege */
	EXIT_CONFIG = 78,      /* EX_CONFIG: bad configuration */
};

#include <stdbool.h>

/* How serious a status is, from 0 (EXIT_OK) up:
 *   0 < 1 attention < 65 data < 66 no input < 73 cannot create < 74 I/O
 *     < 75 try again < 77 no permission < 78 configuration
 *     < 69 database unavailable
 *     < 71 operating system < 70 internal error < 2 usage;
 * a status not in the list ranks above them all.  A run that ends with
 * several problems exits with the one cron most needs to see: whatever
 * stops every later file (no database, a bad configuration) above what
 * one file did. */
int exit_status_rank(int status);

/* The more serious of two exit statuses (exit_status_rank()). */
int exit_status_worse(int a, int b);

/* What a data exception (SQLSTATE class 22) of a statement is about: the
 * values the user gave it (a change, a month, a snapshot's name: bad input,
 * 65), or the data already stored (an allocation that overflows: the
 * command finished but the data needs attention, 1). */
enum sql_values { SQL_VALUES_STORED, SQL_VALUES_GIVEN };

/* The exit status of a failed SQL statement, by its SQLSTATE ("" or NULL
 * when there is none), whether the connection has gone and what its
 * values are:
 *   connection gone, class 08 (connection exception), 57P01-57P03
 *   (the server shut down or is starting), class 53 (insufficient
 *   resources: disk full, out of memory, too many connections), 25006
 *   (read-only transaction: a standby, or a database set read-only)
 *                                                          -> EXIT_UNAVAILABLE
 *   55P03 (lock not available), 40001 (serialization failure),
 *   40P01 (deadlock)                                       -> EXIT_TEMPFAIL
 *   42501 (insufficient privilege: the role may not do this) -> EXIT_NOPERM
 *   55000 (object not in prerequisite state: the year is closed, not
 *   closed, not allocated)                                 -> EXIT_DATAERR
 *   class 22 (data exception)       -> EXIT_DATAERR for SQL_VALUES_GIVEN,
 *                                      EXIT_ATTENTION for SQL_VALUES_STORED
 *   anything else                                          -> EXIT_ATTENTION */
int exit_status_of_sqlstate(const char *sqlstate, bool connection_lost, enum sql_values values);

#endif
