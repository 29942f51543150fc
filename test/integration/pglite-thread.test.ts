import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, schema, type DatabaseHandle } from "../../db/client.ts";
import { PGliteThread } from "../../db/pglite-thread.ts";
import { isUniqueViolation } from "../../server/report/support.server.ts";

// The embedded database runs in a worker thread (db/pglite-thread.ts); through drizzle it must
// behave as PGlite in the server's thread did: errors, transactions, waiting, closing.

const root = path.resolve(import.meta.dirname, "../..");
let handle: DatabaseHandle;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kl-pglite-thread-"));
  handle = await openDatabase({ dataDir: dir });
});

afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

const user = (email: string) => ({ email, name: "Thread", passwordHash: "x" });

describe("PGlite in a worker thread", () => {
  it("returns rows with their types: bytea as bytes, arrays, json, and timestamps as drizzle asks (text)", async () => {
    const result = await handle.db.execute(
      sql`select '\\x00ff5c27'::bytea as b, '2026-11-23T10:00:00Z'::timestamptz as t, array['a,b','"c"'] as a, '{"x":1}'::jsonb as j`,
    );
    const [r] = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    expect([...(r.b as Uint8Array)]).toEqual([0, 255, 92, 39]);
    expect(r.a).toEqual(["a,b", '"c"']);
    expect(r.j).toEqual({ x: 1 });
    // drizzle's parsers (functions) cannot cross threads; the worker must still leave these as text.
    expect(r.t).toBe("2026-11-23 10:00:00+00");
  });

  it("passes PostgreSQL's error fields through, so a unique violation is recognised", async () => {
    await handle.db.insert(schema.users).values(user("dubbel@test.invalid"));
    const err = await handle.db
      .insert(schema.users)
      .values(user("dubbel@test.invalid"))
      .then(() => null)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it("commits a transaction, and rolls it back entirely when its callback throws", async () => {
    await handle.db.transaction(async (tx) => {
      await tx.insert(schema.users).values(user("commit@test.invalid"));
    });
    await expect(
      handle.db.transaction(async (tx) => {
        await tx.insert(schema.users).values(user("rollback@test.invalid"));
        throw new Error("afgebroken");
      }),
    ).rejects.toThrow("afgebroken");
    const emails = (await handle.db.select({ email: schema.users.email }).from(schema.users)).map((u) => u.email);
    expect(emails).toContain("commit@test.invalid");
    expect(emails).not.toContain("rollback@test.invalid");
  });

  it("lets a statement from outside wait for an open transaction, then see what it committed", async () => {
    let outside: Promise<unknown> | null = null;
    let outsideDone = false;
    await handle.db.transaction(async (tx) => {
      await tx.insert(schema.users).values(user("wachten@test.invalid"));
      outside = handle.db
        .select()
        .from(schema.users)
        .where(eq(schema.users.email, "wachten@test.invalid"))
        .then((rows) => {
          outsideDone = true;
          return rows;
        });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(outsideDone).toBe(false); // PGlite runs one transaction at a time
    });
    expect(await outside).toHaveLength(1);
  });

  it("keeps the data across a close and a reopen of its folder", async () => {
    await handle.db.insert(schema.users).values(user("blijft@test.invalid"));
    await handle.close();
    handle = await openDatabase({ dataDir: dir });
    const rows = await handle.db.select().from(schema.users).where(eq(schema.users.email, "blijft@test.invalid"));
    expect(rows).toHaveLength(1);
  });

  it("refuses statements after close with a clear error, and a close is not a failure", async () => {
    const thread = new PGliteThread(null);
    await thread.waitReady;
    expect((await thread.query<{ n: number }>("select 1 as n")).rows).toEqual([{ n: 1 }]);
    await thread.close();
    await expect(thread.query("select 1")).rejects.toThrow("De database is gesloten.");
    // close() has awaited the worker's termination, whose exit event is what would report a
    // failure: by the next turn of the event loop a failure would have settled `failed`.
    const failed = await Promise.race([thread.failed.then(() => "failed"), new Promise((r) => setImmediate(() => r("not failed")))]);
    expect(failed).toBe("not failed");
  });

  it("when the thread dies, waiting and later statements fail with a clear error and the failure is reported", async () => {
    const thread = new PGliteThread(null);
    await thread.waitReady;
    const waiting = thread.query("select pg_sleep(0.5)");
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate(); // as a crash would
    await expect(waiting).rejects.toThrow(/De databasethread is gestopt/);
    await expect(thread.query("select 1")).rejects.toThrow(/De databasethread is gestopt/);
    expect((await thread.failed).message).toMatch(/De databasethread is gestopt/);
  });

  it("does not keep a process alive once it is idle (a script that never closes it still ends)", () => {
    const script = path.join(dir, "idle-script.mts");
    writeFileSync(
      script,
      `import { openDatabase } from ${JSON.stringify(path.join(root, "db/client.ts"))};
       const h = await openDatabase({ dataDir: "memory://" });
       const r = await h.db.execute("select 41 + 1 as n");
       console.log("klaar", JSON.stringify((r as unknown as { rows: unknown[] }).rows));`,
    );
    const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(run.stdout).toContain('klaar [{"n":42}]');
    expect(run.status).toBe(0);
  });
});
