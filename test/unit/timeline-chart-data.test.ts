import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { timelineToChartData } from "../../app/components/timeline/chart-data.ts";
import { eventToItem, partiesToGroups, periodToBackground } from "../../app/components/timeline/chart-mapping.ts";
import { DEMO_EVENT_COUNT, fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";

function demo() {
  const doc = new Y.Doc();
  fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "demo-user" });
  return doc;
}

describe("timelineToChartData", () => {
  it("turns the demo timeline into chart props that all map to vis rows", () => {
    const data = timelineToChartData(readTimeline(demo()));
    expect(data.parties.length).toBeGreaterThanOrEqual(10);
    expect(data.periods).toHaveLength(4);
    expect(data.events).toHaveLength(DEMO_EVENT_COUNT);
    const groups = partiesToGroups(data.parties);
    expect(groups.filter((g) => g.nestedGroups).map((g) => g.content.replace(/<[^>]+>/g, ""))).toEqual([
      "Gezondheid",
      "Onderwijs",
      "Gezin",
      "Veiligheid",
      "Wonen",
      "Werk en Inkomen",
    ]);
    const lanes = new Set(groups.map((g) => g.id));
    for (const e of data.events) {
      const item = eventToItem(e, { canMove: false });
      expect(item, e.title).not.toBeNull();
      expect(lanes.has(item!.group)).toBe(true);
    }
    data.periods.forEach((p, i) => expect(periodToBackground(p, i)).not.toBeNull());
    expect(data.events.some((e) => e.flags.kritiekMoment)).toBe(true);
  });

  it("leaves out invalid entries and events whose lane is invalid", () => {
    const doc = demo();
    const timeline = readTimeline(doc);
    const party = timeline.parties[0];
    doc.getMap<Y.Map<unknown>>("parties").get(party.id)!.set("name", "");
    const broken = readTimeline(doc);
    const data = timelineToChartData(broken);
    expect(data.parties.map((p) => p.id)).not.toContain(party.id);
    expect(data.events.some((e) => e.party === party.id)).toBe(false);
    expect(data.events.length).toBeLessThan(DEMO_EVENT_COUNT);
  });
});
