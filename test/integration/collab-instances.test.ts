import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, schema, type DatabaseHandle } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { CLOSE } from "../../server/collab/index.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer, type TestUser } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// Two instances on one PostgreSQL database (ADR 0014): edits cross over through the log and
// LISTEN/NOTIFY, compaction by the owner loses nothing the other wrote, revocations reach every
// instance. The embedded database has one instance per folder, so this runs on PostgreSQL only.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let db: TestDatabase;
let second: DatabaseHandle;
let a: CollabTestServer;
let b: CollabTestServer;
const peers: TestPeer[] = [];

function peer(server: CollabTestServer, inv: string, user: TestUser): TestPeer {
  const p = connectPeer(server, inv, user);
  peers.push(p);
  return p;
}

const titles = (p: TestPeer) =>
  [...p.doc.getMap<Y.Map<unknown>>("events").values()].map((e) => e.get("title") as string).sort();

describe.skipIf(!onPostgres)("collaboration: two instances on one PostgreSQL", () => {
  beforeAll(async () => {
    db = await openTestDatabase();
    second = await openDatabase({ databaseUrl: db.url, dataDir: "unused" });
    // Compaction as soon as it is due, on both: the owner must fold the other instance's rows too.
    const limits = { compactAfterRows: 10, compactIdleMs: 0, unloadDelayMs: 100 };
    a = await startCollabServer({ database: db.handle, limits });
    b = await startCollabServer({ database: second, limits, closeDatabase: true });
  });

  afterAll(async () => {
    for (const p of peers) p.destroy();
    await a?.close();
    await b?.close();
    await db?.cleanup();
  });

  it("peers on different instances see each other's edits, and the log holds all of them", async () => {
    const inv = await createInvestigation(a.ctx);
    const lead = await addMember(a.ctx, inv, "procesbegeleider", "Begeleider");
    const researcher = await addMember(a.ctx, inv, "onderzoeker", "Onderzoeker");
    const onA = peer(a, inv, lead);
    const onB = peer(b, inv, researcher);
    await Promise.all([synced(onA), synced(onB)]);

    const party = randomUUID();
    addParty(onA.doc, party, "Wijkteam");
    await waitFor(() => onB.doc.getMap("parties").has(party), "party reached the peer on the other instance", 5000);

    // Both write at once, interleaved, well past the compaction threshold.
    for (let i = 0; i < 30; i++) {
      addEvent(onA.doc, randomUUID(), party, { title: `A ${String(i).padStart(2, "0")}` });
      addEvent(onB.doc, randomUUID(), party, { title: `B ${String(i).padStart(2, "0")}` });
      if (i % 5 === 0) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => titles(onA).length === 60 && titles(onB).length === 60, "both peers have all 60 facts", 15_000);
    expect(titles(onA)).toEqual(titles(onB));

    // What the database holds (snapshot + log) is everything both peers saw, compactions included.
    await waitFor(async () => {
      const stored = await loadDoc(db.handle.db, inv);
      return stored.getMap("events").size === 60;
    }, "the stored document has all 60 facts", 15_000);
    await waitFor(() => a.collab.stats().compactions + b.collab.stats().compactions > 0, "a compaction ran", 15_000);
    expect((await loadDoc(db.handle.db, inv)).getMap("events").size).toBe(60);
  });

  it("a compaction by one instance never folds away a row it had not applied yet", async () => {
    const inv = await createInvestigation(a.ctx);
    const lead = await addMember(a.ctx, inv, "procesbegeleider", "Begeleider");
    const researcher = await addMember(a.ctx, inv, "onderzoeker", "Onderzoeker");
    const onA = peer(a, inv, lead);
    const onB = peer(b, inv, researcher);
    await Promise.all([synced(onA), synced(onB)]);
    const party = randomUUID();
    addParty(onB.doc, party, "School");
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 12; i++) addEvent(onB.doc, randomUUID(), party, { title: `B${round}-${i}` });
      addEvent(onA.doc, randomUUID(), party, { title: `A${round}` });
      await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => titles(onA).length === 65 && titles(onB).length === 65, "both peers have all 65 facts", 15_000);
    // Close both peers: the rooms unload (final compaction); then only the database is left.
    onA.destroy();
    onB.destroy();
    const open = (s: CollabTestServer) => s.collab.stats().rooms.some((r) => r.investigationId === inv);
    await waitFor(() => !open(a) && !open(b), "both rooms unloaded", 15_000);
    const stored = await loadDoc(db.handle.db, inv);
    expect(stored.getMap("events").size).toBe(65);
    // A late joiner on either instance gets the same.
    const late = peer(a, inv, lead);
    await synced(late);
    expect(titles(late).length).toBe(65);
  });

  it("closes a removed member's socket on the other instance within a second", async () => {
    const inv = await createInvestigation(a.ctx);
    await addMember(a.ctx, inv, "procesbegeleider", "Begeleider");
    const partner = await addMember(a.ctx, inv, "onderzoeker", "Onderzoeker");
    const onB = peer(b, inv, partner);
    await synced(onB);
    onB.provider.shouldConnect = false; // see the close, not the reconnect
    // What server/members.ts does when a member is removed on instance A.
    await a.ctx.db
      .delete(schema.memberships)
      .where(and(eq(schema.memberships.investigationId, inv), eq(schema.memberships.userId, partner.userId)));
    const removedAt = Date.now();
    for (const listener of a.ctx.onAccessRevoked) listener(inv, partner.userId);
    await waitFor(() => onB.closes.some((c) => c.code === CLOSE.accessRevoked), "socket on instance B closed with 4403", 1000);
    expect(Date.now() - removedAt).toBeLessThan(1000);
  });
});
