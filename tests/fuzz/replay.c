/*
 * replay.c — a main() for a fuzz target without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named, so that "make check" can
 * replay the seeds (tests/fuzz/seeds/TARGET/) with gcc and the sanitizers,
 * where clang's libFuzzer may not be installed.  Exit 0 when every input
 * ran (a finding aborts), 1 when a file cannot be read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char *read_whole(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t n = 0, alloc = 0;

	if (f == NULL)
		return NULL;
	for (;;) {
		size_t got;

		if (alloc - n < 4096) {
			unsigned char *grown = realloc(buf, alloc * 2 + 4096);

			if (grown == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = grown;
			alloc = alloc * 2 + 4096;
		}
		got = fread(buf + n, 1, alloc - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = n;
	return buf;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		size_t size = 0;
		unsigned char *data = read_whole(argv[i], &size);

		if (data == NULL) {
			fprintf(stderr, "replay: could not read \"%s\"\n", argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput(data, size);
		free(data);
	}
	return 0;
}
