/*
 * testhook.h — stop points for the integration tests.
 *
 * Some failures can only be tested by stopping gbetl at an exact point:
 * killing "gbetl run" between its imports and its allocation, or holding an
 * import (and the lock) while another command tries to close the year.
 * When the environment variable GBETL_TEST_STOP names the point, the
 * process stops itself there with SIGSTOP (the test then kills it or lets
 * it go on with SIGCONT).  Unset, a stop point does nothing.  The points:
 *   import:before-commit  the loader, just before a batch commits
 *   run:before-allocate   gbetl run, after the inbox, before allocating
 */
#ifndef GBETL_TESTHOOK_H
#define GBETL_TESTHOOK_H

void test_stop_point(const char *point);

#endif
