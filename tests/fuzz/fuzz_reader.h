/*
 * fuzz_reader.h — what the reader fuzz targets share: a source definition
 * written once, each input written to a file, read through the public
 * reader API and the transform.  Invariant: every record read is either a
 * row or a reject (nothing is lost).
 */
#ifndef GBETL_FUZZ_READER_H
#define GBETL_FUZZ_READER_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "pseudonym.h"
#include "reader.h"
#include "transform.h"

/* The source definition of the SIE targets: a ledger in format ("sie4" or
 * "sie5"), its cost centre, activity and project in the dimensions the
 * sample ledgers use. */
#define FUZZ_SIE_SOURCE(format)                                                                    \
	"[source]\nkind = ledger\nformat = " format "\n[fields]\norg_code = dim:1\n"               \
	"activity_code = dim:20\nproject = dim:6\n"

static inline void fuzz_reader(const char *conf, const char *suffix, const uint8_t *data,
                               size_t size, const char *header)
{
	static struct source_def def;
	static struct pseudonym_key *key;
	static char conf_path[64], data_path[64];
	static int ready;
	const struct pnr_date reference = {2026, 11, 24};
	struct strbuf rows = STRBUF_INIT;
	struct transform *t;
	struct raw_record rec;
	struct reader *r;
	struct reject rej;
	long read = 0, kept = 0, rejected = 0;
	FILE *f;

	if (!ready) {
		snprintf(conf_path, sizeof(conf_path), "/tmp/fuzz-%d.conf", (int)getpid());
		snprintf(data_path, sizeof(data_path), "/tmp/fuzz-%d%s", (int)getpid(), suffix);
		f = fopen(conf_path, "w");
		fputs(conf, f);
		fclose(f);
		if (source_load(conf_path, &def) != 0)
			abort();
		key = pseudonym_key_from_bytes(
		    (const unsigned char *)"fuzzing key fuzzing key 12345678", 32);
		log_set_level((enum log_level)(LOG_LEVEL_ERROR + 1));
		ready = 1;
	}
	f = fopen(data_path, "wb");
	if (header)
		fputs(header, f);
	fwrite(data, 1, size, f);
	fclose(f);
	r = reader_open(&def, data_path);
	if (r == NULL)
		return;
	t = transform_new(&def, key, &reference);
	while (reader_next(r, &rec) == 1) {
		read++;
		if (transform_record(t, &rec, &rows, &rej) > 0)
			kept++;
		else
			rejected++;
		strbuf_reset(&rows);
	}
	if (read != kept + rejected)
		abort();
	transform_free(t);
	reader_close(r);
	strbuf_release(&rows);
}

#endif
