/*
 * code_check.h — the codes of an extract that no mapping rule matches.
 *
 * "gbetl extract --check" hands every row it would load to a code check,
 * which looks each row's codes up in the mapping rules (mappings.h) for the
 * row's fiscal year, as the allocation will: a cost centre no org_units
 * rule gives a committee, a service code service_codes.csv does not map for
 * the source, an activity code activities.csv does not have.  Such rows are
 * kept and shown as "unmapped" later, never dropped; the check tells the
 * operator before the import, with how many records (and, for the ledger,
 * how much money) each code carries.
 */
#ifndef GBETL_CODE_CHECK_H
#define GBETL_CODE_CHECK_H

#include <stddef.h>
#include <stdio.h>

#include "mappings.h"
#include "record.h"

struct code_check;

/* A check of rows of kind from the named source against set (borrowed; it
 * must outlive the check). */
struct code_check *code_check_new(const struct mapping_set *set, const char *source,
                                  enum record_kind kind);
void code_check_free(struct code_check *check);

/* One COPY text row of the kind (record.h), as the transform wrote it; the
 * trailing newline is optional. */
void code_check_row(struct code_check *check, const char *row, size_t len);

/* The unknown codes, most records first (at most limit lines and a line for
 * the rest), or a line saying every code is known. */
void code_check_print(const struct code_check *check, FILE *out, int limit);

#endif
