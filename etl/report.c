/*
 * report.c — the annual-account tables (CSV) and report (HTML with SVG
 * charts) of a fiscal year (see report.h).  Reads the reporting views only.
 */
#include "report.h"
#include "report_budget.h"
#include "csv_out.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "report_access.h"
#include "outfile.h"
#include "strbuf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum label {
	L_TITLE,
	L_YEAR,
	L_COMMITTEE,
	L_COMMITTEE_NAME,
	L_ACTIVITY,
	L_ACTIVITY_NAME,
	L_METHOD,
	L_TOTAL,
	L_WOMEN,
	L_MEN,
	L_UNKNOWN,
	L_NOT_INDIVIDUAL,
	L_UNALLOCATED,
	L_REC_WOMEN,
	L_REC_MEN,
	L_SHARE,
	L_INDEX,
	L_BAND,
	L_LEDGER,
	L_ALLOCATED,
	L_DIFFERENCE,
	L_RECON,
	L_QUALITY,
	L_SOURCE,
	L_FILE,
	L_READ,
	L_REJECTED,
	L_COVERAGE,
	L_CHART,
	L_OVER_YEARS,
	L_SUPPRESSED,
	L_CLOSED,
	L_LEGEND,
	L_HIDDEN,
	L_YES,
	L_BASIS,
	L_GROSS,
	L_OWN,
	L_REMAINDER,
	L_SHARE_REST,
	L_APART,
	L_COUNT
};

static const char *const labels[2][L_COUNT] = {
    {"Jämställdhetsbudget",
     "År",
     "Nämnd",
     "Nämndens namn",
     "Verksamhet",
     "Verksamhetens namn",
     "Metod",
     "Kostnad totalt (kr)",
     "Kvinnor (kr)",
     "Män (kr)",
     "Okänt kön (kr)",
     "Ej individbaserat (kr)",
     "Ej fördelat (kr)",
     "Brukare kvinnor",
     "Brukare män",
     "Kvinnors andel (%)",
     "Representationsindex kvinnor",
     "Balans",
     "Kostnad enligt huvudbok (kr)",
     "Fördelat (kr)",
     "Differens (kr)",
     "Avstämning mot huvudboken",
     "Datakvalitet",
     "Källa",
     "Fil",
     "Poster",
     "Avvisade",
     "Andel med känt kön (%)",
     "Kvinnors andel av kostnaden per verksamhet; det skuggade bandet är 40–60 %",
     "Kvinnors andel av kostnaden per år",
     "Antal personer under %d visas inte (röjandeskydd): är ett antal i en rad mellan 1 och "
     "%d döljs radens alla antal och allt som kan räknas fram ur dem (visas som ..), och "
     "raden markeras som dold.",
     "Året är stängt: siffrorna är de fastställda",
     "Tjock stapel: kostnad. Tunn stapel: brukare. Mörk: kvinnor, ljus: män.",
     "Dold (röjandeskydd)",
     "ja",
     "Kostnadsbas",
     "bruttokostnad (cost_basis = gross)",
     "kostnad för det egna åtagandet, netto efter interna intäkter (cost_basis = own)",
     "Direkt fördelade verksamheter",
     "hela kostnaden fördelas efter utbetalt belopp (direct_remainder = share)",
     "kostnaden utöver utbetalt belopp redovisas som ej individbaserad (direct_remainder = "
     "apart)"},
    {"Gender budget",
     "Year",
     "Committee",
     "Committee name",
     "Activity",
     "Activity name",
     "Method",
     "Total cost (SEK)",
     "Women (SEK)",
     "Men (SEK)",
     "Unknown sex (SEK)",
     "Not individual-based (SEK)",
     "Unallocated (SEK)",
     "Recipients, women",
     "Recipients, men",
     "Women's share (%)",
     "Representation index, women",
     "Balance",
     "Ledger cost (SEK)",
     "Allocated (SEK)",
     "Difference (SEK)",
     "Reconciliation with the ledger",
     "Data quality",
     "Source",
     "File",
     "Records",
     "Rejected",
     "Share with known sex (%)",
     "Women's share of the cost per activity; the shaded band is 40–60 %",
     "Women's share of the cost by year",
     "Counts of people under %d are not shown (disclosure control): when a count in a row "
     "is from 1 to %d, all counts of the row and every figure computed from them are hidden "
     "(shown as ..), and the row is marked suppressed.",
     "The year is closed: these are the adopted figures",
     "Thick bar: cost. Thin bar: recipients. Dark: women, light: men.",
     "Suppressed (disclosure control)",
     "yes",
     "Cost basis",
     "gross cost (cost_basis = gross)",
     "own cost, net of internal revenue (cost_basis = own)",
     "Direct activities",
     "the whole cost split by the amounts paid (direct_remainder = share)",
     "the cost beyond the amounts paid shown as not individual-based (direct_remainder = "
     "apart)"},
};

struct report {
	PGconn *conn;
	const char *year, *committee, *dir;
	const char *const *l;
	bool excel;
	int threshold; /* counts from 1 to threshold - 1 are hidden */
};

static void html_escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

/* The allocation rows of the year (optionally one committee). */
static PGresult *allocation_rows(struct report *r)
{
	const char *params[2] = {r->year, r->committee};

	return db_query(r->conn,
	                "SELECT fiscal_year, committee_code, committee_name, activity_code, "
	                "activity_name, method, cost_total_sek, cost_women_sek, cost_men_sek, "
	                "cost_unknown_sek, cost_not_individual_sek, cost_unallocated_sek, "
	                "recipients_women, recipients_men, share_women_pct, "
	                "representation_index_women, balance_band, recipients_suppressed, closed "
	                "FROM reporting.allocation WHERE fiscal_year = $1::smallint AND "
	                "($2::text IS NULL OR committee_code = $2) ORDER BY committee_code, "
	                "activity_code",
	                2, params);
}

static const char *value(PGresult *res, int row, int col)
{
	return PQgetisnull(res, row, col) ? NULL : PQgetvalue(res, row, col);
}

/* Columns 0..16 of allocation_rows (text columns 1-5 and 16), then the
 * suppressed flag (17). */
static int write_allocation_csv(struct report *r, PGresult *res, const char *committee,
                                const char *path)
{
	static const enum label heads[] = {
	    L_YEAR,           L_COMMITTEE,   L_COMMITTEE_NAME, L_ACTIVITY, L_ACTIVITY_NAME,
	    L_METHOD,         L_TOTAL,       L_WOMEN,          L_MEN,      L_UNKNOWN,
	    L_NOT_INDIVIDUAL, L_UNALLOCATED, L_REC_WOMEN,      L_REC_MEN,  L_SHARE,
	    L_INDEX,          L_BAND,        L_HIDDEN};
	struct csv_out c;
	size_t h;
	int i, col;

	if (csv_out_open(&c, path, r->excel) != 0)
		return -1;
	for (h = 0; h < sizeof(heads) / sizeof(heads[0]); h++)
		csv_out_text(&c, r->l[heads[h]]);
	csv_out_end_row(&c);
	for (i = 0; i < PQntuples(res); i++) {
		if (committee && strcmp(PQgetvalue(res, i, 1), committee) != 0)
			continue;
		for (col = 0; col <= 16; col++) {
			if ((col >= 1 && col <= 5) || col == 16)
				csv_out_text(&c, value(res, i, col));
			else
				csv_out_number(&c, value(res, i, col));
		}
		csv_out_text(&c, strcmp(PQgetvalue(res, i, 17), "t") == 0 ? r->l[L_YES] : "");
		csv_out_end_row(&c);
	}
	return csv_out_close(&c);
}

static int write_reconciliation_csv(struct report *r, PGresult *rec, const char *path)
{
	struct csv_out c;
	int i;

	if (csv_out_open(&c, path, r->excel) != 0)
		return -1;
	csv_out_text(&c, r->l[L_YEAR]);
	csv_out_text(&c, r->l[L_COMMITTEE]);
	csv_out_text(&c, r->l[L_LEDGER]);
	csv_out_text(&c, r->l[L_ALLOCATED]);
	csv_out_text(&c, r->l[L_DIFFERENCE]);
	csv_out_end_row(&c);
	for (i = 0; i < PQntuples(rec); i++) {
		csv_out_number(&c, value(rec, i, 0));
		csv_out_text(&c, value(rec, i, 1));
		csv_out_number(&c, value(rec, i, 2));
		csv_out_number(&c, value(rec, i, 3));
		csv_out_number(&c, value(rec, i, 4));
		csv_out_end_row(&c);
	}
	return csv_out_close(&c);
}

/* Horizontal bars: women's share per activity, the 40–60 band shaded. */
static void svg_shares(FILE *f, struct report *r, PGresult *res, const char *committee)
{
	int i, n = 0, y;

	for (i = 0; i < PQntuples(res); i++)
		if (!strcmp(PQgetvalue(res, i, 1), committee) && value(res, i, 14))
			n++;
	if (n == 0)
		return;
	fprintf(f,
	        "<svg role=\"img\" aria-labelledby=\"t-%s\" viewBox=\"0 0 640 %d\" width=\"640\" "
	        "height=\"%d\" class=\"chart\">\n<title id=\"t-%s\">",
	        committee, 40 + n * 34, 40 + n * 34, committee);
	html_escape(f, r->l[L_CHART]);
	fprintf(f,
	        "</title>\n<rect x=\"380\" y=\"0\" width=\"80\" height=\"%d\" class=\"band\"/>\n",
	        10 + n * 34);
	y = 6;
	for (i = 0; i < PQntuples(res); i++) {
		const char *rw = value(res, i, 12), *rm = value(res, i, 13);
		double share, rec = -1;

		if (strcmp(PQgetvalue(res, i, 1), committee) || !value(res, i, 14))
			continue;
		share = atof(PQgetvalue(res, i, 14));
		if (rw && rm && atof(rw) + atof(rm) > 0)
			rec = 100.0 * atof(rw) / (atof(rw) + atof(rm));
		fprintf(f, "<text x=\"214\" y=\"%d\" text-anchor=\"end\">", y + 14);
		html_escape(f, PQgetvalue(res, i, 4));
		/* the cost bar, then a thin bar for the recipients (when not suppressed) */
		fprintf(
		    f,
		    "</text>\n<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"18\" "
		    "class=\"women\" "
		    "data-share=\"%.1f\"><title>%.1f %%</title></rect>\n<rect x=\"%.1f\" y=\"%d\" "
		    "width=\"%.1f\" height=\"18\" class=\"men\"/>\n<text x=\"%.1f\" y=\"%d\" "
		    "class=\"value\">%.1f %%</text>\n",
		    y, share * 4.0, share, share, 220 + share * 4.0, y, (100.0 - share) * 4.0,
		    224 + share * 4.0 > 580 ? 580.0 : 224 + share * 4.0, y + 14, share);
		if (rec >= 0)
			fprintf(
			    f,
			    "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"6\" class=\"women\" "
			    "data-recipients=\"%.1f\"/><rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
			    "height=\"6\" class=\"men\"/>\n",
			    y + 20, rec * 4.0, rec, 220 + rec * 4.0, y + 20, (100.0 - rec) * 4.0);
		y += 34;
	}
	fprintf(f, "<line x1=\"420\" y1=\"0\" x2=\"420\" y2=\"%d\" class=\"mid\"/>\n", y);
	fprintf(f, "<text x=\"220\" y=\"%d\" class=\"legend\">", y + 16);
	html_escape(f, r->l[L_LEGEND]);
	fputs("</text>\n</svg>\n", f);
}

/* Women's share of each committee's cost over all loaded years. */
static void svg_years(FILE *f, struct report *r, const char *committee)
{
	const char *params[1] = {committee};
	PGresult *res =
	    db_query(r->conn,
	             "SELECT fiscal_year, round(100 * sum(cost_women_sek) / "
	             "nullif(sum(cost_women_sek + cost_men_sek), 0), 1) FROM "
	             "reporting.allocation WHERE committee_code = $1 GROUP BY 1 ORDER BY 1",
	             1, params);
	int i, x = 40;

	for (i = 0; res && i < PQntuples(res); i++)
		if (!PQgetisnull(res, i, 1))
			break;
	if (res == NULL || i == PQntuples(res)) { /* nothing was split by sex */
		PQclear(res);
		return;
	}
	fprintf(f,
	        "<svg role=\"img\" aria-label=\"%s\" viewBox=\"0 0 %d 140\" width=\"%d\" "
	        "height=\"140\" class=\"chart years\">\n<rect x=\"0\" y=\"%d\" width=\"%d\" "
	        "height=\"20\" class=\"band\"/>\n",
	        r->l[L_OVER_YEARS], 60 + PQntuples(res) * 70, 60 + PQntuples(res) * 70, 110 - 60,
	        60 + PQntuples(res) * 70);
	for (i = 0; i < PQntuples(res); i++) {
		double share = PQgetisnull(res, i, 1) ? 0 : atof(PQgetvalue(res, i, 1));

		fprintf(f,
		        "<rect x=\"%d\" y=\"%.1f\" width=\"40\" height=\"%.1f\" class=\"women\"/>"
		        "<text x=\"%d\" y=\"135\" text-anchor=\"middle\">%s</text><text x=\"%d\" "
		        "y=\"%.1f\" text-anchor=\"middle\" class=\"value\">%.1f %%</text>\n",
		        x, 110 - share, share, x + 20, PQgetvalue(res, i, 0), x + 20, 106 - share,
		        share);
		x += 70;
	}
	fputs("</svg>\n", f);
	PQclear(res);
}

/* hidden_col >= 0: a column that is "t" in rows whose counts (the result
 * columns in the bit set count_cols) are suppressed: shown as "..", while
 * other empty cells show "–". */
static void html_table(FILE *f, PGresult *res, const char *const *heads, int ncols,
                       const char *committee, const int *cols, int hidden_col,
                       unsigned long count_cols)
{
	int i, c;

	fputs("<table>\n<thead><tr>", f);
	for (c = 0; c < ncols; c++) {
		fputs("<th>", f);
		html_escape(f, heads[c]);
		fputs("</th>", f);
	}
	fputs("</tr></thead>\n<tbody>\n", f);
	for (i = 0; i < PQntuples(res); i++) {
		if (committee && strcmp(PQgetvalue(res, i, 1), committee) != 0)
			continue;
		fputs("<tr>", f);
		for (c = 0; c < ncols; c++) {
			const char *v = value(res, i, cols[c]);
			bool hidden = hidden_col >= 0 && (count_cols >> cols[c] & 1) &&
			              !strcmp(PQgetvalue(res, i, hidden_col), "t");

			fputs("<td>", f);
			html_escape(f, v ? v : hidden ? ".." : "–");
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

/* Which cost basis and rule for direct activities the year's figures have. */
static void html_basis(FILE *f, struct report *r)
{
	const char *params[1] = {r->year};
	PGresult *res = db_query(
	    r->conn,
	    "SELECT string_agg(DISTINCT cost_basis, ','), string_agg(DISTINCT direct_remainder, "
	    "',') FROM (SELECT a.cost_basis, a.direct_remainder FROM result.allocation a WHERE "
	    "a.fiscal_year = $1::smallint AND NOT EXISTS (SELECT 1 FROM etl.closed_year y WHERE "
	    "y.municipality_code = a.municipality_code AND y.fiscal_year = a.fiscal_year) UNION "
	    "ALL SELECT c.cost_basis, c.direct_remainder FROM result.closed_allocation c JOIN "
	    "etl.closed_year y USING (municipality_code, fiscal_year) WHERE c.fiscal_year = "
	    "$1::smallint AND c.version = (SELECT max(version) FROM result.closed_allocation v "
	    "WHERE v.municipality_code = c.municipality_code AND v.fiscal_year = c.fiscal_year)) x",
	    1, params);
	const char *basis, *rest;

	if (res == NULL)
		return;
	basis = PQgetisnull(res, 0, 0) ? "" : PQgetvalue(res, 0, 0);
	rest = PQgetisnull(res, 0, 1) ? "" : PQgetvalue(res, 0, 1);
	fputs("<p class=\"basis\">", f);
	html_escape(f, r->l[L_BASIS]);
	fputs(": ", f);
	html_escape(f, !strcmp(basis, "gross") ? r->l[L_GROSS]
	               : !strcmp(basis, "own") ? r->l[L_OWN]
	                                       : basis);
	if (rest[0]) {
		fputs(". ", f);
		html_escape(f, r->l[L_REMAINDER]);
		fputs(": ", f);
		html_escape(f, !strcmp(rest, "share")   ? r->l[L_SHARE_REST]
		               : !strcmp(rest, "apart") ? r->l[L_APART]
		                                        : rest);
	}
	fputs(".</p>\n", f);
	PQclear(res);
}

static int write_html(struct report *r, PGresult *res, PGresult *rec, PGresult *quality,
                      const char *path)
{
	static const int alloc_cols[] = {4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16};
	const char *alloc_heads[12];
	static const enum label ah[] = {L_ACTIVITY_NAME, L_METHOD,  L_TOTAL,          L_WOMEN,
	                                L_MEN,           L_UNKNOWN, L_NOT_INDIVIDUAL, L_UNALLOCATED,
	                                L_REC_WOMEN,     L_REC_MEN, L_SHARE,          L_BAND};
	const char *rec_heads[4] = {r->l[L_COMMITTEE], r->l[L_LEDGER], r->l[L_ALLOCATED],
	                            r->l[L_DIFFERENCE]};
	static const int rec_cols[] = {1, 2, 3, 4};
	const char *q_heads[5] = {r->l[L_SOURCE], r->l[L_FILE], r->l[L_READ], r->l[L_REJECTED],
	                          r->l[L_COVERAGE]};
	static const int q_cols[] = {1, 2, 3, 4, 5};
	struct outfile out;
	FILE *f;
	int i;

	if (outfile_open(&out, path) != 0)
		return -1;
	f = out.f;
	for (i = 0; i < 12; i++)
		alloc_heads[i] = r->l[ah[i]];
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	        r->l == labels[0] ? "sv" : "en");
	html_escape(f, r->l[L_TITLE]);
	fprintf(f, " %s</title>\n", r->year);
	fputs("<style>\nbody{font-family:'DejaVu Sans',Arial,sans-serif;margin:2em;color:#222}\n"
	      "table{border-collapse:collapse;margin:1em 0;font-size:0.85em}\n"
	      "th,td{border:1px solid #bbb;padding:0.25em 0.5em;text-align:right}\n"
	      "th{background:#eee}td:first-child,th:first-child{text-align:left}\n"
	      ".chart text{font-size:12px}.women{fill:#7b3294}.men{fill:#c2a5cf}\n"
	      ".band{fill:#dddddd}.mid{stroke:#555;stroke-dasharray:3 3}.value{fill:#000}\n"
	      "section{page-break-after:always}\n"
	      "@page{size:A4;margin:15mm}@media print{body{margin:0}}\n</style>\n</head>\n<body>\n",
	      f);
	fprintf(f, "<h1>");
	html_escape(f, r->l[L_TITLE]);
	fprintf(f, " %s</h1>\n<p>", r->year);
	fprintf(f, r->l[L_SUPPRESSED], r->threshold, r->threshold - 1);
	fputs("</p>\n", f);
	html_basis(f, r);
	if (PQntuples(res) > 0 && strcmp(PQgetvalue(res, 0, 18), "t") == 0) {
		fputs("<p><strong>", f);
		html_escape(f, r->l[L_CLOSED]);
		fputs("</strong></p>\n", f);
	}
	for (i = 0; i < PQntuples(res); i++) {
		const char *committee = PQgetvalue(res, i, 1);

		if (i > 0 && strcmp(PQgetvalue(res, i - 1, 1), committee) == 0)
			continue;
		fputs("<section class=\"committee\">\n<h2>", f);
		html_escape(f, PQgetvalue(res, i, 2));
		fputs(" (", f);
		html_escape(f, committee);
		fputs(")</h2>\n", f);
		svg_shares(f, r, res, committee);
		svg_years(f, r, committee);
		html_table(f, res, alloc_heads, 12, committee, alloc_cols, 17,
		           1ul << 12 | 1ul << 13);
		fputs("</section>\n", f);
	}
	/* budget against outcome, when a budget is loaded (report_budget.c) */
	if (report_budget_html(r->conn, r->year, r->committee, r->l != labels[0], f) != 0) {
		outfile_abort(&out);
		return -1;
	}
	fputs("<section>\n<h2>", f);
	html_escape(f, r->l[L_RECON]);
	fputs("</h2>\n", f);
	html_table(f, rec, rec_heads, 4, NULL, rec_cols, -1, 0);
	fputs("<h2>", f);
	html_escape(f, r->l[L_QUALITY]);
	fputs("</h2>\n", f);
	html_table(f, quality, q_heads, 5, NULL, q_cols, -1, 0);
	fputs("</section>\n</body>\n</html>\n", f);
	return outfile_commit(&out);
}

int report_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                 bool english, bool excel)
{
	struct report report = {conn, year, committee, dir, labels[english ? 1 : 0], excel, 5};
	struct report *r = &report;
	const char *params[2] = {year, committee};
	PGresult *res = NULL, *rec = NULL, *quality = NULL;
	struct strbuf path = STRBUF_INIT;
	char *threshold;
	bool error;
	int i, status = EXIT_OK;

	res = allocation_rows(r);
	rec = db_query(
	    r->conn,
	    "SELECT fiscal_year, committee_code, ledger_cost_sek, allocated_sek, "
	    "difference_sek FROM reporting.reconciliation WHERE fiscal_year = $1::smallint "
	    "AND ($2::text IS NULL OR committee_code = $2) ORDER BY committee_code",
	    2, params);
	quality =
	    db_query(r->conn,
	             "SELECT batch_id, source, file_name, records_read, records_rejected, "
	             "coverage_pct FROM reporting.data_quality WHERE status = 'loaded' AND "
	             "extract(year FROM period_min) <= $1::int AND extract(year FROM period_max) "
	             ">= $1::int ORDER BY batch_id",
	             1, params);
	threshold = db_query_value(r->conn, "SELECT result.suppress_below()", 0, NULL, &error);
	if (threshold)
		r->threshold = atoi(threshold);
	free(threshold);
	if (res == NULL || rec == NULL || quality == NULL || error) {
		status = db_exit_status(r->conn);
		goto out;
	}
	if (PQntuples(res) == 0) {
		log_error("no allocation for fiscal year %s%s%s", r->year,
		          r->committee ? " and committee " : "", r->committee ? r->committee : "");
		log_hint("Run \"gbetl allocate --year %s\" first.", r->year);
		status = EXIT_ATTENTION;
		goto out;
	}
	if (mkdir(r->dir, 0755) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", r->dir, strerror(errno));
		status = EXIT_CANTCREAT;
		goto out;
	}
	strbuf_addf(&path, "%s/gbetl-%s-kommun.csv", r->dir, r->year);
	if (r->committee == NULL && write_allocation_csv(r, res, NULL, path.buf) != 0)
		status = EXIT_CANTCREAT;
	for (i = 0; i < PQntuples(res) && status == EXIT_OK; i++) {
		const char *code = PQgetvalue(res, i, 1);

		if (i > 0 && strcmp(PQgetvalue(res, i - 1, 1), code) == 0)
			continue;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/gbetl-%s-%s.csv", r->dir, r->year, code);
		if (write_allocation_csv(r, res, code, path.buf) != 0)
			status = EXIT_CANTCREAT;
	}
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-avstamning.csv", r->dir, r->year);
	if (status == EXIT_OK && write_reconciliation_csv(r, rec, path.buf) != 0)
		status = EXIT_CANTCREAT;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s-budget.csv", r->dir, r->year);
	if (status == EXIT_OK && report_budget_csv(r->conn, r->year, r->committee,
	                                           r->l != labels[0], r->excel, path.buf) < 0)
		status = EXIT_CANTCREAT;
	strbuf_reset(&path);
	strbuf_addf(&path, "%s/gbetl-%s.html", r->dir, r->year);
	if (status == EXIT_OK && write_html(r, res, rec, quality, path.buf) != 0)
		status = EXIT_CANTCREAT;
	if (status == EXIT_OK && report_access_apply(r->dir, r->year) != 0)
		status = EXIT_CANTCREAT;
	if (status == EXIT_OK)
		log_info("wrote the %s report to \"%s\"", r->year, r->dir);
out:
	PQclear(res);
	PQclear(rec);
	PQclear(quality);
	strbuf_release(&path);
	return status;
}
