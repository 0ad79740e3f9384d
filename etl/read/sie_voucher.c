/*
 * sie_voucher.c — holding and checking one SIE voucher (sie_voucher.h).
 */
#include "sie_voucher.h"
#include "log.h"
#include "money.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sie_voucher_reset(struct sie_voucher *v)
{
	v->count = 0;
	v->pos = 0;
	strbuf_reset(&v->data);
}

void sie_voucher_release(struct sie_voucher *v)
{
	free(v->rows);
	strbuf_release(&v->data);
	memset(v, 0, sizeof(*v));
}

struct sie_row *sie_voucher_add(struct sie_voucher *v, long line)
{
	struct sie_row *r;
	int f;

	if (v->count >= SIE_MAX_VOUCHER_ROWS)
		return NULL;
	xgrow((void **)&v->rows, sizeof(*v->rows), v->count + 1, &v->alloc);
	r = &v->rows[v->count++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->problem_field = -1;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		r->off[f] = (size_t)-1;
	return r;
}

void sie_voucher_put(struct sie_voucher *v, struct sie_row *r, int field, const char *value)
{
	if (value == NULL || field < 0 || field >= FIELD_COUNT_ALL)
		return;
	r->off[field] = v->data.len;
	strbuf_addstr(&v->data, value);
	strbuf_addch(&v->data, '\0');
}

void sie_row_problem(struct sie_row *r, const char *code, const char *detail)
{
	if (r->problem)
		return;
	r->problem = code;
	snprintf(r->detail, sizeof(r->detail), "%.199s", detail);
}

/* Add an amount ("123.45", "-7", "0.5") to *sum in öre, exactly: 1, or 0
 * when it is no amount, -1 when it is beyond MONEY_MAX_ORE (money.h). */
static int add_ore(const char *text, money_sum *sum)
{
	long long units = 0;
	int decimals = 0;
	bool neg = false, point = false, digit = false;
	const char *p = text;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (point && ++decimals > 2)
				return 0;
			if (units <= MONEY_MAX_ORE) /* past it only checked */
				units = units * 10 + (*p - '0');
			digit = true;
		} else if ((*p == '.' || *p == ',') && !point) {
			point = true;
		} else {
			return 0;
		}
	}
	for (; decimals < 2 && units <= MONEY_MAX_ORE; decimals++)
		units *= 10;
	if (!digit)
		return 0;
	if (units > MONEY_MAX_ORE)
		return -1;
	*sum += neg ? -units : units;
	return 1;
}

void sie_voucher_check(struct sie_voucher *v, const char *path, bool reject)
{
	char detail[400], total[48];
	money_sum sum = 0;
	bool numbers = true, out_of_range = false;
	size_t i;

	for (i = 0; i < v->count; i++) {
		size_t off = v->rows[i].off[FIELD_AMOUNT];
		int added = off == (size_t)-1 ? 0 : add_ore(v->data.buf + off, &sum);

		if (added < 0) {
			out_of_range = true;
			if (v->rows[i].problem == NULL)
				v->rows[i].problem_field = FIELD_AMOUNT;
			sie_row_problem(&v->rows[i], "amount_out_of_range",
			                "The amount is out of range: more than 10^15 kronor either "
			                "way.");
		} else if (added == 0) {
			numbers = false;
		}
	}
	/* bad amounts are judged row by row by the transform; an amount out of
	 * range leaves the rest of its voucher unbalanced */
	if (!out_of_range && (!numbers || sum == 0))
		return;
	money_format(sum, total, sizeof(total));
	if (out_of_range)
		snprintf(detail, sizeof(detail),
		         "voucher %s %s (line %ld) does not balance: an amount is out of range",
		         v->series, v->number, v->line);
	else
		snprintf(detail, sizeof(detail),
		         "voucher %s %s (line %ld) does not balance: its rows sum to %s", v->series,
		         v->number, v->line, total);
	if (reject) {
		for (i = 0; i < v->count; i++)
			sie_row_problem(&v->rows[i], "unbalanced_voucher", detail);
	} else {
		log_warning("%s:%ld: %s", path, v->line, detail);
	}
}

int sie_voucher_next(struct sie_voucher *v, const struct source_def *def, struct raw_record *rec)
{
	struct sie_row *r;
	int f;

	if (v->pos >= v->count)
		return 0;
	r = &v->rows[v->pos++];
	raw_record_clear(rec);
	rec->line = r->line;
	for (f = 0; f < FIELD_COUNT_ALL; f++) {
		if (def->fields[f].type == REF_CONSTANT)
			rec->value[f] = def->fields[f].text;
		else if (r->off[f] != (size_t)-1)
			rec->value[f] = v->data.buf + r->off[f];
		if (rec->value[f])
			rec->length[f] = strlen(rec->value[f]);
	}
	if (r->problem) {
		rec->problem_code = r->problem;
		rec->problem_field = r->problem_field;
		snprintf(rec->problem_detail, sizeof(rec->problem_detail), "%s", r->detail);
	}
	return 1;
}

void sie_iso_date(const char *in, char out[16])
{
	if (strlen(in) == 8 && strspn(in, "0123456789") == 8)
		snprintf(out, 16, "%.4s-%.2s-%.2s", in, in + 4, in + 6);
	else
		snprintf(out, 16, "%.15s", in);
}
