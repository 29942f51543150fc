// Calendar dates (YYYY-MM-DD, meant in Europe/Amsterdam): parsing, arithmetic, Dutch formatting.
// Kept apart from workdays.server.ts so browser bundles do not pull in the holiday tables.

export type CalendarDate = string;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function toUtcMs(date: CalendarDate): number {
  const m = DATE_RE.exec(date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // setUTCFullYear instead of Date.UTC(y, ...): Date.UTC maps years 0-99 to 1900-1999.
    const t = new Date(0);
    t.setUTCFullYear(y, mo - 1, d);
    // A non-existent day (2023-02-29) rolls over into the next month; reject it.
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) {
      return t.getTime();
    }
  }
  throw new RangeError(`Invalid calendar date: ${JSON.stringify(date)}`);
}

function fromUtcMs(ms: number): CalendarDate {
  const t = new Date(ms);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** `YYYY-MM-DD` of a day that exists in the (proleptic Gregorian) calendar, else null. */
export function parseCalendarDate(s: string): CalendarDate | null {
  try {
    toUtcMs(s);
    return s;
  } catch {
    return null;
  }
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function dayOfWeek(date: CalendarDate): number {
  return new Date(toUtcMs(date)).getUTCDay();
}

export function addDays(date: CalendarDate, n: number): CalendarDate {
  return fromUtcMs(toUtcMs(date) + n * DAY_MS);
}

/** Calendar days from a to b (b − a); negative when b lies before a. */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS);
}

let amsterdamFormat: Intl.DateTimeFormat | undefined;
export function todayInAmsterdam(now: Date): CalendarDate {
  amsterdamFormat ??= new Intl.DateTimeFormat("en-US", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  // formatToParts, not format(): the order and separators of format() differ per locale.
  const parts = amsterdamFormat.formatToParts(now); // throws RangeError on an Invalid Date
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

// Spelled out here rather than via Intl "nl-NL" so output is identical on every
// runtime, including ones shipped without full ICU data.
const DAY_NAMES = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
const MONTH_NAMES = [
  "januari", "februari", "maart", "april", "mei", "juni",
  "juli", "augustus", "september", "oktober", "november", "december",
];

/** e.g. "maandag 27 april 2026" */
export function formatDutchDate(date: CalendarDate): string {
  const t = new Date(toUtcMs(date));
  return `${DAY_NAMES[t.getUTCDay()]} ${t.getUTCDate()} ${MONTH_NAMES[t.getUTCMonth()]} ${t.getUTCFullYear()}`;
}

/** e.g. "27-04-2026" */
export function formatDutchDateShort(date: CalendarDate): string {
  toUtcMs(date); // validate
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}
