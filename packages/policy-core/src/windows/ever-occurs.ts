/**
 * Whether a window's rule names any date at all. `0 9 31 2 *` (February 31st) or
 * `FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4` parse, and never happen: as an allow window such a rule
 * would refuse every promote, as a deny window it would guard nothing, and neither says so.
 */
import type { Recurrence } from './recurrence.js';
import { daysInMonth, weekdayOf } from './zoned-time.js';

// The Gregorian calendar's dates and weekdays repeat every 400 years, but within 1901-2099 every
// 28: a rule that names no date in 28 years from a leap year's start names none in this century.
const YEARS = 28;
const FROM = 2024;

/** True when some local date in the 28 years from 2024 is one the rule recurs on. */
export function everOccurs(r: Recurrence): boolean {
  if (r.times.length === 0) return false;
  let weekday = weekdayOf(FROM, 1, 1);
  for (let year = FROM; year < FROM + YEARS; year++)
    for (let month = 1; month <= 12; month++) {
      const days = daysInMonth(year, month);
      for (let day = 1; day <= days; day++) {
        if (r.onDate(year, month, day, weekday)) return true;
        weekday = (weekday + 1) % 7;
      }
    }
  return false;
}
