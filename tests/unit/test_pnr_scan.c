/*
 * test_pnr_scan.c — identity numbers inside arbitrary text: every written
 * form found and masked, everything that is not one left alone, and the
 * record check of the transform (reject in codes, mask in free text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pnr_scan.h"
#include "reader.h"
#include "strbuf.h"
#include "testutil.h"

static void expect_masked(const char *in, const char *want, size_t count)
{
	char out[256];

	assert_int_equal(pnr_scan_mask_str(in, out, sizeof(out)), count);
	assert_string_equal(out, want);
	assert_int_equal(pnr_scan_contains(in, strlen(in)), count > 0);
}

static void test_every_written_form(void **state)
{
	(void)state;
	expect_masked("198310075604", "19831007-****", 1);
	expect_masked("19831007-5604", "19831007-****", 1);
	expect_masked("19831007+5604", "19831007-****", 1);
	expect_masked("8310075604", "19831007-****", 1);
	expect_masked("831007-5604", "19831007-****", 1);
	expect_masked("831007+5604", "18831007-****", 1); /* '+': a hundred years more */
	/* samordningsnummer: day + 60 */
	expect_masked("831067-5601", "19831067-****", 1);
	expect_masked("198310675601", "19831067-****", 1);
	/* leap day */
	expect_masked("20000229-1235", "20000229-****", 1);
}

static void test_inside_text(void **state)
{
	(void)state;
	expect_masked("KST 19831007-5604", "KST 19831007-****", 1);
	expect_masked("omsorg_19831007-5604.csv", "omsorg_19831007-****.csv", 1);
	expect_masked("Faktura 8310075604 och 121212-1212 betald",
	              "Faktura 19831007-**** och 20121212-**** betald", 2);
	expect_masked("x8310075604y", "x19831007-****y", 1);
	expect_masked("-198310075604", "-19831007-****", 1);
	expect_masked("The header has the columns 19831007-5604;HT;2024-01",
	              "The header has the columns 19831007-****;HT;2024-01", 1);
}

static void test_what_is_not_a_number(void **state)
{
	(void)state;
	expect_masked("", "", 0);
	expect_masked("short 123", "short 123", 0);
	expect_masked("8310075605", "8310075605", 0);       /* wrong check digit */
	expect_masked("831307-5604", "831307-5604", 0);     /* month 13 */
	expect_masked("19831032-5604", "19831032-5604", 0); /* day 32 */
	expect_masked("5560360793", "5560360793", 0);       /* an organisation number */
	expect_masked("18310075604", "18310075604", 0);     /* 11 digits: not a form */
	expect_masked("98310075604", "98310075604", 0);     /* part of a longer number */
	expect_masked("83100756041", "83100756041", 0);
	expect_masked("2024-01-01 2024-12-31", "2024-01-01 2024-12-31", 0);
	expect_masked("1234567,89", "1234567,89", 0);
	expect_masked("8310-075604", "8310-075604", 0); /* separator in the wrong place */
}

static void test_find_offsets(void **state)
{
	const char *s = "ab 831007-5604 cd";
	char mask[PNR_SCAN_MASK_LEN + 1];
	size_t a, b;

	(void)state;
	assert_true(pnr_scan_find(s, strlen(s), 0, &a, &b, mask));
	assert_int_equal(a, 3);
	assert_int_equal(b, 14);
	assert_string_equal(mask, "19831007-****");
	assert_false(pnr_scan_find(s, strlen(s), b, &a, &b, mask));
	/* not NUL-terminated: only len bytes are read */
	assert_false(pnr_scan_contains("8310075604", 9));
}

static void set(struct raw_record *rec, enum field_id f, const char *v)
{
	rec->value[f] = v;
	rec->length[f] = strlen(v);
}

static void test_record(void **state)
{
	struct raw_record rec, copy;
	struct strbuf buf = STRBUF_INIT;
	struct pnr_scan_plan plan;

	(void)state;
	pnr_scan_plan_init(&plan, NULL); /* every field */
	memset(&rec, 0, sizeof(rec));
	set(&rec, FIELD_PERSON_ID, "19831007-5604");
	set(&rec, FIELD_ORG_CODE, "4711");
	set(&rec, FIELD_PERIOD_START, "2024-01-01");
	set(&rec, FIELD_AMOUNT, "1234567.89");
	/* the identity field itself is not this check's business */
	assert_int_equal(pnr_scan_record(&plan, &rec, &copy, &buf), PNR_SCAN_CLEAN);

	/* free text: masked, the original untouched */
	set(&rec, FIELD_TEXT, "Ersättning 8310075604 enl. beslut");
	assert_int_equal(pnr_scan_record(&plan, &rec, &copy, &buf), PNR_SCAN_MASKED);
	assert_string_equal(copy.value[FIELD_TEXT], "Ersättning 19831007-**** enl. beslut");
	assert_int_equal(copy.length[FIELD_TEXT], strlen(copy.value[FIELD_TEXT]));
	assert_string_equal(copy.value[FIELD_ORG_CODE], "4711");
	assert_string_equal(rec.value[FIELD_TEXT], "Ersättning 8310075604 enl. beslut");

	/* a code, a district, an amount: the record is a reject */
	set(&rec, FIELD_DISTRICT, "831007-5604");
	assert_int_equal(pnr_scan_record(&plan, &rec, &copy, &buf), FIELD_DISTRICT);
	set(&rec, FIELD_DISTRICT, "Norr");
	set(&rec, FIELD_SERVICE_CODE, "HT198310075604");
	assert_int_equal(pnr_scan_record(&plan, &rec, &copy, &buf), FIELD_SERVICE_CODE);
	set(&rec, FIELD_SERVICE_CODE, "HT");
	set(&rec, FIELD_AMOUNT, "8310075604");
	assert_int_equal(pnr_scan_record(&plan, &rec, &copy, &buf), FIELD_AMOUNT);
	strbuf_release(&buf);
}

UNIT_MAIN(cmocka_unit_test(test_every_written_form), cmocka_unit_test(test_inside_text),
          cmocka_unit_test(test_what_is_not_a_number), cmocka_unit_test(test_find_offsets),
          cmocka_unit_test(test_record))
