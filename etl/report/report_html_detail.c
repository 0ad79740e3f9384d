/*
 * report_html_detail.c — a committee's breakdowns in the HTML report (see
 * report_int.h): per activity with recipients, the crude and the
 * age-standardised women's share with the activity's target and whether it
 * is met (reporting.allocation_need), then one table of its cost by age
 * band and by district (reporting.allocation_detail, read once by
 * report_detail.h for the CSV table as well).  Hidden cells arrive merged
 * in the row "övriga (dolda)"; the split by unit stays in the CSV table,
 * where the cost centres' codes belong.
 */
#include "fmt_num.h"
#include "html.h"
#include "report_detail.h"
#include "report_int.h"
#include "strbuf.h"

#include <string.h>

#define EN(r) ((r)->english ? FMT_EN : 0)

/* Whether row i of the breakdowns is of this committee and activity. */
static bool detail_of(PGresult *d, int i, const char *committee, const char *activity)
{
	return strcmp(PQgetvalue(d, i, D_COMMITTEE), committee) == 0 &&
	       strcmp(PQgetvalue(d, i, D_ACTIVITY), activity) == 0;
}

/* "Women's share 73,7 %, age-standardised 68,7 %. Target: … — met." */
static void judgement(FILE *f, const struct report *r, int n)
{
	PGresult *need = r->need;
	const char *target = report_value(need, n, N_TARGET);
	const char *met = report_value(need, n, N_TARGET_MET);
	struct strbuf crude = STRBUF_INIT, std = STRBUF_INIT, tol = STRBUF_INIT;
	const char *verdict = report_label(met == NULL             ? L_TARGET_UNKNOWN
	                                   : strcmp(met, "t") == 0 ? L_TARGET_MET
	                                                           : L_TARGET_NOT_MET,
	                                   r->english);

	fputs("<p class=\"need\">", f);
	if (fmt_percent(&crude, report_value(need, n, N_SHARE), EN(r)) == 0) {
		if (fmt_percent(&std, report_value(need, n, N_SHARE_STANDARDISED), EN(r)) == 0)
			fprintf(f, report_label(L_NEED_SHARES, r->english), crude.buf, std.buf);
		else
			fprintf(f, report_label(L_NEED_SHARE_CRUDE, r->english), crude.buf);
		fputc(' ', f);
	}
	if (target && strcmp(target, "balance") == 0) {
		fprintf(f, report_label(L_TARGET_BALANCE, r->english), verdict);
	} else if (target && strcmp(target, "need") == 0) {
		const char *t = report_value(need, n, N_TOLERANCE);

		if (t == NULL || fmt_number(&tol, t, strchr(t, '.') ? 1 : 0, EN(r)) != 0)
			strbuf_addstr(&tol, "–");
		fprintf(f, report_label(L_TARGET_NEED, r->english), tol.buf, verdict);
	} else {
		fputs(report_label(L_TARGET_NONE, r->english), f);
	}
	fputs("</p>\n", f);
	strbuf_release(&crude);
	strbuf_release(&std);
	strbuf_release(&tol);
}

/* The rows of one breakdown of one activity, under a heading row. */
static void breakdown_rows(FILE *f, const struct report *r, const char *committee,
                           const char *activity, const char *dimension, enum label heading,
                           int columns)
{
	static const struct num_col cols[] = {{D_TOTAL, F_MONEY},     {D_WOMEN, F_MONEY},
	                                      {D_MEN, F_MONEY},       {D_SHARE, F_PCT},
	                                      {D_REC_WOMEN, F_COUNT}, {D_REC_MEN, F_COUNT},
	                                      {D_CPI_WOMEN, F_MONEY}, {D_CPI_MEN, F_MONEY}};
	PGresult *d = r->detail;
	bool headed = false;
	int i;

	for (i = 0; i < PQntuples(d); i++) {
		bool hidden = report_true(d, i, D_SUPPRESSED);

		if (!detail_of(d, i, committee, activity) ||
		    strcmp(PQgetvalue(d, i, D_DIMENSION), dimension) != 0)
			continue;
		if (!headed) {
			fprintf(f, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"%d\">",
			        columns);
			html_escape(f, report_label(heading, r->english));
			fputs("</th></tr>\n", f);
			headed = true;
		}
		fprintf(f, "<tr%s>", hidden ? " class=\"others\"" : "");
		html_text_td(f, report_detail_cell(PQgetvalue(d, i, D_CELL), r->english));
		html_num_tds(f, r, d, i, cols, sizeof(cols) / sizeof(cols[0]), hidden);
		fputs("</tr>\n", f);
	}
}

void report_html_detail(FILE *f, const struct report *r, const char *committee, int index)
{
	static const enum label heads[] = {L_PART,      L_TOTAL,   L_WOMEN_SEK, L_MEN_SEK, L_SHARE,
	                                   L_REC_WOMEN, L_REC_MEN, L_CPI_WOMEN, L_CPI_MEN};
	const size_t columns = sizeof(heads) / sizeof(heads[0]);
	PGresult *need = r->need, *d = r->detail;
	bool opened = false;
	int n, i;

	for (n = 0; n < PQntuples(need); n++) {
		const char *activity = PQgetvalue(need, n, N_ACTIVITY);
		int first = -1;
		bool known = false;

		if (strcmp(PQgetvalue(need, n, N_COMMITTEE), committee) != 0)
			continue;
		for (i = 0; i < PQntuples(d); i++) {
			if (!detail_of(d, i, committee, activity))
				continue;
			if (first < 0)
				first = i;
			known |= strcmp(PQgetvalue(d, i, D_DIMENSION), "unit") != 0 &&
			         !report_detail_unknown(PQgetvalue(d, i, D_CELL));
		}
		if (first < 0)
			continue;
		if (!opened) {
			fprintf(f, "<div class=\"breakdowns\" id=\"d%d\">\n<h3>", index);
			html_escape(f, report_label(L_DETAIL, r->english));
			fputs("</h3>\n<p class=\"note\">", f);
			fprintf(f, report_label(L_DETAIL_LEAD, r->english), r->year);
			fputs("</p>\n", f);
			opened = true;
		}
		fputs("<h4>", f);
		html_escape(f, PQgetvalue(d, first, D_ACTIVITY_NAME));
		fputs("</h4>\n", f);
		judgement(f, r, n);
		if (!known) /* no age nor district known: the cost table says it all */
			continue;
		html_table_open(f, r, NULL, heads, columns);
		breakdown_rows(f, r, committee, activity, "age_band", L_BY_AGE_BAND, (int)columns);
		breakdown_rows(f, r, committee, activity, "district", L_BY_DISTRICT, (int)columns);
		html_table_close(f);
	}
	if (opened)
		fputs("</div>\n", f);
}
