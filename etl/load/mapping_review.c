/*
 * mapping_review.c — the loaded rules as files, and the changes of a new
 * set (see mapping_review.h).
 */
#include "mapping_review.h"
#include "csv_out.h"
#include "db.h"
#include "exitcode.h"
#include "log.h"
#include "strbuf.h"
#include "xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int data_years_read(PGconn *conn, const char *municipality_code, struct data_years *years)
{
	const char *params[1] = {municipality_code};
	PGresult *res;
	int i;

	memset(years, 0, sizeof(*years));
	res = db_query(conn,
	               "SELECT fiscal_year, bool_or(closed) FROM ("
	               " SELECT DISTINCT fiscal_year, false AS closed FROM result.allocation"
	               "  WHERE municipality_code = $1"
	               " UNION ALL SELECT fiscal_year, true FROM etl.closed_year"
	               "  WHERE municipality_code = $1) y GROUP BY 1 ORDER BY 1",
	               1, params);
	if (res == NULL)
		return -1;
	years->count = (size_t)PQntuples(res);
	years->year = xcalloc(years->count + 1, sizeof(int));
	years->closed = xcalloc(years->count + 1, sizeof(bool));
	for (i = 0; i < PQntuples(res); i++) {
		years->year[i] = atoi(PQgetvalue(res, i, 0));
		years->closed[i] = PQgetvalue(res, i, 1)[0] == 't';
	}
	PQclear(res);
	return 0;
}

void data_years_release(struct data_years *years)
{
	free(years->year);
	free(years->closed);
	memset(years, 0, sizeof(*years));
}

int mappings_export(const struct mapping_set *set, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	int t, rc = 0;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", dir, strerror(errno));
		return -1;
	}
	for (t = 0; t < MAPPING_TABLES && rc == 0; t++) {
		struct csv_out out;
		size_t i;
		int k, columns = mappings_columns_used(set, (enum mapping_table)t);

		strbuf_reset(&path);
		strbuf_addf(&path, "%s/%s", dir, mapping_table_file((enum mapping_table)t));
		if (csv_out_open(&out, path.buf, true) != 0) {
			rc = -1;
			break;
		}
		for (k = 0; k < columns; k++)
			csv_out_text(&out, mapping_table_column((enum mapping_table)t, k));
		csv_out_end_row(&out);
		for (i = 0; i < mappings_rule_count(set, (enum mapping_table)t); i++) {
			for (k = 0; k < columns; k++)
				csv_out_text(&out, mappings_cell(set, (enum mapping_table)t, i, k));
			csv_out_end_row(&out);
		}
		if (csv_out_close(&out) != 0)
			rc = -1;
	}
	strbuf_release(&path);
	return rc;
}

static bool same_cell(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The rule of set in table t whose key equals rule i of other, or -1. */
static long find_rule(const struct mapping_set *set, enum mapping_table t,
                      const struct mapping_set *other, size_t i)
{
	unsigned key = mapping_table_key(t);
	size_t j;
	int k;

	for (j = 0; j < mappings_rule_count(set, t); j++) {
		for (k = 0; k < mapping_table_columns(t); k++)
			if ((key & (1u << k)) &&
			    !same_cell(mappings_cell(set, t, j, k), mappings_cell(other, t, i, k)))
				break;
		if (k == mapping_table_columns(t))
			return (long)j;
	}
	return -1;
}

static bool same_rule(const struct mapping_set *a, size_t i, const struct mapping_set *b, size_t j,
                      enum mapping_table t)
{
	int k;

	for (k = 0; k < mapping_table_columns(t); k++)
		if (!same_cell(mappings_cell(a, t, i, k), mappings_cell(b, t, j, k)))
			return false;
	return true;
}

static void add_rule(struct strbuf *sb, const struct mapping_set *set, enum mapping_table t,
                     size_t i)
{
	int k;

	for (k = 0; k < mappings_rule_columns(set, t, i); k++) {
		const char *cell = mappings_cell(set, t, i, k);

		strbuf_addf(sb, "%s%s", k ? ";" : "", cell ? cell : "");
	}
}

/* The valid years of a rule: [from, to]; every year when the table has no
 * years; none (from > to) for a rule that is not there (i < 0). */
struct span {
	int from, to;
};

static struct span rule_span(const struct mapping_set *set, enum mapping_table t, long i)
{
	struct span s = {0, 32767};
	int col = mapping_table_year_column(t);

	if (i < 0) {
		s.from = 1;
		s.to = 0;
	} else if (col >= 0) {
		const char *a = mappings_cell(set, t, (size_t)i, col);
		const char *b = mappings_cell(set, t, (size_t)i, col + 1);

		s.from = a ? atoi(a) : 0;
		s.to = b ? atoi(b) : 32767;
	}
	return s;
}

static bool holds(struct span s, int year)
{
	return s.from <= year && year <= s.to;
}

/* True when rules i of a and j of b differ in a cell other than their years. */
static bool differ_beyond_years(const struct mapping_set *a, size_t i, const struct mapping_set *b,
                                size_t j, enum mapping_table t)
{
	int k, col = mapping_table_year_column(t);

	for (k = 0; k < mapping_table_columns(t); k++)
		if ((col < 0 || (k != col && k != col + 1)) &&
		    !same_cell(mappings_cell(a, t, i, k), mappings_cell(b, t, j, k)))
			return true;
	return false;
}

/* Whether a change from old to new touches year: one holds it and the other
 * does not, or the rule itself changed and holds it. */
static bool touches(struct span old, struct span new, bool rule_changed, int year)
{
	bool a = holds(old, year), b = holds(new, year);

	return a != b || (rule_changed && a);
}

/* Appends " (changes 2024, 2025; 2024 is closed: …)" or " (changes no year
 * with figures)" and marks the years in hit. */
static void add_years(struct strbuf *sb, const struct data_years *years, struct span old,
                      struct span new, bool rule_changed, bool *hit)
{
	size_t y, n = 0;

	strbuf_addstr(sb, " (");
	for (y = 0; y < years->count; y++) {
		if (!touches(old, new, rule_changed, years->year[y]))
			continue;
		strbuf_addf(sb, "%s%d", n++ ? ", " : "changes ", years->year[y]);
		hit[y] = true;
	}
	if (n == 0)
		strbuf_addstr(sb, "changes no year with figures");
	for (y = 0; y < years->count; y++)
		if (years->closed[y] && touches(old, new, rule_changed, years->year[y]))
			strbuf_addf(
			    sb, "; %d is closed: its published figures stay until it is reopened",
			    years->year[y]);
	strbuf_addch(sb, ')');
}

/* One line: "org_units.csv: changed OLD -> NEW (changes …)"; old or new is
 * -1 for a rule added or removed. */
static void report(FILE *out, const struct mapping_set *loaded, long old,
                   const struct mapping_set *next, long new, enum mapping_table t,
                   const struct data_years *years, bool *hit)
{
	struct strbuf line = STRBUF_INIT;
	bool rule_changed =
	    old >= 0 && new >= 0 && differ_beyond_years(loaded, (size_t)old, next, (size_t) new, t);

	strbuf_addf(&line, "%s: %s ", mapping_table_file(t),
	            old < 0   ? "added  "
	            : new < 0 ? "removed"
	                      : "changed");
	if (old >= 0)
		add_rule(&line, loaded, t, (size_t)old);
	if (old >= 0 && new >= 0)
		strbuf_addstr(&line, " -> ");
	if (new >= 0)
		add_rule(&line, next, t, (size_t) new);
	add_years(&line, years, rule_span(loaded, t, old), rule_span(next, t, new), rule_changed,
	          hit);
	fprintf(out, "%s\n", line.buf);
	strbuf_release(&line);
}

size_t mappings_print_changes(FILE *out, const struct mapping_set *loaded,
                              const struct mapping_set *next, const struct data_years *years)
{
	struct strbuf summary = STRBUF_INIT;
	bool *hit = xcalloc(years->count + 1, sizeof(bool));
	size_t changes = 0, y, n;
	int t;

	for (t = 0; t < MAPPING_TABLES; t++) {
		enum mapping_table tb = (enum mapping_table)t;
		size_t i, added = 0, removed = 0, changed = 0;

		for (i = 0; i < mappings_rule_count(next, tb); i++) {
			long j = find_rule(loaded, tb, next, i);

			if (j >= 0 && same_rule(next, i, loaded, (size_t)j, tb))
				continue;
			report(out, loaded, j, next, (long)i, tb, years, hit);
			if (j < 0)
				added++;
			else
				changed++;
		}
		for (i = 0; i < mappings_rule_count(loaded, tb); i++) {
			if (find_rule(next, tb, loaded, i) >= 0)
				continue;
			report(out, loaded, (long)i, next, -1, tb, years, hit);
			removed++;
		}
		if (added + removed + changed)
			fprintf(out, "%s: %zu added, %zu removed, %zu changed\n",
			        mapping_table_file(tb), added, removed, changed);
		changes += added + removed + changed;
	}
	if (changes == 0) {
		fprintf(out, "unchanged: the rules are the loaded ones\n");
	} else {
		for (y = 0, n = 0; y < years->count; y++)
			if (hit[y])
				strbuf_addf(&summary, "%s%d", n++ ? ", " : "", years->year[y]);
		fprintf(out, "%zu change%s; the allocation of %s would change\n", changes,
		        changes == 1 ? "" : "s", n ? summary.buf : "no year with figures");
	}
	free(hit);
	strbuf_release(&summary);
	return changes;
}

char *mappings_changes(PGconn *conn, const char *municipality_code, const struct mapping_set *next,
                       size_t *count)
{
	struct mapping_set *loaded = mappings_read_loaded(conn, municipality_code);
	struct data_years years;
	char *text = NULL;
	size_t size = 0;
	FILE *out;

	if (loaded == NULL || data_years_read(conn, municipality_code, &years) != 0) {
		mappings_free(loaded);
		return NULL;
	}
	out = open_memstream(&text, &size);
	if (out == NULL) {
		log_error("out of memory");
		abort();
	}
	*count = mappings_print_changes(out, loaded, next, &years);
	fclose(out);
	data_years_release(&years);
	mappings_free(loaded);
	return text;
}

/* What a controller enters for a code of each mapping file. */
static const char *what_to_fill_in(const char *file)
{
	if (strcmp(file, "org_units.csv") == 0)
		return "the committee of the cost centre (committee_code)";
	if (strcmp(file, "activities.csv") == 0)
		return "the activity: name, method and age band";
	if (strcmp(file, "accounts.csv") == 0)
		return "the account type: cost, revenue, internal_revenue or ignore";
	return "the activity of the service code (activity_code)";
}

long mappings_write_unmapped(PGconn *conn, const char *municipality_code, const char *dir)
{
	static const char *const header[] = {
	    "mapping_file", "source", "code", "fiscal_year", "records", "amount_sek", "to_fill_in"};
	const char *params[1] = {municipality_code};
	struct strbuf path = STRBUF_INIT;
	struct csv_out out;
	PGresult *res;
	long n = -2;
	int i, k;

	res = db_query(conn,
	               "SELECT mapping_file, source, code, fiscal_year, records,"
	               " round(amount_ore / 100.0, 2) FROM result.unmapped_codes($1)",
	               1, params);
	if (res == NULL)
		return -1;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		log_error("could not create directory \"%s\": %s", dir, strerror(errno));
		goto out;
	}
	strbuf_addf(&path, "%s/unmapped.csv", dir);
	if (csv_out_open(&out, path.buf, true) != 0)
		goto out;
	for (k = 0; k < 7; k++)
		csv_out_text(&out, header[k]);
	csv_out_end_row(&out);
	for (i = 0; i < PQntuples(res); i++) {
		for (k = 0; k < 6; k++) {
			const char *v = PQgetisnull(res, i, k) ? NULL : PQgetvalue(res, i, k);

			if (k >= 3)
				csv_out_number(&out, v);
			else
				csv_out_text(&out, v ? v : "(empty)");
		}
		csv_out_text(&out, what_to_fill_in(PQgetvalue(res, i, 0)));
		csv_out_end_row(&out);
	}
	if (csv_out_close(&out) == 0)
		n = PQntuples(res);
out:
	PQclear(res);
	strbuf_release(&path);
	return n;
}

int mappings_export_loaded(PGconn *conn, const char *municipality_code, const char *dir)
{
	struct mapping_set *loaded = mappings_read_loaded(conn, municipality_code);
	int status = EXIT_OK;

	if (loaded == NULL)
		return db_exit_status(conn);
	if (mappings_rule_count(loaded, MAPPING_COMMITTEES) == 0) {
		log_error("no mapping rules are loaded for municipality %s", municipality_code);
		log_hint("Load them first with \"gbetl mappings DIR\".");
		status = EXIT_DATAERR;
	} else if (mappings_export(loaded, dir) != 0) {
		status = EXIT_CANTCREAT;
	} else {
		log_info("wrote the loaded mapping rules to \"%s\" (SHA-256 %.12s…)", dir,
		         mappings_checksum(loaded));
	}
	mappings_free(loaded);
	return status;
}

int mappings_report_unmapped(PGconn *conn, const char *municipality_code, const char *dir)
{
	long n = mappings_write_unmapped(conn, municipality_code, dir);

	if (n == -1)
		return db_exit_status(conn);
	if (n == -2)
		return EXIT_CANTCREAT;
	log_info("wrote %ld code%s that no mapping rule maps to \"%s/unmapped.csv\"", n,
	         n == 1 ? "" : "s", dir);
	return EXIT_OK;
}

int mappings_load_reviewed(PGconn *conn, const struct gbetl_config *cfg,
                           const struct mapping_set *set, const char *dir, bool dry_run)
{
	char *changes;
	size_t count = 0;
	bool loaded = false;
	int status = EXIT_OK;

	changes = mappings_changes(conn, cfg->municipality_code, set, &count);
	if (changes == NULL)
		return db_exit_status(conn);
	if (dry_run) {
		fputs(changes, stdout);
		log_info("nothing was loaded (--dry-run)");
		goto out;
	}
	if (db_apply_settings(conn, cfg->suppress_below) != 0 ||
	    mappings_load(conn, set, cfg->municipality_code, changes, &loaded) != 0) {
		status = db_exit_status(conn);
		goto out;
	}
	if (loaded && log_get_level() <= LOG_LEVEL_INFO) /* -q: errors only */
		fputs(changes, stdout);
	log_info(loaded ? "loaded the mapping rules from \"%s\" (SHA-256 %.12s…)"
	                : "the mapping rules from \"%s\" are loaded already (SHA-256 %.12s…)",
	         dir, mappings_checksum(set));
out:
	free(changes);
	return status;
}
