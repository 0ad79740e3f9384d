/*
 * fuzz_csv.c — libFuzzer target: the CSV reader (Windows-1252 service source) and the transform on any bytes
 * (see fuzz_reader.h for what is checked).
 */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_reader(
	    "[source]\nkind = service\nformat = csv\nencoding = windows-1252\n[fields]\nperson_id "
	    "= Pnr\nsex = Kon\nservice_code = Kod\norg_code = #4\nperiod_start = Fran\nperiod_end "
	    "= Till\nquantity = Antal\namount = Belopp\n[values.sex]\nK = 2\nM = 1\n",
	    ".csv", data, size, "Pnr;Kon;Kod;Ansvar;Fran;Till;Antal;Belopp\n");
	return 0;
}
