import { randomUUID } from "node:crypto";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer, type TestUser } from "./helpers/collab-harness.ts";
import { addParty, connectPeer, rawPeer, syncMessage, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

const MAX_MESSAGE = 64 * 1024;
const MAX_DOC = 256 * 1024;

let db: TestDatabase;
let srv: CollabTestServer;
let inv: string;
let alice: TestUser;
let bob: TestUser;
let a: TestPeer;
let b: TestPeer;

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({
    database: db.handle,
    limits: { maxMessageBytes: MAX_MESSAGE, maxDocumentBytes: MAX_DOC, awarenessPerSecond: 5, awarenessBurst: 5 },
  });
  inv = await createInvestigation(srv.ctx);
  alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
  bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob");
  a = connectPeer(srv, inv, alice);
  b = connectPeer(srv, inv, bob);
  await Promise.all([synced(a), synced(b)]);
});

afterAll(async () => {
  a?.destroy();
  b?.destroy();
  await srv?.close();
  await db?.cleanup();
});

/** The two honest peers still sync both ways, on the same connections as before. */
async function honestPeersStillSync() {
  const wsA = a.provider.ws;
  const wsB = b.provider.ws;
  const x = randomUUID();
  const y = randomUUID();
  addParty(a.doc, x, "Van A");
  addParty(b.doc, y, "Van B");
  await waitFor(() => b.doc.getMap("parties").has(x) && a.doc.getMap("parties").has(y), "honest peers sync");
  expect(a.provider.ws).toBe(wsA);
  expect(b.provider.ws).toBe(wsB);
}

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A flood of presence changes: every message a new state (and so a new clock) for the same client. */
function awarenessFlood(doc: Y.Doc, n: number): Uint8Array[] {
  const aw = new awarenessProtocol.Awareness(doc);
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    aw.setLocalState({ user: { name: "Flood", i } });
    out.push(frame(awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID])));
  }
  aw.destroy();
  return out;
}

describe("collaboration limits: a peer over a limit is closed with a reason, others carry on", () => {
  it("closes the sender of an oversized message with 1009 and a Dutch reason", async () => {
    const raw = rawPeer(srv, inv, alice.cookie);
    await raw.opened;
    const big = new Y.Doc();
    big.getMap("parties").set("x", "a".repeat(MAX_MESSAGE + 100));
    raw.ws.send(syncMessage(2, Y.encodeStateAsUpdate(big)));
    const closed = await raw.closed;
    expect(closed.code).toBe(1009);
    expect(closed.reason).toMatch(/te groot/);
    // Far over the hard cap: ws itself drops it before buffering (1009, no reason).
    const huge = rawPeer(srv, inv, alice.cookie);
    await huge.opened;
    huge.ws.send(new Uint8Array(MAX_MESSAGE * 3));
    expect((await huge.closed).code).toBe(1009);
    await honestPeersStillSync();
    expect(a.doc.getMap("parties").has("x")).toBe(false);
  });

  it("closes the sender of garbage with 4400, whatever the garbage", async () => {
    const garbage: (Uint8Array | string)[] = [
      new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), // varUint overflow
      new Uint8Array([42]), // unknown message type
      new Uint8Array([2, 0]), // auth: clients never send it
      new Uint8Array([0, 7, 0]), // unknown sync type
      new Uint8Array([0, 2, 200]), // update length beyond the message
      syncMessage(2, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), // not a Yjs update
      syncMessage(2, new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256))),
      syncMessage(0, new Uint8Array([5, 1])), // broken state vector
      new Uint8Array([1, 5, 1, 2, 3]), // awareness that is not
      new Uint8Array([]),
      "tekst in plaats van binair",
    ];
    for (const bytes of garbage) {
      const raw = rawPeer(srv, inv, alice.cookie);
      await raw.opened;
      raw.ws.send(bytes);
      const closed = await raw.closed;
      expect({ bytes: String(bytes), code: closed.code }).toEqual({ bytes: String(bytes), code: 4400 });
      expect(closed.reason).toMatch(/Ongeldig bericht/);
    }
    expect(srv.collab.stats().malformedMessages).toBeGreaterThanOrEqual(garbage.length);
    await honestPeersStillSync();
  });

  it("closes a peer that floods presence changes with 4029", async () => {
    const raw = rawPeer(srv, inv, bob.cookie);
    await raw.opened;
    const doc = new Y.Doc();
    for (const message of awarenessFlood(doc, 30)) raw.ws.send(message);
    const closed = await raw.closed;
    expect(closed.code).toBe(4029);
    expect(closed.reason).toMatch(/aanwezigheid/);
    // Its presence is removed for the others.
    await waitFor(() => !a.provider.awareness.getStates().has(doc.clientID), "flooder's presence removed");
    await honestPeersStillSync();
  });

  it("does not count presence it already has: echoes, as stock clients in a busy document send them, keep the peer connected", async () => {
    const raw = rawPeer(srv, inv, bob.cookie);
    await raw.opened;
    const doc = new Y.Doc();
    const [own] = awarenessFlood(doc, 1);
    raw.ws.send(own); // one change: counted
    await waitFor(() => a.provider.awareness.getStates().has(doc.clientID), "raw peer's presence arrives");
    // The stock client re-sends every presence it applies: its own and its peers', at the clock the server has.
    const alicesPresence = frame(awarenessProtocol.encodeAwarenessUpdate(a.provider.awareness, [a.doc.clientID]));
    for (let i = 0; i < 50; i++) {
      raw.ws.send(own);
      raw.ws.send(alicesPresence);
    }
    // Still open: a sync step 1 gets its answer (sync step 2).
    const before = raw.received.length;
    raw.ws.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => raw.received.slice(before).some((m) => m[0] === 0 && m[1] === 1), "the raw peer is still served");
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    // And a flood of changes from the same connection is still closed.
    for (const message of awarenessFlood(doc, 30)) raw.ws.send(message);
    expect((await raw.closed).code).toBe(4029);
    await honestPeersStillSync();
  });

  it("refuses updates that would grow the document past its limit (1009), and keeps what was there", async () => {
    const raw = rawPeer(srv, inv, alice.cookie);
    await raw.opened;
    const doc = new Y.Doc();
    let sent = 0;
    // Chunks under the message limit, together over the document limit.
    for (let i = 0; i < 8; i++) {
      const before = Y.encodeStateVector(doc);
      doc.getMap("parties").set(`blob-${i}`, "b".repeat(40 * 1024));
      raw.ws.send(syncMessage(2, Y.encodeStateAsUpdate(doc, before)));
      sent++;
    }
    const closed = await raw.closed;
    expect(sent).toBe(8);
    expect(closed.code).toBe(1009);
    expect(closed.reason).toMatch(/document is te groot/);
    await honestPeersStillSync();
    const stored = [...a.doc.getMap("parties").keys()].filter((k) => k.startsWith("blob-"));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(8);
  });

  it("keeps serving new peers after all of that", async () => {
    const c = connectPeer(srv, inv, bob);
    try {
      await synced(c);
      await waitFor(() => c.doc.getMap("parties").size === a.doc.getMap("parties").size, "new peer has the document");
    } finally {
      c.destroy();
    }
  });
});
