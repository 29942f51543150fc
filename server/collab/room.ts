import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Database } from "../../db/client.ts";
import type { Clock } from "../context.ts";
import { Connection } from "./connection.ts";
import { WriteGuard } from "./write-guard.ts";
import { touchedEntities } from "./entities.ts";
import { describeTransaction, type ChangeDetail } from "../../app/domain/history/changes.ts";
import type { CollabLimits } from "./limits.ts";
import type { BackgroundWrites } from "./background.ts";
import type { LogWriter } from "./log-writer.ts";
import type { CollabBus } from "./bus.ts";
import { appendChanges, loadState, readLogAfter, summariseBatch, summariseLog, writeSnapshot, type ChangeRow } from "./persistence.ts";
import { analysisRows, writeAnalysisProjection } from "./analysis-projection.ts";
import { projectEvents, projectEventsById, StaleProjection, writeEventChanges, writeProjection } from "./projection.ts";
import {
  awarenessEntryChanges,
  CLOSE,
  decodeAwarenessEntries,
  encodeAwarenessEntries,
  encodeAwareness,
  encodeNotice,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseClientMessage,
  READ_ONLY_NOTICE,
  REASON,
  stampPresence,
  TooManyAwarenessEntries,
  type AwarenessEntry,
} from "./protocol.ts";

export interface CollabCounters {
  updatesPersisted: number;
  bytesPersisted: number;
  /** Batches of one document; several documents' batches share one commit (CollabStats.logCommits). */
  batchesPersisted: number;
  updatesDroppedReadOnly: number;
  /** Updates refused by the write check (a ketenpartner changing another lane, say). */
  updatesRefused: number;
  compactions: number;
  projections: number;
  peersClosedForLimits: number;
  /** Of those: peers whose send buffer passed maxBufferedBytes. */
  peersClosedSlow: number;
  malformedMessages: number;
  persistFailures: number;
}

export interface RoomDeps {
  db: Database;
  /** The group commit of the update log, shared by all rooms. */
  logWriter: LogWriter;
  /** Projections and snapshots of all rooms, one at a time. */
  background: BackgroundWrites;
  /** The other instances on the same database, if any (ADR 0014). */
  bus: CollabBus;
  clock: Clock;
  limits: CollabLimits;
  counters: CollabCounters;
  log: (line: string) => void;
  /** Called once the room has closed (unloaded or failed): the registry forgets it. */
  onClosed: (room: Room) => void;
}

type Job =
  | { kind: "update"; conn: Connection; update: Uint8Array }
  // Work that reads the document or the database state: runs only when doc == persisted log.
  | { kind: "task"; conn: Connection | null; run: () => void | Promise<void> };

interface Applied {
  conn: Connection | null;
  update: Uint8Array;
  entityIds: string[];
  details: ChangeDetail[];
  at: Date;
}

const LOAD = Symbol("load");

/** Log rows another instance wrote (or ours, read again), applied while catching up (ADR 0014). */
class RemoteRow {
  constructor(readonly userId: string | null) {}
}

/** How often a room that does not own its document tries to take it over. */
const OWNERSHIP_RETRY_MS = 2000;

/**
 * One open investigation document with its peers.
 *
 * Invariant: every document byte a peer receives is in the database first. All document work goes
 * through one queue per room; updates are applied to the doc (Yjs tells us exactly what it
 * integrated, and which entities that touched), written to the log as a batch (in a group commit
 * with the other rooms' batches, log-writer.ts), and only then broadcast. Anything that reads the
 * doc for a peer (sync step 2) waits for the batch before it to be written. If the write fails,
 * the room is thrown away and the peers reconnect to a fresh load: the doc held bytes the log
 * does not. Snapshots and projections are written beside the queue, never in front of it.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Connection>();
  /** Which peer owns each awareness client id (Connection.awarenessIds the other way round). */
  private readonly awarenessOwners = new Map<number, Connection>();
  private readonly guard = new WriteGuard(this.doc, (origin) =>
    origin instanceof Connection ? origin.user.id : origin instanceof RemoteRow ? (origin.userId ?? undefined) : undefined,
  );
  /** "open" accepts peers; "closing"/"closed" do not (the registry waits for `closed`). */
  state: "open" | "closing" | "closed" = "open";
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private readonly ready: Promise<void>;
  private jobs: Job[] = [];
  private draining = false;
  private batch: Applied[] = [];
  private batchBytes = 0;
  /**
   * Every log row up to this id is in `doc`. With other instances writing too (bus.shared), our own
   * commits do not move it (another instance's rows may lie below them): catching up does.
   */
  private lastUpdateId = 0;
  /** Compacts, projects and recovers summaries: one instance per document (always, on the embedded database). */
  private owner = false;
  private lastOwnershipTry = 0;
  private catchUpQueued = false;
  /** What Yjs integrated of the rows being caught up with, to broadcast once applied. */
  private remoteApplied: Uint8Array[] = [];
  private rowsSinceSnapshot = 0;
  private approxBytes = 0;
  /** The snapshot being written, if any (one at a time). */
  private snapshotWrite: Promise<void> | null = null;
  /** Waits for a lull in the edits before compacting (see CollabLimits.compactIdleMs). */
  private compactTimer: NodeJS.Timeout | null = null;
  private projectionTimer: NodeJS.Timeout | null = null;
  private readonly stale = new StaleProjection();
  /** Who/what summaries of persisted batches, not yet in collab_changes (written behind the log). */
  private changes: ChangeRow[] = [];
  /** The projection being written, if any (one at a time). */
  private projectionWrite: Promise<void> | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly investigationId: string,
    private readonly deps: RoomDeps,
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.awareness.setLocalState(null); // the server has no presence of its own
    this.awareness.on("update", this.onAwarenessUpdate);
    this.doc.on("afterTransaction", this.onAfterTransaction);
    this.doc.on("update", this.onDocUpdate);
    this.ready = (async () => {
      // Listening before reading: a commit of another instance after the read is then not missed.
      await deps.bus.ready;
      this.owner = await deps.bus.tryOwn(investigationId);
      const s = await loadState(deps.db, investigationId, { doc: this.doc, origin: LOAD, log: deps.log });
      this.lastUpdateId = s.lastUpdateId;
      this.rowsSinceSnapshot = s.rowsSinceSnapshot;
      this.approxBytes = s.approxBytes;
      // Summaries lost in a crash, recovered from the log. Queued before any write of this room.
      if (this.owner)
        void deps.background
          .run(() => summariseLog(deps.db, investigationId, s.lastUpdateId))
          .catch((err) => deps.log(`[collab] samenvatting van ${investigationId} mislukt: ${errText(err)}`));
    })();
    // A load failure is handled by the first drain; this keeps it from being "unhandled" before that.
    this.ready.catch(() => {});
    this.enqueue({ kind: "task", conn: null, run: () => this.compactIfDue() });
  }

  get acceptsPeers(): boolean {
    return this.state === "open";
  }

  // ------------------------------------------------------------------ peers

  join(conn: Connection): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
    this.conns.add(conn);
    this.enqueue({
      kind: "task",
      conn,
      run: () => {
        conn.send(encodeSyncStep1(this.doc));
        const states = [...this.awareness.getStates().keys()];
        if (states.length > 0) conn.send(encodeAwareness(this.awareness, states));
        if (conn.readOnly) this.tellReadOnly(conn);
      },
    });
  }

  leave(conn: Connection): void {
    if (!this.conns.delete(conn)) return;
    for (const id of conn.awarenessIds) if (this.awarenessOwners.get(id) === conn) this.awarenessOwners.delete(id);
    if (conn.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessIds], null);
    if (this.conns.size === 0 && this.state === "open") {
      this.unloadTimer = setTimeout(() => this.enqueue({ kind: "task", conn: null, run: () => this.unloadIfIdle() }), this.deps.limits.unloadDelayMs);
    }
  }

  /** Handles one websocket message. Never throws: a bad message closes only its sender. */
  receive(conn: Connection, data: Uint8Array): void {
    if (conn.rejected) return;
    const { limits, counters } = this.deps;
    try {
      if (data.byteLength > limits.maxMessageBytes) {
        counters.peersClosedForLimits++;
        conn.reject(CLOSE.tooBig, REASON.messageTooBig);
        return;
      }
      const msg = parseClientMessage(data);
      switch (msg.type) {
        case "sync-step-1": {
          if (conn.queuedSync) {
            // Its answer is still to come and nothing of this peer's was queued since: one answer does.
            conn.queuedSync.stateVector = msg.stateVector;
            return;
          }
          const request = { stateVector: msg.stateVector };
          conn.queuedSync = request;
          this.enqueue({
            kind: "task",
            conn,
            run: () => {
              if (conn.queuedSync === request) conn.queuedSync = null;
              conn.send(encodeSyncStep2(this.doc, request.stateVector));
            },
          });
          return;
        }
        case "update":
          if (conn.readOnly) {
            // Dropped before it touches anything: not applied, not logged, not broadcast.
            counters.updatesDroppedReadOnly++;
            this.tellReadOnly(conn);
            return;
          }
          // A step 1 after this update must be answered after it (the client's "is it stored?" check).
          conn.queuedSync = null;
          this.enqueue({ kind: "update", conn, update: msg.update });
          return;
        case "awareness":
          this.acceptAwareness(conn, msg.update);
          return;
        case "query-awareness":
          conn.send(encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]));
          return;
      }
    } catch {
      counters.malformedMessages++;
      conn.reject(CLOSE.malformed, REASON.malformed);
    }
  }

  /**
   * Presence is bound to the connection. An entry that changes nothing (the stock client echoes
   * every peer's presence it applies) is skipped for free; a change to a client id owned by
   * another peer is skipped too. The first ids a peer changes become its own (up to
   * maxAwarenessIdsPerConnection), and their user fields are overwritten with the logged-in user.
   * Only the kept entries count against the rate limit.
   */
  private acceptAwareness(conn: Connection, update: Uint8Array) {
    const { limits, counters } = this.deps;
    const closeFor = (code: number, reason: string) => {
      counters.peersClosedForLimits++;
      conn.reject(code, reason);
    };
    if (update.byteLength > limits.maxAwarenessBytes) return closeFor(CLOSE.policy, REASON.awarenessTooBig);
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwarenessEntries(update, limits.maxAwarenessEntriesPerMessage);
    } catch (err) {
      if (err instanceof TooManyAwarenessEntries) return closeFor(CLOSE.policy, REASON.awarenessTooBig);
      throw err;
    }
    const kept: AwarenessEntry[] = [];
    const fresh = new Set<number>();
    const user = { id: conn.user.id, name: conn.user.name, role: conn.user.membership.role };
    for (const entry of entries) {
      if (!awarenessEntryChanges(this.awareness, entry)) continue;
      const owner = this.awarenessOwners.get(entry.clientId);
      // A tab that reconnects before the server noticed its old socket is gone keeps its client
      // id: the same user may take it over; anyone else is skipped.
      if (owner && owner !== conn && owner.user.id !== conn.user.id) continue;
      if (owner !== conn) {
        if (entry.state === "null") continue; // not (yet) its presence to remove
        fresh.add(entry.clientId);
        if (conn.awarenessIds.size + fresh.size > limits.maxAwarenessIdsPerConnection) return closeFor(CLOSE.policy, REASON.awarenessNotOwn);
      }
      if (entry.state.length > limits.maxAwarenessStateBytes) return closeFor(CLOSE.policy, REASON.awarenessTooBig);
      kept.push({ ...entry, state: entry.state === "null" ? "null" : stampPresence(entry.state, user) });
    }
    if (kept.length === 0) return;
    if (!conn.takeAwarenessTokens(kept.length)) return closeFor(CLOSE.rateLimited, REASON.awarenessRate);
    for (const entry of kept) {
      this.awarenessOwners.get(entry.clientId)?.awarenessIds.delete(entry.clientId);
      conn.awarenessIds.add(entry.clientId);
      this.awarenessOwners.set(entry.clientId, conn);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(kept), conn);
  }

  private tellReadOnly(conn: Connection) {
    if (conn.toldReadOnly) return;
    conn.toldReadOnly = true;
    conn.send(encodeNotice(READ_ONLY_NOTICE));
  }

  private readonly onAwarenessUpdate = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0 || this.conns.size === 0) return;
    const message = encodeAwareness(this.awareness, changed);
    // The sender gets its own state back too: the stock client closes a connection that received
    // nothing for 30 s, and for a peer alone in the document this echo (every 15 s) is all it gets.
    for (const c of this.conns) c.send(message);
  };

  // ------------------------------------------------------------------ the queue

  private enqueue(job: Job): void {
    if (this.state === "closed") return;
    if (job.conn) {
      if (++job.conn.pending > this.deps.limits.maxPendingMessagesPerConnection) {
        this.deps.counters.peersClosedForLimits++;
        job.conn.reject(CLOSE.policy, REASON.tooManyPending);
        return;
      }
    }
    this.jobs.push(job);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      try {
        await this.ready;
      } catch (err) {
        this.fail(`laden mislukt: ${errText(err)}`, CLOSE.internalError, REASON.loadFailed);
        return;
      }
      while (this.jobs.length > 0 && this.state !== "closed") {
        const job = this.jobs.shift()!;
        if (job.conn) job.conn.pending--;
        if (job.kind === "update") {
          await this.applyUpdate(job.conn, job.update);
        } else {
          if (!(await this.flush())) break;
          if (job.conn?.rejected) continue;
          try {
            await job.run();
          } catch (err) {
            this.deps.log(`[collab] taak in ${this.investigationId} mislukt: ${errText(err)}`);
            job.conn?.reject(CLOSE.malformed, REASON.malformed);
          }
        }
      }
      await this.flush();
    } finally {
      this.draining = false;
    }
    if (this.jobs.length > 0 && this.state !== "closed") void this.drain();
  }

  private async applyUpdate(conn: Connection, update: Uint8Array): Promise<void> {
    if (conn.rejected) return;
    const { limits, counters } = this.deps;
    if (this.approxBytes + this.batchBytes + update.byteLength > limits.maxDocumentBytes) {
      // The estimate only grows between snapshots; a fresh snapshot gives the real size.
      if (!(await this.flush())) return;
      await this.compactNow();
      if (this.approxBytes + update.byteLength > limits.maxDocumentBytes) {
        counters.peersClosedForLimits++;
        conn.reject(CLOSE.tooBig, REASON.documentTooBig);
        return;
      }
    }
    try {
      const check = this.guard.check(update, conn.user);
      if (!check.ok) {
        // Not applied, not logged, not broadcast; the peer is told why and closed. Closing is
        // needed: Yjs integrates a client's updates in clock order, so after a refused update
        // nothing later from that client could ever be applied. The client starts afresh.
        counters.updatesRefused++;
        conn.send(encodeNotice({ type: "forbidden", message: check.message }));
        conn.reject(CLOSE.refused, REASON.refused);
        return;
      }
      Y.applyUpdate(this.doc, update, conn);
    } catch {
      // Whatever Yjs integrated before it threw was captured by onDocUpdate and is logged as usual.
      counters.malformedMessages++;
      conn.reject(CLOSE.malformed, REASON.malformed);
    }
  }

  /** What each transaction did, read before Yjs collects the deleted content (the `update` event comes after). */
  private readonly details = new WeakMap<Y.Transaction, ChangeDetail[]>();
  private readonly onAfterTransaction = (tr: Y.Transaction) => {
    if (tr.origin === LOAD || tr.origin instanceof RemoteRow) return; // remote rows: their writer described them
    try {
      this.details.set(tr, describeTransaction(tr));
    } catch {
      // Odd content: the entity ids still say what was touched.
    }
  };

  /** Captures exactly what Yjs integrated (redundant updates produce nothing). */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    if (origin === LOAD) return;
    if (origin instanceof RemoteRow) {
      this.remoteApplied.push(update); // in the log already: broadcast, never logged again
      return;
    }
    let entityIds: string[] = [];
    try {
      entityIds = touchedEntities(tr);
    } catch {
      entityIds = ["?"];
    }
    const details = this.details.get(tr) ?? [];
    this.batch.push({ conn: origin instanceof Connection ? origin : null, update, entityIds, details, at: this.deps.clock.now() });
    this.batchBytes += update.byteLength;
  };

  /** Writes the pending batch, then broadcasts it. False when the room failed. */
  private async flush(): Promise<boolean> {
    if (this.state === "closed") return false;
    if (this.batch.length === 0) return true;
    const batch = this.batch;
    const bytes = this.batchBytes;
    this.batch = [];
    this.batchBytes = 0;
    const { counters } = this.deps;
    const rows = batch.map((b) => ({ userId: b.conn?.user.id ?? null, at: b.at, update: b.update, entityIds: b.entityIds, details: b.details }));
    let last: number;
    try {
      last = await this.deps.logWriter.append(this.investigationId, rows);
    } catch (err) {
      counters.persistFailures++;
      for (const b of batch) b.conn?.reject(CLOSE.persistFailed, REASON.persistFailed);
      this.fail(`opslaan mislukt: ${errText(err)}`, CLOSE.persistFailed, REASON.roomReset);
      return false;
    }
    if (!this.deps.bus.shared) this.lastUpdateId = last;
    counters.updatesPersisted += batch.length;
    counters.batchesPersisted++;
    counters.bytesPersisted += bytes;
    this.rowsSinceSnapshot += batch.length;
    this.approxBytes += bytes;
    this.broadcast(batch);
    this.changes.push(...summariseBatch(this.investigationId, rows, last));
    for (const b of batch) this.stale.add(b.entityIds);
    this.scheduleProjection();
    this.compactIfDue();
    return true;
  }

  private broadcast(batch: Applied[]) {
    if (this.conns.size === 0) return;
    const origins = new Set(batch.map((b) => b.conn));
    const update = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    const message = encodeUpdate(update);
    // The sole sender already has it; with several senders each simply ignores its own part.
    const skip = origins.size === 1 ? batch[0].conn : null;
    for (const c of this.conns) if (c !== skip) c.send(message);
  }

  // ------------------------------------------------------------------ other instances (ADR 0014)

  /** Another instance committed rows of this document up to `lastId`. */
  remoteCommitted(lastId: number): void {
    if (lastId <= this.lastUpdateId) return;
    this.scheduleCatchUp();
  }

  /** One catch-up queued at a time: it reads everything committed by the time it runs. */
  scheduleCatchUp(): void {
    if (this.catchUpQueued || this.state === "closed") return;
    this.catchUpQueued = true;
    this.enqueue({
      kind: "task",
      conn: null,
      run: async () => {
        this.catchUpQueued = false;
        await this.catchUp();
      },
    });
  }

  /**
   * Applies the log rows after lastUpdateId (another instance's, and our own read back: Yjs
   * integrates those to nothing) and broadcasts what they added. From the queue only (doc == our
   * log), so afterwards every row up to the new lastUpdateId is in the document.
   */
  private async catchUp(): Promise<void> {
    if (!this.deps.bus.shared || this.state === "closed") return;
    const rows = await readLogAfter(this.deps.db, this.investigationId, this.lastUpdateId);
    if (rows.length === 0) return;
    this.remoteApplied = [];
    for (const row of rows) {
      try {
        Y.applyUpdate(this.doc, row.update, new RemoteRow(row.userId));
      } catch (err) {
        this.deps.log(`[collab] logregel ${row.id} van ${this.investigationId} overgeslagen: ${errText(err)}`);
      }
      this.stale.add(row.entityIds);
      this.approxBytes += row.update.byteLength;
    }
    this.lastUpdateId = rows[rows.length - 1].id;
    this.rowsSinceSnapshot += rows.length;
    const applied = this.remoteApplied;
    this.remoteApplied = [];
    if (applied.length > 0 && this.conns.size > 0) {
      const message = encodeUpdate(applied.length === 1 ? applied[0] : Y.mergeUpdates(applied));
      for (const c of this.conns) c.send(message);
    }
    if (applied.length > 0) this.scheduleProjection();
  }

  /** A room that does not own its document takes it over when the owner let go (throttled). */
  private tryOwnership(): void {
    if (this.owner || this.state !== "open") return;
    const now = Date.now();
    if (now - this.lastOwnershipTry < OWNERSHIP_RETRY_MS) return;
    this.lastOwnershipTry = now;
    this.deps.bus.tryOwn(this.investigationId).then(
      (owned) => {
        if (!owned) return;
        if (this.state !== "open") {
          void this.deps.bus.release(this.investigationId);
          return;
        }
        this.owner = true;
        this.stale.everything(); // the previous owner's projection may lag behind our document
        this.scheduleProjection();
        this.compactIfDue();
      },
      (err) => this.deps.log(`[collab] eigenaarschap van ${this.investigationId} mislukt: ${errText(err)}`),
    );
  }

  // ------------------------------------------------------------------ compaction, projection

  /** After every batch (and on load): compacts now, or once the document is quiet. */
  private compactIfDue() {
    const { compactAfterRows, compactIdleMs, compactBusyAfterRows } = this.deps.limits;
    if (this.rowsSinceSnapshot <= compactAfterRows) return;
    if (!this.owner) return this.tryOwnership();
    if (compactIdleMs <= 0 || this.rowsSinceSnapshot > compactBusyAfterRows) {
      if (this.deps.bus.shared) this.enqueue({ kind: "task", conn: null, run: () => this.compactNow() });
      else void this.startCompaction();
    } else if (this.compactTimer) {
      this.compactTimer.refresh(); // another batch: the lull starts again
    } else {
      this.compactTimer = setTimeout(() => {
        this.compactTimer = null;
        // From the queue: the snapshot must be taken with an empty batch (doc == log).
        this.enqueue({ kind: "task", conn: null, run: () => (this.deps.bus.shared ? this.compactNow() : void this.startCompaction()) });
      }, compactIdleMs);
    }
  }

  /**
   * Folds the log into a snapshot of the document as it is now, written beside the queue: edits
   * and their broadcasts go on while it is written. Only called with an empty batch (doc == log,
   * so the snapshot holds exactly the rows up to lastUpdateId). One write at a time; a compaction
   * that falls due meanwhile waits for the next batch.
   */
  private startCompaction(): Promise<void> {
    if (this.snapshotWrite) return this.snapshotWrite;
    if (this.rowsSinceSnapshot === 0 || this.state === "closed" || !this.owner) return Promise.resolve();
    const snapshot = Y.encodeStateAsUpdate(this.doc);
    const folded = this.rowsSinceSnapshot;
    this.rowsSinceSnapshot = 0;
    this.approxBytes = snapshot.byteLength;
    const upTo = this.lastUpdateId;
    const at = this.deps.clock.now();
    const changes = this.takeChanges();
    this.snapshotWrite = this.deps.background
      .run(async () => {
        await this.writeChanges(changes); // before the rows they summarise are folded away
        await writeSnapshot(this.deps.db, this.investigationId, snapshot, upTo, at);
      })
      .then(() => void this.deps.counters.compactions++)
      .catch((err) => {
        // Harmless: the log is intact and the next compaction tries again.
        this.rowsSinceSnapshot += folded;
        this.deps.log(`[collab] compactie van ${this.investigationId} mislukt: ${errText(err)}`);
      })
      .finally(() => (this.snapshotWrite = null));
    return this.snapshotWrite;
  }

  /**
   * Waits for a snapshot being written, then folds whatever is left. From the queue only. With other
   * instances writing, it first catches up: the snapshot must hold every row up to the id it names.
   */
  private async compactNow(): Promise<void> {
    if (this.snapshotWrite) await this.snapshotWrite;
    if (!this.owner) return;
    await this.catchUp();
    await this.startCompaction();
  }

  // Throttled rather than debounced: under continuous editing the projection still follows.
  private scheduleProjection() {
    if (this.projectionTimer) return;
    this.projectionTimer = setTimeout(() => {
      this.projectionTimer = null;
      this.enqueue({ kind: "task", conn: null, run: () => this.project() });
    }, this.deps.limits.projectionDebounceMs);
  }

  private takeChanges(): ChangeRow[] {
    const changes = this.changes;
    this.changes = [];
    return changes;
  }

  /** Writes summaries taken from `changes`; on failure they go back for the next write. */
  private async writeChanges(changes: ChangeRow[]): Promise<void> {
    try {
      await appendChanges(this.deps.db, changes);
    } catch (err) {
      this.changes.unshift(...changes);
      throw err;
    }
  }

  /**
   * Brings the projections up to date with what the persisted batches touched (StaleProjection),
   * and writes the batches' who/what summaries. One write at a time: while one is written, edits
   * gather and go into the next one.
   */
  private project() {
    if (this.projectionWrite) return this.scheduleProjection();
    const work = this.stale.take();
    const changes = this.takeChanges();
    if (!this.owner) {
      // The owner instance projects this document; our own who/what summaries are still ours to write.
      this.tryOwnership();
      if (changes.length > 0) {
        this.projectionWrite = this.deps.background
          .run(() => this.writeChanges(changes))
          .catch((err) => this.deps.log(`[collab] samenvatting van ${this.investigationId} mislukt: ${errText(err)}`))
          .finally(() => (this.projectionWrite = null));
      }
      return;
    }
    if (!work && changes.length === 0) return;
    const { db, clock, counters, background } = this.deps;
    const inv = this.investigationId;
    // Computed in the queue (doc == log), written outside it so editing is not held up.
    const events = !work ? null : work.events === "all" ? { all: projectEvents(this.doc) } : projectEventsById(this.doc, work.events);
    const analysis = work?.analysis ? analysisRows(this.doc, inv) : null;
    const at = clock.now();
    this.projectionWrite = background
      .run(async () => {
        await this.writeChanges(changes);
        if (!events) return;
        if ("all" in events) await writeProjection(db, inv, events.all, at);
        else if (events.rows.length + events.gone.length > 0) await writeEventChanges(db, inv, events.rows, events.gone, at);
        if (analysis) await writeAnalysisProjection(db, inv, analysis, at);
        counters.projections++;
      })
      .catch((err) => {
        this.stale.everything();
        this.deps.log(`[collab] projectie van ${inv} mislukt: ${errText(err)}`);
      })
      .finally(() => (this.projectionWrite = null));
  }

  // ------------------------------------------------------------------ lifecycle

  /** Runs as a queued task, so it may do the closing work itself. */
  private async unloadIfIdle() {
    if (this.conns.size > 0 || this.state !== "open") return;
    this.state = "closing";
    await this.closeOut();
    this.finish();
  }

  /**
   * Flushes, compacts, projects and closes the room (server shutdown). Peers still connected are
   * closed last, with a code that makes them reconnect.
   */
  async shutdown(): Promise<void> {
    if (this.state !== "open") return this.closed;
    this.state = "closing";
    await new Promise<void>((resolve) => {
      // Runs after everything already queued.
      this.jobs.push({
        kind: "task",
        conn: null,
        run: async () => {
          try {
            await this.closeOut();
          } finally {
            resolve();
          }
        },
      });
      if (!this.draining) void this.drain();
      void this.closed.then(resolve); // the room may fail instead
    });
    for (const c of this.conns) c.close(CLOSE.restart, REASON.restart);
    this.finish();
  }

  private async closeOut() {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.projectionTimer) clearTimeout(this.projectionTimer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    await this.compactNow();
    await this.projectionWrite; // then the last one, with everything still stale
    try {
      this.project();
    } catch (err) {
      this.deps.log(`[collab] projectie van ${this.investigationId} mislukt: ${errText(err)}`);
    }
    await this.projectionWrite;
  }

  /** Throws the room away without writing: its doc may hold bytes the log does not. */
  private fail(why: string, code: number, reason: string) {
    if (this.state === "closed") return;
    this.deps.log(`[collab] document ${this.investigationId}: ${why}`);
    for (const c of this.conns) c.reject(code, reason);
    this.finish();
  }

  private finish() {
    if (this.state === "closed") return;
    this.state = "closed";
    if (this.owner) {
      this.owner = false;
      this.deps.bus.release(this.investigationId).catch((err) => this.deps.log(`[collab] vrijgeven van ${this.investigationId} mislukt: ${errText(err)}`));
    }
    this.jobs = [];
    this.batch = [];
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.projectionTimer) clearTimeout(this.projectionTimer);
    if (this.compactTimer) clearTimeout(this.compactTimer);
    this.guard.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.deps.onClosed(this);
    this.resolveClosed();
  }

  stats() {
    return {
      investigationId: this.investigationId,
      peers: this.conns.size,
      queued: this.jobs.length,
      rowsSinceSnapshot: this.rowsSinceSnapshot,
      approxBytes: this.approxBytes,
    };
  }
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
