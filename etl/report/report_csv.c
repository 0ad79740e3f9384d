/*
 * report_csv.c — the CSV tables of the report: per committee and activity,
 * the municipality's summary, the reconciliation (see report.h).
 *
 * Excel style: headers and labels in the report's language (a method is
 * "volym", never "volume").  Plain style: the same headers, but the
 * database's codes in the cells, for scripts.  Amounts keep their öre in
 * both: a table must add up to the ledger.
 */
#include "csv_out.h"
#include "report_int.h"

#include <string.h>

/* A code as the reader sees it (Excel style) or as the database has it. */
static void code_cell(struct csv_out *c, const struct report *r, enum code_kind kind,
                      const char *code)
{
	const char *label = report_code_label(kind, code, r->english);

	csv_out_text(c, r->excel && label ? label : code);
}

/* Open path as a CSV table in the report's style and write its heads (n
 * labels); 0 or -1 (logged). */
static int open_table(struct csv_out *c, const struct report *r, const char *path,
                      const enum label *h, size_t n)
{
	size_t i;

	if (csv_out_open(c, path, r->excel) != 0)
		return -1;
	for (i = 0; i < n; i++)
		csv_out_text(c, report_label(h[i], r->english));
	csv_out_end_row(c);
	return 0;
}

/* The n columns cols of row i of res as numbers. */
static void numbers(struct csv_out *c, PGresult *res, int i, const int *cols, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		csv_out_number(c, report_value(res, i, cols[k]));
}

/* Whether the activity's target is met (row i of res): empty without a
 * judgement; the report's words (Excel style) or true/false. */
static const char *target_met_cell(const struct report *r, PGresult *res, int i)
{
	bool met = report_true(res, i, A_TARGET_MET);

	if (report_value(res, i, A_TARGET_MET) == NULL)
		return "";
	if (!r->excel)
		return met ? "true" : "false";
	return report_label(met ? L_TARGET_MET : L_TARGET_NOT_MET, r->english);
}

int report_csv_allocation(struct report *r, const char *committee, const char *path)
{
	static const enum label h[] = {
	    L_YEAR,           L_COMMITTEE,   L_COMMITTEE_NAME, L_ACTIVITY,      L_ACTIVITY_NAME,
	    L_METHOD,         L_TOTAL,       L_WOMEN_SEK,      L_MEN_SEK,       L_UNKNOWN,
	    L_NOT_INDIVIDUAL, L_UNALLOCATED, L_CSV_REC_WOMEN,  L_CSV_REC_MEN,   L_SHARE,
	    L_INDEX,          L_BAND,        L_COST_BASIS,     L_VOLUME_WOMEN,  L_VOLUME_MEN,
	    L_UNIT,           L_CPR_WOMEN,   L_CPR_MEN,        L_VPR_WOMEN,     L_VPR_MEN,
	    L_POP_WOMEN,      L_POP_MEN,     L_CPI_WOMEN,      L_CPI_MEN,       L_POP_SHARE,
	    L_HIDDEN,         L_CSV_TARGET,  L_CSV_STD_SHARE,  L_CSV_TARGET_MET};
	static const int money[] = {A_TOTAL,          A_WOMEN,       A_MEN,       A_UNKNOWN,
	                            A_NOT_INDIVIDUAL, A_UNALLOCATED, A_REC_WOMEN, A_REC_MEN,
	                            A_SHARE,          A_INDEX};
	static const int figures[] = {A_CPR_WOMEN, A_CPR_MEN,   A_VPR_WOMEN,
	                              A_VPR_MEN,   A_POP_WOMEN, A_POP_MEN,
	                              A_CPI_WOMEN, A_CPI_MEN,   A_POP_SHARE};
	PGresult *res = r->alloc;
	struct csv_out c;
	int i;

	if (open_table(&c, r, path, h, sizeof(h) / sizeof(h[0])) != 0)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		bool hidden = report_true(res, i, A_SUPPRESSED);

		if (committee && strcmp(PQgetvalue(res, i, A_COMMITTEE), committee) != 0)
			continue;
		csv_out_number(&c, report_value(res, i, A_YEAR));
		csv_out_text(&c, PQgetvalue(res, i, A_COMMITTEE));
		csv_out_text(
		    &c, r->excel ? report_committee_name(r, res, i, A_COMMITTEE, A_COMMITTEE_NAME)
		                 : PQgetvalue(res, i, A_COMMITTEE_NAME));
		csv_out_text(&c, PQgetvalue(res, i, A_ACTIVITY));
		csv_out_text(&c, r->excel ? report_activity_name(r, i)
		                          : PQgetvalue(res, i, A_ACTIVITY_NAME));
		code_cell(&c, r, CODE_METHOD, PQgetvalue(res, i, A_METHOD));
		numbers(&c, res, i, money, sizeof(money) / sizeof(money[0]));
		code_cell(&c, r, CODE_BAND, report_value(res, i, A_BAND));
		code_cell(&c, r, CODE_COST_BASIS, report_value(res, i, A_COST_BASIS));
		csv_out_number(&c, report_value(res, i, A_VOL_WOMEN));
		csv_out_number(&c, report_value(res, i, A_VOL_MEN));
		code_cell(&c, r, CODE_UNIT, report_value(res, i, A_UNIT));
		numbers(&c, res, i, figures, sizeof(figures) / sizeof(figures[0]));
		if (r->excel)
			csv_out_text(&c, hidden ? report_label(L_YES, r->english) : "");
		else
			csv_out_text(&c, hidden ? "true" : "false");
		code_cell(&c, r, CODE_TARGET, report_value(res, i, A_TARGET));
		csv_out_number(&c, report_value(res, i, A_STD_SHARE));
		csv_out_text(&c, target_met_cell(r, res, i));
		csv_out_end_row(&c);
	}
	return csv_out_close(&c);
}

int report_csv_summary(struct report *r, const char *path)
{
	static const enum label h[] = {
	    L_COMMITTEE, L_COMMITTEE_NAME, L_TOTAL,          L_WOMEN_SEK,
	    L_MEN_SEK,   L_UNKNOWN,        L_NOT_INDIVIDUAL, L_UNALLOCATED,
	    L_SHARE,     L_BAND,           L_SHARE_CHANGE,   L_POP_WOMEN,
	    L_POP_MEN,   L_POP_SHARE,      L_CPI_WOMEN,      L_CPI_MEN};
	static const int mcols[] = {M_TOTAL,          M_WOMEN,       M_MEN,  M_UNKNOWN,
	                            M_NOT_INDIVIDUAL, M_UNALLOCATED, M_SHARE};
	static const int mtail[] = {M_POP_WOMEN, M_POP_MEN, M_POP_SHARE, M_CPI_WOMEN, M_CPI_MEN};
	static const int ccols[] = {C_TOTAL,          C_WOMEN,       C_MEN,  C_UNKNOWN,
	                            C_NOT_INDIVIDUAL, C_UNALLOCATED, C_SHARE};
	PGresult *m = r->muni, *cm = r->committees;
	struct csv_out c;
	size_t k;
	int i;

	if (open_table(&c, r, path, h, sizeof(h) / sizeof(h[0])) != 0)
		return -1;
	if (PQntuples(m) > 0) {
		csv_out_text(&c, PQgetvalue(m, 0, M_CODE));
		csv_out_text(&c, r->excel ? report_label(L_WHOLE_MUNICIPALITY, r->english)
		                          : r->municipality_name);
		numbers(&c, m, 0, mcols, sizeof(mcols) / sizeof(mcols[0]));
		code_cell(&c, r, CODE_BAND, report_value(m, 0, M_BAND));
		csv_out_number(&c, report_value(m, 0, M_SHARE_CHANGE));
		numbers(&c, m, 0, mtail, sizeof(mtail) / sizeof(mtail[0]));
		csv_out_end_row(&c);
	}
	for (i = 0; i < PQntuples(cm); i++) {
		csv_out_text(&c, PQgetvalue(cm, i, C_COMMITTEE));
		csv_out_text(&c, r->excel ? report_committee_name(r, cm, i, C_COMMITTEE, C_NAME)
		                          : PQgetvalue(cm, i, C_NAME));
		numbers(&c, cm, i, ccols, sizeof(ccols) / sizeof(ccols[0]));
		code_cell(&c, r, CODE_BAND, report_value(cm, i, C_BAND));
		csv_out_number(&c, report_value(cm, i, C_SHARE_CHANGE));
		for (k = 0; k < sizeof(mtail) / sizeof(mtail[0]); k++)
			csv_out_text(&c, NULL); /* population: the municipality's row only */
		csv_out_end_row(&c);
	}
	return csv_out_close(&c);
}

int report_csv_reconciliation(struct report *r, const char *path)
{
	static const enum label h[] = {L_YEAR, L_COMMITTEE, L_LEDGER, L_ALLOCATED, L_DIFFERENCE};
	static const int amounts[] = {2, 3, 4};
	PGresult *rec = r->rec;
	struct csv_out c;
	int i;

	if (open_table(&c, r, path, h, sizeof(h) / sizeof(h[0])) != 0)
		return -1;
	for (i = 0; i < PQntuples(rec); i++) {
		csv_out_number(&c, report_value(rec, i, 0));
		csv_out_text(&c, report_value(rec, i, 1));
		numbers(&c, rec, i, amounts, sizeof(amounts) / sizeof(amounts[0]));
		csv_out_end_row(&c);
	}
	return csv_out_close(&c);
}
