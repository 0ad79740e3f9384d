/*
 * record.c — names of record kinds and canonical fields (see record.h).
 */
#include "record.h"

#include <string.h>

static const char *const field_names[FIELD_COUNT_ALL] = {
    [FIELD_PERSON_ID] = "person_id",
    [FIELD_PERSON_KEY] = "person_key",
    [FIELD_SEX] = "sex",
    [FIELD_GENDER_SELF] = "gender_self",
    [FIELD_SERVICE_CODE] = "service_code",
    [FIELD_ORG_CODE] = "org_code",
    [FIELD_PERIOD_START] = "period_start",
    [FIELD_PERIOD_END] = "period_end",
    [FIELD_QUANTITY] = "quantity",
    [FIELD_UNIT] = "unit",
    [FIELD_AMOUNT] = "amount",
    [FIELD_DISTRICT] = "district",
    [FIELD_CO_PERSON_ID] = "co_person_id",
    [FIELD_CO_SEX] = "co_sex",
    [FIELD_DATE] = "date",
    [FIELD_PERIOD] = "period",
    [FIELD_ACCOUNT] = "account",
    [FIELD_ACTIVITY_CODE] = "activity_code",
    [FIELD_PROJECT] = "project",
    [FIELD_TEXT] = "text",
    [FIELD_VOUCHER_SERIES] = "voucher_series",
    [FIELD_VOUCHER_NUMBER] = "voucher_number",
    [FIELD_YEAR] = "year",
    [FIELD_AGE] = "age",
    [FIELD_AGE_FROM] = "age_from",
    [FIELD_AGE_TO] = "age_to",
    [FIELD_COUNT] = "count",
    [FIELD_AREA] = "area",
    [FIELD_COUNT_WOMEN] = "count_women",
    [FIELD_COUNT_MEN] = "count_men",
    [FIELD_COUNT_UNKNOWN] = "count_unknown",
    [FIELD_COMMITTEE_CODE] = "committee_code",
    [FIELD_BUDGET_VERSION] = "budget_version",
};

static const struct {
	const char *name;
	const char *table;
	const char *columns;
} kinds[KIND_COUNT] = {
    [KIND_SERVICE] = {"service", "core.service_record",
                      "source_line, person_key, sex, sex_method, sex_conflict, id_status, "
                      "birth_year, age, gender_self, service_code, org_code, period_start, "
                      "period_end, quantity, unit, amount_ore, district, co_person_key, co_sex, "
                      "co_birth_year, co_age"},
    [KIND_LEDGER] = {"ledger", "core.ledger_entry",
                     "source_line, fiscal_year, entry_date, period, account, amount_ore, "
                     "org_code, activity_code, project, voucher_series, voucher_number, text, "
                     "quantity"},
    [KIND_POPULATION] = {"population", "core.population",
                         "source_line, year, sex, age_from, age_to, count, area"},
    [KIND_AGGREGATE] = {"aggregate", "core.aggregate_count",
                        "source_line, period_start, period_end, org_code, activity_code, "
                        "service_code, sex, count"},
    [KIND_BUDGET] = {"budget", "core.budget",
                     "source_line, fiscal_year, period, org_code, committee_code, activity_code, "
                     "account, amount_ore, budget_version"},
};

const char *field_name(enum field_id id)
{
	if ((int)id < 0 || id >= FIELD_COUNT_ALL)
		return NULL;
	return field_names[id];
}

int field_lookup(const char *name)
{
	int i;

	for (i = 0; i < FIELD_COUNT_ALL; i++)
		if (strcmp(field_names[i], name) == 0)
			return i;
	return -1;
}

const char *record_kind_name(enum record_kind kind)
{
	return (int)kind >= 0 && kind < KIND_COUNT ? kinds[kind].name : NULL;
}

int record_kind_lookup(const char *name)
{
	int i;

	for (i = 0; i < KIND_COUNT; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return i;
	return -1;
}

const char *record_kind_table(enum record_kind kind)
{
	return (int)kind >= 0 && kind < KIND_COUNT ? kinds[kind].table : NULL;
}

const char *record_kind_columns(enum record_kind kind)
{
	return (int)kind >= 0 && kind < KIND_COUNT ? kinds[kind].columns : NULL;
}
