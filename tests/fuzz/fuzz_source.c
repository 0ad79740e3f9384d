/*
 * fuzz_source.c — libFuzzer target: the source-definition parser on any
 * text.  Errors are fine; crashes, leaks and reads out of bounds are not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	struct source_def def;
	FILE *f;

	if (path[0] == '\0') {
		snprintf(path, sizeof(path), "/tmp/fuzz-source-%d.conf", (int)getpid());
		log_set_level((enum log_level)(LOG_LEVEL_ERROR + 1));
	}
	f = fopen(path, "wb");
	fwrite(data, 1, size, f);
	fclose(f);
	source_load(path, &def);
	source_free(&def);
	return 0;
}
