/*
 * report_budget.c — budget against outcome in the year's report
 * (report_budget.h).
 */
#include "report_budget.h"
#include "html.h"
#include "csv_out.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "outfile.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Per committee and version, SEK as text with a '.': committee, name,
 * version, budget women, men, total, outcome women, men, total, deviation
 * women, men, total, reference year. */
static PGresult *rows(PGconn *conn, const char *year, const char *committee)
{
	const char *params[2] = {year, committee};

	return db_query(conn,
	                "SELECT committee_code, min(committee_name), budget_version, "
	                "sum(budget_women_sek), sum(budget_men_sek), sum(budget_total_sek), "
	                "sum(cost_women_sek), sum(cost_men_sek), sum(cost_total_sek), "
	                "sum(deviation_women_sek), sum(deviation_men_sek), "
	                "sum(deviation_total_sek), min(reference_year) FROM "
	                "reporting.budget_outcome WHERE fiscal_year = $1::smallint AND ($2::text "
	                "IS NULL OR committee_code = $2) GROUP BY 1, 3 ORDER BY 1, 3",
	                2, params);
}

static const char *const heads[2][13] = {
    {"Nämnd", "Namn", "Budgetversion", "Budget kvinnor", "Budget män", "Budget totalt",
     "Utfall kvinnor", "Utfall män", "Utfall totalt", "Avvikelse kvinnor", "Avvikelse män",
     "Avvikelse totalt", "Referensår"},
    {"Committee", "Name", "Budget version", "Budget women", "Budget men", "Budget total",
     "Outcome women", "Outcome men", "Outcome total", "Deviation women", "Deviation men",
     "Deviation total", "Reference year"}};

/* The heads and the rows of res (the columns of rows()) in a CSV table:
 * committee, name and version as text, the amounts as numbers. */
static void csv_rows(struct csv_out *out, PGresult *res, bool english)
{
	int i, c;

	for (c = 0; c < 13; c++)
		csv_out_text(out, heads[english][c]);
	csv_out_end_row(out);
	for (i = 0; i < PQntuples(res); i++) {
		for (c = 0; c < 13; c++) {
			const char *v = PQgetisnull(res, i, c) ? NULL : PQgetvalue(res, i, c);

			if (c < 3)
				csv_out_text(out, v ? v : "");
			else
				csv_out_number(out, v);
		}
		csv_out_end_row(out);
	}
}

/* The heads and the rows of res in an HTML table's <tr>s, without the name
 * column when skip_name (the page names the committees elsewhere); a NULL
 * cell is shown as a dash. */
static void html_rows(FILE *f, PGresult *res, bool english, bool skip_name)
{
	int i, c;

	fputs("<tr>", f);
	for (c = 0; c < 13; c++) {
		if (c == 1 && skip_name)
			continue;
		fputs("<th>", f);
		html_escape(f, heads[english][c]);
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (i = 0; i < PQntuples(res); i++) {
		fputs("<tr>", f);
		for (c = 0; c < 13; c++) {
			if (c == 1 && skip_name)
				continue;
			fputs("<td>", f);
			html_escape(f, PQgetisnull(res, i, c) ? "–" : PQgetvalue(res, i, c));
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
}

int report_budget_html(PGconn *conn, const char *year, const char *committee, bool english, FILE *f)
{
	PGresult *res = rows(conn, year, committee);

	if (res == NULL)
		return -1;
	if (PQntuples(res) > 0) {
		fputs("<section class=\"budget\">\n<h2>", f);
		html_escape(f, english ? "Budget against outcome by sex (SEK)"
		                       : "Budget mot utfall per kön (kr)");
		fputs("</h2>\n<p>", f);
		html_escape(
		    f, english ? "The budget split at the shares of the reference year's outcome "
		                 "(the same distribution assumed); deviation = budget minus "
		                 "outcome, positive when less was spent."
		               : "Budgeten fördelad efter referensårets utfall (samma fördelning "
		                 "antas); avvikelse = budget minus utfall, positiv när mindre "
		                 "användes.");
		fputs("</p>\n<div class=\"scroll\"><table class=\"wide\">\n", f);
		html_rows(f, res, english, true);
		fputs("</table></div>\n</section>\n", f);
	}
	PQclear(res);
	return 0;
}

int report_budget_csv(PGconn *conn, const char *year, const char *committee, bool english,
                      bool excel, const char *path)
{
	PGresult *res = rows(conn, year, committee);
	struct csv_out out;
	int rc = 1;

	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		goto out;
	rc = -1;
	if (csv_out_open(&out, path, excel) != 0)
		goto out;
	csv_rows(&out, res, english);
	rc = csv_out_close(&out);
out:
	PQclear(res);
	return rc;
}

/* The same columns as rows(), through month M. */
static PGresult *interim_rows(PGconn *conn, const char *municipality, const char *year,
                              const char *committee, const char *month, const char *cost_basis)
{
	const char *params[5] = {municipality, year, month, cost_basis, committee};

	return PQexecParams(
	    conn,
	    "SELECT t.committee_code, min(coalesce((SELECT c.committee_name FROM mapping.committee "
	    "c WHERE c.municipality_code = $1 AND c.committee_code = t.committee_code AND "
	    "$2::smallint BETWEEN c.valid_from AND coalesce(c.valid_to, 32767) LIMIT 1), '')), "
	    "t.budget_version, round(sum(t.budget_women_ore) / 100.0, 2), "
	    "round(sum(t.budget_men_ore) / 100.0, 2), round(sum(t.budget_ore) / 100.0, 2), "
	    "round(sum(t.cost_women_ore) / 100.0, 2), round(sum(t.cost_men_ore) / 100.0, 2), "
	    "round(sum(t.cost_ore) / 100.0, 2), round((sum(t.budget_women_ore) - "
	    "coalesce(sum(t.cost_women_ore), 0)) / 100.0, 2), round((sum(t.budget_men_ore) - "
	    "coalesce(sum(t.cost_men_ore), 0)) / 100.0, 2), round((sum(t.budget_ore) - "
	    "coalesce(sum(t.cost_ore), 0)) / 100.0, 2), min(t.reference_year) FROM "
	    "result.budget_outcome_through($1, $2::smallint, $3::integer, $4) t WHERE $5::text IS "
	    "NULL OR t.committee_code = $5 GROUP BY 1, 3 ORDER BY 1, 3",
	    5, NULL, params, NULL, NULL, 0);
}

int report_budget_interim(PGconn *conn, const char *municipality, const char *year,
                          const char *committee, int month, const char *cost_basis, bool english,
                          bool excel, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	struct outfile page;
	struct csv_out out;
	char m[8];
	PGresult *res;
	int status = EXIT_OK;

	snprintf(m, sizeof(m), "%d", month);
	res = interim_rows(conn, municipality, year, committee, m, cost_basis);
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		db_log_result_error(conn, res, "could not compare the budget with the outcome");
		status = db_exit_status_of(conn, res, SQL_VALUES_GIVEN);
		goto out;
	}
	if (PQntuples(res) == 0) {
		log_error("no budget for fiscal year %s", year);
		log_hint(
		    "Load one (docs/operations.md, \"Loading a budget\") and allocate the year.");
		status = EXIT_ATTENTION;
		goto out;
	}
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", dir, strerror(errno));
		status = EXIT_CANTCREAT;
		goto out;
	}
	strbuf_addf(&path, "%s/gbetl-%s-budget-m%02d.csv", dir, year, month);
	if (csv_out_open(&out, path.buf, excel) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	csv_rows(&out, res, english);
	if (csv_out_close(&out) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-budget-m%02d.html", dir, year, month);
	if (outfile_open(&page, path.buf) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	fprintf(page.f,
	        "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s "
	        "%s, 1–%d</title>\n</head>\n<body>\n<h1>%s %s, %s 1–%d</h1>\n<p>",
	        english ? "en" : "sv", english ? "Budget against outcome" : "Budget mot utfall",
	        year, month, english ? "Budget against outcome" : "Budget mot utfall", year,
	        english ? "months" : "månad", month);
	html_escape(page.f, english
	                        ? "The budget through the month (period budgets of the months, and "
	                          "the twelfths of whole-year budgets) split at the reference "
	                          "year's shares, against the outcome through the month; "
	                          "deviation = budget minus outcome."
	                        : "Budgeten till och med månaden (periodbudgetar för månaderna och "
	                          "tolftedelar av helårsbudgetar) fördelad efter referensårets "
	                          "andelar, mot utfallet till och med månaden; avvikelse = budget "
	                          "minus utfall.");
	fputs("</p>\n<table>\n", page.f);
	html_rows(page.f, res, english, false);
	fputs("</table>\n</body>\n</html>\n", page.f);
	if (outfile_commit(&page) != 0) {
		status = EXIT_CANTCREAT;
		goto out;
	}
	log_info("wrote the budget against the outcome through month %d of %s to \"%s\"", month,
	         year, dir);
out:
	PQclear(res);
	strbuf_release(&path);
	return status;
}
