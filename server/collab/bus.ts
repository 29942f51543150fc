import { randomUUID } from "node:crypto";
import type { Database } from "../../db/client.ts";

/**
 * What the instances serving one database tell each other (ADR 0014). On PostgreSQL that is
 * LISTEN/NOTIFY on two channels; the embedded database has one instance only, so its bus is silent
 * and the instance owns every document.
 *
 * - `ketenlijn_collab`: "<instance> <investigation> <last log id>", sent by the log write itself
 *   (pg_notify in the same statement, so it is delivered exactly when the rows are committed).
 * - `ketenlijn_access`: "<instance> <investigation> <user>": a member lost (part of) their access.
 *
 * Ownership of a document (who compacts it, projects it and recovers its summaries) is a
 * session-level advisory lock on one reserved connection: it is let go when the document unloads,
 * and by PostgreSQL when the instance dies.
 */
export interface CollabBus {
  readonly instanceId: string;
  /** True when other instances may write the same documents: log writes lock per document and notify. */
  readonly shared: boolean;
  /** Settles once the bus listens (a room must not read its state before: it could miss a commit). */
  readonly ready: Promise<void>;
  /** Another instance committed log rows of `investigationId`, up to `lastId`. */
  onCommitted(listener: (investigationId: string, lastId: number) => void): void;
  /** The bus (re)connected: notifications may have been missed, every room should catch up. */
  onReconnected(listener: () => void): void;
  publishRevoked(investigationId: string, userId: string): void;
  onRevoked(listener: (investigationId: string, userId: string) => void): void;
  /** Tries to become the document's owner; true when this instance is (or already was). */
  tryOwn(investigationId: string): Promise<boolean>;
  release(investigationId: string): Promise<void>;
  close(): Promise<void>;
}

export const COLLAB_CHANNEL = "ketenlijn_collab";
export const ACCESS_CHANNEL = "ketenlijn_access";
/** Advisory lock class of document ownership (the job loop uses 5005). */
export const OWNER_LOCK_CLASS = 5006;

/** The embedded database: one instance, which owns everything. */
export function localBus(): CollabBus {
  return {
    instanceId: "local",
    shared: false,
    ready: Promise.resolve(),
    onCommitted() {},
    onReconnected() {},
    publishRevoked() {},
    onRevoked() {},
    tryOwn: async () => true,
    release: async () => {},
    close: async () => {},
  };
}

interface ListenHandle {
  unlisten(): Promise<void>;
}
interface PostgresJs {
  listen(channel: string, onnotify: (payload: string) => void, onlisten?: () => void): Promise<ListenHandle>;
  notify(channel: string, payload: string): Promise<unknown>;
  reserve(): Promise<PostgresJs & { release(): void; unsafe<T>(text: string, params?: unknown[]): Promise<T[]> }>;
}

/** The postgres.js client behind a drizzle handle, when it is one (PGlite's is not). */
function postgresClient(db: Database): PostgresJs | null {
  const client = (db as unknown as { $client?: Partial<PostgresJs> }).$client;
  return client && typeof client.listen === "function" && typeof client.reserve === "function" ? (client as PostgresJs) : null;
}

export function busFor(db: Database, log: (line: string) => void): CollabBus {
  const sql = postgresClient(db);
  return sql ? postgresBus(sql, log) : localBus();
}

function postgresBus(sql: PostgresJs, log: (line: string) => void): CollabBus {
  const instanceId = randomUUID();
  const committed = new Set<(investigationId: string, lastId: number) => void>();
  const reconnected = new Set<() => void>();
  const revoked = new Set<(investigationId: string, userId: string) => void>();
  const handles: ListenHandle[] = [];
  const owned = new Set<string>();
  let lockConn: Awaited<ReturnType<PostgresJs["reserve"]>> | null = null;
  let lockQueue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const parse = (payload: string): [string, string, string] | null => {
    const parts = payload.split(" ");
    return parts.length === 3 ? (parts as [string, string, string]) : null;
  };
  const safely = (what: string, fn: () => void) => {
    try {
      fn();
    } catch (err) {
      log(`[collab] ${what} mislukt: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  let listening = 0;
  const onListen = () => {
    // The first call per channel is the start; any later one is a reconnect (postgres.js re-listens).
    if (++listening > 2) for (const l of reconnected) safely("bijwerken na herverbinden", l);
  };
  const ready = (async () => {
    handles.push(
      await sql.listen(
        COLLAB_CHANNEL,
        (payload) => {
          const p = parse(payload);
          if (!p || p[0] === instanceId) return;
          const lastId = Number(p[2]);
          for (const l of committed) safely("bijwerken", () => l(p[1], lastId));
        },
        onListen,
      ),
    );
    handles.push(
      await sql.listen(
        ACCESS_CHANNEL,
        (payload) => {
          const p = parse(payload);
          if (!p || p[0] === instanceId) return;
          for (const l of revoked) safely("intrekken", () => l(p[1], p[2]));
        },
        onListen,
      ),
    );
  })();

  /** Lock statements run one at a time on the reserved connection (a session lock lives there). */
  const onLockConn = <T>(fn: (conn: NonNullable<typeof lockConn>) => Promise<T>): Promise<T> => {
    const run = lockQueue.then(async () => {
      lockConn ??= await sql.reserve();
      return fn(lockConn);
    });
    lockQueue = run.catch(() => {});
    return run;
  };

  return {
    instanceId,
    shared: true,
    ready,
    onCommitted: (l) => void committed.add(l),
    onReconnected: (l) => void reconnected.add(l),
    onRevoked: (l) => void revoked.add(l),
    publishRevoked(investigationId, userId) {
      sql.notify(ACCESS_CHANNEL, `${instanceId} ${investigationId} ${userId}`).catch((err: unknown) => {
        log(`[collab] intrekken doorgeven mislukt: ${err instanceof Error ? err.message : String(err)}`);
      });
    },
    async tryOwn(investigationId) {
      if (owned.has(investigationId)) return true;
      if (closed) return false;
      const [row] = await onLockConn((c) =>
        c.unsafe<{ locked: boolean }>(`select pg_try_advisory_lock(${OWNER_LOCK_CLASS}, hashtext($1)) as locked`, [investigationId]),
      );
      if (row?.locked) owned.add(investigationId);
      return Boolean(row?.locked);
    },
    async release(investigationId) {
      if (!owned.delete(investigationId)) return;
      await onLockConn((c) => c.unsafe(`select pg_advisory_unlock(${OWNER_LOCK_CLASS}, hashtext($1))`, [investigationId]));
    },
    async close() {
      closed = true;
      await ready.catch(() => {});
      await Promise.all(handles.map((h) => h.unlisten().catch(() => {})));
      await lockQueue;
      if (lockConn) {
        // Lets go of every document lock at once (the documents have been closed by now).
        await lockConn.unsafe(`select pg_advisory_unlock_all()`).catch(() => {});
        lockConn.release();
        lockConn = null;
      }
      owned.clear();
    },
  };
}
