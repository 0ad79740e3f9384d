/*
 * cmd_load.c — "gbetl load": a canonical stream into PostgreSQL.
 */
#include "command.h"
#include "config.h"
#include "db.h"
#include "exitcode.h"
#include "load.h"
#include "session.h"
#include "log.h"
#include "stream.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "gbetl load — load a canonical stream as one all-or-nothing batch\n\n"
    "Usage:\n  gbetl load [OPTION]... [FILE|-]\n\n"
    "Reads the stream \"gbetl extract\" writes (from FILE, or standard input) and\n"
    "loads it in one transaction.  The stream must end with its GBETL-END\n"
    "trailer and its counts must match what arrived: a truncated stream (an\n"
    "extract killed, a broken pipe) never commits.  The same file of the same\n"
    "source is loaded once while its batch is live.  A stream without records,\n"
    "or one that would shrink a month it replaces, is not loaded (the source\n"
    "definition's allow_empty and replace_min_ratio apply when sources_dir has\n"
    "it).  Nor is one with more rejects than the source definition's\n"
    "reject_max_count or reject_max_ratio (else gbetl.conf's) allow;\n"
    "\"gbetl status --rejects BATCH\" lists them.\n";

static const char notes[] =
    "Exit status: 0 loaded or already loaded; 1 not loaded (too many rejects, no\n"
    "records, a shrinking month, database error); 2 usage; 65 a truncated or\n"
    "malformed stream, or the batch touches a closed fiscal year; 69 database\n"
    "unreachable; 75 another command that changes data holds the lock; 77 the\n"
    "database role lacks a privilege; 78 bad configuration, or a stream made with\n"
    "another key than the one the database was loaded with.\n";

static bool force;
static const char *path = "-";
static int fd = -1;

static const struct parse_option options[] = {
    OPT_FLAG(0, "force", &force,
             "accept a replacing stream that shrinks a month (the batch\n"
             "records that it was forced)"),
    OPT_END(),
};

/* The stream is opened before the session: a missing file is 66. */
static int check(int argc, char **argv, unsigned *needs)
{
	(void)needs;
	if (argc > 1) {
		log_error("too many arguments: \"%s\"", argv[1]);
		return EXIT_USAGE;
	}
	if (argc == 1)
		path = argv[0];
	if (strcmp(path, "-") == 0) {
		fd = STDIN_FILENO;
		return EXIT_OK;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		return EXIT_OK;
	log_error("could not open file \"%s\": %s", path, strerror(errno));
	return EXIT_NOINPUT;
}

static int run(struct session *session, int argc, char **argv)
{
	struct load_policy policy = {0.5, false, false, -1, -1};
	struct loader *l = NULL;
	int status = EXIT_OK, read_rc;

	(void)argc;
	(void)argv;
	policy.force = force;
	l = loader_new(session->conn, session->cfg.municipality_code);
	/* the configuration's limits; the source's, when it sets its own */
	policy.reject_max_ratio = session->cfg.reject_max_ratio;
	policy.reject_max_count = session->cfg.reject_max_count;
	loader_set_policy(l, &policy);
	loader_set_sources_dir(l, session->cfg.sources_dir);
	read_rc = stream_read(fd, strcmp(path, "-") == 0 ? "standard input" : path, loader_sink(l));
	if (read_rc != 0)
		loader_abort(l, "the stream was truncated or malformed");
	if (read_rc == STREAM_MALFORMED) {
		/* the reader has said what is wrong, in one line */
		status = EXIT_DATAERR;
		goto out;
	}
	switch (loader_outcome(l)) {
	case LOAD_LOADED:
		log_info("stream \"%s\" loaded as batch %lld: %lld rows", path, loader_batch_id(l),
		         loader_rows(l));
		break;
	case LOAD_ALREADY_LOADED:
		log_info("stream \"%s\": the file is already loaded (batch %lld): nothing to do",
		         path, loader_batch_id(l));
		break;
	case LOAD_REFUSED:
		status = loader_key_differs(l) ? EXIT_CONFIG : EXIT_DATAERR;
		break;
	default:
		status = loader_connection_lost(l) ? EXIT_UNAVAILABLE : EXIT_ATTENTION;
		log_error("stream \"%s\" was not loaded: %s", path,
		          loader_message(l) ? loader_message(l) : "see the messages above");
		if (loader_outcome(l) == LOAD_REJECTED && loader_batch_id(l) > 0)
			log_hint("The rejects: \"gbetl status --rejects %lld\".",
			         loader_batch_id(l));
		break;
	}
out:
	loader_free(l);
	if (fd > STDIN_FILENO)
		close(fd);
	return status;
}

const struct command command_load = {"load", "load a canonical stream as one all-or-nothing batch",
                                     usage,  options,
                                     notes,  SESSION_CHANGES,
                                     check,  run};
