// Checklist help (issue 15): 5a names the facts that are not confirmed or are disputed, its link
// opens the timeline filtered on them, and every fill-in link names an element on its target page.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { filterEvents, matchesStatus, NO_FILTER, statusFilterFrom } from "../../app/components/workspace/filters.ts";
import type { EventEntry } from "../../app/components/workspace/types.ts";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import { namedFew, openFactCount, readDocFacts, structuredPart } from "../../app/domain/report/structured.ts";
import { fillInLinks, OPEN_FACTS_FILTER } from "../../app/domain/report/where.ts";
import { fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";
import { setEventStatus } from "../../app/domain/timeline/mutations.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";

function demoDoc() {
  const doc = new Y.Doc();
  fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
  return doc;
}

const validEvents = (doc: Y.Doc) => readTimeline(doc).events.flatMap((e) => (e.ok ? [{ id: e.id, ...e.value }] : []));

describe("namedFew", () => {
  it("names up to three titles and counts the rest", () => {
    expect(namedFew(["A"])).toBe("‘A’");
    expect(namedFew(["A", "B"])).toBe("‘A’ en ‘B’");
    expect(namedFew(["A", "B", "C"])).toBe("‘A’, ‘B’ en ‘C’");
    expect(namedFew(["A", "B", "C", "D", "E"])).toBe("‘A’, ‘B’, ‘C’ en 2 meer");
  });
});

describe("5a: unconfirmed and disputed facts by name", () => {
  it("names the facts in concept and the disputed ones in the missing list", () => {
    const doc = demoDoc();
    const events = validEvents(doc);
    const first = events.find((e) => e.status === "bevestigd")!;
    setEventStatus(doc, first.id, "betwist", "Datum klopt niet volgens De Brug.", { userId: "u1" });
    const t5a = structuredPart("timeline", {} as ReportInput, readDocFacts(doc));
    const concept = validEvents(doc).filter((e) => e.status === "concept");
    const conceptLine = t5a.missing.find((m) => m.includes("nog niet bevestigd"))!;
    expect(conceptLine).toContain(`‘${concept[0].title}’`);
    if (concept.length > 3) expect(conceptLine).toContain(`en ${concept.length - 3} meer.`);
    const disputed = validEvents(doc).filter((e) => e.status === "betwist");
    const disputedLine = t5a.missing.find((m) => m.includes("betwist:"))!;
    expect(disputedLine).toMatch(new RegExp(`^${disputed.length} feite?n? (is|zijn) betwist: `));
    expect(disputedLine).toContain(`‘${first.title}’`);
    expect(openFactCount(readTimeline(doc))).toBe(concept.length + disputed.length);
  });
});

describe("timeline status filter", () => {
  it("reads the filter from the URL and keeps unknown values out", () => {
    expect(statusFilterFrom("?status=betwist")).toBe("betwist");
    expect(statusFilterFrom(`?status=${OPEN_FACTS_FILTER}`)).toBe(OPEN_FACTS_FILTER);
    expect(statusFilterFrom("?status=alles")).toBe("");
    expect(statusFilterFrom("")).toBe("");
  });

  it("shows only the facts with that status; 'niet bevestigd' is concept and betwist together", () => {
    expect(matchesStatus("concept", OPEN_FACTS_FILTER)).toBe(true);
    expect(matchesStatus("betwist", OPEN_FACTS_FILTER)).toBe(true);
    expect(matchesStatus("bevestigd", OPEN_FACTS_FILTER)).toBe(false);
    const doc = demoDoc();
    const t = readTimeline(doc);
    const entries = t.events.flatMap((e) => (e.ok ? [{ id: e.id, value: e.value } satisfies EventEntry] : []));
    const parties = new Map(t.parties.flatMap((p) => (p.ok ? [[p.id, p.value] as const] : [])));
    const concept = filterEvents(entries, parties, [], { ...NO_FILTER, status: "concept" });
    expect(concept.length).toBeGreaterThan(0);
    expect(concept.every((e) => e.value.status === "concept")).toBe(true);
    const open = filterEvents(entries, parties, [], { ...NO_FILTER, status: OPEN_FACTS_FILTER });
    expect(open.length).toBe(openFactCount(t));
    expect(filterEvents(entries, parties, [], { ...NO_FILTER, status: "bevestigd" }).length).toBe(entries.length - open.length);
  });
});

describe("fill-in links", () => {
  it("every link of the checklist names its target element", () => {
    for (const item of DEFAULT_CHECKLIST.items) {
      for (const link of fillInLinks(item)) expect(link.path, `${item.id} ${link.label}`).toMatch(/#[\w-]+$/);
    }
  });

  it("5a links to the timeline filtered on the open facts when there are any", () => {
    const t5a = DEFAULT_CHECKLIST.items.find((i) => i.id === "5a")!;
    expect(fillInLinks(t5a, { openFacts: 4 })[0]).toEqual({ path: `tijdlijn?status=${OPEN_FACTS_FILTER}#ws-h-list`, label: "De 4 niet bevestigde of betwiste feiten tonen" });
    expect(fillInLinks(t5a, { openFacts: 0 })[0].path).toBe("tijdlijn#ws-h-list");
  });
});
