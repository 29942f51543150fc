import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { rebuildProjection } from "../../server/collab/projection.ts";
import { createVersion, getVersionDoc, listChanges, listVersions } from "../../server/collab/versions.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { addEvent, addParty, canonical, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

const LIMITS = { compactAfterRows: 20, projectionDebounceMs: 50, unloadDelayMs: 50 };

let db: TestDatabase;
let srv: CollabTestServer;
const peers: TestPeer[] = [];
const peer = (...args: Parameters<typeof connectPeer>) => {
  const p = connectPeer(...args);
  peers.push(p);
  return p;
};
const dbh = () => srv.ctx.db;

async function logRows(inv: string): Promise<number> {
  const [row] = await dbh().select({ n: count() }).from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv));
  return Number(row.n);
}

async function leaveAll(list: TestPeer[]) {
  for (const p of list) p.destroy();
  await waitFor(() => srv.collab.openDocs() === 0, "documents unloaded");
}

beforeAll(async () => {
  db = await openTestDatabase({ persistent: true });
  srv = await startCollabServer({ database: db.handle, limits: LIMITS });
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  await srv?.close();
  await db?.cleanup();
});

describe("collaboration: durability", () => {
  it("keeps everything across a restart of the server and the database", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const bob = await addMember(srv.ctx, inv, "procesbegeleider", "Bob");
    const a = peer(srv, inv, alice);
    const b = peer(srv, inv, bob);
    await Promise.all([synced(a), synced(b)]);
    const party = randomUUID();
    addParty(a.doc, party, "GGZ");
    const ids = Array.from({ length: 10 }, () => randomUUID());
    for (const id of ids) addEvent(a.doc, id, party);
    const description = new Y.Text();
    (a.doc.getMap("events").get(ids[0]) as Y.Map<unknown>).set("description", description);
    description.insert(0, "Moeder belt de huisarts.");
    await waitFor(() => b.doc.getMap("events").size === 10, "bob has the events");
    const bobText = () => (b.doc.getMap("events").get(ids[0]) as Y.Map<unknown>).get("description") as Y.Text | undefined;
    await waitFor(() => bobText()?.toString() === "Moeder belt de huisarts.", "bob has the text");
    bobText()!.insert(0, "14:05 ");
    await waitFor(() => description.toString() === "14:05 Moeder belt de huisarts.", "alice sees bob's edit");
    const expected = canonical(a.doc);

    // Restart: everything closed, the database reopened from its folder (or server).
    a.destroy();
    b.destroy();
    await srv.close();
    await db.handle.close();
    srv = await startCollabServer({ database: await db.reopen(), limits: LIMITS });

    const c = peer(srv, inv, bob);
    await synced(c);
    await waitFor(() => canonical(c.doc) === expected, "document after restart");
    const text = (c.doc.getMap("events").get(ids[0]) as Y.Map<unknown>).get("description") as Y.Text;
    expect(text.toString()).toBe("14:05 Moeder belt de huisarts.");
    // The history says who did what.
    const changes = await listChanges(srv.ctx, inv);
    const byUser = (userId: string) => new Set(changes.filter((ch) => ch.userId === userId).flatMap((ch) => ch.entityIds));
    expect(byUser(alice.userId)).toEqual(new Set([`parties:${party}`, ...ids.map((id) => `events:${id}`)]));
    expect(byUser(bob.userId)).toEqual(new Set([`events:${ids[0]}`]));
    await leaveAll([c]);
  });

  it("compacts a long log into a snapshot without losing content or history, and on unload", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob");
    const a = peer(srv, inv, alice);
    const b = peer(srv, inv, bob);
    await Promise.all([synced(a), synced(b)]);
    const compactionsBefore = srv.collab.stats().compactions;
    const party = randomUUID();
    addParty(a.doc, party, "Politie");
    const ids = Array.from({ length: 60 }, () => randomUUID());
    for (const id of ids) addEvent(a.doc, id, party); // 60 separate updates
    (a.doc.getMap("events").get(ids[5]) as Y.Map<unknown>).set("title", "Aangepast");
    a.doc.getMap("events").delete(ids[6]);
    await waitFor(() => b.doc.getMap("events").size === 59 && eventTitle(b.doc, ids[5]) === "Aangepast", "bob has all edits");

    await waitFor(() => srv.collab.stats().compactions > compactionsBefore, "compaction ran");
    const [snap] = await dbh().select().from(schema.collabSnapshots).where(eq(schema.collabSnapshots.investigationId, inv));
    expect(snap).toBeDefined();
    // Peers get a batch before its compaction finishes, so the log may still be shrinking.
    await waitFor(async () => (await logRows(inv)) <= LIMITS.compactAfterRows, "log folded into the snapshot");
    expect(canonical(await loadDoc(dbh(), inv))).toBe(canonical(a.doc));

    // History survives compaction: every event alice touched, including the deleted one.
    const touched = new Set((await listChanges(srv.ctx, inv)).filter((c) => c.userId === alice.userId).flatMap((c) => c.entityIds));
    for (const id of ids) expect(touched.has(`events:${id}`)).toBe(true);

    // The last peer leaves: the document is compacted and unloaded.
    const expected = canonical(a.doc);
    await leaveAll([a, b]);
    expect(await logRows(inv)).toBe(0);
    expect(canonical(await loadDoc(dbh(), inv))).toBe(expected);

    // And loads again on the next connect.
    const c = peer(srv, inv, bob);
    await synced(c);
    await waitFor(() => canonical(c.doc) === expected, "reloaded document");
    await leaveAll([c]);
  });
});

describe("collaboration: when compaction runs", () => {
  it("waits for a lull in the edits, unless the log passes the hard limit", async () => {
    const ownDb = await openTestDatabase();
    const own = await startCollabServer({ database: ownDb.handle, limits: { compactAfterRows: 10, compactIdleMs: 2000, compactBusyAfterRows: 40 } });
    const inv = await createInvestigation(own.ctx);
    const alice = await addMember(own.ctx, inv, "onderzoeker", "Alice");
    const a = connectPeer(own, inv, alice);
    try {
      await synced(a);
      const party = randomUUID();
      addParty(a.doc, party, "Wijkteam");
      const editFor = async (n: number) => {
        for (let i = 0; i < n; i++) {
          addEvent(a.doc, randomUUID(), party);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      // 25 rows, more than 10, but never 2 s without an edit: not yet.
      await editFor(25);
      expect(own.collab.stats().compactions).toBe(0);
      // The lull: now.
      await waitFor(() => own.collab.stats().compactions === 1, "compacted in the lull");
      // Busy again, past 40 rows: compacted while the edits go on.
      const editing = editFor(80);
      await waitFor(() => own.collab.stats().compactions === 2, "compacted while busy");
      expect(a.doc.getMap("events").size).toBeLessThan(25 + 80);
      await editing;
      await waitFor(async () => canonical(await loadDoc(own.ctx.db, inv)) === canonical(a.doc), "stored document equals the peer's");
    } finally {
      a.destroy();
      await own.close();
      await ownDb.cleanup();
    }
  });
});

describe("collaboration: a failed write", () => {
  it("is never broadcast; its sender is disconnected with a reason and the document reloads from the log", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const bob = await addMember(srv.ctx, inv, "onderzoeker", "Bob");
    const a = peer(srv, inv, alice);
    const b = peer(srv, inv, bob);
    await Promise.all([synced(a), synced(b)]);
    const kept = randomUUID();
    addParty(a.doc, kept, "Opgeslagen");
    await waitFor(() => b.doc.getMap("parties").has(kept), "first edit arrives");

    // Make the next log write fail for real: the log row's investigation is gone (foreign key).
    const failuresBefore = srv.collab.stats().persistFailures;
    const [invRow] = await dbh().select().from(schema.investigations).where(eq(schema.investigations.id, inv));
    const members = await dbh().select().from(schema.memberships).where(eq(schema.memberships.investigationId, inv));
    const logBefore = await dbh().select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv));
    const snapshotBefore = await dbh().select().from(schema.collabSnapshots).where(eq(schema.collabSnapshots.investigationId, inv));
    await dbh().delete(schema.investigations).where(eq(schema.investigations.id, inv));
    const lost = randomUUID();
    addParty(a.doc, lost, "Niet opgeslagen");
    await waitFor(() => srv.collab.stats().persistFailures > failuresBefore, "write failed");
    await waitFor(() => a.closes.length > 0 && b.closes.length > 0, "both closed");
    expect(a.closes[0].code).toBe(4500);
    expect(a.closes[0].reason).toMatch(/niet worden opgeslagen/);
    expect(b.closes[0].code).toBe(4500);
    expect(b.doc.getMap("parties").has(lost)).toBe(false);
    expect(srv.collab.openDocs()).toBe(0);

    // Put the investigation back: the clients reconnect on their own and alice's edit is re-sent.
    await dbh().insert(schema.investigations).values(invRow);
    await dbh().insert(schema.memberships).values(members);
    if (logBefore.length > 0) await dbh().insert(schema.collabUpdates).values(logBefore);
    if (snapshotBefore.length > 0) await dbh().insert(schema.collabSnapshots).values(snapshotBefore);
    await waitFor(() => b.doc.getMap("parties").has(lost), "re-sent after reconnect", 20_000);
    await leaveAll([a, b]);
  });
});

describe("collaboration: projection of events into PostgreSQL", () => {
  it("derives rows after persisted batches (valid and invalid), follows edits, and can be rebuilt", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const a = peer(srv, inv, alice);
    await synced(a);
    const party = randomUUID();
    addParty(a.doc, party, "Huisarts");
    const good = randomUUID();
    const bad = randomUUID();
    addEvent(a.doc, good, party, {
      title: "Melding zorgen",
      start: "2014-03-12T10:30",
      end: "2014-03-13",
      kind: "melding_signaal",
      status: "bevestigd",
      flags: { signaal: true, kritiekMoment: true, overdracht: false, opschaling: false },
    });
    addEvent(a.doc, bad, party, { title: "Zonder soort", kind: "geen-soort", start: "ooit" });

    const rows = () => dbh().select().from(schema.projectedEvents).where(eq(schema.projectedEvents.investigationId, inv));
    await waitFor(async () => (await rows()).length === 2, "two projected rows");
    const byId = Object.fromEntries((await rows()).map((r) => [r.eventId, r]));
    expect(byId[good]).toMatchObject({
      title: "Melding zorgen",
      partyId: party,
      start: "2014-03-12T10:30",
      end: "2014-03-13",
      kind: "melding_signaal",
      flags: { signaal: true, kritiekMoment: true, overdracht: false, opschaling: false },
      valid: true,
    });
    expect(byId[good].status).toBeTruthy();
    expect(byId[bad]).toMatchObject({ title: "Zonder soort", partyId: party, start: "ooit", kind: "geen-soort", valid: false });

    (a.doc.getMap("events").get(good) as Y.Map<unknown>).set("title", "Melding zorgen (gewijzigd)");
    a.doc.getMap("events").delete(bad);
    await waitFor(async () => {
      const r = await rows();
      return r.length === 1 && r[0].title === "Melding zorgen (gewijzigd)";
    }, "projection follows edits");

    await dbh().delete(schema.projectedEvents).where(eq(schema.projectedEvents.investigationId, inv));
    expect(await rebuildProjection(srv.ctx, inv)).toBe(1);
    expect((await rows()).map((r) => r.eventId)).toEqual([good]);
    await leaveAll([a]);
  });
});

describe("collaboration: incremental projection", () => {
  it("rewrites only the rows of the events a batch touched, removes deleted ones, and all rows when a party changes", async () => {
    const inv = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "onderzoeker", "Alice");
    const a = peer(srv, inv, alice);
    await synced(a);
    const party = randomUUID();
    const [e1, e2, e3] = [randomUUID(), randomUUID(), randomUUID()];
    addParty(a.doc, party, "Wijkteam");
    for (const [i, id] of [e1, e2, e3].entries()) addEvent(a.doc, id, party, { title: `Feit ${i + 1}`, start: "2014-03-12" });

    const rows = async () =>
      Object.fromEntries(
        (await dbh().select().from(schema.projectedEvents).where(eq(schema.projectedEvents.investigationId, inv))).map((r) => [r.eventId, r]),
      );
    await waitFor(async () => Object.keys(await rows()).length === 3, "three projected rows");
    const before = await rows();
    await new Promise((r) => setTimeout(r, 20)); // a later projectedAt for whatever is written next

    // One event edited: only its row is written.
    (a.doc.getMap("events").get(e2) as Y.Map<unknown>).set("title", "Feit 2 (gewijzigd)");
    await waitFor(async () => (await rows())[e2]?.title === "Feit 2 (gewijzigd)", "edited row");
    const afterEdit = await rows();
    expect(afterEdit[e2].projectedAt.getTime()).toBeGreaterThan(before[e2].projectedAt.getTime());
    expect(afterEdit[e1]).toEqual(before[e1]);
    expect(afterEdit[e3]).toEqual(before[e3]);

    // One event deleted: its row goes, the others stay as they were.
    a.doc.getMap("events").delete(e3);
    await waitFor(async () => !(e3 in (await rows())), "deleted row removed");
    const afterDelete = await rows();
    expect(Object.keys(afterDelete).sort()).toEqual([e1, e2].sort());
    expect(afterDelete[e1]).toEqual(before[e1]);

    // The party goes: every event is invalid now (its party no longer exists), so every row is rewritten.
    a.doc.getMap("parties").delete(party);
    await waitFor(async () => Object.values(await rows()).every((r) => !r.valid), "rows follow the party");

    // And the incremental rows equal a rebuild from the stored document.
    const incremental = Object.values(await rows()).map(({ projectedAt: _, ...r }) => r);
    await rebuildProjection(srv.ctx, inv);
    const rebuilt = Object.values(await rows()).map(({ projectedAt: _, ...r }) => r);
    expect(rebuilt.sort((x, y) => x.eventId.localeCompare(y.eventId))).toEqual(incremental.sort((x, y) => x.eventId.localeCompare(y.eventId)));
    await leaveAll([a]);
  });
});

describe("collaboration: named versions", () => {
  it("stores a named snapshot that later edits do not change", async () => {
    const inv = await createInvestigation(srv.ctx);
    const other = await createInvestigation(srv.ctx);
    const alice = await addMember(srv.ctx, inv, "procesbegeleider", "Alice");
    const a = peer(srv, inv, alice);
    await synced(a);
    const party = randomUUID();
    const before = randomUUID();
    addParty(a.doc, party, "School");
    addEvent(a.doc, before, party, { title: "Voor de ronde" });
    await waitFor(async () => (await loadDoc(dbh(), inv)).getMap("events").has(before), "stored");

    const version = await createVersion(srv.ctx, { investigationId: inv, name: "Begin commentaarronde 1", userId: alice.userId });
    const after = randomUUID();
    addEvent(a.doc, after, party, { title: "Na de ronde" });
    await waitFor(async () => (await loadDoc(dbh(), inv)).getMap("events").has(after), "stored after");

    const list = await listVersions(srv.ctx, inv);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: version.id, name: "Begin commentaarronde 1", createdBy: alice.userId });
    expect(list[0].bytes).toBeGreaterThan(0);
    const doc = await getVersionDoc(srv.ctx, inv, version.id);
    expect(doc?.getMap("events").has(before)).toBe(true);
    expect(doc?.getMap("events").has(after)).toBe(false);
    expect(await getVersionDoc(srv.ctx, other, version.id)).toBeNull();
    expect(await listVersions(srv.ctx, other)).toEqual([]);
    await expect(createVersion(srv.ctx, { investigationId: inv, name: "  ", userId: alice.userId })).rejects.toThrow(/naam/);
    await leaveAll([a]);
  });
});

function eventTitle(doc: Y.Doc, id: string): unknown {
  return (doc.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("title");
}
