/*
 * report_detail.c — the breakdowns by age band, district and unit as a CSV
 * table (see report_detail.h).  Reads reporting.allocation_detail only.
 */
#include "report_detail.h"
#include "csv_out.h"
#include "db.h"
#include "strbuf.h"

#include <string.h>

#define COLUMNS 21

static const char *const heads[2][COLUMNS] = {
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

/* The breakdown's name in the report's language. */
static const char *dimension_label(const char *dimension, bool english)
{
	if (strcmp(dimension, "age_band") == 0)
		return english ? "age band" : "åldersgrupp";
	if (strcmp(dimension, "district") == 0)
		return english ? "district" : "område";
	return english ? "unit" : "enhet";
}

/* Text columns of the query (0-based); the rest are numbers but the last,
 * the suppressed flag. */
static bool is_text(int col)
{
	return (col >= 1 && col <= 6);
}

int report_detail_write(PGconn *conn, const char *year, const char *committee, const char *dir,
                        bool english, bool excel)
{
	const char *params[2] = {year, committee};
	struct strbuf path = STRBUF_INIT;
	struct csv_out c;
	PGresult *res;
	int i, col, status = -1;

	res = db_query(
	    conn,
	    "SELECT fiscal_year, committee_code, activity_code, activity_name, dimension, cell, "
	    "target, cost_total_sek, cost_women_sek, cost_men_sek, cost_unknown_sek, "
	    "cost_not_individual_sek, cost_unallocated_sek, recipients_women, recipients_men, "
	    "share_women_pct, population_women, population_men, cost_per_inhabitant_women_sek, "
	    "cost_per_inhabitant_men_sek, recipients_suppressed "
	    "FROM reporting.allocation_detail WHERE fiscal_year = $1::smallint "
	    "AND ($2::text IS NULL OR committee_code = $2) "
	    "AND (NOT recipients_suppressed OR cell = 'övriga (dolda)') "
	    "ORDER BY committee_code, activity_code, dimension, cell = 'övriga (dolda)', "
	    "cell_order NULLS LAST, cell",
	    2, params);
	if (res == NULL) {
		status = -2;
		goto out;
	}
	strbuf_addf(&path, "%s/gbetl-%s-fordelning.csv", dir, year);
	if (csv_out_open(&c, path.buf, excel) != 0)
		goto out;
	for (col = 0; col < COLUMNS; col++)
		csv_out_text(&c, heads[english ? 1 : 0][col]);
	csv_out_end_row(&c);
	for (i = 0; i < PQntuples(res); i++) {
		for (col = 0; col < COLUMNS - 1; col++) {
			const char *v = PQgetisnull(res, i, col) ? NULL : PQgetvalue(res, i, col);

			if (col == 4)
				csv_out_text(&c, dimension_label(v, english));
			else if (is_text(col))
				csv_out_text(&c, v);
			else
				csv_out_number(&c, v);
		}
		csv_out_text(&c, strcmp(PQgetvalue(res, i, COLUMNS - 1), "t") == 0
		                     ? (english ? "yes" : "ja")
		                     : "");
		csv_out_end_row(&c);
	}
	if (csv_out_close(&c) == 0)
		status = 0;
out:
	PQclear(res);
	strbuf_release(&path);
	return status;
}
