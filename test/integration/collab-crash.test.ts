import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock, type AppContext } from "../../server/context.ts";
import { listChanges } from "../../server/collab/versions.ts";
import { addMember, createInvestigation, type TestUser } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// kill -9 of the server process mid-editing: every update any peer had seen must survive.

const root = path.resolve(import.meta.dirname, "../..");
let db: TestDatabase;
let inv: string;
let writer: TestUser;
let watcher: TestUser;
const children: ChildProcess[] = [];
const peers: TestPeer[] = [];

async function startChild(): Promise<{ child: ChildProcess; wsUrl: string; origin: string; stderr: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/integration/helpers/collab-server-process.ts"], {
    cwd: root,
    env: {
      ...process.env,
      COLLAB_DATA_DIR: db.dataDir ?? "",
      COLLAB_DATABASE_URL: db.url ?? "",
      COLLAB_PORT: "0",
      COLLAB_COMPACT_AFTER: "15", // compactions happen while editing, so a kill can land in one
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (err += d));
  const port = await waitFor(() => /READY (\d+)/.exec(out)?.[1] ?? (child.exitCode !== null ? Promise.reject(new Error(err)) : null), "child server ready", 60_000);
  return { child, wsUrl: `ws://127.0.0.1:${port}/collab`, origin: `http://127.0.0.1:${port}`, stderr: () => err };
}

beforeAll(async () => {
  db = await openTestDatabase({ persistent: true });
  const ctx = { db: db.handle.db, clock: systemClock } as AppContext;
  inv = await createInvestigation(ctx);
  writer = await addMember(ctx, inv, "onderzoeker", "Schrijver");
  watcher = await addMember(ctx, inv, "toezichthouder", "Kijker");
  await db.handle.close(); // PGlite: one process per folder; the child takes it from here
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await db?.cleanup();
});

describe("collaboration: crash safety", () => {
  it("after kill -9 mid-editing and a restart, every update another peer had seen is there", async () => {
    const first = await startChild();
    const a = connectPeer(first, inv, writer);
    const b = connectPeer(first, inv, watcher);
    peers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const party = randomUUID();
    addParty(a.doc, party, "Jeugdbescherming");

    // The writer keeps editing at its own pace; the watcher records what reaches it.
    const written: string[] = [];
    const editing = setInterval(() => {
      const id = randomUUID();
      written.push(id);
      addEvent(a.doc, id, party, { title: `Feit ${written.length}` });
    }, 3);
    try {
      await waitFor(() => b.doc.getMap("events").size >= 40, "watcher has seen 40 events", 30_000);
      first.child.kill("SIGKILL"); // mid-editing: updates are in flight
      await waitFor(() => first.child.signalCode === "SIGKILL", "child killed");
    } finally {
      clearInterval(editing);
    }
    // Whatever the watcher received before the socket died counts as seen.
    await waitFor(() => !b.provider.wsconnected, "watcher disconnected");
    const seen = [...b.doc.getMap("events").keys()];
    const seenParty = b.doc.getMap("parties").has(party);
    expect(seen.length).toBeGreaterThanOrEqual(40);
    expect(seenParty).toBe(true);
    // The old peers go away with their local copies, so they cannot re-send anything.
    a.destroy();
    b.destroy();

    const second = await startChild();
    const c = connectPeer(second, inv, watcher);
    peers.push(c);
    await synced(c);
    const events = c.doc.getMap("events");
    const missing = seen.filter((id) => !events.has(id));
    expect(missing, `missing after restart; child stderr: ${second.stderr()}`).toEqual([]);
    expect(c.doc.getMap("parties").has(party)).toBe(true);
    // Nothing invented either: only what the writer wrote.
    for (const id of events.keys()) expect(written).toContain(id);
    c.destroy();
    second.child.kill("SIGTERM");
    await waitFor(() => second.child.exitCode !== null || second.child.signalCode !== null, "child stopped", 20_000);

    // The history names every fact seen, also those whose summaries were still in memory at the
    // kill (written behind the log): recovered from the log when the document loaded again.
    const reopened = await db.reopen();
    const touched = new Set(
      (await listChanges({ db: reopened.db }, inv, { limit: 1000 })).filter((ch) => ch.userId === writer.userId).flatMap((ch) => ch.entityIds),
    );
    expect(seen.filter((id) => !touched.has(`events:${id}`))).toEqual([]);
    await reopened.close();
  });
});
