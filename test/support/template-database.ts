import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { openDatabase } from "../../db/client.ts";

/**
 * One migrated template database, made once and copied for every test file (ADR 0016): migrating
 * afresh costs seconds per file, a copy a fraction of that.
 *
 * - PGlite: a migrated data folder and its dump (a tar), in the temp folder under a name that
 *   hashes the migrations and the PGlite version, so a new migration makes a new template.
 *   A file-backed test database starts as a copy of the folder, an in-memory one from the dump.
 * - PostgreSQL (`TEST_DATABASE_URL`): a database `kl_template_<hash>` on that server; test
 *   databases are made with `CREATE DATABASE … TEMPLATE` it.
 *
 * The migrations still run when a test opens the copy (openDatabase always migrates): they find
 * nothing to do, and a template that somehow lagged behind would be brought up to date.
 */

const root = path.resolve(import.meta.dirname, "../..");
const migrationsFolder = path.join(root, "db/migrations");

function migrationsHash(): string {
  const hash = createHash("sha256");
  const pglite = JSON.parse(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as { version: string };
  hash.update(`pglite ${pglite.version}\n`);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, name.name);
      if (name.isDirectory()) walk(full);
      else hash.update(`${path.relative(migrationsFolder, full)}\n`).update(readFileSync(full));
    }
  };
  walk(migrationsFolder);
  return hash.digest("hex").slice(0, 16);
}

export interface PgliteTemplate {
  /** The migrated PGlite data folder: copy it to `<dataDir>/pglite`. */
  folder: string;
  /** The same folder as an uncompressed dump, for `openDatabase({ loadDataDir })` in memory. */
  dump: string;
}

let pgliteTemplate: Promise<PgliteTemplate> | null = null;

/** The PGlite template, made when missing (by the global set-up, or by the first test file). */
export function ensurePgliteTemplate(): Promise<PgliteTemplate> {
  pgliteTemplate ??= makePgliteTemplate();
  return pgliteTemplate;
}

async function makePgliteTemplate(): Promise<PgliteTemplate> {
  const dir = path.join(os.tmpdir(), `ketenlijn-test-template-${migrationsHash()}`);
  const done = { folder: path.join(dir, "pglite"), dump: path.join(dir, "pglite.tar") };
  if (existsSync(done.dump)) return done;
  // Made aside and renamed into place, so parallel makers never see half a template.
  const work = `${dir}.${process.pid}-${randomBytes(4).toString("hex")}`;
  mkdirSync(work, { recursive: true });
  try {
    const handle = await openDatabase({ dataDir: work });
    await handle.close();
    const pg = new PGlite(path.join(work, "pglite"));
    await pg.waitReady;
    const dump = await pg.dumpDataDir("none");
    await pg.close();
    writeFileSync(path.join(work, "pglite.tar"), Buffer.from(await dump.arrayBuffer()));
    try {
      renameSync(work, dir);
    } catch (err) {
      if (!existsSync(done.dump)) throw err; // someone else finished first: theirs is as good
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return done;
}

/** Fills `<dataDir>/pglite` with a copy of the migrated template. */
export async function copyPgliteTemplate(dataDir: string): Promise<void> {
  const { folder } = await ensurePgliteTemplate();
  cpSync(folder, path.join(dataDir, "pglite"), { recursive: true });
}

const postgresTemplates = new Map<string, Promise<string>>();

/** The name of the migrated template database on the PostgreSQL server at `serverUrl`. */
export function ensurePostgresTemplate(serverUrl: string): Promise<string> {
  let made = postgresTemplates.get(serverUrl);
  if (!made) {
    made = makePostgresTemplate(serverUrl);
    postgresTemplates.set(serverUrl, made);
  }
  return made;
}

async function makePostgresTemplate(serverUrl: string): Promise<string> {
  const name = `kl_template_${migrationsHash()}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`SELECT 1 AS one FROM pg_database WHERE datname = ${name}`;
    if (found) return name;
    const work = `kl_template_work_${randomBytes(6).toString("hex")}`;
    await admin.unsafe(`CREATE DATABASE "${work}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${work}`;
    const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: "unused" });
    await handle.close();
    try {
      await admin.unsafe(`ALTER DATABASE "${work}" RENAME TO "${name}"`);
    } catch (err) {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${work}" WITH (FORCE)`);
      const [other] = await admin`SELECT 1 AS one FROM pg_database WHERE datname = ${name}`;
      if (!other) throw err; // someone else finished first: theirs is as good
    }
    return name;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Creates database `name` on the server as a copy of the migrated template. */
export async function createDatabaseFromTemplate(serverUrl: string, name: string): Promise<void> {
  const template = await ensurePostgresTemplate(serverUrl);
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Vitest global set-up: makes the template once, before the test files start in parallel. */
export default async function setup() {
  await ensurePgliteTemplate();
  if (process.env.TEST_DATABASE_URL) await ensurePostgresTemplate(process.env.TEST_DATABASE_URL);
}
