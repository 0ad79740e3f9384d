/*
 * config_check.h — "gbetl config check": the configuration file and
 * everything it points at — the pseudonymisation key (a key that group or
 * others can read is refused), the mapping tables, every source
 * definition, the inbox, archive, failed and report directories (they must
 * exist and be writable) — and, when the database can be reached, the
 * key's fingerprint against the one the database was loaded with.
 */
#ifndef GBETL_CONFIG_CHECK_H
#define GBETL_CONFIG_CHECK_H

#include "config.h"

/* Check cfg, printing an "ok" line to stdout for each part that is well and
 * logging every problem (with file and line where there is one); dbname is
 * the database to compare the key with (NULL: libpq's defaults).  0, or -1
 * when a problem was found. */
int config_check(const struct gbetl_config *cfg, const char *dbname);

#endif
