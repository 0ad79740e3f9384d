/*
 * person_cache.c — identity numbers parsed and pseudonymised once (person_cache.h).
 */
#include "person_cache.h"
#include "xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CACHE_SIZE   16384
#define CACHE_ID_MAX 23 /* longer "numbers" are never valid; they bypass the cache */

struct cache_entry {
	unsigned char id_len; /* 0: unused */
	char id[CACHE_ID_MAX];
	int year; /* of the record the number was read against */
	struct person_number what;
};

struct person_cache {
	const struct pseudonym_key *key;
	bool allow_interim;
	struct cache_entry *slots;   /* made at the first number */
	unsigned char *used;         /* a bit per slot: filled, to be wiped */
	struct cache_entry uncached; /* a number too long for the cache */
};

struct person_cache *person_cache_new(const struct pseudonym_key *key, bool allow_interim)
{
	struct person_cache *c = xcalloc(1, sizeof(*c));

	c->key = key;
	c->allow_interim = allow_interim;
	return c;
}

void person_cache_free(struct person_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; c->slots != NULL && i < CACHE_SIZE; i++)
		if (c->used[i / 8] & (1u << (i % 8)))
			explicit_bzero(&c->slots[i], sizeof(c->slots[i]));
	explicit_bzero(&c->uncached, sizeof(c->uncached));
	free(c->used);
	free(c->slots);
	free(c);
}

/* Parse an identity number as written in a record of year, and pseudonymise
 * a valid one, into e.  Read against the year's last day. */
static void identify(struct person_cache *c, const char *id, size_t len, int year,
                     struct cache_entry *e)
{
	const struct pnr_date year_end = {year, 12, 31};

	e->year = year;
	e->what.valid = pnr_parse(id, len, &year_end, c->allow_interim, &e->what.number);
	if (e->what.valid) {
		unsigned char key[PSEUDONYM_BYTES];

		pseudonym_compute(c->key, e->what.number.canonical, 12, key);
		pseudonym_to_uuid(key, e->what.uuid);
	}
}

/* A slot for an id of at most CACHE_ID_MAX bytes: its first and last eight
 * bytes (all of a 10- to 16-character number), read whole. */
static size_t id_slot(const char *id, size_t len)
{
	uint64_t head = 0, tail = 0, h;

	if (len >= 8) {
		memcpy(&head, id, 8);
		memcpy(&tail, id + len - 8, 8);
	} else {
		size_t i;

		for (i = 0; i < len; i++)
			head = head << 8 | (unsigned char)id[i];
	}
	h = (head ^ len) * 0x9E3779B97F4A7C15u;
	h = (h ^ (h >> 29) ^ tail) * 0xBF58476D1CE4E5B9u;
	return (size_t)(h >> 40) % CACHE_SIZE;
}

/* id equals the slot's: the common 10- to 16-byte case in two word compares. */
static inline bool same_id(const char *x, const char *y, size_t len)
{
	uint64_t a, b, c, d;

	if (len >= 8 && len <= 16) {
		memcpy(&a, x, 8);
		memcpy(&b, y, 8);
		memcpy(&c, x + len - 8, 8);
		memcpy(&d, y + len - 8, 8);
		return a == b && c == d;
	}
	return memcmp(x, y, len) == 0;
}

const struct person_number *person_cache_lookup(struct person_cache *c, const char *id, int year)
{
	size_t len = strlen(id), slot;
	struct cache_entry *e;
	unsigned char bit;

	if (len > CACHE_ID_MAX) {
		identify(c, id, len, year, &c->uncached);
		return &c->uncached.what;
	}
	if (c->slots == NULL) {
		/* ledgers and population files never need it; a slot is read
		 * only once its bit says it was filled */
		c->slots = xmalloc(CACHE_SIZE * sizeof(*c->slots));
		c->used = xcalloc(CACHE_SIZE / 8, 1);
	}
	slot = id_slot(id, len);
	e = &c->slots[slot];
	bit = (unsigned char)(1u << (slot % 8));
	if (!(c->used[slot / 8] & bit) || e->id_len != len || e->year != year ||
	    !same_id(e->id, id, len)) {
		c->used[slot / 8] |= bit;
		identify(c, id, len, year, e);
		memcpy(e->id, id, len);
		e->id_len = (unsigned char)len;
	}
	return &e->what;
}
