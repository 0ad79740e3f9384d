/*
 * test_transform.c — values judged exactly: amounts to öre, dates, sex
 * precedence, invalid numbers kept, rejects masked, aggregate rows per sex.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pseudonym.h"
#include "sexcode.h"
#include "transform.h"
#include "date.h"
#include "value_parse.h"
#include "testutil.h"

static void test_amounts(void **state)
{
	const char *why;
	long long ore;

	(void)state;
	assert_int_equal(parse_amount_ore("1 234,56", ',', ' ', &ore, &why), 0);
	assert_int_equal(ore, 123456);
	assert_int_equal(parse_amount_ore("1\xC2\xA0"
	                                  "234,5",
	                                  ',', ' ', &ore, &why),
	                 0); /* no-break space */
	assert_int_equal(ore, 123450);
	assert_int_equal(parse_amount_ore("1.234.567,89", ',', '.', &ore, &why), 0);
	assert_int_equal(ore, 123456789);
	assert_int_equal(parse_amount_ore("-123,45", ',', 0, &ore, &why), 0);
	assert_int_equal(ore, -12345);
	assert_int_equal(parse_amount_ore("123,45-", ',', 0, &ore, &why), 0);
	assert_int_equal(ore, -12345);
	assert_int_equal(parse_amount_ore("-0.01", '.', 0, &ore, &why), 0);
	assert_int_equal(ore, -1);
	assert_int_equal(parse_amount_ore("12,500", ',', 0, &ore, &why), 0); /* zeros are exact */
	assert_int_equal(ore, 1250);
	assert_int_equal(parse_amount_ore("12,345", ',', 0, &ore, &why), -1); /* never rounded */
	assert_string_equal(why, "too_many_decimals");
	assert_int_equal(parse_amount_ore("12.34", ',', 0, &ore, &why), -1);
	assert_int_equal(parse_amount_ore("", ',', 0, &ore, &why), -1);
	assert_int_equal(parse_amount_ore("1,2,3", ',', 0, &ore, &why), -1);
	assert_int_equal(parse_amount_ore("99999999999999999999", ',', 0, &ore, &why), -1);
	/* at most 10^15 kronor either way */
	assert_int_equal(parse_amount_ore("1000000000000000,00", ',', 0, &ore, &why), 0);
	assert_true(ore == 100000000000000000LL);
	assert_int_equal(parse_amount_ore("-1000000000000000", ',', 0, &ore, &why), 0);
	assert_true(ore == -100000000000000000LL);
	assert_int_equal(parse_amount_ore("1000000000000000,01", ',', 0, &ore, &why), -1);
	assert_string_equal(why, "amount_out_of_range");
	assert_int_equal(parse_amount_ore("10000000000000000.00", '.', 0, &ore, &why), -1);
	assert_string_equal(why, "amount_out_of_range");
	assert_int_equal(parse_amount_ore("-99999999999999999999999999", ',', 0, &ore, &why), -1);
	assert_string_equal(why, "amount_out_of_range");
	assert_int_equal(parse_amount_ore("99999999999999999999x", ',', 0, &ore, &why), -1);
	assert_string_equal(why, "bad_amount");
}

static void test_dates(void **state)
{
	const char *formats[] = {"%Y-%m-%d", "%Y%m%d", "%Y-%m"};
	int y, m, d;
	bool month_only;

	(void)state;
	assert_int_equal(date_parse_formats("2024-02-29", formats, 3, &y, &m, &d, &month_only), 0);
	assert_int_equal(date_parse_formats("2023-02-29", formats, 3, &y, &m, &d, &month_only),
	                 DATE_IMPOSSIBLE);
	assert_int_equal(date_parse_formats("20240131", formats, 3, &y, &m, &d, &month_only), 0);
	assert_int_equal(d, 31);
	assert_int_equal(date_parse_formats("2024-07", formats, 3, &y, &m, &d, &month_only), 0);
	assert_true(month_only);
	assert_int_equal(date_parse_formats("2024-13-01", formats, 3, &y, &m, &d, &month_only),
	                 DATE_IMPOSSIBLE);
	assert_int_equal(m, 13);
	assert_int_equal(date_parse_formats("2025-13-45", formats, 3, &y, &m, &d, &month_only),
	                 DATE_IMPOSSIBLE);
	assert_int_equal(date_parse_formats("2024-13", formats, 3, &y, &m, &d, &month_only),
	                 DATE_IMPOSSIBLE);
	assert_int_equal(date_parse_formats("24-01-01", formats, 3, &y, &m, &d, &month_only),
	                 DATE_NO_MATCH);
	assert_int_equal(date_parse_formats("2024/01/01", formats, 3, &y, &m, &d, &month_only),
	                 DATE_NO_MATCH);
}

static void test_sex_precedence(void **state)
{
	struct sex_decision d;

	(void)state;
	d = sexcode_decide(1, 2, SEX_PRECEDENCE_NUMBER);
	assert_int_equal(d.sex, 1);
	assert_int_equal(d.method, 'n');
	assert_true(d.conflict);
	d = sexcode_decide(1, 2, SEX_PRECEDENCE_FIELD);
	assert_int_equal(d.sex, 2);
	assert_int_equal(d.method, 'f');
	d = sexcode_decide(0, 2, SEX_PRECEDENCE_NUMBER); /* invalid number: the field */
	assert_int_equal(d.sex, 2);
	d = sexcode_decide(1, -1, SEX_PRECEDENCE_FIELD); /* no field: the number */
	assert_int_equal(d.sex, 1);
	d = sexcode_decide(0, -1, SEX_PRECEDENCE_NUMBER);
	assert_int_equal(d.sex, 0);
	assert_int_equal(d.method, '-');
}

static struct transform *service_transform(struct source_def *def, struct pseudonym_key **key)
{
	static const char conf[] = "[source]\nkind = service\nformat = csv\n[fields]\n"
	                           "person_id = Pnr\nsex = Kon\nservice_code = Kod\norg_code = "
	                           "Ansvar\nperiod_start = Fran\nquantity = Antal\n"
	                           "[values.sex]\nK = 2\nM = 1\n";
	static const struct pnr_date reference = {2026, 11, 24};

	assert_int_equal(source_load(write_temp(0, ".conf", conf, sizeof(conf) - 1), def), 0);
	*key =
	    pseudonym_key_from_bytes((const unsigned char *)"0123456789abcdef0123456789abcdef", 32);
	return transform_new(def, *key, &reference);
}

static void set(struct raw_record *r, enum field_id f, const char *v)
{
	r->value[f] = v;
	r->length[f] = v ? strlen(v) : 0;
}

static void test_service_rows_and_rejects(void **state)
{
	struct source_def def;
	struct pseudonym_key *key;
	struct transform *t = service_transform(&def, &key);
	struct strbuf out = STRBUF_INIT;
	struct batch_trailer counts;
	struct raw_record r;
	struct reject rej;

	(void)state;
	raw_record_clear(&r);
	r.line = 7;
	set(&r, FIELD_PERSON_ID, "19121212-1212");
	set(&r, FIELD_SEX, "K"); /* conflicts with the number: the number wins */
	set(&r, FIELD_SERVICE_CODE, "HT");
	set(&r, FIELD_ORG_CODE, "3010");
	set(&r, FIELD_PERIOD_START, "2024-01-01");
	set(&r, FIELD_QUANTITY, "12,5");
	assert_int_equal(transform_record(t, &r, &out, &rej), 1);
	assert_null(strstr(out.buf, "1212121212")); /* the number is gone */
	assert_non_null(strstr(out.buf, "\t1\tn\tt\tv\t1912\t111\t"));
	assert_non_null(strstr(out.buf, "\t12.5\t"));
	assert_int_equal(strncmp(out.buf, "7\t", 2), 0);

	/* an invalid number is kept, without key, sex from the field */
	strbuf_reset(&out);
	set(&r, FIELD_PERSON_ID, "19121212-1213");
	assert_int_equal(transform_record(t, &r, &out, &rej), 1);
	assert_non_null(strstr(out.buf, "7\t\\N\t2\tf\tf\ti\t"));

	/* an identity number in another field is a reject with file line,
	 * field, reason */
	strbuf_reset(&out);
	set(&r, FIELD_PERSON_ID, "19121212-1212");
	set(&r, FIELD_QUANTITY, "19121212-1212");
	assert_int_equal(transform_record(t, &r, &out, &rej), 0);
	assert_int_equal(rej.line, 7);
	assert_string_equal(rej.field, "quantity");
	assert_string_equal(rej.reason, "identity number in a non-identity field");
	assert_string_equal(rej.value_masked,
	                    "19121212-****"); /* a number in any field is masked */
	set(&r, FIELD_QUANTITY, "12,5 h");
	assert_int_equal(transform_record(t, &r, &out, &rej), 0);
	assert_string_equal(rej.reason, "invalid_number");

	transform_counts(t, &counts);
	assert_int_equal(counts.persons, 2);
	assert_int_equal(counts.sex_conflicts, 1);
	assert_int_equal(counts.id_invalid, 1);
	assert_string_equal(counts.period_min, "2024-01-01");
	strbuf_release(&out);
	transform_free(t);
	pseudonym_key_free(key);
	source_free(&def);
}

/* A whole row, column by column: text escaped for COPY (tab, newline, CR,
 * backslash) at any length, the pseudonym the key gives, dates, NULLs. */
static void test_service_row_exactly(void **state)
{
	struct source_def def;
	struct pseudonym_key *key;
	struct transform *t = service_transform(&def, &key);
	struct strbuf out = STRBUF_INIT, want = STRBUF_INIT;
	unsigned char bin[PSEUDONYM_BYTES];
	char uuid[PSEUDONYM_UUID_LEN + 1];
	static const char *const orgs[] = {"3010", "12345678", "1234567890123456", "a\tb\\c\nd\re",
	                                   "a\tlong\\cost centre name, 33 b"};
	static const char *const escaped[] = {"3010", "12345678", "1234567890123456",
	                                      "a\\tb\\\\c\\nd\\re",
	                                      "a\\tlong\\\\cost centre name, 33 b"};
	struct raw_record r;
	struct reject rej;
	size_t i;

	(void)state;
	pseudonym_compute(key, "191212121212", 12, bin);
	pseudonym_to_uuid(bin, uuid);
	for (i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++) {
		raw_record_clear(&r);
		r.line = 1234567;
		set(&r, FIELD_PERSON_ID, "191212121212");
		set(&r, FIELD_SERVICE_CODE, "HT");
		set(&r, FIELD_ORG_CODE, orgs[i]);
		set(&r, FIELD_PERIOD_START, "2024-02-01");
		strbuf_reset(&out);
		assert_int_equal(transform_record(t, &r, &out, &rej), 1);
		strbuf_reset(&want);
		strbuf_addf(&want,
		            "1234567\t%s\t1\tn\tf\tv\t1912\t111\t\\N\tHT\t%s\t2024-02-01\t\\N\t"
		            "\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n",
		            uuid, escaped[i]);
		assert_string_equal(out.buf, want.buf);
	}
	strbuf_release(&out);
	strbuf_release(&want);
	transform_free(t);
	pseudonym_key_free(key);
	source_free(&def);
}

UNIT_MAIN(cmocka_unit_test(test_amounts), cmocka_unit_test(test_dates),
          cmocka_unit_test(test_sex_precedence), cmocka_unit_test(test_service_rows_and_rejects),
          cmocka_unit_test(test_service_row_exactly))
