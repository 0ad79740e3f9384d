/*
 * sample.h — the fictitious sample municipality (docs/sample.md).
 *
 * Deterministic: the same options give byte-identical files.  Streams its
 * output, so a million inhabitants take seconds and little memory.
 */
#ifndef GBETL_SAMPLE_H
#define GBETL_SAMPLE_H

struct sample_options {
	const char *out_dir;
	long inhabitants;
	int years[8];
	int year_count;
	unsigned long long seed;
};

/* Write DIR/inbox/<files> and DIR/expected.txt.  0 or -1 (logged). */
int sample_write(const struct sample_options *opts);

#endif
