/*
 * transform.h — from a raw record to canonical rows or a reject.
 *
 * The transform is where values are judged: required fields per kind,
 * amounts to öre (exact, from decimal text; never floating point), dates by
 * the source's formats with real calendar checks, ranges, value maps.  It
 * sex-codes and pseudonymises every person field (person_id, co_person_id):
 * the identity number is parsed (pnr.h), turned into a keyed pseudonym
 * (pseudonym.h), and dropped — it never appears in a row, a reject (values
 * are masked) or a message.  A record whose number is invalid is kept
 * (id_status 'i'), as docs/design.md says.
 *
 * Rows are COPY text lines of the kind's columns (record.h); an aggregate
 * record with counts per sex gives one row per sex.
 *
 * Its parts: value_parse.h (amounts, quantities, numbers), date.h (dates),
 * person_cache.h (a number parsed and pseudonymised once per person),
 * copy_text.h (the rows' encoding) and transform_rows.h (one builder per
 * record kind).
 */
#ifndef GBETL_TRANSFORM_H
#define GBETL_TRANSFORM_H

#include "pnr.h"
#include "reader.h"
#include "sink.h"
#include "source.h"
#include "strbuf.h"

struct pseudonym_key;
struct transform;

/* key may be NULL only when the source maps no person field.  An identity
 * number is read against the date of its record (period_start); reference
 * is the date for a record without one (the file's modification time or
 * extract's --reference-date). */
struct transform *transform_new(const struct source_def *def, const struct pseudonym_key *key,
                                const struct pnr_date *reference);
void transform_free(struct transform *t);

/*
 * Transform one record.  Appends its rows to out and returns how many (at
 * least 1); or fills *reject (its strings owned by t, valid until the next
 * call) and returns 0.  Records with a problem the reader saw are rejects.
 */
int transform_record(struct transform *t, const struct raw_record *rec, struct strbuf *out,
                     struct reject *reject);

/* After the last record: for a source with allow_negative = yes whose files
 * replace their periods (replace = period), 0 when no
 * correction took a person's or a month's total quantity (by service code
 * and cost centre) below zero; else -1 with *what saying whose total (a
 * pseudonym, never an identity number; owned by t) and *line the last line
 * that touched it. */
int transform_check_totals(const struct transform *t, long *line, const char **what);

/* Counts so far: persons, sex_known, sex_conflicts, id_invalid and the
 * period covered (the other trailer fields are the caller's). */
void transform_counts(const struct transform *t, struct batch_trailer *counts);

#endif
