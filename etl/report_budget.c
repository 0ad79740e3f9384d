/*
 * report_budget.c — budget against outcome in the year's report
 * (report_budget.h).
 */
#include "report_budget.h"
#include "csv_out.h"
#include "db.h"
#include "log.h"

#include <string.h>

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

static void escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else
			fputc(*s, f);
	}
}

int report_budget_html(PGconn *conn, const char *year, const char *committee, bool english, FILE *f)
{
	PGresult *res = rows(conn, year, committee);
	int i, c;

	if (res == NULL)
		return -1;
	if (PQntuples(res) > 0) {
		fputs("<section class=\"budget\">\n<h2>", f);
		escape(f, english ? "Budget against outcome by sex (SEK)"
		                  : "Budget mot utfall per kön (kr)");
		fputs("</h2>\n<p>", f);
		escape(f, english
		              ? "The budget split at the shares of the reference year's outcome "
		                "(the same distribution assumed); deviation = budget minus "
		                "outcome, positive when less was spent."
		              : "Budgeten fördelad efter referensårets utfall (samma fördelning "
		                "antas); avvikelse = budget minus utfall, positiv när mindre "
		                "användes.");
		fputs("</p>\n<table>\n<tr>", f);
		for (c = 0; c < 13; c++) {
			if (c == 1)
				continue;
			fputs("<th>", f);
			escape(f, heads[english][c]);
			fputs("</th>", f);
		}
		fputs("</tr>\n", f);
		for (i = 0; i < PQntuples(res); i++) {
			fputs("<tr>", f);
			for (c = 0; c < 13; c++) {
				if (c == 1)
					continue;
				fputs("<td>", f);
				escape(f, PQgetisnull(res, i, c) ? "–" : PQgetvalue(res, i, c));
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</table>\n</section>\n", f);
	}
	PQclear(res);
	return 0;
}

int report_budget_csv(PGconn *conn, const char *year, const char *committee, bool english,
                      bool excel, const char *path)
{
	PGresult *res = rows(conn, year, committee);
	struct csv_out out;
	int i, c, rc = 1;

	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0)
		goto out;
	rc = -1;
	if (csv_out_open(&out, path, excel) != 0)
		goto out;
	for (c = 0; c < 13; c++)
		csv_out_text(&out, heads[english][c]);
	csv_out_end_row(&out);
	for (i = 0; i < PQntuples(res); i++) {
		for (c = 0; c < 13; c++) {
			const char *v = PQgetisnull(res, i, c) ? NULL : PQgetvalue(res, i, c);

			if (c < 3)
				csv_out_text(&out, v ? v : "");
			else
				csv_out_number(&out, v);
		}
		csv_out_end_row(&out);
	}
	rc = csv_out_close(&out);
out:
	PQclear(res);
	return rc;
}
