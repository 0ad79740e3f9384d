/*
 * demo.c — "gbetl demo": the sample municipality on a private PostgreSQL
 * (demo.h).
 */
#include "demo.h"
#include "cluster.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "spawn.h"
#include "strbuf.h"
#include "version.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct demo {
	const char *self; /* the gbetl binary each stage runs */
	struct private_cluster cluster;
	char config[PATH_MAX + 32];
	char mappings[PATH_MAX];
	char sample[PATH_MAX + 32];
	char inbox[PATH_MAX + 32];
	char archive[PATH_MAX + 32];
	char reports[PATH_MAX + 32];
	const char *inhabitants;
	int failures;
};

/* The default mappings: beside the source tree when run from it, else the
 * installed copy. */
static int find_mappings(const char *self, char *out, size_t size)
{
	char self_dir[PATH_MAX], probe[PATH_MAX + 64];
	const char *candidates[3];
	char *slash;
	int i;

	snprintf(self_dir, sizeof(self_dir), "%s", self);
	slash = strrchr(self_dir, '/');
	if (slash)
		*slash = '\0';
	candidates[0] = "mappings";
	snprintf(probe, sizeof(probe), "%s/../mappings", self_dir);
	candidates[1] = probe;
	candidates[2] = GBETL_DATADIR "/mappings";
	for (i = 0; i < 3; i++) {
		char test[PATH_MAX + 96];

		snprintf(test, sizeof(test), "%s/.", candidates[i]);
		if (access(test, F_OK) == 0 && realpath(candidates[i], out)) {
			(void)size;
			return 0;
		}
	}
	log_error("could not find the default mappings (directory \"mappings\")");
	log_hint("Run the demo from the source tree, or install gbetl.");
	return -1;
}

static int write_file_if_missing(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	size_t len = strlen(text);

	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	if (write(fd, text, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static int prepare_files(struct demo *d)
{
	const char *var = d->cluster.var_dir;
	struct strbuf conf = STRBUF_INIT;
	const char *dirs[] = {"inbox", "archive", "failed", "reports", NULL};
	char path[PATH_MAX + 32];
	int i, rc;

	for (i = 0; dirs[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", var, dirs[i]);
		if (mkdir(path, 0750) != 0 && errno != EEXIST) {
			log_error("could not create directory \"%s\": %s", path, strerror(errno));
			return -1;
		}
	}
	snprintf(d->config, sizeof(d->config), "%s/gbetl.conf", var);
	snprintf(d->sample, sizeof(d->sample), "%s/sample", var);
	snprintf(d->inbox, sizeof(d->inbox), "%s/inbox", var);
	snprintf(d->archive, sizeof(d->archive), "%s/archive", var);
	snprintf(d->reports, sizeof(d->reports), "%s/reports", var);
	strbuf_addf(&conf,
	            "# gbetl demo configuration (written by \"gbetl demo\")\n"
	            "municipality_code = 0999\n"
	            "key_file          = %s/pseudonym.key\n"
	            "mappings_dir      = %s\n"
	            "sources_dir       = %s/sources\n"
	            "inbox_dir         = %s/inbox\n"
	            "archive_dir       = %s/archive\n"
	            "failed_dir        = %s/failed\n"
	            "report_dir        = %s/reports\n"
	            "suppress_below    = 5\n"
	            "settle_seconds    = 0\n",
	            var, d->mappings, d->mappings, var, var, var, var);
	rc = write_file_if_missing(d->config, conf.buf, 0600);
	strbuf_release(&conf);
	if (rc != 0)
		log_error("could not write \"%s\": %s", d->config, strerror(errno));
	return rc;
}

/* Run "gbetl [-d CONNINFO] --config FILE ARGS..." and report the stage. */
static int stage(struct demo *d, const char *title, const char *const *args)
{
	char *argv[32];
	size_t n = 0, i;
	int rc;

	argv[n++] = (char *)d->self;
	argv[n++] = "--config";
	argv[n++] = d->config;
	argv[n++] = "-d";
	argv[n++] = d->cluster.conninfo;
	for (i = 0; args[i] && n < 31; i++)
		argv[n++] = (char *)args[i];
	argv[n] = NULL;
	printf("\n== %s: gbetl", title);
	for (i = 5; i < n; i++)
		printf(" %s", argv[i]);
	printf("\n");
	fflush(stdout);
	rc = spawn_wait(argv, NULL, NULL);
	if (rc != 0) {
		log_warning("stage \"%s\" ended with exit status %d", title, rc);
		d->failures++;
	}
	return rc;
}

/* Copy the sample's exports into the inbox, unless an earlier demo run has
 * already archived them. */
static int fill_inbox(struct demo *d)
{
	char src_dir[PATH_MAX + 48];
	struct dirent *e;
	DIR *dir;
	int copied = 0;

	snprintf(src_dir, sizeof(src_dir), "%s/inbox", d->sample);
	dir = opendir(src_dir);
	if (dir == NULL) {
		log_error("could not open directory \"%s\": %s", src_dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		char from[PATH_MAX * 2], to[PATH_MAX * 2], done[PATH_MAX * 2];
		char buf[1 << 16];
		ssize_t n;
		int in, out;

		if (e->d_name[0] == '.')
			continue;
		snprintf(from, sizeof(from), "%s/%s", src_dir, e->d_name);
		snprintf(to, sizeof(to), "%s/%s", d->inbox, e->d_name);
		snprintf(done, sizeof(done), "%s/%s", d->archive, e->d_name);
		if (access(done, F_OK) == 0 || access(to, F_OK) == 0)
			continue;
		in = open(from, O_RDONLY);
		out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0640);
		if (in < 0 || out < 0) {
			log_error("could not copy \"%s\" to the inbox: %s", from, strerror(errno));
			if (in >= 0)
				close(in);
			if (out >= 0)
				close(out);
			closedir(dir);
			return -1;
		}
		while ((n = read(in, buf, sizeof(buf))) > 0)
			if (write(out, buf, (size_t)n) != n)
				break;
		close(in);
		close(out);
		copied++;
	}
	closedir(dir);
	printf("\n== inbox: %d new file(s) from the sample municipality\n", copied);
	return 0;
}

/* The closing summary: the committees' figures for the latest year, if the
 * reporting schema has them, and how to look further. */
static void print_summary(struct demo *d)
{
	PGconn *conn = db_connect(d->cluster.conninfo);
	PGresult *res = NULL;
	bool error;
	char *has = NULL;
	int i;

	printf("\n== gbetl demo: done%s\n", d->failures ? " (some stages need attention)" : "");
	if (conn)
		has = db_query_value(
		    conn, "SELECT pg_catalog.to_regclass('reporting.allocation') IS NOT NULL", 0,
		    NULL, &error);
	if (has && strcmp(has, "t") == 0) {
		res = db_query(
		    conn,
		    "SELECT fiscal_year, committee_code, "
		    "to_char(sum(cost_total_sek), 'FM999G999G999G990') AS total, "
		    "to_char(sum(cost_women_sek), 'FM999G999G999G990') AS women, "
		    "to_char(sum(cost_men_sek), 'FM999G999G999G990') AS men, "
		    "coalesce(to_char(100 * sum(cost_women_sek) / nullif(sum(cost_women_sek) + "
		    "sum(cost_men_sek), 0), 'FM990.0'), '-') AS share "
		    "FROM reporting.allocation "
		    "WHERE fiscal_year = (SELECT max(fiscal_year) FROM reporting.allocation) "
		    "GROUP BY 1, 2 ORDER BY 2",
		    0, NULL);
	}
	if (res && PQntuples(res) > 0) {
		printf("\nCost to women and men per committee, %s (SEK):\n\n",
		       PQgetvalue(res, 0, 0));
		printf("  %-10s %16s %16s %16s %8s\n", "committee", "total", "women", "men",
		       "women %");
		for (i = 0; i < PQntuples(res); i++)
			printf("  %-10s %16s %16s %16s %8s\n", PQgetvalue(res, i, 1),
			       PQgetvalue(res, i, 2), PQgetvalue(res, i, 3), PQgetvalue(res, i, 4),
			       PQgetvalue(res, i, 5));
	}
	PQclear(res);
	free(has);
	db_close(conn);
	printf("\n  reports:   %s/\n", d->reports);
	printf("  open it:   psql \"%s\"\n", d->cluster.conninfo);
	printf("  stop it:   %s demo --stop\n", d->self);
}

int demo_run(const struct demo_options *o)
{
	struct demo d;

	memset(&d, 0, sizeof(d));
	d.self = o->self;
	d.inhabitants = o->inhabitants;
	if (cluster_locate(o->var_dir, &d.cluster) != 0)
		return EXIT_CANTCREAT;
	if (o->stop)
		return cluster_stop(&d.cluster) == 0 ? EXIT_OK : EXIT_ATTENTION;
	if (cluster_start(&d.cluster) != 0)
		return EXIT_UNAVAILABLE;
	if (find_mappings(d.self, d.mappings, sizeof(d.mappings)) != 0 || prepare_files(&d) != 0)
		return EXIT_CANTCREAT;

	{
		const char *init[] = {"init", NULL};

		if (stage(&d, "database", init) != 0)
			return EXIT_ATTENTION;
	}
	{
		char key[PATH_MAX + 32];
		const char *keygen[] = {"keygen", key, NULL};

		snprintf(key, sizeof(key), "%s/pseudonym.key", d.cluster.var_dir);
		if (access(key, F_OK) != 0)
			stage(&d, "pseudonymisation key", keygen);
	}
	{
		char expected[PATH_MAX + 48];
		const char *sample[] = {"sample",        "--out",       d.sample,
		                        "--inhabitants", d.inhabitants, NULL};

		snprintf(expected, sizeof(expected), "%s/expected.txt", d.sample);
		if (access(expected, F_OK) != 0)
			stage(&d, "sample municipality", sample);
		if (access(expected, F_OK) == 0)
			fill_inbox(&d);
	}
	{
		const char *mappings[] = {"mappings", NULL};
		const char *run[] = {"run", NULL};

		stage(&d, "mapping rules", mappings);
		stage(&d, "nightly run (import, allocate, report)", run);
	}
	{
		/* the sample's budget year 2026 (docs/sample.md): a cut in home care */
		const char *impact[] = {"impact", "--year",
		                        "2026",   "--committee",
		                        "VON",    "--activity",
		                        "5101",   "--change=-500000",
		                        "--text", "Minskad hemtjänst",
		                        NULL};

		stage(&d, "gender impact of a cut in home care", impact);
	}
	print_summary(&d);
	return d.failures ? EXIT_ATTENTION : EXIT_OK;
}
