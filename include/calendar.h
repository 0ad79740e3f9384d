/*
 * calendar.h — the Gregorian calendar, once: leap years and the length of
 * a month, for identity numbers, record dates and the sample's dates.
 */
#ifndef GBETL_CALENDAR_H
#define GBETL_CALENDAR_H

#include <stdbool.h>

bool calendar_is_leap(int year);
/* Days in month (1-12) of year; the caller checks that month is 1-12. */
int calendar_days_in_month(int year, int month);

#endif
