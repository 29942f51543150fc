// One server of the collaboration benchmark, in its own process (forked by bench/collab/run.ts with
// --expose-gc and an IPC channel), so the clients' CPU is not the server's and its memory can be
// measured alone.
//
//   BENCH_SERVER=ours  our collaboration server (server/collab) through the integration-test
//                      harness: session cookies, membership check, write check, log-before-broadcast
//                      into PGlite in a fresh temp folder, or into a fresh PostgreSQL database when
//                      TEST_DATABASE_URL is set (test/integration/helpers/test-db.ts).
//   BENCH_SERVER=hp    Hocuspocus 3.4 (@hocuspocus/server) with its Database extension, storing each
//                      document's state in a table of the same kind of database as ours (PGlite or
//                      PostgreSQL), with its default debounce (2 s, at most 10 s); no authentication.
//   BENCH_SERVER=ref   the bare reference: @y/websocket-server's setupWSConnection (vendored, see
//                      reference/utils.js) on a plain http server with ws 8; no auth, no persistence.
//
// Messages from the parent: setup, sample, stop (see ChildRequest). Answers carry the same `id`.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import { Server as HocuspocusServer } from "@hocuspocus/server";
import { Database as HocuspocusDatabase } from "@hocuspocus/extension-database";
import { rawQuery } from "../../db/raw-query.ts";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import type { CollabLimits } from "../../server/collab/index.ts";
import { writeSnapshot } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer, type Role } from "../../test/integration/helpers/collab-harness.ts";
import { openTestDatabase, type TestDatabase } from "../../test/integration/helpers/test-db.ts";
import { docs as refDocs, setContentInitializor, setupWSConnection } from "./reference/utils.js";
import { ORGANISATION_IDS, seedDocument, type SeededClient } from "./seed.ts";

export type ChildRequest =
  | { id: number; type: "setup"; clients: number; docs: number; role: Role }
  | { id: number; type: "sample"; gc: boolean }
  | { id: number; type: "stop" };

export interface BenchClientSpec extends SeededClient {
  /** Session cookie (ours) or null (reference). */
  cookie: string | null;
  /** Ours: the member's user id, which the write check requires in createdBy/updatedBy (ADR 0008). */
  userId?: string;
}

export interface SetupReply {
  wsUrl: string;
  origin: string;
  clients: BenchClientSpec[];
  database: string;
  /** PGlite's temp folder: the parent removes it if it has to kill this process. */
  dataDir?: string;
}

export interface Sample {
  at: number;
  mem: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
  openDocs: number;
  connections: number;
  /** Event-loop delay since the previous sample, ms. */
  eld: { p50: number; p99: number; max: number };
}

export interface TxStats {
  count: number;
  totalMs: number;
  p50: number;
  p99: number;
  max: number;
}

export interface StopReply {
  /** Our server's counters (collab.stats()), null for the reference. */
  counters: Record<string, number> | null;
  /**
   * Database transactions and single statements (ours) by kind, count and wall time: appendLogBatches =
   * one group commit of the update log, appendChanges = who/what summaries written behind it,
   * writeEventChanges = an incremental events projection (a statement per 20 rows), writeProjection =
   * a whole one.
   */
  transactions: Record<string, TxStats> | null;
  logs: string[];
}

const kind = process.env.BENCH_SERVER === "ref" ? "ref" : process.env.BENCH_SERVER === "hp" ? "hp" : "ours";
const eld = monitorEventLoopDelay({ resolution: 1 });
eld.enable();

let ours: { srv: CollabTestServer; db: TestDatabase } | null = null;
let ref: { server: Server; wss: WebSocketServer } | null = null;
let hp: { server: HocuspocusServer; db: TestDatabase } | null = null;
/** Wall time of every database transaction, by the server function that ran it. */
const txTimes = new Map<string, number[]>();
const TX_KINDS = ["appendLogBatches", "appendChanges", "summariseLog", "writeEventChanges", "writeProjection", "writeAnalysisProjection", "writeSnapshot", "loadState"];

async function setup(req: Extract<ChildRequest, { type: "setup" }>): Promise<SetupReply> {
  const byDoc: number[][] = Array.from({ length: req.docs }, () => []);
  for (let i = 0; i < req.clients; i++) byDoc[i % req.docs].push(i);

  if (kind === "ours") {
    const db = await openTestDatabase({ persistent: true });
    // Times every transaction and single statement the server runs: log commits, snapshots,
    // projections, loads.
    const database = db.handle.db as unknown as Record<"transaction" | "execute", (...args: unknown[]) => Promise<unknown>>;
    // Single statements outside a transaction (db/raw-query.ts's log commit, the query builder's
    // own statements, `execute`) reach the driver itself; statements inside one are timed with it.
    const client = (db.handle.db as unknown as { $client: Record<string, (...args: unknown[]) => Promise<unknown>> }).$client;
    const timed: [Record<string, (...args: unknown[]) => Promise<unknown>>, string][] = [
      [database, "transaction"],
      [client, "unsafe" in client ? "unsafe" : "query"],
    ];
    const postgresJs = "unsafe" in client;
    for (const [target, method] of timed) {
      const original = target[method].bind(target);
      target[method] = (...args: unknown[]) => {
        const stack = new Error().stack ?? "";
        // Passed through untimed: statements inside a transaction (timed with it), and on
        // postgres.js the query builder's (it calls `.values()` on the lazy query unsafe returns).
        if (target === client && (stack.includes("transaction") || (postgresJs && !stack.includes("rawQuery")))) return original(...args);
        const kind = TX_KINDS.find((k) => stack.includes(k)) ?? "other";
        const t0 = performance.now();
        return Promise.resolve(original(...args)).finally(() => {
          const list = txTimes.get(kind) ?? [];
          list.push(performance.now() - t0);
          txTimes.set(kind, list);
        });
      };
    }
    // BENCH_LIMITS (JSON, from run.ts --ours-limits): CollabLimits overrides, for diagnosis only.
    const limits = process.env.BENCH_LIMITS ? (JSON.parse(process.env.BENCH_LIMITS) as Partial<CollabLimits>) : {};
    const srv = await startCollabServer({ database: db.handle, limits });
    ours = { srv, db };
    await srv.ctx.db
      .insert(schema.organisations)
      .values(ORGANISATION_IDS.map((id, i) => ({ id, name: `Benchorganisatie ${i + 1}` })))
      .onConflictDoNothing();
    const clients: BenchClientSpec[] = [];
    for (const indexes of byDoc) {
      const inv = await createInvestigation(srv.ctx, "Benchmarkonderzoek");
      const seed = seedDocument(inv, indexes);
      // The starting document as a snapshot: loaded on the first connect, like any stored document.
      await writeSnapshot(srv.ctx.db, inv, seed.update, 0, new Date());
      for (const c of seed.clients) {
        const user = await addMember(srv.ctx, inv, req.role, `Client ${c.index}`, req.role === "ketenpartner" ? c.organisationId : null);
        clients.push({ ...c, cookie: user.cookie, userId: user.userId });
      }
    }
    txTimes.clear();
    return {
      wsUrl: srv.wsUrl,
      origin: srv.origin,
      clients: clients.sort((a, b) => a.index - b.index),
      database: db.handle.kind,
      dataDir: db.dataDir,
    };
  }

  if (kind === "hp") {
    const db = await openTestDatabase({ persistent: true });
    const q = <T,>(text: string, params: unknown[] = []) => rawQuery<T>(db.handle.db, text, params);
    await q(`create table if not exists hocuspocus_documents (name text primary key, state bytea not null)`);
    const clients: BenchClientSpec[] = [];
    for (const indexes of byDoc) {
      const inv = crypto.randomUUID();
      const seed = seedDocument(inv, indexes);
      // Stored before the first connect, like ours: its Database extension fetches it on load.
      await q(`insert into hocuspocus_documents (name, state) values ($1, $2::bytea)`, [inv, Buffer.from(seed.update)]);
      for (const c of seed.clients) clients.push({ ...c, cookie: null });
    }
    const server = new HocuspocusServer({
      address: "127.0.0.1",
      port: 0,
      quiet: true,
      extensions: [
        new HocuspocusDatabase({
          fetch: async ({ documentName }) => {
            const [row] = await q<{ state: Uint8Array }>(`select state from hocuspocus_documents where name = $1`, [documentName]);
            return row ? new Uint8Array(row.state) : null;
          },
          store: async ({ documentName, state }) => {
            await q(
              `insert into hocuspocus_documents (name, state) values ($1, $2::bytea) on conflict (name) do update set state = excluded.state`,
              [documentName, Buffer.from(state)],
            );
          },
        }),
      ],
    });
    await server.listen();
    hp = { server, db };
    const port = server.address.port;
    return { wsUrl: `ws://127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, clients: clients.sort((a, b) => a.index - b.index), database: db.handle.kind, dataDir: db.dataDir };
  }

  // Reference: documents are created on the first connect; the initializor gives each its seed.
  const seeds = new Map<string, Uint8Array>();
  const clients: BenchClientSpec[] = [];
  for (const indexes of byDoc) {
    const inv = crypto.randomUUID();
    const seed = seedDocument(inv, indexes);
    seeds.set(`collab/${inv}`, seed.update);
    for (const c of seed.clients) clients.push({ ...c, cookie: null });
  }
  setContentInitializor(async (doc) => {
    const update = seeds.get((doc as Y.Doc & { name: string }).name);
    if (update) Y.applyUpdate(doc, update);
  });
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => setupWSConnection(ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  ref = { server, wss };
  const port = (server.address() as AddressInfo).port;
  return { wsUrl: `ws://127.0.0.1:${port}/collab`, origin: `http://127.0.0.1:${port}`, clients: clients.sort((a, b) => a.index - b.index), database: "none" };
}

function sample(gc: boolean): Sample {
  if (gc) {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) {
      g();
      g();
    }
  }
  const ms = (ns: number) => ns / 1e6;
  const out: Sample = {
    at: performance.now(),
    mem: process.memoryUsage(),
    cpu: process.cpuUsage(),
    openDocs: ours ? ours.srv.collab.openDocs() : hp ? hp.server.hocuspocus.getDocumentsCount() : refDocs.size,
    connections: ours ? ours.srv.collab.stats().connections : hp ? hp.server.hocuspocus.getConnectionsCount() : (ref?.wss.clients.size ?? 0),
    eld: { p50: ms(eld.percentile(50)), p99: ms(eld.percentile(99)), max: ms(eld.max) },
  };
  eld.reset();
  return out;
}

async function stop(): Promise<StopReply> {
  if (ours) {
    const stats = ours.srv.collab.stats();
    const { rooms: _rooms, ...counters } = stats;
    const transactions: Record<string, TxStats> = {};
    for (const [kind, times] of txTimes) {
      const sorted = [...times].sort((a, b) => a - b);
      const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
      transactions[kind] = { count: sorted.length, totalMs: sorted.reduce((s, x) => s + x, 0), p50: pick(0.5), p99: pick(0.99), max: sorted.at(-1)! };
    }
    const reply: StopReply = {
      counters: counters as unknown as Record<string, number>,
      transactions,
      logs: ours.srv.logs.slice(-20),
    };
    await ours.srv.close();
    await ours.db.cleanup();
    return reply;
  }
  if (hp) {
    await hp.server.destroy(); // stores every open document first
    await hp.db.cleanup();
    return { counters: null, transactions: null, logs: [] };
  }
  if (ref) {
    for (const ws of ref.wss.clients) ws.terminate();
    ref.server.closeAllConnections();
    await new Promise<void>((resolve) => ref!.server.close(() => resolve()));
  }
  return { counters: null, transactions: null, logs: [] };
}

process.on("message", (msg: ChildRequest) => {
  const reply = (result: unknown) => process.send?.({ id: msg.id, result });
  const fail = (err: unknown) => process.send?.({ id: msg.id, error: err instanceof Error ? err.stack ?? err.message : String(err) });
  if (msg.type === "setup") setup(msg).then(reply, fail);
  else if (msg.type === "sample") reply(sample(msg.gc));
  else if (msg.type === "stop")
    stop().then(
      (r) => {
        reply(r);
        // Let the reply go out, then leave.
        setTimeout(() => process.exit(0), 50);
      },
      (err) => {
        fail(err);
        setTimeout(() => process.exit(1), 50);
      },
    );
});
// The parent going away ends this process too.
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true });
