import { Worker } from "node:worker_threads";

/**
 * The embedded PGlite database, run in a worker thread (db/pglite-worker.mjs), behind the part of
 * PGlite's interface that drizzle and db/raw-query.ts use: query, exec, transaction, close.
 *
 * Why a thread: PGlite is PostgreSQL compiled to WebAssembly plus a JavaScript wire-protocol layer,
 * and in the server's thread every statement (about 0.2–1 ms, half of it that JavaScript) held up
 * everything else, websocket messages of every open document included. See ADR 0007.
 *
 * Semantics are PGlite's own: one statement at a time, and while a transaction is open every other
 * statement waits for it (so inside a transaction, use its `tx`).
 */
export class PGliteThread {
  readonly waitReady: Promise<void>;
  /** Settles with the reason when the thread stops without close() (a crash of the database). */
  readonly failed: Promise<Error>;
  private reportFailure!: (err: Error) => void;
  private closing = false;
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  private nextId = 1;
  private stopped: Error | null = null;

  /** `dataDir` null: in memory; then `loadDataDir` names a dump (dumpDataDir's tar) to start from. */
  constructor(dataDir: string | null, opts: { loadDataDir?: string } = {}) {
    this.failed = new Promise((resolve) => (this.reportFailure = resolve));
    this.worker = new Worker(new URL("./pglite-worker.mjs", import.meta.url), { workerData: { dataDir, loadDataDir: opts.loadDataDir } });
    // Like PGlite in the main thread, an idle database does not keep the process alive.
    this.worker.unref();
    this.waitReady = new Promise((resolve, reject) => {
      this.worker.once("message", (msg: { ready: boolean; error?: WorkerError }) => {
        if (msg.ready) resolve();
        else reject(toError(msg.error!));
        this.worker.on("message", (reply: Reply) => this.settle(reply));
      });
      this.worker.once("error", reject);
    });
    this.worker.on("error", (err) => this.stop(err));
    this.worker.on("exit", (code) => this.stop(new Error(`De databasethread is gestopt (code ${code}).`)));
  }

  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>> {
    return this.call({ op: "query", text, params, ...queryOptions(options) }) as Promise<QueryResult<T>>;
  }

  exec(text: string): Promise<QueryResult<unknown>[]> {
    return this.call({ op: "exec", text }) as Promise<QueryResult<unknown>[]>;
  }

  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = (await this.call({ op: "begin" })) as number;
    const tx: ThreadTransaction = {
      query: <R>(text: string, params?: unknown[], options?: QueryOptions) =>
        this.call({ op: "query", tx: txId, text, params, ...queryOptions(options) }) as Promise<QueryResult<R>>,
      exec: (text: string) => this.call({ op: "exec", tx: txId, text }) as Promise<QueryResult<unknown>[]>,
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (err) {
      await this.call({ op: "end", tx: txId, commit: false }).catch(() => {});
      throw err;
    }
    await this.call({ op: "end", tx: txId, commit: true });
    return result;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    try {
      await this.call({ op: "close" });
    } finally {
      this.stop(new Error("De database is gesloten."));
      await this.worker.terminate();
    }
  }

  private call(request: Record<string, unknown>): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // Keeps the process alive while a statement is under way, as an open socket would.
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  private settle(reply: Reply) {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(toError(reply.error));
  }

  private stop(err: Error) {
    if (this.stopped) return;
    this.stopped = err;
    if (!this.closing) this.reportFailure(err);
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    this.worker.unref();
  }
}

export interface QueryResult<T> {
  rows: T[];
  affectedRows?: number;
  fields: { name: string; dataTypeID: number }[];
}

export interface ThreadTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  exec(text: string): Promise<QueryResult<unknown>[]>;
}

interface QueryOptions {
  rowMode?: "array" | "object";
  /** Only identity parsers are supported (drizzle's: "leave this type as text"); see the worker. */
  parsers?: Record<number, unknown>;
}

type WorkerError = { message: string; name?: string } & Record<string, unknown>;
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: WorkerError };

function queryOptions(options: QueryOptions | undefined) {
  return { rowMode: options?.rowMode, rawTypes: Object.keys(options?.parsers ?? {}).map(Number) };
}

/** Back into an Error with PostgreSQL's fields (code, detail, constraint …) on it. */
function toError(plain: WorkerError): Error {
  const { message, name, ...fields } = plain;
  const err = Object.assign(new Error(message), fields);
  if (name) err.name = name;
  return err;
}
