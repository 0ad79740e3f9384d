/*
 * money.c — formatting 128-bit sums of öre (money.h).
 */
#include "money.h"

#include <stdio.h>

void money_format(money_sum ore, char *out, size_t size)
{
	char digits[48];
	unsigned __int128 u = ore < 0 ? -(unsigned __int128)ore : (unsigned __int128)ore;
	size_t n = 0;

	/* at least three digits: kronor, then two of öre */
	do {
		digits[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u > 0 || n < 3);
	if (size == 0)
		return;
	{
		size_t w = 0, i;

		if (ore < 0 && w + 1 < size)
			out[w++] = '-';
		for (i = n; i-- > 0 && w + 1 < size;) {
			out[w++] = digits[i];
			if (i == 2 && w + 1 < size)
				out[w++] = '.';
		}
		out[w] = '\0';
	}
}
