/*
 * report.c — the annual-account tables (CSV) and report (HTML with SVG
 * charts) of a fiscal year (see report.h).  Reads the reporting views only;
 * report_csv.c and report_html.c write what is read here.
 */
#include "report.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "report_access.h"
#include "report_detail.h"
#include "outfile.h"
#include "report_budget.h"
#include "report_int.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

const char *report_value(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

bool report_true(PGresult *res, int row, int col)
{
	return !PQgetisnull(res, row, col) && strcmp(PQgetvalue(res, row, col), "t") == 0;
}

const char *report_committee_name(const struct report *r, PGresult *res, int row, int code_col,
                                  int name_col)
{
	if (strcmp(PQgetvalue(res, row, code_col), "unmapped") == 0)
		return report_label(L_UNMAPPED_COMMITTEE, r->english);
	return PQgetvalue(res, row, name_col);
}

const char *report_activity_name(const struct report *r, int row)
{
	if (strcmp(PQgetvalue(r->alloc, row, A_ACTIVITY), "unmapped") == 0 ||
	    strcmp(PQgetvalue(r->alloc, row, A_ACTIVITY_NAME), "Ej mappat / unmapped") == 0)
		return report_label(L_UNMAPPED_ACTIVITY, r->english);
	return PQgetvalue(r->alloc, row, A_ACTIVITY_NAME);
}

/* Everything the report shows, from the reporting views. */
static int read_figures(struct report *r)
{
	const char *params[2] = {r->year, r->committee};

	r->alloc = db_query(
	    r->conn,
	    "SELECT a.committee_code, a.committee_name, a.activity_code, a.activity_name, "
	    "a.method, a.cost_basis, a.cost_total_sek, a.cost_women_sek, a.cost_men_sek, "
	    "a.cost_unknown_sek, a.cost_not_individual_sek, a.cost_unallocated_sek, "
	    "a.recipients_women, a.recipients_men, a.recipients_suppressed, a.volume_women, "
	    "a.volume_men, a.volume_unit, a.cost_per_recipient_women_sek, "
	    "a.cost_per_recipient_men_sek, a.volume_per_recipient_women, "
	    "a.volume_per_recipient_men, a.cost_per_unit_women_sek, a.cost_per_unit_men_sek, "
	    "a.population_women, a.population_men, a.cost_per_inhabitant_women_sek, "
	    "a.cost_per_inhabitant_men_sek, a.share_women_pct, a.share_population_women_pct, "
	    "a.representation_index_women, a.balance_band, a.closed, "
	    "a.share_women_pct - p.share_women_pct, "
	    "round(100 * (a.cost_total_sek - p.cost_total_sek) / nullif(abs(p.cost_total_sek), "
	    "0), 1), a.fiscal_year, "
	    "a.cost_unknown_sek + a.cost_not_individual_sek + a.cost_unallocated_sek, "
	    "a.target, a.share_women_standardised_pct, a.target_met "
	    "FROM reporting.allocation a LEFT JOIN reporting.allocation p ON p.fiscal_year = "
	    "a.fiscal_year - 1 AND p.municipality_code = a.municipality_code AND "
	    "p.committee_code = a.committee_code AND p.activity_code = a.activity_code "
	    "WHERE a.fiscal_year = $1::smallint AND ($2::text IS NULL OR a.committee_code = $2) "
	    "ORDER BY a.committee_code = 'unmapped', sum(a.cost_total_sek) OVER (PARTITION BY "
	    "a.committee_code) DESC, a.committee_code, a.activity_code",
	    2, params);
	r->committees = db_query(
	    r->conn,
	    "WITH c AS (SELECT committee_code, min(committee_name) AS name, sum(cost_total_sek) "
	    "AS t, sum(cost_women_sek) AS w, sum(cost_men_sek) AS m, sum(cost_unknown_sek) AS u, "
	    "sum(cost_not_individual_sek) AS n, sum(cost_unallocated_sek) AS x FROM "
	    "reporting.allocation WHERE fiscal_year = $1::smallint AND ($2::text IS NULL OR "
	    "committee_code = $2) GROUP BY 1), p AS (SELECT committee_code, round(100 * "
	    "sum(cost_women_sek) / nullif(sum(cost_women_sek) + sum(cost_men_sek), 0), 1) AS s "
	    "FROM reporting.allocation WHERE fiscal_year = $1::smallint - 1 GROUP BY 1) "
	    "SELECT c.committee_code, c.name, t, w, m, u, n, x, u + n + x, "
	    "round(100 * w / nullif(w + m, 0), 1), CASE WHEN w + m = 0 THEN NULL WHEN w / (w + "
	    "m) > 0.6 THEN 'women' WHEN w / (w + m) < 0.4 THEN 'men' ELSE 'balanced' END, "
	    "round(100 * w / nullif(w + m, 0), 1) - p.s FROM c LEFT JOIN p USING "
	    "(committee_code) ORDER BY c.committee_code = 'unmapped', t DESC, c.committee_code",
	    2, params);
	r->muni = db_query(
	    r->conn,
	    "SELECT cost_total_sek, cost_women_sek, cost_men_sek, cost_unknown_sek, "
	    "cost_not_individual_sek, cost_unallocated_sek, share_women_pct, population_women, "
	    "population_men, share_population_women_pct, cost_per_inhabitant_women_sek, "
	    "cost_per_inhabitant_men_sek, share_women_pct - (SELECT p.share_women_pct FROM "
	    "reporting.municipality p WHERE p.fiscal_year = m.fiscal_year - 1 AND "
	    "p.municipality_code = m.municipality_code), "
	    "round(100 * cost_women_sek / nullif(cost_total_sek, 0), 1), "
	    "round(100 * cost_men_sek / nullif(cost_total_sek, 0), 1), "
	    "round(100 * cost_unknown_sek / nullif(cost_total_sek, 0), 1), "
	    "round(100 * cost_not_individual_sek / nullif(cost_total_sek, 0), 1), "
	    "round(100 * cost_unallocated_sek / nullif(cost_total_sek, 0), 1), "
	    "municipality_code, CASE WHEN share_women_pct > 60 THEN 'women' WHEN share_women_pct "
	    "< 40 THEN 'men' WHEN share_women_pct IS NOT NULL THEN 'balanced' END, "
	    "cost_unknown_sek + cost_not_individual_sek + cost_unallocated_sek "
	    "FROM reporting.municipality m WHERE fiscal_year = $1::smallint AND $2::text IS NULL "
	    "ORDER BY municipality_code LIMIT 1",
	    2, params);
	r->status = db_query(r->conn,
	                     "SELECT closed, version, to_char(closed_at, 'YYYY-MM-DD'), closed_by, "
	                     "to_char(data_as_of, 'YYYY-MM-DD'), to_char(computed_at, "
	                     "'YYYY-MM-DD') FROM reporting.year_status WHERE fiscal_year = "
	                     "$1::smallint ORDER BY municipality_code LIMIT 1",
	                     1, params);
	r->years = db_query(
	    r->conn,
	    "SELECT committee_code, fiscal_year, round(100 * sum(cost_women_sek) / "
	    "nullif(sum(cost_women_sek) + sum(cost_men_sek), 0), 1) FROM reporting.allocation "
	    "WHERE fiscal_year <= $1::smallint GROUP BY 1, 2 UNION ALL SELECT '', fiscal_year, "
	    "share_women_pct FROM reporting.municipality WHERE fiscal_year <= $1::smallint "
	    "ORDER BY 1, 2",
	    1, params);
	r->rec = db_query(
	    r->conn,
	    "SELECT r.fiscal_year, r.committee_code, r.ledger_cost_sek, r.allocated_sek, "
	    "r.difference_sek, coalesce((SELECT min(a.committee_name) FROM reporting.allocation "
	    "a WHERE a.fiscal_year = r.fiscal_year AND a.committee_code = r.committee_code), "
	    "r.committee_code) FROM reporting.reconciliation r WHERE r.fiscal_year = "
	    "$1::smallint AND ($2::text IS NULL OR r.committee_code = $2) ORDER BY "
	    "r.committee_code = 'unmapped', r.ledger_cost_sek DESC, r.committee_code",
	    2, params);
	r->quality =
	    db_query(r->conn,
	             "SELECT batch_id, source, file_name, records_read, records_rejected, "
	             "coverage_pct FROM reporting.data_quality WHERE status = 'loaded' AND "
	             "extract(year FROM period_min) <= $1::int AND extract(year FROM period_max) "
	             ">= $1::int ORDER BY batch_id",
	             1, params);
	/* the basis and the mapping rules of the figures shown: the last close's
	 * for a closed year, the last allocation's for an open one */
	r->basis = db_query(
	    r->conn,
	    "WITH closed AS (SELECT y.version, y.mapping_set_id FROM result.year_close y JOIN "
	    "etl.closed_year k USING (municipality_code, fiscal_year) WHERE y.fiscal_year = "
	    "$1::smallint ORDER BY y.version DESC LIMIT 1), shown AS (SELECT a.cost_basis, "
	    "a.direct_remainder FROM result.allocation a WHERE a.fiscal_year = $1::smallint AND "
	    "NOT "
	    "EXISTS (SELECT 1 FROM closed) UNION ALL SELECT c.cost_basis, c.direct_remainder FROM "
	    "result.closed_allocation c JOIN closed USING (version) WHERE c.fiscal_year = "
	    "$1::smallint), rules AS (SELECT coalesce((SELECT mapping_set_id FROM closed), (SELECT "
	    "r.mapping_set_id FROM result.allocation_run r WHERE r.fiscal_year = $1::smallint "
	    "ORDER "
	    "BY r.allocated_at DESC LIMIT 1)) AS set_id) SELECT (SELECT string_agg(DISTINCT "
	    "cost_basis, ',') FROM shown), (SELECT string_agg(DISTINCT direct_remainder, ',') FROM "
	    "shown), s.set_id, left(s.sha256, 12), to_char(s.loaded_at, 'YYYY-MM-DD') FROM rules "
	    "LEFT JOIN mapping.mapping_set s USING (set_id)",
	    1, params);
	r->detail = report_detail_rows(r->conn, r->year, r->committee);
	r->need = db_query(r->conn,
	                   "SELECT committee_code, activity_code, target, share_women_pct, "
	                   "share_women_standardised_pct, need_tolerance_pp, target_met FROM "
	                   "reporting.allocation_need WHERE fiscal_year = $1::smallint AND "
	                   "($2::text IS NULL OR committee_code = $2) ORDER BY committee_code, "
	                   "activity_code",
	                   2, params);
	return r->alloc && r->committees && r->muni && r->status && r->years && r->rec &&
	               r->quality && r->basis && r->detail && r->need
	           ? 0
	           : -1;
}

/* The one place the HTML file is opened and closed: written beside the old
 * one and renamed over it (outfile.h), so a failure leaves the old report. */
static int write_html(struct report *r, const char *path)
{
	struct outfile out;

	if (outfile_open(&out, path) != 0)
		return -1;
	report_html(r, out.f);
	if (r->failed) {
		outfile_abort(&out);
		return -1;
	}
	return outfile_commit(&out);
}

int report_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                 bool english, bool excel, const char *municipality_name)
{
	struct report report = {.conn = conn,
	                        .year = year,
	                        .committee = committee,
	                        .dir = dir,
	                        .english = english,
	                        .excel = excel,
	                        .threshold = 5};
	struct report *r = &report;
	struct strbuf path = STRBUF_INIT, name = STRBUF_INIT;
	char *threshold;
	bool error;
	time_t now = time(NULL);
	struct tm tm;
	int i, status = EXIT_OK;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(r->today, sizeof(r->today), "%Y-%m-%d", &tm) == 0)
		r->today[0] = '\0';
	threshold = db_query_value(r->conn, "SELECT result.suppress_below()", 0, NULL, &error);
	if (threshold)
		r->threshold = atoi(threshold);
	free(threshold);
	if (read_figures(r) != 0 || error) {
		status = db_exit_status(r->conn);
		goto out;
	}
	if (PQntuples(r->alloc) == 0) {
		log_error("no allocation for fiscal year %s%s%s", r->year,
		          r->committee ? " and committee " : "", r->committee ? r->committee : "");
		log_hint("Run \"gbetl allocate --year %s\" first.", r->year);
		status = EXIT_ATTENTION;
		goto out;
	}
	if (municipality_name && *municipality_name) {
		r->municipality_name = municipality_name;
	} else {
		strbuf_addf(&name, "%s %s", report_label(L_MUNICIPALITY, english),
		            PQntuples(r->muni) ? PQgetvalue(r->muni, 0, M_CODE) : "");
		strbuf_trim(&name);
		r->municipality_name = name.buf;
	}
	if (mkdir(r->dir, 0755) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", r->dir, strerror(errno));
		status = EXIT_CANTCREAT;
		goto out;
	}
	strbuf_addf(&path, "%s/gbetl-%s-kommun.csv", r->dir, r->year);
	if (r->committee == NULL && report_csv_allocation(r, NULL, path.buf) != 0)
		status = EXIT_CANTCREAT;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-sammanfattning.csv", r->dir, r->year);
	if (status == EXIT_OK && r->committee == NULL && report_csv_summary(r, path.buf) != 0)
		status = EXIT_CANTCREAT;
	for (i = 0; i < PQntuples(r->alloc) && status == EXIT_OK; i++) {
		const char *code = PQgetvalue(r->alloc, i, A_COMMITTEE);

		if (i > 0 && strcmp(PQgetvalue(r->alloc, i - 1, A_COMMITTEE), code) == 0)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/gbetl-%s-%s.csv", r->dir, r->year, code);
		if (report_csv_allocation(r, code, path.buf) != 0)
			status = EXIT_CANTCREAT;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-avstamning.csv", r->dir, r->year);
	if (status == EXIT_OK && report_csv_reconciliation(r, path.buf) != 0)
		status = EXIT_CANTCREAT;
	if (status == EXIT_OK &&
	    report_detail_write(r->detail, r->year, r->dir, english, excel) != 0)
		status = EXIT_CANTCREAT;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-budget.csv", r->dir, r->year);
	if (status == EXIT_OK &&
	    report_budget_csv(r->conn, r->year, r->committee, r->english, r->excel, path.buf) < 0)
		status = EXIT_CANTCREAT;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s.html", r->dir, r->year);
	if (status == EXIT_OK && write_html(r, path.buf) != 0)
		status = EXIT_CANTCREAT;
	if (status == EXIT_OK && report_access_apply(r->dir, r->year) != 0)
		status = EXIT_CANTCREAT;
	if (status == EXIT_OK)
		log_info("wrote the %s report to \"%s\"", r->year, r->dir);
out:
	PQclear(r->basis);
	PQclear(r->alloc);
	PQclear(r->committees);
	PQclear(r->muni);
	PQclear(r->status);
	PQclear(r->years);
	PQclear(r->rec);
	PQclear(r->quality);
	PQclear(r->detail);
	PQclear(r->need);
	strbuf_release(&path);
	strbuf_release(&name);
	return status;
}
