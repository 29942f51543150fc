import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createEvent, createParty, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { groupPartiesByDomain, readEvent, readTimeline } from "../../app/domain/timeline/schema.ts";

const ctx = { userId: "user-1", now: new Date("2024-03-01T09:00:00.000Z") };

function docWithParty() {
  const doc = new Y.Doc();
  const partyId = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin", organisationId: "org-a" });
  return { doc, partyId };
}

/** Writes a hand-made event map, bypassing the mutations, as a buggy or hostile client could. */
function writeRawEvent(doc: Y.Doc, id: string, fields: Record<string, unknown>) {
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    doc.getMap("events").set(id, map);
    for (const [k, v] of Object.entries(fields)) map.set(k, v);
  });
}

function validRawEvent(partyId: string): Record<string, unknown> {
  return {
    title: "Huisbezoek",
    party: partyId,
    start: "2014-03-12",
    approximate: false,
    description: new Y.Text("Verslag"),
    actorFunction: "Wijkcoach",
    actorInitials: "J.B.",
    kind: "huisbezoek",
    sources: Y.Array.from([{ type: "dossier", reference: "Journaal" }]),
    lifeDomains: Y.Array.from(["wonen"]),
    status: "concept",
    createdBy: "u",
    createdAt: "2024-03-01T09:00:00.000Z",
    updatedBy: "u",
    updatedAt: "2024-03-01T09:00:00.000Z",
  };
}

describe("readTimeline", () => {
  it("reads what the mutations wrote", () => {
    const { doc, partyId } = docWithParty();
    const eventId = createEvent(
      doc,
      { title: "Aanmelding", party: partyId, start: "2014-03", kind: "aanmelding", description: "Tekst" },
      ctx,
    );
    const t = readTimeline(doc);
    expect(t.parties).toEqual([
      { ok: true, id: partyId, value: { name: "Wijkteam Noord", domain: "Gezin", organisationId: "org-a", order: 0 } },
    ]);
    expect(t.events).toHaveLength(1);
    const e = t.events[0];
    expect(e.ok && e.value).toMatchObject({
      title: "Aanmelding",
      start: "2014-03",
      description: "Tekst",
      status: "concept",
      flags: { signaal: false, kritiekMoment: false, overdracht: false, opschaling: false },
      createdBy: "user-1",
      createdAt: "2024-03-01T09:00:00.000Z",
    });
    expect(readEvent(doc, eventId)?.ok).toBe(true);
  });

  it("reports an event whose start is a number as invalid, in Dutch, without throwing", () => {
    const { doc, partyId } = docWithParty();
    writeRawEvent(doc, "e1", { ...validRawEvent(partyId), start: 2014 });
    const t = readTimeline(doc);
    expect(t.events).toHaveLength(1);
    const e = t.events[0];
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.id).toBe("e1");
    expect(e.errors).toEqual(["Begindatum heeft een ongeldige waarde (2014); verwacht tekst."]);
    expect((e.raw as Record<string, unknown>).start).toBe(2014);
    expect((e.raw as Record<string, unknown>).description).toBe("Verslag");
  });

  it("reports a Y.Map missing its title", () => {
    const { doc, partyId } = docWithParty();
    const { title: _omit, ...rest } = validRawEvent(partyId);
    writeRawEvent(doc, "e1", rest);
    const e = readTimeline(doc).events[0];
    expect(e).toMatchObject({ ok: false, errors: ["Titel ontbreekt."] });
  });

  it("reports many kinds of garbage, one entry at a time", () => {
    const { doc, partyId } = docWithParty();
    writeRawEvent(doc, "bad-date", { ...validRawEvent(partyId), start: "2014-02-30" });
    writeRawEvent(doc, "bad-kind", { ...validRawEvent(partyId), kind: "feest" });
    writeRawEvent(doc, "end-before-start", { ...validRawEvent(partyId), end: "2014-03-11" });
    writeRawEvent(doc, "betwist-no-reason", { ...validRawEvent(partyId), status: "betwist" });
    writeRawEvent(doc, "name-as-initials", { ...validRawEvent(partyId), actorInitials: "Jan" });
    writeRawEvent(doc, "dangling-party", validRawEvent("no-such-party"));
    writeRawEvent(doc, "bad-source", { ...validRawEvent(partyId), sources: Y.Array.from([{ type: "krant" }]) });
    doc.getMap("events").set("not-a-map", "just a string");
    doc.getMap("events").set("null", null);
    writeRawEvent(doc, "ok", validRawEvent(partyId));

    const t = readTimeline(doc);
    const byId = Object.fromEntries(t.events.map((e) => [e.id, e]));
    expect(byId.ok.ok).toBe(true);
    const errors = (id: string) => {
      const e = byId[id];
      return e.ok ? [] : e.errors;
    };
    expect(errors("bad-date")[0]).toContain("Begindatum '2014-02-30' is geen geldige datum");
    expect(errors("bad-kind")).toEqual(["Soort: 'feest' is geen toegestane waarde."]);
    expect(errors("end-before-start")).toEqual(["De einddatum ligt vóór de begindatum."]);
    expect(errors("betwist-no-reason")).toEqual(["Bij de status 'betwist' hoort een reden."]);
    expect(errors("name-as-initials")[0]).toContain("geen naam");
    expect(errors("dangling-party")).toEqual(["De partij van dit feit bestaat niet (meer)."]);
    expect(errors("bad-source")).toEqual([
      "Bron 1 (soort): 'krant' is geen toegestane waarde.",
      "Bron 1 (vindplaats) ontbreekt.",
    ]);
    expect(errors("not-a-map")).toEqual(["Dit item heeft een ongeldige vorm (geen Y.Map)."]);
    expect(byId["not-a-map"]).toMatchObject({ raw: "just a string" });
    expect(errors("null")).toHaveLength(1);
    // Valid entries come first, invalid ones after.
    expect(t.events[0].id).toBe("ok");
  });

  it("reports invalid parties and periods", () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const party = new Y.Map<unknown>();
      doc.getMap("parties").set("p1", party);
      party.set("name", "");
      party.set("domain", "Gezin");
      party.set("order", "eerste");
      const period = new Y.Map<unknown>();
      doc.getMap("periods").set("q1", period);
      period.set("label", "Periode 1");
      period.set("start", "2014-05");
      period.set("end", "2014-01");
    });
    const t = readTimeline(doc);
    expect(t.parties[0]).toMatchObject({
      ok: false,
      errors: ["Naam is leeg.", "Volgorde heeft een ongeldige waarde (eerste); verwacht een getal."],
    });
    expect(t.periods[0]).toMatchObject({ ok: false, errors: ["De einddatum ligt vóór de begindatum."] });
  });

  it("tolerates missing optional collections and dedupes life domains", () => {
    const { doc, partyId } = docWithParty();
    const { sources: _s, lifeDomains: _l, description: _d, ...rest } = validRawEvent(partyId);
    writeRawEvent(doc, "lean", rest);
    writeRawEvent(doc, "dupes", { ...validRawEvent(partyId), lifeDomains: Y.Array.from(["wonen", "wonen", "gezin"]) });
    const t = readTimeline(doc);
    const lean = t.events.find((e) => e.id === "lean")!;
    expect(lean.ok && lean.value).toMatchObject({ sources: [], lifeDomains: [], description: "" });
    const dupes = t.events.find((e) => e.id === "dupes")!;
    expect(dupes.ok && dupes.value.lifeDomains).toEqual(["wonen", "gezin"]);
  });

  it("orders events chronologically and periods by start", () => {
    const { doc, partyId } = docWithParty();
    for (const start of ["2014-03-12", "2014", "2013-12-01T10:00", "2014-03"]) {
      createEvent(doc, { title: start, party: partyId, start, kind: "overig" }, ctx);
    }
    createPeriod(doc, { label: "B", start: "2014-01", end: "2014-06" });
    createPeriod(doc, { label: "A", start: "2013-06", end: "2013-12" });
    const t = readTimeline(doc);
    expect(t.events.map((e) => e.ok && e.value.start)).toEqual(["2013-12-01T10:00", "2014", "2014-03", "2014-03-12"]);
    expect(t.periods.map((p) => p.ok && p.value.label)).toEqual(["A", "B"]);
  });
});

describe("groupPartiesByDomain", () => {
  it("orders standard domains first, custom ones after", () => {
    const doc = new Y.Doc();
    createParty(doc, { name: "Rechtbank", domain: "Justitie" });
    createParty(doc, { name: "Politie", domain: "Veiligheid" });
    createParty(doc, { name: "Huisarts", domain: "gezondheid" });
    createParty(doc, { name: "Jeugdarts", domain: "Gezondheid" });
    const valid = readTimeline(doc).parties.flatMap((p) => (p.ok ? [p] : []));
    const groups = groupPartiesByDomain(valid);
    expect(groups.map((g) => g.domain)).toEqual(["Gezondheid", "Veiligheid", "Justitie"]);
    expect(groups[0].parties.map((p) => p.value.name)).toEqual(["Huisarts", "Jeugdarts"]);
  });
});
