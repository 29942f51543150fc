import { FilterXSS } from "xss";
import { describe, expect, it } from "vitest";
import {
  VIS_XSS_OPTIONS,
  axisMajorLabel,
  axisMinorLabel,
  chartSummary,
  classToken,
  detectMoveMode,
  escapeHtml,
  eventToItem,
  eventTooltipLines,
  initials,
  itemPosition,
  movedEventDates,
  nearestBoundary,
  partiesToGroups,
  periodToBackground,
  roundToPrecision,
  safeColor,
  sameItem,
  type AxisDate,
  type ChartEvent,
  type ChartParty,
} from "../../app/components/timeline/chart-mapping.ts";
import { eventInterval, toInterval } from "../../app/domain/timeline/partial-date.ts";

const NO_FLAGS = { signaal: false, kritiekMoment: false, overdracht: false, opschaling: false };

function event(overrides: Partial<ChartEvent> = {}): ChartEvent {
  return {
    id: "e1",
    title: "Huisbezoek wijkcoach",
    party: "p1",
    start: "2014-03-12",
    approximate: false,
    kind: "huisbezoek",
    flags: { ...NO_FLAGS },
    status: "bevestigd",
    ...overrides,
  };
}

const ctx = { partyName: "Wijkteam Noord", canMove: true };
/** What vis-timeline does with a string before innerHTML: its js-xss filter, with our options. */
const visFilter = new FilterXSS(VIS_XSS_OPTIONS.filterOptions as never);
const HOSTILE = `<img src=x onerror="alert(1)"><script>alert(2)</script>"'&`;

describe("text safety", () => {
  it("escapes HTML in text", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("never lets an event title become markup, in content or tooltip", () => {
    const item = eventToItem(event({ title: HOSTILE }), ctx)!;
    for (const html of [item.content, item.title]) {
      expect(html).not.toMatch(/<img|<script|onerror="/i);
      expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&lt;script&gt;");
      // vis runs its filter and then sets innerHTML: the result is unchanged and still inert.
      const filtered = visFilter.process(html);
      expect(filtered).toBe(html);
      expect(filtered).not.toMatch(/<img|<script/i);
    }
  });

  it("escapes party names, domain names, period labels and editors' names", () => {
    const groups = partiesToGroups([{ id: "p1", name: HOSTILE, domain: `<b>Eigen</b>` }]);
    for (const g of groups) {
      expect(g.content + g.title).not.toMatch(/<img|<script|<b>/i);
      expect(visFilter.process(g.content)).toBe(g.content);
    }
    const bg = periodToBackground({ id: "x", label: HOSTILE, start: "2014-01", end: "2014-03" }, 0)!;
    expect(bg.content + bg.title).not.toMatch(/<img|<script/i);
    const item = eventToItem(event(), { ...ctx, presence: [{ name: HOSTILE, color: "#123456" }] })!;
    expect(item.content).not.toMatch(/<img|<script|onerror="/i);
    // js-xss normalises the style attribute and decodes &#39; inside the quoted title: still inert.
    const filtered = visFilter.process(item.content);
    expect(filtered).not.toMatch(/<img|<script/i);
    expect(filtered).toContain('<span class="kl-avatar" style="background-color:#123456;"');
  });

  it("keeps only plain colour notations for presence colours", () => {
    expect(safeColor("#0b7a75")).toBe("#0b7a75");
    expect(safeColor("#abc")).toBe("#abc");
    expect(safeColor("rgb(10, 20, 30)")).toBe("rgb(10, 20, 30)");
    expect(safeColor("hsl(120 50% 40%)")).toBe("hsl(120 50% 40%)");
    expect(safeColor('red;background:url("javascript:alert(1)")')).toBe("#5b6670");
    expect(safeColor('#fff" onmouseover="x')).toBe("#5b6670");
    expect(safeColor(undefined)).toBe("#5b6670");
  });

  it("only lets vocabulary-like keys into class names", () => {
    expect(classToken("melding_signaal")).toBe("melding_signaal");
    expect(classToken('x" onclick="y')).toBe("overig");
    expect(eventToItem(event({ kind: "<b>" }), ctx)!.className).toContain("kl-kind--overig");
  });

  it("makes initials from names, skipping Dutch tussenvoegsels", () => {
    expect(initials("Jan de Vries")).toBe("JV");
    expect(initials("Fatima El Amrani")).toBe("FA");
    expect(initials("anne")).toBe("A");
    expect(initials("  ")).toBe("?");
  });
});

describe("eventToItem", () => {
  it("draws a day without an end as a point in its party's lane", () => {
    const item = eventToItem(event(), ctx)!;
    expect(item).toMatchObject({ id: "e1", group: "p1", type: "point", start: toInterval("2014-03-12")!.startMs });
    expect(item.end).toBeUndefined();
    expect("end" in item).toBe(true); // present, so a DataSet merge clears an old end
  });

  it("draws an event with an end as a range to the end of the end's unit", () => {
    const item = eventToItem(event({ start: "2014-03-12", end: "2014-05" }), ctx)!;
    expect(item.type).toBe("range");
    expect(item.start).toBe(toInterval("2014-03-12")!.startMs);
    expect(item.end).toBe(toInterval("2014-05")!.endMs);
  });

  it("draws a month without an end as a hatched range over the month", () => {
    const item = eventToItem(event({ start: "2014-03" }), ctx)!;
    expect(item.type).toBe("range");
    expect([item.start, item.end]).toEqual([toInterval("2014-03")!.startMs, toInterval("2014-03")!.endMs]);
    expect(item.className).toContain("kl-item--imprecise");
  });

  it("marks critical moments with a class and a text marker, not colour alone", () => {
    const item = eventToItem(event({ flags: { ...NO_FLAGS, kritiekMoment: true } }), ctx)!;
    expect(item.className).toContain("kl-flag--kritiek");
    expect(item.kritiek).toBe(true);
    expect(item.content).toContain('<span class="kl-mark kl-mark--kritiek" title="Kritiek moment">!</span>');
    expect(item.title).toContain("Kritiek moment");
  });

  it("adds small markers for signaal, overdracht and opschaling", () => {
    const item = eventToItem(event({ flags: { signaal: true, kritiekMoment: false, overdracht: true, opschaling: true } }), ctx)!;
    for (const flag of ["signaal", "overdracht", "opschaling"]) {
      expect(item.className).toContain(`kl-flag--${flag}`);
      expect(item.content).toContain(`kl-mark--${flag}`);
    }
    expect(item.title).toContain("Signaal, Overdracht, Opschaling");
  });

  it("styles betwist events and says so in text", () => {
    const item = eventToItem(event({ status: "betwist" }), ctx)!;
    expect(item.className).toContain("kl-status--betwist");
    expect(item.content).toContain(">betwist</span>");
    expect(item.title).toContain("Status: betwist");
  });

  it("shows approximate dates with ca.", () => {
    const item = eventToItem(event({ start: "2014-03", approximate: true }), ctx)!;
    expect(item.className).toContain("kl-item--approximate");
    expect(item.content).toContain(">ca.</span>");
    expect(item.title).toContain("ca. maart 2014");
  });

  it("is editable (time only) exactly when the event may be moved", () => {
    expect(eventToItem(event(), { ...ctx, canMove: true })!.editable).toEqual({ updateTime: true, updateGroup: false, remove: false });
    expect(eventToItem(event(), { ...ctx, canMove: false })!.editable).toBe(false);
    expect(eventToItem(event(), { ...ctx, canMove: false })!.className).toContain("kl-item--locked");
  });

  it("shows who is editing as coloured initials", () => {
    const item = eventToItem(event(), {
      ...ctx,
      presence: [
        { name: "Joost de Vries", color: "#a4372a" },
        { name: "Sanne Bakker", color: "#4b5fc1" },
      ],
    })!;
    expect(item.className).toContain("kl-item--editing");
    expect(item.content).toContain('style="background-color:#a4372a" title="Wordt bewerkt door Joost de Vries">JV</span>');
    expect(item.content).toContain(">SB</span>");
    expect(item.title).toContain("Wordt bewerkt door Joost de Vries, Sanne Bakker");
  });

  it("returns null for an invalid start", () => {
    expect(eventToItem(event({ start: "12-03-2014" }), ctx)).toBeNull();
  });

  it("builds a Dutch tooltip", () => {
    expect(eventTooltipLines(event({ start: "2014-03-12T10:30", end: "2014-04" }), { partyName: "Wijkteam Noord" })).toEqual([
      "Huisbezoek wijkcoach",
      "12 maart 2014, 10:30 – april 2014",
      "Wijkteam Noord · Huisbezoek",
      "Status: bevestigd",
    ]);
  });

  it("compares items field by field", () => {
    const a = eventToItem(event(), ctx)!;
    expect(sameItem(a, eventToItem(event(), ctx)!)).toBe(true);
    expect(sameItem(a, eventToItem(event({ title: "Anders" }), ctx)!)).toBe(false);
    expect(sameItem(a, eventToItem(event(), { ...ctx, canMove: false })!)).toBe(false);
    expect(sameItem(undefined, a)).toBe(false);
  });
});

describe("periodToBackground", () => {
  it("spans the whole months of a period, labelled, with alternating tints", () => {
    const bg = periodToBackground({ id: "per1", label: "1. Verblijf in de opvang", start: "2021-10", end: "2022-05" }, 1)!;
    expect(bg).toMatchObject({
      id: "periode:per1",
      type: "background",
      start: toInterval("2021-10")!.startMs,
      end: toInterval("2022-05")!.endMs,
      className: "kl-period kl-period--1",
    });
    expect(bg.content).toContain("1. Verblijf in de opvang");
    expect(bg.title).toContain("oktober 2021 – mei 2022");
  });

  it("skips periods with invalid or reversed dates", () => {
    expect(periodToBackground({ id: "x", label: "x", start: "2022", end: "2021" }, 0)).toBeNull();
    expect(periodToBackground({ id: "x", label: "x", start: "nooit", end: "2021" }, 0)).toBeNull();
  });
});

describe("partiesToGroups", () => {
  const parties: ChartParty[] = [
    { id: "politie", name: "Politie", domain: "Veiligheid" },
    { id: "reclassering", name: "Reclassering", domain: "Justitie" },
    { id: "school", name: "School", domain: "Onderwijs" },
    { id: "huisarts", name: "Huisarts", domain: "gezondheid" },
    { id: "jgz", name: "JGZ", domain: "Gezondheid" },
    { id: "adviseur", name: "Adviseur", domain: "Advies" },
    { id: "wi", name: "Werk en Inkomen", domain: "Werk en Inkomen" },
  ];

  it("nests parties in domain groups in the fixed domain order, custom domains last", () => {
    const groups = partiesToGroups(parties);
    const domains = groups.filter((g) => g.nestedGroups);
    expect(domains.map((g) => g.id)).toEqual([
      "domein:gezondheid",
      "domein:onderwijs",
      "domein:veiligheid",
      "domein:werk en inkomen",
      "domein:advies",
      "domein:justitie",
    ]);
    // Standard domains merge regardless of case; parties keep their given order.
    expect(domains[0].nestedGroups).toEqual(["huisarts", "jgz"]);
    expect(domains[0].content).toContain("Gezondheid");
    expect(domains[0].showNested).toBe(true);
  });

  it("lists each domain right before its parties, with increasing order and a colour class", () => {
    const groups = partiesToGroups(parties);
    expect(groups.map((g) => g.id).slice(0, 5)).toEqual(["domein:gezondheid", "huisarts", "jgz", "domein:onderwijs", "school"]);
    expect(groups.map((g) => g.order)).toEqual(groups.map((_, i) => i));
    const jgz = groups.find((g) => g.id === "jgz")!;
    expect(jgz).toMatchObject({ treeLevel: 1, className: "kl-party kl-tint--0" });
    expect(groups.find((g) => g.id === "reclassering")!.className).toBe("kl-party kl-tint--6");
  });
});

describe("dragging back to partial dates (Europe/Amsterdam)", () => {
  const at = (iso: string) => new Date(iso).getTime();

  it("rounds an instant to the nearest unit of a precision, in Amsterdam time", () => {
    // 22:30 UTC on 12 March 2014 is 23:30 in Amsterdam: nearer to the 13th.
    expect(roundToPrecision(at("2014-03-12T22:30:00Z"), "day")).toBe("2014-03-13");
    expect(roundToPrecision(at("2014-03-12T10:00:00Z"), "day")).toBe("2014-03-12");
    expect(roundToPrecision(at("2014-03-20T00:00:00Z"), "month")).toBe("2014-04");
    expect(roundToPrecision(at("2014-03-10T00:00:00Z"), "month")).toBe("2014-03");
    expect(roundToPrecision(at("2014-08-01T00:00:00Z"), "year")).toBe("2015");
    expect(roundToPrecision(at("2014-03-12T09:29:40Z"), "minute")).toBe("2014-03-12T10:30");
    expect(nearestBoundary(at("2014-03-12T10:00:00Z"), "day")).toBe(toInterval("2014-03-12")!.startMs);
  });

  it("keeps a day a day across the switch to summer time", () => {
    // Midnight of 31 March 2014 in Amsterdam is 22:00 UTC on the 30th (CEST).
    expect(roundToPrecision(at("2014-03-30T22:10:00Z"), "day")).toBe("2014-03-31");
    expect(roundToPrecision(at("2014-03-30T21:50:00Z"), "day")).toBe("2014-03-31");
    expect(roundToPrecision(at("2014-03-30T10:00:00Z"), "day")).toBe("2014-03-30");
  });

  it("keeps a month-precise event month-precise when moved", () => {
    const iv = toInterval("2014-03")!;
    const shift = 33 * 86_400_000;
    expect(movedEventDates({ start: "2014-03" }, { startMs: iv.startMs + shift, endMs: iv.endMs + shift })).toEqual({
      start: "2014-04",
      end: undefined,
    });
    // A small nudge rounds back to the same month: nothing changed.
    expect(movedEventDates({ start: "2014-03" }, { startMs: iv.startMs + 86_400_000, endMs: iv.endMs + 86_400_000 })).toBeNull();
  });

  it("keeps a day a day and a time a time when moved", () => {
    const day = toInterval("2014-03-12")!.startMs;
    expect(movedEventDates({ start: "2014-03-12" }, { startMs: day + 2.4 * 86_400_000 })).toEqual({ start: "2014-03-14", end: undefined });
    const minute = toInterval("2014-03-12T10:30")!.startMs;
    expect(movedEventDates({ start: "2014-03-12T10:30" }, { startMs: minute + 90 * 60_000 + 10_000 })).toEqual({
      start: "2014-03-12T12:00",
      end: undefined,
    });
  });

  it("moves the end along, in its own precision, keeping the length", () => {
    const iv = eventInterval("2014-03-12", "2014-05")!;
    const shift = 31 * 86_400_000;
    expect(movedEventDates({ start: "2014-03-12", end: "2014-05" }, { startMs: iv.startMs + shift, endMs: iv.endMs + shift })).toEqual({
      start: "2014-04-12",
      end: "2014-06",
    });
  });

  it("resizes only the dragged edge, never past the other one", () => {
    const iv = eventInterval("2014-03-12", "2014-03-20")!;
    // Right edge dragged to about 2 April.
    expect(
      movedEventDates({ start: "2014-03-12", end: "2014-03-20" }, { startMs: iv.startMs, endMs: toInterval("2014-04-02")!.startMs + 3_600_000 }),
    ).toEqual({ start: "2014-03-12", end: "2014-04-01" });
    // Left edge dragged past the right edge: clamped to the last day.
    expect(
      movedEventDates({ start: "2014-03-12", end: "2014-03-20" }, { startMs: toInterval("2014-04-10")!.startMs, endMs: iv.endMs }),
    ).toEqual({ start: "2014-03-20", end: "2014-03-20" });
  });

  it("gives a month bar without an end an end when widened, and takes it away when narrowed back", () => {
    const march = toInterval("2014-03")!;
    const june = toInterval("2014-06")!;
    expect(movedEventDates({ start: "2014-03" }, { startMs: march.startMs, endMs: june.endMs - 86_400_000 })).toEqual({
      start: "2014-03",
      end: "2014-06",
    });
    expect(movedEventDates({ start: "2014-03", end: "2014-06" }, { startMs: march.startMs, endMs: march.endMs + 86_400_000 })).toEqual({
      start: "2014-03",
      end: "2014-03",
    });
    // Widened to the left: the old month becomes the end.
    expect(movedEventDates({ start: "2014-03" }, { startMs: toInterval("2014-01")!.startMs, endMs: march.endMs })).toEqual({
      start: "2014-01",
      end: "2014-03",
    });
    // Widened by less than half a month: nothing changes.
    expect(movedEventDates({ start: "2014-03" }, { startMs: march.startMs, endMs: march.endMs + 5 * 86_400_000 })).toBeNull();
  });

  it("uses the drag mode it is given over what the positions suggest", () => {
    const iv = eventInterval("2014-03-12", "2014-03-20")!;
    expect(detectMoveMode(iv, { startMs: iv.startMs + 1, endMs: iv.endMs + 1 })).toBe("move");
    expect(detectMoveMode(iv, { startMs: iv.startMs + 1, endMs: iv.endMs })).toBe("resize-start");
    expect(detectMoveMode(iv, { startMs: iv.startMs, endMs: iv.endMs + 1 })).toBe("resize-end");
    expect(detectMoveMode(iv, { startMs: iv.startMs, endMs: iv.endMs })).toBe("none");
    expect(detectMoveMode({ startMs: 5 }, { startMs: 6 })).toBe("move");
    // Positions where only the start differs: a resize unless the drag is known to be a move.
    const positions = { startMs: toInterval("2014-03-13")!.startMs, endMs: iv.endMs };
    expect(movedEventDates({ start: "2014-03-12", end: "2014-03-20" }, positions)).toEqual({ start: "2014-03-13", end: "2014-03-20" });
    expect(movedEventDates({ start: "2014-03-12", end: "2014-03-20" }, positions, { mode: "move" })).toEqual({
      start: "2014-03-13",
      end: "2014-03-21",
    });
  });

  it("gives the drawing position of partial dates", () => {
    expect(itemPosition({ start: "2014-03" }, false)).toEqual({ start: toInterval("2014-03")!.startMs, end: toInterval("2014-03")!.endMs });
    expect(itemPosition({ start: "2014-03-12" }, true)).toEqual({ start: toInterval("2014-03-12")!.startMs });
  });
});

describe("Dutch axis labels", () => {
  const date = (y: number, m: number, d: number, h = 0, min = 0): AxisDate => {
    const js = new Date(Date.UTC(y, m, d, h, min));
    return {
      year: () => js.getUTCFullYear(),
      month: () => js.getUTCMonth(),
      date: () => js.getUTCDate(),
      hours: () => js.getUTCHours(),
      minutes: () => js.getUTCMinutes(),
      day: () => js.getUTCDay(),
    };
  };
  it("uses Dutch month and day names", () => {
    expect(axisMinorLabel(date(2014, 2, 1), "month")).toBe("mrt");
    expect(axisMinorLabel(date(2014, 6, 1), "month")).toBe("jul");
    expect(axisMinorLabel(date(2014, 2, 12), "weekday")).toBe("wo 12");
    expect(axisMinorLabel(date(2014, 2, 12, 9, 5), "hour")).toBe("09:05");
    expect(axisMajorLabel(date(2014, 2, 12), "day")).toBe("maart 2014");
    expect(axisMajorLabel(date(2014, 2, 12), "month")).toBe("2014");
    expect(axisMajorLabel(date(2014, 2, 12), "hour")).toBe("wo 12 maart 2014");
  });
});

describe("chartSummary", () => {
  it("describes the chart in Dutch for screen readers", () => {
    const summary = chartSummary(
      [
        { id: "p1", name: "Wijkteam", domain: "Gezin" },
        { id: "p2", name: "School", domain: "Onderwijs" },
      ],
      [{ id: "per", label: "Periode 1", start: "2021-10", end: "2022-05" }],
      [
        event({ id: "a", start: "2021-10-14", flags: { ...NO_FLAGS, kritiekMoment: true } }),
        event({ id: "b", start: "2022-01", end: "2023-02", status: "betwist", flags: { ...NO_FLAGS, signaal: true } }),
      ],
    );
    expect(summary).toBe(
      "Tijdlijn met 2 feiten van 2 partijen in 2 domeinen en 1 periode, van 14 oktober 2021 tot februari 2023. " +
        "1 kritiek moment, 1 signaal, 0 overdrachten, 0 opschalingen, 1 betwist.",
    );
  });
});
