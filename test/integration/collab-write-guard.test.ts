import { randomUUID } from "node:crypto";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment } from "../../app/domain/timeline/comments.ts";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, rawPeer, synced, syncMessage, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// Issue 16: what a ketenpartner's update may not do even where they may write. Raw clients send
// what no honest client would; the procesbegeleider and observers are real y-websocket clients.
let db: TestDatabase;
let srv: CollabTestServer;
const peers: TestPeer[] = [];
const peer = (...args: Parameters<typeof connectPeer>) => {
  const p = connectPeer(...args);
  peers.push(p);
  return p;
};

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({ database: db.handle });
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await srv?.close();
  await db?.cleanup();
});

const SECTION = "section:7a";

/** An update with no structs and one delete range (v1, as a client sends it). */
function deleteRange(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function firstText(doc: Y.Doc): Y.XmlText {
  return (doc.getXmlFragment(SECTION).get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** An investigation with a procesbegeleider who has written one paragraph, and a ketenpartner. */
async function setup() {
  const inv = await createInvestigation(srv.ctx);
  const [org] = await srv.ctx.db.insert(schema.organisations).values({ name: `Wijkteam ${randomUUID().slice(0, 6)}` }).returning();
  const lead = await addMember(srv.ctx, inv, "procesbegeleider", "Begeleider");
  const partner = await addMember(srv.ctx, inv, "ketenpartner", "Partner A", org.id);
  const observerUser = await addMember(srv.ctx, inv, "onderzoeker", "Onderzoeker");
  const leadPeer = peer(srv, inv, lead);
  await synced(leadPeer);
  leadPeer.doc.getXmlFragment(SECTION).insert(0, [paragraph("Eerste alinea.")]);
  const observer = peer(srv, inv, observerUser);
  await synced(observer);
  await waitFor(() => observer.doc.getXmlFragment(SECTION).toString().includes("Eerste alinea."), "observer has the first paragraph");
  return { inv, org: org.id, lead, partner, leadPeer, observer };
}

/** A bare socket of the partner that sends `update` as a sync update and reports its close code. */
async function sendRaw(inv: string, cookie: string, update: Uint8Array) {
  const raw = rawPeer(srv, inv, cookie);
  await raw.opened;
  let close: { code: number; reason: string } | null = null;
  void raw.closed.then((c) => (close = c));
  raw.ws.send(syncMessage(2, update));
  return { raw, closed: () => close };
}

describe("collaboration: updates Yjs would hold back", () => {
  it("refuses a deletion of the procesbegeleider's clocks not yet written; their next paragraph stays, also after reload", async () => {
    const { inv, partner, leadPeer, observer } = await setup();
    const leadClient = leadPeer.doc.clientID;
    const attack = deleteRange(leadClient, Y.getState(leadPeer.doc.store, leadClient), 1e9);
    const sent = await sendRaw(inv, partner.cookie, attack);
    await waitFor(() => sent.closed()?.code === 4409, "the partner's socket is closed with 4409");

    leadPeer.doc.getXmlFragment(SECTION).insert(1, [paragraph("Tweede alinea.")]);
    await waitFor(() => observer.doc.getXmlFragment(SECTION).toString().includes("Tweede alinea."), "the second paragraph reaches the observer");
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getXmlFragment(SECTION).toString()).toContain("Tweede alinea.");
    expect(stored.store.pendingDs).toBeNull();
    const fresh = peer(srv, inv, partner);
    await synced(fresh);
    expect(fresh.doc.getXmlFragment(SECTION).toString()).toContain("Tweede alinea.");
  });

  it("refuses an item whose origin is the procesbegeleider's next item; it never appears in their text", async () => {
    const { inv, partner, leadPeer, observer } = await setup();
    // The attacker predicts the lead's next item: a replica of the lead where they typed it already.
    const predicted = new Y.Doc();
    Y.applyUpdate(predicted, Y.encodeStateAsUpdate(leadPeer.doc));
    // Set after syncing: a remote update with a doc's own client id makes Yjs pick a new one.
    predicted.clientID = leadPeer.doc.clientID;
    firstText(predicted).insert(firstText(predicted).length, " En");
    const attacker = new Y.Doc();
    Y.applyUpdate(attacker, Y.encodeStateAsUpdate(predicted));
    const sv = Y.encodeStateVector(attacker);
    firstText(attacker).insert(firstText(attacker).length, " INGEVOEGD");
    const attack = Y.encodeStateAsUpdate(attacker, sv);
    // Its origin is the lead's third next clock (" En"), which the server does not have yet.
    const next = Y.getState(leadPeer.doc.store, leadPeer.doc.clientID);
    expect((Y.decodeUpdate(attack).structs[0] as Y.Item).origin).toEqual(Y.createID(leadPeer.doc.clientID, next + 2));
    const sent = await sendRaw(inv, partner.cookie, attack);
    await waitFor(() => sent.closed()?.code === 4409, "the partner's socket is closed with 4409");

    // The lead types exactly what was predicted; that is the marker the observer waits for.
    firstText(leadPeer.doc).insert(firstText(leadPeer.doc).length, " En");
    await waitFor(() => observer.doc.getXmlFragment(SECTION).toString().includes("Eerste alinea. En"), "the lead's typing reaches the observer");
    expect(observer.doc.getXmlFragment(SECTION).toString()).not.toContain("INGEVOEGD");
    expect(leadPeer.doc.getXmlFragment(SECTION).toString()).not.toContain("INGEVOEGD");
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getXmlFragment(SECTION).toString()).not.toContain("INGEVOEGD");
    expect(stored.store.pendingStructs).toBeNull();
  });
});

describe("collaboration: held-back content in a stored snapshot", () => {
  it("drops a pending delete set that a snapshot carries, so it cannot delete the procesbegeleider's next paragraph", async () => {
    const inv = await createInvestigation(srv.ctx);
    const lead = await addMember(srv.ctx, inv, "procesbegeleider", "Begeleider");
    const observerUser = await addMember(srv.ctx, inv, "onderzoeker", "Onderzoeker");
    // A snapshot written before the write check refused such updates: a section, plus a deletion
    // of every future clock of the client the lead will write with.
    const leadClient = 424242;
    const before = new Y.Doc();
    before.getXmlFragment(SECTION).insert(0, [paragraph("Eerste alinea.")]);
    const snapshot = Y.mergeUpdates([Y.encodeStateAsUpdate(before), deleteRange(leadClient, 0, 1e9)]);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, snapshot);
    expect(probe.store.pendingDs).not.toBeNull();
    await srv.ctx.db.insert(schema.collabSnapshots).values({ investigationId: inv, snapshot, lastUpdateId: 0 });

    const doc = new Y.Doc();
    doc.clientID = leadClient;
    const leadPeer = peer(srv, inv, lead, { doc });
    await synced(leadPeer);
    await waitFor(() => doc.getXmlFragment(SECTION).toString().includes("Eerste alinea."), "the lead has the stored section");
    doc.getXmlFragment(SECTION).insert(1, [paragraph("Tweede alinea.")]);
    const observer = peer(srv, inv, observerUser);
    await synced(observer);
    await waitFor(() => observer.doc.getXmlFragment(SECTION).toString().includes("Tweede alinea."), "the second paragraph reaches the observer");
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getXmlFragment(SECTION).toString()).toContain("Tweede alinea.");
  });
});

describe("collaboration: who-fields and junk from a ketenpartner", () => {
  /** Lays out the partner's lane with one fact; returns their ids. */
  async function withLane() {
    const s = await setup();
    const lane = randomUUID();
    const fact = randomUUID();
    s.leadPeer.doc.transact(() => {
      addParty(s.leadPeer.doc, lane, "Wijkteam");
      (s.leadPeer.doc.getMap("parties").get(lane) as Y.Map<unknown>).set("organisationId", s.org);
      addEvent(s.leadPeer.doc, fact, lane, { title: "Huisbezoek" });
    });
    const a = peer(srv, s.inv, s.partner);
    await synced(a);
    await waitFor(() => a.doc.getMap("events").has(fact), "partner sees the fact");
    return { ...s, lane, fact, a };
  }

  it("refuses a comment under the partner's own id with another name, and keeps their comment under their own name", async () => {
    const { inv, partner, leadPeer, fact, a } = await withLane();
    const spoofed = addComment(a.doc, { eventId: fact, text: "Namens de begeleiding" }, { userId: partner.userId, userName: "Begeleider (procesbegeleider)" });
    await waitFor(() => a.closes.some((c) => c.code === 4409), "the partner's socket is closed with 4409");
    expect(a.notices.some((n) => n.type === "forbidden")).toBe(true);

    const again = peer(srv, inv, partner);
    await synced(again);
    const honest = addComment(again.doc, { eventId: fact, text: "Klopt dit?" }, { userId: partner.userId, userName: partner.name });
    await waitFor(() => leadPeer.doc.getMap("comments").has(honest), "the honest comment arrives");
    expect(leadPeer.doc.getMap("comments").has(spoofed)).toBe(false);
  });

  it("refuses a fact on the partner's own lane recorded as created by someone else", async () => {
    const { inv, lead, partner, leadPeer, lane, a } = await withLane();
    const forged = randomUUID();
    addEvent(a.doc, forged, lane, { title: "Door de begeleider?", createdBy: lead.userId, updatedBy: lead.userId });
    await waitFor(() => a.closes.some((c) => c.code === 4409), "the partner's socket is closed with 4409");

    const again = peer(srv, inv, partner);
    await synced(again);
    const own = randomUUID();
    addEvent(again.doc, own, lane, { title: "Eigen feit", createdBy: partner.userId, updatedBy: partner.userId });
    await waitFor(() => leadPeer.doc.getMap("events").has(own), "the partner's own fact arrives");
    expect(leadPeer.doc.getMap("events").has(forged)).toBe(false);
  });

  it("refuses a fact written under the procesbegeleider's client id; the procesbegeleider's next edit still arrives", async () => {
    const { inv, partner, leadPeer, observer, lane, a } = await withLane();
    const forger = new Y.Doc();
    Y.applyUpdate(forger, Y.encodeStateAsUpdate(a.doc));
    forger.clientID = leadPeer.doc.clientID;
    const sv = Y.encodeStateVector(forger);
    addEvent(forger, randomUUID(), lane, { title: "Onder andermans sleutel", createdBy: partner.userId, updatedBy: partner.userId });
    const sent = await sendRaw(inv, partner.cookie, Y.encodeStateAsUpdate(forger, sv));
    await waitFor(() => sent.closed()?.code === 4409, "the partner's socket is closed with 4409");

    firstText(leadPeer.doc).insert(0, "Belangrijk: ");
    await waitFor(() => observer.doc.getXmlFragment(SECTION).toString().includes("Belangrijk: Eerste alinea."), "the lead's edit reaches the observer");
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getXmlFragment(SECTION).toString()).toContain("Belangrijk: Eerste alinea.");
  });

  it("refuses a value under events that is no fact, instead of showing everyone 'Ongeldige invoer'", async () => {
    const { inv, partner, leadPeer, lane, a } = await withLane();
    a.doc.getMap("events").set("rommel", "Ongeldige invoer");
    await waitFor(() => a.closes.some((c) => c.code === 4409), "the partner's socket is closed with 4409");

    const again = peer(srv, inv, partner);
    await synced(again);
    const own = randomUUID();
    addEvent(again.doc, own, lane, { createdBy: partner.userId, updatedBy: partner.userId });
    await waitFor(() => leadPeer.doc.getMap("events").has(own), "the partner's own fact arrives");
    expect(leadPeer.doc.getMap("events").has("rommel")).toBe(false);
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getMap("events").has("rommel")).toBe(false);
  });
});
