/*
 * cmd_import.c — "gbetl import": extract and load files, one batch each.
 */
#include "command.h"
#include "db.h"
#include "exitcode.h"
#include "importer.h"
#include "keyprint.h"
#include "log.h"
#include "regular_file.h"
#include "pseudonym.h"
#include "session.h"
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "gbetl import — extract and load export files, one batch per file\n\n"
    "Usage:\n  gbetl import --source NAME [OPTION]... FILE...\n\n"
    "Reads each FILE as the source definition NAME.conf says and loads it into\n"
    "PostgreSQL as one all-or-nothing batch (one transaction): readers see the\n"
    "old data or the new, never half a file.  A file already loaded (same\n"
    "SHA-256, same source) is skipped and recorded as \"already loaded\".  A file\n"
    "with more rejects than the source allows, or touching a closed fiscal year,\n"
    "loads nothing, and so does a file without records (unless the source says\n"
    "allow_empty = yes).  A file of a source with replace = period supersedes\n"
    "the source's earlier rows in the calendar months it has records in; it is\n"
    "refused when a replaced month would keep fewer than replace_min_ratio\n"
    "(default 0.5) of its rows, unless --force is given.  Only one command that\n"
    "changes data works at a time.\n";

static const char notes[] =
    "Exit status: 0 every file loaded or already loaded; 1 a file failed, had too\n"
    "many rejects, had no records or would shrink a month; 2 usage; 65 a file\n"
    "touches a closed year or is not a regular file (a link, FIFO, device or\n"
    "directory); 69 database unreachable; 75 another command that changes data\n"
    "holds the lock; 77 the database role lacks a privilege; 78 bad\n"
    "configuration, or a key that differs from the one the database was loaded\n"
    "with.\n";

static const char *source_name, *sources_dir;
static bool force;

static const struct parse_option options[] = {
    OPT_STRING('s', "source", &source_name, "NAME", "the source definition"),
    OPT_FLAG(0, "force", &force,
             "accept a replacing file that shrinks a month (the\n"
             "batch records that it was forced)"),
    OPT_STRING(0, "sources", &sources_dir, "DIR",
               "where source definitions are (default: sources_dir)"),
    OPT_END(),
};

static int check(int argc, char **argv, unsigned *needs)
{
	(void)argv;
	(void)needs;
	return source_operands(source_name, argc, false);
}

static int run(struct session *session, int argc, char **argv)
{
	struct source_def def;
	struct pseudonym_key *key;
	int i, status, r;

	status = command_source(&session->cfg, sources_dir, source_name, false, &def, &key);
	if (status != EXIT_OK)
		return status;
	if (key) {
		/* the key the database was loaded with, and no other */
		r = keyprint_check_key(session->conn, key, session->cfg.key_file, true);
		if (r != 0) {
			status = r > 0 ? EXIT_CONFIG : db_exit_status(session->conn);
			goto out;
		}
	}
	for (i = 0; i < argc; i++) {
		struct import_result res;
		int fd;

		if (access(argv[i], R_OK) != 0) {
			log_error("could not read file \"%s\": %s", argv[i], strerror(errno));
			status = exit_status_worse(status, EXIT_ATTENTION);
			continue;
		}
		/* only a regular file: a FIFO, device, directory or link is refused
		 * before anything is read (a FIFO would block) */
		fd = regular_file_open(argv[i], false);
		if (fd < 0) {
			status = exit_status_worse(status, EXIT_DATAERR);
			continue;
		}
		close(fd);
		import_file(session->conn, &session->cfg, &def, key, argv[i], force, &res);
		status = exit_status_worse(status, res.exit_status);
		if (res.exit_status == EXIT_UNAVAILABLE)
			break;
	}
out:
	pseudonym_key_free(key);
	source_free(&def);
	return status;
}

const struct command command_import = {
    "import", "extract and load export files, one batch per file",
    usage,    options,
    notes,    SESSION_CHANGES,
    check,    run};
