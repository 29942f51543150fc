import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import { schema, type Database } from "../../db/client.ts";

/** One accepted update, as it goes into the log. */
export interface LogRow {
  userId: string | null;
  at: Date;
  update: Uint8Array;
  entityIds: string[];
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
 * Appends a batch to the update log and its who/what summary to collab_changes, in one
 * transaction. Returns the id of the last row written.
 */
export async function appendUpdates(db: Database, investigationId: string, rows: LogRow[]): Promise<number> {
  const last = await appendLogBatches(db, [{ investigationId, rows }]);
  return last.get(investigationId.toLowerCase())!;
}

/** The pending rows of one document, for a group commit. */
export interface LogBatch {
  investigationId: string;
  rows: LogRow[];
}

/**
 * Appends the batches of several documents in one transaction (a group commit: one commit for
 * every document with pending updates). Returns, per investigation (keyed as PostgreSQL prints a
 * uuid: lower case), the id of its last row.
 */
export async function appendLogBatches(db: Database, batches: LogBatch[]): Promise<Map<string, number>> {
  if (batches.length === 0 || batches.some((b) => b.rows.length === 0)) throw new Error("empty batch");
  const updates = batches.flatMap(({ investigationId, rows }) =>
    rows.map((r) => sql`(${investigationId}::uuid, ${r.userId}::uuid, ${r.at.toISOString()}::timestamptz, ${toBuffer(r.update)}::bytea, ${textArray(r.entityIds)}::text[])`),
  );
  const changes = batches.flatMap(({ investigationId, rows }) =>
    summariseByUser(investigationId, rows).map(
      (c) => sql`(${c.investigationId}::uuid, ${c.userId}::uuid, ${c.at.toISOString()}::timestamptz, ${textArray(c.entityIds)}::text[], ${c.updates}::int, ${c.bytes}::int)`,
    ),
  );
  // One statement (atomic on its own): this write is on every update's way to the peers, and on
  // PGlite, which runs in the server's thread, one statement costs about half of a transaction
  // with two inserts built by the query builder (0.6 against 1.1 ms).
  const result = await db.execute<{ investigation_id: string; last_id: string | number }>(sql`
    with logged as (
      insert into ${schema.collabUpdates} (investigation_id, user_id, at, "update", entity_ids)
      values ${sql.join(updates, sql`, `)}
      returning id, investigation_id
    ), summarised as (
      insert into ${schema.collabChanges} (investigation_id, user_id, at, entity_ids, updates, bytes)
      values ${sql.join(changes, sql`, `)}
    )
    select investigation_id::text as investigation_id, max(id) as last_id from logged group by investigation_id`);
  // postgres.js answers with the rows, PGlite with { rows }.
  const rows = Array.isArray(result) ? result : (result as unknown as { rows: typeof result }).rows;
  return new Map([...rows].map((r) => [r.investigation_id, Number(r.last_id)]));
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A PostgreSQL array literal: every element quoted, so keys with commas, braces or quotes stay intact. */
function textArray(items: readonly string[]): string {
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(",")}}`;
}

function summariseByUser(investigationId: string, rows: LogRow[]) {
  const byUser = new Map<string | null, { at: Date; entities: Set<string>; updates: number; bytes: number }>();
  for (const r of rows) {
    const s = byUser.get(r.userId) ?? { at: r.at, entities: new Set<string>(), updates: 0, bytes: 0 };
    for (const e of r.entityIds) s.entities.add(e);
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
  }));
}

/**
 * Folds the log up to `upToId` into a snapshot, then deletes those rows. The snapshot is only
 * replaced by a newer one, so an older writer can never roll it back.
 *
 * Two transactions, so that the update log's commits (which peers wait for) can pass in between:
 * PGlite runs one transaction at a time, in the server's thread, and a snapshot of a large document
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
  await db.transaction(async (tx) => {
    await tx
      .delete(schema.collabUpdates)
      .where(and(eq(schema.collabUpdates.investigationId, investigationId), lte(schema.collabUpdates.id, upToId)));
  });
}
