/*
 * money.h — the range of an amount and sums that cannot overflow.
 *
 * An amount is integer öre.  One amount may be at most MONEY_MAX_ORE
 * (10^15 kronor) either way: more is no municipality's money, and the
 * readers and the transform reject it as "amount_out_of_range".  Sums of
 * amounts (a voucher, a file's totals) are kept in 128 bits, which no file
 * of accepted amounts can overflow (2^127 öre is 10^19 times a file of a
 * million maximal rows).
 */
#ifndef GBETL_MONEY_H
#define GBETL_MONEY_H

#include <stddef.h>

/* 10^15 kronor in öre. */
#define MONEY_MAX_ORE 100000000000000000LL

typedef __int128 money_sum;

/* "-123.45": a sum in öre as kronor with two decimals, into out (size >= 48). */
void money_format(money_sum ore, char *out, size_t size);

#endif
