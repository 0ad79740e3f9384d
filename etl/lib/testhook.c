/*
 * testhook.c — stop points for the integration tests (see testhook.h).
 */
#include "testhook.h"
#include "log.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

void test_stop_point(const char *point)
{
	const char *want = getenv("GBETL_TEST_STOP");

	if (want == NULL || strcmp(want, point) != 0)
		return;
	log_info("test stop point \"%s\": stopping", point);
	raise(SIGSTOP);
}
