// Edit→peer latency across two instances on one PostgreSQL against one instance (ADR 0014).
//
//   TEST_DATABASE_URL=postgres://… node --import tsx bench/collab/instances.ts [peers] [edits] [passes]
//
// Two collaboration servers in processes of their own (test/integration/helpers/collab-server-process.ts)
// on one fresh database. "same": every peer on instance 1. "cross": the peers split over both
// instances. One writer (an onderzoeker) adds a fact at a time; each edit is timed until every
// other peer has it. Passes alternate same/cross so load drifts hit both alike.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { systemClock, type AppContext } from "../../server/context.ts";
import { addMember, createInvestigation } from "../../test/integration/helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, synced, waitFor, type TestPeer } from "../../test/integration/helpers/collab-client.ts";
import { openTestDatabase } from "../../test/integration/helpers/test-db.ts";

const [peersArg, editsArg, passesArg] = process.argv.slice(2).map(Number);
const PEERS = peersArg || 10;
const EDITS = editsArg || 300;
const PASSES = passesArg || 3;
if (!process.env.TEST_DATABASE_URL) {
  console.error("TEST_DATABASE_URL (a PostgreSQL server) is nodig: meerdere instanties delen één PostgreSQL.");
  process.exit(2);
}
const root = path.resolve(import.meta.dirname, "../..");
const db = await openTestDatabase();
const children: ChildProcess[] = [];

async function instance(): Promise<{ wsUrl: string; origin: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/integration/helpers/collab-server-process.ts"], {
    cwd: root,
    env: { ...process.env, COLLAB_DATABASE_URL: db.url ?? "", COLLAB_PORT: "0" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  const port = await waitFor(() => /READY (\d+)/.exec(out)?.[1], "instance ready", 60_000);
  return { wsUrl: `ws://127.0.0.1:${port}/collab`, origin: `http://127.0.0.1:${port}` };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

async function pass(mode: "same" | "cross", servers: { wsUrl: string; origin: string }[]): Promise<number[]> {
  const ctx = { db: db.handle.db, clock: systemClock } as AppContext;
  const inv = await createInvestigation(ctx);
  const writerUser = await addMember(ctx, inv, "onderzoeker", "Schrijver");
  const peers: TestPeer[] = [];
  for (let i = 0; i < PEERS; i++) {
    const user = i === 0 ? writerUser : await addMember(ctx, inv, "procesbegeleider", `Lezer ${i}`);
    peers.push(connectPeer(servers[mode === "same" ? 0 : i % 2], inv, user));
  }
  await Promise.all(peers.map((p) => synced(p)));
  const [writer, ...others] = peers;
  const party = randomUUID();
  addParty(writer.doc, party, "Wijkteam");
  await waitFor(() => others.every((p) => p.doc.getMap("parties").has(party)), "party everywhere", 10_000);
  const latencies: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const id = randomUUID();
    const t0 = performance.now();
    addEvent(writer.doc, id, party, { title: `Feit ${i}` });
    await waitFor(() => others.every((p) => p.doc.getMap("events").has(id)), "edit everywhere", 10_000, 0);
    latencies.push(performance.now() - t0);
  }
  for (const p of peers) p.destroy();
  return latencies;
}

try {
  const servers = [await instance(), await instance()];
  const all: Record<"same" | "cross", number[]> = { same: [], cross: [] };
  for (let i = 0; i < PASSES; i++) {
    for (const mode of ["same", "cross"] as const) {
      const l = await pass(mode, servers);
      all[mode].push(...l);
      console.log(`${mode.padEnd(6)} pass ${i + 1}: p50 ${pct(l, 50).toFixed(2)} ms, p99 ${pct(l, 99).toFixed(2)} ms`);
    }
  }
  const s99 = pct(all.same, 99);
  const c99 = pct(all.cross, 99);
  console.log(
    `\n${PEERS} peers, ${EDITS} edits × ${PASSES} passes. same instance p50/p99 ${pct(all.same, 50).toFixed(2)}/${s99.toFixed(2)} ms; ` +
      `across instances ${pct(all.cross, 50).toFixed(2)}/${c99.toFixed(2)} ms; ratio p99 ${(c99 / s99).toFixed(2)}×`,
  );
} finally {
  await Promise.all(
    children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill("SIGTERM"))))),
  );
  await db.cleanup();
}
