import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema, type Database } from "../../db/client.ts";
import { appendChanges, appendLogBatches, appendUpdates, summariseBatch, summariseLog, type LogRow } from "../../server/collab/persistence.ts";
import { systemClock, type AppContext } from "../../server/context.ts";
import { listChanges } from "../../server/collab/versions.ts";
import { createInvestigation, createUser } from "./helpers/collab-harness.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// The update log's write goes straight through the driver (db/raw-query.ts), on PGlite and on
// PostgreSQL; its who/what summaries follow behind it and are recovered from the log.

let db: TestDatabase;
let dbh: Database;
let userId: string;

const row = (entityIds: string[], byte = 1, user: string | null = userId): LogRow => ({
  userId: user,
  at: new Date("2026-11-23T10:00:00Z"),
  update: new Uint8Array([byte, 0, 255, 92, 39]), // includes a backslash and a quote byte
  entityIds,
});

async function logOf(inv: string) {
  return dbh.select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv)).orderBy(asc(schema.collabUpdates.id));
}

beforeAll(async () => {
  db = await openTestDatabase();
  dbh = db.handle.db;
  userId = (await createUser({ db: dbh, clock: systemClock } as AppContext)).userId;
});

afterAll(async () => {
  await db?.cleanup();
});

describe("update log: the group commit", () => {
  it("writes several documents' batches in one call and returns each document's last row", async () => {
    const a = await createInvestigation({ db: dbh });
    const b = await createInvestigation({ db: dbh });
    const last = await appendLogBatches(dbh, [
      { investigationId: a, rows: [row(["events:1"], 1), row(["events:2"], 2)] },
      { investigationId: b.toUpperCase(), rows: [row(["parties:x"], 3)] },
    ]);
    const logA = await logOf(a);
    const logB = await logOf(b);
    expect(logA.map((r) => r.update[0])).toEqual([1, 2]);
    expect(last.get(a)).toBe(logA[1].id);
    expect(last.get(b)).toBe(logB[0].id); // keyed in lower case, however the id was given
    expect([...logA[0].update]).toEqual([1, 0, 255, 92, 39]);
  });

  it("keeps entity ids with commas, quotes, braces and backslashes, empty lists and rows without a user intact", async () => {
    const inv = await createInvestigation({ db: dbh });
    const odd = ['section:7a,"x"', "events:{a}", "periods:back\\slash", "comments:'single'", "NULL"];
    await appendLogBatches(dbh, [{ investigationId: inv, rows: [row(odd), row([]), row(["events:z"], 9, null)] }]);
    const log = await logOf(inv);
    expect(log.map((r) => r.entityIds)).toEqual([odd, [], ["events:z"]]);
    expect(log.map((r) => r.userId)).toEqual([userId, userId, null]);
  });

  it("refuses an empty batch, and a row for an unknown investigation writes nothing of the group", async () => {
    const inv = await createInvestigation({ db: dbh });
    await expect(appendLogBatches(dbh, [])).rejects.toThrow();
    await expect(appendLogBatches(dbh, [{ investigationId: inv, rows: [] }])).rejects.toThrow();
    await expect(
      appendLogBatches(dbh, [
        { investigationId: inv, rows: [row(["events:1"])] },
        { investigationId: "00000000-0000-4000-8000-000000000000", rows: [row(["events:2"])] },
      ]),
    ).rejects.toThrow();
    expect(await logOf(inv)).toEqual([]); // one statement: all or nothing
  });
});

describe("update log: who changed what, written behind it", () => {
  it("summarises only the rows no summary covers yet, up to the given row, once", async () => {
    const inv = await createInvestigation({ db: dbh });
    // A batch whose summary was written (as the room does behind the commit)…
    const first = [row(["events:1"]), row(["events:2"])];
    const firstLast = (await appendLogBatches(dbh, [{ investigationId: inv, rows: first }])).get(inv)!;
    await appendChanges(dbh, summariseBatch(inv, first, firstLast));
    // …then three rows whose summaries were lost (a crash), and one written after the reload.
    const lost = (await appendLogBatches(dbh, [{ investigationId: inv, rows: [row(["events:3"]), row(["events:4"]), row(["parties:p"])] }])).get(inv)!;
    await appendLogBatches(dbh, [{ investigationId: inv, rows: [row(["events:later"])] }]);

    expect(await summariseLog(dbh, inv, lost)).toBe(3);
    expect(await summariseLog(dbh, inv, lost)).toBe(0); // idempotent
    const changes = await listChanges({ db: dbh }, inv);
    const entities = changes.flatMap((c) => c.entityIds).sort();
    expect(entities).toEqual(["events:1", "events:2", "events:3", "events:4", "parties:p"]); // not "events:later"
    expect(changes.every((c) => c.userId === userId)).toBe(true);
  });

  it("appendUpdates (seed, tests) writes the log row and its summary", async () => {
    const inv = await createInvestigation({ db: dbh });
    const last = await appendUpdates(dbh, inv, [row(["section:5b"])]);
    expect((await logOf(inv)).map((r) => r.id)).toEqual([last]);
    expect((await listChanges({ db: dbh }, inv)).map((c) => c.entityIds)).toEqual([["section:5b"]]);
    expect(await summariseLog(dbh, inv, last)).toBe(0);
  });
});
