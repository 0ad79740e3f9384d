/*
 * mapping_review.h — what a controller sees of the mapping rules: the
 * loaded set written back as files to edit, and the changes a new set
 * would make, before it is loaded.
 */
#ifndef GBETL_MAPPING_REVIEW_H
#define GBETL_MAPPING_REVIEW_H

#include "config.h"
#include "mappings.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

/* The fiscal years that have figures, and whether each is closed. */
struct data_years {
	size_t count;
	int *year;
	bool *closed;
};

/* The years that have an allocation or are closed, for municipality_code.
 * 0 or -1 (logged); data_years_release frees what it filled. */
int data_years_read(PGconn *conn, const char *municipality_code, struct data_years *years);
void data_years_release(struct data_years *years);

/* Write set into dir (created when missing) as the five files "gbetl
 * mappings" reads, as Swedish Excel opens them with a double click: UTF-8
 * with a byte order mark, ';' between cells, CRLF; text that a spreadsheet
 * would take for a formula is protected (csv_out.h) and read back as it
 * was (sheet.h).  Existing files are replaced.  0 or -1 (logged). */
int mappings_export(const struct mapping_set *set, const char *dir);

/* Print to out, table by table, the rules that next adds, removes and
 * changes against loaded — a rule is the same rule when its key columns
 * are equal (mapping_table_key) — each with the fiscal years among years
 * whose allocation it changes; then one summary line.  Returns the number
 * of changes. */
size_t mappings_print_changes(FILE *out, const struct mapping_set *loaded,
                              const struct mapping_set *next, const struct data_years *years);

/* What next changes against the rules loaded for municipality_code, as
 * mappings_print_changes() writes it (malloc'd; the caller frees it);
 * *count gets the number of changes.  NULL on a database error (logged). */
char *mappings_changes(PGconn *conn, const char *municipality_code, const struct mapping_set *next,
                       size_t *count);

/* Write dir/unmapped.csv (created or replaced; Excel style, csv_out.h):
 * the codes no rule maps, per mapping file, source, code and fiscal year,
 * with rows and ledger amount and what to fill in — result.unmapped_codes().
 * Returns the number of codes, or -1 on a database error and -2 when the
 * file could not be written (both logged). */
long mappings_write_unmapped(PGconn *conn, const char *municipality_code, const char *dir);

/* "gbetl mappings --export DIR": the loaded rules as files
 * (mappings_export()), and "--unmapped DIR" (mappings_write_unmapped()),
 * each saying what it wrote.  They return an exit status: 0; 65 no rules
 * are loaded (export); 73 the files could not be written; else that of
 * the connection. */
int mappings_export_loaded(PGconn *conn, const char *municipality_code, const char *dir);
int mappings_report_unmapped(PGconn *conn, const char *municipality_code, const char *dir);

/* "gbetl mappings [--dry-run] [DIR]": load set, read from dir, for the
 * configuration's municipality (with its suppress_below applied), unless
 * it is loaded already, printing to stdout what it changes (not under -q);
 * with dry_run only print the changes.  Returns an exit status: 0, or
 * that of the connection (logged). */
int mappings_load_reviewed(PGconn *conn, const struct gbetl_config *cfg,
                           const struct mapping_set *set, const char *dir, bool dry_run);

#endif
