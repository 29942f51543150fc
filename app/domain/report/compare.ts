// Comparing two submitted report versions (issue 15): per checklist item what changed between the
// stored report models: the status, the text (line by line, with the changed words inside a
// changed line), the label/value facts, and the rows of its tables (facts of the timeline, root
// causes, measures, …) that were added or fell away. Pure and browser-safe; works on the stored
// content JSON, so versions written by an older builder still compare (unknown blocks are skipped).
import type { ItemStatus, ReportBlock, ReportModel } from "./model.ts";

export type Change = "added" | "removed" | "same";

/** A piece of text with what happened to it. */
export interface Segment {
  change: Change;
  text: string;
}

/** One line of an item's text: unchanged, added, removed, or changed (with its words marked). */
export type TextLine =
  | { kind: "same"; text: string }
  | { kind: "added"; text: string }
  | { kind: "removed"; text: string }
  | { kind: "changed"; before: string; after: string; words: Segment[] };

export interface TableDiff {
  caption: string;
  columns: string[];
  added: string[][];
  removed: string[][];
  /** Rows in both versions. */
  unchanged: number;
}

export interface FactDiff {
  label: string;
  before: string | null;
  after: string | null;
}

export interface ItemDiff {
  id: string;
  heading: string;
  statusBefore: ItemStatus | null;
  statusAfter: ItemStatus | null;
  /** Only the changed lines and a line of context around them; empty when the text did not change. */
  text: TextLine[];
  facts: FactDiff[];
  tables: TableDiff[];
  changed: boolean;
  /** Content left out of the comparison (client identity, item 1a): only whether it changed. */
  withheld: boolean;
}

export interface ChapterDiff {
  number: number;
  heading: string;
  items: ItemDiff[];
}

export interface VersionComparison {
  chapters: ChapterDiff[];
  /** Items with any change. */
  changedCount: number;
  total: number;
}

type Item = ReportModel["chapters"][number]["items"][number];

// --- Longest common subsequence, shared by lines and words ------------------------------------------

/** Above this many cells the exact LCS is skipped and the texts are shown as removed + added. */
const LCS_LIMIT = 4_000_000;

function lcsOps<T>(a: readonly T[], b: readonly T[]): { change: Change; a?: T; b?: T }[] {
  // Common prefix and suffix first: most versions differ in a few places.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head = a.slice(0, start).map((x) => ({ change: "same" as const, a: x, b: x }));
  const tail = a.slice(endA).map((x) => ({ change: "same" as const, a: x, b: x }));
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  const mid: { change: Change; a?: T; b?: T }[] = [];
  if ((ma.length + 1) * (mb.length + 1) > LCS_LIMIT) {
    for (const x of ma) mid.push({ change: "removed", a: x });
    for (const y of mb) mid.push({ change: "added", b: y });
  } else {
    const w = mb.length + 1;
    const t = new Uint32Array((ma.length + 1) * w);
    for (let i = ma.length - 1; i >= 0; i--)
      for (let j = mb.length - 1; j >= 0; j--) t[i * w + j] = ma[i] === mb[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    let i = 0;
    let j = 0;
    while (i < ma.length && j < mb.length) {
      if (ma[i] === mb[j]) {
        mid.push({ change: "same", a: ma[i], b: mb[j] });
        i++;
        j++;
      } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) mid.push({ change: "removed", a: ma[i++] });
      else mid.push({ change: "added", b: mb[j++] });
    }
    while (i < ma.length) mid.push({ change: "removed", a: ma[i++] });
    while (j < mb.length) mid.push({ change: "added", b: mb[j++] });
  }
  return [...head, ...mid, ...tail];
}

/** Word-level difference of two lines: runs of unchanged, removed and added text. */
export function diffWords(before: string, after: string): Segment[] {
  const tokens = (s: string) => s.split(/(\s+)/).filter((t) => t !== "");
  const out: Segment[] = [];
  for (const op of lcsOps(tokens(before), tokens(after))) {
    const text = (op.change === "added" ? op.b : op.a) as string;
    const last = out[out.length - 1];
    if (last && last.change === op.change) last.text += text;
    else out.push({ change: op.change, text });
  }
  return out;
}

/** Line-level difference; a removed line directly followed by an added one is one changed line. */
export function diffLines(before: readonly string[], after: readonly string[]): TextLine[] {
  const ops = lcsOps(before, after);
  const out: TextLine[] = [];
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k];
    if (op.change === "same") out.push({ kind: "same", text: op.a as string });
    else if (op.change === "added") out.push({ kind: "added", text: op.b as string });
    else {
      // Pair runs of removed lines with the added run that follows: line i of one with line i of the other.
      let r = k;
      while (r < ops.length && ops[r].change === "removed") r++;
      let s = r;
      while (s < ops.length && ops[s].change === "added") s++;
      const removed = ops.slice(k, r).map((o) => o.a as string);
      const added = ops.slice(r, s).map((o) => o.b as string);
      const pairs = Math.min(removed.length, added.length);
      for (let p = 0; p < pairs; p++) out.push({ kind: "changed", before: removed[p], after: added[p], words: diffWords(removed[p], added[p]) });
      for (const x of removed.slice(pairs)) out.push({ kind: "removed", text: x });
      for (const y of added.slice(pairs)) out.push({ kind: "added", text: y });
      k = s - 1;
    }
  }
  return out;
}

/** Keeps the changed lines and `context` unchanged lines around each; longer runs become "…". */
function withContext(lines: TextLine[], context = 1): TextLine[] {
  if (!lines.some((l) => l.kind !== "same")) return [];
  const keep = lines.map(() => false);
  lines.forEach((l, i) => {
    if (l.kind === "same") return;
    for (let d = -context; d <= context; d++) if (lines[i + d]) keep[i + d] = true;
  });
  const out: TextLine[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (skipped && out.length) out.push({ kind: "same", text: "…" });
      skipped = false;
      out.push(l);
    } else skipped = true;
  });
  return out;
}

// --- Per item -----------------------------------------------------------------------------------------

/** The item's running text, one line per paragraph, heading, list item or quote (notes from the tool left out). */
function textLines(blocks: readonly ReportBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph" || b.type === "quote") out.push(b.text);
    else if (b.type === "heading") out.push(b.text);
    else if (b.type === "bullets") for (const i of b.items) out.push(`• ${i}`);
  }
  return out.filter((l) => l.trim() !== "");
}

function factRows(blocks: readonly ReportBlock[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of blocks) if (b.type === "facts") for (const r of b.rows) out.set(r.label, r.value);
  return out;
}

function diffFacts(before: readonly ReportBlock[], after: readonly ReportBlock[]): FactDiff[] {
  const a = factRows(before);
  const b = factRows(after);
  const out: FactDiff[] = [];
  for (const [label, value] of b) if (a.get(label) !== value) out.push({ label, before: a.get(label) ?? null, after: value });
  for (const [label, value] of a) if (!b.has(label)) out.push({ label, before: value, after: null });
  return out;
}

type Table = Extract<ReportBlock, { type: "table" }>;

const rowKey = (row: readonly string[]) => JSON.stringify(row);

function diffTables(before: readonly ReportBlock[], after: readonly ReportBlock[]): TableDiff[] {
  const tablesOf = (blocks: readonly ReportBlock[]) => new Map(blocks.filter((b): b is Table => b.type === "table").map((t) => [t.caption, t]));
  const a = tablesOf(before);
  const b = tablesOf(after);
  const captions = [...b.keys(), ...[...a.keys()].filter((c) => !b.has(c))];
  const out: TableDiff[] = [];
  for (const caption of captions) {
    const ta = a.get(caption);
    const tb = b.get(caption);
    // A row that occurs twice counts twice: compare as multisets.
    const left = new Map<string, number>();
    for (const r of ta?.rows ?? []) left.set(rowKey(r), (left.get(rowKey(r)) ?? 0) + 1);
    const added: string[][] = [];
    let unchanged = 0;
    for (const r of tb?.rows ?? []) {
      const n = left.get(rowKey(r)) ?? 0;
      if (n > 0) {
        left.set(rowKey(r), n - 1);
        unchanged++;
      } else added.push(r);
    }
    const removed: string[][] = [];
    for (const r of ta?.rows ?? []) {
      const n = left.get(rowKey(r)) ?? 0;
      if (n > 0) {
        left.set(rowKey(r), n - 1);
        removed.push(r);
      }
    }
    if (added.length || removed.length) out.push({ caption, columns: (tb ?? ta)!.columns.map((c) => c.label), added, removed, unchanged });
  }
  return out;
}

function sameContent(a: Item | undefined, b: Item | undefined): boolean {
  return JSON.stringify(a?.blocks ?? null) === JSON.stringify(b?.blocks ?? null) && a?.status === b?.status;
}

function diffItem(id: string, heading: string, a: Item | undefined, b: Item | undefined, withheld: boolean): ItemDiff {
  const statusBefore = a?.status ?? null;
  const statusAfter = b?.status ?? null;
  if (withheld) {
    return { id, heading, statusBefore, statusAfter, text: [], facts: [], tables: [], changed: !sameContent(a, b), withheld: true };
  }
  const before = a?.blocks ?? [];
  const after = b?.blocks ?? [];
  const text = withContext(diffLines(textLines(before), textLines(after)));
  const facts = diffFacts(before, after);
  const tables = diffTables(before, after);
  const changed = statusBefore !== statusAfter || text.length > 0 || facts.length > 0 || tables.length > 0;
  return { id, heading, statusBefore, statusAfter, text, facts, tables, changed, withheld: false };
}

/**
 * What changed from `before` to `after`, per checklist item in the order of the later version
 * (items only in the earlier one follow at the end of their chapter). Items listed in `withhold`
 * (the restricted ones: the client's identity) are compared but their content is not shown.
 */
export function compareVersions(before: ReportModel, after: ReportModel, withhold: ReadonlySet<string> = new Set()): VersionComparison {
  const itemsOf = (m: ReportModel) => new Map(m.chapters.flatMap((c) => c.items.map((i) => [i.id, i] as const)));
  const a = itemsOf(before);
  const seen = new Set<string>();
  const chapters: ChapterDiff[] = after.chapters.map((ch) => {
    const items = ch.items.map((i) => {
      seen.add(i.id);
      return diffItem(i.id, i.heading, a.get(i.id), i, withhold.has(i.id));
    });
    return { number: ch.number, heading: ch.heading, items };
  });
  for (const ch of before.chapters) {
    const gone = ch.items.filter((i) => !seen.has(i.id));
    if (!gone.length) continue;
    let target = chapters.find((c) => c.number === ch.number);
    if (!target) {
      target = { number: ch.number, heading: ch.heading, items: [] };
      chapters.push(target);
    }
    for (const i of gone) target.items.push(diffItem(i.id, i.heading, i, undefined, withhold.has(i.id)));
  }
  chapters.sort((x, y) => x.number - y.number);
  const all = chapters.flatMap((c) => c.items);
  return { chapters, changedCount: all.filter((i) => i.changed).length, total: all.length };
}

/** Parses stored content as a report model far enough to compare; null when it is not one. */
export function asReportModel(content: unknown): ReportModel | null {
  if (!content || typeof content !== "object") return null;
  const m = content as Partial<ReportModel>;
  if (m.format !== 1 || !Array.isArray(m.chapters)) return null;
  for (const ch of m.chapters) {
    if (!ch || !Array.isArray(ch.items)) return null;
    for (const i of ch.items) if (!i || typeof i.id !== "string" || !Array.isArray(i.blocks)) return null;
  }
  return m as ReportModel;
}
