/*
 * fuzz_pnr.c — libFuzzer target for the identity-number parser and mask.
 *
 * Invariants checked on every input: a valid number has a 12-character
 * canonical form that parses again to itself with the same sex; the sex of
 * a valid number is 1 or 2; the mask never shows more than eight digits
 * (a date of birth at most) of any input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pnr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pnr_date reference = {2026, 11, 24};
	const char *s = (const char *)data;
	struct pnr p, again;
	char mask[32];
	size_t i, digits = 0;
	int interim;

	for (interim = 0; interim < 2; interim++) {
		if (!pnr_parse(s, size, &reference, interim, &p))
			continue;
		if (strlen(p.canonical) != 12 || (p.sex != 1 && p.sex != 2))
			abort();
		if (!pnr_parse(p.canonical, 12, &reference, interim, &again) ||
		    strcmp(again.canonical, p.canonical) != 0 || again.sex != p.sex)
			abort();
		(void)pnr_age(&p, &reference);
	}
	pnr_mask(s, size, mask, sizeof(mask));
	for (i = 0; mask[i]; i++)
		if (mask[i] >= '0' && mask[i] <= '9' && ++digits > 8)
			abort();
	return 0;
}
