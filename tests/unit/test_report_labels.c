/*
 * test_report_labels.c — every word of the report exists in Swedish and
 * English, and every code the database writes has a label in both, so that
 * a reader never sees "volume" or "balanced" in a Swedish report.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "report_labels.h"
#include "testutil.h"

static void test_every_label_in_both_languages(void **state)
{
	int l;

	(void)state;
	for (l = 0; l < L_COUNT; l++) {
		const char *sv = report_label((enum label)l, false),
		           *en = report_label((enum label)l, true);

		if (sv == NULL || en == NULL || *sv == '\0' || *en == '\0')
			fail_msg("label %d has no text in %s", l,
			         sv && *sv ? "English" : "Swedish");
	}
}

static void test_codes(void **state)
{
	static const char *const methods[] = {"volume",    "headcount", "direct",
	                                      "aggregate", "none",      "unmapped"};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(methods) / sizeof(methods[0]); i++) {
		assert_non_null(report_code_label(CODE_METHOD, methods[i], false));
		assert_non_null(report_code_label(CODE_METHOD, methods[i], true));
	}
	assert_string_equal(report_code_label(CODE_METHOD, "volume", false), "volym");
	assert_string_equal(report_code_label(CODE_METHOD, "headcount", false), "antal brukare");
	assert_string_equal(report_code_label(CODE_METHOD, "aggregate", false), "besök");
	assert_string_equal(report_code_label(CODE_METHOD, "none", false), "ej individbaserad");
	assert_string_equal(report_code_label(CODE_BAND, "balanced", false), "inom 40–60");
	assert_string_equal(report_code_label(CODE_BAND, "women", false), "fler kvinnor");
	assert_string_equal(report_code_label(CODE_BAND, "men", false), "fler män");
	assert_string_equal(report_code_label(CODE_BAND, "men", true), "more men");
	assert_string_equal(report_code_label(CODE_UNIT, "hours", false), "timmar");
	assert_string_equal(report_code_label(CODE_UNIT, "visits", false), "besök");
	/* trips (färdtjänst, service_codes.csv) has its word too */
	assert_string_equal(report_code_label(CODE_UNIT, "trips", false), "resor");
	assert_string_equal(report_code_label(CODE_UNIT, "trips", true), "trips");
	assert_string_equal(report_code_label(CODE_UNIT, "days", false), "dygn");
	assert_string_equal(report_code_label(CODE_COST_BASIS, "gross", false), "bruttokostnad");
	/* unknown codes and NULL: no label, the caller shows the code */
	assert_null(report_code_label(CODE_METHOD, "lottery", false));
	assert_null(report_code_label(CODE_BAND, NULL, false));
}

UNIT_MAIN(cmocka_unit_test(test_every_label_in_both_languages), cmocka_unit_test(test_codes))
