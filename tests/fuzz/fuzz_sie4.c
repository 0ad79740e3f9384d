/*
 * fuzz_sie4.c — libFuzzer target: the SIE 4 reader and the transform on any bytes
 * (see fuzz_reader.h for what is checked).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(FUZZ_SIE_SOURCE("sie4"), ".se", data, size, NULL);
	return 0;
}
