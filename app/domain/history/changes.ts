// What one Yjs transaction did, per entity, in a small JSON shape that the update log keeps next to
// the update (collab_updates.details, collab_changes.details): added, added again (a key that
// existed before: undo, redo, restore), deleted or changed (which fields, old → new for short
// values), with the entity's title AT THE TIME, so a deleted fact keeps its name in the history.
//
// Must run before Yjs garbage-collects the transaction's deletions: in the doc's
// `afterTransaction` event (the `update` event comes after GC). Pure Yjs, no I/O.
import * as Y from "yjs";

/** A changed field; `from`/`to` are left out for long or non-text values. */
export interface FieldChange {
  key: string;
  from?: string | number | boolean | null;
  to?: string | number | boolean | null;
}

export type ChangeAction = "added" | "readded" | "deleted" | "changed";

export interface ChangeDetail {
  /** "<top-level name>:<key>", as in entity_ids. */
  entity: string;
  action: ChangeAction;
  /** Title, name or label of the entity (after the change; before it for a deletion). */
  title?: string;
  fields?: FieldChange[];
  /** Comments: the fact they are on, with its title at the time. */
  fact?: { id: string; title?: string };
  /** Analysis nodes: their kind (top, cause, recovery, critical_moment). */
  kind?: string;
  /**
   * Several facts at once in one transaction: an import (only an import adds several), its undo
   * (only undo deletes several), its redo (several added again under keys that existed before).
   */
  group?: "import" | "import_undone" | "import_redone";
}

/** Values longer than this are not copied into the history (only the field's name). */
export const SHORT_VALUE = 80;
/** A dispute's reason is kept longer: "betwist, reden: …" is the point of that row. */
const REASON_LENGTH = 300;
/** Fields that change on every edit and say nothing of their own. */
const NOISE = new Set(["updatedAt", "updatedBy", "createdAt", "createdBy", "movedAt", "movedBy"]);
/** Top-level maps whose entries are described; others (report text, interview) by name only. */
const DESCRIBED = new Set(["parties", "periods", "events", "comments", "nodes", "measures", "analysis", "restores"]);
const TITLE_KEYS: Record<string, string> = { parties: "name", periods: "label", events: "title", nodes: "label", measures: "title", restores: "versionName" };

type AnyType = Y.AbstractType<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The last value an item holds, read straight from its content (also when it is deleted). */
function itemValue(item: Y.Item | null | undefined): unknown {
  if (!item) return undefined;
  const content = item.content.getContent();
  return content[content.length - 1];
}

/**
 * A map's field, also from a map that was deleted in this transaction (before GC). Works on any
 * Yjs type with map content: a top-level map that the server never asked for by name arrives as a
 * plain AbstractType.
 */
function rawField(map: unknown, key: string): unknown {
  if (map instanceof Y.AbstractType) {
    const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
    return item ? itemValue(item) : undefined;
  }
  if (map && typeof map === "object" && !(map instanceof Y.AbstractType)) return (map as Record<string, unknown>)[key];
  return undefined;
}

function titleOf(mapName: string, entry: unknown): string | undefined {
  const key = TITLE_KEYS[mapName];
  if (!key) return undefined;
  const v = rawField(entry, key);
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

function short(v: unknown, max = SHORT_VALUE): string | number | boolean | null | undefined {
  if (v === null) return null;
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v.length <= max ? v : undefined;
  return undefined;
}

function fieldChange(key: string, from: unknown, to: unknown): FieldChange {
  const max = key === "statusReason" ? REASON_LENGTH : SHORT_VALUE;
  const out: FieldChange = { key };
  const f = short(from, max);
  const t = short(to, max);
  // Values only when both sides are short (or absent): "titel ‘A’ → ‘B’".
  if ((f !== undefined || from === undefined) && (t !== undefined || to === undefined)) {
    if (from !== undefined) out.from = f;
    if (to !== undefined) out.to = t;
  }
  return out;
}

interface Pending {
  mapName: string;
  key: string;
  action?: ChangeAction;
  fields: Map<string, FieldChange>;
}

/** Whether `item` was created in this transaction. */
const adds = (tr: Y.Transaction, item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
const deletes = (tr: Y.Transaction, item: Y.Item) => item.deleted && Y.isDeleted(tr.deleteSet, item.id);

/**
 * The change of one map key in this transaction, as Yjs' YMapEvent would compute it, plus whether
 * an added key existed before (a deleted item to its left).
 */
function keyChange(tr: Y.Transaction, map: AnyType, key: string): { action: "add" | "readd" | "delete" | "update"; oldValue: unknown; newValue: unknown } | null {
  const item = (map as unknown as { _map: Map<string, Y.Item> })._map.get(key);
  if (!item) return null;
  if (adds(tr, item)) {
    let prev = item.left;
    while (prev !== null && adds(tr, prev)) prev = prev.left;
    if (deletes(tr, item)) {
      if (prev !== null && deletes(tr, prev)) return { action: "delete", oldValue: itemValue(prev), newValue: undefined };
      return null; // added and deleted within the transaction
    }
    if (prev !== null && deletes(tr, prev)) return { action: "update", oldValue: itemValue(prev), newValue: itemValue(item) };
    return { action: prev === null ? "add" : "readd", oldValue: undefined, newValue: itemValue(item) };
  }
  if (deletes(tr, item)) return { action: "delete", oldValue: itemValue(item), newValue: undefined };
  return null;
}

/** The live entry under a top-level map, without converting the doc's types (no getMap here). */
function liveEntry(doc: Y.Doc, mapName: string, key: string): unknown {
  const root = doc.share.get(mapName) as AnyType | undefined;
  const item = root ? (root as unknown as { _map: Map<string, Y.Item> })._map.get(key) : undefined;
  return item && !item.deleted ? itemValue(item) : undefined;
}

/** The top-level name of a root type. */
function rootName(doc: Y.Doc, type: AnyType): string | null {
  for (const [name, t] of doc.share) if (t === type) return name;
  return null;
}

/** Plain fields of an entry (a Y.Map's current fields, or a plain object). */
function plainFields(entry: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (entry instanceof Y.AbstractType) {
    for (const [k, item] of (entry as unknown as { _map: Map<string, Y.Item> })._map) if (!item.deleted) out.set(k, itemValue(item));
  } else if (entry && typeof entry === "object" && !(entry instanceof Y.AbstractType)) {
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) out.set(k, v);
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Y.AbstractType || b instanceof Y.AbstractType) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Every entity the transaction touched, described; never throws on odd content. */
export function describeTransaction(tr: Y.Transaction): ChangeDetail[] {
  const doc = tr.doc;
  const pending = new Map<string, Pending>();
  const get = (mapName: string, key: string) => {
    const id = `${mapName}:${key}`;
    let p = pending.get(id);
    if (!p) pending.set(id, (p = { mapName, key, fields: new Map() }));
    return p;
  };
  const oldEntries = new Map<string, unknown>();

  for (const [type, keys] of tr.changed) {
    if (type._item === null) {
      const name = rootName(doc, type);
      if (name === null || !DESCRIBED.has(name)) continue;
      for (const key of keys) {
        if (key === null) continue;
        const change = keyChange(tr, type, key);
        if (!change) continue;
        const p = get(name, key);
        if (name === "analysis") {
          // Settings are single values: the key is the field.
          p.action = "changed";
          continue;
        }
        if (change.action === "add") p.action = "added";
        else if (change.action === "readd") p.action = "readded";
        else if (change.action === "delete") {
          p.action = "deleted";
          oldEntries.set(`${name}:${key}`, change.oldValue);
        } else {
          // A whole entry replaced (plain objects, or a restore's fresh copy): diff field by field.
          p.action = "changed";
          const before = plainFields(change.oldValue);
          const after = plainFields(change.newValue);
          for (const k of new Set([...before.keys(), ...after.keys()])) {
            if (NOISE.has(k) || sameValue(before.get(k), after.get(k))) continue;
            p.fields.set(k, fieldChange(k, before.get(k), after.get(k)));
          }
          oldEntries.set(`${name}:${key}`, change.oldValue);
        }
      }
      continue;
    }
    // A nested type: walk up to the entry directly under a top-level map, noting the field path.
    let item: Y.Item = type._item;
    const path: string[] = [];
    let parent = item.parent as AnyType | Y.ID | null;
    while (parent instanceof Y.AbstractType && parent._item !== null) {
      if (item.parentSub !== null) path.unshift(item.parentSub);
      item = parent._item;
      parent = item.parent as AnyType | Y.ID | null;
    }
    if (!(parent instanceof Y.AbstractType) || item.parentSub === null) continue;
    const name = rootName(doc, parent);
    if (name === null || !DESCRIBED.has(name)) continue;
    const p = get(name, item.parentSub);
    if (p.action === "added" || p.action === "readded" || p.action === "deleted") continue;
    p.action = "changed";
    if (path.length === 0 && !(type instanceof Y.Text) && !(type instanceof Y.Array) && !(type instanceof Y.XmlFragment)) {
      // The entry itself (an event's Y.Map): its changed fields, with old and new values.
      for (const key of keys) {
        if (key === null || NOISE.has(key)) continue;
        const change = keyChange(tr, type, key);
        if (!change) continue;
        const from = change.action === "add" || change.action === "readd" ? undefined : change.oldValue;
        const to = change.action === "delete" ? undefined : change.newValue;
        if (from instanceof Y.AbstractType || to instanceof Y.AbstractType) p.fields.set(key, { key });
        else p.fields.set(key, fieldChange(key, from, to));
      }
    } else if (path.length === 1 && !(type instanceof Y.Text) && !(type instanceof Y.Array) && !(type instanceof Y.XmlFragment)) {
      // One level down (an event's flags): "flags.kritiekMoment" with old → new.
      for (const key of keys) {
        if (key === null) continue;
        const change = keyChange(tr, type, key);
        if (!change) continue;
        const from = change.action === "add" || change.action === "readd" ? undefined : change.oldValue;
        const to = change.action === "delete" ? undefined : change.newValue;
        p.fields.set(`${path[0]}.${key}`, fieldChange(`${path[0]}.${key}`, from, to));
      }
    } else {
      // Text or list content (a description, the sources): the field's name only.
      const field = path[0];
      if (field) p.fields.set(field, { key: field });
    }
  }

  const details: ChangeDetail[] = [];
  for (const [id, p] of pending) {
    if (!p.action) continue;
    const live = liveEntry(doc, p.mapName, p.key);
    const entry = p.action === "deleted" ? oldEntries.get(id) : live;
    const detail: ChangeDetail = { entity: id, action: p.action };
    const title = titleOf(p.mapName, entry);
    if (title) detail.title = title;
    if (p.action === "changed" && p.fields.size > 0) detail.fields = [...p.fields.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const kind = p.mapName === "nodes" ? rawField(entry, "kind") : undefined;
    if (typeof kind === "string") detail.kind = kind;
    if (p.mapName === "comments") {
      const factId = rawField(entry, "eventId");
      if (typeof factId === "string") {
        const fact = liveEntry(doc, "events", factId);
        const factTitle = titleOf("events", fact);
        detail.fact = factTitle ? { id: factId, title: factTitle } : { id: factId };
      }
    }
    details.push(detail);
  }

  // A restore (or its undo) writes its record in `restores` in the same transaction: its many
  // changes are that, not an import.
  if (details.some((d) => d.entity.startsWith("restores:"))) return details.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
  // Several facts at once: an import, its undo, its redo.
  const facts = (action: ChangeAction) => details.filter((d) => d.entity.startsWith("events:") && d.action === action);
  const mark = (list: ChangeDetail[], group: ChangeDetail["group"]) => {
    if (list.length >= 2) for (const d of list) d.group = group;
  };
  mark(facts("added"), "import");
  mark(facts("deleted"), "import_undone");
  mark(facts("readded"), "import_redone");
  return details.sort((a, b) => (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0));
}
