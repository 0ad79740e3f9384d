/*
 * fuzz_xml.c — libFuzzer target: the streaming XML reader (DOCTYPEs, entities, deep nesting, encodings) and the transform on any bytes
 * (see fuzz_reader.h for what is checked).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader("[source]\nkind = service\nformat = xml\nrecord_path = "
	            "/A/H/U\n[fields]\nperson_id = ../S\nco_person_id = ../M\norg_code = "
	            "../@a\nperiod_start = @d\nservice_code = I\namount = B/C\n",
	            ".xml", data, size, NULL);
	return 0;
}
