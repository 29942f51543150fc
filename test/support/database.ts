import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client.ts";
import { copyPgliteTemplate, createDatabaseFromTemplate, ensurePgliteTemplate } from "./template-database.ts";

/**
 * A fresh, migrated database for one test file: a copy of the migrated template
 * (test/support/template-database.ts), not migrated afresh.
 *
 * - `TEST_DATABASE_URL` set (a PostgreSQL URL whose user may CREATE DATABASE): a new database
 *   `kl_test_<random>` is created on that server from the template; `url` points at it; cleanup drops it.
 * - Otherwise embedded PGlite: in memory, or with `{ persistent: true }` in a fresh temp folder
 *   (`dataDir`), so a test can close it and open it again (restarts, crashes); cleanup removes it.
 *
 * `reopen()` opens another handle on the same database (after the first was closed, for PGlite:
 * one process holds a PGlite folder at a time). `cleanup()` closes every handle it handed out and
 * deletes the database; call it in afterAll.
 */
export interface TestDatabase {
  handle: DatabaseHandle;
  url?: string;
  dataDir?: string;
  reopen(): Promise<DatabaseHandle>;
  cleanup(): Promise<void>;
}

export async function openTestDatabase(opts: { persistent?: boolean } = {}): Promise<TestDatabase> {
  const handles: DatabaseHandle[] = [];
  const track = (h: DatabaseHandle): DatabaseHandle => {
    let closed = false;
    const tracked = {
      ...h,
      close: async () => {
        if (closed) return;
        closed = true;
        await h.close();
      },
    };
    handles.push(tracked);
    return tracked;
  };
  const closeAll = async () => {
    for (const h of handles) await h.close().catch(() => {});
  };

  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `kl_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await createDatabaseFromTemplate(serverUrl, name);
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const open = async () => track(await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" }));
    return {
      handle: await open(),
      url: url.toString(),
      reopen: open,
      async cleanup() {
        await closeAll();
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
        await admin.end({ timeout: 5 });
      },
    };
  }

  if (!opts.persistent) {
    const { dump } = await ensurePgliteTemplate();
    const handle = track(await openDatabase({ dataDir: "memory://", loadDataDir: dump }));
    return {
      handle,
      reopen: () => Promise.reject(new Error("an in-memory test database cannot be reopened; use { persistent: true }")),
      cleanup: closeAll,
    };
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), "kl-test-db-"));
  await copyPgliteTemplate(dataDir);
  const open = async () => track(await openDatabase({ dataDir }));
  return {
    handle: await open(),
    dataDir,
    reopen: open,
    async cleanup() {
      await closeAll();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
