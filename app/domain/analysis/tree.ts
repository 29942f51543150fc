// The causal tree (PRISMA/DAM) and the why-chains under SIRE critical moments: one model.
//
// Storage: every node is its own Y.Map in the flat top-level `nodes` map, with a `parent`
// pointer. Nesting Y types would make a move a delete+insert (losing concurrent edits inside the
// moved subtree); a pointer makes a move one LWW write. The price is that the stored pointers can
// form an invalid shape after concurrent edits, so the tree is *resolved on read* by
// resolveTree(), deterministically: every peer computes the same view from the same document
// state, and no node is ever hidden. Rules (also in docs/analysis-model.md):
//   1. Several `top` nodes: the smallest (createdAt, id) is the top event; the others are shown
//      as its children, flagged "dubbele_top".
//   2. A cause whose parent is missing (deleted concurrently, or an invalid entry) is shown under
//      the top event (or as a loose root when there is none), flagged "verweesd". A recovery node
//      whose parent is missing becomes a recovery root, flagged "verweesd".
//   3. A parent of the wrong side (cause under recovery, recovery under cause, a cause with no
//      parent, a critical moment with a parent) is treated like rule 2, flagged "ongeldige_ouder".
//   4. A cycle (A moved under B while B was moved under A) is cut at the member with the greatest
//      (movedAt, id), i.e. the latest move; that node goes where rule 2 puts it, flagged "cyclus".
//   5. Siblings are sorted by their fractional `order` key, ties by id.
// Edits refuse what the local view shows to be wrong (moving under an own descendant) with a Dutch
// UserError; the rules above only catch what concurrency lets through.
import * as Y from "yjs";
import { z } from "zod";
import { ecmCatalog, themeCatalog, type EcmCatalog, type ThemeCatalog } from "./catalog.ts";
import {
  EVENTS_MAP,
  entryObject,
  isoDateTime,
  newId,
  nodesMap,
  nowIso,
  readField,
  removeAll,
  stringArrayOf,
  transact,
  type EditContext,
  type FieldIssue,
  type InvalidEntry,
} from "./doc.ts";
import { compareOrder, isOrderKey, keyBetween, sequentialKeys, type OrderValue } from "./order.ts";
import { UserError } from "../errors.ts";

export const NODE_KINDS = ["top", "cause", "recovery", "critical_moment"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];
export const RECOVERY_TYPES = ["gepland", "ongepland"] as const;
export type RecoveryType = (typeof RECOVERY_TYPES)[number];

export const MAX_LABEL = 2000;
export const MAX_NOTE = 10000;

/** A node as stored (validated), before tree resolution. */
export interface NodeData {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** Stored parent pointer; see TreeNode.viewParent for where it is shown. */
  readonly parent: string | null;
  readonly order: OrderValue;
  /** Recovery nodes only. */
  readonly recoveryType: RecoveryType | null;
  /** ECM code; kept on any node but only meaningful on root causes (leaves). */
  readonly ecm: string | null;
  readonly themes: readonly string[];
  /** Event ids on the timeline that support this node. */
  readonly evidence: readonly string[];
  readonly whyNote: string | null;
  /** Why a root cause gets no measure (silences the warning). */
  readonly noMeasureReason: string | null;
  /** SIRE critical moments: the timeline event, what was expected, what actually happened. */
  readonly eventId: string | null;
  readonly expected: string | null;
  readonly actual: string | null;
  readonly createdBy: string | null;
  readonly createdAt: string | null;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
  /** Last parent/order change; decides which move loses in a cycle. */
  readonly movedBy: string | null;
  readonly movedAt: string | null;
  /** Fields that were present but invalid and replaced by a default. */
  readonly issues: readonly FieldIssue[];
}

export type NodeFlagCode = "dubbele_top" | "verweesd" | "ongeldige_ouder" | "cyclus";
export interface NodeFlag {
  readonly code: NodeFlagCode;
  readonly message: string;
}

export interface TreeNode extends NodeData {
  /** Where the node is shown after conflict resolution (null = a root). */
  readonly viewParent: string | null;
  readonly side: "cause" | "recovery";
  readonly depth: number;
  readonly children: readonly TreeNode[];
  readonly flags: readonly NodeFlag[];
}

export interface ResolvedTree {
  /** The one top event, or null. */
  readonly top: TreeNode | null;
  /** Cause-side roots: the top, then critical moments, then loose causes (only when there is no top). */
  readonly roots: readonly TreeNode[];
  readonly criticalMoments: readonly TreeNode[];
  /** Recovery-side roots (herstelfactoren). */
  readonly recovery: readonly TreeNode[];
  readonly byId: ReadonlyMap<string, TreeNode>;
  /** Entries of `nodes` that could not be read at all. */
  readonly invalid: readonly InvalidEntry[];
}

// ---------------------------------------------------------------------------------------------
// Read-back

const FIELD_LABELS: Record<string, string> = {
  label: "de omschrijving",
  parent: "de bovenliggende knoop",
  order: "de volgorde",
  recoveryType: "het soort herstelfactor",
  ecm: "de ECM-code",
  themes: "de thema's",
  evidence: "de onderbouwing",
  whyNote: "de toelichting",
  noMeasureReason: "de reden zonder maatregel",
  eventId: "het feit op de tijdlijn",
  expected: "de verwachting",
  actual: "wat er gebeurde",
  createdBy: "aangemaakt door",
  createdAt: "aangemaakt op",
  updatedBy: "gewijzigd door",
  updatedAt: "gewijzigd op",
  movedBy: "verplaatst door",
  movedAt: "verplaatst op",
};

const nullableString = z.string().nullable();
const nullableStamp = isoDateTime.nullable();
const orderSchema = z.union([z.string(), z.number()]).nullable();

/** A list of ids: non-strings are dropped (with an issue), duplicates from concurrent adds merged. */
function readIdList(obj: Record<string, unknown>, key: string, issues: FieldIssue[]): string[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : null;
  const ids = list ? list.filter((x): x is string => typeof x === "string" && x.length > 0) : [];
  if (!list || ids.length !== list.length) {
    issues.push({ field: key, message: `Ongeldige waarde voor ${FIELD_LABELS[key] ?? key} is genegeerd.` });
  }
  return [...new Set(ids)];
}

/** Validates one entry of `nodes`; never throws. */
export function parseNode(id: string, entry: unknown): { node: NodeData } | { invalid: InvalidEntry } {
  const obj = entryObject(entry);
  if (!obj) return { invalid: { id, reason: "Dit onderdeel van de analyse is geen geldige knoop." } };
  const kind = z.enum(NODE_KINDS).safeParse(obj.kind);
  if (!kind.success) {
    return { invalid: { id, reason: "Dit onderdeel van de analyse heeft een onbekend soort en wordt niet getoond." } };
  }
  const issues: FieldIssue[] = [];
  const f = <T>(key: string, schema: z.ZodType<T>, fallback: T): T =>
    readField(obj, key, schema, fallback, issues, FIELD_LABELS[key] ?? key);
  const recoveryType = f("recoveryType", z.enum(RECOVERY_TYPES).nullable(), null);
  return {
    node: {
      id,
      kind: kind.data,
      label: f("label", z.string(), ""),
      parent: f("parent", nullableString, null),
      order: f("order", orderSchema, null),
      recoveryType: kind.data === "recovery" ? recoveryType : null,
      ecm: f("ecm", nullableString, null),
      themes: readIdList(obj, "themes", issues),
      evidence: readIdList(obj, "evidence", issues),
      whyNote: f("whyNote", nullableString, null),
      noMeasureReason: f("noMeasureReason", nullableString, null),
      eventId: f("eventId", nullableString, null),
      expected: f("expected", nullableString, null),
      actual: f("actual", nullableString, null),
      createdBy: f("createdBy", nullableString, null),
      createdAt: f("createdAt", nullableStamp, null),
      updatedBy: f("updatedBy", nullableString, null),
      updatedAt: f("updatedAt", nullableStamp, null),
      movedBy: f("movedBy", nullableString, null),
      movedAt: f("movedAt", nullableStamp, null),
      issues,
    },
  };
}

export function readNodes(doc: Y.Doc): { nodes: NodeData[]; invalid: InvalidEntry[] } {
  const nodes: NodeData[] = [];
  const invalid: InvalidEntry[] = [];
  for (const [id, entry] of nodesMap(doc).entries()) {
    const r = parseNode(id, entry);
    if ("node" in r) nodes.push(r.node);
    else invalid.push(r.invalid);
  }
  invalid.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { nodes, invalid };
}

export function readTree(doc: Y.Doc): ResolvedTree {
  const { nodes, invalid } = readNodes(doc);
  return resolveTree(nodes, invalid);
}

// ---------------------------------------------------------------------------------------------
// Resolution

const cmpId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Missing creation times sort last, so a malformed entry never beats a real top event. */
function createdKey(n: NodeData): string {
  return n.createdAt ?? "\uffff";
}

function moveKey(n: NodeData): string {
  return n.movedAt ?? n.updatedAt ?? n.createdAt ?? "";
}

function flagMessage(code: NodeFlagCode, hasTop: boolean, side: "cause" | "recovery"): string {
  const where =
    side === "recovery"
      ? "bovenaan de herstelfactoren gezet"
      : hasTop
        ? "onder de topgebeurtenis gezet"
        : "los bovenaan de analyse gezet";
  switch (code) {
    case "dubbele_top":
      return "Er is tegelijk een tweede topgebeurtenis gemaakt. Deze staat nu onder de eerste topgebeurtenis; verplaats of verwijder haar.";
    case "verweesd":
      return `De bovenliggende knoop is verwijderd. Deze knoop is daarom ${where}; verplaats haar naar de juiste plek.`;
    case "ongeldige_ouder":
      return `Deze knoop hing op een plek waar ze niet kan staan. Ze is daarom ${where}; verplaats haar naar de juiste plek.`;
    case "cyclus":
      return `Twee verplaatsingen tegelijk maakten een kring. Deze knoop is daarom ${where}; verplaats haar naar de juiste plek.`;
  }
}

interface Building extends NodeData {
  viewParent: string | null;
  side: "cause" | "recovery";
  depth: number;
  children: Building[];
  flags: NodeFlag[];
}

/**
 * Turns stored nodes into one valid forest, applying the rules at the top of this file.
 * Pure and deterministic: the result depends only on the node data, not on input order.
 */
export function resolveTree(nodes: readonly NodeData[], invalid: readonly InvalidEntry[] = []): ResolvedTree {
  const sorted = [...nodes].sort((a, b) => cmpId(a.id, b.id));
  const byRawId = new Map(sorted.map((n) => [n.id, n]));
  const tops = sorted
    .filter((n) => n.kind === "top")
    .sort((a, b) => (createdKey(a) < createdKey(b) ? -1 : createdKey(a) > createdKey(b) ? 1 : cmpId(a.id, b.id)));
  const top = tops[0] ?? null;
  const hasTop = top !== null;

  const eff = new Map<string, string | null>();
  const flagCodes = new Map<string, NodeFlagCode>();
  const causeFallback = top ? top.id : null;
  const sideOf = (n: NodeData): "cause" | "recovery" => (n.kind === "recovery" ? "recovery" : "cause");
  const fallbackOf = (n: NodeData): string | null => (n.kind === "recovery" ? null : causeFallback);

  for (const n of sorted) {
    const p = n.parent;
    const pn = p === null ? undefined : byRawId.get(p);
    switch (n.kind) {
      case "top":
        eff.set(n.id, n === top ? null : top!.id);
        if (n !== top) flagCodes.set(n.id, "dubbele_top");
        break;
      case "critical_moment":
        eff.set(n.id, null);
        if (p !== null) flagCodes.set(n.id, "ongeldige_ouder");
        break;
      case "recovery":
        if (p === null) eff.set(n.id, null);
        else if (!pn) {
          eff.set(n.id, null);
          flagCodes.set(n.id, "verweesd");
        } else if (pn.kind !== "recovery") {
          eff.set(n.id, null);
          flagCodes.set(n.id, "ongeldige_ouder");
        } else eff.set(n.id, p);
        break;
      case "cause":
        if (p !== null && !pn) {
          eff.set(n.id, causeFallback);
          flagCodes.set(n.id, "verweesd");
        } else if (!pn || pn.kind === "recovery") {
          eff.set(n.id, causeFallback);
          flagCodes.set(n.id, "ongeldige_ouder");
        } else eff.set(n.id, p);
        break;
    }
  }

  // Cycles: the parent graph is functional (one pointer per node), so cycles are disjoint and
  // independent of traversal order; cutting each at its latest move is deterministic.
  const state = new Map<string, 1 | 2>();
  for (const start of sorted) {
    const path: string[] = [];
    let cur: string | null = start.id;
    while (cur !== null && !state.has(cur)) {
      state.set(cur, 1);
      path.push(cur);
      cur = eff.get(cur) ?? null;
    }
    if (cur !== null && state.get(cur) === 1) {
      const cycle = path.slice(path.indexOf(cur)).map((id) => byRawId.get(id)!);
      const cut = cycle.reduce((best, n) => {
        const a = moveKey(n);
        const b = moveKey(best);
        return a > b || (a === b && n.id > best.id) ? n : best;
      });
      eff.set(cut.id, fallbackOf(cut));
      flagCodes.set(cut.id, "cyclus");
    }
    for (const id of path) state.set(id, 2);
  }

  const built = new Map<string, Building>();
  for (const n of sorted) {
    const code = flagCodes.get(n.id);
    built.set(n.id, {
      ...n,
      viewParent: eff.get(n.id) ?? null,
      side: sideOf(n),
      depth: 0,
      children: [],
      flags: code ? [{ code, message: flagMessage(code, hasTop, sideOf(n)) }] : [],
    });
  }
  const rootsTop: Building[] = [];
  const moments: Building[] = [];
  const loose: Building[] = [];
  const recovery: Building[] = [];
  for (const b of built.values()) {
    if (b.viewParent !== null) built.get(b.viewParent)!.children.push(b);
    else if (top && b.id === top.id) rootsTop.push(b);
    else if (b.kind === "critical_moment") moments.push(b);
    else if (b.kind === "recovery") recovery.push(b);
    else loose.push(b);
  }
  for (const b of built.values()) b.children.sort(compareOrder);
  moments.sort(compareOrder);
  loose.sort(compareOrder);
  recovery.sort(compareOrder);

  const roots = [...rootsTop, ...moments, ...loose];
  const setDepth = (b: Building, depth: number): void => {
    b.depth = depth;
    for (const c of b.children) setDepth(c, depth + 1);
  };
  for (const r of [...roots, ...recovery]) setDepth(r, 0);

  return {
    top: rootsTop[0] ?? null,
    roots,
    criticalMoments: moments,
    recovery,
    byId: built,
    invalid: [...invalid],
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

/** Pre-order over the cause side, then the recovery side. */
export function* walk(tree: ResolvedTree): Generator<TreeNode> {
  const stack = [...tree.roots, ...tree.recovery].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
}

/** The node and everything shown beneath it, pre-order. */
export function subtree(node: TreeNode): TreeNode[] {
  const out: TreeNode[] = [];
  const stack = [node];
  while (stack.length) {
    const n = stack.pop()!;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}

/** Ancestors from the root down to (excluding) the node. */
export function pathTo(tree: ResolvedTree, id: string): TreeNode[] {
  const path: TreeNode[] = [];
  let cur = tree.byId.get(id)?.viewParent ?? null;
  while (cur !== null) {
    const n = tree.byId.get(cur)!;
    path.unshift(n);
    cur = n.viewParent;
  }
  return path;
}

export function isDescendant(tree: ResolvedTree, ancestorId: string, id: string): boolean {
  return pathTo(tree, id).some((n) => n.id === ancestorId);
}

/** Siblings in display order, including the node itself. */
export function siblingsOf(tree: ResolvedTree, node: TreeNode): readonly TreeNode[] {
  if (node.viewParent !== null) return tree.byId.get(node.viewParent)!.children;
  if (node.kind === "critical_moment") return tree.criticalMoments;
  if (node.kind === "recovery") return tree.recovery;
  return tree.roots.filter((r) => r.kind === node.kind && r.kind !== "critical_moment");
}

/** Causes (not the top event, not critical moments) on the cause side. */
export function isCause(tree: ResolvedTree, node: TreeNode): boolean {
  return node.side === "cause" && node.kind !== "critical_moment" && node !== tree.top;
}

/**
 * Root causes (basisoorzaken): causes without causes beneath them, in display order. The top
 * event alone is not a root cause, nor is a critical moment without a why-chain.
 */
export function rootCauses(tree: ResolvedTree): TreeNode[] {
  const out: TreeNode[] = [];
  for (const n of walk(tree)) if (isCause(tree, n) && n.children.length === 0) out.push(n);
  return out;
}

export function isRootCause(tree: ResolvedTree, id: string): boolean {
  const n = tree.byId.get(id);
  return !!n && isCause(tree, n) && n.children.length === 0;
}

/** All causes (intermediate and root) on the cause side. */
export function causes(tree: ResolvedTree): TreeNode[] {
  return [...walk(tree)].filter((n) => isCause(tree, n));
}

/** Nodes that conflict resolution moved, for a "needs attention" list. */
export function flaggedNodes(tree: ResolvedTree): TreeNode[] {
  return [...walk(tree)].filter((n) => n.flags.length > 0);
}

// ---------------------------------------------------------------------------------------------
// Operations (each one transaction; validation happens before any write, because a throw inside
// a Yjs transaction does not roll back what was already written)

function requireNode(tree: ResolvedTree, id: string): TreeNode {
  const n = tree.byId.get(id);
  if (n) return n;
  if (tree.invalid.some((e) => e.id === id)) {
    throw new UserError("Dit onderdeel van de analyse is ongeldig en kan alleen worden verwijderd.", "invalid_node");
  }
  throw new UserError("Dit onderdeel van de analyse bestaat niet (meer).", "not_found");
}

function nodeEntry(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = nodesMap(doc).get(id);
  if (!(m instanceof Y.Map)) throw new UserError("Dit onderdeel van de analyse bestaat niet (meer).", "not_found");
  return m as Y.Map<unknown>;
}

function checkText(value: string, max: number, what: string): void {
  if (value.length > max) throw new UserError(`${what} is te lang (maximaal ${max} tekens).`, "too_long");
}

function touch(map: Y.Map<unknown>, ctx: EditContext, at: string): void {
  map.set("updatedAt", at);
  map.set("updatedBy", ctx.userId);
}

/**
 * Order key for position `index` among `siblings` (which exclude the node being placed).
 * Writes new keys to all siblings when their stored keys cannot bracket the position
 * (numbers, garbage, or equal keys from two peers inserting at the same spot). Call inside a transaction.
 */
function orderKeyAt(doc: Y.Doc, siblings: readonly TreeNode[], index: number): string {
  const i = Math.max(0, Math.min(index, siblings.length));
  const prev = i > 0 ? siblings[i - 1]!.order : null;
  const next = i < siblings.length ? siblings[i]!.order : null;
  const prevOk = i === 0 || isOrderKey(prev);
  const nextOk = i === siblings.length || isOrderKey(next);
  if (prevOk && nextOk && (prev === null || next === null || (prev as string) < (next as string))) {
    return keyBetween(prev as string | null, next as string | null);
  }
  const keys = sequentialKeys(siblings.length);
  siblings.forEach((s, k) => nodeEntry(doc, s.id).set("order", keys[k]));
  return keyBetween(keys[i - 1] ?? null, keys[i] ?? null);
}

export interface NewNodeFields {
  label?: string;
  recoveryType?: RecoveryType | null;
  eventId?: string | null;
  expected?: string | null;
  actual?: string | null;
  whyNote?: string | null;
}

/**
 * Low-level insert used by the method-specific helpers (tree and SIRE). Validates the text
 * fields; the caller has validated kind and parent against the view.
 */
export function insertNode(
  doc: Y.Doc,
  ctx: EditContext,
  kind: NodeKind,
  parent: string | null,
  siblings: readonly TreeNode[],
  index: number,
  fields: NewNodeFields = {},
): string {
  const label = fields.label ?? "";
  checkText(label, MAX_LABEL, "De omschrijving");
  for (const t of [fields.expected, fields.actual, fields.whyNote]) if (t) checkText(t, MAX_NOTE, "De tekst");
  const id = newId(ctx);
  const at = nowIso(ctx);
  transact(doc, ctx, () => {
    const order = orderKeyAt(doc, siblings, index);
    const m = new Y.Map<unknown>();
    nodesMap(doc).set(id, m);
    m.set("kind", kind);
    m.set("label", label);
    m.set("parent", parent);
    m.set("order", order);
    if (kind === "recovery") m.set("recoveryType", fields.recoveryType ?? null);
    m.set("ecm", null);
    m.set("themes", []);
    // Created up front: a Y.Array made lazily by two peers at once would lose one peer's items.
    m.set("evidence", new Y.Array<string>());
    if (fields.whyNote !== undefined) m.set("whyNote", fields.whyNote);
    if (kind === "critical_moment") {
      m.set("eventId", fields.eventId ?? null);
      m.set("expected", fields.expected ?? "");
      m.set("actual", fields.actual ?? "");
    }
    m.set("createdAt", at);
    m.set("createdBy", ctx.userId);
    m.set("updatedAt", at);
    m.set("updatedBy", ctx.userId);
    m.set("movedAt", at);
    m.set("movedBy", ctx.userId);
  });
  return id;
}

export function addTop(doc: Y.Doc, ctx: EditContext, fields: { label?: string } = {}): string {
  const tree = readTree(doc);
  if (tree.top) throw new UserError("Er is al een topgebeurtenis.", "top_exists");
  return insertNode(doc, ctx, "top", null, [], 0, fields);
}

/** Adds a cause under the top, a cause or a critical moment, or a recovery factor under a recovery factor. */
export function addChild(
  doc: Y.Doc,
  ctx: EditContext,
  parentId: string,
  fields: { label?: string; index?: number; recoveryType?: RecoveryType } = {},
): string {
  const tree = readTree(doc);
  const parent = requireNode(tree, parentId);
  const kind: NodeKind = parent.kind === "recovery" ? "recovery" : "cause";
  const index = fields.index ?? parent.children.length;
  return insertNode(doc, ctx, kind, parent.id, parent.children, index, {
    label: fields.label,
    recoveryType: kind === "recovery" ? (fields.recoveryType ?? parent.recoveryType) : undefined,
  });
}

/** Adds a node of the same kind right after `siblingId`. */
export function addSibling(doc: Y.Doc, ctx: EditContext, siblingId: string, fields: { label?: string } = {}): string {
  const tree = readTree(doc);
  const node = requireNode(tree, siblingId);
  if (node === tree.top) throw new UserError("Er kan maar één topgebeurtenis zijn.", "top_exists");
  if (node.kind === "critical_moment") {
    throw new UserError("Voeg een nieuw kritiek moment toe vanaf een feit op de tijdlijn.", "use_critical_moment");
  }
  if (node.kind !== "recovery" && node.viewParent === null) {
    throw new UserError("Deze oorzaak hangt nergens onder; verplaats haar eerst naar de juiste plek.", "loose_cause");
  }
  const kind: NodeKind = node.kind === "recovery" ? "recovery" : "cause";
  const siblings = siblingsOf(tree, node);
  const index = siblings.indexOf(node) + 1;
  return insertNode(doc, ctx, kind, node.viewParent, siblings, index, {
    label: fields.label,
    recoveryType: kind === "recovery" ? node.recoveryType : undefined,
  });
}

/** Adds a recovery factor (herstelfactor): a recovery root, or beneath another recovery factor. */
export function addRecovery(
  doc: Y.Doc,
  ctx: EditContext,
  fields: { label?: string; recoveryType?: RecoveryType | null; parent?: string | null } = {},
): string {
  const tree = readTree(doc);
  const parentId = fields.parent ?? null;
  if (fields.recoveryType != null && !RECOVERY_TYPES.includes(fields.recoveryType)) {
    throw new UserError("Een herstelfactor is gepland of ongepland.", "invalid_recovery_type");
  }
  let siblings: readonly TreeNode[] = tree.recovery;
  if (parentId !== null) {
    const parent = requireNode(tree, parentId);
    if (parent.kind !== "recovery") {
      throw new UserError("Een herstelfactor kan alleen onder een andere herstelfactor staan.", "wrong_side");
    }
    siblings = parent.children;
  }
  return insertNode(doc, ctx, "recovery", parentId, siblings, siblings.length, {
    label: fields.label,
    recoveryType: fields.recoveryType ?? null,
  });
}

/**
 * Moves a node under `newParent` (null: among the roots of its kind) at `index` among its new
 * siblings (default: last). Refuses anything the local view shows to be invalid.
 */
export function moveNode(doc: Y.Doc, ctx: EditContext, id: string, newParent: string | null, index?: number): void {
  const tree = readTree(doc);
  const node = requireNode(tree, id);
  if (node === tree.top) throw new UserError("De topgebeurtenis kan niet worden verplaatst.", "move_top");

  let siblings: readonly TreeNode[];
  if (newParent === null) {
    if (node.kind === "critical_moment") siblings = tree.criticalMoments;
    else if (node.kind === "recovery") siblings = tree.recovery;
    else {
      throw new UserError("Een oorzaak moet onder de topgebeurtenis, een kritiek moment of een andere oorzaak staan.", "wrong_side");
    }
  } else {
    const target = requireNode(tree, newParent);
    if (target.id === node.id || isDescendant(tree, node.id, target.id)) {
      throw new UserError("Een knoop kan niet onder zichzelf of onder een van haar eigen onderliggende knopen worden geplaatst.", "move_into_descendant");
    }
    if (node.kind === "critical_moment") {
      throw new UserError("Een kritiek moment staat altijd bovenaan een eigen waarom-keten.", "wrong_side");
    }
    if (node.kind === "recovery" && target.kind !== "recovery") {
      throw new UserError("Een herstelfactor kan alleen onder een andere herstelfactor staan.", "wrong_side");
    }
    if (node.kind !== "recovery" && target.side !== "cause") {
      throw new UserError("Een oorzaak kan niet onder een herstelfactor staan.", "wrong_side");
    }
    siblings = target.children;
  }
  const others = siblings.filter((s) => s.id !== node.id);
  const at = Math.max(0, Math.min(index ?? others.length, others.length));
  const sameSpot =
    node.parent === newParent && node.viewParent === newParent && node.flags.length === 0 && siblings.indexOf(node) === at;
  if (sameSpot) return;

  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    const order = orderKeyAt(doc, others, at);
    const m = nodeEntry(doc, id);
    m.set("parent", newParent);
    m.set("order", order);
    // A surplus top that the user places somewhere becomes an ordinary cause there.
    if (node.kind === "top") m.set("kind", "cause");
    m.set("movedAt", time);
    m.set("movedBy", ctx.userId);
    touch(m, ctx, time);
  });
}

function shift(doc: Y.Doc, ctx: EditContext, id: string, delta: -1 | 1): boolean {
  const tree = readTree(doc);
  const node = requireNode(tree, id);
  const siblings = siblingsOf(tree, node);
  const i = siblings.indexOf(node);
  const target = delta < 0 ? i - 1 : i + 1;
  if (target < 0 || target >= siblings.length) return false;
  moveNode(doc, ctx, id, node.viewParent, target);
  return true;
}

/** Swaps with the previous sibling; false when already first. */
export function moveUp(doc: Y.Doc, ctx: EditContext, id: string): boolean {
  return shift(doc, ctx, id, -1);
}

/** Swaps with the next sibling; false when already last. */
export function moveDown(doc: Y.Doc, ctx: EditContext, id: string): boolean {
  return shift(doc, ctx, id, 1);
}

/**
 * Deletes the node and everything shown beneath it, in one transaction (so one undo step of a
 * Y.UndoManager scoped to the `nodes` map brings it all back). An invalid entry is deleted alone.
 * Returns the deleted ids.
 */
export function deleteNode(doc: Y.Doc, ctx: EditContext, id: string): string[] {
  const tree = readTree(doc);
  const node = tree.byId.get(id);
  const map = nodesMap(doc);
  if (!node) {
    if (!map.has(id)) throw new UserError("Dit onderdeel van de analyse bestaat niet (meer).", "not_found");
    transact(doc, ctx, () => map.delete(id));
    return [id];
  }
  const ids = subtree(node).map((n) => n.id);
  transact(doc, ctx, () => {
    for (const d of ids) map.delete(d);
  });
  return ids;
}

function setField(doc: Y.Doc, ctx: EditContext, id: string, key: string, value: unknown): void {
  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = nodeEntry(doc, id);
    m.set(key, value);
    touch(m, ctx, time);
  });
}

export function setLabel(doc: Y.Doc, ctx: EditContext, id: string, label: string): void {
  requireNode(readTree(doc), id);
  checkText(label, MAX_LABEL, "De omschrijving");
  setField(doc, ctx, id, "label", label);
}

/** Classifies a root cause with an ECM code (null clears; clearing is allowed on any node). */
export function setEcm(
  doc: Y.Doc,
  ctx: EditContext,
  id: string,
  code: string | null,
  catalog: EcmCatalog = ecmCatalog,
): void {
  const tree = readTree(doc);
  requireNode(tree, id);
  if (code !== null) {
    if (!catalog.byCode.has(code)) throw new UserError(`Onbekende ECM-code: ${code}.`, "unknown_ecm");
    if (!isRootCause(tree, id)) {
      throw new UserError("Alleen een basisoorzaak (een oorzaak zonder onderliggende oorzaken) krijgt een ECM-code.", "not_root_cause");
    }
  }
  setField(doc, ctx, id, "ecm", code);
}

export function setThemes(
  doc: Y.Doc,
  ctx: EditContext,
  id: string,
  themes: readonly string[],
  catalog: ThemeCatalog = themeCatalog,
): void {
  requireNode(readTree(doc), id);
  const unknown = themes.filter((t) => !catalog.byId.has(t));
  if (unknown.length) throw new UserError(`Onbekend thema: ${unknown.join(", ")}.`, "unknown_theme");
  setField(doc, ctx, id, "themes", [...new Set(themes)]);
}

/** Links a timeline event as evidence; the event must exist on the timeline. */
export function addEvidence(doc: Y.Doc, ctx: EditContext, id: string, eventId: string): void {
  const node = requireNode(readTree(doc), id);
  if (!doc.getMap(EVENTS_MAP).has(eventId)) {
    throw new UserError("Dit feit staat niet (meer) op de tijdlijn.", "unknown_event");
  }
  if (node.evidence.includes(eventId)) return;
  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = nodeEntry(doc, id);
    stringArrayOf(m, "evidence").push([eventId]);
    touch(m, ctx, time);
  });
}

export function removeEvidence(doc: Y.Doc, ctx: EditContext, id: string, eventId: string): void {
  requireNode(readTree(doc), id);
  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = nodeEntry(doc, id);
    removeAll(stringArrayOf(m, "evidence"), eventId);
    touch(m, ctx, time);
  });
}

export function setWhyNote(doc: Y.Doc, ctx: EditContext, id: string, note: string | null): void {
  requireNode(readTree(doc), id);
  if (note) checkText(note, MAX_NOTE, "De toelichting");
  setField(doc, ctx, id, "whyNote", note);
}

/** States why a root cause gets no measure (null/empty: it needs one again). */
export function setNoMeasureReason(doc: Y.Doc, ctx: EditContext, id: string, reason: string | null): void {
  requireNode(readTree(doc), id);
  if (reason) checkText(reason, MAX_NOTE, "De reden");
  setField(doc, ctx, id, "noMeasureReason", reason && reason.trim() ? reason : null);
}

export function setRecoveryType(doc: Y.Doc, ctx: EditContext, id: string, type: RecoveryType | null): void {
  const node = requireNode(readTree(doc), id);
  if (node.kind !== "recovery") throw new UserError("Alleen een herstelfactor is gepland of ongepland.", "wrong_kind");
  if (type !== null && !RECOVERY_TYPES.includes(type)) {
    throw new UserError("Een herstelfactor is gepland of ongepland.", "invalid_recovery_type");
  }
  setField(doc, ctx, id, "recoveryType", type);
}

/**
 * Writes the resolved view back for flagged nodes (parent = where it is shown; a surplus top
 * becomes a cause), so the flags disappear for everyone. Idempotent: peers running it at once
 * write the same values. Returns how many nodes were written.
 */
export function repairTree(doc: Y.Doc, ctx: EditContext): number {
  const tree = readTree(doc);
  // A loose cause (no top event to hang under) needs a human decision, so it stays flagged.
  const fix = flaggedNodes(tree).filter((n) => n.viewParent !== null || n.kind !== "cause");
  if (!fix.length) return 0;
  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    for (const n of fix) {
      const m = nodeEntry(doc, n.id);
      if (n.kind === "top") m.set("kind", "cause");
      m.set("parent", n.viewParent);
      m.set("movedAt", time);
      m.set("movedBy", ctx.userId);
      touch(m, ctx, time);
    }
  });
  return fix.length;
}
