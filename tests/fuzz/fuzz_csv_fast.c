/*
 * fuzz_csv_fast.c — libFuzzer target: the CSV reader's own splitting of
 * plain lines against libcsv alone.  Any bytes, read both ways: the same
 * records (values, lines, problems) and the same end, or it aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source_def def;
	static char conf_path[64], data_path[64];
	static int ready;
	struct reader *fast, *slow;
	struct raw_record a, b;
	int ra, rb, f;
	FILE *out;

	if (!ready) {
		snprintf(conf_path, sizeof(conf_path), "/tmp/fuzz-fast-%d.conf", (int)getpid());
		snprintf(data_path, sizeof(data_path), "/tmp/fuzz-fast-%d.csv", (int)getpid());
		out = fopen(conf_path, "w");
		fputs("[source]\nkind = service\nformat = csv\nencoding = windows-1252\n[fields]\n"
		      "person_id = Pnr\nsex = Kon\nservice_code = Kod\norg_code = #4\n"
		      "period_start = Fran\nunit = \"timmar\"\n[values.sex]\nK = 2\n",
		      out);
		fclose(out);
		if (source_load(conf_path, &def) != 0)
			abort();
		log_set_level((enum log_level)(LOG_LEVEL_ERROR + 1));
		ready = 1;
	}
	out = fopen(data_path, "wb");
	fputs("Pnr;Kon;Kod;Ansvar;Fran\n", out);
	fwrite(data, 1, size, out);
	fclose(out);
	csv_reader_fast_path = true;
	fast = reader_open(&def, data_path);
	csv_reader_fast_path = false;
	slow = reader_open(&def, data_path);
	csv_reader_fast_path = true;
	if (fast == NULL || slow == NULL)
		abort();
	do {
		ra = reader_next(fast, &a);
		rb = reader_next(slow, &b);
		if (ra != rb)
			abort();
		if (ra != 1)
			break;
		if (a.line != b.line || !same(a.problem_code, b.problem_code) ||
		    (a.problem_code && (a.problem_field != b.problem_field ||
		                        strcmp(a.problem_detail, b.problem_detail) != 0)))
			abort();
		for (f = 0; f < FIELD_COUNT_ALL; f++)
			if (!same(a.value[f], b.value[f]) ||
			    (a.value[f] && a.length[f] != b.length[f]))
				abort();
	} while (1);
	reader_close(fast);
	reader_close(slow);
	return 0;
}
