/*
 * run.c — the inbox of the nightly run (see run.h).
 */
#include "run.h"
#include "exitcode.h"
#include "importer.h"
#include "log.h"
#include "pnr_scan.h"
#include "pseudonym.h"
#include "session.h"
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

static bool wanted(const struct dirent *e)
{
	size_t len = strlen(e->d_name);

	if (e->d_name[0] == '.')
		return false;
	/* files still being written by convention end in .part or .tmp */
	if ((len > 5 && strcmp(e->d_name + len - 5, ".part") == 0) ||
	    (len > 4 && strcmp(e->d_name + len - 4, ".tmp") == 0) ||
	    (len > 7 && strcmp(e->d_name + len - 7, ".reason") == 0))
		return false;
	return true;
}

static int filter(const struct dirent *e)
{
	return wanted(e);
}

/* Move inbox/name to dir/name, never overwriting: an existing name gets a
 * timestamp suffix.  Writes dir/name.reason when reason is given. */
static int move_file(const char *inbox, const char *dir, const char *name, const char *reason)
{
	struct strbuf from = STRBUF_INIT, to = STRBUF_INIT;
	int rc = 0;

	strbuf_addf(&from, "%s/%s", inbox, name);
	strbuf_addf(&to, "%s/%s", dir, name);
	if (access(to.buf, F_OK) == 0) {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;

		localtime_r(&now, &tm);
		strftime(stamp, sizeof(stamp), ".%Y%m%dT%H%M%S", &tm);
		strbuf_addstr(&to, stamp);
	}
	if (rename(from.buf, to.buf) != 0) {
		log_error("could not move \"%s\" to \"%s\": %s", from.buf, to.buf, strerror(errno));
		rc = -1;
	} else if (reason) {
		FILE *f;
		char shown[512];

		pnr_scan_mask_str(reason, shown, sizeof(shown)); /* no identity number in clear */
		strbuf_addstr(&to, ".reason");
		f = fopen(to.buf, "w");
		if (f == NULL || fprintf(f, "%s\n", shown) < 0 || fclose(f) != 0) {
			log_error("could not write \"%s\": %s", to.buf, strerror(errno));
			rc = -1;
		}
	}
	strbuf_release(&from);
	strbuf_release(&to);
	return rc;
}

static void note_years(struct run_summary *s, PGconn *conn, long long batch_id)
{
	char id[32];
	const char *params[1] = {id};
	PGresult *res;
	int y0, y1, y, i;

	snprintf(id, sizeof(id), "%lld", batch_id);
	res = PQexecParams(conn,
	                   "SELECT extract(year FROM period_min)::int, extract(year FROM "
	                   "period_max)::int FROM etl.batch WHERE batch_id = $1 AND period_min IS "
	                   "NOT NULL",
	                   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		y0 = atoi(PQgetvalue(res, 0, 0));
		y1 = atoi(PQgetvalue(res, 0, 1));
		for (y = y0; y <= y1 && y - y0 < 10; y++) {
			for (i = 0; i < s->year_count; i++)
				if (s->years_changed[i] == y)
					break;
			if (i == s->year_count && s->year_count < 32)
				s->years_changed[s->year_count++] = y;
		}
	}
	PQclear(res);
}

int run_inbox(PGconn *conn, const struct gbetl_config *cfg, struct run_summary *s)
{
	struct dirent **entries = NULL;
	struct pseudonym_key *key = NULL;
	bool key_tried = false;
	int n, i;

	memset(s, 0, sizeof(*s));
	n = scandir(cfg->inbox_dir, &entries, filter, alphasort);
	if (n < 0) {
		log_error("could not open the inbox \"%s\": %s", cfg->inbox_dir, strerror(errno));
		s->exit_status = EXIT_CONFIG;
		return -1;
	}
	s->files = xcalloc((size_t)n + 1, sizeof(*s->files));
	for (i = 0; i < n; i++) {
		struct run_file *f = &s->files[s->count];
		struct strbuf path = STRBUF_INIT;
		struct import_result res;
		struct source_def def;
		struct stat st;
		int found;

		strbuf_addf(&path, "%s/%s", cfg->inbox_dir, entries[i]->d_name);
		if (stat(path.buf, &st) != 0 || !S_ISREG(st.st_mode)) {
			strbuf_release(&path);
			continue;
		}
		s->count++;
		snprintf(f->name, sizeof(f->name), "%s", entries[i]->d_name);
		f->coverage_pct = -1;
		found = source_find_for_file(cfg->sources_dir, f->name, &def);
		if (found != 1) {
			snprintf(f->status, sizeof(f->status), "no source");
			snprintf(f->reason, sizeof(f->reason), "%s",
			         found == 0
			             ? "No source definition's file_pattern matches this file name."
			             : "A source definition could not be read (see the log).");
			log_error("file \"%s\": %s", f->name, f->reason);
			move_file(cfg->inbox_dir, cfg->failed_dir, f->name, f->reason);
			s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
			strbuf_release(&path);
			continue;
		}
		snprintf(f->source, sizeof(f->source), "%s", def.name);
		if (def.kind == KIND_SERVICE && !key_tried) {
			key_tried = true;
			key = pseudonym_key_load(cfg->key_file);
		}
		if (def.kind == KIND_SERVICE && key == NULL) {
			snprintf(f->status, sizeof(f->status), "failed");
			snprintf(
			    f->reason, sizeof(f->reason),
			    "The pseudonymisation key could not be read; the file was not read.");
			s->exit_status = exit_status_worse(s->exit_status, EXIT_ATTENTION);
			source_free(&def);
			strbuf_release(&path);
			continue; /* leave it in the inbox for the next night */
		}
		import_file(conn, cfg, &def, key, path.buf, &res);
		f->read = res.read;
		f->rows = res.rows;
		f->rejected = res.rejected;
		f->coverage_pct = res.coverage_pct;
		f->seconds = res.seconds;
		snprintf(f->status, sizeof(f->status), "%s", load_outcome_name(res.outcome));
		snprintf(f->reason, sizeof(f->reason), "%s", res.message);
		s->exit_status = exit_status_worse(s->exit_status, res.exit_status);
		if (res.outcome == LOAD_LOADED)
			note_years(s, conn, res.batch_id);
		if (res.exit_status == EXIT_UNAVAILABLE) {
			/* leave this and the remaining files in the inbox */
			source_free(&def);
			strbuf_release(&path);
			break;
		}
		if (res.outcome == LOAD_LOADED || res.outcome == LOAD_ALREADY_LOADED)
			move_file(cfg->inbox_dir, cfg->archive_dir, f->name, NULL);
		else
			move_file(cfg->inbox_dir, cfg->failed_dir, f->name,
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

void run_print_summary(const struct run_summary *s, FILE *out)
{
	size_t i;

	if (s->count == 0) {
		fprintf(out, "inbox: no new files\n");
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
	}
}

void run_summary_free(struct run_summary *s)
{
	free(s->files);
	memset(s, 0, sizeof(*s));
}
