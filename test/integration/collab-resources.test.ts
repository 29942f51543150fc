// Resource limits of the collaboration server (issue 16): presence bound to the connection,
// slow readers, connection caps, and large imports sent in chunks and acknowledged.
import { randomUUID } from "node:crypto";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { whenStoredOnServer } from "../../app/components/collab/server-ack.ts";
import { previewImport, startImport } from "../../app/domain/timeline/import.ts";
import { getTimelineMaps } from "../../app/domain/timeline/schema.ts";
import { loadState } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer, type TestUser } from "./helpers/collab-harness.ts";
import { addParty, connectPeer, rawPeer, rawUpgrade, syncMessage, synced, waitFor, type RawPeer, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

const MAX_BUFFERED = 64 * 1024;
const MAX_PER_USER = 3;

let db: TestDatabase;
let srv: CollabTestServer;
let inv: string;
let alice: TestUser;
let bob: TestUser;
let toezicht: TestUser;
let a: TestPeer;
let b: TestPeer;

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({
    database: db.handle,
    limits: { maxBufferedBytes: MAX_BUFFERED, maxConnectionsPerUser: MAX_PER_USER },
  });
  inv = await createInvestigation(srv.ctx);
  alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice Aalders");
  bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob Bakker");
  toezicht = await addMember(srv.ctx, inv, "toezichthouder", "Tineke Toezicht");
  a = connectPeer(srv, inv, alice);
  b = connectPeer(srv, inv, bob);
  a.provider.awareness.setLocalStateField("user", { id: alice.userId, name: "Alice Aalders", color: "#123456" });
  b.provider.awareness.setLocalStateField("user", { id: bob.userId, name: "Bob Bakker", color: "#654321" });
  await Promise.all([synced(a), synced(b)]);
}, 60_000);

afterAll(async () => {
  a?.destroy();
  b?.destroy();
  await srv?.close();
  await db?.cleanup();
});

function awarenessFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, 1);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

/** A marker through the server after whatever was sent before: Bob's presence changes and Alice sees it. */
async function presenceMarker() {
  const marker = randomUUID();
  b.provider.awareness.setLocalStateField("editing", marker);
  await waitFor(() => a.provider.awareness.getStates().get(b.doc.clientID)?.editing === marker, "presence marker reaches Alice");
}

async function honestPeersStillSync() {
  const x = randomUUID();
  addParty(a.doc, x, "Van A");
  await waitFor(() => b.doc.getMap("parties").has(x), "honest peers sync");
}

/** Bytes of the varUint at `offset` (lib0 encoding: 7 bits a byte). */
function varUintLength(bytes: Uint8Array, offset: number): number {
  let n = 1;
  while (bytes[offset + n - 1] & 0x80) n++;
  return n;
}

async function opened(raw: RawPeer) {
  await raw.opened;
  // The join is done once the server's sync step 1 has arrived.
  await waitFor(() => raw.received.some((m) => m[0] === 0 && m[1] === 0), "server's sync step 1");
}

describe("presence is bound to the connection", () => {
  it("shows peers the logged-in user's name and role, whatever the client wrote", async () => {
    await waitFor(() => b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name === "Alice Aalders", "Alice's presence");
    const seen = b.provider.awareness.getStates().get(a.doc.clientID)!.user;
    expect(seen).toEqual({ id: alice.userId, name: "Alice Aalders", role: "onderzoeker", color: "#123456" });

    const raw = rawPeer(srv, inv, toezicht.cookie);
    await opened(raw);
    const spoofId = 900_001;
    raw.ws.send(awarenessFrame([{ clientId: spoofId, clock: 1, state: { user: { id: alice.userId, name: "Procesbegeleider Jansen", role: "procesbegeleider" } } }]));
    await waitFor(() => a.provider.awareness.getStates().has(spoofId), "the raw peer's presence arrives");
    expect(a.provider.awareness.getStates().get(spoofId)!.user).toEqual({ id: toezicht.userId, name: "Tineke Toezicht", role: "toezichthouder" });
    raw.ws.close();
    await raw.closed;
  });

  it("does not let a connection change another connection's presence", async () => {
    const raw = rawPeer(srv, inv, toezicht.cookie);
    await opened(raw);
    const alicesClock = a.provider.awareness.meta.get(a.doc.clientID)!.clock;
    raw.ws.send(awarenessFrame([{ clientId: a.doc.clientID, clock: alicesClock + 10, state: { user: { name: "Overgenomen" }, editing: "x" } }]));
    raw.ws.send(awarenessFrame([{ clientId: a.doc.clientID, clock: alicesClock + 11, state: null }]));
    await presenceMarker();
    expect(b.provider.awareness.getStates().get(a.doc.clientID)?.user?.name).toBe("Alice Aalders");
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);
    raw.ws.close();
    await raw.closed;
  });

  it("lets the same user's new connection take over its client id (a tab reconnecting), and keeps it when the old one closes", async () => {
    const old = rawPeer(srv, inv, toezicht.cookie);
    await opened(old);
    const id = 900_002;
    old.ws.send(awarenessFrame([{ clientId: id, clock: 1, state: { editing: "oud" } }]));
    await waitFor(() => a.provider.awareness.getStates().get(id)?.editing === "oud", "old tab's presence");
    const fresh = rawPeer(srv, inv, toezicht.cookie);
    await opened(fresh);
    fresh.ws.send(awarenessFrame([{ clientId: id, clock: 2, state: { editing: "nieuw" } }]));
    await waitFor(() => a.provider.awareness.getStates().get(id)?.editing === "nieuw", "new tab's presence");
    old.ws.close();
    await old.closed;
    await waitFor(() => srv.collab.stats().connections === 3, "the old tab has left");
    await presenceMarker();
    expect(a.provider.awareness.getStates().get(id)?.editing).toBe("nieuw");
    fresh.ws.close();
    await fresh.closed;
    await waitFor(() => !a.provider.awareness.getStates().has(id), "presence removed with its connection");
  });

  it("closes a read-only peer that sends 5,000 presence entries in one message (4008); nobody sees them", async () => {
    const raw = rawPeer(srv, inv, toezicht.cookie);
    await opened(raw);
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      clientId: 1_000_000 + i,
      clock: 1,
      state: { user: { name: `Inspecteur ${i}`, color: "#ff0000" }, cursor: { anchor: "x".repeat(20) } },
    }));
    const message = awarenessFrame(entries);
    expect(message.byteLength).toBeGreaterThan(400_000);
    raw.ws.send(message);
    const closed = await raw.closed;
    expect(closed.code).toBe(4008);
    expect(closed.reason).toMatch(/aanwezigheid/);
    await presenceMarker();
    const ids = [...a.provider.awareness.getStates().keys()];
    expect(ids.filter((id) => id >= 1_000_000 && id < 1_005_000)).toEqual([]);
  });

  it("closes a peer that announces more client ids than one connection may own, before any is shown", async () => {
    const raw = rawPeer(srv, inv, toezicht.cookie);
    await opened(raw);
    // Small enough for the byte and entry caps: the per-connection cap (4) decides.
    raw.ws.send(awarenessFrame(Array.from({ length: 20 }, (_, i) => ({ clientId: 2_000_000 + i, clock: 1, state: { user: { name: `Inspecteur ${i}` } } }))));
    expect((await raw.closed).code).toBe(4008);
    await presenceMarker();
    expect([...a.provider.awareness.getStates().keys()].filter((id) => id >= 2_000_000 && id < 2_000_020)).toEqual([]);
  });

  it("counts entries, not messages, against the presence rate limit (4029)", async () => {
    const raw = rawPeer(srv, inv, toezicht.cookie);
    await opened(raw);
    // Four own ids (allowed), each message changing all four: 4 entries a message, burst 40.
    let clock = 0;
    for (let i = 0; i < 12; i++) {
      clock++;
      raw.ws.send(awarenessFrame([0, 1, 2, 3].map((k) => ({ clientId: 3_000_000 + k, clock, state: { n: clock } }))));
    }
    expect((await raw.closed).code).toBe(4029);
    await honestPeersStillSync();
  });
});

describe("slow readers and connection caps", () => {
  it("coalesces repeated sync step 1s, but never answers one before an update sent ahead of it", async () => {
    const raw = rawPeer(srv, inv, alice.cookie);
    await opened(raw);
    const before = raw.received.length;
    for (let i = 0; i < 50; i++) raw.ws.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
    const doc = new Y.Doc();
    const id = randomUUID();
    addParty(doc, id, "Tussendoor");
    raw.ws.send(syncMessage(2, Y.encodeStateAsUpdate(doc)));
    // The last step 1 claims everything the server has plus the update: its answer is empty.
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(a.doc));
    raw.ws.send(syncMessage(0, Y.encodeStateVector(doc)));
    const isEmptyStep2 = (m: Uint8Array) => {
      if (m[0] !== 0 || m[1] !== 1) return false;
      const decoded = Y.decodeUpdate(m.subarray(2 + varUintLength(m, 2)));
      return decoded.structs.length === 0;
    };
    await waitFor(() => raw.received.slice(before).some(isEmptyStep2), "the answer to the last step 1");
    // That answer came after the update was written.
    const stored = await loadState(srv.ctx.db, inv);
    expect(stored.doc.getMap("parties").has(id)).toBe(true);
    raw.ws.close();
    await raw.closed;
  });

  it("closes a peer that stops reading once its send buffer passes the bound (4008)", async () => {
    // A document of some size, so each full sync step 2 is large.
    for (let i = 0; i < 4; i++) {
      const id = `blob-${i}`;
      a.doc.getMap("parties").set(id, "s".repeat(100 * 1024));
    }
    await waitFor(() => b.doc.getMap("parties").has("blob-3"), "the big document is shared");
    const raw = rawPeer(srv, inv, bob.cookie);
    await opened(raw);
    const slowBefore = srv.collab.stats().peersClosedSlow;
    const socket = (raw.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    socket.pause(); // stops reading: the server's answers pile up in its send buffer
    await waitFor(
      () => {
        if (raw.ws.readyState === raw.ws.OPEN) raw.ws.send(syncMessage(0, Y.encodeStateVector(new Y.Doc())));
        return srv.collab.stats().peersClosedSlow > slowBefore;
      },
      "the server gives up on the slow reader",
      30_000,
      20,
    );
    socket.resume();
    const closed = await raw.closed;
    expect(closed.code).toBe(4008);
    expect(closed.reason).toMatch(/te traag/);
    await honestPeersStillSync();
  });

  it("refuses a user's connection over the per-user cap with a Dutch HTTP answer", async () => {
    const carol = await addMember(srv.ctx, inv, "onderzoeker", "Carol");
    const peers: RawPeer[] = [];
    for (let i = 0; i < MAX_PER_USER; i++) {
      const raw = rawPeer(srv, inv, carol.cookie);
      await opened(raw);
      peers.push(raw);
    }
    const refused = await rawUpgrade(srv.port, `/collab/${inv}`, { cookie: carol.cookie, origin: srv.origin });
    expect(refused.status).toBe(429);
    expect(refused.raw).toMatch(/te veel verbindingen/);
    // Others are not affected.
    const other = rawPeer(srv, inv, alice.cookie);
    await opened(other);
    other.ws.close();
    await other.closed;
    // One closed: a new one is let in again.
    peers[0].ws.close();
    await peers[0].closed;
    await waitFor(() => srv.collab.stats().connections <= 2 + MAX_PER_USER - 1, "the closed socket has left");
    const again = rawPeer(srv, inv, carol.cookie);
    await opened(again);
    for (const p of [again, ...peers.slice(1)]) {
      p.ws.close();
      await p.closed;
    }
  });
});

describe("the per-document connection cap", () => {
  it("refuses a connection over the per-document cap with a Dutch HTTP answer; other documents are unaffected", async () => {
    const small = await startCollabServer({ database: db.handle, limits: { maxConnectionsPerInvestigation: 2 } });
    try {
      const doc1 = await createInvestigation(small.ctx);
      const doc2 = await createInvestigation(small.ctx);
      const users = await Promise.all(["Een", "Twee", "Drie"].map((n) => addMember(small.ctx, doc1, "onderzoeker", n)));
      const open = [rawPeer(small, doc1, users[0].cookie), rawPeer(small, doc1, users[1].cookie)];
      for (const p of open) await opened(p);
      const refused = await rawUpgrade(small.port, `/collab/${doc1}`, { cookie: users[2].cookie, origin: small.origin });
      expect(refused.status).toBe(503);
      expect(refused.raw).toMatch(/te veel verbindingen met dit onderzoek/);
      const elsewhere = await addMember(small.ctx, doc2, "onderzoeker", "Vijf");
      const other = rawPeer(small, doc2, elsewhere.cookie);
      await opened(other);
      for (const p of [...open, other]) {
        p.ws.close();
        await p.closed;
      }
    } finally {
      await small.close();
    }
  });
});

describe("a large import is stored and acknowledged", () => {
  function drafts(n: number, partyId: string, tag: string) {
    const rows = Array.from({ length: n }, (_, i) => [
      `${String((i % 28) + 1).padStart(2, "0")}-03-2014`,
      "Wijkteam",
      `${tag} feit ${i}`,
      `Omschrijving van het feit ${i}: ${"het gezin is bezocht en de situatie is besproken met de ouders. ".repeat(8)}`,
    ]);
    return previewImport(rows, { start: 0, party: 1, title: 2, description: 3 }, [{ id: partyId, name: "Wijkteam" }]).drafts;
  }

  async function importAndAck(n: number) {
    const partyId = randomUUID();
    addParty(a.doc, partyId, "Wijkteam");
    const list = drafts(n, partyId, `import-${n}`);
    expect(list).toHaveLength(n);
    let largest = 0;
    const onUpdate = (u: Uint8Array) => (largest = Math.max(largest, u.byteLength));
    a.doc.on("update", onUpdate);
    const run = startImport(a.doc, list, { id: alice.userId }, "import");
    while (run.step()) await new Promise((r) => setImmediate(r));
    a.doc.off("update", onUpdate);
    expect(largest).toBeLessThan(512 * 1024);
    await whenStoredOnServer(a.provider);
    // In the database, not only in the server's memory.
    const stored = await loadState(srv.ctx.db, inv);
    const events = [...getTimelineMaps(stored.doc).events.values()].filter(
      (e) => e instanceof Y.Map && String(e.get("title")).startsWith(`import-${n} `),
    );
    expect(events).toHaveLength(n);
    expect(a.closes).toEqual([]);
  }

  it("stores 3,000 rows (2.3 MB) sent in chunks, and says so only once the server has them", async () => {
    await importAndAck(3000);
  }, 120_000);

  it("stores 10,000 rows", async () => {
    await importAndAck(10_000);
  }, 300_000);
});

// The raw helper frames y-protocols' own encoding: keep it honest against the library.
it("frames awareness like y-protocols", () => {
  const doc = new Y.Doc();
  const aw = new awarenessProtocol.Awareness(doc);
  aw.setLocalState({ x: 1 });
  const ours = awarenessFrame([{ clientId: doc.clientID, clock: aw.meta.get(doc.clientID)!.clock, state: { x: 1 } }]);
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
  expect(ours).toEqual(encoding.toUint8Array(e));
  aw.destroy();
});
