// Swimlane figure for item 5a: one lane per party (grouped by domain, labels on the left),
// periods as background bands, each event one mark (a dot, an open dot when only the month or
// year is known, a bar when it has an end, a red diamond for a critical moment), a time axis of
// years and months. The width is fixed, so 1,000 events over 15 lanes stay one page wide: marks
// that would collide in a lane go to up to three sub-rows, beyond that they overlap.
import { parsePartialDate, type PartialDate } from "../../app/domain/timeline/partial-date.ts";
import type { SwimlaneFigure } from "../../app/domain/report/model.ts";
import { esc, fit, n, svgOpen, wrap, type SvgImage } from "./svg.ts";

export const SWIMLANE_WIDTH = 1200;
const DOMAIN_COL = 96;
const PARTY_X = DOMAIN_COL + 8;
const LABELS_WIDTH = 268;
const RIGHT = 16;
const TOP = 10;
const ROW_GAP = 10;
const MAX_ROWS = 3;
const LANE_PAD = 9;
export const MIN_LANE = 34;
const DOT_R = 3.6;
const DIAMOND = 5.5;
const LABEL_FONT = 12;
const PERIOD_FONT = 11.5;
const AXIS_FONT = 11;
/** Critical moments are numbered (with a list under the chart) up to this many. */
const MAX_NUMBERED = 12;

const MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const DAY = 86_400_000;

const COLORS = {
  dot: "#0b5cad",
  critical: "#b00020",
  bar: "#4f7db3",
  text: "#1b1f24",
  muted: "#4a5561",
  grid: "#d5dbe1",
  gridYear: "#9aa5b1",
  lane: "#e3e8ed",
  group: "#7a8794",
  bands: ["#edf3fa", "#f8f3e6"],
  groupBg: ["#f6f8fa", "#ffffff"],
};

/** Wall-clock bounds (as if UTC) of a partial date: [start, end). */
function bounds(d: PartialDate): { start: number; end: number } {
  const m0 = (d.month ?? 1) - 1;
  const day = d.day ?? 1;
  const start = Date.UTC(d.year, m0, day, d.hour ?? 0, d.minute ?? 0);
  const end =
    d.precision === "year"
      ? Date.UTC(d.year + 1, 0, 1)
      : d.precision === "month"
        ? Date.UTC(d.year, m0 + 1, 1)
        : d.precision === "day"
          ? Date.UTC(d.year, m0, day + 1)
          : start + 60_000;
  return { start, end };
}

interface Mark {
  index: number;
  lane: number;
  /** Centre for points, start for bars. */
  x: number;
  x2: number | null;
  approximate: boolean;
  critical: boolean;
  start: number;
  row: number;
  number: number | null;
  label: string;
  dateText: string;
}

function dateText(d: PartialDate): string {
  const p = (v: number) => String(v).padStart(2, "0");
  switch (d.precision) {
    case "year":
      return String(d.year);
    case "month":
      return `${MONTHS[d.month! - 1]} ${d.year}`;
    default:
      return `${p(d.day!)}-${p(d.month!)}-${d.year}`;
  }
}

export interface SwimlaneStats {
  drawn: number;
  /** Events without a valid date or lane, not drawn (mentioned under the chart). */
  skipped: number;
}

/**
 * `width` and `minLane` (lane height): the report's page by default; the wall poster draws wider
 * and taller lanes to fill its sheet (server/export/poster.server.ts).
 */
export function swimlaneSvg(
  fig: SwimlaneFigure,
  title = "Tijdlijn per organisatie",
  width = SWIMLANE_WIDTH,
  minLane = MIN_LANE,
): SvgImage & SwimlaneStats & { lanes: number } {
  const W = Math.max(SWIMLANE_WIDTH, width);
  const plotX0 = LABELS_WIDTH;
  const plotX1 = W - RIGHT;

  // Lanes; events on an unknown lane get one extra lane so nothing silently disappears.
  const lanes = fig.lanes.map((l) => ({ id: l.id, name: l.name, domain: l.domain }));
  const laneIndex = new Map(lanes.map((l, i) => [l.id, i]));
  if (fig.events.some((e) => !laneIndex.has(e.lane))) {
    laneIndex.set("\u0000other", lanes.length);
    lanes.push({ id: "\u0000other", name: "Overige / onbekende partij", domain: "Overig" });
  }

  // Time domain.
  const parsed = fig.events.map((e) => {
    const s = parsePartialDate(e.start);
    const en = e.end ? parsePartialDate(e.end) : null;
    return { e, s, en };
  });
  let t0 = Infinity;
  let t1 = -Infinity;
  for (const { s, en } of parsed) {
    if (!s) continue;
    const b = bounds(s);
    t0 = Math.min(t0, b.start);
    t1 = Math.max(t1, en ? Math.max(bounds(en).end, b.end) : b.end);
  }
  const periods = fig.periods
    .map((p) => {
      const s = parsePartialDate(p.start);
      const e = parsePartialDate(p.end);
      if (!s || !e) return null;
      return { label: p.label, start: bounds(s).start, end: Math.max(bounds(e).end, bounds(s).end) };
    })
    .filter((p): p is NonNullable<typeof p> => p !== null);
  for (const p of periods) {
    t0 = Math.min(t0, p.start);
    t1 = Math.max(t1, p.end);
  }
  if (!Number.isFinite(t0)) {
    t0 = Date.UTC(2000, 0, 1);
    t1 = Date.UTC(2001, 0, 1);
  }
  if (t1 - t0 < 30 * DAY) {
    const mid = (t0 + t1) / 2;
    t0 = mid - 15 * DAY;
    t1 = mid + 15 * DAY;
  }
  const pad = (t1 - t0) * 0.015;
  t0 -= pad;
  t1 += pad;
  const X = (t: number) => plotX0 + ((t - t0) / (t1 - t0)) * (plotX1 - plotX0);

  // Marks and their sub-rows per lane.
  const marks: Mark[] = [];
  let skipped = 0;
  parsed.forEach(({ e, s, en }, index) => {
    const lane = laneIndex.get(e.lane) ?? laneIndex.get("\u0000other");
    if (!s || lane === undefined) {
      skipped++;
      return;
    }
    const b = bounds(s);
    const endMs = en ? bounds(en).end : null;
    const approximate = s.precision === "year" || s.precision === "month";
    const isBar = endMs !== null && endMs > b.end;
    const x = isBar ? X(b.start) : approximate ? X((b.start + b.end) / 2) : X(b.start);
    marks.push({
      index,
      lane,
      x,
      x2: isBar ? Math.max(X(endMs!), X(b.start) + 3) : null,
      approximate,
      critical: e.critical,
      start: b.start,
      row: 0,
      number: null,
      label: e.label,
      dateText: dateText(s),
    });
  });
  const critical = marks.filter((m) => m.critical).sort((a, b) => a.start - b.start || a.index - b.index);
  const numbered = critical.length > 0 && critical.length <= MAX_NUMBERED;
  if (numbered) critical.forEach((m, i) => (m.number = i + 1));

  const rowsPerLane = lanes.map(() => 1);
  const byLane = lanes.map(() => [] as Mark[]);
  for (const m of marks) byLane[m.lane]!.push(m);
  byLane.forEach((list, li) => {
    list.sort((a, b) => a.x - b.x || a.index - b.index);
    const lastEnd: number[] = [];
    for (const m of list) {
      const r = m.critical ? DIAMOND : DOT_R;
      const left = m.x - r;
      const right = (m.x2 ?? m.x) + r + (m.number ? 8 : 0);
      let row = lastEnd.findIndex((end) => end + 1 <= left);
      if (row === -1) {
        if (lastEnd.length < MAX_ROWS) row = lastEnd.length;
        else row = lastEnd.indexOf(Math.min(...lastEnd));
      }
      lastEnd[row] = Math.max(lastEnd[row] ?? -Infinity, right);
      m.row = row;
    }
    rowsPerLane[li] = Math.max(1, lastEnd.length);
  });

  // Period header: labels wrapped into their band, up to two lines.
  const periodLabels = periods.map((p, i) => {
    const x0 = Math.max(plotX0, X(p.start));
    const x1 = Math.min(plotX1, X(p.end));
    return { ...p, i, x0, x1, lines: wrap(p.label, x1 - x0 - 8, 2, PERIOD_FONT) };
  });
  const headerH = periods.length ? (periodLabels.some((p) => p.lines.length > 1) ? 34 : 20) : 0;

  // Lane geometry.
  const laneTop: number[] = [];
  const laneH: number[] = [];
  let y = TOP + headerH + (headerH ? 4 : 0);
  const lanesY0 = y;
  lanes.forEach((_, i) => {
    laneTop.push(y);
    const h = Math.max(minLane, LANE_PAD * 2 + (rowsPerLane[i]! - 1) * ROW_GAP + 2 * DOT_R);
    laneH.push(h);
    y += h;
  });
  const lanesY1 = y;

  const out: string[] = [];
  const body = (s: string) => out.push(s);

  // Domain groups (consecutive lanes with one domain) in the label column.
  const groups: { domain: string; first: number; last: number }[] = [];
  lanes.forEach((l, i) => {
    const g = groups[groups.length - 1];
    if (g && g.domain === l.domain) g.last = i;
    else groups.push({ domain: l.domain, first: i, last: i });
  });
  groups.forEach((g, gi) => {
    const gy0 = laneTop[g.first]!;
    const gy1 = laneTop[g.last]! + laneH[g.last]!;
    body(`<rect x="0" y="${n(gy0)}" width="${plotX0}" height="${n(gy1 - gy0)}" fill="${COLORS.groupBg[gi % 2]}"/>`);
    const maxLines = Math.max(1, Math.floor((gy1 - gy0 - 6) / 14));
    wrap(g.domain || "Overig", DOMAIN_COL - 10, maxLines, LABEL_FONT).forEach((line, i) => {
      body(`<text x="6" y="${n(gy0 + 16 + i * 14)}" font-size="${LABEL_FONT}" font-weight="700" fill="${COLORS.text}">${esc(line)}</text>`);
    });
  });

  // Period bands behind the lanes, their labels in the header.
  for (const p of periodLabels) {
    if (p.x1 <= p.x0) continue;
    body(`<rect class="period" x="${n(p.x0)}" y="${TOP}" width="${n(p.x1 - p.x0)}" height="${n(lanesY1 - TOP)}" fill="${COLORS.bands[p.i % 2]}"/>`);
    body(`<line x1="${n(p.x0)}" y1="${TOP}" x2="${n(p.x0)}" y2="${n(lanesY1)}" stroke="#b9c4cf" stroke-width="1"/>`);
    p.lines.forEach((line, i) => {
      body(`<text x="${n(p.x0 + 4)}" y="${n(TOP + 13 + i * 14)}" font-size="${PERIOD_FONT}" font-weight="700" fill="#34414e">${esc(line)}</text>`);
    });
  }

  // Time grid and axis.
  const ticks = axisTicks(t0, t1, plotX1 - plotX0);
  for (const t of ticks.minor) body(`<line x1="${n(X(t))}" y1="${n(lanesY0)}" x2="${n(X(t))}" y2="${n(lanesY1 + 5)}" stroke="${COLORS.grid}" stroke-width="0.6"/>`);
  for (const t of ticks.major) body(`<line x1="${n(X(t))}" y1="${n(lanesY0)}" x2="${n(X(t))}" y2="${n(lanesY1 + 10)}" stroke="${COLORS.gridYear}" stroke-width="1"/>`);

  // Lane separators and party names.
  lanes.forEach((l, i) => {
    const ly = laneTop[i]!;
    const h = laneH[i]!;
    const first = groups.some((g) => g.first === i);
    // Two lines, more when the lane is taller (the poster's lanes).
    const lines = wrap(l.name, LABELS_WIDTH - PARTY_X - 10, Math.max(2, Math.floor((h - 6) / 14)), LABEL_FONT);
    const base = ly + h / 2 - ((lines.length - 1) * 14) / 2 + 4;
    body(
      `<g class="lane"><line x1="${first ? 0 : PARTY_X}" y1="${n(ly)}" x2="${plotX1}" y2="${n(ly)}" stroke="${first ? COLORS.group : COLORS.lane}" stroke-width="${first ? 1 : 0.8}"/>` +
        lines.map((line, j) => `<text x="${PARTY_X}" y="${n(base + j * 14)}" font-size="${LABEL_FONT}" fill="${COLORS.text}">${esc(line)}</text>`).join("") +
        `</g>`,
    );
  });
  body(`<line x1="0" y1="${n(lanesY1)}" x2="${plotX1}" y2="${n(lanesY1)}" stroke="${COLORS.group}" stroke-width="1"/>`);
  body(`<line x1="${plotX0}" y1="${n(lanesY0)}" x2="${plotX0}" y2="${n(lanesY1)}" stroke="${COLORS.group}" stroke-width="1"/>`);

  // Axis labels.
  const axisY = lanesY1 + 10;
  for (const l of ticks.minorLabels) body(`<text x="${n(X(l.t))}" y="${n(axisY + 10)}" font-size="${AXIS_FONT}" fill="${COLORS.muted}" text-anchor="middle">${esc(l.text)}</text>`);
  for (const l of ticks.majorLabels) {
    const x = Math.min(Math.max(X(l.t), plotX0 + 14), plotX1 - 14);
    body(`<text x="${n(x)}" y="${n(axisY + (ticks.minorLabels.length ? 25 : 12))}" font-size="${AXIS_FONT + 1}" font-weight="700" fill="${COLORS.text}" text-anchor="middle">${esc(l.text)}</text>`);
  }
  const axisH = ticks.minorLabels.length ? 32 : 18;

  // Marks: ordinary ones first, critical moments on top.
  const markY = (m: Mark) => laneTop[m.lane]! + LANE_PAD + DOT_R + m.row * ROW_GAP;
  const ordered = [...marks.filter((m) => !m.critical), ...critical];
  for (const m of ordered) {
    const cy = markY(m);
    const parts: string[] = [];
    if (m.x2 !== null) {
      parts.push(`<rect x="${n(m.x)}" y="${n(cy - 3)}" width="${n(m.x2 - m.x)}" height="6" rx="2" fill="${m.critical ? COLORS.critical : COLORS.bar}" fill-opacity="0.85"/>`);
    }
    if (m.critical) {
      const d = DIAMOND;
      parts.push(`<path d="M${n(m.x)},${n(cy - d)}L${n(m.x + d)},${n(cy)}L${n(m.x)},${n(cy + d)}L${n(m.x - d)},${n(cy)}Z" fill="${COLORS.critical}" stroke="#ffffff" stroke-width="1"/>`);
      if (m.number) parts.push(`<text x="${n(m.x + d + 1.5)}" y="${n(cy - 1.5)}" font-size="10" font-weight="700" fill="${COLORS.critical}">${m.number}</text>`);
    } else if (m.x2 === null) {
      parts.push(
        m.approximate
          ? `<circle cx="${n(m.x)}" cy="${n(cy)}" r="${DOT_R - 0.5}" fill="#ffffff" stroke="${COLORS.dot}" stroke-width="1.4"/>`
          : `<circle cx="${n(m.x)}" cy="${n(cy)}" r="${DOT_R}" fill="${COLORS.dot}" stroke="#ffffff" stroke-width="0.7"/>`,
      );
    }
    body(`<g class="ev${m.critical ? " kritiek" : ""}">${parts.join("")}</g>`);
  }

  // Legend and the numbered critical moments.
  let ly = axisY + axisH + 10;
  const legend: string[] = [];
  let lx = plotX0;
  const item = (symbol: string, text: string) => {
    legend.push(`<g transform="translate(${n(lx)},${n(ly)})">${symbol}<text x="12" y="4" font-size="${AXIS_FONT}" fill="${COLORS.muted}">${esc(text)}</text></g>`);
    lx += 26 + text.length * AXIS_FONT * 0.52;
  };
  item(`<circle cx="3" cy="0" r="${DOT_R}" fill="${COLORS.dot}"/>`, "feit");
  item(`<circle cx="3" cy="0" r="${DOT_R - 0.5}" fill="#ffffff" stroke="${COLORS.dot}" stroke-width="1.4"/>`, "alleen maand of jaar bekend");
  item(`<rect x="-3" y="-3" width="14" height="6" rx="2" fill="${COLORS.bar}"/>`, "feit met einddatum");
  item(`<path d="M3,-5.5L8.5,0L3,5.5L-2.5,0Z" fill="${COLORS.critical}"/>`, "kritiek moment");
  if (periods.length) item(`<rect x="-3" y="-5" width="12" height="10" fill="${COLORS.bands[0]}" stroke="#b9c4cf"/>`, "periode");
  out.push(...legend);
  ly += 12;
  if (numbered) {
    const colW = (plotX1 - 6) / 2;
    critical.forEach((m, i) => {
      const col = i % 2;
      const row = Math.floor(i / 2);
      const x = 6 + col * colW;
      const yy = ly + 12 + row * 16;
      out.push(
        `<text x="${n(x)}" y="${n(yy)}" font-size="${AXIS_FONT}" fill="${COLORS.text}"><tspan font-weight="700" fill="${COLORS.critical}">${m.number}</tspan> ${esc(fit(`${m.dateText} · ${lanes[m.lane]!.name}: ${m.label}`, colW - 30, AXIS_FONT))}</text>`,
      );
    });
    ly += 12 + Math.ceil(critical.length / 2) * 16;
  }
  if (skipped) {
    out.push(`<text x="6" y="${n(ly + 12)}" font-size="${AXIS_FONT}" fill="${COLORS.muted}">${esc(`${skipped} ${skipped === 1 ? "feit" : "feiten"} zonder geldige datum niet getekend.`)}</text>`);
    ly += 16;
  }
  const H = Math.ceil(ly + 8);
  return { svg: svgOpen(W, H, title) + out.join("") + "</svg>", width: W, height: H, drawn: marks.length, skipped, lanes: lanes.length };
}

interface Ticks {
  major: number[];
  minor: number[];
  majorLabels: { t: number; text: string }[];
  minorLabels: { t: number; text: string }[];
}

/** Years as major ticks; months (every month, or every quarter) as minor ones when there is room. */
export function axisTicks(t0: number, t1: number, width: number): Ticks {
  const start = new Date(t0);
  const end = new Date(t1);
  const pxPerMonth = (width / (t1 - t0)) * 30.44 * DAY;
  const major: number[] = [];
  const majorLabels: { t: number; text: string }[] = [];
  const minor: number[] = [];
  const minorLabels: { t: number; text: string }[] = [];
  const yearPx = 12 * pxPerMonth;
  const yearStep = yearPx >= 40 ? 1 : Math.ceil(40 / yearPx);
  for (let yr = start.getUTCFullYear(); yr <= end.getUTCFullYear() + 1; yr++) {
    const t = Date.UTC(yr, 0, 1);
    if (t >= t0 && t <= t1) major.push(t);
    // Label the year in the middle of its visible part.
    const a = Math.max(t0, t);
    const b = Math.min(t1, Date.UTC(yr + 1, 0, 1));
    if (b - a > 20 * DAY && (yr - start.getUTCFullYear()) % yearStep === 0) majorLabels.push({ t: (a + b) / 2, text: String(yr) });
  }
  if (pxPerMonth >= 6) {
    const step = pxPerMonth >= 26 ? 1 : pxPerMonth >= 9 ? 3 : 6;
    for (let m = start.getUTCFullYear() * 12 + start.getUTCMonth(); ; m++) {
      const t = Date.UTC(Math.floor(m / 12), m % 12, 1);
      if (t > t1) break;
      if (t < t0 || m % 12 === 0) continue;
      minor.push(t);
      if ((m % 12) % step === 0) {
        const mid = Math.min(t1, Date.UTC(Math.floor(m / 12), (m % 12) + 1, 1));
        if (step === 1) minorLabels.push({ t: (t + mid) / 2, text: MONTHS[m % 12]! });
        else minorLabels.push({ t, text: MONTHS[m % 12]! });
      }
    }
    if (step === 1) {
      // January gets a label too (its tick is the year's).
      for (let yr = start.getUTCFullYear(); yr <= end.getUTCFullYear(); yr++) {
        const t = Date.UTC(yr, 0, 1);
        if (t >= t0 && t + 31 * DAY <= t1) minorLabels.push({ t: t + 15.5 * DAY, text: MONTHS[0]! });
      }
    }
  }
  return { major, minor, majorLabels, minorLabels };
}
