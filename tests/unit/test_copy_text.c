/*
 * test_copy_text.c — the one COPY text encoder and decoder, the date module
 * and the value parsers the transform is built from.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "copy_text.h"
#include "date.h"
#include "person_cache.h"
#include "pseudonym.h"
#include "strbuf.h"
#include "value_parse.h"
#include "testutil.h"

static void test_row_columns(void **state)
{
	struct strbuf out = STRBUF_INIT;
	const char *texts[2] = {"a\tb\\c\nd\re", NULL};
	size_t lengths[2];
	struct copy_row row;
	struct date d = {2024, 2, 29, true}, none = {0};

	(void)state;
	strbuf_addstr(&out, "before\n");
	copy_row_begin(&row, &out, texts, lengths, 2);
	copy_int(&row, -9223372036854775807LL - 1);
	copy_text(&row, texts[0], lengths[0]);
	copy_text(&row, texts[1], lengths[1]);
	copy_opt_int(&row, false, 5);
	copy_opt_int(&row, true, 0);
	copy_char(&row, 'v');
	copy_date(&row, &d);
	copy_date(&row, &none);
	copy_plain(&row, "12.5", 4);
	copy_row_end(&row);
	assert_string_equal(out.buf,
	                    "before\n-9223372036854775808\ta\\tb\\\\c\\nd\\re\t\\N\t\\N\t0\tv\t"
	                    "2024-02-29\t\\N\t12.5\n");
	assert_int_equal(out.len, strlen(out.buf));
	strbuf_release(&out);
}

static void test_escape_and_split_round_trip(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *value = "tab\there, back\\slash, new\nline, \\N as text";
	char *cols[4];

	(void)state;
	copy_text_escape(&sb, value);
	strbuf_addch(&sb, '\t');
	copy_text_escape(&sb, NULL);
	strbuf_addstr(&sb, "\tlast");
	assert_int_equal(copy_split_row(sb.buf, cols, 4), 3);
	assert_string_equal(cols[0], value);
	assert_null(cols[1]);
	assert_string_equal(cols[2], "last");
	strbuf_release(&sb);
}

static void test_dates(void **state)
{
	const char *formats[] = {"%Y-%m-%d", "%Y%m%d", "%Y-%m"};
	struct date d;
	int y, m, day;
	bool month_only;
	char buf[11] = {0};

	(void)state;
	assert_true(date_parse_iso("2024-02-29", &d));
	assert_false(date_parse_iso("2023-02-29", &d));
	assert_false(date_parse_iso("2024-02-29 ", &d));
	assert_true(date_parse_iso("0001-01-01", &d));         /* any year for the command line */
	assert_false(date_parse_record_iso("1799-12-31", &d)); /* not for a record */
	assert_true(date_parse_record_iso("2200-12-31", &d));
	assert_int_equal(
	    date_parse_formats(" 20240131T12:00", formats, 3, &y, &m, &day, &month_only), DATE_OK);
	assert_int_equal(day, 31);
	assert_int_equal(date_parse_formats("1799-12", formats, 3, &y, &m, &day, &month_only),
	                 DATE_IMPOSSIBLE);
	assert_int_equal(y, 1799);
	assert_true(month_only);
	*date_put_iso(buf, 987, 1, 2) = '\0';
	assert_string_equal(buf, "0987-01-02");
	d = (struct date){2024, 12, 31, true};
	assert_true(date_number(&d) == 20241231);
}

static void test_values(void **state)
{
	char q[48];
	long v;

	(void)state;
	assert_true(parse_quantity("-1 234,5", ',', ' ', q, sizeof(q)));
	assert_string_equal(q, "-1234.5");
	assert_false(parse_quantity("1,2,3", ',', 0, q, sizeof(q)));
	assert_false(parse_quantity("12345", ',', 0, q, 4)); /* does not fit */
	assert_true(parse_int_range("130 ", 0, 130, &v));
	assert_false(parse_int_range("131", 0, 130, &v));
	assert_false(parse_int_range(NULL, 0, 130, &v));
	assert_true(parse_month("2024-07", 0, false, &v));
	assert_int_equal(v, 202407);
	assert_false(parse_month("2024-13", 0, false, &v));
	assert_false(parse_month("2024-07-15", 0, false, &v)); /* a budget's period */
	assert_true(parse_month("2024-07-15", 0, true, &v));   /* a ledger's: its month */
	assert_int_equal(v, 202407);
	assert_true(parse_month("7", 2025, false, &v));
	assert_int_equal(v, 202507);
	assert_false(parse_month("7", 0, false, &v));
	assert_false(parse_month("7", 2025, true, &v));
}

static void test_person_cache(void **state)
{
	struct pseudonym_key *key =
	    pseudonym_key_from_bytes((const unsigned char *)"0123456789abcdef0123456789abcdef", 32);
	struct person_cache *c = person_cache_new(key, false);
	const struct person_number *a, *b;
	char uuid[PSEUDONYM_UUID_LEN + 1];

	(void)state;
	a = person_cache_lookup(c, "19121212-1212", 2024);
	assert_true(a->valid);
	memcpy(uuid, a->uuid, sizeof(uuid));
	/* the same person written another way has the same pseudonym */
	b = person_cache_lookup(c, "121212+1212", 2024); /* 100 or older */
	assert_true(b->valid);
	assert_string_equal(b->uuid, uuid);
	assert_false(person_cache_lookup(c, "19121212-1213", 2024)->valid);
	/* a number longer than any slot's still answers */
	assert_false(person_cache_lookup(c, "191212121212121212121212121212", 2024)->valid);
	assert_string_equal(person_cache_lookup(c, "19121212-1212", 2024)->uuid, uuid);
	person_cache_free(c);
	pseudonym_key_free(key);
}

UNIT_MAIN(cmocka_unit_test(test_row_columns), cmocka_unit_test(test_escape_and_split_round_trip),
          cmocka_unit_test(test_dates), cmocka_unit_test(test_values),
          cmocka_unit_test(test_person_cache))
