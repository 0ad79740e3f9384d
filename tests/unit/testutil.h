/*
 * testutil.h — small helpers shared by the unit tests: temporary files and
 * source definitions written from strings, and the test program's main().
 */
#ifndef GBETL_TESTUTIL_H
#define GBETL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The files write_temp made, removed when the test program exits. */
static char testutil_temp_paths[4][64];

static inline void testutil_remove_temps(void)
{
	int slot;

	for (slot = 0; slot < 4; slot++)
		if (testutil_temp_paths[slot][0] != '\0')
			unlink(testutil_temp_paths[slot]);
}

/* Write len bytes to a new temporary file; returns its path (static buffer
 * per slot 0..3). The slot's earlier file is removed first, and every such
 * file when the program exits. */
static inline const char *write_temp(int slot, const char *suffix, const void *data, size_t len)
{
	static int cleanup_registered;
	char *path = testutil_temp_paths[slot];
	FILE *f;

	if (!cleanup_registered && atexit(testutil_remove_temps) == 0)
		cleanup_registered = 1;
	if (path[0] != '\0')
		unlink(path);
	snprintf(path, sizeof(testutil_temp_paths[slot]), "/tmp/gbetl-unit-%d-%d%s", (int)getpid(),
	         slot, suffix);
	f = fopen(path, "wb");
	if (f == NULL)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	return path;
}

/* UNIT_MAIN(cmocka_unit_test(a), cmocka_unit_test(b), ...) — the test
 * program's main(): runs the listed tests as one group, without group
 * setup or teardown (cmocka.h must be included first). */
#define UNIT_MAIN(...)                                                                             \
	int main(void)                                                                             \
	{                                                                                          \
		const struct CMUnitTest tests[] = {__VA_ARGS__};                                   \
		return cmocka_run_group_tests(tests, NULL, NULL);                                  \
	}

#endif
