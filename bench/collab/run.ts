// Collaboration benchmark (issue 3): our collaboration server (server/collab) against the bare
// reference (@y/websocket-server's setupWSConnection, no auth, no persistence), in the same run.
// Not a test: nothing here asserts on time. Method and figures: bench/README.md, "Collaboration".
//
//   node --import tsx bench/collab/run.ts [--clients 10,50,200] [--docs 1,20] [--seconds 12]
//        [--warmup 3] [--rate 2] [--db pglite|postgres|pglite,postgres] [--servers ref,ours]
//        [--ketenpartner 50x1,50x20|none] [--extra 200x1@0.125|none] [--no-write-check] [--json <file>]
//        [--repeat N] [--cpu-prof] [--ours-limits projectionDebounceMs=10000,...]
//
// Per configuration (clients × docs) and server: the server runs in a child process of its own
// (server-child.ts, --expose-gc, IPC), the clients in this process: real y-websocket
// WebsocketProviders (disableBc), each in one investigation (client i in document i mod docs).
// Every client edits its own event at a steady rate (`--rate` edits/s, random phase): four of five
// edits change the title (updateEvent), every fifth adds a new event on its lane (createEvent), the
// way the timeline UI writes. The title carries the sender and the send time; every other peer in
// the same document records when it sees it (edit→peer latency). Edits sent during the measured
// window count; warm-up before, then a drain until all peers of each document have the same state.
// "--db postgres" needs TEST_DATABASE_URL (a PostgreSQL URL whose user may CREATE DATABASE).
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import { createEvent, updateEvent } from "../../app/domain/timeline/mutations.ts";
import type { Role } from "../../test/integration/helpers/collab-harness.ts";
import { connectPeer, type TestPeer } from "../../test/integration/helpers/collab-client.ts";
import { connectHocuspocusPeer } from "./hocuspocus-peer.ts";

/** ref: the bare y-websocket server; ours; hp: Hocuspocus 3.4 with its Database extension. */
type ServerKind = "ref" | "ours" | "hp";
import type { BenchClientSpec, ChildRequest, Sample, SetupReply, StopReply } from "./server-child.ts";
import { measureWriteCheck, type WriteCheckRow } from "./write-check.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

// ------------------------------------------------------------------ options

function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) return args[i + 1];
    if (args[i].startsWith(`--${name}=`)) return args[i].slice(name.length + 3);
  }
  return undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);
const list = (v: string | undefined, dflt: string) => (v ?? dflt).split(",").map((s) => s.trim()).filter(Boolean);

const CLIENTS = list(option("clients"), "10,50,200").map(Number);
const DOCS = list(option("docs"), "1,20").map(Number);
const SECONDS = Number(option("seconds") ?? 12);
const WARMUP = Number(option("warmup") ?? 3);
const RATE = Number(option("rate") ?? 2);
const DBS = list(option("db"), "pglite") as ("pglite" | "postgres")[];
const SERVERS = list(option("servers"), "ref,ours") as ServerKind[];
/** Extra runs with ketenpartners (write check on every update), e.g. "50x1,50x20"; "none" for none. */
const KP = list(option("ketenpartner"), "50x1").filter((k) => k !== "none");
/**
 * Extra configurations at another rate, "<clients>x<docs>@<edits/s per client>": 200 clients in one
 * document at 2 edits/s means 80,000 updates/s to apply in the clients' process, more than this
 * machine can do; at 0.125 edits/s the fan-out (~5,000/s) is that of 50 clients at 2 edits/s.
 */
/**
 * --ours-limits k=v,...: CollabLimits overrides for our server (e.g. projectionDebounceMs=10000,
 * awarenessBurst=1000), to see where the time goes; the default run uses the production defaults.
 */
const OURS_LIMITS: Record<string, number> = Object.fromEntries(
  list(option("ours-limits"), "").map((kv) => {
    const [k, v] = kv.split("=");
    return [k, Number(v)];
  }),
);
/** --repeat N: the whole plan N times over (interleaved in time); the summary takes medians. */
const REPEAT = Math.max(1, Number(option("repeat") ?? 1));
const EXTRA = list(option("extra"), "200x1@0.125").filter((e) => e !== "none");
const WRITE_CHECK = !flag("no-write-check");
const JSON_OUT = option("json") ?? path.join(repoRoot, "tmp", `bench-collab-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
/** --cpu-prof: the server processes write V8 CPU profiles here (summarise with profile-summary.ts). */
const CPU_PROF = flag("cpu-prof") ? path.join(repoRoot, "tmp", "bench-collab-prof") : null;
const DRAIN_MS = 15_000;
const CONNECT_MS = 60_000;

if (DBS.includes("postgres") && !process.env.TEST_DATABASE_URL) {
  console.error("--db postgres needs TEST_DATABASE_URL (see bench/README.md, Collaboration)");
  process.exit(2);
}

// ------------------------------------------------------------------ the server child

type Request = ChildRequest extends infer R ? (R extends ChildRequest ? Omit<R, "id"> : never) : never;

interface Child {
  proc: ChildProcess;
  request<T>(msg: Request, timeoutMs?: number): Promise<T>;
}

async function startChild(server: ServerKind, db: "pglite" | "postgres", name: string): Promise<Child> {
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_SERVER: server };
  if (Object.keys(OURS_LIMITS).length) env.BENCH_LIMITS = JSON.stringify(OURS_LIMITS);
  if (db !== "postgres") delete env.TEST_DATABASE_URL;
  const proc = fork(path.join(here, "server-child.ts"), [], {
    cwd: repoRoot,
    env,
    execArgv: ["--import", "tsx", "--expose-gc", ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.join(CPU_PROF, name)}`] : [])],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let next = 1;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  proc.on("message", (msg: { id?: number; result?: unknown; error?: string }) => {
    if (msg.id === undefined) return;
    const w = waiting.get(msg.id);
    if (!w) return;
    waiting.delete(msg.id);
    if (msg.error) w.reject(new Error(msg.error));
    else w.resolve(msg.result);
  });
  proc.on("exit", () => {
    for (const w of waiting.values()) w.reject(new Error("server process exited"));
    waiting.clear();
  });
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("server process did not start")), 30_000);
    proc.once("message", () => {
      clearTimeout(t);
      resolve();
    });
    proc.once("exit", (code) => reject(new Error(`server process exited early (${code})`)));
  });
  return {
    proc,
    request<T>(msg: Request, timeoutMs = 120_000) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`server process did not answer ${msg.type}`));
        }, timeoutMs);
        waiting.set(id, {
          resolve: (v) => {
            clearTimeout(t);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(t);
            reject(e);
          },
        });
        proc.send({ ...msg, id });
      });
    },
  };
}

// ------------------------------------------------------------------ one run

interface RunConfig {
  server: ServerKind;
  db: "pglite" | "postgres";
  clients: number;
  docs: number;
  role: Role;
  /** Edits per second per client. */
  rate: number;
  /** Which pass of --repeat (0-based). */
  repeat: number;
}

interface RunResult extends RunConfig {
  database: string;
  connectMs: number;
  latency: { count: number; p50: number; p99: number; max: number; mean: number };
  editsSent: number;
  /** Edits sent in the window × other peers in the document. */
  expectedDeliveries: number;
  /** Of those, seen at the peers (an edit overwritten before a peer saw it is not seen). */
  seenDeliveries: number;
  editsSeenPerSec: number;
  updatesAppliedPerSec: number;
  disconnects: number;
  connectionErrors: number;
  connectFailures: number;
  /** Close codes and reasons the clients saw while the run was on (not at the end). */
  closeReasons: Record<string, number>;
  /**
   * Awareness messages each client sent (the stock client re-sends every awareness change it
   * applies, its peers' included): mean per client per second in the window, and the most one
   * client sent in any one second of the run (connect phase included).
   */
  awareness: { perClientPerSec: number; maxPerClientSecond: number };
  notices: number;
  unconvergedDocs: number;
  memory: { openDocs: number; heapPerDocKB: number; rssPerDocKB: number; heapDeltaMB: number; rssDeltaMB: number; externalPerDocKB: number };
  serverCpuPct: number;
  clientCpuPct: number;
  serverEld: Sample["eld"];
  clientEld: { p50: number; p99: number; max: number };
  stop: StopReply;
  wallMs: number;
  drainMs: number;
  /** 1-minute load average of the machine at the end of the window (other work on it shows here). */
  loadAvg: number;
  /** Samples of the server process that timed out (its event loop was blocked for 30 s). */
  sampleTimeouts: number;
}

const TITLE = /^c(\d+)#(\d+)@([\d.]+)$/;

interface Peer {
  spec: BenchClientSpec;
  peer: TestPeer;
  docIndex: number;
  seq: number;
  timer: NodeJS.Timeout | null;
  synced: boolean;
  /** Awareness messages sent, by whole second of performance.now(). */
  awareness: Map<number, number>;
  awarenessInWindow: number;
}

async function runOnce(cfg: RunConfig): Promise<RunResult> {
  const wall0 = performance.now();
  const child = await startChild(cfg.server, cfg.db, `${cfg.server === "ref" ? "ref" : `${cfg.server}-${cfg.db}`}-${cfg.clients}x${cfg.docs}-${cfg.role}`);
  const peers: Peer[] = [];
  let dataDir: string | undefined;
  try {
    const setup = await child.request<SetupReply>({ type: "setup", clients: cfg.clients, docs: cfg.docs, role: cfg.role }, 300_000);
    // A server that does not answer a sample within 30 s (its event loop blocked) gets NaN figures
    // for CPU and memory; the latency figures of the run still count.
    const NO_SAMPLE: Sample = {
      at: NaN,
      mem: { rss: NaN, heapTotal: NaN, heapUsed: NaN, external: NaN, arrayBuffers: NaN },
      cpu: { user: NaN, system: NaN },
      openDocs: NaN,
      connections: NaN,
      eld: { p50: NaN, p99: NaN, max: NaN },
    };
    let sampleTimeouts = 0;
    const sample = (gc: boolean) =>
      child.request<Sample>({ type: "sample", gc }, 30_000).catch(() => {
        sampleTimeouts++;
        return NO_SAMPLE;
      });
    dataDir = setup.dataDir;
    const base = await sample(true);

    // Window bookkeeping (performance.now() of this process: senders and receivers share it).
    let windowStart = Infinity;
    let windowEnd = Infinity;
    const latencies: number[] = [];
    let editsSent = 0;
    let expectedDeliveries = 0;
    let seenInWindow = 0;
    let updatesInWindow = 0;
    let closing = false;
    let disconnects = 0;
    let connectionErrors = 0;
    const closeReasons: Record<string, number> = {};
    const docIds = [...new Set(setup.clients.map((c) => c.investigationId))];
    const peersPerDoc = new Map<string, number>();
    for (const c of setup.clients) peersPerDoc.set(c.investigationId, (peersPerDoc.get(c.investigationId) ?? 0) + 1);

    const t0 = performance.now();
    for (const spec of setup.clients) {
      const peer =
        cfg.server === "hp"
          ? connectHocuspocusPeer({ wsUrl: setup.wsUrl }, spec.investigationId)
          : connectPeer({ wsUrl: setup.wsUrl, origin: setup.origin }, spec.investigationId, spec.cookie ? { cookie: spec.cookie } : null);
      peer.provider.awareness.setLocalStateField("user", { name: `Client ${spec.index}` });
      const p: Peer = {
        spec,
        peer,
        docIndex: docIds.indexOf(spec.investigationId),
        seq: 0,
        timer: null,
        synced: false,
        awareness: new Map(),
        awarenessInWindow: 0,
      };
      // The provider sends one awareness message per awareness "update" event while connected.
      peer.provider.awareness.on("update", () => {
        if (!peer.provider.wsconnected) return;
        const now = performance.now();
        const second = Math.floor(now / 1000);
        p.awareness.set(second, (p.awareness.get(second) ?? 0) + 1);
        if (now >= windowStart && now <= windowEnd) p.awarenessInWindow++;
      });
      peer.provider.on("sync", (s: boolean) => {
        if (s) p.synced = true;
      });
      peer.provider.on("connection-close", (event: { code: number; reason: string } | null) => {
        if (closing) return;
        if (p.synced) disconnects++;
        const key = event ? `${event.code} ${event.reason}`.trim() : "no event";
        closeReasons[key] = (closeReasons[key] ?? 0) + 1;
      });
      peer.provider.on("connection-error", () => {
        if (!closing) connectionErrors++;
      });
      const eventMap = peer.doc.getMap("events");
      const events = eventMap as unknown as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>;
      const record = (title: unknown, now: number) => {
        if (typeof title !== "string") return;
        const m = TITLE.exec(title);
        if (!m) return;
        const sentAt = Number(m[3]);
        if (now >= windowStart && now <= windowEnd) seenInWindow++;
        if (sentAt >= windowStart && sentAt <= windowEnd) latencies.push(now - sentAt);
      };
      peer.doc.on("afterTransaction", (tr: Y.Transaction) => {
        if (tr.local) return;
        const now = performance.now();
        for (const [type, keys] of tr.changed) {
          if (type === events) {
            for (const key of keys) {
              const ev = key === null ? undefined : eventMap.get(key);
              if (ev instanceof Y.Map) record(ev.get("title"), now);
            }
          } else if (type instanceof Y.Map && type._item?.parent === events && keys.has("title")) {
            record(type.get("title"), now);
          }
        }
      });
      peer.doc.on("update", (_u: Uint8Array, origin: unknown) => {
        if (origin === peer.provider) {
          const now = performance.now();
          if (now >= windowStart && now <= windowEnd) updatesInWindow++;
        }
      });
      peers.push(p);
    }
    // Everyone connected and synced.
    const connectDeadline = performance.now() + CONNECT_MS;
    while (peers.some((p) => !p.peer.provider.synced) && performance.now() < connectDeadline) await sleep(20);
    const connectMs = performance.now() - t0;
    const connectFailures = peers.filter((p) => !p.peer.provider.synced).length;

    // Steady editing, random phase per client.
    const period = 1000 / cfg.rate;
    const edit = (p: Peer) => {
      if (!p.peer.provider.wsconnected) return;
      p.seq++;
      const sentAt = performance.now();
      const title = `c${p.spec.index}#${p.seq}@${sentAt.toFixed(3)}`;
      const ctx = { userId: p.spec.userId ?? `bench-${p.spec.index}` };
      if (p.seq % 5 === 0) createEvent(p.peer.doc, { title, party: p.spec.partyId, start: "2024-02-01", kind: "contact" }, ctx);
      else updateEvent(p.peer.doc, p.spec.eventId, { title }, ctx);
      if (sentAt >= windowStart && sentAt <= windowEnd) {
        editsSent++;
        expectedDeliveries += (peersPerDoc.get(p.spec.investigationId) ?? 1) - 1;
      }
    };
    for (const p of peers) {
      const start = setTimeout(() => {
        edit(p);
        p.timer = setInterval(() => edit(p), period);
      }, Math.random() * period);
      p.timer = start;
    }
    await sleep(WARMUP * 1000);

    const clientEld = monitorEventLoopDelay({ resolution: 1 });
    const cpu0 = process.cpuUsage();
    const s0 = await sample(false);
    windowStart = performance.now();
    clientEld.enable();
    await sleep(SECONDS * 1000);
    windowEnd = performance.now();
    clientEld.disable();
    const cpu1 = process.cpuUsage(cpu0);
    const s1 = await sample(false);
    for (const p of peers) {
      if (p.timer) {
        clearTimeout(p.timer);
        clearInterval(p.timer);
      }
    }

    // Drain: every document's peers agree (same state vector), or give up after DRAIN_MS.
    const sv = (p: Peer) => Buffer.from(Y.encodeStateVector(p.peer.doc)).toString("base64");
    const unconverged = () =>
      docIds.filter((id) => {
        const vs = new Set(peers.filter((p) => p.spec.investigationId === id).map(sv));
        return vs.size > 1;
      }).length;
    const loadAvg = os.loadavg()[0];
    const drain0 = performance.now();
    const drainUntil = drain0 + DRAIN_MS;
    let open = unconverged();
    while (open > 0 && performance.now() < drainUntil) {
      await sleep(100);
      open = unconverged();
    }
    const drainMs = performance.now() - drain0;
    const end = await sample(true);

    closing = true;
    const notices = peers.reduce((n, p) => n + p.peer.notices.length, 0);
    for (const p of peers) p.peer.destroy();
    const stop = await child.request<StopReply>({ type: "stop" }, 120_000).catch(
      (err): StopReply => ({ counters: null, transactions: null, logs: [`stop failed: ${err instanceof Error ? err.message : String(err)}`] }),
    );

    latencies.sort((a, b) => a - b);
    const pick = (q: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : NaN);
    const windowS = (windowEnd - windowStart) / 1000;
    const cpuPct = (c: NodeJS.CpuUsage, ms: number) => ((c.user + c.system) / 1000 / ms) * 100;
    const docsOpen = Number.isNaN(end.openDocs) ? NaN : Math.max(1, end.openDocs);
    return {
      ...cfg,
      database: setup.database,
      connectMs,
      latency: {
        count: latencies.length,
        p50: pick(0.5),
        p99: pick(0.99),
        max: latencies.at(-1) ?? NaN,
        mean: latencies.reduce((s, x) => s + x, 0) / Math.max(1, latencies.length),
      },
      editsSent,
      expectedDeliveries,
      seenDeliveries: latencies.length,
      editsSeenPerSec: seenInWindow / windowS,
      updatesAppliedPerSec: updatesInWindow / windowS,
      disconnects,
      connectionErrors,
      connectFailures,
      closeReasons,
      awareness: {
        perClientPerSec: peers.reduce((n, p) => n + p.awarenessInWindow, 0) / peers.length / windowS,
        maxPerClientSecond: Math.max(0, ...peers.flatMap((p) => [...p.awareness.values()])),
      },
      notices,
      unconvergedDocs: open,
      memory: {
        openDocs: end.openDocs,
        heapDeltaMB: (end.mem.heapUsed - base.mem.heapUsed) / 2 ** 20,
        rssDeltaMB: (end.mem.rss - base.mem.rss) / 2 ** 20,
        heapPerDocKB: (end.mem.heapUsed - base.mem.heapUsed) / 1024 / docsOpen,
        rssPerDocKB: (end.mem.rss - base.mem.rss) / 1024 / docsOpen,
        externalPerDocKB: (end.mem.external - base.mem.external) / 1024 / docsOpen,
      },
      serverCpuPct: cpuPct({ user: s1.cpu.user - s0.cpu.user, system: s1.cpu.system - s0.cpu.system }, s1.at - s0.at),
      clientCpuPct: cpuPct(cpu1, windowEnd - windowStart),
      serverEld: s1.eld,
      clientEld: { p50: clientEld.percentile(50) / 1e6, p99: clientEld.percentile(99) / 1e6, max: clientEld.max / 1e6 },
      stop,
      wallMs: performance.now() - wall0,
      drainMs,
      loadAvg,
      sampleTimeouts,
    };
  } finally {
    for (const p of peers) {
      if (p.timer) {
        clearTimeout(p.timer);
        clearInterval(p.timer);
      }
      p.peer.destroy();
    }
    if (child.proc.exitCode === null) {
      await Promise.race([new Promise((r) => child.proc.once("exit", r)), sleep(5000)]);
      if (child.proc.exitCode === null) {
        child.proc.kill("SIGKILL");
        await Promise.race([new Promise((r) => child.proc.once("exit", r)), sleep(5000)]);
        // It could not clean up after itself.
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

// ------------------------------------------------------------------ the matrix

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "–");

function errorsOf(r: RunResult): number {
  const c = r.stop.counters;
  const serverSide = c ? c.peersClosedForLimits + c.malformedMessages + c.persistFailures + c.updatesRefused : 0;
  return r.disconnects + r.connectionErrors + r.connectFailures + serverSide;
}

function line(r: RunResult): string {
  const tx = r.stop.transactions;
  return [
    `${r.server === "ours" ? `ours${Object.keys(OURS_LIMITS).length ? "*" : ""}/${r.db}` : r.server === "hp" ? `hp/${r.db}` : "ref"}${r.role === "ketenpartner" ? " kp" : ""}`.padEnd(17),
    `${r.clients}×${r.docs}${r.rate !== RATE ? `@${r.rate}` : ""}`.padEnd(11),
    `${f(r.latency.p50)} / ${f(r.latency.p99)} / ${f(r.latency.max, 0)}`.padEnd(22),
    `${f(r.editsSeenPerSec, 0)}`.padStart(7),
    `${f(r.updatesAppliedPerSec, 0)}`.padStart(7),
    `${f((r.seenDeliveries / Math.max(1, r.expectedDeliveries)) * 100, 1)}%`.padStart(7),
    `${f(r.memory.heapPerDocKB, 0)} / ${f(r.memory.rssPerDocKB, 0)}`.padStart(14),
    `${f(r.serverCpuPct, 0)}% / ${f(r.clientCpuPct, 0)}%`.padStart(12),
    `${f(r.connectMs / 1000, 1)}s`.padStart(6),
    `${errorsOf(r)}`.padStart(4),
    `${r.unconvergedDocs}`.padStart(4),
    `${f(r.loadAvg, 1)}`.padStart(5),
    tx?.appendLogBatches
      ? `log commit p50/p99 ${f(tx.appendLogBatches.p50, 1)}/${f(tx.appendLogBatches.p99, 0)} ms, ` +
        `${f(r.stop.counters!.updatesPersisted / Math.max(1, r.stop.counters!.batchesPersisted), 1)} upd/batch, ` +
        `${f(r.stop.counters!.batchesPersisted / Math.max(1, r.stop.counters!.logCommits), 1)} docs/commit`
      : "",
  ].join(" ");
}

const HEADER =
  "server            c×d         p50 / p99 / max (ms)   seen/s  upd/s  seen%  heap/rss KB/doc  cpu srv/cli conn  err unc.  load database";

async function main() {
  // Every WebsocketProvider adds a process "exit" listener.
  process.setMaxListeners(0);
  const started = performance.now();
  console.log(
    `Collaboration benchmark: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ` +
      `${RATE} edits/s per client, ${WARMUP} s warm-up + ${SECONDS} s measured; servers in child processes, clients here.`,
  );
  if (Object.keys(OURS_LIMITS).length) console.log(`ours* = our server with limits ${JSON.stringify(OURS_LIMITS)} (not the defaults)`);
  const results: RunResult[] = [];
  const once: Omit<RunConfig, "repeat">[] = [];
  const plan: RunConfig[] = [];
  const skipped: string[] = [];
  for (const clients of CLIENTS) {
    for (const docs of DOCS) {
      if (clients < 2 * docs) {
        // Fewer than two clients per document: nobody to see an edit.
        skipped.push(`${clients}×${docs}`);
        continue;
      }
      for (const server of SERVERS) {
        if (server === "ref") once.push({ server, db: "pglite", clients, docs, role: "onderzoeker", rate: RATE });
        else for (const db of DBS) once.push({ server, db, clients, docs, role: "onderzoeker", rate: RATE });
      }
    }
  }
  for (const extra of EXTRA) {
    const m = /^(\d+)x(\d+)@([\d.]+)$/.exec(extra);
    if (!m) throw new Error(`--extra: expected <clients>x<docs>@<rate>, got ${extra}`);
    const [clients, docs, rate] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (const server of SERVERS) {
      if (server === "ref") once.push({ server, db: "pglite", clients, docs, role: "onderzoeker", rate });
      else for (const db of DBS) once.push({ server, db, clients, docs, role: "onderzoeker", rate });
    }
  }
  for (const kp of KP) {
    const [c, d] = kp.split("x").map(Number);
    if (!(c > 0 && d > 0)) throw new Error(`--ketenpartner: expected <clients>x<docs>, got ${kp}`);
    // Hocuspocus has no roles: the same clients, each editing its own lane, without a write check.
    for (const server of ["ours", "hp"] as const)
      if (SERVERS.includes(server)) for (const db of DBS) once.push({ server, db, clients: c, docs: d, role: "ketenpartner", rate: RATE });
  }
  for (let repeat = 0; repeat < REPEAT; repeat++) for (const cfg of once) plan.push({ ...cfg, repeat });
  if (skipped.length) console.log(`Skipped (fewer than 2 clients per document): ${skipped.join(", ")}`);
  console.log(HEADER);
  for (const cfg of plan) {
    try {
      const r = await runOnce(cfg);
      results.push(r);
      console.log(line(r));
      console.log(
        `   awareness msgs per client: ${f(r.awareness.perClientPerSec, 1)}/s in the window, at most ${r.awareness.maxPerClientSecond} in one second` +
          (Object.keys(r.closeReasons).length ? `; closes: ${JSON.stringify(r.closeReasons)}` : ""),
      );
      const tx = r.stop.transactions;
      if (tx && Object.keys(tx).length) {
        const kinds = Object.entries(tx).map(([k, t]) => `${k} ${t.count}× ${f(t.totalMs, 0)} ms (p99 ${f(t.p99, 0)}, max ${f(t.max, 0)})`);
        console.log(`   database transactions: ${kinds.join("; ")}; server event-loop delay p99/max ${f(r.serverEld.p99)}/${f(r.serverEld.max, 0)} ms`);
      }
      if (r.stop.logs.length) console.log(`   server log: ${r.stop.logs.slice(-3).join(" | ")}`);
    } catch (err) {
      console.log(`${cfg.server}/${cfg.db} ${cfg.clients}×${cfg.docs}: FAILED ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // Summary: ours vs the reference, per database; with --repeat, medians over the passes (the
  // p99 ratio is the median of the per-pass ratios, each pass's two runs being neighbours in time).
  const median = (xs: number[]) => {
    const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    if (v.length === 0) return NaN;
    return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  };
  const sameConfig = (a: RunConfig, b: RunConfig) => a.clients === b.clients && a.docs === b.docs && a.rate === b.rate;
  const configs = results.filter((r) => r.server === "ref" && r.repeat === 0);
  for (const db of SERVERS.includes("ours") ? DBS : []) {
    console.log(`\nSummary (${db}): edit→peer latency ms, ours vs reference, same run${REPEAT > 1 ? `, medians of ${REPEAT} passes` : ""}`);
    console.log("c×d          ours p50/p99/max        ref p50/p99/max         p99 ours/ref  upd/s ours/ref   heap KB/doc ours/ref  err ours/ref");
    for (const cfg of configs) {
      const refs = results.filter((r) => r.server === "ref" && sameConfig(r, cfg));
      const ours = results.filter((r) => r.server === "ours" && r.db === db && r.role === "onderzoeker" && sameConfig(r, cfg));
      if (ours.length === 0) continue;
      const m = (rs: RunResult[], pick: (r: RunResult) => number) => median(rs.map(pick));
      const ratios = ours.map((o) => {
        const ref = refs.find((r) => r.repeat === o.repeat);
        return ref ? o.latency.p99 / ref.latency.p99 : NaN;
      });
      console.log(
        [
          `${cfg.clients}×${cfg.docs}${cfg.rate !== RATE ? `@${cfg.rate}` : ""}`.padEnd(12),
          `${f(m(ours, (r) => r.latency.p50))}/${f(m(ours, (r) => r.latency.p99))}/${f(m(ours, (r) => r.latency.max), 0)}`.padEnd(23),
          `${f(m(refs, (r) => r.latency.p50))}/${f(m(refs, (r) => r.latency.p99))}/${f(m(refs, (r) => r.latency.max), 0)}`.padEnd(23),
          `${f(median(ratios), 2)}×`.padStart(12),
          `${f(m(ours, (r) => r.updatesAppliedPerSec), 0)}/${f(m(refs, (r) => r.updatesAppliedPerSec), 0)}`.padStart(15),
          `${f(m(ours, (r) => r.memory.heapPerDocKB), 0)}/${f(m(refs, (r) => r.memory.heapPerDocKB), 0)}`.padStart(21),
          `${ours.reduce((n, r) => n + errorsOf(r), 0)}/${refs.reduce((n, r) => n + errorsOf(r), 0)}`.padStart(12),
          REPEAT > 1 ? `  (p99 ratios: ${ratios.map((x) => f(x, 2)).join(", ")})` : "",
        ].join(" "),
      );
    }
    for (const kp of results.filter((r) => r.server === "ours" && r.role === "ketenpartner" && r.db === db)) {
      const same = results.find((r) => r.server === "ours" && r.db === db && r.role === "onderzoeker" && sameConfig(r, kp) && r.repeat === kp.repeat);
      console.log(
        `ketenpartners ${kp.clients}×${kp.docs} (write check on every update): p50/p99/max ${f(kp.latency.p50)}/${f(kp.latency.p99)}/${f(kp.latency.max, 0)} ms, ` +
          `server CPU ${f(kp.serverCpuPct, 0)}%` +
          (same ? `; onderzoekers same run: ${f(same.latency.p50)}/${f(same.latency.p99)}/${f(same.latency.max, 0)} ms, server CPU ${f(same.serverCpuPct, 0)}%` : ""),
      );
    }
  }

  // Ours against Hocuspocus 3.4 (issue 13's goal: p99 ≤ Hocuspocus'), same configurations, same passes.
  for (const db of SERVERS.includes("hp") && SERVERS.includes("ours") ? DBS : []) {
    console.log(`\nSummary (${db}): ours vs Hocuspocus 3.4 + Database extension, p50/p99/max ms${REPEAT > 1 ? `, medians of ${REPEAT} passes` : ""}`);
    const hpRuns = results.filter((r) => r.server === "hp" && r.db === db && r.repeat === 0);
    for (const cfg of hpRuns) {
      const pick = (server: ServerKind) => results.filter((r) => r.server === server && r.db === db && r.role === cfg.role && sameConfig(r, cfg));
      const [ours, hps] = [pick("ours"), pick("hp")];
      if (ours.length === 0) continue;
      const m = (rs: RunResult[], f0: (r: RunResult) => number) => median(rs.map(f0));
      const ratios = ours.map((o) => {
        const h = hps.find((r) => r.repeat === o.repeat);
        return h ? o.latency.p99 / h.latency.p99 : NaN;
      });
      console.log(
        `${cfg.clients}×${cfg.docs}${cfg.role === "ketenpartner" ? " kp" : ""}`.padEnd(12) +
          ` ours ${f(m(ours, (r) => r.latency.p50))}/${f(m(ours, (r) => r.latency.p99))}/${f(m(ours, (r) => r.latency.max), 0)}` +
          `  hp ${f(m(hps, (r) => r.latency.p50))}/${f(m(hps, (r) => r.latency.p99))}/${f(m(hps, (r) => r.latency.max), 0)}` +
          `  p99 ours/hp ${f(median(ratios), 2)}×  errors ours/hp ${ours.reduce((n, r) => n + errorsOf(r), 0)}/${hps.reduce((n, r) => n + errorsOf(r), 0)}` +
          (REPEAT > 1 ? `  (ratios: ${ratios.map((x) => f(x, 2)).join(", ")})` : ""),
      );
    }
  }

  let writeCheck: WriteCheckRow[] = [];
  if (WRITE_CHECK) {
    writeCheck = measureWriteCheck();
    console.log("\nWrite check per update (in this process), by document size:");
    console.log("events  doc KB   room (shadow) ms  one-off copy ms  onderzoeker ms  applyUpdate ms");
    for (const w of writeCheck) {
      console.log(
        `${String(w.events).padStart(6)} ${f(w.docBytes / 1024, 0).padStart(7)} ${f(w.guardMs, 3).padStart(17)} ${f(w.ketenpartnerMs, 2).padStart(16)} ${f(w.onderzoekerMs, 4).padStart(15)} ${f(w.applyMs, 3).padStart(15)}`,
      );
    }
  }

  mkdirSync(path.dirname(JSON_OUT), { recursive: true });
  writeFileSync(
    JSON_OUT,
    JSON.stringify(
      {
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
        options: { CLIENTS, DOCS, SECONDS, WARMUP, RATE, DBS, EXTRA, OURS_LIMITS, REPEAT },
        results,
        writeCheck,
      },
      null,
      2,
    ),
  );
  console.log(`\nAll figures: ${path.relative(process.cwd(), JSON_OUT)} (${f((performance.now() - started) / 1000, 0)} s in all)`);
}

await main();
process.exit(0);
