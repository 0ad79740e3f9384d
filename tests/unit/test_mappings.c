/*
 * test_mappings.c — the mapping rules looked up as the allocation applies
 * them: cost centre ranges by year (a reorganisation), codes ordered as
 * numbers when they are digits, service codes per source and year, account
 * types; and the unknown codes an extract --check reports.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include "code_check.h"
#include "mappings.h"
#include "testutil.h"

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static struct mapping_set *read_rules(void)
{
	snprintf(dir, sizeof(dir), "/tmp/gbetl-unit-%d-mappings", (int)getpid());
	mkdir(dir, 0700);
	put("committees.csv", "committee_code;committee_name;valid_from;valid_to\n"
	                      "VON;Vård och omsorg;2020;\nSOC;Social;2020;\nKFN;Kultur;2020;\n");
	put("org_units.csv", "org_code_from;org_code_to;committee_code;valid_from;valid_to\n"
	                     "3000;3199;VON;2020;\n3200;3299;VON;2020;2024\n3200;3299;SOC;2025;\n"
	                     "9;99;KFN;2020;\nA1;A9;KFN;2020;\n");
	put("activities.csv",
	    "activity_code;activity_name;method;volume_unit;age_from;age_to;household_split\n"
	    "5101;Hemtjänst;volume;hours;65;;\n5130;Daglig verksamhet;volume;days;;;\n"
	    "5750;Ekonomiskt bistånd;direct;kronor;;;equal\n");
	put("accounts.csv", "account_from;account_to;account_type\n3000;3899;revenue\n"
	                    "3900;3999;internal_revenue\n4000;7999;cost\n");
	put("service_codes.csv", "source;service_code;activity_code;unit;valid_from;valid_to\n"
	                         "omsorg;HT;5101;hours;2020;\nomsorg;DV;5130;days;2020;2024\n"
	                         "ekbistand;EKB;5750;kronor;2020;\n");
	return mappings_read(dir);
}

static void remove_rules(void)
{
	static const char *const files[] = {"committees.csv", "org_units.csv", "activities.csv",
	                                    "accounts.csv", "service_codes.csv"};
	char path[128];
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void test_lookups_by_year_and_code_order(void **state)
{
	struct mapping_set *set = read_rules();

	(void)state;
	assert_non_null(set);
	/* a cost centre that moves from one committee to another */
	assert_string_equal(mappings_committee_of(set, "3210", 2024), "VON");
	assert_string_equal(mappings_committee_of(set, "3210", 2025), "SOC");
	assert_null(mappings_committee_of(set, "3210", 2019));
	assert_null(mappings_committee_of(set, "3300", 2024));
	/* digit codes compare as numbers: 10 and 099 lie in 9..99, 100 does not */
	assert_string_equal(mappings_committee_of(set, "10", 2024), "KFN");
	assert_string_equal(mappings_committee_of(set, "099", 2024), "KFN");
	assert_null(mappings_committee_of(set, "100", 2024));
	/* other codes as text */
	assert_string_equal(mappings_committee_of(set, "A5", 2024), "KFN");
	assert_null(mappings_committee_of(set, "B1", 2024));
	/* service codes by source and year */
	assert_string_equal(mappings_service_activity(set, "omsorg", "HT", 2025), "5101");
	assert_string_equal(mappings_service_activity(set, "omsorg", "DV", 2024), "5130");
	assert_null(mappings_service_activity(set, "omsorg", "DV", 2025));
	assert_null(mappings_service_activity(set, "ekbistand", "HT", 2024));
	/* accounts: ranges, and ignore for what no range covers */
	assert_string_equal(mappings_account_type(set, "5010"), "cost");
	assert_string_equal(mappings_account_type(set, "3950"), "internal_revenue");
	assert_string_equal(mappings_account_type(set, "1930"), "ignore");
	assert_true(mappings_activity_known(set, "5750"));
	assert_false(mappings_activity_known(set, "9999"));
	mappings_free(set);
	remove_rules();
}

/* What code_check_print() writes after the rows (NULL-terminated) of an
 * extract of source, with runs of spaces made one; free() it. */
static char *checked(const struct mapping_set *set, const char *source, enum record_kind kind,
                     const char *const *rows)
{
	struct code_check *check = code_check_new(set, source, kind);
	char *text = NULL, *from, *to;
	size_t size = 0;
	FILE *out;

	for (; *rows; rows++)
		code_check_row(check, *rows, strlen(*rows));
	out = open_memstream(&text, &size);
	code_check_print(check, out, 20);
	fclose(out);
	code_check_free(check);
	for (from = to = text; *from; from++)
		if (!(*from == ' ' && to > text && to[-1] == ' '))
			*to++ = *from;
	*to = '\0';
	return text;
}

static void test_unknown_codes_counted(void **state)
{
	/* service rows: source_line ... service_code (9), org_code (10), period_start (11) */
	static const char *const service[] = {
	    "2\tk\t2\tn\tf\tv\t1940\t84\t\\N\tHT\t3010\t2024-01-01\t\\N\t3\thours\n",
	    "3\tk\t2\tn\tf\tv\t1940\t84\t\\N\tDV\t3210\t2025-01-01\t\\N\t3",
	    "4\tk\t2\tn\tf\tv\t1940\t84\t\\N\tDV\t3210\t2025-02-01\t\\N\t3",
	    "5\tk\t1\tn\tf\tv\t1940\t84\t\\N\tXX\t8000\t2024-03-01\t\\N\t3", NULL};
	/* the ledger: cost accounts only, with the money */
	static const char *const ledger[] = {
	    "7\t2024\t2024-05-31\t202405\t5010\t-12345\t8000\t5101\n",
	    "8\t2024\t2024-05-31\t202405\t3010\t99999\t8000\t5101\n",
	    "9\t2024\t2024-05-31\t202405\t5010\t50\t3010\t\\N\n", NULL};
	struct mapping_set *set = read_rules();
	char *text;

	(void)state;
	assert_non_null(set);
	text = checked(set, "omsorg", KIND_SERVICE, service);
	/* DV ended in 2024; XX never existed; 8000 has no committee */
	assert_non_null(strstr(text, "service code DV 2025 2 records"));
	assert_non_null(strstr(text, "service code XX 2024 1 records"));
	assert_non_null(strstr(text, "cost centre 8000 2024 1 records"));
	assert_null(strstr(text, "HT"));
	assert_null(strstr(text, "3210"));
	free(text);

	text = checked(set, "huvudbok", KIND_LEDGER, ledger);
	assert_non_null(strstr(text, "cost centre 8000 2024 1 records, -123.45 kr"));
	assert_non_null(strstr(text, "activity code (none) 2024 1 records, 0.50 kr"));
	assert_null(strstr(text, "999.99"));
	free(text);
	mappings_free(set);
	remove_rules();
}

UNIT_MAIN(cmocka_unit_test(test_lookups_by_year_and_code_order),
          cmocka_unit_test(test_unknown_codes_counted))
