import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { PAPER, SHEET_MARGIN, TILE_OVERLAP, planTiles, swimlaneFigureOf } from "../../app/domain/timeline/poster.ts";
import { createEvent, createParty, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";

describe("planTiles", () => {
  it("splits an A0 poster over A4 sheets that together cover it, neighbours overlapping", () => {
    const plan = planTiles(PAPER.A0, PAPER.A4);
    expect(plan.columns * plan.rows).toBe(plan.tiles.length);
    expect(plan.columns).toBeGreaterThanOrEqual(4);
    const areaW = PAPER.A4.width - 2 * SHEET_MARGIN;
    // Every poster point is on some sheet: the last column and row reach the poster's edge.
    const last = plan.tiles.at(-1)!;
    expect(last.x + last.width).toBeCloseTo(PAPER.A0.width, 6);
    expect(last.y + last.height).toBeCloseTo(PAPER.A0.height, 6);
    // Neighbours share exactly the overlap strip.
    const [a, b] = plan.tiles;
    expect(a!.x + areaW - b!.x).toBeCloseTo(TILE_OVERLAP, 6);
    expect(a!.right && !plan.tiles[plan.columns - 1]!.right).toBe(true);
    expect(plan.tiles.map((t) => t.number)).toEqual(plan.tiles.map((_, i) => i + 1));
  });

  it("gives one sheet when the poster fits", () => {
    const plan = planTiles({ width: 200, height: 100 }, PAPER.A4);
    expect(plan.tiles).toHaveLength(1);
    expect(plan.tiles[0]).toMatchObject({ right: false, below: false, width: 200, height: 100 });
  });
});

describe("swimlaneFigureOf", () => {
  it("has one lane per party grouped by domain, every period, every valid fact with its critical flag", () => {
    const doc = new Y.Doc();
    const school = createParty(doc, { name: "School", domain: "Onderwijs" });
    const ggz = createParty(doc, { name: "GGZ", domain: "Gezondheid" });
    createPeriod(doc, { label: "Periode 1", start: "2014", end: "2015" });
    createEvent(doc, { party: school, title: "Verzuim", start: "2014-03", kind: "overig", flags: { kritiekMoment: true, signaal: false, overdracht: false, opschaling: false } }, { userId: "u" });
    const fig = swimlaneFigureOf(readTimeline(doc));
    expect(fig.lanes.map((l) => [l.name, l.domain])).toEqual([["GGZ", "Gezondheid"], ["School", "Onderwijs"]]);
    expect(fig.lanes.map((l) => l.id)).toEqual([ggz, school]);
    expect(fig.periods).toEqual([{ label: "Periode 1", start: "2014", end: "2015" }]);
    expect(fig.events).toEqual([{ lane: school, start: "2014-03", end: null, critical: true, label: "Verzuim" }]);
  });
});
