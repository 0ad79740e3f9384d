/*
 * fuzz_sie5.c — libFuzzer target: the SIE 5 reader and the transform on any bytes
 * (see fuzz_reader.h for what is checked).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(FUZZ_SIE_SOURCE("sie5"), ".sie", data, size, NULL);
	return 0;
}
