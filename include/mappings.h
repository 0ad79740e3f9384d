/*
 * mappings.h — the mapping tables (the CSV files of mappings/): validate and load.
 *
 * Five files with one header line each: committees, org_units, activities,
 * accounts, service_codes (mappings/README.md).  They are read as
 * spreadsheets save them (sheet.h): UTF-8 or Windows-1252, ';' or ',',
 * CRLF or LF.  Every error names file, line and column; all errors of all
 * files are reported at once.  Loading replaces the municipality's rules in
 * the mapping schema in one transaction and records the set's SHA-256,
 * taken over the rules (not the bytes: the same rules saved another way
 * are the same set); an unchanged set is not loaded again.
 */
#ifndef GBETL_MAPPINGS_H
#define GBETL_MAPPINGS_H

#include <libpq-fe.h>
#include <stdbool.h>

struct mapping_set;

enum mapping_table {
	MAPPING_COMMITTEES,
	MAPPING_ORG_UNITS,
	MAPPING_ACTIVITIES,
	MAPPING_ACCOUNTS,
	MAPPING_SERVICE_CODES,
	MAPPING_TABLES
};

/* A table's file name ("committees.csv"), its number of columns, and the
 * name of column k (0-based; the same name as in the mapping schema). */
const char *mapping_table_file(enum mapping_table t);
int mapping_table_columns(enum mapping_table t);
const char *mapping_table_column(enum mapping_table t, int k);
/* The columns that make two rules the same rule: bit k for column k. */
unsigned mapping_table_key(enum mapping_table t);
/* The column of valid_from (valid_to is the next), or -1 when the table's
 * rules hold in every fiscal year. */
int mapping_table_year_column(enum mapping_table t);

/* The columns the rules of table t in set use: all but an optional last
 * column (activities.csv's target, org_units.csv's district) that no rule
 * fills, so that rules written before it are exported and compared as
 * they were written. */
int mappings_columns_used(const struct mapping_set *set, enum mapping_table t);
/* The same for one rule: all but an empty optional last column. */
int mappings_rule_columns(const struct mapping_set *set, enum mapping_table t, size_t rule);
/* The rules of a table, in file order, and their cells (NULL when empty)
 * and lines. */
size_t mappings_rule_count(const struct mapping_set *set, enum mapping_table t);
const char *mappings_cell(const struct mapping_set *set, enum mapping_table t, size_t rule, int k);
int mappings_rule_line(const struct mapping_set *set, enum mapping_table t, size_t rule);

/* Read and validate the CSV files in dir.  NULL when a file is missing or any rule is
 * invalid (every problem logged). */
struct mapping_set *mappings_read(const char *dir);
void mappings_free(struct mapping_set *set);
/* SHA-256 (hex) over the five files, in a fixed order. */
const char *mappings_checksum(const struct mapping_set *set);

/*
 * The rules as the allocation applies them (result.committee_of() and
 * result.allocate() in schemas/): codes compare as mapping.code_key() orders
 * them, and of several rules valid in the year the one valid from the
 * latest year wins.  For "gbetl extract --check".
 */
/* The committee a cost centre belongs to in a fiscal year, or NULL. */
const char *mappings_committee_of(const struct mapping_set *set, const char *org_code, int year);
/* The activity of a source's service code in a fiscal year, or NULL. */
const char *mappings_service_activity(const struct mapping_set *set, const char *source,
                                      const char *service_code, int year);
/* The type of an account: "cost", "revenue", "internal_revenue" or "ignore"
 * (also when no range covers it). */
const char *mappings_account_type(const struct mapping_set *set, const char *account);
/* True when activities.csv has the activity. */
bool mappings_activity_known(const struct mapping_set *set, const char *activity_code);

/* The rules loaded in the database for municipality_code, as a set
 * (its checksum is computed the same way; lines count rules from 2, as if
 * written after a header).  An empty set when none are loaded; NULL on a
 * database error (logged). */
struct mapping_set *mappings_read_loaded(PGconn *conn, const char *municipality_code);

/* Load into the database for municipality_code, recording changes (what
 * the set changes against the loaded one, as text; may be NULL) with it.
 * *loaded is false when the same set (same checksum) is loaded already.
 * 0 or -1 (logged). */
int mappings_load(PGconn *conn, const struct mapping_set *set, const char *municipality_code,
                  const char *changes, bool *loaded);

#endif
