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

/** The document as stored: the latest snapshot plus every later log row, in order. */
export async function loadState(
  db: Database,
  investigationId: string,
  opts: { doc?: Y.Doc; origin?: unknown; log?: (line: string) => void } = {},
): Promise<LoadedState> {
  const doc = opts.doc ?? new Y.Doc();
  const origin = opts.origin ?? "load";
  const log = opts.log ?? (() => {});
  const [snap] = await db
    .select()
    .from(schema.collabSnapshots)
    .where(eq(schema.collabSnapshots.investigationId, investigationId))
    .limit(1);
  let lastUpdateId = 0;
  let approxBytes = 0;
  let skippedRows = 0;
  if (snap) {
    Y.applyUpdate(doc, snap.snapshot, origin);
    lastUpdateId = snap.lastUpdateId;
    approxBytes = snap.snapshot.byteLength;
  }
  const rows = await db
    .select({ id: schema.collabUpdates.id, update: schema.collabUpdates.update })
    .from(schema.collabUpdates)
    .where(and(eq(schema.collabUpdates.investigationId, investigationId), gt(schema.collabUpdates.id, lastUpdateId)))
    .orderBy(asc(schema.collabUpdates.id));
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
  if (rows.length === 0) throw new Error("empty batch");
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(schema.collabUpdates)
      .values(rows.map((r) => ({ investigationId, userId: r.userId, at: r.at, update: r.update, entityIds: r.entityIds })))
      .returning({ id: schema.collabUpdates.id });
    await tx.insert(schema.collabChanges).values(summariseByUser(investigationId, rows));
    return Math.max(...inserted.map((r) => r.id));
  });
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
 * Folds the log up to `upToId` into a snapshot and deletes those rows, in one transaction. The
 * snapshot is only replaced by a newer one, so an older writer can never roll it back.
 */
export async function writeSnapshot(db: Database, investigationId: string, snapshot: Uint8Array, upToId: number, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(schema.collabSnapshots)
      .values({ investigationId, snapshot, lastUpdateId: upToId, updatedAt: at })
      .onConflictDoUpdate({
        target: schema.collabSnapshots.investigationId,
        set: { snapshot, lastUpdateId: upToId, updatedAt: at },
        setWhere: sql`${schema.collabSnapshots.lastUpdateId} <= ${upToId}`,
      });
    await tx
      .delete(schema.collabUpdates)
      .where(and(eq(schema.collabUpdates.investigationId, investigationId), lte(schema.collabUpdates.id, upToId)));
  });
}
