/*
 * report_labels.h — the words of the report, the CSV tables and the
 * estimate of gbetl impact, in Swedish and English, and the labels of the
 * database's codes (method, balance band, unit of volume, cost basis,
 * status) — a reader never sees a code.
 *
 * report_label() gives the text of a label; report_code_label() the label
 * of a code of one kind, or NULL for a code it does not know (the caller
 * shows the code itself rather than nothing).
 */
#ifndef GBETL_REPORT_LABELS_H
#define GBETL_REPORT_LABELS_H

#include <stdbool.h>

enum label {
	L_TITLE,
	L_KICKER,
	L_MUNICIPALITY,
	L_YEAR,
	L_DATE,
	L_STATUS,
	L_OPEN,
	L_OPEN_DETAIL, /* %s: the date of the data */
	L_CLOSED,
	L_CLOSED_DETAIL, /* %s version, %s date, %s who */
	L_REOPENED,      /* %s: the version closed before */
	L_VERSION,       /* %s: the version, for the running header */
	L_PRELIMINARY,   /* for the running header */
	L_SUPPRESSED,    /* %d threshold, %d threshold - 1 */
	L_SUMMARY,
	L_SUMMARY_LEAD,     /* %s municipality, %s year, %s total, %s share, %s population share */
	L_SUMMARY_NO_SPLIT, /* %s municipality, %s year, %s total */
	L_PART,
	L_SEX,
	L_PART_UNKNOWN,
	L_PART_NOT_INDIVIDUAL,
	L_PART_UNALLOCATED,
	L_PART_TOTAL,
	L_COST_SEK,
	L_SHARE_OF_TOTAL,
	L_PER_INHABITANT,
	L_POPULATION,
	L_COST_PER_INHABITANT,
	L_COMMITTEES_BY_COST,
	L_COMMITTEE,
	L_COMMITTEE_NAME,
	L_ACTIVITY,
	L_ACTIVITY_NAME,
	L_METHOD,
	L_TOTAL,
	L_WOMEN,
	L_MEN,
	L_WOMEN_SEK,
	L_MEN_SEK,
	L_UNKNOWN,
	L_NOT_INDIVIDUAL,
	L_UNALLOCATED,
	L_OTHER_SEK,
	L_SHARE,
	L_BAND,
	L_SHARE_CHANGE,
	L_COST_CHANGE,
	L_COMMITTEE_LEAD,          /* %s total, %s share, %s band */
	L_COMMITTEE_LEAD_NO_SPLIT, /* %s total */
	L_COST_TABLE,
	L_RECIPIENT_TABLE,
	L_POPULATION_TABLE,
	L_CSV_REC_WOMEN,
	L_CSV_REC_MEN,
	L_REC_WOMEN,
	L_REC_MEN,
	L_CPR_WOMEN,
	L_CPR_MEN,
	L_VPR_WOMEN,
	L_VPR_MEN,
	L_CPI_WOMEN,
	L_CPI_MEN,
	L_POP_SHARE,
	L_INDEX,
	L_NOTE_VOLUME,
	L_NOTE_HEADCOUNT,
	L_NOTE_AGGREGATE,
	L_NOTE_OTHER,
	L_CHART_SHARES,
	L_CHART_SHARES_ACTIVITY,
	L_CHART_YEARS, /* %s: committee or municipality */
	L_CHART_AXIS,
	L_CHART_YEAR_AXIS,
	L_CHART_BAND,
	L_CHART_ALT_SHARE, /* %s name, %s share */
	L_RECON,
	L_RECON_LEAD,
	L_LEDGER,
	L_ALLOCATED,
	L_DIFFERENCE,
	L_QUALITY,
	L_SOURCE,
	L_FILE,
	L_READ,
	L_REJECTED,
	L_COVERAGE,
	L_HIDDEN,
	L_YES,
	L_COST_BASIS,
	L_VOLUME_WOMEN,
	L_VOLUME_MEN,
	L_UNIT,
	L_POP_WOMEN,
	L_POP_MEN,
	L_WHOLE_MUNICIPALITY,
	L_UNMAPPED_COMMITTEE,
	L_UNMAPPED_ACTIVITY,
	L_PAGE,    /* the running footer: "Sida" */
	L_PAGE_OF, /* "av" */
	L_MADE_BY, /* %s version, %s date */
	L_BASIS,
	L_BASIS_DETAIL, /* %s the basis in words, %s its code */
	L_REMAINDER,    /* %s the rule in words, %s its code */
	L_RULES,
	L_RULES_DETAIL, /* %s set, %s SHA-256 (12 digits), %s when loaded */
	L_RULES_NONE,
	L_DETAIL,
	L_DETAIL_LEAD, /* %s year */
	L_BY_AGE_BAND,
	L_BY_DISTRICT,
	L_NEED_SHARES,      /* %s crude share, %s standardised share */
	L_NEED_SHARE_CRUDE, /* %s crude share */
	L_TARGET_BALANCE,   /* %s judgement */
	L_TARGET_NEED,      /* %s tolerance, %s judgement */
	L_TARGET_NONE,
	L_TARGET_MET,
	L_TARGET_NOT_MET,
	L_TARGET_UNKNOWN,
	L_CSV_TARGET,
	L_CSV_STD_SHARE,
	L_CSV_TARGET_MET,
	/* the estimate of gbetl impact (impact.h) */
	L_IMPACT_TITLE, /* %s the budget year */
	L_IMPACT_BASE,  /* %s the reference year */
	L_IMPACT_CHANGE,
	L_IMPACT_UNKNOWN_NOT_IND, /* %s unknown sex, %s not individual-based */
	L_IMPACT_VOLUME,          /* %s the unit */
	L_IMPACT_RECIPIENTS,
	L_IMPACT_PER_INH_BEFORE,
	L_IMPACT_PER_INH_AFTER,
	L_IMPACT_SHARE,
	L_IMPACT_COMMITTEE_SHARE,
	L_IMPACT_BEFORE_AFTER,  /* %s before, %s after */
	L_IMPACT_ACTIVITY_WIDE, /* %s the reference year */
	L_IMPACT_TOTAL, /* %s change, %s women, %s men, %s unknown, %s not individual-based */
	L_IMPACT_MUNICIPALITY_SHARE,
	L_IMPACT_ASSUMPTIONS, /* %s the reference year, three times */
	L_IMPACT_HIDDEN,
	L_COUNT
};

enum code_kind { CODE_METHOD, CODE_BAND, CODE_UNIT, CODE_COST_BASIS, CODE_REMAINDER, CODE_TARGET };

const char *report_label(enum label l, bool english);
const char *report_code_label(enum code_kind kind, const char *code, bool english);

#endif
