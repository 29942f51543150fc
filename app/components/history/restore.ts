// Restoring a named version into the live document (client side, one transaction, so the page's
// undo manager reverts it as one step). Pure Yjs: no React, no network; tested in
// test/integration/history-restore.test.ts.
import * as Y from "yjs";

/** The top-level maps a restore makes equal to the version's. */
export const RESTORED_MAPS = ["parties", "periods", "events", "nodes", "measures"] as const;

/**
 * A deep, unattached copy of a value read from a Y.Doc, ready to be inserted into another
 * document: Y.Map, Y.Array and Y.Text (with formatting) are recreated, XML types cloned, plain
 * JSON values copied so the two documents never share an object.
 */
export function copyYValue(value: unknown): unknown {
  if (value instanceof Y.Map) {
    const out = new Y.Map<unknown>();
    for (const [k, v] of value.entries()) out.set(k, copyYValue(v));
    return out;
  }
  if (value instanceof Y.Array) {
    const out = new Y.Array<unknown>();
    out.push(value.toArray().map(copyYValue));
    return out;
  }
  if (value instanceof Y.Text) {
    const out = new Y.Text();
    out.applyDelta(value.toDelta());
    return out;
  }
  if (value instanceof Y.XmlFragment || value instanceof Y.XmlElement || value instanceof Y.XmlText) return value.clone();
  if (value instanceof Y.AbstractType) return (value as Y.AbstractType<unknown>).clone();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value !== null && typeof value === "object") return structuredClone(value);
  return value;
}

/** JSON of a Yjs or plain value, with object keys in a stable order, for comparing entries. */
function stableJson(value: unknown): string {
  const plain = value instanceof Y.AbstractType ? value.toJSON() : value;
  return JSON.stringify(plain, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export interface RestoreResult {
  removed: number;
  replaced: number;
  added: number;
}

/**
 * Makes the live document's RESTORED_MAPS equal to the version's, in ONE transaction with
 * `origin`: keys the version lacks are deleted, differing or missing entries are set to a fresh
 * copy of the version's. Unchanged entries are left alone (no needless churn for other peers).
 */
export function restoreVersionInto(live: Y.Doc, version: Y.Doc, origin: unknown, record?: RestoreRecord): RestoreResult {
  const result: RestoreResult = { removed: 0, replaced: 0, added: 0 };
  live.transact(() => {
    // The record first: the history and the notice to the people whose edits are overwritten.
    if (record) live.getMap<unknown>(RESTORES_MAP).set(record.id, { ...record });
    for (const name of RESTORED_MAPS) {
      const target = live.getMap<unknown>(name);
      const source = version.getMap<unknown>(name);
      for (const key of [...target.keys()]) {
        if (!source.has(key)) {
          target.delete(key);
          result.removed++;
        }
      }
      for (const [key, value] of source.entries()) {
        if (!target.has(key)) {
          target.set(key, copyYValue(value));
          result.added++;
        } else if (stableJson(target.get(key)) !== stableJson(value)) {
          target.set(key, copyYValue(value));
          result.replaced++;
        }
      }
    }
  }, origin);
  return result;
}

/** The top-level maps a restore touches, to add to an undo manager's scope. */
export function restoredTypes(doc: Y.Doc): Y.Map<unknown>[] {
  return RESTORED_MAPS.map((name) => doc.getMap<unknown>(name));
}

/**
 * A restore's record in the live document (`restores/<id>`, a plain value): the history names the
 * restore, and whoever's edits it overwrote sees a notice in their workspace until they close it.
 */
export interface RestoreRecord {
  id: string;
  versionId: string;
  versionName: string;
  /** The version that keeps the state from just before the restore (to undo it). */
  backupVersionId: string;
  backupName: string;
  byId: string;
  byName: string;
  at: string;
  /** User ids whose edits since the version the restore overwrote. */
  overwritten: string[];
  undoneAt?: string;
  undoneByName?: string;
}

export const RESTORES_MAP = "restores";

/** The restore records that are well-formed, newest first. */
export function readRestores(doc: Y.Doc): RestoreRecord[] {
  const out: RestoreRecord[] = [];
  for (const [id, v] of doc.getMap<unknown>(RESTORES_MAP).entries()) {
    if (!v || typeof v !== "object" || v instanceof Y.AbstractType) continue;
    const r = v as Partial<RestoreRecord>;
    if (typeof r.versionName !== "string" || typeof r.byName !== "string" || typeof r.at !== "string" || !Array.isArray(r.overwritten)) continue;
    out.push({ ...(r as RestoreRecord), id, overwritten: r.overwritten.filter((x): x is string => typeof x === "string") });
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/**
 * Undoes a restore of `version` whose state before is `before` (the kept version): every entry the
 * restore changed (where `before` and `version` differ) gets its value from before again, or is
 * removed if it was not there; entries the restore did not touch keep whatever was done since.
 * One transaction with `origin`; marks the restore's record undone in it. Returns what changed.
 */
export function undoRestoreInto(
  live: Y.Doc,
  before: Y.Doc,
  version: Y.Doc,
  origin: unknown,
  undone?: { backupVersionId: string; byName: string; at: string },
): RestoreResult {
  const result: RestoreResult = { removed: 0, replaced: 0, added: 0 };
  live.transact(() => {
    for (const name of RESTORED_MAPS) {
      const target = live.getMap<unknown>(name);
      const was = before.getMap<unknown>(name);
      const restored = version.getMap<unknown>(name);
      const keys = new Set([...was.keys(), ...restored.keys()]);
      for (const key of keys) {
        const a = was.get(key);
        const b = restored.get(key);
        if (was.has(key) && restored.has(key) && stableJson(a) === stableJson(b)) continue; // the restore left it alone
        if (!was.has(key)) {
          if (target.has(key)) {
            target.delete(key);
            result.removed++;
          }
        } else if (!target.has(key)) {
          target.set(key, copyYValue(a));
          result.added++;
        } else if (stableJson(target.get(key)) !== stableJson(a)) {
          target.set(key, copyYValue(a));
          result.replaced++;
        }
      }
    }
    if (undone) {
      const records = live.getMap<unknown>(RESTORES_MAP);
      for (const r of readRestores(live)) {
        if (r.backupVersionId === undone.backupVersionId && !r.undoneAt) {
          const { id, ...rest } = r;
          records.set(id, { ...rest, undoneAt: undone.at, undoneByName: undone.byName });
        }
      }
    }
  }, origin);
  return result;
}
