/*
 * status.c — what "gbetl status" prints (status.h).
 */
#include "status.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "pnr_scan.h"
#include "run.h"
#include "strbuf.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static void print_table(PGresult *res, const char *title)
{
	int rows = PQntuples(res), cols = PQnfields(res), r, c;
	int width[32];

	printf("\n%s\n", title);
	if (rows == 0) {
		printf("  (none)\n");
		return;
	}
	for (c = 0; c < cols && c < 32; c++) {
		width[c] = (int)strlen(PQfname(res, c));
		for (r = 0; r < rows; r++)
			if ((int)strlen(PQgetvalue(res, r, c)) > width[c])
				width[c] = (int)strlen(PQgetvalue(res, r, c));
	}
	printf(" ");
	for (c = 0; c < cols && c < 32; c++)
		printf(" %-*s", width[c], PQfname(res, c));
	printf("\n");
	for (r = 0; r < rows; r++) {
		printf(" ");
		for (c = 0; c < cols && c < 32; c++)
			printf(" %-*s", width[c], PQgetvalue(res, r, c));
		printf("\n");
	}
}

static int section(PGconn *conn, const char *title, const char *sql, int nparams,
                   const char *const *params, int *rows)
{
	PGresult *res = db_query(conn, sql, nparams, params);

	if (res == NULL)
		return -1;
	print_table(res, title);
	if (rows)
		*rows = PQntuples(res);
	PQclear(res);
	return 0;
}

/* The files set aside in failed/ in the last 30 days, with their reasons. */
static void list_failed(const char *dir)
{
	struct dirent **entries = NULL;
	int n = scandir(dir, &entries, NULL, alphasort), i, listed = 0;

	printf("\nSet aside in failed/ in the last 30 days:\n");
	for (i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		size_t len = strlen(name);
		struct strbuf path = STRBUF_INIT;
		struct stat st;
		char reason[512] = "";
		FILE *f;

		if (len > 7 && strcmp(name + len - 7, ".reason") == 0) {
			strbuf_addf(&path, "%s/%s", dir, name);
			if (lstat(path.buf, &st) == 0 && S_ISREG(st.st_mode) &&
			    time(NULL) - st.st_mtime < 30 * 86400 && (f = fopen(path.buf, "r"))) {
				if (fgets(reason, sizeof(reason), f) == NULL)
					reason[0] = '\0';
				reason[strcspn(reason, "\n")] = '\0';
				fclose(f);
				char shown[512], file[256];

				/* a file name may hold an identity number */
				snprintf(file, sizeof(file), "%.*s", (int)(len - 7), name);
				pnr_scan_mask_str(file, shown, sizeof(shown));
				printf("  %-40s %s\n", shown, reason);
				listed++;
			}
			strbuf_release(&path);
		}
	}
	for (i = 0; i < n; i++)
		free(entries[i]);
	free(entries);
	if (listed == 0)
		printf("  (none)\n");
}

int status_print_rejects(PGconn *conn, const char *batch)
{
	const char *params[1] = {batch};
	struct strbuf title = STRBUF_INIT;
	PGresult *res;
	int status = EXIT_OK;

	res = db_query(conn,
	               "SELECT file_name, source, status, coalesce(records_read::text, '?'), "
	               "coalesce(records_rejected::text, '?') FROM etl.batch WHERE batch_id = "
	               "$1::bigint",
	               1, params);
	if (res == NULL)
		return db_exit_status(conn);
	if (PQntuples(res) == 0) {
		log_error("batch %s does not exist", batch);
		log_hint("\"gbetl status\" lists the latest batches with their numbers.");
		PQclear(res);
		return EXIT_DATAERR;
	}
	strbuf_addf(&title,
	            "Rejects of batch %s (file \"%s\", source %s, %s: %s of %s records):", batch,
	            PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2),
	            PQgetvalue(res, 0, 4), PQgetvalue(res, 0, 3));
	PQclear(res);
	if (section(
	        conn, title.buf,
	        "SELECT b.file_name AS file, r.line, r.field, r.reason, coalesce(r.value_masked, "
	        "'') AS value, r.message FROM etl.reject r JOIN etl.batch b USING (batch_id) "
	        "WHERE r.batch_id = $1::bigint ORDER BY r.line, r.field",
	        1, params, NULL) != 0)
		status = db_exit_status(conn);
	strbuf_release(&title);
	return status;
}

int status_print(PGconn *conn, const struct gbetl_config *cfg, long long limit)
{
	const char *params[1], *year_params[3];
	char limit_text[24];
	bool error;
	char *has_mapping;
	int failed = 0, unmapped = 0, waiting = 0, unmoved = 0, status = EXIT_OK;

	snprintf(limit_text, sizeof(limit_text), "%lld", limit);
	params[0] = limit_text;
	if (section(conn, "Latest batches:",
	            "SELECT batch_id AS batch, source, file_name AS file, status, "
	            "coalesce(records_read::text, '') AS read, coalesce(rows_loaded::text, '') AS "
	            "loaded, coalesce(records_rejected::text, '') AS rejected, "
	            "coalesce(coverage_pct::text, '') AS \"coverage %\", "
	            "to_char(started_at, 'YYYY-MM-DD HH24:MI') AS started FROM etl.batch "
	            "ORDER BY batch_id DESC LIMIT $1::int",
	            1, params, NULL) != 0 ||
	    section(conn, "Failed, rejected or refused attempts (last 30 days):",
	            "SELECT batch_id AS batch, source, file_name AS file, status, "
	            "coalesce(message, '') AS reason, to_char(started_at, 'YYYY-MM-DD HH24:MI') AS "
	            "started FROM etl.batch WHERE status IN ('failed', 'rejected', 'refused') AND "
	            "started_at > pg_catalog.now() - interval '30 days' ORDER BY batch_id DESC",
	            0, NULL, &failed) != 0 ||
	    section(conn, "Rejects in loaded batches, by reason:",
	            "SELECT r.batch_id AS batch, b.source, r.reason, r.field, count(*) AS records "
	            "FROM etl.reject r JOIN etl.batch b USING (batch_id) WHERE b.status = 'loaded' "
	            "GROUP BY 1, 2, 3, 4 ORDER BY 1 DESC, 5 DESC LIMIT 40",
	            0, NULL, NULL) != 0) {
		return db_exit_status(conn);
	}
	printf("  (each record: gbetl status --rejects BATCH)\n");
	has_mapping = db_query_value(
	    conn, "SELECT pg_catalog.to_regproc('result.unmapped_summary') IS NOT NULL", 0, NULL,
	    &error);
	if (has_mapping && strcmp(has_mapping, "t") == 0)
		section(conn, "Unmapped (no mapping rule matches; kept, never dropped):",
		        "SELECT * FROM result.unmapped_summary()", 0, NULL, &unmapped);
	free(has_mapping);
	year_params[0] = cfg->municipality_code;
	section(conn, "Closes and reopenings of fiscal years:",
	        "SELECT fiscal_year AS year, event, to_char(at, 'YYYY-MM-DD HH24:MI') AS \"when\", "
	        "who AS \"by\", detail FROM (SELECT fiscal_year, 'closed, version ' || version AS "
	        "event, closed_at AS at, closed_by AS who, concat_ws('; ', 'mapping rules: set ' "
	        "|| mapping_set_id, CASE WHEN unmapped_accepted THEN 'accepted ' || "
	        "to_char(unmapped_ore::numeric / 100, 'FM9999999999999990.00') || ' kr unmapped, ' "
	        "|| to_char(unallocated_ore::numeric / 100, 'FM9999999999999990.00') || ' kr "
	        "unallocated' END) AS detail FROM result.year_close WHERE municipality_code = $1 "
	        "UNION ALL SELECT fiscal_year, 'reopened', reopened_at, reopened_by, 'reason: ' || "
	        "reason FROM result.year_reopen WHERE municipality_code = $1) e ORDER BY 1, at",
	        1, year_params, NULL);
	section(
	    conn, "The mapping rules behind each year's figures:",
	    "SELECT r.fiscal_year AS year, CASE WHEN c.version IS NULL THEN 'open' ELSE "
	    "'closed, version ' || c.version END AS figures, coalesce(to_char(r.allocated_at, "
	    "'YYYY-MM-DD HH24:MI'), '') AS allocated, coalesce('set ' || s.set_id || ' (SHA-256 "
	    "' || left(s.sha256, 12) || '…, loaded ' || to_char(s.loaded_at, 'YYYY-MM-DD "
	    "HH24:MI') || ')', 'none loaded') AS \"mapping rules\", CASE WHEN s.set_id < "
	    "mapping.current_set($1) AND c.version IS NULL THEN 'newer rules are loaded' ELSE "
	    "'' END AS note FROM (SELECT DISTINCT ON (fiscal_year) * FROM result.allocation_run "
	    "WHERE municipality_code = $1 ORDER BY fiscal_year, allocated_at DESC) r LEFT JOIN "
	    "LATERAL (SELECT y.version, y.mapping_set_id FROM result.year_close y JOIN "
	    "etl.closed_year k USING (municipality_code, fiscal_year) WHERE "
	    "y.municipality_code = $1 AND y.fiscal_year = r.fiscal_year ORDER BY y.version DESC "
	    "LIMIT 1) c ON true LEFT JOIN mapping.mapping_set s ON s.set_id = "
	    "coalesce(c.mapping_set_id, r.mapping_set_id) ORDER BY 1",
	    1, year_params, NULL);
	year_params[1] = cfg->cost_basis;
	year_params[2] = cfg->direct_remainder;
	if (section(
	        conn, "Fiscal years waiting (gbetl run does this work):",
	        "WITH y AS (SELECT s.*, NOT EXISTS (SELECT 1 FROM etl.closed_year c WHERE "
	        "c.municipality_code = s.municipality_code AND c.fiscal_year = s.fiscal_year) "
	        "AS open, changed_at > coalesce(allocated_at, '-infinity') AS changed, EXISTS "
	        "(SELECT 1 FROM result.allocation a WHERE a.municipality_code = "
	        "s.municipality_code AND a.fiscal_year = s.fiscal_year AND (a.cost_basis <> $2 "
	        "OR a.direct_remainder IS DISTINCT FROM $3)) AS other_basis, published_at > "
	        "coalesce(reported_at, '-infinity') AS unreported FROM etl.year_state s WHERE "
	        "municipality_code = $1) SELECT fiscal_year AS year, concat_ws(', ', CASE WHEN "
	        "open AND changed THEN 'allocation' WHEN open AND other_basis THEN 'allocation "
	        "with the configured basis' END, CASE WHEN unreported THEN 'reports' END) AS "
	        "\"waiting for\", coalesce(to_char(changed_at, 'YYYY-MM-DD HH24:MI'), '') AS "
	        "changed, coalesce(to_char(allocated_at, 'YYYY-MM-DD HH24:MI'), '') AS "
	        "allocated, coalesce(to_char(reported_at, 'YYYY-MM-DD HH24:MI'), '') AS reported "
	        "FROM y WHERE (open AND (changed OR other_basis)) OR unreported ORDER BY 1",
	        3, year_params, &waiting) != 0 ||
	    section(conn, "Files the last run could not move out of the inbox:",
	            "SELECT file_name AS file, wanted_dir AS \"to\", error, to_char(noted_at, "
	            "'YYYY-MM-DD HH24:MI') AS noted FROM etl.unmoved_file ORDER BY 1",
	            0, NULL, &unmoved) != 0) {
		return db_exit_status(conn);
	}
	printf("\nIn the inbox (%s):\n", cfg->inbox_dir);
	if (run_list_waiting(cfg, stdout) < 0)
		printf("  (cannot be read)\n");
	list_failed(cfg->failed_dir);
	if (failed > 0 || unmapped > 0 || waiting > 0 || unmoved > 0)
		status = EXIT_ATTENTION;
	return status;
}
