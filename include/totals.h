/*
 * totals.h — running totals of quantities by key, exact, for corrections.
 *
 * A source with allow_negative = yes writes corrections as rows with
 * negative quantities.  A correction may take back what was given, never
 * more: the transform adds every quantity of such a source to the total of
 * its person and of its month (by service code and cost centre), and at
 * the end of the file a total below zero refuses the file.  Quantities are
 * decimal text ("-12.5"), summed as integers of 10^-9 units in 128 bits
 * (exact for every quantity an export writes; more decimals are cut).
 */
#ifndef GBETL_TOTALS_H
#define GBETL_TOTALS_H

#include <stddef.h>

struct totals;

struct totals *totals_new(void);
void totals_free(struct totals *t);
/* Add quantity (normalised: optional '-', digits, optional '.' and digits)
 * to the total of key; line is the record's, remembered as the last to
 * touch the total. */
void totals_add(struct totals *t, const char *key, const char *quantity, long line);
/* A total below zero: its key (owned by t) and the last line that touched
 * it in *line; NULL when none is. */
const char *totals_first_negative(const struct totals *t, long *line);

#endif
