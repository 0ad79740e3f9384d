/*
 * report_detail.c — the breakdowns by age band, district and unit: the one
 * reading of reporting.allocation_detail, and the CSV table (see
 * report_detail.h).
 */
#include "report_detail.h"
#include "csv_out.h"
#include "db.h"
#include "strbuf.h"

#include <string.h>

static const char *const heads[2][D_COLUMNS] = {
    {"År",
     "Nämnd",
     "Verksamhet",
     "Verksamhetens namn",
     "Indelning",
     "Del",
     "Mål",
     "Kostnad totalt (kr)",
     "Kvinnor (kr)",
     "Män (kr)",
     "Okänt kön (kr)",
     "Ej individbaserat (kr)",
     "Ej fördelat (kr)",
     "Brukare kvinnor",
     "Brukare män",
     "Kvinnors andel (%)",
     "Invånare kvinnor",
     "Invånare män",
     "Kostnad per invånare kvinnor (kr)",
     "Kostnad per invånare män (kr)",
     "Dold (röjandeskydd)"},
    {"Year",
     "Committee",
     "Activity",
     "Activity name",
     "Breakdown",
     "Cell",
     "Target",
     "Total cost (SEK)",
     "Women (SEK)",
     "Men (SEK)",
     "Unknown sex (SEK)",
     "Not individual-based (SEK)",
     "Unallocated (SEK)",
     "Recipients, women",
     "Recipients, men",
     "Women's share (%)",
     "Inhabitants, women",
     "Inhabitants, men",
     "Cost per inhabitant, women (SEK)",
     "Cost per inhabitant, men (SEK)",
     "Suppressed (disclosure control)"},
};

const char *report_detail_dimension(const char *dimension, bool english)
{
	if (strcmp(dimension, "age_band") == 0)
		return english ? "age band" : "åldersgrupp";
	if (strcmp(dimension, "district") == 0)
		return english ? "district" : "område";
	return english ? "unit" : "enhet";
}

/* The cells the view names itself: the hidden ones together, then the
 * unknown cell of each breakdown. */
static const char *const names[][2] = {{REPORT_DETAIL_OTHERS, "others (hidden)"},
                                       {"okänd ålder", "unknown age"},
                                       {"okänt område", "unknown district"},
                                       {"okänd enhet", "unknown unit"}};

const char *report_detail_cell(const char *cell, bool english)
{
	size_t i;

	for (i = 0; english && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(cell, names[i][0]) == 0)
			return names[i][1];
	return cell;
}

bool report_detail_unknown(const char *cell)
{
	size_t i;

	for (i = 1; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(cell, names[i][0]) == 0)
			return true;
	return false;
}

/* Text columns of the query (0-based); the rest are numbers but the last,
 * the suppressed flag. */
static bool is_text(int col)
{
	return (col >= D_COMMITTEE && col <= D_TARGET);
}

PGresult *report_detail_rows(PGconn *conn, const char *year, const char *committee)
{
	const char *params[2] = {year, committee};

	return db_query(
	    conn,
	    "SELECT fiscal_year, committee_code, activity_code, activity_name, dimension, cell, "
	    "target, cost_total_sek, cost_women_sek, cost_men_sek, cost_unknown_sek, "
	    "cost_not_individual_sek, cost_unallocated_sek, recipients_women, recipients_men, "
	    "share_women_pct, population_women, population_men, cost_per_inhabitant_women_sek, "
	    "cost_per_inhabitant_men_sek, recipients_suppressed "
	    "FROM reporting.allocation_detail WHERE fiscal_year = $1::smallint "
	    "AND ($2::text IS NULL OR committee_code = $2) "
	    "AND (NOT recipients_suppressed OR cell = '" REPORT_DETAIL_OTHERS "') "
	    "ORDER BY committee_code, activity_code, dimension, cell = '" REPORT_DETAIL_OTHERS "', "
	    "cell_order NULLS LAST, cell",
	    2, params);
}

int report_detail_write(PGresult *rows, const char *year, const char *dir, bool english, bool excel)
{
	struct strbuf path = STRBUF_INIT;
	struct csv_out c;
	int i, col, status = -1;

	strbuf_addf(&path, "%s/gbetl-%s-fordelning.csv", dir, year);
	if (csv_out_open(&c, path.buf, excel) != 0)
		goto out;
	for (col = 0; col < D_COLUMNS; col++)
		csv_out_text(&c, heads[english ? 1 : 0][col]);
	csv_out_end_row(&c);
	for (i = 0; i < PQntuples(rows); i++) {
		for (col = 0; col < D_SUPPRESSED; col++) {
			const char *v = PQgetisnull(rows, i, col) ? NULL : PQgetvalue(rows, i, col);

			if (col == D_DIMENSION)
				csv_out_text(&c, report_detail_dimension(v, english));
			else if (col == D_CELL)
				csv_out_text(&c, report_detail_cell(v, english));
			else if (is_text(col))
				csv_out_text(&c, v);
			else
				csv_out_number(&c, v);
		}
		csv_out_text(&c, strcmp(PQgetvalue(rows, i, D_SUPPRESSED), "t") == 0
		                     ? (english ? "yes" : "ja")
		                     : "");
		csv_out_end_row(&c);
	}
	if (csv_out_close(&c) == 0)
		status = 0;
out:
	strbuf_release(&path);
	return status;
}
