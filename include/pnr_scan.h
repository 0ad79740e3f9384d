/*
 * pnr_scan.h — find and mask identity numbers inside any text.
 *
 * An identity number may turn up where none belongs: typed into a cost
 * centre, a district or a ledger text, or in a file name.  pnr_scan finds
 * every one inside arbitrary text, in every written form — 10 or 12 digits,
 * with or without a '-' or '+' before the last four — that pnr_parse()
 * (pnr.h, the one parser) accepts as a personnummer or samordningsnummer: a
 * real date (day + 60 for a samordningsnummer) and a right check digit.  A
 * candidate must stand alone: a digit right before or after it makes it
 * part of a longer number, which is not an identity number.
 *
 * The mask is "YYYYMMDD-****" (the century of a 10-digit form from today's
 * date, as pnr_parse() infers it): the date of birth stays readable, the
 * birth number and check digit never.
 *
 * Fast on the common case: a text with fewer than ten digits is skipped
 * after one pass that only counts digits.  Nothing here logs or allocates
 * except pnr_scan_mask_to() into the caller's strbuf.
 */
#ifndef GBETL_PNR_SCAN_H
#define GBETL_PNR_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "strbuf.h"

struct raw_record;
struct source_def;

/* Length of the mask "YYYYMMDD-****". */
#define PNR_SCAN_MASK_LEN 13

/*
 * Find the first identity number in s[0, len) at or after offset from:
 * true, with [*start, *end) its bytes and mask (at least
 * PNR_SCAN_MASK_LEN + 1 bytes, may be NULL) its mask; false when none.
 */
bool pnr_scan_find(const char *s, size_t len, size_t from, size_t *start, size_t *end, char *mask);

/* True when s[0, len) holds an identity number. */
bool pnr_scan_contains(const char *s, size_t len);

/* Append s[0, len) to out with every identity number masked; returns how
 * many were masked. */
size_t pnr_scan_mask_to(struct strbuf *out, const char *s, size_t len);

/* Mask the NUL-terminated string s into out (size outsz, always
 * NUL-terminated, truncated if need be); returns how many were masked. */
size_t pnr_scan_mask_str(const char *s, char *out, size_t outsz);

/* The fields of a source's records that may hold text to check: those its
 * definition maps (a SIE reader fills its fields itself: all of them), less
 * the identity fields.  Made once per file. */
struct pnr_scan_plan {
	int count;
	unsigned char field[FIELD_COUNT_ALL];
};
void pnr_scan_plan_init(struct pnr_scan_plan *plan, const struct source_def *def);

/*
 * The record check of the transform, over the plan's fields.  Fields that hold an identity number
 * by design (person_id, co_person_id) are left alone.  In free text (the
 * ledger text, self-reported gender) every number is masked: then *copy is
 * rec with those values replaced by masked ones kept in buf, and
 * PNR_SCAN_MASKED is returned.  In any other field (codes, districts,
 * accounts, amounts, dates) a number makes the record a reject: the field's
 * id is returned (>= 0).  PNR_SCAN_CLEAN when nothing was found.  The
 * record's length[] must be set for every value (reader.h).
 */
enum { PNR_SCAN_CLEAN = -1, PNR_SCAN_MASKED = -2 };
int pnr_scan_record(const struct pnr_scan_plan *plan, const struct raw_record *rec,
                    struct raw_record *copy, struct strbuf *buf);

/* The reject reason for a number in a field that is not an identity field. */
#define PNR_SCAN_REJECT_REASON "identity number in a non-identity field"

#endif
