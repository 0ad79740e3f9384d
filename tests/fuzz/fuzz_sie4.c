/*
 * fuzz_sie4.c — libFuzzer target: the SIE4 reader and the transform on any
 * bytes.  Invariant: every record read is a row or a reject; no crash, no
 * hang, memory bounded by one voucher.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "log.h"
#include "reader.h"
#include "transform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char conf[] = "[source]\nkind = ledger\nformat = sie4\n[fields]\norg_code = "
                           "dim:1\nactivity_code = dim:20\nproject = dim:6\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source_def def;
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
		snprintf(conf_path, sizeof(conf_path), "/tmp/fuzz-sie4-%d.conf", (int)getpid());
		snprintf(data_path, sizeof(data_path), "/tmp/fuzz-sie4-%d.se", (int)getpid());
		f = fopen(conf_path, "w");
		fputs(conf, f);
		fclose(f);
		if (source_load(conf_path, &def) != 0)
			abort();
		log_set_level((enum log_level)(LOG_LEVEL_ERROR + 1));
		ready = 1;
	}
	f = fopen(data_path, "wb");
	fwrite(data, 1, size, f);
	fclose(f);
	r = reader_open(&def, data_path);
	if (r == NULL)
		return 0;
	t = transform_new(&def, NULL, &reference);
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
	return 0;
}
