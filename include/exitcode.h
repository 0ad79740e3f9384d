/*
 * exitcode.h — gbetl's exit statuses, part of its interface (gbetl(1)).
 *
 * Cron and systemd act on these.  Only main() and cmd_*() choose one.
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
	EXIT_CONFIG = 78,      /* EX_CONFIG: bad configuration */
};

#endif
