/*
 * value_parse.h — the numbers of a record read exactly from their text.
 *
 * Amounts become integer öre (never floating point), quantities stay exact
 * decimal text in a normal form, whole numbers and months are range-checked.
 * Dates are date.h's.  These are pure functions: what a value means for a
 * record (required, a reject's reason and message) is the transform's.
 */
#ifndef GBETL_VALUE_PARSE_H
#define GBETL_VALUE_PARSE_H

#include <stdbool.h>
#include <stddef.h>

/* An amount in kronor ("1 234,56", "-0.01", "123,45-": a trailing minus as
 * some ledgers write it; thousands may be 0 for none, ' ' also takes a
 * no-break space) to öre: 0, or -1 with *reason "bad_amount",
 * "too_many_decimals" (a third decimal that is not 0: never rounded) or
 * "amount_out_of_range" (more than MONEY_MAX_ORE either way, money.h). */
int parse_amount_ore(const char *s, char decimal, char thousands, long long *ore,
                     const char **reason);

/* A whole number min..max (trailing spaces allowed) into *out; false for
 * NULL, anything else or out of range. */
bool parse_int_range(const char *v, long min, long max, long *out);

/* An exact decimal quantity ("12,5" with decimal ',' -> "12.5"; '.' is
 * always a decimal point; spaces are skipped when thousands is ' ') in
 * normal form into out (size bytes); false when it is not a number or does
 * not fit. */
bool parse_quantity(const char *v, char decimal, char thousands, char *out, size_t size);

/* A month YYYYMM from the digits of v ("2024-07", "202407"): true with
 * *yyyymm when they are six and name a month of 1800 to 2200.  With
 * first_six (a ledger's period), digits after the sixth are ignored
 * ("2024-07-15" is July); without, more than six is no month, and with year
 * (non-zero) one or two digits are also a month 1 to 12 of it (a budget). */
bool parse_month(const char *v, long year, bool first_six, long *yyyymm);

#endif
