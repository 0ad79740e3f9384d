/*
 * config_check.c — "gbetl config check": the configuration and everything
 * it points at (config_check.h).
 */
#include "config_check.h"
#include "keyprint.h"
#include "migrate.h"
#include "log.h"
#include "mappings.h"
#include "pseudonym.h"
#include "source.h"
#include "strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int check_dir(const char *what, const char *path, bool writable)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		log_error("%s \"%s\" is not a directory", what, path);
		return -1;
	}
	if (access(path, writable ? (R_OK | W_OK | X_OK) : (R_OK | X_OK)) != 0) {
		log_error("%s \"%s\" is not %s by this user", what, path,
		          writable ? "writable" : "readable");
		return -1;
	}
	return 0;
}

static int check_sources(const char *dir)
{
	struct dirent **entries = NULL;
	int n, i, count = 0, rc = 0;

	n = scandir(dir, &entries, NULL, alphasort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		size_t len = strlen(name);

		if (len > 5 && strcmp(name + len - 5, ".conf") == 0) {
			struct strbuf path = STRBUF_INIT;
			struct source_def def;

			strbuf_addf(&path, "%s/%s", dir, name);
			if (source_load(path.buf, &def) != 0)
				rc = -1;
			else if (def.file_pattern == NULL)
				log_warning(
				    "source \"%s\" has no file_pattern: gbetl run will not pick "
				    "up its files",
				    def.name);
			source_free(&def);
			strbuf_release(&path);
			count++;
		}
		free(entries[i]);
	}
	free(entries);
	if (count == 0)
		log_warning("no source definitions (*.conf) in \"%s\"", dir);
	else if (rc == 0)
		printf("ok    %d source definitions in %s\n", count, dir);
	return rc;
}

/* Compare the key with the one the database was loaded with, and its schema
 * with this gbetl's (migrate_require_current()), when there is a database
 * to ask (config check needs none).  0 or -1 (logged). */
static int check_key_fingerprint(const struct pseudonym_key *key, const char *key_file,
                                 const char *dbname)
{
	const char *keywords[] = {"dbname", "fallback_application_name", NULL};
	const char *values[] = {dbname, "gbetl", NULL};
	PGconn *conn;
	PGresult *res;
	int rc = 0, r;

	if (dbname == NULL) {
		keywords[0] = "fallback_application_name";
		values[0] = "gbetl";
		keywords[1] = values[1] = NULL;
	}
	conn = PQconnectdbParams(keywords, values, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK) {
		printf("--    key fingerprint not compared: the database cannot be reached\n");
		PQfinish(conn);
		return 0;
	}
	res = PQexec(conn, "SELECT pg_catalog.to_regclass('etl.key_fingerprint') IS NOT NULL");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
		r = keyprint_check_key(conn, key, key_file, false);
		if (r == 0)
			printf("ok    the key is the one the database was loaded with (or the "
			       "database has none yet)\n");
		else
			rc = -1;
		if (migrate_require_current(conn) == 0)
			printf(
			    "ok    the database's schema, functions and views are this gbetl's\n");
		else
			rc = -1;
	} else {
		printf("--    key fingerprint not compared: the database is not initialised\n");
	}
	PQclear(res);
	PQfinish(conn);
	return rc;
}

int config_check(const struct gbetl_config *cfg, const char *dbname)
{
	struct pseudonym_key *key;
	struct mapping_set *set;
	struct stat st;
	int rc = 0;

	if (cfg->path && stat(cfg->path, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH))) {
		log_error("configuration file \"%s\" can be written by group or others", cfg->path);
		log_hint("Run \"chmod go-w %s\".", cfg->path);
		rc = -1;
	}
	printf("ok    configuration %s (municipality %s)\n",
	       cfg->path ? cfg->path : "(built-in defaults)", cfg->municipality_code);
	key = pseudonym_key_load(cfg->key_file);
	if (key == NULL)
		rc = -1;
	else
		printf("ok    pseudonymisation key %s\n", cfg->key_file);
	if (key && check_key_fingerprint(key, cfg->key_file, dbname) != 0)
		rc = -1;
	pseudonym_key_free(key);
	if (check_dir("mappings directory", cfg->mappings_dir, false) != 0)
		rc = -1;
	else if ((set = mappings_read(cfg->mappings_dir)) == NULL)
		rc = -1;
	else {
		printf("ok    mapping tables in %s\n", cfg->mappings_dir);
		mappings_free(set);
	}
	if (check_dir("sources directory", cfg->sources_dir, false) != 0 ||
	    check_sources(cfg->sources_dir) != 0)
		rc = -1;
	if (check_dir("inbox", cfg->inbox_dir, true) != 0 ||
	    check_dir("archive", cfg->archive_dir, true) != 0 ||
	    check_dir("failed directory", cfg->failed_dir, true) != 0 ||
	    check_dir("report directory", cfg->report_dir, true) != 0)
		rc = -1;
	else
		printf("ok    inbox, archive, failed and report directories\n");
	return rc;
}
