import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { PGliteThread } from "./pglite-thread.ts";
import * as schema from "./schema/index.ts";

export { schema };

// Both drivers expose the same query builder; we type the handle as the postgres.js one.
export type Database = PostgresJsDatabase<typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
  /** Embedded database only: settles when its thread died (the process cannot go on without it). */
  failed?: Promise<Error>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

/**
 * Opens PostgreSQL when a URL is given, otherwise an embedded PGlite database in a thread of its
 * own (file-backed in dataDir, or in memory when dataDir is "memory://").
 * Migrations run every time: they are idempotent. `loadDataDir` (in memory only, for tests): a dump
 * of a data folder to start from, e.g. one already migrated.
 */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; loadDataDir?: string }): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const sql = postgres(opts.databaseUrl, { max: 10, onnotice: () => {} });
    const db = drizzlePostgres(sql, { schema });
    await migratePostgres(db, { migrationsFolder });
    return { db, kind: "postgres", close: () => sql.end({ timeout: 5 }) };
  }
  if (opts.dataDir !== "memory://") mkdirSync(opts.dataDir, { recursive: true });
  // In a worker thread, so its statements do not hold up the server's thread (ADR 0007).
  const client =
    opts.dataDir === "memory://"
      ? new PGliteThread(null, { loadDataDir: opts.loadDataDir })
      : new PGliteThread(path.resolve(opts.dataDir, "pglite"));
  await client.waitReady;
  const db = drizzlePglite({ client: client as unknown as PGlite, schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Database, kind: "pglite", close: () => client.close(), failed: client.failed };
}
