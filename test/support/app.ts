import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startApp, type RunningApp } from "../../server/app.ts";
import { loadConfig } from "../../server/config.ts";
import type { Clock } from "../../server/context.ts";
import { seedDemo, type DemoOptions } from "../../db/seed.ts";
import { copyPgliteTemplate, createDatabaseFromTemplate } from "./template-database.ts";

/**
 * A fresh, migrated database for one test file, copied from the template
 * (test/support/template-database.ts): a new database on the server named by TEST_DATABASE_URL
 * when set (real PostgreSQL), otherwise PGlite in a temporary folder.
 */
export async function freshDatabase(): Promise<{ databaseUrl?: string; dataDir: string; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "ketenlijn-test-"));
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    await copyPgliteTemplate(dataDir);
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `ketenlijn_test_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await createDatabaseFromTemplate(admin, name);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const s = postgres(admin, { max: 1, onnotice: () => {} });
      await s.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await s.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A settable clock for expiry and deadline tests. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now() {
    return new Date(this.current);
  }
  set(d: Date) {
    this.current = d;
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestApp extends RunningApp {
  url: string;
  demoInvestigationId: string;
  stop(): Promise<void>;
}

/** Starts the real server (built app, real database) on a free port, with the demo seeded. */
export async function startTestApp(
  opts: { clock?: Clock; seed?: boolean; demo?: DemoOptions; env?: Record<string, string | undefined> } = {},
): Promise<TestApp> {
  const database = await freshDatabase();
  // Listening on 127.0.0.1 also makes it the origin of e-mailed links (no PUBLIC_URL here).
  const config = {
    ...loadConfig({ NODE_ENV: "production", HOST: "127.0.0.1", KETENLIJN_DEV_OUTBOX: "1", ...opts.env }),
    port: 0,
    databaseUrl: database.databaseUrl,
    dataDir: database.dataDir,
  };
  const logs: string[] = [];
  const running = await startApp(config, { clock: opts.clock, log: (l) => logs.push(l) });
  const address = running.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const { investigationId } = opts.seed === false ? { investigationId: "" } : await seedDemo(running.ctx, opts.demo);
  return {
    ...running,
    url: `http://127.0.0.1:${port}`,
    demoInvestigationId: investigationId,
    async stop() {
      await running.close();
      await database.drop();
    },
  };
}
