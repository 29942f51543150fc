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
export function restoreVersionInto(live: Y.Doc, version: Y.Doc, origin: unknown): RestoreResult {
  const result: RestoreResult = { removed: 0, replaced: 0, added: 0 };
  live.transact(() => {
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
