// Partial ISO 8601 dates: facts in a reconstruction are often known only to the month or year
// (domain.md §7), so a date carries its own precision instead of pretending to be an instant.
// Values are wall-clock times in Europe/Amsterdam (domain.md §3).

export type Precision = "year" | "month" | "day" | "minute";

/** Coarse to fine; the index is the sort rank for equal starting instants. */
export const PRECISIONS: readonly Precision[] = ["year", "month", "day", "minute"];

export interface PartialDate {
  readonly precision: Precision;
  readonly year: number;
  /** 1–12 */
  readonly month?: number;
  /** 1–31 */
  readonly day?: number;
  readonly hour?: number;
  readonly minute?: number;
}

export const DEFAULT_TIME_ZONE = "Europe/Amsterdam";

// Canonical forms only (zero-padded, no seconds, no offset): one spelling per value keeps
// equality checks and sorting on the stored string trivial.
const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2}))?)?)?$/;

export const DUTCH_MONTH_NAMES = [
  "januari",
  "februari",
  "maart",
  "april",
  "mei",
  "juni",
  "juli",
  "augustus",
  "september",
  "oktober",
  "november",
  "december",
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Builds a partial date from numeric parts, or null when the parts do not form a real date
 * (31 February, hour 24, year 0). Parts must be given coarse to fine without gaps.
 */
export function partialDateFromParts(parts: {
  year: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
}): PartialDate | null {
  const { year, month, day, hour, minute } = parts;
  const isInt = (n: number | undefined) => n === undefined || Number.isInteger(n);
  if (![year, month, day, hour, minute].every(isInt)) return null;
  // Four-digit years only: also keeps Date.UTC away from its 0–99 → 1900s mapping.
  if (year < 1000 || year > 9999) return null;
  if (month === undefined) {
    return day === undefined && hour === undefined && minute === undefined
      ? { precision: "year", year }
      : null;
  }
  if (month < 1 || month > 12) return null;
  if (day === undefined) {
    return hour === undefined && minute === undefined ? { precision: "month", year, month } : null;
  }
  if (day < 1 || day > daysInMonth(year, month)) return null;
  if (hour === undefined && minute === undefined) return { precision: "day", year, month, day };
  if (hour === undefined || minute === undefined) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  return { precision: "minute", year, month, day, hour, minute };
}

/** Parses a stored partial date (`2014`, `2014-03`, `2014-03-12`, `2014-03-12T10:30`). */
export function parsePartialDate(value: unknown): PartialDate | null {
  if (typeof value !== "string") return null;
  const m = PATTERN.exec(value);
  if (!m) return null;
  const num = (s: string | undefined) => (s === undefined ? undefined : Number(s));
  return partialDateFromParts({
    year: Number(m[1]),
    month: num(m[2]),
    day: num(m[3]),
    hour: num(m[4]),
    minute: num(m[5]),
  });
}

export function isValidPartialDate(value: unknown): value is string {
  return parsePartialDate(value) !== null;
}

export function precisionOf(value: unknown): Precision | null {
  return parsePartialDate(value)?.precision ?? null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** The canonical stored string of a partial date. */
export function formatPartialDate(date: PartialDate): string {
  let s = pad(date.year, 4);
  if (date.precision === "year") return s;
  s += `-${pad(date.month!)}`;
  if (date.precision === "month") return s;
  s += `-${pad(date.day!)}`;
  if (date.precision === "day") return s;
  return `${s}T${pad(date.hour!)}:${pad(date.minute!)}`;
}

/**
 * Wall-clock bounds as if the wall clock were UTC. Independent of time zones, so it is what we
 * sort and compare on: two facts of the same investigation share one zone.
 */
function wallClockBounds(d: PartialDate): { start: number; end: number } {
  const month0 = (d.month ?? 1) - 1;
  const day = d.day ?? 1;
  const start = Date.UTC(d.year, month0, day, d.hour ?? 0, d.minute ?? 0);
  let end: number;
  switch (d.precision) {
    case "year":
      end = Date.UTC(d.year + 1, 0, 1);
      break;
    case "month":
      end = Date.UTC(d.year, month0 + 1, 1);
      break;
    case "day":
      end = Date.UTC(d.year, month0, day + 1);
      break;
    case "minute":
      end = start + 60_000;
      break;
  }
  return { start, end };
}

function asPartial(value: string | PartialDate): PartialDate | null {
  return typeof value === "string" ? parsePartialDate(value) : value;
}

/**
 * Orders partial dates by their earliest instant; on a tie the coarser precision comes first
 * (`2014` < `2014-01` < `2014-01-01` < `2014-01-01T00:00`), so an overview line precedes the
 * detailed facts it summarises. Invalid values sort after all valid ones, by their text.
 */
export function comparePartialDates(a: string | PartialDate, b: string | PartialDate): number {
  const pa = asPartial(a);
  const pb = asPartial(b);
  if (!pa || !pb) {
    if (pa) return -1;
    if (pb) return 1;
    return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
  const diff = wallClockBounds(pa).start - wallClockBounds(pb).start;
  if (diff !== 0) return diff < 0 ? -1 : 1;
  return PRECISIONS.indexOf(pa.precision) - PRECISIONS.indexOf(pb.precision);
}

export function sortPartialDates<T extends string>(values: readonly T[]): T[] {
  return [...values].sort(comparePartialDates);
}

/**
 * True when `end` can lie at or after `start`: the last instant covered by `end` is not before
 * the first instant of `start`. With partial dates "≥" has to be this lenient: an event that
 * started on 12 March and ended "in March 2014" is fine.
 */
export function isEndNotBeforeStart(start: string, end: string): boolean {
  const s = parsePartialDate(start);
  const e = parsePartialDate(end);
  if (!s || !e) return false;
  return wallClockBounds(e).end > wallClockBounds(s).start;
}

// Offset of a time zone at an instant, via Intl so it works in Node and the browser alike.
const formatterCache = new Map<string, Intl.DateTimeFormat>();
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  let fmt = formatterCache.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatterCache.set(timeZone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(utcMs))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Converts a wall-clock time (given as if it were UTC) in `timeZone` to a real instant. */
function wallClockToInstant(wallMs: number, timeZone: string): number {
  if (timeZone === "UTC") return wallMs;
  const first = wallMs - zoneOffsetMs(wallMs, timeZone);
  // Second pass corrects for a DST switch between the guess and the answer.
  return wallMs - zoneOffsetMs(first, timeZone);
}

export interface Interval {
  /** Inclusive, epoch milliseconds. */
  readonly startMs: number;
  /** Exclusive, epoch milliseconds. */
  readonly endMs: number;
}

/**
 * The span of time a partial date stands for, as real instants in `timeZone`
 * (default Europe/Amsterdam): `2014-03` is [1 March 00:00, 1 April 00:00). A minute-precision
 * value covers one minute. Returns null for an invalid value.
 */
export function toInterval(
  value: string | PartialDate,
  options: { timeZone?: string } = {},
): Interval | null {
  const d = asPartial(value);
  if (!d) return null;
  const tz = options.timeZone ?? DEFAULT_TIME_ZONE;
  const { start, end } = wallClockBounds(d);
  return { startMs: wallClockToInstant(start, tz), endMs: wallClockToInstant(end, tz) };
}

/**
 * The span from `start` to `end` (or just `start` when there is no valid end), for drawing an
 * event on the timeline.
 */
export function eventInterval(
  start: string,
  end: string | undefined,
  options: { timeZone?: string } = {},
): Interval | null {
  const s = toInterval(start, options);
  if (!s) return null;
  const e = end ? toInterval(end, options) : null;
  return e && e.endMs > s.startMs ? { startMs: s.startMs, endMs: e.endMs } : s;
}

/** Dutch text: "12 maart 2014, 10:30", "12 maart 2014", "maart 2014", "2014"; "ca. …" if approximate. */
export function formatDutchPartialDate(
  value: string | PartialDate,
  options: { approximate?: boolean } = {},
): string {
  const d = asPartial(value);
  if (!d) return typeof value === "string" ? value : "";
  let text: string;
  switch (d.precision) {
    case "year":
      text = String(d.year);
      break;
    case "month":
      text = `${DUTCH_MONTH_NAMES[d.month! - 1]} ${d.year}`;
      break;
    case "day":
      text = `${d.day} ${DUTCH_MONTH_NAMES[d.month! - 1]} ${d.year}`;
      break;
    case "minute":
      text = `${d.day} ${DUTCH_MONTH_NAMES[d.month! - 1]} ${d.year}, ${pad(d.hour!)}:${pad(d.minute!)}`;
      break;
  }
  return options.approximate ? `ca. ${text}` : text;
}

/** "12 maart 2014 – 3 april 2014"; just the start when there is no end. */
export function formatDutchPartialDateRange(
  start: string,
  end: string | undefined,
  options: { approximate?: boolean } = {},
): string {
  const from = formatDutchPartialDate(start, options);
  return end ? `${from} – ${formatDutchPartialDate(end)}` : from;
}

/**
 * Numeric Dutch notation for tables and CSV export, readable again by the import:
 * "12-03-2014 10:30", "12-03-2014", "03-2014", "2014".
 */
export function formatDutchNumericPartialDate(value: string | PartialDate): string {
  const d = asPartial(value);
  if (!d) return typeof value === "string" ? value : "";
  switch (d.precision) {
    case "year":
      return pad(d.year, 4);
    case "month":
      return `${pad(d.month!)}-${pad(d.year, 4)}`;
    case "day":
      return `${pad(d.day!)}-${pad(d.month!)}-${pad(d.year, 4)}`;
    case "minute":
      return `${pad(d.day!)}-${pad(d.month!)}-${pad(d.year, 4)} ${pad(d.hour!)}:${pad(d.minute!)}`;
  }
}

/**
 * The date as it goes back into the editor: the way people write it. A month stays in words
 * ("februari 2026", not "02-2026"); days and times stay numeric, as the field's hint shows them.
 */
export function formatDutchEditablePartialDate(value: string | PartialDate): string {
  const d = asPartial(value);
  if (d?.precision === "month") return `${DUTCH_MONTH_NAMES[d.month! - 1]} ${pad(d.year, 4)}`;
  return formatDutchNumericPartialDate(value);
}

/** The whole (partial) date lies after `today` (jjjj-mm-dd): "2027", "januari 2027", a later day. */
export function isPartialDateAfter(value: string | PartialDate, today: string): boolean {
  const d = asPartial(value);
  if (!d) return false;
  const first = `${pad(d.year, 4)}-${pad(d.month ?? 1)}-${pad(d.day ?? 1)}`;
  return first > today;
}
