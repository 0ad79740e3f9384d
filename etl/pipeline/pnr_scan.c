/*
 * pnr_scan.c — identity numbers inside any text (see pnr_scan.h).
 *
 * A candidate is a run of digits standing alone — no digit right before or
 * after — of 10 or 12 digits, or of 6 or 8 digits followed by '-' or '+' and
 * four digits.  Each candidate goes to pnr_parse(), which judges the date
 * and the check digit; a 12-digit number dated after today is still a
 * number (a typo in the century must not let one through).
 */
#include "pnr_scan.h"
#include "pnr.h"
#include "reader.h"
#include "source.h"

#include <stdio.h>
#include <string.h>

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Whether s[0, len) holds at least ten digits: the cheap pre-check.  It
 * stops at the first non-digit that leaves fewer than ten possible ("2024-
 * 01-01" at its first '-', a short word at once). */
static bool ten_digits(const char *s, size_t len)
{
	size_t i, allowed, other = 0;

	if (len < 10)
		return false;
	/* up to 13 bytes a number starts at 0 to 3, so bytes 3 and 4 are digits
	 * of it (the separator comes later): "2024-01-01" stops here */
	if (len <= 13 && !(is_digit(s[3]) && is_digit(s[4])))
		return false;
	allowed = len - 10;
	for (i = 0; i < len; i++)
		if (!is_digit(s[i]) && ++other > allowed)
			return false;
	return true;
}

/* Is the candidate c[0, len) an identity number?  Writes its mask. */
static bool is_number(const char *c, size_t len, char *mask)
{
	struct pnr_date today;
	struct pnr p;
	char digits[8];
	size_t i, n = 0;

	pnr_today(&today);
	if (pnr_parse(c, len, &today, false, &p)) {
		if (mask)
			snprintf(mask, PNR_SCAN_MASK_LEN + 1, "%.8s-****", p.canonical);
		return true;
	}
	if (p.reason != PNR_BORN_AFTER_RECORD)
		return false;
	/* a 12-digit number dated after today: the date as written */
	for (i = 0; i < len && n < 8; i++)
		if (is_digit(c[i]))
			digits[n++] = c[i];
	if (mask)
		snprintf(mask, PNR_SCAN_MASK_LEN + 1, "%.8s-****", digits);
	return true;
}

bool pnr_scan_find(const char *s, size_t len, size_t from, size_t *start, size_t *end, char *mask)
{
	size_t i = from;

	if (from >= len || !ten_digits(s + from, len - from))
		return false;
	while (i < len) {
		size_t a, run, cend = 0;

		if (!is_digit(s[i])) {
			i++;
			continue;
		}
		a = i;
		while (i < len && is_digit(s[i]))
			i++;
		run = i - a;
		if ((run == 6 || run == 8) && i + 5 <= len && (s[i] == '-' || s[i] == '+') &&
		    is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
		    is_digit(s[i + 4]) && (i + 5 == len || !is_digit(s[i + 5])))
			cend = i + 5;
		else if (run == 10 || run == 12)
			cend = i;
		if (cend && is_number(s + a, cend - a, mask)) {
			*start = a;
			*end = cend;
			return true;
		}
	}
	return false;
}

bool pnr_scan_contains(const char *s, size_t len)
{
	size_t a, b;

	return pnr_scan_find(s, len, 0, &a, &b, NULL);
}

size_t pnr_scan_mask_to(struct strbuf *out, const char *s, size_t len)
{
	char mask[PNR_SCAN_MASK_LEN + 1];
	size_t at = 0, a, b, n = 0;

	while (pnr_scan_find(s, len, at, &a, &b, mask)) {
		strbuf_add(out, s + at, a - at);
		strbuf_addstr(out, mask);
		at = b;
		n++;
	}
	strbuf_add(out, s + at, len - at);
	return n;
}

size_t pnr_scan_mask_str(const char *s, char *out, size_t outsz)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	if (outsz == 0)
		return 0;
	n = pnr_scan_mask_to(&sb, s, strlen(s));
	snprintf(out, outsz, "%s", sb.buf ? sb.buf : "");
	strbuf_release(&sb);
	return n;
}

/* Free text: numbers in it are masked, the record kept. */
static bool free_text(int f)
{
	return f == FIELD_TEXT || f == FIELD_GENDER_SELF;
}

void pnr_scan_plan_init(struct pnr_scan_plan *plan, const struct source_def *def)
{
	bool sie = def == NULL || def->format == FORMAT_SIE4 || def->format == FORMAT_SIE5;
	int f;

	plan->count = 0;
	for (f = 0; f < FIELD_COUNT_ALL; f++)
		if (f != FIELD_PERSON_ID && f != FIELD_CO_PERSON_ID &&
		    (sie || def->fields[f].type != REF_NONE))
			plan->field[plan->count++] = (unsigned char)f;
}

/* The plan's next field from i on whose value holds a number: its index, or
 * plan->count.  Kept apart from the masking so that the loop most records
 * run through to the end stays small. */
static int next_number(const struct pnr_scan_plan *plan, const struct raw_record *rec, int i)
{
	const int n = plan->count;

	for (; i < n; i++) {
		const int f = plan->field[i];
		const size_t len = rec->length[f];

		if (len >= 10 && rec->value[f] != NULL && ten_digits(rec->value[f], len) &&
		    pnr_scan_contains(rec->value[f], len))
			break;
	}
	return i;
}

int pnr_scan_record(const struct pnr_scan_plan *plan, const struct raw_record *rec,
                    struct raw_record *copy, struct strbuf *buf)
{
	size_t offset[FIELD_COUNT_ALL];
	int i, f, found = 0;

#ifdef PNR_SCAN_OFF_FOR_BENCH
	/* only in the benchmark's comparison build (bench/bench_extract.sh) */
	(void)plan, (void)rec, (void)copy, (void)buf, (void)offset, (void)i, (void)f, (void)found;
	return PNR_SCAN_CLEAN;
#endif
	for (i = next_number(plan, rec, 0); i < plan->count; i = next_number(plan, rec, i + 1)) {
		f = plan->field[i];
		if (!free_text(f))
			return f;
		if (found++ == 0) {
			strbuf_reset(buf);
			*copy = *rec;
		}
		offset[f] = buf->len;
		pnr_scan_mask_to(buf, rec->value[f], rec->length[f]);
		strbuf_addch(buf, '\0');
		copy->value[f] = NULL; /* set below, once buf has stopped growing */
	}
	if (found == 0)
		return PNR_SCAN_CLEAN;
	for (i = 0; i < plan->count; i++) {
		f = plan->field[i];
		if (copy->value[f] != NULL || rec->value[f] == NULL)
			continue;
		copy->value[f] = buf->buf + offset[f];
		copy->length[f] = strlen(copy->value[f]);
	}
	return PNR_SCAN_MASKED;
}
