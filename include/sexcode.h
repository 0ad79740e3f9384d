/*
 * sexcode.h — deciding a record's sex from its number and its sex field.
 *
 * docs/design.md "Identity numbers and sex": precedence "number" (default, as register-based
 * official statistics): a valid number decides, else the explicit field, else
 * unknown; "field": the field decides, else a valid number, else unknown.
 * When both are known and disagree the record is a conflict (counted per
 * batch; a change of legal sex gives a new number, so old records can carry
 * the old parity).
 */
#ifndef GBETL_SEXCODE_H
#define GBETL_SEXCODE_H

#include <stdbool.h>

#include "source.h"

struct sex_decision {
	int sex;       /* ISO/IEC 5218: 0 unknown, 1 man, 2 woman, 9 not applicable */
	char method;   /* 'n' number, 'f' field, '-' none */
	bool conflict; /* number and field both known and different */
};

/* number_sex: 1/2 from a valid number, 0 when there is none or it is invalid;
 * field_sex: the mapped field value 0/1/2/9, or -1 when the field is absent
 * or its value unmapped. */
struct sex_decision sexcode_decide(int number_sex, int field_sex, enum sex_precedence precedence);

#endif
