/*
 * recorded_names.h — identity numbers in the file names a database holds
 * from before gbetl masked them.
 *
 * Since schema 008 every file name is masked (pnr_scan.h) before it is
 * stored.  A database loaded earlier may still hold a name such as
 * "omsorg_19831007-5604.csv" in etl.batch and in the batch lists of closed
 * years (result.year_close.batches).  "gbetl init" masks them in place,
 * with the same detector that masks new names, and says how many; a
 * database without such names is left untouched.
 */
#ifndef GBETL_RECORDED_NAMES_H
#define GBETL_RECORDED_NAMES_H

#include <libpq-fe.h>

/* Mask every identity number in the recorded file names, in one
 * transaction.  Returns how many names were masked, or -1 (logged). */
long recorded_names_mask(PGconn *conn);

#endif
