import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { systemClock, type AppContext } from "../../server/context.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, type TestUser } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { startNginx, type RunningNginx } from "./helpers/nginx.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// Two instances in processes of their own behind Debian's nginx (round robin, no sticky sessions),
// one PostgreSQL: kill -9 one instance mid-editing; its peers reconnect through nginx to the other
// and nothing any peer had seen is lost (ADR 0014).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const root = path.resolve(import.meta.dirname, "../..");

let db: TestDatabase;
let nginx: RunningNginx;
let inv: string;
let writer: TestUser;
let watcher: TestUser;
const children: ChildProcess[] = [];
const peers: TestPeer[] = [];

async function startInstance(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/integration/helpers/collab-server-process.ts"], {
    cwd: root,
    env: { ...process.env, COLLAB_DATABASE_URL: db.url ?? "", COLLAB_PORT: "0", COLLAB_COMPACT_AFTER: "15" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const port = await waitFor(
    () => /READY (\d+)/.exec(out)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(err)) : null),
    "instance ready",
    60_000,
  );
  return { child, port: Number(port) };
}

const titles = (p: TestPeer) => [...p.doc.getMap<Y.Map<unknown>>("events").values()].map((e) => e.get("title") as string);

describe.skipIf(!onPostgres)("collaboration: two instances behind nginx", () => {
  let first: { child: ChildProcess; port: number };
  let second: { child: ChildProcess; port: number };

  beforeAll(async () => {
    db = await openTestDatabase();
    const ctx = { db: db.handle.db, clock: systemClock } as AppContext;
    inv = await createInvestigation(ctx);
    writer = await addMember(ctx, inv, "onderzoeker", "Schrijver");
    watcher = await addMember(ctx, inv, "procesbegeleider", "Kijker");
    [first, second] = await Promise.all([startInstance(), startInstance()]);
    nginx = await startNginx([`127.0.0.1:${first.port}`, `127.0.0.1:${second.port}`]);
  });

  afterAll(async () => {
    for (const p of peers) p.destroy();
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await nginx?.stop();
    await db?.cleanup();
  });

  it("peers on either instance converge, and after kill -9 of one everything seen survives", async () => {
    const lb = { wsUrl: `ws://127.0.0.1:${nginx.port}/collab`, origin: `http://127.0.0.1:${nginx.port}` };
    const a = connectPeer(lb, inv, writer);
    const b = connectPeer(lb, inv, watcher);
    peers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const party = randomUUID();
    addParty(a.doc, party, "Jeugdbescherming");

    const written: string[] = [];
    const write = () => {
      const title = `Feit ${written.length + 1}`;
      written.push(title);
      addEvent(a.doc, randomUUID(), party, { title });
    };
    const editing = setInterval(write, 5);
    let seenBeforeKill: string[] = [];
    try {
      await waitFor(() => b.doc.getMap("events").size >= 40, "watcher has seen 40 facts", 10_000).catch((e) => { console.log("DEBUG", a.doc.getMap("events").size, b.doc.getMap("events").size, a.provider.wsconnected, b.provider.wsconnected, a.closes, b.closes, a.notices); throw e; });
      first.child.kill("SIGKILL"); // mid-editing, with compactions going on (COLLAB_COMPACT_AFTER)
      seenBeforeKill = titles(b);
      await waitFor(() => first.child.signalCode === "SIGKILL", "instance killed");
    } finally {
      clearInterval(editing);
    }
    // Whoever was on the killed instance reconnects through nginx to the other; editing goes on.
    for (let i = 0; i < 5; i++) write();
    await waitFor(() => titles(b).length === written.length && titles(a).length === written.length, "both peers have every fact", 30_000);

    const stored = await loadDoc(db.handle.db, inv);
    const storedTitles = [...stored.getMap<Y.Map<unknown>>("events").values()].map((e) => e.get("title") as string);
    for (const t of seenBeforeKill) expect(storedTitles).toContain(t);
    expect(storedTitles.sort()).toEqual([...written].sort());
  });
});
