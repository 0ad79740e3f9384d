/*
 * allocate.h — the gender-budget allocation of a fiscal year, used by
 * "gbetl allocate" (one year, perhaps on another basis) and "gbetl run"
 * (every open year that changed, on the configuration's basis).
 *
 * The work is set-based SQL in the database: result.allocate_year() splits
 * the ledger cost, result.allocate_budget() the year's budget at the shares
 * of the outcome (docs/method.md), in one statement.  This module calls
 * them and says what they did.
 */
#ifndef GBETL_ALLOCATE_H
#define GBETL_ALLOCATE_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "config.h"

/* The basis of an allocation: "gross" or "own" cost; the remainder of a
 * direct activity "share" or "apart" (gbetl.conf's cost_basis and
 * direct_remainder). */
struct allocate_basis {
	const char *cost;
	const char *direct_remainder;
};

/*
 * Allocate one year of the municipality, replacing its earlier results,
 * and log it with the number of rows; with out, also print the year's
 * totals in öre (ledger cost, women, men, unknown sex, not individual,
 * unallocated).  Returns an exit status: 0; 65 the year is closed; else
 * that of the connection (logged).
 */
int allocate_year(PGconn *conn, const char *municipality, const char *year,
                  const struct allocate_basis *basis, FILE *out);

/*
 * Allocate every open year whose data or mapping rules changed since its
 * last allocation, or whose allocation has another basis than the
 * configuration's (an "allocate --cost" for one run), on the
 * configuration's basis.  0, or -1 when one failed (logged; the others are
 * still tried unless the connection is lost).
 */
int allocate_pending(PGconn *conn, const struct gbetl_config *cfg);

/* Whether mapping rules are loaded: without them every cost is unmapped
 * and every figure zero (logged with a hint when not).  A database error
 * counts as loaded: it is reported elsewhere. */
bool allocate_rules_loaded(PGconn *conn, const struct gbetl_config *cfg);

#endif
