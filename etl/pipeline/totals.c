/*
 * totals.c — running totals of quantities by key (totals.h): an
 * open-addressing hash table that doubles when half full.
 */
#include "totals.h"
#include "xalloc.h"

#include <stdbool.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SCALE_DECIMALS 9
#define MAX_INT_DIGITS 24 /* larger quantities count as 10^24: still far beyond any total */

/* what a sum that overflowed is held at (it overflowed away from 0) */
#define INT128_MAX_POS ((__int128)(((unsigned __int128)1 << 127) - 1))
#define INT128_MAX_NEG (-INT128_MAX_POS - 1)

struct total {
	char *key; /* NULL: free */
	__int128 sum;
	long line;
};

struct totals {
	struct total *slots;
	size_t size, used;
};

struct totals *totals_new(void)
{
	struct totals *t = xcalloc(1, sizeof(*t));

	t->size = 64;
	t->slots = xcalloc(t->size, sizeof(*t->slots));
	return t;
}

void totals_free(struct totals *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->size; i++)
		free(t->slots[i].key);
	free(t->slots);
	free(t);
}

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

static struct total *find(struct total *slots, size_t size, const char *key)
{
	size_t i = hash(key) & (size - 1);

	while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (size - 1);
	return &slots[i];
}

static void grow(struct totals *t)
{
	size_t size = t->size * 2, i;
	struct total *slots = xcalloc(size, sizeof(*slots));

	for (i = 0; i < t->size; i++)
		if (t->slots[i].key != NULL)
			*find(slots, size, t->slots[i].key) = t->slots[i];
	free(t->slots);
	t->slots = slots;
	t->size = size;
}

/* "-12.5" as integer 10^-9 units. */
static __int128 scaled(const char *q)
{
	__int128 v = 0;
	int ints = 0, decimals = -1;
	bool negative = *q == '-';

	if (*q == '-' || *q == '+')
		q++;
	for (; *q; q++) {
		if (*q == '.') {
			decimals = 0;
		} else if (*q >= '0' && *q <= '9') {
			if (decimals >= SCALE_DECIMALS)
				continue;
			if (decimals < 0 && ++ints > MAX_INT_DIGITS)
				continue;
			v = v * 10 + (*q - '0');
			if (decimals >= 0)
				decimals++;
		}
	}
	for (decimals = decimals < 0 ? 0 : decimals; decimals < SCALE_DECIMALS; decimals++)
		v *= 10;
	return negative ? -v : v;
}

void totals_add(struct totals *t, const char *key, const char *quantity, long line)
{
	struct total *e = find(t->slots, t->size, key);
	__int128 add = scaled(quantity);

	if (e->key == NULL) {
		e->key = xstrdup(key);
		t->used++;
	}
	if (__builtin_add_overflow(e->sum, add, &e->sum))
		e->sum = add < 0 ? INT128_MAX_NEG : INT128_MAX_POS; /* held at the end */
	e->line = line;
	if (t->used * 2 > t->size)
		grow(t);
}

const char *totals_first_negative(const struct totals *t, long *line)
{
	const struct total *first = NULL;
	size_t i;

	/* the earliest line of those below zero: the same answer every run */
	for (i = 0; i < t->size; i++)
		if (t->slots[i].key != NULL && t->slots[i].sum < 0 &&
		    (first == NULL || t->slots[i].line < first->line ||
		     (t->slots[i].line == first->line && strcmp(t->slots[i].key, first->key) < 0)))
			first = &t->slots[i];
	if (first == NULL)
		return NULL;
	*line = first->line;
	return first->key;
}
