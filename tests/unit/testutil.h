/*
 * testutil.h — small helpers shared by the unit tests: temporary files and
 * source definitions written from strings.
 */
#ifndef GBETL_TESTUTIL_H
#define GBETL_TESTUTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write len bytes to a new temporary file; returns its path (static buffer
 * per slot 0..3). */
static inline const char *write_temp(int slot, const char *suffix, const void *data, size_t len)
{
	static char paths[4][64];
	FILE *f;

	snprintf(paths[slot], sizeof(paths[slot]), "/tmp/gbetl-unit-%d-%d%s", (int)getpid(), slot,
	         suffix);
	f = fopen(paths[slot], "wb");
	if (f == NULL)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
	return paths[slot];
}

#endif
