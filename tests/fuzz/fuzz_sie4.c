/*
 * fuzz_sie4.c — libFuzzer target: the SIE 4 reader and the transform on any bytes
 * (see fuzz_reader.h for what is checked).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader("[source]\nkind = ledger\nformat = sie4\n[fields]\norg_code = "
	            "dim:1\nactivity_code = dim:20\nproject = dim:6\n",
	            ".se", data, size, NULL);
	return 0;
}
