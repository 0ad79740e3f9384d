/*
 * test_pnr.c — identity numbers: the personnummer project's shared test
 * lists as they are, and the rules of docs/design.md case by case.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pnr.h"
#include "strbuf.h"
#include "testutil.h"

static const struct pnr_date reference = {2026, 11, 24};

static bool parse(const char *s, bool interim, struct pnr *p)
{
	return pnr_parse(s, strlen(s), &reference, interim, p);
}

/* --- a minimal reader for the flat JSON of the shared lists ------------ */

struct entry {
	char forms[4][32];
	char type[16];
	bool valid, male, female;
};

static char *read_file(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	return strbuf_detach(&sb, NULL);
}

/* Value of "key": in the object text obj (string without quotes, or a bare
 * word such as true/false). */
static void json_value(const char *obj, const char *key, char *out, size_t size)
{
	char pattern[64];
	const char *p;
	size_t n = 0;

	snprintf(pattern, sizeof(pattern), "\"%s\":", key);
	out[0] = '\0';
	p = strstr(obj, pattern);
	if (p == NULL)
		return;
	p += strlen(pattern);
	while (*p == ' ')
		p++;
	if (*p == '"') {
		p++;
		while (*p && *p != '"' && n + 1 < size)
			out[n++] = *p++;
	} else {
		while (*p && *p != ',' && *p != '\n' && *p != '}' && n + 1 < size)
			out[n++] = *p++;
	}
	out[n] = '\0';
}

static size_t load_entries(const char *name, struct entry *entries, size_t max)
{
	static const char *form_keys[4] = {"long_format", "short_format", "separated_format",
	                                   "separated_long"};
	char path[1024], value[64];
	const char *src = getenv("GBETL_SRC");
	char *text, *p;
	size_t count = 0;
	int i;

	snprintf(path, sizeof(path), "%s/tests/data/personnummer/%s", src ? src : ".", name);
	text = read_file(path);
	if (text == NULL)
		fail_msg("could not read %s", path);
	for (p = strchr(text, '{'); p && count < max; p = strchr(p + 1, '{')) {
		char *end = strchr(p, '}');
		struct entry *e = &entries[count++];

		*end = '\0';
		for (i = 0; i < 4; i++)
			json_value(p, form_keys[i], e->forms[i], sizeof(e->forms[i]));
		json_value(p, "type", e->type, sizeof(e->type));
		json_value(p, "valid", value, sizeof(value));
		e->valid = strcmp(value, "true") == 0;
		json_value(p, "isMale", value, sizeof(value));
		e->male = strcmp(value, "true") == 0;
		json_value(p, "isFemale", value, sizeof(value));
		e->female = strcmp(value, "true") == 0;
		p = end;
	}
	free(text);
	return count;
}

/* Calls check(entry, form) for each of the four forms of every entry of the
 * shared list tests/data/personnummer/name (at least 10 entries). */
static void each_form(const char *name, void (*check)(const struct entry *, const char *))
{
	struct entry entries[200];
	size_t n, i;
	int f;

	n = load_entries(name, entries, 200);
	assert_true(n >= 10);
	for (i = 0; i < n; i++)
		for (f = 0; f < 4; f++)
			check(&entries[i], entries[i].forms[f]);
}

/* list.json: valid as the list says, with its sex and its type. */
static void check_form(const struct entry *e, const char *form)
{
	struct pnr p;
	bool ok = parse(form, false, &p);

	if (ok != e->valid)
		fail_msg("%s: expected %s", form, e->valid ? "valid" : "invalid");
	if (!ok)
		return;
	assert_int_equal(p.sex, e->male ? 1 : 2);
	assert_int_equal(p.type,
	                 strcmp(e->type, "con") == 0 ? PNR_SAMORDNINGSNUMMER : PNR_PERSONNUMMER);
}

/* interim.json: as the list says with interim numbers enabled, never valid
 * with them disabled. */
static void check_interim_form(const struct entry *e, const char *form)
{
	struct pnr p;

	if (form[0] == '\0')
		return;
	/* enabled: as the list says */
	if (parse(form, true, &p) != e->valid)
		fail_msg("%s with interim numbers: expected %s", form,
		         e->valid ? "valid" : "invalid");
	if (e->valid) {
		assert_int_equal(p.type, PNR_INTERIM);
		assert_int_equal(p.sex, e->male ? 1 : 2);
	}
	/* disabled: never valid */
	assert_false(parse(form, false, &p));
}

static void test_shared_list(void **state)
{
	(void)state;
	each_form("list.json", check_form);
}

static void test_shared_interim_list(void **state)
{
	(void)state;
	each_form("interim.json", check_interim_form);
}

static void test_forms_give_one_canonical(void **state)
{
	const char *forms[] = {"19121212-1212", "191212121212",     "121212-1212",
	                       "1212121212",    "  191212121212  ", "19121212+1212"};
	struct pnr p;
	size_t i;

	(void)state;
	/* 10-digit forms take their century from the reference date: 2012 */
	assert_true(parse("121212-1212", false, &p));
	assert_string_equal(p.canonical, "201212121212");
	assert_true(parse("121212+1212", false, &p));
	assert_string_equal(p.canonical, "191212121212");
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		if (i == 2 || i == 3)
			continue;
		assert_true(parse(forms[i], false, &p));
		assert_string_equal(p.canonical, "191212121212");
		assert_int_equal(p.sex, 1);
		assert_int_equal(p.birth_year, 1912);
		assert_int_equal(p.birth_month, 12);
		assert_int_equal(p.birth_day, 12);
	}
}

static void test_dates(void **state)
{
	struct pnr p;

	(void)state;
	assert_true(parse("20000229-2399", false, &p));  /* 2000 is a leap year */
	assert_false(parse("19000229-1231", false, &p)); /* 1900 is not */
	assert_int_equal(p.reason, PNR_BAD_DATE);
	assert_false(parse("19810431-1239", false, &p)); /* April has 30 days */
	assert_int_equal(p.reason, PNR_BAD_DATE);
	assert_false(parse("19811301-1234", false, &p));
	assert_int_equal(p.reason, PNR_BAD_DATE);
	assert_false(parse("19121212-1213", false, &p));
	assert_int_equal(p.reason, PNR_BAD_CHECKSUM);
	assert_false(parse("19121212-0000", false, &p));
	assert_int_equal(p.reason, PNR_BIRTH_NUMBER_000);
	assert_false(parse("5561231234", false, &p)); /* month 61: not a person */
	assert_false(parse("16556123-1234", false, &p));
	assert_int_equal(p.reason, PNR_ORGANISATION);
	assert_false(parse("20301212-1212", false, &p)); /* born after the reference date */
	assert_false(parse("1912121212x", false, &p));
	assert_int_equal(p.reason, PNR_BAD_FORMAT);
	/* a NUL byte where an interim letter could stand (found by fuzzing) */
	assert_false(pnr_parse("391212\0"
	                       "120",
	                       10, &reference, true, &p));
	assert_false(parse("   ", false, &p));
	assert_int_equal(p.reason, PNR_EMPTY);
}

/* Give a 10-character YYMMDDNNN? its Luhn check digit. */
static void with_check_digit(char *twelve)
{
	int sum = 0, i;

	for (i = 2; i < 11; i++) {
		int d = twelve[i] - '0';

		if ((i - 2) % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	twelve[11] = (char)('0' + (10 - sum % 10) % 10);
}

static void test_samordningsnummer(void **state)
{
	char n[13];
	struct pnr p;

	(void)state;
	memcpy(n, "19730288993?", 13); /* 28 February + 60 */
	with_check_digit(n);
	assert_true(parse(n, false, &p));
	assert_int_equal(p.type, PNR_SAMORDNINGSNUMMER);
	assert_int_equal(p.birth_day, 28);
	memcpy(n, "19730289993?", 13); /* 29 February 1973 + 60: no such day */
	with_check_digit(n);
	assert_false(parse(n, false, &p));
	assert_int_equal(p.reason, PNR_BAD_DATE);
	memcpy(n, "19730060124?", 13); /* month 00, day 60: date unknown */
	with_check_digit(n);
	assert_true(parse(n, false, &p));
	assert_int_equal(p.type, PNR_SAMORDNINGSNUMMER);
	assert_int_equal(p.birth_year, 1973);
	assert_int_equal(p.birth_month, 0);
	assert_int_equal(p.birth_day, 0);
	assert_int_equal(p.sex, 2);
	memcpy(n, "19730460124?", 13); /* April, day unknown */
	with_check_digit(n);
	assert_true(parse(n, false, &p));
	assert_int_equal(p.birth_month, 4);
	assert_int_equal(p.birth_day, 0);
	memcpy(n, "19730492124?", 13); /* day 32 of April */
	with_check_digit(n);
	assert_false(parse(n, false, &p));
}

/* A 10-digit form "YYMMDD?NNNC" of a 12-digit number (sep '-' or '+'). */
static void ten_digit(const char *twelve_no_check, char sep, char out[12])
{
	char twelve[13];

	snprintf(twelve, sizeof(twelve), "%s0", twelve_no_check);
	with_check_digit(twelve);
	snprintf(out, 12, "%.6s%c%.4s", twelve + 2, sep, twelve + 8);
}

/* The birth year of the 10-digit form (ten_digit) read in a record of the
 * date on; the form must be valid. */
static int birth_year(const char *twelve_no_check, char sep, const struct pnr_date *on)
{
	char ten[12];
	struct pnr p;

	ten_digit(twelve_no_check, sep, ten);
	assert_true(pnr_parse(ten, 11, on, false, &p));
	return p.birth_year;
}

/* The century comes from the record's date, not the day of the run. */
static void test_century_from_record_date(void **state)
{
	const struct pnr_date in_2024 = {2024, 6, 30}, in_2030 = {2030, 1, 1};
	const struct pnr_date in_2024_march = {2024, 3, 1};
	char ten[12];
	struct pnr p;

	(void)state;
	/* born 1926, 98 in 2024: written with '-' then; read in 2024 it is
	 * 1926 whatever today is */
	ten_digit("19260315123", '-', ten);
	assert_true(pnr_parse(ten, 11, &in_2024, false, &p));
	assert_int_equal(p.birth_year, 1926);
	assert_int_equal(pnr_age(&p, &in_2024), 98);
	/* '+' = 100 or older in the record's year */
	assert_int_equal(birth_year("19240315123", '+', &in_2024), 1924);
	/* '+' with age 99 in the record's year: 100 the year after, when the
	 * export may have been written */
	assert_int_equal(birth_year("19250315123", '+', &in_2024), 1925);
	/* '+' with 98: the century before */
	assert_int_equal(birth_year("19260315123", '+', &in_2024), 1826);
	/* '-' of the record's year but after its day: born after the record */
	ten_digit("20240415123", '-', ten);
	assert_false(pnr_parse(ten, 11, &in_2024_march, false, &p));
	assert_int_equal(p.reason, PNR_BORN_AFTER_RECORD);
	assert_string_equal(pnr_reason_code(p.reason), "born_after_record");
	assert_int_equal(birth_year("20240415123", '-', &in_2024), 2024);
	/* in a record of 2030 the woman of 1926 is 104, written with '+';
	 * the same digits with '-' are a child of 2026 */
	assert_int_equal(birth_year("19260315123", '+', &in_2030), 1926);
	assert_int_equal(birth_year("19260315123", '-', &in_2030), 2026);
	/* 12 digits: born after the record is invalid too */
	{
		char twelve[13] = "203012121230";

		with_check_digit(twelve);
		assert_false(parse(twelve, false, &p));
		assert_int_equal(p.reason, PNR_BORN_AFTER_RECORD);
	}
	assert_true(pnr_born_after(&(struct pnr){PNR_PERSONNUMMER, PNR_OK, "", 2024, 4, 15, 2},
	                           &in_2024_march));
	assert_false(pnr_born_after(&(struct pnr){PNR_PERSONNUMMER, PNR_OK, "", 2024, 0, 0, 2},
	                            &in_2024_march));
}

static void test_age(void **state)
{
	struct pnr_date on_birthday = {2024, 12, 12}, day_before = {2024, 12, 11};
	struct pnr p;
	char n[13];

	(void)state;
	assert_true(parse("19121212-1212", false, &p));
	assert_int_equal(pnr_age(&p, &on_birthday), 112);
	assert_int_equal(pnr_age(&p, &day_before), 111);
	memcpy(n, "19730060124?", 13);
	with_check_digit(n);
	assert_true(parse(n, false, &p));
	assert_int_equal(pnr_age(&p, &on_birthday), 50); /* only the year is known */
}

static void test_mask_never_shows_the_birth_number(void **state)
{
	const char *inputs[] = {"19121212-1212",
	                        "121212-1212",
	                        "191212121212",
	                        "1212121212",
	                        "19121212-1213",
	                        "8503122383",
	                        "850312-2383",
	                        "T220",
	                        "20000101T220",
	                        "x",
	                        ""};
	char out[32];
	size_t i, k;

	(void)state;
	pnr_mask("19121212-1212", 13, out, sizeof(out));
	assert_string_equal(out, "19121212-****");
	pnr_mask("121212-1212", 11, out, sizeof(out));
	assert_string_equal(out, "20121212-****");
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		size_t run = 0;

		pnr_mask(inputs[i], strlen(inputs[i]), out, sizeof(out));
		/* never more than eight digits in a row, never the last four */
		for (k = 0; out[k]; k++) {
			run = (out[k] >= '0' && out[k] <= '9') ? run + 1 : 0;
			assert_true(run <= 8);
		}
		/* nothing after the date part is shown */
		for (k = 8; k < strlen(out); k++)
			assert_false(out[k] >= '0' && out[k] <= '9');
	}
}

UNIT_MAIN(cmocka_unit_test(test_shared_list), cmocka_unit_test(test_shared_interim_list),
          cmocka_unit_test(test_forms_give_one_canonical), cmocka_unit_test(test_dates),
          cmocka_unit_test(test_samordningsnummer), cmocka_unit_test(test_century_from_record_date),
          cmocka_unit_test(test_age), cmocka_unit_test(test_mask_never_shows_the_birth_number))
