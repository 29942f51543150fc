import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEMO_EVENT_COUNT, fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { canEditEvent } from "../../app/domain/timeline/mutations.ts";
import { readTimeline, yToPlain } from "../../app/domain/timeline/schema.ts";
import { STANDARD_PARTY_DOMAINS } from "../../app/domain/timeline/vocabulary.ts";

const opts = { organisationIds: { a: "org-a", b: "org-b" }, userId: "demo-user" };

function filled() {
  const doc = new Y.Doc();
  const result = fillDemoTimeline(doc, opts);
  return { doc, result, timeline: readTimeline(doc) };
}

describe("fillDemoTimeline", () => {
  it("fills at least 10 parties, 4 periods and 60 events, all valid", () => {
    const { timeline } = filled();
    expect(timeline.parties.length).toBeGreaterThanOrEqual(10);
    expect(timeline.periods).toHaveLength(4);
    expect(timeline.events.length).toBeGreaterThanOrEqual(60);
    expect(timeline.events).toHaveLength(DEMO_EVENT_COUNT);
    const invalid = [...timeline.parties, ...timeline.periods, ...timeline.events].filter((e) => !e.ok);
    expect(invalid).toEqual([]);
  });

  it("covers the six domains and links the two demo organisations", () => {
    const { timeline } = filled();
    const parties = timeline.parties.flatMap((p) => (p.ok ? [p.value] : []));
    expect(new Set(parties.map((p) => p.domain))).toEqual(new Set(STANDARD_PARTY_DOMAINS));
    expect(parties.find((p) => p.organisationId === "org-a")?.name).toBe("Wijkteam Noord");
    expect(parties.find((p) => p.organisationId === "org-b")?.name).toBe("Stichting Jeugdhulp De Brug");
  });

  it("has a realistic mix of kinds, flags, statuses and precisions", () => {
    const events = filled().timeline.events.flatMap((e) => (e.ok ? [e.value] : []));
    const count = (pred: (e: (typeof events)[number]) => boolean) => events.filter(pred).length;
    expect(new Set(events.map((e) => e.kind)).size).toBeGreaterThanOrEqual(8);
    expect(count((e) => e.flags.signaal)).toBeGreaterThanOrEqual(5);
    expect(count((e) => e.flags.kritiekMoment)).toBeGreaterThanOrEqual(5);
    expect(count((e) => e.flags.overdracht)).toBeGreaterThanOrEqual(3);
    expect(count((e) => e.flags.opschaling)).toBeGreaterThanOrEqual(1);
    expect(count((e) => e.status === "betwist")).toBeGreaterThanOrEqual(2);
    expect(count((e) => e.status === "concept")).toBeGreaterThanOrEqual(1);
    expect(count((e) => e.approximate)).toBeGreaterThanOrEqual(3);
    expect(count((e) => e.end !== undefined)).toBeGreaterThanOrEqual(1);
    expect(new Set(events.flatMap((e) => e.sources.map((s) => s.type)))).toEqual(
      new Set(["dossier", "interview", "feitenrelaas"]),
    );
    expect(count((e) => e.actorFunction !== "" && e.actorInitials !== "")).toBe(events.length);
  });

  it("lets each demo ketenpartner edit only their own lane", () => {
    const { timeline } = filled();
    const parties = timeline.parties.flatMap((p) => (p.ok ? [p.value] : []));
    expect(parties.filter((p) => canEditEvent("ketenpartner", "org-a", p)).map((p) => p.name)).toEqual(["Wijkteam Noord"]);
    expect(parties.filter((p) => canEditEvent("ketenpartner", "org-b", p)).map((p) => p.name)).toEqual([
      "Stichting Jeugdhulp De Brug",
    ]);
  });

  it("is deterministic apart from ids", () => {
    const strip = (doc: Y.Doc) => {
      const t = readTimeline(doc);
      const partyName = new Map(t.parties.map((p) => [p.id, p.ok ? p.value.name : ""]));
      return {
        parties: t.parties.map((p) => (p.ok ? p.value : null)),
        periods: t.periods.map((p) => (p.ok ? p.value : null)),
        events: t.events.map((e) => (e.ok ? { ...e.value, party: partyName.get(e.value.party) } : null)),
      };
    };
    expect(strip(filled().doc)).toEqual(strip(filled().doc));
  });

  it("names the family only as moeder, vader, kind 1 and kind 2", () => {
    const { doc } = filled();
    const text = JSON.stringify(yToPlain(doc.getMap("events")));
    expect(text).toContain("moeder");
    expect(text).toContain("kind 2");
    expect(text).not.toMatch(/kind [3-9]/);
  });

  it("writes everything in one transaction with the given origin", () => {
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => origins.push(tr.origin));
    const origin = Symbol("demo");
    fillDemoTimeline(doc, { ...opts, origin });
    expect(origins).toEqual([origin]);
  });
});
