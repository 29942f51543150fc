import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import { schema, type Database } from "../../db/client.ts";
import { rawQuery } from "../../db/raw-query.ts";
import { COLLAB_CHANNEL, OWNER_LOCK_CLASS } from "./bus.ts";
import type { ChangeDetail } from "../../app/domain/history/changes.ts";

/** One accepted update, as it goes into the log. */
export interface LogRow {
  userId: string | null;
  at: Date;
  update: Uint8Array;
  entityIds: string[];
  /** What the update did (app/domain/history/changes.ts); absent: nothing known. */
  details?: ChangeDetail[];
}

export interface LoadedState {
  doc: Y.Doc;
  /** Highest log row id merged into `doc` (0 when none). */
  lastUpdateId: number;
  /** Log rows not yet folded into the snapshot: drives compaction. */
  rowsSinceSnapshot: number;
  /** Snapshot size plus the log rows after it: an upper bound of the encoded state, for the size limit. */
  approxBytes: number;
  /** Rows that Yjs refused to apply (logged, skipped: one bad row must not lock a document). */
  skippedRows: number;
}

/**
 * The document as stored: the latest snapshot plus every later log row, in order. Read in one
 * repeatable-read transaction, so a compaction that commits between the two reads cannot make the
 * rows it folded disappear from under us.
 */
export async function loadState(
  db: Database,
  investigationId: string,
  opts: { doc?: Y.Doc; origin?: unknown; log?: (line: string) => void } = {},
): Promise<LoadedState> {
  const doc = opts.doc ?? new Y.Doc();
  const origin = opts.origin ?? "load";
  const log = opts.log ?? (() => {});
  const { snap, rows } = await db.transaction(
    async (tx) => {
      const [snap] = await tx
        .select()
        .from(schema.collabSnapshots)
        .where(eq(schema.collabSnapshots.investigationId, investigationId))
        .limit(1);
      const rows = await tx
        .select({ id: schema.collabUpdates.id, update: schema.collabUpdates.update })
        .from(schema.collabUpdates)
        .where(and(eq(schema.collabUpdates.investigationId, investigationId), gt(schema.collabUpdates.id, snap?.lastUpdateId ?? 0)))
        .orderBy(asc(schema.collabUpdates.id));
      return { snap, rows };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  let lastUpdateId = 0;
  let approxBytes = 0;
  let skippedRows = 0;
  if (snap) {
    Y.applyUpdate(doc, snap.snapshot, origin);
    lastUpdateId = snap.lastUpdateId;
    approxBytes = snap.snapshot.byteLength;
    // A snapshot carries what Yjs held back in the live document (encodeStateAsUpdate includes it),
    // possibly a ketenpartner's from before the write check refused that (issue 16): a pending delete
    // set would delete whatever its client writes next. Log rows hold only integrated content, so
    // nothing later needs it; an honest writer re-sends what the server lacks when it syncs.
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
      log(`[collab] wachtende (niet ingepaste) wijzigingen in de momentopname van ${investigationId} weggelaten`);
    }
  }
  for (const row of rows) {
    try {
      Y.applyUpdate(doc, row.update, origin);
    } catch (err) {
      skippedRows++;
      log(`[collab] logregel ${row.id} van ${investigationId} overgeslagen: ${err instanceof Error ? err.message : String(err)}`);
    }
    lastUpdateId = Math.max(lastUpdateId, row.id);
    approxBytes += row.update.byteLength;
  }
  return { doc, lastUpdateId, rowsSinceSnapshot: rows.length, approxBytes, skippedRows };
}

/** Loads a document from the database alone (it holds everything any peer has seen). */
export async function loadDoc(db: Database, investigationId: string): Promise<Y.Doc> {
  return (await loadState(db, investigationId)).doc;
}

/**
 * Appends a batch to the update log and its who/what summary to collab_changes (outside the
 * collaboration server: seed, tests). Returns the id of the last row written.
 */
export async function appendUpdates(db: Database, investigationId: string, rows: LogRow[]): Promise<number> {
  const last = (await appendLogBatches(db, [{ investigationId, rows }])).get(investigationId.toLowerCase())!;
  await appendChanges(db, summariseBatch(investigationId, rows, last));
  return last;
}

/** The pending rows of one document, for a group commit. */
export interface LogBatch {
  investigationId: string;
  rows: LogRow[];
}

/**
 * Appends the batches of several documents to the update log in one statement (a group commit:
 * one commit for every document with pending updates). Returns, per investigation (keyed as
 * PostgreSQL prints a uuid: lower case), the id of its last row.
 *
 * Only the log itself: it is what peers wait for. Who changed what is in these rows already
 * (user, time, entity_ids); its lasting summary in collab_changes is written behind them
 * (appendChanges), and recovered from the log at load if a crash came between (summariseLog).
 */
export async function appendLogBatches(db: Database, batches: LogBatch[], opts: { notifyAs?: string } = {}): Promise<Map<string, number>> {
  if (batches.length === 0 || batches.some((b) => b.rows.length === 0)) throw new Error("empty batch");
  const params: unknown[] = [];
  const tuples: string[] = [];
  for (const { investigationId, rows } of batches) {
    for (const r of rows) {
      const n = params.push(investigationId, r.userId, r.at.toISOString(), toBuffer(r.update), r.entityIds, JSON.stringify(r.details ?? []));
      tuples.push(`($${n - 5}::uuid, $${n - 4}::uuid, $${n - 3}::timestamptz, $${n - 2}::bytea, $${n - 1}::text[], $${n}::jsonb)`);
    }
  }
  const rows = await rawQuery<{ id: string | number; investigation_id: string }>(
    db,
    opts.notifyAs === undefined ? singleInstanceInsert(tuples) : sharedInsert(tuples, params, batches, opts.notifyAs),
    params,
  );
  const last = new Map<string, number>();
  for (const r of rows) last.set(r.investigation_id, Math.max(last.get(r.investigation_id) ?? 0, Number(r.id)));
  return last;
}

function singleInstanceInsert(tuples: string[]): string {
  return `insert into collab_updates (investigation_id, user_id, at, "update", entity_ids, details) values ${tuples.join(", ")}
     returning id, investigation_id::text as investigation_id`;
}

/**
 * Several instances (ADR 0014), still one statement and one commit:
 * - a transaction lock per document, taken (in a fixed order) before the rows get their ids, so one
 *   document's ids are handed out in commit order: whoever sees row N committed sees every earlier
 *   row of that document too, and catching up by "id > last seen" misses nothing;
 * - pg_notify per document, which PostgreSQL delivers when (and only if) the rows are committed.
 */
function sharedInsert(tuples: string[], params: unknown[], batches: LogBatch[], instanceId: string): string {
  const docs = params.push([...new Set(batches.map((b) => b.investigationId.toLowerCase()))].sort());
  const me = params.push(instanceId);
  return `with locks as materialized (
       select pg_advisory_xact_lock(${OWNER_LOCK_CLASS + 1}, hashtext(s.d::text)) from (select d from unnest($${docs}::uuid[]) as d order by d) as s
     ),
     ins as (
       insert into collab_updates (investigation_id, user_id, at, "update", entity_ids, details)
       select * from (values ${tuples.join(", ")}) as v
       where (select count(*) from locks) >= 0
       returning id, investigation_id
     )
     select id, investigation_id::text as investigation_id,
       pg_notify('${COLLAB_CHANNEL}', $${me} || ' ' || investigation_id::text || ' ' || id::text) is null as notified
     from ins where id = (select max(i.id) from ins i where i.investigation_id = ins.investigation_id)`;
}

/** A committed log row, as another instance catches up with it (ADR 0014). */
export interface CommittedRow {
  id: number;
  userId: string | null;
  update: Uint8Array;
  entityIds: string[];
}

/** The document's log rows after `afterId`, in order (rows another instance wrote, and our own). */
export async function readLogAfter(db: Database, investigationId: string, afterId: number): Promise<CommittedRow[]> {
  const t = schema.collabUpdates;
  const rows = await db
    .select({ id: t.id, userId: t.userId, update: t.update, entityIds: t.entityIds })
    .from(t)
    .where(and(eq(t.investigationId, investigationId), gt(t.id, afterId)))
    .orderBy(asc(t.id));
  return rows.map((r) => ({ ...r, id: Number(r.id), entityIds: r.entityIds ?? [] }));
}

/** A who/what summary row: one per user per persisted batch. */
export interface ChangeRow {
  investigationId: string;
  userId: string | null;
  at: Date;
  entityIds: string[];
  updates: number;
  bytes: number;
  details: ChangeDetail[];
  /** The batch's last log row: what collab_changes covers up to (summariseLog). */
  lastUpdateId: number;
}

/** The summary of one persisted batch whose last log row is `lastUpdateId`. */
export function summariseBatch(investigationId: string, rows: LogRow[], lastUpdateId: number): ChangeRow[] {
  const byUser = new Map<string | null, { at: Date; entities: Set<string>; updates: number; bytes: number; details: ChangeDetail[] }>();
  for (const r of rows) {
    const s = byUser.get(r.userId) ?? { at: r.at, entities: new Set<string>(), updates: 0, bytes: 0, details: [] };
    for (const e of r.entityIds) s.entities.add(e);
    if (r.details) s.details.push(...r.details);
    s.updates++;
    s.bytes += r.update.byteLength;
    if (r.at > s.at) s.at = r.at;
    byUser.set(r.userId, s);
  }
  return [...byUser].map(([userId, s]) => ({
    investigationId,
    userId,
    at: s.at,
    entityIds: [...s.entities].sort(),
    updates: s.updates,
    bytes: s.bytes,
    details: s.details,
    lastUpdateId,
  }));
}

export async function appendChanges(db: Database, changes: ChangeRow[]): Promise<void> {
  if (changes.length === 0) return;
  await db.insert(schema.collabChanges).values(changes);
}

/**
 * Summarises the log rows up to `upToId` that collab_changes does not cover yet (one summary row
 * per log row): the summaries of the last batches before a crash were only in memory. Run when a
 * document loads, before anything else of it is written behind the log.
 */
export async function summariseLog(db: Database, investigationId: string, upToId: number): Promise<number> {
  const result = await db.execute(sql`
    insert into ${schema.collabChanges} (investigation_id, user_id, at, entity_ids, updates, bytes, details, last_update_id)
    select investigation_id, user_id, at, entity_ids, 1, octet_length("update"), details, id
    from ${schema.collabUpdates}
    where investigation_id = ${investigationId}
      and id <= ${upToId}
      and id > coalesce((select max(last_update_id) from ${schema.collabChanges} where investigation_id = ${investigationId}), 0)
    order by id`);
  // postgres.js reports the count on the result, PGlite as affectedRows.
  const r = result as unknown as { count?: number; affectedRows?: number };
  return r.count ?? r.affectedRows ?? 0;
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}


/**
 * Folds the log up to `upToId` into a snapshot, then deletes those rows. The snapshot is only
 * replaced by a newer one, so an older writer can never roll it back.
 *
 * Two transactions, so that the update log's commits (which peers wait for) can pass in between:
 * PGlite runs one transaction at a time, and a snapshot of a large document
 * takes tens of milliseconds. Rows left behind by a crash in between are harmless: a load reads
 * only the rows after the snapshot's lastUpdateId, and the next compaction deletes them.
 */
export async function writeSnapshot(db: Database, investigationId: string, snapshot: Uint8Array, upToId: number, at: Date): Promise<void> {
  const t = schema.collabSnapshots;
  await db.transaction(async (tx) => {
    await tx
      .insert(t)
      .values({ investigationId, snapshot, lastUpdateId: upToId, updatedAt: at })
      .onConflictDoUpdate({
        target: t.investigationId,
        // excluded.*: the snapshot's bytes are sent once, not twice.
        set: { snapshot: sql`excluded.snapshot`, lastUpdateId: sql`excluded.last_update_id`, updatedAt: sql`excluded.updated_at` },
        setWhere: sql`${t.lastUpdateId} <= ${upToId}`,
      });
  });
  // Never fold away a row whose who/what is not in collab_changes yet (normally a no-op: the room
  // writes its pending summaries first).
  await summariseLog(db, investigationId, upToId);
  await db.transaction(async (tx) => {
    await tx
      .delete(schema.collabUpdates)
      .where(and(eq(schema.collabUpdates.investigationId, investigationId), lte(schema.collabUpdates.id, upToId)));
  });
}
