// Issue 11: lanes can be reordered within their domain and removed (when empty, or with their facts
// moved to another lane); periods can be changed.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createEvent,
  createParty,
  createPeriod,
  deleteParty,
  eventsOnParty,
  movePartyWithinDomain,
  updateParty,
  updatePeriod,
} from "../../app/domain/timeline/mutations.ts";
import { getTimelineMaps, groupPartiesByDomain, PartySchema, yToPlain } from "../../app/domain/timeline/schema.ts";

const ctx = { userId: "u-lead" };
function lanes(doc: Y.Doc) {
  const parties = [...getTimelineMaps(doc).parties.entries()].map(([id, m]) => ({ id, value: PartySchema.parse(yToPlain(m)) }));
  return groupPartiesByDomain(parties).map((g) => `${g.domain}: ${g.parties.map((p) => p.value.name).join(", ")}`);
}
function fact(doc: Y.Doc, party: string, title: string) {
  return createEvent(doc, { title, party, start: "2020-01-01", kind: "overig" }, ctx);
}

describe("lanes", () => {
  it("move up and down within their domain, also when their orders were equal", () => {
    const doc = new Y.Doc();
    const a = createParty(doc, { name: "Huisarts", domain: "Gezondheid", order: 0 });
    const b = createParty(doc, { name: "GGZ", domain: "Gezondheid", order: 0 });
    createParty(doc, { name: "Wijkteam", domain: "Gezin", order: 0 });
    expect(lanes(doc)).toContain("Gezondheid: GGZ, Huisarts"); // equal orders: by name
    expect(movePartyWithinDomain(doc, a, "up")).toBe(true);
    expect(lanes(doc)).toContain("Gezondheid: Huisarts, GGZ");
    expect(movePartyWithinDomain(doc, a, "up")).toBe(false); // already first
    expect(movePartyWithinDomain(doc, b, "up")).toBe(true);
    expect(lanes(doc)).toContain("Gezondheid: GGZ, Huisarts");
  });

  it("can be renamed and given another domain", () => {
    const doc = new Y.Doc();
    const a = createParty(doc, { name: "Huisarts", domain: "Gezondheid" });
    updateParty(doc, a, { name: "Huisartsenpraktijk Noord", domain: "Zorg" });
    expect(lanes(doc)).toEqual(["Zorg: Huisartsenpraktijk Noord"]);
  });

  it("are removed when empty; with facts only when another lane takes them over", () => {
    const doc = new Y.Doc();
    const a = createParty(doc, { name: "Huisarts", domain: "Gezondheid" });
    const b = createParty(doc, { name: "Wijkteam", domain: "Gezin" });
    const empty = createParty(doc, { name: "Leeg", domain: "Gezin" });
    const f1 = fact(doc, a, "Consult");
    const f2 = fact(doc, a, "Verwijzing");

    deleteParty(doc, empty, ctx);
    expect(getTimelineMaps(doc).parties.has(empty)).toBe(false);

    expect(() => deleteParty(doc, a, ctx)).toThrow(
      "Op de baan van Huisarts staan nog 2 feiten. Kies een andere partij om ze naar te verplaatsen, of verwijder ze eerst.",
    );
    expect(() => deleteParty(doc, a, { ...ctx, moveEventsTo: a })).toThrow("Kies een andere partij");
    expect(getTimelineMaps(doc).parties.has(a)).toBe(true);

    deleteParty(doc, a, { userId: "u-onderzoeker", moveEventsTo: b });
    expect(getTimelineMaps(doc).parties.has(a)).toBe(false);
    expect(eventsOnParty(doc, b).sort()).toEqual([f1, f2].sort());
    expect((getTimelineMaps(doc).events.get(f1) as Y.Map<unknown>).get("updatedBy")).toBe("u-onderzoeker");
  });

  it("removing a lane with its facts moved is one undo step", () => {
    const doc = new Y.Doc();
    const origin = { page: 1 };
    const a = createParty(doc, { name: "Huisarts", domain: "Gezondheid" });
    const b = createParty(doc, { name: "Wijkteam", domain: "Gezin" });
    const f = fact(doc, a, "Consult");
    const um = new Y.UndoManager([getTimelineMaps(doc).parties, getTimelineMaps(doc).events], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    deleteParty(doc, a, { ...ctx, origin, moveEventsTo: b });
    um.undo();
    expect(getTimelineMaps(doc).parties.has(a)).toBe(true);
    expect(eventsOnParty(doc, a)).toEqual([f]);
  });
});

describe("periods", () => {
  it("can be changed, with the same rules as when added", () => {
    const doc = new Y.Doc();
    const p = createPeriod(doc, { label: "Opvang", start: "2012-10", end: "2013-05" });
    updatePeriod(doc, p, { label: "Verblijf vrouwenopvang", end: "2013-06" });
    expect(yToPlain(getTimelineMaps(doc).periods.get(p))).toEqual({ label: "Verblijf vrouwenopvang", start: "2012-10", end: "2013-06" });
    expect(() => updatePeriod(doc, p, { end: "2011" })).toThrow();
  });
});
