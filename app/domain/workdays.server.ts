/**
 * Calendar dates and Dutch werkdagen (working days).
 *
 * A CalendarDate is a plain `YYYY-MM-DD` string, always meant as a day in
 * Europe/Amsterdam. All arithmetic runs on UTC midnights (Date.UTC), which have
 * no DST shifts, so results never depend on the machine's time zone. Only
 * `todayInAmsterdam` touches real instants.
 *
 * Functions that compute with dates throw a RangeError on a malformed or
 * non-existent date: that is a programming error. User input goes through
 * `parseCalendarDate`, which returns null instead.
 */
import Holidays from "date-holidays";
import { addDays, dayOfWeek, toUtcMs, type CalendarDate } from "./calendar-date.ts";

export * from "./calendar-date.ts";

// --- Public holidays -------------------------------------------------------

// Which days count: exactly those date-holidays (3.37) marks as type "public" for NL:
// Nieuwjaarsdag, 1e/2e Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
// Sunday), Hemelvaartsdag, 1e/2e Pinksterdag, 1e/2e Kerstdag.
// Not counted, because date-holidays does not mark them "public" and they are not a
// general day off: Goede Vrijdag ("school") and Bevrijdingsdag ("school", also in the
// lustrum years when many employers give the day off), Oudejaarsdag ("bank").
// The unit tests pin this list, so a change in the package shows up there.
let holidays: Holidays | undefined;

const holidaysByYear = new Map<number, ReadonlySet<CalendarDate>>();

function publicHolidaysIn(year: number): ReadonlySet<CalendarDate> {
  let set = holidaysByYear.get(year);
  if (!set) {
    holidays ??= new Holidays("NL");
    set = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => h.type === "public")
        // h.date is the local (Amsterdam) start, "YYYY-MM-DD hh:mm:ss".
        .map((h) => h.date.slice(0, 10)),
    );
    holidaysByYear.set(year, set);
  }
  return set;
}

export function isDutchPublicHoliday(date: CalendarDate): boolean {
  toUtcMs(date); // validate
  return publicHolidaysIn(Number(date.slice(0, 4))).has(date);
}

/** Monday to Friday and not a Dutch public holiday. */
export function isWerkdag(date: CalendarDate): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isDutchPublicHoliday(date);
}

// --- Werkdagen arithmetic --------------------------------------------------

export function nextWerkdagOnOrAfter(date: CalendarDate): CalendarDate {
  let d = date;
  while (!isWerkdag(d)) d = addDays(d, 1);
  return d;
}

/**
 * The n-th werkdag after `date` (the date itself is never counted for n ≥ 1, and
 * need not be a werkdag). n = 0 gives `date` if it is a werkdag, else the next one.
 *
 * A term like "uiterlijk binnen 3 werkdagen na de calamiteit" therefore has as its
 * deadline `addWerkdagen(calamityDate, 3)`: the 3rd werkdag after the calamity day,
 * that day included. Example: calamity on Thursday 24-12-2026 → 28, 29, 30 December
 * (25/26 are Kerstdagen, 26/27 weekend) → deadline Wednesday 30-12-2026.
 */
export function addWerkdagen(date: CalendarDate, n: number): CalendarDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWerkdagen: n must be an integer ≥ 0, got ${n}`);
  if (n === 0) return nextWerkdagOnOrAfter(date);
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWerkdag(d)) counted++;
  }
  return d;
}

/**
 * Number of werkdagen d with a < d ≤ b (negated when b < a), so that
 * werkdagenBetween(a, addWerkdagen(a, n)) === n for n ≥ 1.
 */
export function werkdagenBetween(a: CalendarDate, b: CalendarDate): number {
  if (b < a) return -werkdagenBetween(b, a); // YYYY-MM-DD compares correctly as text
  let count = 0;
  for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (isWerkdag(d)) count++;
  return count;
}

// --- End of a term (Algemene termijnenwet) --------------------------------

// Algemene termijnenwet art. 3: the "algemeen erkende feestdagen" are the public holidays above plus
// 5 May (every year). Goede Vrijdag is not among them.
const HOLIDAY_NAMES: Record<string, string> = {
  Nieuwjaar: "Nieuwjaarsdag",
  Pasen: "1e Paasdag",
  "Tweede paasdag": "2e Paasdag",
  Koningsdag: "Koningsdag",
  Hemelvaartsdag: "Hemelvaartsdag",
  Pinksteren: "1e Pinksterdag",
  "Tweede pinksterdag": "2e Pinksterdag",
  Kerstmis: "1e Kerstdag",
  "Tweede kerstdag": "2e Kerstdag",
};

/** Why a day cannot end a term: "zaterdag", "zondag", "1e Kerstdag", "Bevrijdingsdag"; null on a werkdag. */
export function restDayName(date: CalendarDate): string | null {
  toUtcMs(date);
  if (isDutchPublicHoliday(date)) {
    holidays ??= new Holidays("NL");
    const found = (holidays.isHoliday(`${date} 12:00:00`) || []).find((h) => h.type === "public");
    return (found && HOLIDAY_NAMES[found.name]) ?? found?.name ?? "feestdag";
  }
  if (date.slice(5) === "05-05") return "Bevrijdingsdag";
  const dow = dayOfWeek(date);
  if (dow === 6) return "zaterdag";
  if (dow === 0) return "zondag";
  return null;
}

export interface TermEnd {
  /** The last day of the term: never a Saturday, Sunday or algemeen erkende feestdag. */
  date: CalendarDate;
  /** The day the term would have ended on, when it moved. */
  movedFrom?: CalendarDate;
  /** Why it moved: the name of that day ("zaterdag", "1e Kerstdag"). */
  movedBecause?: string;
}

/**
 * Algemene termijnenwet art. 1: a term that ends on a Saturday, Sunday or algemeen erkende
 * feestdag is extended to the next day that is none of these.
 */
export function endOfTerm(date: CalendarDate): TermEnd {
  const because = restDayName(date);
  if (!because) return { date };
  let d = addDays(date, 1);
  while (restDayName(d)) d = addDays(d, 1);
  return { date: d, movedFrom: date, movedBecause: because };
}

/**
 * Plus n calendar weeks. A result on a weekend or holiday is kept as is: a term
 * in weeks ends on that day; callers that want a working day use nextWerkdagOnOrAfter.
 */
export function addWeeks(date: CalendarDate, n: number): CalendarDate {
  return addDays(date, 7 * n);
}
