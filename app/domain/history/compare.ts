// A named version next to the current state: what was added, changed (which fields) and removed
// since, per fact, lane, period, analysis node and measure. Pure Yjs reading, no I/O.
import * as Y from "yjs";
import { fieldLabel, NODE_KINDS, NOUNS } from "./describe.ts";

export const COMPARED_MAPS = ["events", "parties", "periods", "nodes", "measures"] as const;
const TITLE_KEYS: Record<string, string> = { parties: "name", periods: "label", events: "title", nodes: "label", measures: "title" };
/** Fields that change on every edit or only say where an entry sits: not a difference of their own. */
const IGNORED = new Set(["updatedAt", "updatedBy", "createdAt", "createdBy", "movedAt", "movedBy", "order"]);

export interface ComparedEntry {
  id: string;
  /** "Feit ‘Huisbezoek’" */
  name: string;
  /** Changed entries: the Dutch names of the fields that differ. */
  fields?: string[];
}

export interface Comparison {
  added: ComparedEntry[];
  changed: ComparedEntry[];
  removed: ComparedEntry[];
}

function plain(v: unknown): Record<string, unknown> {
  const json = v instanceof Y.AbstractType ? (v.toJSON() as unknown) : v;
  return json && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}

function nameOf(map: string, entry: Record<string, unknown>): string {
  const noun = map === "nodes" ? (NODE_KINDS[String(entry.kind)] ?? NOUNS.nodes) : NOUNS[map];
  const title = entry[TITLE_KEYS[map]];
  const t = typeof title === "string" && title.trim() ? title.trim() : "";
  return t ? `${noun} ‘${t.length > 80 ? `${t.slice(0, 79)}…` : t}’` : `${noun} (zonder titel)`;
}

/** What differs between `version` and `current`, facts first, each list in title order. */
export function compareDocs(version: Y.Doc, current: Y.Doc): Comparison {
  const out: Comparison = { added: [], changed: [], removed: [] };
  for (const map of COMPARED_MAPS) {
    const then = version.getMap<unknown>(map);
    const now = current.getMap<unknown>(map);
    const part: Comparison = { added: [], changed: [], removed: [] };
    for (const [id, v] of now.entries()) {
      const after = plain(v);
      if (!then.has(id)) {
        part.added.push({ id, name: nameOf(map, after) });
        continue;
      }
      const before = plain(then.get(id));
      const fields = new Set<string>();
      for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (IGNORED.has(k) || stable(before[k]) === stable(after[k])) continue;
        if (map === "events" && k === "flags") {
          const a = plain(before[k]);
          const b = plain(after[k]);
          for (const f of new Set([...Object.keys(a), ...Object.keys(b)])) if (!!a[f] !== !!b[f]) fields.add(fieldLabel(map, `flags.${f}`));
          continue;
        }
        fields.add(fieldLabel(map, k));
      }
      if (fields.size > 0) part.changed.push({ id, name: nameOf(map, after), fields: [...fields] });
    }
    for (const [id, v] of then.entries()) if (!now.has(id)) part.removed.push({ id, name: nameOf(map, plain(v)) });
    for (const k of ["added", "changed", "removed"] as const) out[k].push(...part[k].sort((a, b) => a.name.localeCompare(b.name, "nl")));
  }
  return out;
}
