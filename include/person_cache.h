/*
 * person_cache.h — what an identity number gives, computed once per person.
 *
 * A person recurs on many rows (a row per service and month), so what the
 * identity number gives — validity, sex, birth date and the pseudonym — is
 * kept in a direct-mapped cache by the number as the source wrote it and
 * the year of the record it is in (a 10-digit number's century depends on
 * that year; whether the person is born after the record, on the day too,
 * is the caller's test per record): a repeated number costs a hash and a
 * compare instead of a parse and an HMAC.  The slots filled are wiped when
 * the cache is freed (only those: wiping all would touch every page of a
 * small file's cache).
 */
#ifndef GBETL_PERSON_CACHE_H
#define GBETL_PERSON_CACHE_H

#include <stdbool.h>

#include "pnr.h"
#include "pseudonym.h"

struct person_cache;

/* What one number says, read against the last day of a year. */
struct person_number {
	bool valid;
	struct pnr number;                 /* when valid */
	char uuid[PSEUDONYM_UUID_LEN + 1]; /* the pseudonym, when valid */
};

/* Numbers are pseudonymised with key; interim numbers are valid when
 * allow_interim (pnr.h). */
struct person_cache *person_cache_new(const struct pseudonym_key *key, bool allow_interim);
/* Wipes what it held; NULL is fine. */
void person_cache_free(struct person_cache *c);

/* What the number id (as the source wrote it, NUL-terminated) says in a
 * record of year; valid until the next lookup. */
const struct person_number *person_cache_lookup(struct person_cache *c, const char *id, int year);

#endif
