// Pure mapping from the timeline's chart props to vis-timeline data (items, background items,
// nested groups) and back (a dragged Date to a partial ISO date with the event's own precision).
// No DOM and no vis import here: this runs in Node (unit tests) and in the browser.
//
// Security: vis-timeline 8 writes item `content`, group `content` and tooltips (`title`) with
// innerHTML, after its own js-xss filter. We never rely on that filter: every piece of document
// text (titles, party names, period labels, editor names) is HTML-escaped here, so the only markup
// vis ever sees is the handful of <span>/<br> tags this module writes itself. VIS_XSS_OPTIONS
// (passed to the Timeline as `xss`) narrows vis's filter to exactly those tags as a second layer.
import { groupPartiesByDomain } from "../../domain/timeline/schema.ts";
import {
  DUTCH_MONTH_NAMES,
  eventInterval,
  formatDutchPartialDateRange,
  formatPartialDate,
  parsePartialDate,
  partialDateFromParts,
  toInterval,
  DEFAULT_TIME_ZONE,
  type Interval,
  type PartialDate,
  type Precision,
} from "../../domain/timeline/partial-date.ts";
import { eventKindLabel, eventStatusLabel, partyDomainRank } from "../../domain/timeline/vocabulary.ts";

// ---------------------------------------------------------------------------------------------
// Chart props (the component's public data shapes; TimelineChart.tsx re-exports them)

export interface ChartParty {
  id: string;
  name: string;
  domain: string;
}
/** Partial ISO dates (`2014`, `2014-03`, `2014-03-12`, `2014-03-12T10:30`). */
export interface ChartPeriod {
  id: string;
  label: string;
  start: string;
  end: string;
}
export interface ChartEvent {
  id: string;
  title: string;
  party: string;
  start: string;
  end?: string;
  approximate: boolean;
  kind: string;
  flags: { signaal: boolean; kritiekMoment: boolean; overdracht: boolean; opschaling: boolean };
  status: "concept" | "bevestigd" | "betwist";
}
export interface PresenceUser {
  name: string;
  color: string;
}

// ---------------------------------------------------------------------------------------------
// Text safety

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for use inside HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A CSS class token from a vocabulary key; anything unexpected becomes `fallback`. */
export function classToken(value: string, fallback = "overig"): string {
  return /^[a-z][a-z0-9_-]{0,40}$/.test(value) ? value : fallback;
}

/**
 * Presence colours come from other clients (awareness) and end up in a style attribute, so only
 * plain colour notations pass: #rgb, #rrggbb, rgb()/hsl() with numbers. Anything else is grey.
 */
export function safeColor(color: string | undefined): string {
  const c = (color ?? "").trim();
  if (/^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(c)) return c;
  if (/^(?:rgb|hsl)a?\(\s*[0-9.]+%?(?:\s*[, ]\s*[0-9.]+%?){2,3}\s*\)$/.test(c)) return c;
  return "#5b6670";
}

/** "Jan de Vries" → "JV", "anne" → "A", "" → "?": at most two letters, upper case. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0 && /^\p{Lu}|^\p{Ll}/u.test(w));
  // Dutch tussenvoegsels (de, van, der, ...) start lower case; skip them unless that is all there is.
  const significant = words.filter((w) => /^\p{Lu}/u.test(w));
  const use = significant.length > 0 ? significant : words;
  if (use.length === 0) return "?";
  const first = use[0][0];
  const last = use.length > 1 ? use[use.length - 1][0] : "";
  return (first + last).toUpperCase();
}

/**
 * Options for vis-timeline's `xss` option: js-xss with a whitelist of exactly the markup this
 * module produces (and vis's own cluster badge, `<div title="…">n</div>`). Document text never
 * reaches it unescaped; this is the second layer.
 */
export const VIS_XSS_OPTIONS = {
  filterOptions: {
    whiteList: {
      span: ["class", "style", "title", "aria-hidden"],
      div: ["title"],
      br: [],
      strong: [],
    },
    stripIgnoreTag: true,
    stripIgnoreTagBody: ["script", "style"],
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Items

export const FLAG_LABELS = {
  kritiekMoment: "Kritiek moment",
  signaal: "Signaal",
  overdracht: "Overdracht",
  opschaling: "Opschaling",
} as const;

// Marker glyphs: a shape and a letter/sign each, so they do not depend on colour.
const FLAG_MARKERS: { key: keyof ChartEvent["flags"]; css: string; glyph: string }[] = [
  { key: "kritiekMoment", css: "kritiek", glyph: "!" },
  { key: "signaal", css: "signaal", glyph: "S" },
  { key: "overdracht", css: "overdracht", glyph: "→" },
  { key: "opschaling", css: "opschaling", glyph: "▲" },
];

export interface ChartItemEditable {
  updateTime: boolean;
  updateGroup: false;
  remove: false;
}

/** One vis-timeline item (DataSet row). Plain values only, so two rows compare field by field. */
export interface ChartItem {
  id: string;
  group: string;
  type: "range" | "point";
  start: number;
  end?: number;
  content: string;
  title: string;
  className: string;
  editable: ChartItemEditable | false;
  /** Read by the cluster criteria: critical moments are never hidden in a cluster. */
  kritiek: boolean;
}

export interface EventItemContext {
  /** Lane name, for the tooltip. */
  partyName?: string;
  canMove: boolean;
  presence?: readonly PresenceUser[];
  timeZone?: string;
}

// toInterval goes through Intl for the time zone (a few microseconds per call); thousands of events
// share few distinct dates, and the chart maps them again on every document change, so cache.
const intervalCache = new Map<string, Interval | null>();
const INTERVAL_CACHE_MAX = 50_000;

/** toInterval with a cache (same result). */
export function cachedInterval(value: string, timeZone: string = DEFAULT_TIME_ZONE): Interval | null {
  const key = `${timeZone}|${value}`;
  let iv = intervalCache.get(key);
  if (iv === undefined) {
    if (intervalCache.size >= INTERVAL_CACHE_MAX) intervalCache.clear();
    iv = toInterval(value, { timeZone });
    intervalCache.set(key, iv);
  }
  return iv;
}

/** eventInterval with the cache above (same result). */
export function cachedEventInterval(start: string, end: string | undefined, timeZone: string = DEFAULT_TIME_ZONE): Interval | null {
  const s = cachedInterval(start, timeZone);
  if (!s) return null;
  const e = end ? cachedInterval(end, timeZone) : null;
  return e && e.endMs > s.startMs ? { startMs: s.startMs, endMs: e.endMs } : s;
}

/** Whether a partial date is coarser than a day (a year or a month). */
function isCoarse(p: PartialDate): boolean {
  return p.precision === "year" || p.precision === "month";
}

/** Tooltip lines (plain text, not escaped): title, date, lane and kind, flags, status, editors. */
export function eventTooltipLines(event: ChartEvent, ctx: Pick<EventItemContext, "partyName" | "presence">): string[] {
  const lines = [event.title.trim() || "(zonder titel)"];
  lines.push(formatDutchPartialDateRange(event.start, event.end, { approximate: event.approximate }));
  lines.push([ctx.partyName, eventKindLabel(event.kind)].filter(Boolean).join(" · "));
  const flags = FLAG_MARKERS.filter((m) => event.flags[m.key]).map((m) => FLAG_LABELS[m.key]);
  if (flags.length > 0) lines.push(flags.join(", "));
  lines.push(`Status: ${eventStatusLabel(event.status).toLowerCase()}`);
  if (ctx.presence && ctx.presence.length > 0) {
    lines.push(`Wordt bewerkt door ${ctx.presence.map((p) => p.name.trim() || "onbekend").join(", ")}`);
  }
  return lines;
}

/**
 * Maps an event to a vis item, or null when its start is not a valid partial date.
 * - An event with an end, or without an end but known only to the month or year, is a range over
 *   its whole interval (the imprecise ones get `kl-item--imprecise`); a day or minute is a point.
 * - Classes: kind, status (betwist gets a dashed border), flags, approximate, editable, presence.
 * - Content: flag markers (shape + sign), "ca." for approximate dates, the escaped title, and
 *   coloured initials of whoever is editing it.
 */
export function eventToItem(event: ChartEvent, ctx: EventItemContext): ChartItem | null {
  const start = parsePartialDate(event.start);
  if (!start) return null;
  const tz = ctx.timeZone ?? DEFAULT_TIME_ZONE;
  const end = event.end ? parsePartialDate(event.end) : null;
  const interval = cachedEventInterval(event.start, end ? event.end : undefined, tz);
  if (!interval) return null;
  const isRange = end !== null || isCoarse(start);

  const classes = [
    "kl-item",
    `kl-kind--${classToken(event.kind)}`,
    `kl-status--${classToken(event.status, "concept")}`,
  ];
  for (const m of FLAG_MARKERS) if (event.flags[m.key]) classes.push(`kl-flag--${m.css}`);
  if (event.approximate) classes.push("kl-item--approximate");
  if (!end && isCoarse(start)) classes.push("kl-item--imprecise");
  classes.push(ctx.canMove ? "kl-item--movable" : "kl-item--locked");
  const presence = ctx.presence ?? [];
  if (presence.length > 0) classes.push("kl-item--editing");

  let content = "";
  const markers = FLAG_MARKERS.filter((m) => event.flags[m.key]);
  if (markers.length > 0) {
    content += `<span class="kl-markers" aria-hidden="true">${markers
      .map((m) => `<span class="kl-mark kl-mark--${m.css}" title="${FLAG_LABELS[m.key]}">${m.glyph}</span>`)
      .join("")}</span>`;
  }
  if (event.approximate) content += `<span class="kl-approx" title="Datum bij benadering">ca.</span> `;
  content += `<span class="kl-title">${escapeHtml(event.title.trim() || "(zonder titel)")}</span>`;
  if (event.status === "betwist") content += ` <span class="kl-disputed">betwist</span>`;
  if (presence.length > 0) {
    content += `<span class="kl-presence">${presence
      .slice(0, 3)
      .map(
        (p) =>
          `<span class="kl-avatar" style="background-color:${safeColor(p.color)}" title="Wordt bewerkt door ${escapeHtml(p.name)}">${escapeHtml(initials(p.name))}</span>`,
      )
      .join("")}${presence.length > 3 ? `<span class="kl-avatar kl-avatar--more">+${presence.length - 3}</span>` : ""}</span>`;
  }

  const item: ChartItem = {
    id: event.id,
    group: event.party,
    type: isRange ? "range" : "point",
    start: interval.startMs,
    // Always present (undefined for a point), so a DataSet merge never keeps a stale end.
    end: isRange ? interval.endMs : undefined,
    content,
    title: eventTooltipLines(event, ctx).map(escapeHtml).join("<br>"),
    className: classes.join(" "),
    editable: ctx.canMove ? { updateTime: true, updateGroup: false, remove: false } : false,
    kritiek: event.flags.kritiekMoment,
  };
  return item;
}

/** Field-by-field equality of two rows (runs for every event on every document change). */
export function sameItem(a: ChartItem | BackgroundItem | undefined, b: ChartItem | BackgroundItem): boolean {
  if (!a || a === b) return a === b;
  if (
    a.id !== b.id ||
    a.type !== b.type ||
    a.start !== b.start ||
    a.end !== b.end ||
    a.content !== b.content ||
    a.title !== b.title ||
    a.className !== b.className
  ) {
    return false;
  }
  if (a.type === "background" || b.type === "background") return true;
  const ea = a.editable;
  const eb = b.editable;
  return a.group === b.group && a.kritiek === b.kritiek && (ea === eb || (!!ea && !!eb && ea.updateTime === eb.updateTime));
}

// ---------------------------------------------------------------------------------------------
// Periods

export interface BackgroundItem {
  id: string;
  type: "background";
  start: number;
  end: number;
  content: string;
  title: string;
  className: string;
}

export const PERIOD_ID_PREFIX = "periode:";

/** A period as a background band over all lanes, labelled; alternating tints by position. */
export function periodToBackground(period: ChartPeriod, index: number, options: { timeZone?: string } = {}): BackgroundItem | null {
  const s = toInterval(period.start, options);
  const e = toInterval(period.end, options);
  if (!s || !e || e.endMs <= s.startMs) return null;
  const label = escapeHtml(period.label.trim() || "Periode");
  return {
    id: PERIOD_ID_PREFIX + period.id,
    type: "background",
    start: s.startMs,
    end: e.endMs,
    content: `<span class="kl-period-label">${label}</span>`,
    title: `${label}<br>${escapeHtml(formatDutchPartialDateRange(period.start, period.end))}`,
    className: `kl-period kl-period--${index % 4}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Groups: one lane per party, nested in one group per domain

export interface ChartGroup {
  id: string;
  content: string;
  title: string;
  className: string;
  order: number;
  nestedGroups?: string[];
  showNested?: boolean;
  treeLevel?: number;
}

export const DOMAIN_ID_PREFIX = "domein:";

/**
 * Domain groups in the fixed order (Gezondheid, Onderwijs, Gezin, Veiligheid, Wonen, Werk en
 * Inkomen, then custom domains alphabetically), each containing its parties in the given order.
 * Returns the flat list vis wants (parents and children), with `order` set so vis keeps it.
 */
export function partiesToGroups(parties: readonly ChartParty[]): ChartGroup[] {
  const lanes = groupPartiesByDomain(
    parties.map((p, order) => ({ id: p.id, value: { name: p.name, domain: p.domain || "Overig", order } })),
  );
  const out: ChartGroup[] = [];
  let order = 0;
  for (const lane of lanes) {
    const domainId = DOMAIN_ID_PREFIX + lane.domain.toLowerCase();
    const name = escapeHtml(lane.domain);
    // Colour family per domain (0–5 standard, 6 custom); lanes and their items share it.
    const tint = `kl-tint--${partyDomainRank(lane.domain)}`;
    out.push({
      id: domainId,
      content: `<span class="kl-domain-label">${name}</span>`,
      title: `${name}: ${lane.parties.length} ${lane.parties.length === 1 ? "partij" : "partijen"}`,
      className: `kl-domain ${tint}`,
      order: order++,
      nestedGroups: lane.parties.map((p) => p.id),
      showNested: true,
    });
    for (const p of lane.parties) {
      const partyName = escapeHtml(p.value.name);
      out.push({
        id: p.id,
        content: `<span class="kl-party-label">${partyName}</span>`,
        title: `${partyName} (${name})`,
        className: `kl-party ${tint}`,
        order: order++,
        treeLevel: 1,
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// From a dragged position back to partial dates, keeping each date's precision

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock parts of an instant in `timeZone`. */
export function wallClockParts(ms: number, timeZone: string = DEFAULT_TIME_ZONE): WallParts {
  let fmt = wallFormatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallFormatters.set(timeZone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute };
}

/** The unit (year, month, day or minute) of `precision` that contains instant `ms`. */
export function unitContaining(ms: number, precision: Precision, timeZone: string = DEFAULT_TIME_ZONE): PartialDate {
  const w = wallClockParts(ms, timeZone);
  const parts =
    precision === "year"
      ? { year: w.year }
      : precision === "month"
        ? { year: w.year, month: w.month }
        : precision === "day"
          ? { year: w.year, month: w.month, day: w.day }
          : { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute };
  const d = partialDateFromParts(parts);
  if (!d) throw new RangeError(`Geen geldige datum voor ${new Date(ms).toISOString()}`);
  return d;
}

/** The boundary between units of `precision` nearest to `ms` (start of the nearest unit). */
export function nearestBoundary(ms: number, precision: Precision, timeZone: string = DEFAULT_TIME_ZONE): number {
  const iv = toInterval(unitContaining(ms, precision, timeZone), { timeZone })!;
  return ms - iv.startMs <= iv.endMs - ms ? iv.startMs : iv.endMs;
}

/** `ms` rounded to the nearest unit of `precision`, as a stored partial date (`2014-03`). */
export function roundToPrecision(ms: number, precision: Precision, timeZone: string = DEFAULT_TIME_ZONE): string {
  return formatPartialDate(unitContaining(nearestBoundary(ms, precision, timeZone), precision, timeZone));
}

/** The unit of `precision` that ends at boundary `ms` (exclusive end), as a stored partial date. */
function unitEndingAt(ms: number, precision: Precision, timeZone: string): string {
  return formatPartialDate(unitContaining(ms - 1, precision, timeZone));
}

export type MoveMode = "move" | "resize-start" | "resize-end" | "none";

/** Which edge(s) of an item changed compared to the event's own interval. */
export function detectMoveMode(
  original: { startMs: number; endMs?: number },
  next: { startMs: number; endMs?: number },
): MoveMode {
  const startChanged = next.startMs !== original.startMs;
  const endChanged = next.endMs !== undefined && original.endMs !== undefined && next.endMs !== original.endMs;
  if (startChanged && (endChanged || next.endMs === undefined || original.endMs === undefined)) return "move";
  if (startChanged && !endChanged) return "resize-start";
  if (endChanged) return "resize-end";
  return "none";
}

/**
 * New partial dates for an event whose item was dragged to [startMs, endMs), each date keeping its
 * own precision (a month stays a month, a day a day) in `timeZone`:
 * - move: the start is rounded to its nearest unit; the end shifts by the same amount and is
 *   rounded to its own unit, so the length in units stays the same;
 * - resize: only the dragged edge changes, never past the other edge; an imprecise event without
 *   an end (a month drawn as a bar) gets an end when its bar is widened, and loses it again when the
 *   bar is back to its own month.
 * `mode` is the kind of drag (detected from the raw positions when omitted; pass the one seen at
 * the start of a drag, because snapped positions can hide which edge moved).
 * Returns null when nothing changed or the original start is invalid.
 */
export function movedEventDates(
  original: { start: string; end?: string },
  next: { startMs: number; endMs?: number },
  options: { timeZone?: string; mode?: MoveMode } = {},
): { start: string; end: string | undefined } | null {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const s0 = parsePartialDate(original.start);
  if (!s0) return null;
  const e0 = original.end ? parsePartialDate(original.end) : null;
  const endStr0 = e0 ? original.end : undefined;
  const iv = eventInterval(original.start, endStr0, { timeZone })!;
  const startUnit = toInterval(s0, { timeZone })!;
  const sp = s0.precision;
  const ep = e0 ? e0.precision : sp;
  // A point item has no end; a range item always does (the interval end when the event has none).
  const mode =
    options.mode ??
    detectMoveMode({ startMs: iv.startMs, endMs: next.endMs === undefined ? undefined : iv.endMs }, next);

  let start = original.start;
  let end = endStr0;
  switch (mode) {
    case "none":
      return null;
    case "move": {
      start = roundToPrecision(next.startMs, sp, timeZone);
      if (endStr0) {
        const shift = toInterval(start, { timeZone })!.startMs - iv.startMs;
        end = unitEndingAt(nearestBoundary(iv.endMs + shift, ep, timeZone), ep, timeZone);
      }
      break;
    }
    case "resize-start": {
      // The left edge may not pass the right edge: keep at least one unit of the start's precision.
      const limit = toInterval(unitContaining(iv.endMs - 1, sp, timeZone), { timeZone })!.startMs;
      const boundary = Math.min(nearestBoundary(next.startMs, sp, timeZone), limit);
      start = formatPartialDate(unitContaining(boundary, sp, timeZone));
      // A bar without an end covered only its own unit; now that it starts earlier it needs one.
      if (!endStr0 && start !== original.start) end = unitEndingAt(iv.endMs, sp, timeZone);
      break;
    }
    case "resize-end": {
      // The end may not come before the start: at least the unit of the end's precision that
      // contains the start.
      const minimum = toInterval(unitContaining(startUnit.startMs, ep, timeZone), { timeZone })!.endMs;
      const boundary = Math.max(nearestBoundary(next.endMs!, ep, timeZone), minimum);
      const candidate = unitEndingAt(boundary, ep, timeZone);
      // Back to its own unit: an event that had no end gets none again.
      end = !endStr0 && candidate === original.start ? undefined : candidate;
      break;
    }
  }
  if (end !== undefined && end === start && !endStr0) end = undefined;
  if (start === original.start && end === endStr0) return null;
  return { start, end };
}

/** Display position of partial dates: what the item should look like after a (snapped) move. */
export function itemPosition(
  dates: { start: string; end?: string },
  pointItem: boolean,
  timeZone: string = DEFAULT_TIME_ZONE,
): { start: number; end?: number } | null {
  const iv = eventInterval(dates.start, dates.end, { timeZone });
  if (!iv) return null;
  return pointItem ? { start: iv.startMs } : { start: iv.startMs, end: iv.endMs };
}

// ---------------------------------------------------------------------------------------------
// Axis labels in Dutch (vis calls these with a moment-like date; we only need its getters)

export interface AxisDate {
  year(): number;
  month(): number;
  date(): number;
  hours(): number;
  minutes(): number;
  day(): number;
}

const SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const SHORT_DAYS = ["zo", "ma", "di", "wo", "do", "vr", "za"];
const two = (n: number) => String(n).padStart(2, "0");

export function axisMinorLabel(d: AxisDate, scale: string): string {
  switch (scale) {
    case "year":
      return String(d.year());
    case "month":
      return SHORT_MONTHS[d.month()];
    case "week":
    case "day":
      return String(d.date());
    case "weekday":
      return `${SHORT_DAYS[d.day()]} ${d.date()}`;
    case "hour":
    case "minute":
      return `${two(d.hours())}:${two(d.minutes())}`;
    default:
      return "";
  }
}

export function axisMajorLabel(d: AxisDate, scale: string): string {
  switch (scale) {
    case "year":
      return "";
    case "month":
      return String(d.year());
    case "week":
    case "day":
    case "weekday":
      return `${DUTCH_MONTH_NAMES[d.month()]} ${d.year()}`;
    case "hour":
    case "minute":
      return `${SHORT_DAYS[d.day()]} ${d.date()} ${DUTCH_MONTH_NAMES[d.month()]} ${d.year()}`;
    default:
      return "";
  }
}

// ---------------------------------------------------------------------------------------------
// Accessible summary

/** Cluster tooltip (vis replaces {count}); also the badge's title. */
export const CLUSTER_TITLE_TEMPLATE = "{count} feiten dicht op elkaar. Klik om in te zoomen.";

/** A Dutch sentence describing what the chart shows, for screen readers (the table is the equivalent). */
export function chartSummary(
  parties: readonly ChartParty[],
  periods: readonly ChartPeriod[],
  events: readonly ChartEvent[],
): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  const domains = new Set(partiesToGroups(parties).filter((g) => g.nestedGroups).map((g) => g.id));
  // Wall-clock (UTC) intervals: only the order matters here, and they need no time-zone lookups.
  let first: ChartEvent | undefined;
  let last: ChartEvent | undefined;
  let firstMs = Infinity;
  let lastMs = -Infinity;
  for (const e of events) {
    const iv = cachedEventInterval(e.start, e.end, "UTC");
    if (!iv) continue;
    if (iv.startMs < firstMs) [first, firstMs] = [e, iv.startMs];
    if (iv.endMs > lastMs) [last, lastMs] = [e, iv.endMs];
  }
  const span =
    first && last
      ? `, van ${formatDutchPartialDateRange(first.start, undefined)} tot ${formatDutchPartialDateRange(last.end && cachedInterval(last.end, "UTC") ? last.end : last.start, undefined)}`
      : "";
  const count = (key: keyof ChartEvent["flags"]) => events.filter((e) => e.flags[key]).length;
  const disputed = events.filter((e) => e.status === "betwist").length;
  return (
    `Tijdlijn met ${n(events.length, "feit", "feiten")} van ${n(parties.length, "partij", "partijen")} ` +
    `in ${n(domains.size, "domein", "domeinen")} en ${n(periods.length, "periode", "perioden")}${span}. ` +
    `${n(count("kritiekMoment"), "kritiek moment", "kritieke momenten")}, ${n(count("signaal"), "signaal", "signalen")}, ` +
    `${n(count("overdracht"), "overdracht", "overdrachten")}, ${n(count("opschaling"), "opschaling", "opschalingen")}, ` +
    `${disputed} betwist.`
  );
}
