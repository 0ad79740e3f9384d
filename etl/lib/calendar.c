/*
 * calendar.c — leap years and month lengths (see calendar.h).
 */
#include "calendar.h"

#include <assert.h>

bool calendar_is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int calendar_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	assert(month >= 1 && month <= 12);
	if (month == 2 && calendar_is_leap(year))
		return 29;
	return days[month - 1];
}
