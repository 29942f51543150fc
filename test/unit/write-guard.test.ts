import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createEvent, createParty, setEventStatus, updateEvent, deleteEvent, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { checkWrite } from "../../server/collab/write-guard.ts";

const ORG_A = "11111111-1111-4111-8111-111111111111";
const ORG_B = "22222222-2222-4222-8222-222222222222";

/** A server doc with one lane per organisation and one event on each; returns ids. */
function setup() {
  const server = new Y.Doc();
  const laneA = createParty(server, { name: "Wijkteam Noord", domain: "Gezin", organisationId: ORG_A });
  const laneB = createParty(server, { name: "De Brug", domain: "Gezondheid", organisationId: ORG_B });
  const ctx = { userId: "u", origin: "seed" };
  const eventA = createEvent(server, { title: "Huisbezoek", party: laneA, start: "2014-03-12", kind: "huisbezoek" }, ctx);
  const eventB = createEvent(server, { title: "Overleg", party: laneB, start: "2014-04", kind: "overleg" }, ctx);
  return { server, laneA, laneB, eventA, eventB, ctx };
}

/** What a client sends: the update its local edit produced, on a replica of the server doc. */
function clientUpdate(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

const partnerA = { role: "ketenpartner" as const, organisationId: ORG_A };

describe("server-side write check", () => {
  it("lets a ketenpartner add, edit and delete facts on their own lane", () => {
    const { server, laneA, eventA, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => createEvent(d, { title: "Nieuw", party: laneA, start: "2014", kind: "contact" }, ctx)), partnerA)).toEqual({ ok: true });
    expect(checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventA, { title: "Huisbezoek (aangepast)" }, ctx)), partnerA)).toEqual({ ok: true });
    expect(checkWrite(server, clientUpdate(server, (d) => deleteEvent(d, eventA)), partnerA)).toEqual({ ok: true });
  });

  it("refuses a ketenpartner's edit, addition or deletion on another organisation's lane", () => {
    const { server, laneB, eventB, ctx } = setup();
    const edit = checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventB, { title: "Anders" }, ctx)), partnerA);
    expect(edit.ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => createEvent(d, { title: "X", party: laneB, start: "2014", kind: "contact" }, ctx)), partnerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => deleteEvent(d, eventB)), partnerA).ok).toBe(false);
    expect(checkWrite(server, clientUpdate(server, (d) => d.getMap("events").get(eventB) instanceof Y.Map && (d.getMap("events").get(eventB) as Y.Map<Y.Text>).get("description")!.insert(0, "x")), partnerA).ok).toBe(false);
  });

  it("refuses moving an own fact onto another lane", () => {
    const { server, laneB, eventA, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventA, { party: laneB }, ctx)), partnerA).ok).toBe(false);
  });

  it("lets a ketenpartner dispute another lane's fact with a reason, and nothing more", () => {
    const { server, eventB, ctx } = setup();
    expect(checkWrite(server, clientUpdate(server, (d) => setEventStatus(d, eventB, "betwist", "Dit gesprek vond een week later plaats.", ctx)), partnerA)).toEqual({ ok: true });
    const confirm = clientUpdate(server, (d) => (d.getMap("events").get(eventB) as Y.Map<unknown>).set("status", "bevestigd"));
    expect(checkWrite(server, confirm, partnerA).ok).toBe(false);
  });

  it("refuses lanes and periods from a ketenpartner but allows them for the onderzoeker", () => {
    const { server } = setup();
    const lane = clientUpdate(server, (d) => createParty(d, { name: "Politie", domain: "Veiligheid" }));
    const period = clientUpdate(server, (d) => createPeriod(d, { label: "2014", start: "2014", end: "2014" }));
    expect(checkWrite(server, lane, partnerA).ok).toBe(false);
    expect(checkWrite(server, period, partnerA).ok).toBe(false);
    expect(checkWrite(server, lane, { role: "onderzoeker", organisationId: null })).toEqual({ ok: true });
  });

  it("refuses analysis edits from a ketenpartner", () => {
    const { server } = setup();
    const node = clientUpdate(server, (d) => d.getMap("nodes").set("n1", new Y.Map()));
    expect(checkWrite(server, node, partnerA).ok).toBe(false);
  });

  it("never changes the server's document", () => {
    const { server, eventB, ctx } = setup();
    const before = Y.encodeStateAsUpdate(server);
    checkWrite(server, clientUpdate(server, (d) => updateEvent(d, eventB, { title: "Anders" }, ctx)), partnerA);
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });
});
