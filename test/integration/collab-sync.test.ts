import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import {
  addEvent,
  addParty,
  canonical,
  connectPeer,
  eventTitles,
  rawPeer,
  syncMessage,
  synced,
  waitFor,
  type TestPeer,
} from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

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

describe("collaboration: sync between real y-websocket clients", () => {
  it("converges concurrent edits from two users, and a late joiner gets the same document", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob");
    const a = peer(srv, inv, alice);
    const b = peer(srv, inv, bob);
    await Promise.all([synced(a), synced(b)]);

    const party = randomUUID();
    addParty(a.doc, party, "Huisarts");
    const shared = randomUUID();
    addEvent(a.doc, shared, party, { title: "Eerste versie" });
    await waitFor(() => b.doc.getMap("events").has(shared), "b sees the shared event");

    // Both edit at the same time: new events on each side and the same field of the same event.
    for (let i = 0; i < 20; i++) {
      addEvent(a.doc, randomUUID(), party, { title: `A${i}` });
      addEvent(b.doc, randomUUID(), party, { title: `B${i}` });
    }
    (a.doc.getMap("events").get(shared) as Y.Map<unknown>).set("title", "Titel van Alice");
    (b.doc.getMap("events").get(shared) as Y.Map<unknown>).set("title", "Titel van Bob");
    const text = new Y.Text("omschrijving");
    (a.doc.getMap("events").get(shared) as Y.Map<unknown>).set("description", text);

    await waitFor(() => a.doc.getMap("events").size === 41 && b.doc.getMap("events").size === 41, "41 events on both sides");
    await waitFor(() => canonical(a.doc) === canonical(b.doc), "both documents equal");
    expect(["Titel van Alice", "Titel van Bob"]).toContain(eventTitles(a.doc)[shared]);

    const late = peer(srv, inv, bob);
    await synced(late);
    await waitFor(() => canonical(late.doc) === canonical(a.doc), "late joiner equal");

    // What peers saw is what the database holds.
    const stored = await loadDoc(db.handle.db, inv);
    expect(canonical(stored)).toBe(canonical(a.doc));
    const rows = await db.handle.db.select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv));
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([alice.userId, bob.userId]));
    expect(rows.flatMap((r) => r.entityIds)).toContain(`events:${shared}`);
    expect(rows.flatMap((r) => r.entityIds)).toContain(`parties:${party}`);
  });

  it("shares presence (awareness) and removes it when a peer leaves", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const thomas = await addMember(srv.ctx, inv, "toezichthouder", "Thomas");
    const a = peer(srv, inv, alice);
    const t = peer(srv, inv, thomas);
    await Promise.all([synced(a), synced(t)]);
    a.provider.awareness.setLocalStateField("user", { name: "Alice", editing: "event-1" });
    // Read-only peers may still say they are here.
    t.provider.awareness.setLocalStateField("user", { name: "Thomas" });
    await waitFor(() => t.provider.awareness.getStates().get(a.doc.clientID)?.user?.editing === "event-1", "t sees alice");
    await waitFor(() => a.provider.awareness.getStates().get(t.doc.clientID)?.user?.name === "Thomas", "a sees thomas");
    t.provider.disconnect();
    await waitFor(() => !a.provider.awareness.getStates().has(t.doc.clientID), "thomas gone from alice's presence");
  });
});

describe("collaboration: keeping an idle connection alive", () => {
  it("echoes a lone peer's presence back, so the stock client's 30 s idle watchdog stays fed", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const raw = rawPeer(srv, inv, alice.cookie);
    await raw.opened;
    await waitFor(() => raw.received.some((m) => m[0] === 0), "server sync step 1");
    const doc = new Y.Doc();
    const aw = new awarenessProtocol.Awareness(doc);
    aw.setLocalState({ user: { name: "Alice" } });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
    raw.ws.send(encoding.toUint8Array(e));
    await waitFor(() => raw.received.some((m) => m[0] === 1), "own presence echoed");
    aw.destroy();
    raw.ws.close();
  });
});

describe("collaboration: read-only peers (toezichthouder)", () => {
  it("drops a toezichthouder's updates: not in the document, the log, or at other peers; tells it once", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "procesbegeleider", "Alice");
    const bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob");
    const thomas = await addMember(srv.ctx, inv, "toezichthouder", "Thomas");
    const a = peer(srv, inv, alice);
    const b = peer(srv, inv, bob);
    await Promise.all([synced(a), synced(b)]);
    const droppedAtStart = srv.collab.stats().updatesDroppedReadOnly;
    const t = peer(srv, inv, thomas);
    await synced(t);
    // The stock client answers the server's sync step 1 with a (here empty) step 2: dropped too.
    await waitFor(() => srv.collab.stats().updatesDroppedReadOnly === droppedAtStart + 1, "initial step 2 dropped");
    await waitFor(() => t.notices.length > 0, "read-only notice");
    expect(t.notices).toEqual([{ type: "read-only", message: "U kunt deze werkruimte alleen lezen." }]);

    const party = randomUUID();
    addParty(a.doc, party, "Wijkteam");
    await waitFor(() => t.doc.getMap("parties").has(party), "toezichthouder can read");

    const droppedBefore = srv.collab.stats().updatesDroppedReadOnly;
    // 1. Through the real client: a local edit is sent as an update message.
    const forgedByClient = randomUUID();
    addEvent(t.doc, forgedByClient, party, { title: "Vervalst via client" });
    // 2. Forged by hand, as sync step 2 and as update, on a bare socket.
    const forgedRaw = randomUUID();
    const evil = new Y.Doc();
    addEvent(evil, forgedRaw, party, { title: "Vervalst met de hand" });
    const raw = rawPeer(srv, inv, thomas.cookie);
    await raw.opened;
    raw.ws.send(syncMessage(1, Y.encodeStateAsUpdate(evil)));
    raw.ws.send(syncMessage(2, Y.encodeStateAsUpdate(evil)));
    await waitFor(() => srv.collab.stats().updatesDroppedReadOnly === droppedBefore + 3, "three updates dropped");
    // A sync step 1 after the forgeries is answered only once they were handled (one queue per peer).
    raw.ws.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 1), "sync step 2 for the raw peer");

    // The bare socket got the notice (type 100) and stays open: reading is still allowed.
    await waitFor(() => raw.received.some((m) => m[0] === 100), "raw peer told read-only");
    const notice = raw.received.find((m) => m[0] === 100)!;
    const dec = decoding.createDecoder(notice);
    decoding.readVarUint(dec);
    expect(JSON.parse(decoding.readVarString(dec)).type).toBe("read-only");
    expect(raw.received.filter((m) => m[0] === 100)).toHaveLength(1);

    // A marker written after the forgeries arrives everywhere; the forgeries never do.
    const marker = randomUUID();
    addEvent(a.doc, marker, party, { title: "Na de vervalsing" });
    await waitFor(() => b.doc.getMap("events").has(marker) && t.doc.getMap("events").has(marker), "marker everywhere");
    expect(b.doc.getMap("events").has(forgedByClient)).toBe(false);
    expect(b.doc.getMap("events").has(forgedRaw)).toBe(false);
    expect(a.doc.getMap("events").has(forgedRaw)).toBe(false);

    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getMap("events").has(forgedByClient)).toBe(false);
    expect(stored.getMap("events").has(forgedRaw)).toBe(false);
    expect(stored.getMap("events").has(marker)).toBe(true);
    const rows = await db.handle.db.select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv));
    expect(rows.some((r) => r.userId === thomas.userId)).toBe(false);
    expect(rows.flatMap((r) => r.entityIds).some((e) => e.includes(forgedRaw) || e.includes(forgedByClient))).toBe(false);
    expect(t.notices).toHaveLength(1); // told once
    raw.ws.close();
  });
});
