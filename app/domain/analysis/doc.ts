// Where the analysis lives in the investigation's Y.Doc, plus the small helpers every analysis
// module shares: edit context (who/when/ids, injectable for tests) and lenient read-back.
import * as Y from "yjs";
import { z } from "zod";

/** Top-level Y.Map: analysis settings (method, step check marks). */
export const ANALYSIS_MAP = "analysis";
/** Top-level Y.Map<Y.Map>: causal-tree / why-chain nodes keyed by uuid; one flat map, parent pointers. */
export const NODES_MAP = "nodes";
/** Top-level Y.Map<Y.Map>: improvement measures keyed by uuid. */
export const MEASURES_MAP = "measures";
/** Top-level Y.XmlFragment with the 7a conclusions; TipTap binds this same fragment. */
export const CONCLUSIONS_SECTION = "section:7a";
/** Owned by the timeline model; read here only to check references and count facts. */
export const EVENTS_MAP = "events";
export const PERIODS_MAP = "periods";

export interface EditContext {
  /** User id written to createdBy/updatedBy/movedBy. */
  readonly userId: string;
  /** Clock; injectable so tests (and replays) are deterministic. */
  readonly now?: () => Date;
  /** Id generator; defaults to a random uuid. */
  readonly newId?: () => string;
  /**
   * Transaction origin. A Y.UndoManager tracks origin null by default, so leave this unset
   * for user edits that should be undoable, or add the origin to its trackedOrigins.
   */
  readonly origin?: unknown;
}

export function nodesMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(NODES_MAP);
}
export function measuresMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(MEASURES_MAP);
}
export function analysisMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(ANALYSIS_MAP);
}
export function conclusionsFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(CONCLUSIONS_SECTION);
}

export function nowIso(ctx: EditContext): string {
  return (ctx.now ? ctx.now() : new Date()).toISOString();
}

export function newId(ctx: EditContext): string {
  if (ctx.newId) return ctx.newId();
  const c = globalThis.crypto;
  // randomUUID is missing in insecure browser contexts (plain http on a LAN); getRandomValues is not.
  if (typeof c.randomUUID === "function") return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One Yjs transaction per user operation, with the context's origin. */
export function transact<T>(doc: Y.Doc, ctx: EditContext, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, ctx.origin ?? null);
  return result;
}

/** Field of an entry that failed validation and was replaced by its fallback. */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

/** An entry of a Yjs map that cannot be shown at all (wrong type, unknown kind). */
export interface InvalidEntry {
  readonly id: string;
  readonly reason: string;
}

/** Plain-object view of a map entry; null when the entry is not a Y.Map. */
export function entryObject(entry: unknown): Record<string, unknown> | null {
  if (!(entry instanceof Y.Map)) return null;
  const json: unknown = entry.toJSON();
  return json !== null && typeof json === "object" && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : null;
}

/**
 * Reads one field leniently: absent → fallback silently; present but invalid → fallback and an
 * issue, so one bad field never hides the rest of the entry.
 */
export function readField<T>(
  obj: Record<string, unknown>,
  key: string,
  schema: z.ZodType<T>,
  fallback: T,
  issues: FieldIssue[],
  fieldLabel: string,
): T {
  const value = obj[key];
  if (value === undefined) return fallback;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  issues.push({ field: key, message: `Ongeldige waarde voor ${fieldLabel} is genegeerd.` });
  return fallback;
}

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** The Y.Array at `key` of an entry, created when missing or of the wrong type (keeping valid strings). */
export function stringArrayOf(map: Y.Map<unknown>, key: string): Y.Array<string> {
  const current = map.get(key);
  if (current instanceof Y.Array) return current as Y.Array<string>;
  const arr = new Y.Array<string>();
  const keep = Array.isArray(current) ? current.filter((x): x is string => typeof x === "string") : [];
  arr.push(keep);
  map.set(key, arr);
  return arr;
}

/** Removes every occurrence (concurrent adds of the same id may have duplicated it). */
export function removeAll(arr: Y.Array<string>, value: string): void {
  const items = arr.toArray();
  for (let i = items.length - 1; i >= 0; i--) if (items[i] === value) arr.delete(i, 1);
}

/** Text content of a TipTap fragment, for "is anything written yet" checks. */
export function fragmentPlainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const parts: string[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert?: unknown }>) {
        if (typeof op.insert === "string") parts.push(op.insert);
      }
    } else if (child instanceof Y.XmlElement) {
      parts.push(fragmentPlainText(child), "\n");
    }
  }
  return parts.join("");
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** YYYY-MM-DD → DD-MM-YYYY for Dutch sentences. */
export function dutchDate(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}-${m}-${y}`;
}
