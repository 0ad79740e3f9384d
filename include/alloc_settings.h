/*
 * alloc_settings.h — the configuration's settings that the allocation and
 * its views read from the database, applied before allocating.
 *
 * alloc_settings_apply() sets the need tolerance (gbetl.conf's
 * need_tolerance_pp: how many percentage points the age-standardised
 * women's share of an activity with the target "need" may lie from 50 %)
 * through result.set_need_tolerance_pp() when the database has another
 * value, and says so.  gbetl allocate and gbetl run call it before they
 * allocate.  0, or -1 when the database could not be read or written
 * (logged).
 */
#ifndef GBETL_ALLOC_SETTINGS_H
#define GBETL_ALLOC_SETTINGS_H

#include <libpq-fe.h>

#include "config.h"

int alloc_settings_apply(PGconn *conn, const struct gbetl_config *cfg);

#endif
