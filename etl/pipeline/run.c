/*
 * run.c — the inbox of the nightly run (see run.h).
 */
#include "run.h"
#include "exitcode.h"
#include "db.h"
#include "importer.h"
#include "keyprint.h"
#include "log.h"
#include "pnr_scan.h"
#include "pseudonym.h"
#include "source.h"
#include "strbuf.h"
#include "xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* A name that says the file is still being written (or is not an export). */
static bool temporary_name(const char *name)
{
	static const char *const endings[] = {".part", ".tmp", ".filepart", ".reason"};
	size_t len = strlen(name), i;

	if (name[0] == '.')
		return true;
	for (i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
		size_t n = strlen(endings[i]);

		if (len > n && strcmp(name + len - n, endings[i]) == 0)
			return true;
	}
	return false;
}

static int filter(const struct dirent *e)
{
	return strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
}

/* Seconds since the file last changed, or -1 when it changed in the future
 * (a clock that went back): both mean "not settled" to the caller. */
static long long age_of(const struct stat *st)
{
	time_t now = time(NULL);

	return st->st_mtime > now ? -1 : (long long)(now - st->st_mtime);
}

static const char *kind_of(mode_t mode)
{
	if (S_ISLNK(mode))
		return "a symbolic link";
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	if (S_ISSOCK(mode))
		return "a socket";
	return "not a regular file";
}

/* Move inbox/name to dir/name (the entry itself: a symlink is moved, not
 * followed), never overwriting: an existing name gets a timestamp suffix.
 * Writes dir/name.reason when reason is given.  0, or -1 with the error in
 * err (logged). */
static int move_file(const char *inbox, const char *dir, const char *name, const char *reason,
                     char *err, size_t err_size)
{
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	struct stat st;
	int rc = 0;

	strbuf_addf(&from, "%s/%s", inbox, name);
	strbuf_addf(&to, "%s/%s", dir, name);
	if (lstat(to.buf, &st) == 0) {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), ".%Y%m%dT%H%M%S", &tm);
		strbuf_addstr(&to, stamp);
	}
	if (rename(from.buf, to.buf) != 0) {
		snprintf(err, err_size, "%s", strerror(errno));
		log_error("could not move \"%s\" to \"%s\": %s", from.buf, to.buf, err);
		rc = -1;
	} else if (reason) {
		/* the file is moved; a missing reason beside it is only logged */
		FILE *f;
		char shown[512];
		bool ok;

		pnr_scan_mask_str(reason, shown, sizeof(shown)); /* no identity number in clear */
		strbuf_addstr(&to, ".reason");
		f = fopen(to.buf, "w");
		ok = f != NULL && fprintf(f, "%s\n", shown) >= 0;
		if (f != NULL && fclose(f) != 0)
			ok = false;
		if (!ok)
			log_error("could not write \"%s\": %s", to.buf, strerror(errno));
	}
	strbuf_release(&from);
	strbuf_release(&to);
	return rc;
}

/* Move a file out of the inbox; when that fails the run needs attention
 * and the file is listed in etl.unmoved_file for gbetl status. */
static void set_aside(PGconn *conn, const struct gbetl_config *cfg, struct run_summary *s,
                      struct run_file *f, bool archive, const char *reason)
{
	const char *dir = archive ? cfg->archive_dir : cfg->failed_dir;
	char err[256];
	char shown[512];
	const char *params[3] = {shown, dir, err};

	if (move_file(cfg->inbox_dir, dir, f->name, reason, err, sizeof(err)) == 0)
		return;
	pnr_scan_mask_str(f->name, shown, sizeof(shown)); /* a file name may hold a number */
	s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
	snprintf(f->move_error, sizeof(f->move_error), "could not be moved to %s: %s", dir, err);
	if (!db_connection_lost(conn))
		db_command(
		    conn,
		    "INSERT INTO etl.unmoved_file (file_name, wanted_dir, error) VALUES ($1, "
		    "$2, $3) ON CONFLICT (file_name) DO UPDATE SET wanted_dir = $2, error = "
		    "$3, noted_at = pg_catalog.now()",
		    3, params);
}

/* Whether the login may load files (gbetl_loader's INSERT on etl.batch):
 * 1, 0 (said, with the GRANT that is missing), or -1 (logged). */
static int may_load(PGconn *conn)
{
	bool error;
	char *v = db_query_value(
	    conn, "SELECT pg_catalog.has_table_privilege('etl.batch', 'INSERT')", 0, NULL, &error);
	int may = error ? -1 : v && strcmp(v, "t") == 0;

	free(v);
	if (may == 0) {
		log_error("the login \"%s\" may not load files: the files stay in the inbox",
		          PQuser(conn));
		log_hint(
		    "The nightly job's login needs the role gbetl_loader: as a superuser or the "
		    "database owner run GRANT gbetl_loader TO \"%s\".",
		    PQuser(conn));
	}
	return may;
}

/* Whether a failure is the whole database's (a privilege refused, a server
 * that cannot take files): the run stops, the files stay in the inbox. */
static bool stops_run(int status)
{
	return status == EXIT_NOPERM || status == EXIT_UNAVAILABLE;
}

/* Why a file was left in the inbox when the run stopped at it. */
static void stopped_at(struct run_file *f, int status)
{
	snprintf(f->status, sizeof(f->status), "failed");
	snprintf(f->reason, sizeof(f->reason), "%s",
	         status == EXIT_NOPERM ? "The login lacks a privilege (see the hint above); this "
	                                 "and the remaining files were left in the inbox."
	                               : "The database cannot take files now (see the error "
	                                 "above); this and the remaining files were left in "
	                                 "the inbox.");
}

int run_inbox(PGconn *conn, const struct gbetl_config *cfg, struct run_summary *s)
{
	struct dirent **entries = NULL;
	struct pseudonym_key *key = NULL;
	bool key_tried = false, key_bad = false, key_differs = false;
	int n, i;

	memset(s, 0, sizeof(*s));
	i = may_load(conn);
	if (i != 1) {
		s->exit_status = i == 0 ? EXIT_NOPERM : db_exit_status(conn);
		return -1;
	}
	n = scandir(cfg->inbox_dir, &entries, filter, alphasort);
	if (n < 0) {
		log_error("could not open the inbox \"%s\": %s", cfg->inbox_dir, strerror(errno));
		s->exit_status = EXIT_CONFIG;
		return -1;
	}
	/* the list is of this run's files: what an earlier run could not move is
	 * tried again below */
	db_command(conn, "DELETE FROM etl.unmoved_file", 0, NULL);
	s->files = xcalloc((size_t)n + 1, sizeof(*s->files));
	for (i = 0; i < n; i++) {
		struct run_file *f = &s->files[s->count];
		struct strbuf path = STRBUF_INIT;
		struct import_result res;
		struct source_def def;
		struct stat st;
		int found;

		if (temporary_name(entries[i]->d_name)) {
			s->waiting++;
			continue;
		}
		strbuf_addf(&path, "%s/%s", cfg->inbox_dir, entries[i]->d_name);
		if (lstat(path.buf, &st) != 0) {
			strbuf_release(&path);
			continue; /* gone since the directory was read */
		}
		snprintf(f->name, sizeof(f->name), "%s", entries[i]->d_name);
		f->coverage_pct = -1;
		if (!S_ISREG(st.st_mode)) {
			/* nothing of it is opened or read: it is moved as it is */
			s->count++;
			snprintf(f->status, sizeof(f->status), "not a file");
			snprintf(f->reason, sizeof(f->reason), "not a regular file");
			log_error("\"%s\" in the inbox is %s, not a regular file: set aside",
			          f->name, kind_of(st.st_mode));
			set_aside(conn, cfg, s, f, false, f->reason);
			s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
			strbuf_release(&path);
			continue;
		}
		if (age_of(&st) < 0 || age_of(&st) < cfg->settle_seconds) {
			/* perhaps still being written: the next run takes it */
			log_info("file \"%s\" changed %llds ago (settle_seconds %d): left for the "
			         "next run",
			         f->name, age_of(&st), cfg->settle_seconds);
			s->waiting++;
			strbuf_release(&path);
			continue;
		}
		s->count++;
		found = source_find_for_file(cfg->sources_dir, f->name, &def);
		if (found != 1) {
			snprintf(f->status, sizeof(f->status), "no source");
			snprintf(f->reason, sizeof(f->reason), "%s",
			         found == 0
			             ? "No source definition's file_pattern matches this file name."
			             : "A source definition could not be read (see the log).");
			log_error("file \"%s\": %s", f->name, f->reason);
			set_aside(conn, cfg, s, f, false, f->reason);
			s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
			strbuf_release(&path);
			continue;
		}
		config_apply_source_defaults(cfg, &def);
		snprintf(f->source, sizeof(f->source), "%s", def.name);
		if (def.kind == KIND_SERVICE && !key_tried) {
			key_tried = true;
			key = pseudonym_key_load(cfg->key_file);
			if (key == NULL) /* missing, unreadable or readable by others: said */
				s->exit_status = exit_status_worse(s->exit_status, EXIT_CONFIG);
			if (key) {
				int r = keyprint_check_key(conn, key, cfg->key_file, true);
				int status = r > 0 ? EXIT_CONFIG : db_exit_status(conn);

				if (r != 0) {
					key_bad = true;
					key_differs = r > 0;
					s->exit_status = exit_status_worse(s->exit_status, status);
				}
				if (r < 0 && stops_run(status)) {
					s->count++;
					stopped_at(f, status);
					source_free(&def);
					strbuf_release(&path);
					break;
				}
			}
		}
		if (def.kind == KIND_SERVICE && (key == NULL || key_bad)) {
			snprintf(f->status, sizeof(f->status), "failed");
			snprintf(f->reason, sizeof(f->reason), "%s",
			         key == NULL
			             ? "The pseudonymisation key could not be read; the file "
			               "was not read."
			         : key_differs
			             ? "The key differs from the one this database was loaded "
			               "with; the file was not read."
			             : "The key could not be compared with the database's (see "
			               "the log); the file was not read.");
			s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
			source_free(&def);
			strbuf_release(&path);
			continue; /* leave it in the inbox for the next night */
		}
		import_file(conn, cfg, &def, key, path.buf, false, &res);
		f->read = res.read;
		f->rows = res.rows;
		f->rejected = res.rejected;
		f->coverage_pct = res.coverage_pct;
		f->seconds = res.seconds;
		snprintf(f->status, sizeof(f->status), "%s", load_outcome_name(res.outcome));
		snprintf(f->reason, sizeof(f->reason), "%s", res.message);
		if (res.changed) {
			/* still being written after all: the next run takes it whole */
			snprintf(f->status, sizeof(f->status), "waiting");
			snprintf(
			    f->reason, sizeof(f->reason),
			    "It changed while it was read; left in the inbox for the next run.");
			s->waiting++;
			source_free(&def);
			strbuf_release(&path);
			continue;
		}
		s->exit_status = exit_status_worse(s->exit_status, res.exit_status);
		if (stops_run(res.exit_status)) {
			/* leave this and the remaining files in the inbox */
			stopped_at(f, res.exit_status);
			source_free(&def);
			strbuf_release(&path);
			break;
		}
		if (res.outcome == LOAD_LOADED || res.outcome == LOAD_ALREADY_LOADED)
			set_aside(conn, cfg, s, f, true, NULL);
		else
			set_aside(conn, cfg, s, f, false,
			          res.message[0] ? res.message : "The file could not be loaded.");
		source_free(&def);
		strbuf_release(&path);
	}
	for (i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	pseudonym_key_free(key);
	return 0;
}

int run_list_waiting(const struct gbetl_config *cfg, FILE *out)
{
	struct dirent **entries = NULL;
	int n, i, listed = 0;

	n = scandir(cfg->inbox_dir, &entries, filter, alphasort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		struct strbuf path = STRBUF_INIT;
		struct source_def def;
		struct stat st;
		char why[128], shown[512];
		int found = 0;

		strbuf_addf(&path, "%s/%s", cfg->inbox_dir, name);
		if (lstat(path.buf, &st) != 0) {
			strbuf_release(&path);
			continue;
		}
		if (temporary_name(name))
			snprintf(why, sizeof(why), "a temporary name: still being written");
		else if (!S_ISREG(st.st_mode))
			snprintf(why, sizeof(why), "%s: the next run sets it aside",
			         kind_of(st.st_mode));
		else if (age_of(&st) < 0 || age_of(&st) < cfg->settle_seconds)
			snprintf(why, sizeof(why), "changed %llds ago: still being written?",
			         age_of(&st));
		else if ((found = source_find_for_file(cfg->sources_dir, name, &def)) == 0)
			snprintf(why, sizeof(why),
			         "no source's file_pattern matches: the next run sets it aside");
		else
			snprintf(why, sizeof(why), "waiting for the next run");
		if (found == 1)
			source_free(&def);
		if (listed++ == 0)
			fprintf(out, "  %-40s %s\n", "file", "state");
		pnr_scan_mask_str(name, shown, sizeof(shown)); /* a file name may hold a number */
		fprintf(out, "  %-40s %s\n", shown, why);
		strbuf_release(&path);
	}
	for (i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	if (listed == 0)
		fprintf(out, "  (none)\n");
	return listed;
}

void run_print_summary(const struct run_summary *s, FILE *out)
{
	size_t i;

	if (s->count == 0) {
		fprintf(out, "inbox: no new files\n");
		if (s->waiting)
			fprintf(out,
			        "inbox: %d file(s) still being written, left for the next run\n",
			        s->waiting);
		return;
	}
	fprintf(out, "%-28s %-14s %10s %10s %8s %9s %-15s %7s\n", "file", "source", "read", "rows",
	        "rejects", "coverage", "status", "seconds");
	for (i = 0; i < s->count; i++) {
		const struct run_file *f = &s->files[i];
		char coverage[16] = "-", name[512];

		if (f->coverage_pct >= 0)
			snprintf(coverage, sizeof(coverage), "%.1f %%", f->coverage_pct);
		pnr_scan_mask_str(f->name, name, sizeof(name)); /* a file name may hold a number */
		fprintf(out, "%-28.28s %-14.14s %10lld %10lld %8lld %9s %-15s %7.2f\n", name,
		        f->source[0] ? f->source : "-", f->read, f->rows, f->rejected, coverage,
		        f->status, f->seconds);
		if (f->reason[0] && strcmp(f->status, "loaded") != 0)
			fprintf(out, "    %s\n", f->reason);
		if (f->move_error[0])
			fprintf(out, "    %s\n", f->move_error);
	}
	if (s->waiting)
		fprintf(out, "inbox: %d file(s) still being written, left for the next run\n",
		        s->waiting);
}

void run_summary_free(struct run_summary *s)
{
	free(s->files);
	memset(s, 0, sizeof(*s));
}
