import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { allowedEventActions, canEditEvent, canManageTimelineStructure, canSetEventStatus, createEvent, createParty, createPeriod, deleteEvent, deletePeriod, getEventDescriptionText, setEventStatus, updateEvent, updateParty, updatePeriod, type EventAction } from "../../app/domain/timeline/mutations.ts";
import { getTimelineMaps, readEvent, readTimeline } from "../../app/domain/timeline/schema.ts";
import { UserError } from "../../app/domain/errors.ts";

const T0 = new Date("2024-03-01T09:00:00.000Z");
const T1 = new Date("2024-03-02T10:00:00.000Z");

function setup() {
  const doc = new Y.Doc();
  const partyId = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin", organisationId: "org-a" });
  const eventId = createEvent(
    doc,
    {
      title: "Huisbezoek wijkcoach",
      party: partyId,
      start: "2023-01-16",
      kind: "huisbezoek",
      description: "Karig ingerichte woning.",
      actorFunction: "Wijkcoach",
      actorInitials: "J.B.",
      lifeDomains: ["wonen"],
      sources: [{ type: "dossier", reference: "Journaal" }],
      flags: { signaal: true },
    },
    { userId: "u1", now: T0 },
  );
  return { doc, partyId, eventId };
}

function value(doc: Y.Doc, id: string) {
  const e = readEvent(doc, id);
  if (!e?.ok) throw new Error(`invalid: ${JSON.stringify(e)}`);
  return e.value;
}

function catchError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error("expected a UserError");
}

describe("events", () => {
  it("creates an event with nested Yjs types", () => {
    const { doc, eventId } = setup();
    const map = getTimelineMaps(doc).events.get(eventId) as Y.Map<unknown>;
    expect(map.get("description")).toBeInstanceOf(Y.Text);
    expect(map.get("sources")).toBeInstanceOf(Y.Array);
    expect(map.get("lifeDomains")).toBeInstanceOf(Y.Array);
    expect(map.get("flags")).toBeInstanceOf(Y.Map);
    expect(map.has("end")).toBe(false);
    expect(value(doc, eventId)).toMatchObject({ status: "concept", createdBy: "u1", updatedBy: "u1" });
    expect(getEventDescriptionText(doc, eventId)?.toString()).toBe("Karig ingerichte woning.");
  });

  it("refuses invalid input with a Dutch UserError and writes nothing", () => {
    const { doc, partyId } = setup();
    const before = getTimelineMaps(doc).events.size;
    const err = catchError(() =>
      createEvent(doc, { title: " ", party: partyId, start: "31-02-2014", kind: "overig" }, { userId: "u1" }),
    );
    expect(err.code).toBe("validation");
    expect(err.details).toEqual([
      "Titel is leeg.",
      "Begindatum '31-02-2014' is geen geldige datum; verwacht bijvoorbeeld 2014, 2014-03, 2014-03-12 of 2014-03-12T10:30.",
    ]);
    expect(err.message).toMatch(/^Het feit is niet opgeslagen: /);
    expect(catchError(() =>
      createEvent(doc, { title: "x", party: "nope", start: "2014", kind: "overig" }, { userId: "u1" }),
    ).details).toEqual(["Kies een bestaande partij."]);
    expect(getTimelineMaps(doc).events.size).toBe(before);
  });

  it("patches only the given fields and records who and when", () => {
    const { doc, eventId } = setup();
    updateEvent(doc, eventId, { title: "  Huisbezoek  ", end: "2023-01-16", flags: { kritiekMoment: true } }, { userId: "u2", now: T1 });
    const v = value(doc, eventId);
    expect(v).toMatchObject({
      title: "Huisbezoek",
      end: "2023-01-16",
      flags: { signaal: true, kritiekMoment: true, overdracht: false, opschaling: false },
      description: "Karig ingerichte woning.",
      createdBy: "u1",
      createdAt: T0.toISOString(),
      updatedBy: "u2",
      updatedAt: T1.toISOString(),
    });
    updateEvent(doc, eventId, { end: null }, { userId: "u2" });
    expect(value(doc, eventId).end).toBeUndefined();
  });

  it("validates the merged result", () => {
    const { doc, eventId } = setup();
    const err = catchError(() => updateEvent(doc, eventId, { end: "2022-12" }, { userId: "u2" }));
    expect(err.details).toEqual(["De einddatum ligt vóór de begindatum."]);
    expect(value(doc, eventId).end).toBeUndefined();
    expect(catchError(() => updateEvent(doc, "missing", { title: "x" }, { userId: "u2" })).code).toBe("not_found");
  });

  it("edits the description Y.Text in place", () => {
    const { doc, eventId } = setup();
    const text = getEventDescriptionText(doc, eventId)!;
    updateEvent(doc, eventId, { description: "Zeer karig ingerichte woning." }, { userId: "u2" });
    expect(getEventDescriptionText(doc, eventId)).toBe(text);
    expect(text.toString()).toBe("Zeer karig ingerichte woning.");
  });

  it("requires a reason for betwist", () => {
    const { doc, eventId } = setup();
    const err = catchError(() => setEventStatus(doc, eventId, "betwist", "  ", { userId: "u3" }));
    expect(err).toBeInstanceOf(UserError);
    expect(err.code).toBe("reason_required");
    expect(err.message).toBe("Geef een reden op waarom dit feit betwist wordt.");
    setEventStatus(doc, eventId, "betwist", "Het bezoek was op 17 januari.", { userId: "u3" });
    expect(value(doc, eventId)).toMatchObject({ status: "betwist", statusReason: "Het bezoek was op 17 januari.", updatedBy: "u3" });
    setEventStatus(doc, eventId, "bevestigd", undefined, { userId: "u1" });
    const v = value(doc, eventId);
    expect(v.status).toBe("bevestigd");
    expect(v.statusReason).toBeUndefined();
  });

  it("deletes idempotently", () => {
    const { doc, eventId } = setup();
    expect(deleteEvent(doc, eventId)).toBe(true);
    expect(deleteEvent(doc, eventId)).toBe(false);
    expect(readTimeline(doc).events).toHaveLength(0);
  });

  it("runs each mutation as one transaction with the given origin", () => {
    const { doc, eventId } = setup();
    const origin = { user: "u2" };
    const seen: unknown[] = [];
    doc.on("afterTransaction", (tr: Y.Transaction) => seen.push(tr.origin));
    updateEvent(doc, eventId, { title: "Nieuw", description: "Nieuw", lifeDomains: ["gezin"], flags: { opschaling: true } }, { userId: "u2", origin });
    expect(seen).toEqual([origin]);
  });
});

describe("parties and periods", () => {
  it("orders new parties after existing ones and can unlink an organisation", () => {
    const { doc, partyId } = setup();
    const second = createParty(doc, { name: "Politie", domain: "Veiligheid" });
    const parties = readTimeline(doc).parties;
    expect(parties.map((p) => p.ok && p.value.order)).toEqual([0, 1]);
    expect(parties[1].id).toBe(second);
    updateParty(doc, partyId, { organisationId: null, name: "Wijkteam Noord-Oost" });
    const p = readTimeline(doc).parties[0];
    expect(p.ok && p.value).toEqual({ name: "Wijkteam Noord-Oost", domain: "Gezin", order: 0 });
    expect(catchError(() => updateParty(doc, partyId, { name: "" })).details).toEqual(["Naam is leeg."]);
  });

  it("creates, updates and deletes periods", () => {
    const doc = new Y.Doc();
    const id = createPeriod(doc, { label: "Verblijf vrouwenopvang", start: "2012-10", end: "2013-05" });
    updatePeriod(doc, id, { end: "2013-06" });
    expect(readTimeline(doc).periods[0]).toMatchObject({ ok: true, value: { end: "2013-06" } });
    expect(catchError(() => updatePeriod(doc, id, { end: "2012-01" })).details).toEqual([
      "De einddatum ligt vóór de begindatum.",
    ]);
    expect(deletePeriod(doc, id)).toBe(true);
    expect(readTimeline(doc).periods).toHaveLength(0);
  });
});

describe("concurrent editing", () => {
  function sync(a: Y.Doc, b: Y.Doc) {
    const sa = Y.encodeStateVector(a);
    const sb = Y.encodeStateVector(b);
    const ua = Y.encodeStateAsUpdate(a, sb);
    const ub = Y.encodeStateAsUpdate(b, sa);
    Y.applyUpdate(b, ua);
    Y.applyUpdate(a, ub);
  }

  it("two docs editing different fields of one event converge and keep both edits", () => {
    const { doc: a, eventId } = setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readTimeline(b)).toEqual(readTimeline(a));

    updateEvent(a, eventId, { title: "Huisbezoek (verslag)", flags: { kritiekMoment: true }, lifeDomains: ["wonen", "gezin"] }, { userId: "ua", now: T1 });
    updateEvent(b, eventId, { description: "Karig ingerichte woning, geen bedje voor kind 2.", flags: { overdracht: true }, lifeDomains: ["wonen", "financien"] }, { userId: "ub", now: T1 });
    getEventDescriptionText(a, eventId)!.insert(0, "[A] ");
    const partyB = createParty(b, { name: "Politie", domain: "Veiligheid" });
    createEvent(b, { title: "Melding", party: partyB, start: "2023-02", kind: "melding_signaal" }, { userId: "ub", now: T1 });

    sync(a, b);
    const ta = readTimeline(a);
    expect(ta).toEqual(readTimeline(b));
    expect(ta.events.every((e) => e.ok)).toBe(true);
    expect(ta.events).toHaveLength(2);
    const v = value(a, eventId);
    expect(v.title).toBe("Huisbezoek (verslag)");
    expect(v.description).toBe("[A] Karig ingerichte woning, geen bedje voor kind 2.");
    expect(v.flags).toEqual({ signaal: true, kritiekMoment: true, overdracht: true, opschaling: false });
    expect(new Set(v.lifeDomains)).toEqual(new Set(["wonen", "gezin", "financien"]));
  });

  it("two peers replacing the source list at once keep both, without duplicates", () => {
    const { doc: a, eventId } = setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateEvent(a, eventId, { sources: [{ type: "dossier", reference: "Journaal" }, { type: "interview", reference: "Interview A" }] }, { userId: "ua" });
    updateEvent(b, eventId, { sources: [{ type: "dossier", reference: "Journaal" }, { type: "interview", reference: "Interview B" }] }, { userId: "ub" });
    sync(a, b);
    const refs = value(a, eventId).sources.map((s) => s.reference);
    expect(refs).toEqual(value(b, eventId).sources.map((s) => s.reference));
    expect([...refs].sort()).toEqual(["Interview A", "Interview B", "Journaal"]);
  });

  it("an edit on an event a peer deleted does not resurrect or break it", () => {
    const { doc: a, eventId } = setup();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    deleteEvent(a, eventId);
    updateEvent(b, eventId, { title: "Te laat" }, { userId: "ub" });
    sync(a, b);
    expect(readTimeline(a)).toEqual(readTimeline(b));
    expect(readTimeline(a).events).toHaveLength(0);
  });
});

describe("permissions", () => {
  const own = { organisationId: "org-a" };
  const other = { organisationId: "org-b" };
  const unlinked = {};
  const all: EventAction[] = ["edit", "delete", "dispute", "comment"];

  it.each([
    ["procesbegeleider", null, own, all],
    ["procesbegeleider", null, unlinked, all],
    ["onderzoeker", null, other, all],
    ["ketenpartner", "org-a", own, all],
    ["ketenpartner", "org-a", other, ["dispute", "comment"]],
    ["ketenpartner", "org-a", unlinked, ["dispute", "comment"]],
    ["ketenpartner", "org-a", null, ["dispute", "comment"]],
    ["ketenpartner", null, unlinked, ["dispute", "comment"]],
    ["ketenpartner", "", { organisationId: "" }, ["dispute", "comment"]],
    ["toezichthouder", null, own, []],
    ["toezichthouder", "org-a", own, []],
    ["reactant", "org-a", own, []],
  ] as const)("%s (org %s) on %j → %j", (role, org, party, expected) => {
    expect(allowedEventActions(role, org, party)).toEqual(expected);
    expect(canEditEvent(role, org, party)).toBe(expected.includes("edit" as never));
  });

  it("lets a ketenpartner only dispute on other lanes", () => {
    expect(canSetEventStatus("ketenpartner", "org-a", other, "betwist")).toBe(true);
    expect(canSetEventStatus("ketenpartner", "org-a", other, "bevestigd")).toBe(false);
    expect(canSetEventStatus("ketenpartner", "org-a", own, "bevestigd")).toBe(true);
    expect(canSetEventStatus("toezichthouder", null, own, "betwist")).toBe(false);
  });

  it("keeps parties and periods to the investigation team", () => {
    expect(canManageTimelineStructure("procesbegeleider")).toBe(true);
    expect(canManageTimelineStructure("onderzoeker")).toBe(true);
    expect(canManageTimelineStructure("ketenpartner")).toBe(false);
    expect(canManageTimelineStructure("toezichthouder")).toBe(false);
  });
});
