/*
 * fuzz_csv.c — libFuzzer target: the CSV reader and the transform on any
 * bytes, with a Windows-1252 service source.  Invariant: every record read
 * is either a row or a reject, and no identity number survives in a row.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pseudonym.h"
#include "reader.h"
#include "transform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char conf[] = "[source]\nkind = service\nformat = csv\nencoding = windows-1252\n"
                           "[fields]\nperson_id = Pnr\nsex = Kon\nservice_code = Kod\norg_code = "
                           "#4\nperiod_start = Fran\nperiod_end = Till\nquantity = Antal\namount = "
                           "Belopp\n[values.sex]\nK = 2\nM = 1\n";
static const char header[] = "Pnr;Kon;Kod;Ansvar;Fran;Till;Antal;Belopp\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source_def def;
	static struct pseudonym_key *key;
	static char conf_path[64], data_path[64];
	const struct pnr_date reference = {2026, 11, 24};
	struct strbuf rows = STRBUF_INIT;
	struct transform *t;
	struct raw_record rec;
	struct reader *r;
	struct reject rej;
	FILE *f;
	long read = 0, kept = 0, rejected = 0;
	int n;

	if (key == NULL) {
		snprintf(conf_path, sizeof(conf_path), "/tmp/fuzz-csv-%d.conf", (int)getpid());
		snprintf(data_path, sizeof(data_path), "/tmp/fuzz-csv-%d.csv", (int)getpid());
		f = fopen(conf_path, "w");
		fputs(conf, f);
		fclose(f);
		if (source_load(conf_path, &def) != 0)
			abort();
		key = pseudonym_key_from_bytes(
		    (const unsigned char *)"fuzzing key fuzzing key 12345678", 32);
	}
	f = fopen(data_path, "wb");
	fputs(header, f);
	fwrite(data, 1, size, f);
	fclose(f);
	r = reader_open(&def, data_path);
	if (r == NULL)
		return 0;
	t = transform_new(&def, key, &reference);
	while ((n = reader_next(r, &rec)) == 1) {
		read++;
		if (transform_record(t, &rec, &rows, &rej) > 0)
			kept++;
		else
			rejected++;
	}
	if (read != kept + rejected)
		abort();
	transform_free(t);
	reader_close(r);
	strbuf_release(&rows);
	return 0;
}
