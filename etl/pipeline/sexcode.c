/*
 * sexcode.c — the precedence between a number's sex and a sex field.
 */
#include "sexcode.h"

struct sex_decision sexcode_decide(int number_sex, int field_sex, enum sex_precedence precedence)
{
	struct sex_decision d = {0, '-', false};
	bool number_known = number_sex == 1 || number_sex == 2;
	bool field_known = field_sex == 1 || field_sex == 2;

	if (number_known && field_known && number_sex != field_sex)
		d.conflict = true;
	if (precedence == SEX_PRECEDENCE_FIELD && field_sex >= 0 && field_sex != 0) {
		d.sex = field_sex;
		d.method = 'f';
	} else if (number_known) {
		d.sex = number_sex;
		d.method = 'n';
	} else if (field_sex >= 0 && field_sex != 0) {
		d.sex = field_sex;
		d.method = 'f';
	}
	return d;
}
