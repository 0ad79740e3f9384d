/*
 * code_check.c — the codes of an extract that no mapping rule matches
 * (see code_check.h).
 *
 * Unknown codes are counted in a small open-addressing table by (what,
 * year, code).  A file where nothing maps could hold very many distinct
 * codes; past MAX_CODES they are only counted together.
 */
#include "code_check.h"
#include "money.h"
#include "copy_text.h"
#include "stream.h"
#include "strbuf.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CODES       10000
#define MAX_ROW_COLUMNS 24

enum code_what { WHAT_COST_CENTRE, WHAT_SERVICE_CODE, WHAT_ACTIVITY_CODE };

static const char *const what_names[] = {"cost centre", "service code", "activity code"};

struct unknown_code {
	enum code_what what;
	int year;
	char *code; /* NULL: the row had none */
	long long records;
	money_sum amount_ore; /* ledger rows only; 128 bits: no overflow */
};

struct code_check {
	const struct mapping_set *set;
	char *source;
	enum record_kind kind;
	struct unknown_code *slots; /* open addressing; code == NULL and records == 0: free */
	size_t slot_count, used;
	long long other_records; /* codes past MAX_CODES */
	long long rows;
	struct strbuf scratch;
};

struct code_check *code_check_new(const struct mapping_set *set, const char *source,
                                  enum record_kind kind)
{
	struct code_check *c = xcalloc(1, sizeof(*c));

	c->set = set;
	c->source = xstrdup(source);
	c->kind = kind;
	c->slot_count = 64;
	c->slots = xcalloc(c->slot_count, sizeof(*c->slots));
	strbuf_init(&c->scratch, 256);
	return c;
}

void code_check_free(struct code_check *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->slot_count; i++)
		free(c->slots[i].code);
	free(c->slots);
	free(c->source);
	strbuf_release(&c->scratch);
	free(c);
}

static size_t hash(enum code_what what, int year, const char *code)
{
	size_t h = (size_t)what * 31u + (size_t)year;

	for (; code && *code; code++)
		h = h * 131u + (unsigned char)*code;
	return h;
}

static bool slot_free(const struct unknown_code *u)
{
	return u->records == 0;
}

static bool slot_is(const struct unknown_code *u, enum code_what what, int year, const char *code)
{
	return u->what == what && u->year == year &&
	       (u->code == NULL ? code == NULL : code != NULL && strcmp(u->code, code) == 0);
}

static struct unknown_code *find(struct unknown_code *slots, size_t count, enum code_what what,
                                 int year, const char *code)
{
	size_t i = hash(what, year, code) & (count - 1);

	while (!slot_free(&slots[i]) && !slot_is(&slots[i], what, year, code))
		i = (i + 1) & (count - 1);
	return &slots[i];
}

/* Twice the slots, the codes rehashed. */
static void grow(struct code_check *c)
{
	size_t count = c->slot_count * 2, i;
	struct unknown_code *slots = xcalloc(count, sizeof(*slots));

	for (i = 0; i < c->slot_count; i++)
		if (!slot_free(&c->slots[i]))
			*find(slots, count, c->slots[i].what, c->slots[i].year, c->slots[i].code) =
			    c->slots[i];
	free(c->slots);
	c->slots = slots;
	c->slot_count = count;
}

static void count_unknown(struct code_check *c, enum code_what what, int year, const char *code,
                          long long amount_ore)
{
	struct unknown_code *u = find(c->slots, c->slot_count, what, year, code);

	if (slot_free(u)) {
		if (c->used >= MAX_CODES) {
			c->other_records++;
			return;
		}
		u->what = what;
		u->year = year;
		u->code = code ? xstrdup(code) : NULL;
		c->used++;
	}
	u->records++;
	u->amount_ore += amount_ore;
	if (c->used * 2 > c->slot_count)
		grow(c);
}

static int year_of(const char *s)
{
	return s ? atoi(s) : 0;
}

void code_check_row(struct code_check *c, const char *row, size_t len)
{
	char *cols[MAX_ROW_COLUMNS];
	int n, year;

	if (len && row[len - 1] == '\n')
		len--;
	strbuf_reset(&c->scratch);
	strbuf_add(&c->scratch, row, len);
	n = copy_split_row(c->scratch.buf, cols, MAX_ROW_COLUMNS);
	c->rows++;
	switch (c->kind) {
	case KIND_SERVICE: /* 9 service_code, 10 org_code, 11 period_start */
		if (n < 12)
			return;
		year = year_of(cols[11]);
		if (cols[9] && !mappings_service_activity(c->set, c->source, cols[9], year))
			count_unknown(c, WHAT_SERVICE_CODE, year, cols[9], 0);
		if (cols[10] && !mappings_committee_of(c->set, cols[10], year))
			count_unknown(c, WHAT_COST_CENTRE, year, cols[10], 0);
		break;
	case KIND_LEDGER: /* 1 fiscal_year, 4 account, 5 amount_ore, 6 org_code, 7 activity */
		if (n < 8 || !cols[4] ||
		    strcmp(mappings_account_type(c->set, cols[4]), "cost") != 0)
			return;
		year = year_of(cols[1]);
		if (!cols[6] || !mappings_committee_of(c->set, cols[6], year))
			count_unknown(c, WHAT_COST_CENTRE, year, cols[6], atoll(cols[5]));
		if (!cols[7] || !mappings_activity_known(c->set, cols[7]))
			count_unknown(c, WHAT_ACTIVITY_CODE, year, cols[7], atoll(cols[5]));
		break;
	case KIND_AGGREGATE: /* 1 period_start, 3 org_code, 4 activity_code */
		if (n < 5)
			return;
		year = year_of(cols[1]);
		if (cols[3] && !mappings_committee_of(c->set, cols[3], year))
			count_unknown(c, WHAT_COST_CENTRE, year, cols[3], 0);
		if (!cols[4] || !mappings_activity_known(c->set, cols[4]))
			count_unknown(c, WHAT_ACTIVITY_CODE, year, cols[4], 0);
		break;
	case KIND_BUDGET: /* 1 fiscal_year, 3 org_code, 4 committee, 5 activity, 6 account, 7 öre */
		if (n < 8 ||
		    (cols[6] && strcmp(mappings_account_type(c->set, cols[6]), "cost") != 0))
			return;
		year = year_of(cols[1]);
		if (!cols[4] && (!cols[3] || !mappings_committee_of(c->set, cols[3], year)))
			count_unknown(c, WHAT_COST_CENTRE, year, cols[3], atoll(cols[7]));
		if (!cols[5] || !mappings_activity_known(c->set, cols[5]))
			count_unknown(c, WHAT_ACTIVITY_CODE, year, cols[5], atoll(cols[7]));
		break;
	default:
		break;
	}
}

static int by_records(const void *a, const void *b)
{
	const struct unknown_code *x = a, *y = b;

	if (x->records != y->records)
		return x->records > y->records ? -1 : 1;
	if (x->what != y->what)
		return (int)x->what - (int)y->what;
	if (x->year != y->year)
		return x->year - y->year;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

void code_check_print(const struct code_check *c, FILE *out, int limit)
{
	struct unknown_code *list;
	long long rest = 0, rest_codes = 0;
	size_t i, n = 0;

	if (c->kind == KIND_POPULATION)
		return;
	if (c->used == 0) {
		fprintf(out, "codes:      every code is in the mapping rules for its year\n");
		return;
	}
	list = xcalloc(c->used, sizeof(*list));
	for (i = 0; i < c->slot_count; i++)
		if (!slot_free(&c->slots[i]))
			list[n++] = c->slots[i];
	qsort(list, n, sizeof(*list), by_records);
	fprintf(out, "unknown codes (no mapping rule for the year; kept as \"unmapped\")%s:\n",
	        c->kind == KIND_LEDGER || c->kind == KIND_BUDGET ? ", cost accounts" : "");
	for (i = 0; i < n; i++) {
		const struct unknown_code *u = &list[i];

		if ((int)i >= limit) {
			rest += u->records;
			rest_codes++;
			continue;
		}
		fprintf(out, "  %-13s %-16s %4d %10lld records", what_names[u->what],
		        u->code ? u->code : "(none)", u->year, u->records);
		if (c->kind == KIND_LEDGER || c->kind == KIND_BUDGET) {
			char total[48];

			money_format(u->amount_ore, total, sizeof(total));
			fprintf(out, ", %s kr", total);
		}
		fputc('\n', out);
	}
	if (rest_codes)
		fprintf(out, "  and %lld more codes, %lld records\n", rest_codes, rest);
	if (c->other_records)
		fprintf(out, "  and %lld records with codes beyond the first %d\n",
		        c->other_records, MAX_CODES);
	free(list);
}
