import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import type { AppContext } from "../context.ts";
import { Connection, type CollabUser } from "./connection.ts";
import { hardPayloadCap, resolveLimits, type CollabLimits } from "./limits.ts";
import { BackgroundWrites } from "./background.ts";
import { LogWriter } from "./log-writer.ts";
import { busFor, type CollabBus } from "./bus.ts";
import { CLOSE, REASON } from "./protocol.ts";
import { Room, type CollabCounters } from "./room.ts";
import { authorizeUpgrade, isCollabRequest, refuseUpgrade } from "./upgrade.ts";

export { DEFAULT_LIMITS, type CollabLimits } from "./limits.ts";
export { MESSAGE_NOTICE, READ_ONLY_NOTICE, CLOSE } from "./protocol.ts";

/** An upgrade between its access check and joining its room: a revocation in that gap still counts. */
interface Ticket {
  investigationId: string;
  userId: string;
  revoked: boolean;
}

export interface CollabOptions {
  limits?: Partial<CollabLimits>;
  log?: (line: string) => void;
  /** How this instance hears of the others on the same database; by default from the database kind (ADR 0014). */
  bus?: CollabBus;
}

export interface CollabStats extends CollabCounters {
  /** Transactions of the update log: one per group commit of several documents' batches. */
  logCommits: number;
  openDocs: number;
  connections: number;
  upgradesRefused: number;
  rooms: ReturnType<Room["stats"]>[];
}

export interface Collab {
  /** Stops accepting peers, then flushes, compacts and closes every document and socket. */
  close(): Promise<void>;
  stats(): CollabStats;
  /** Number of documents loaded in memory (for tests and benchmarks). */
  openDocs(): number;
}

/**
 * The collaboration server: `/collab/<investigationId>` websockets on the app's HTTP server,
 * speaking the y-websocket protocol (design.md "Collaboration", docs/collab-protocol.md).
 */
export function attachCollab(server: Server, ctx: AppContext, options: CollabOptions = {}): Collab {
  const limits = resolveLimits(options.limits);
  const log = options.log ?? ((line: string) => console.log(line));
  const counters: CollabCounters = {
    updatesPersisted: 0,
    bytesPersisted: 0,
    batchesPersisted: 0,
    updatesDroppedReadOnly: 0,
    updatesRefused: 0,
    compactions: 0,
    projections: 0,
    peersClosedForLimits: 0,
    peersClosedSlow: 0,
    malformedMessages: 0,
    persistFailures: 0,
  };
  let upgradesRefused = 0;
  let closing = false;
  const rooms = new Map<string, Room>();
  const pending = new Set<Ticket>();
  const bus = options.bus ?? busFor(ctx.db, log);
  bus.ready.catch((err) => log(`[collab] luisteren naar andere instanties mislukt: ${err instanceof Error ? err.message : String(err)}`));
  const logWriter = new LogWriter(ctx.db, bus.shared ? bus.instanceId : undefined);
  const background = new BackgroundWrites();
  bus.onCommitted((investigationId, lastId) => rooms.get(investigationId)?.remoteCommitted(lastId));
  bus.onReconnected(() => {
    for (const room of rooms.values()) room.scheduleCatchUp();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: hardPayloadCap(limits), perMessageDeflate: false });

  async function roomFor(investigationId: string): Promise<Room> {
    for (;;) {
      const room = rooms.get(investigationId);
      if (!room) {
        const fresh = new Room(investigationId, {
          db: ctx.db,
          logWriter,
          background,
          bus,
          clock: ctx.clock,
          limits,
          counters,
          log,
          onClosed: (r) => {
            if (rooms.get(r.investigationId) === r) rooms.delete(r.investigationId);
          },
        });
        rooms.set(investigationId, fresh);
        return fresh;
      }
      if (room.acceptsPeers) return room;
      await room.closed; // an unloading room finishes its compaction before a new one loads
    }
  }

  async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    if (!isCollabRequest(req)) {
      // Someone else's path (e.g. a dev tool); answer only when nobody else listens.
      if (server.listenerCount("upgrade") === 1) refuseUpgrade(socket, 404, "Niet gevonden.");
      return;
    }
    socket.on("error", () => socket.destroy());
    const refuse = (status: number, message: string) => {
      upgradesRefused++;
      refuseUpgrade(socket, status, message);
    };
    if (closing) return refuse(503, "De server wordt herstart; probeer het zo opnieuw.");
    let decision;
    try {
      decision = await authorizeUpgrade(ctx, req);
    } catch (err) {
      log(`[collab] upgrade mislukt: ${err instanceof Error ? err.message : String(err)}`);
      return refuse(500, "Er ging iets mis aan onze kant. Probeer het later opnieuw.");
    }
    if (!decision.ok) return refuse(decision.status, decision.message);
    if (closing) return refuse(503, "De server wordt herstart; probeer het zo opnieuw.");
    if (socket.destroyed) return;
    // Counted after the last await, with the ticket added below in the same turn: no race.
    const { investigationId: id, user: u } = decision;
    let ofUser = 0;
    let ofInvestigation = 0;
    for (const t of pending) {
      if (t.userId === u.id) ofUser++;
      if (t.investigationId === id) ofInvestigation++;
    }
    for (const room of rooms.values()) {
      for (const c of room.conns) if (c.user.id === u.id) ofUser++;
      if (room.investigationId === id) ofInvestigation += room.conns.size;
    }
    if (ofUser >= limits.maxConnectionsPerUser) {
      return refuse(429, "U heeft te veel verbindingen open. Sluit een paar tabbladen en probeer het opnieuw.");
    }
    if (ofInvestigation >= limits.maxConnectionsPerInvestigation) {
      return refuse(503, "Er zijn te veel verbindingen met dit onderzoek. Probeer het later opnieuw.");
    }
    const ticket = { investigationId: decision.investigationId, userId: decision.user.id, revoked: false };
    pending.add(ticket);
    socket.once("close", () => pending.delete(ticket)); // ws may refuse a bad handshake itself
    const { user, canWrite } = decision;
    wss.handleUpgrade(req, socket, head, (ws) => void openConnection(ws, ticket, user, canWrite));
  }

  async function openConnection(ws: WebSocket, ticket: Ticket, user: CollabUser, canWrite: boolean) {
    const { investigationId } = ticket;
    if (closing) {
      // The upgrade was checked just before close() began: no new document after shutdown.
      ws.close(CLOSE.restart, REASON.restart);
      return;
    }
    const conn = new Connection(ws, user, investigationId, !canWrite, limits, () => {
      counters.peersClosedForLimits++;
      counters.peersClosedSlow++;
    });
    // Messages that arrive while the room is being found are kept in order.
    const early: Uint8Array[] = [];
    const closeForLimit = (code: number, reason: string) => {
      counters.peersClosedForLimits++;
      conn.reject(code, reason);
    };
    let room: Room | null = null;
    ws.on("message", (data, isBinary) => {
      const bytes = toBytes(data);
      if (!isBinary || bytes === null) {
        counters.malformedMessages++;
        conn.reject(CLOSE.malformed, REASON.malformed);
        return;
      }
      if (room) return room.receive(conn, bytes);
      // Bounded like the queue it stands in for.
      if (bytes.byteLength > limits.maxMessageBytes) return closeForLimit(CLOSE.tooBig, REASON.messageTooBig);
      if (early.length >= limits.maxPendingMessagesPerConnection) return closeForLimit(CLOSE.policy, REASON.tooManyPending);
      early.push(bytes);
    });
    ws.on("pong", () => (conn.alive = true));
    ws.on("error", () => ws.terminate()); // e.g. maxPayload exceeded: ws has closed it with 1009 already
    ws.on("close", () => {
      try {
        room?.leave(conn);
      } catch (err) {
        log(`[collab] afmelden mislukt: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
    let found: Room;
    try {
      found = await roomFor(investigationId);
    } catch (err) {
      log(`[collab] document ${investigationId} niet beschikbaar: ${err instanceof Error ? err.message : String(err)}`);
      conn.reject(CLOSE.internalError, REASON.loadFailed);
      return;
    }
    if (ws.readyState !== ws.OPEN) return;
    pending.delete(ticket);
    if (ticket.revoked) {
      conn.reject(CLOSE.accessRevoked, REASON.accessRevoked);
      return;
    }
    if (closing || !found.acceptsPeers) {
      ws.close(CLOSE.restart, REASON.restart);
      return;
    }
    // Only a joined peer's messages reach the room.
    room = found;
    found.join(conn);
    for (const bytes of early.splice(0)) found.receive(conn, bytes);
  }

  // Called from request handlers (member removed, role changed): must never throw into them.
  // Told to the other instances too, which close that user's sockets there.
  const onRevoked = (investigationId: string, userId: string) => {
    revokeHere(investigationId, userId);
    bus.publishRevoked(investigationId.toLowerCase(), userId);
  };
  const revokeHere = (investigationId: string, userId: string) => {
    try {
      const id = investigationId.toLowerCase();
      for (const t of pending) if (t.investigationId === id && t.userId === userId) t.revoked = true;
      const room = rooms.get(id);
      if (!room) return;
      for (const c of room.conns) if (c.user.id === userId) c.reject(CLOSE.accessRevoked, REASON.accessRevoked);
    } catch (err) {
      log(`[collab] intrekken mislukt: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  ctx.onAccessRevoked.add(onRevoked);
  bus.onRevoked(revokeHere);

  const upgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch(() => socket.destroy());
  };
  server.on("upgrade", upgradeListener);

  // Drops peers that vanished without closing (a laptop lid), so their presence disappears.
  const ping = setInterval(() => {
    for (const room of rooms.values()) {
      for (const c of room.conns) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        try {
          c.ws.ping();
        } catch {
          c.ws.terminate();
        }
      }
    }
  }, limits.pingIntervalMs);
  ping.unref();

  return {
    async close() {
      if (closing) return;
      closing = true;
      server.off("upgrade", upgradeListener);
      ctx.onAccessRevoked.delete(onRevoked);
      clearInterval(ping);
      await Promise.all([...rooms.values()].map((r) => r.shutdown()));
      await bus.close();
      // Give the close frames a moment to go out, then cut whatever is left.
      await waitUntil(() => wss.clients.size === 0, 1000);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    stats() {
      const list = [...rooms.values()];
      return {
        ...counters,
        logCommits: logWriter.commits,
        openDocs: list.length,
        connections: list.reduce((n, r) => n + r.conns.size, 0),
        upgradesRefused,
        rooms: list.map((r) => r.stats()),
      };
    },
    openDocs: () => rooms.size,
  };
}

function toBytes(data: unknown): Uint8Array | null {
  // Copied: the queue keeps updates after ws is done with its buffers.
  if (Buffer.isBuffer(data)) return new Uint8Array(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data.slice(0));
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data as Buffer[]));
  return null;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done() && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}
