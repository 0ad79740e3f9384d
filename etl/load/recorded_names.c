/*
 * recorded_names.c — mask identity numbers in file names recorded before
 * gbetl masked them (see recorded_names.h).
 */
#include "recorded_names.h"
#include "db.h"
#include "pnr_scan.h"

#include <assert.h>
#include <string.h>

/* Names with at least ten digits in them: the only ones that can hold a
 * number (the detector decides). */
#define CANDIDATE "~ '([0-9][^0-9]*){10}'"

/* Mask the names of rows of query (key columns first, the name last), each
 * changed one written back by update with the same keys and the masked
 * name as the last parameter.  Returns the count or -1. */
static long mask_rows(PGconn *conn, const char *query, const char *update, int keys)
{
	PGresult *res = db_query(conn, query, 0, NULL);
	const char *params[8];
	long masked = 0;
	int i, k;

	if (res == NULL)
		return -1;
	assert(keys + 1 <= (int)(sizeof(params) / sizeof(params[0])));
	for (i = 0; i < PQntuples(res); i++) {
		char shown[1024];
		const char *name = PQgetvalue(res, i, keys);

		if (pnr_scan_mask_str(name, shown, sizeof(shown)) == 0)
			continue;
		for (k = 0; k < keys; k++)
			params[k] = PQgetvalue(res, i, k);
		params[keys] = shown;
		if (db_command(conn, update, keys + 1, params) != 0) {
			masked = -1;
			break;
		}
		masked++;
	}
	PQclear(res);
	return masked;
}

long recorded_names_mask(PGconn *conn)
{
	long batches, closes;

	if (db_exec(conn, "BEGIN") != 0)
		return -1;
	batches =
	    mask_rows(conn, "SELECT batch_id, file_name FROM etl.batch WHERE file_name " CANDIDATE,
	              "UPDATE etl.batch SET file_name = $2 WHERE batch_id = $1", 1);
	closes = batches < 0
	             ? -1
	             : mask_rows(conn,
	                         "SELECT c.municipality_code, c.fiscal_year, c.version, "
	                         "(e.n - 1)::text, e.b->>'file_name' FROM "
	                         "result.year_close c, jsonb_array_elements(c.batches) "
	                         "WITH ORDINALITY AS e(b, n) WHERE e.b->>'file_name' " CANDIDATE,
	                         "UPDATE result.year_close SET batches = "
	                         "jsonb_set(batches, ARRAY[$4, 'file_name'], to_jsonb($5::text)) "
	                         "WHERE municipality_code = $1 AND fiscal_year = $2::smallint "
	                         "AND version = $3::integer",
	                         4);
	if (closes < 0 || db_exec(conn, "COMMIT") != 0) {
		PQclear(PQexec(conn, "ROLLBACK"));
		return -1;
	}
	return batches + closes;
}
