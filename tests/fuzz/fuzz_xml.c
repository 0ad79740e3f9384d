/*
 * fuzz_xml.c — libFuzzer target: the streaming XML reader on any bytes
 * (DOCTYPEs, entities, deep nesting, broken encodings).  It must never
 * crash, hang, or read outside the file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char conf[] = "[source]\nkind = service\nformat = xml\nrecord_path = /A/H/U\n"
                           "[fields]\nperson_id = ../S\nco_person_id = ../M\norg_code = ../@a\n"
                           "period_start = @d\nservice_code = I\namount = B/C\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct source_def def;
	static char conf_path[64], data_path[64];
	static int ready;
	struct raw_record rec;
	struct reader *r;
	FILE *f;

	if (!ready) {
		snprintf(conf_path, sizeof(conf_path), "/tmp/fuzz-xml-%d.conf", (int)getpid());
		snprintf(data_path, sizeof(data_path), "/tmp/fuzz-xml-%d.xml", (int)getpid());
		f = fopen(conf_path, "w");
		fputs(conf, f);
		fclose(f);
		if (source_load(conf_path, &def) != 0)
			abort();
		ready = 1;
	}
	f = fopen(data_path, "wb");
	fwrite(data, 1, size, f);
	fclose(f);
	r = reader_open(&def, data_path);
	if (r == NULL)
		return 0;
	while (reader_next(r, &rec) == 1)
		;
	reader_close(r);
	return 0;
}
