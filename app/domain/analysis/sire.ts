// SIRE on the same node model as the causal tree: each critical moment (kritiek moment) is a
// root node of kind "critical_moment" that points at a timeline event and records what was
// expected versus what happened; beneath it a "waarom?" chain of ordinary cause nodes ends in
// basisoorzaken (leaves). Moving, deleting, ECM, themes and evidence all reuse tree.ts.
import type * as Y from "yjs";
import { EVENTS_MAP, nodesMap, nowIso, transact, type EditContext } from "./doc.ts";
import {
  MAX_LABEL,
  MAX_NOTE,
  addChild,
  insertNode,
  readTree,
  subtree,
  type ResolvedTree,
  type TreeNode,
} from "./tree.ts";
import { UserError } from "../errors.ts";

export interface CriticalMomentInput {
  /** Id of the event (key of the `events` map) where care deviated from what was expected. */
  eventId: string;
  label?: string;
  expected?: string;
  actual?: string;
  /** Position among the critical moments; default last. */
  index?: number;
}

function requireEvent(doc: Y.Doc, eventId: string): void {
  if (!doc.getMap(EVENTS_MAP).has(eventId)) {
    throw new UserError("Dit feit staat niet (meer) op de tijdlijn.", "unknown_event");
  }
}

function requireMoment(tree: ResolvedTree, id: string): TreeNode {
  const n = tree.byId.get(id);
  if (!n || n.kind !== "critical_moment") throw new UserError("Dit kritieke moment bestaat niet (meer).", "not_found");
  return n;
}

export function addCriticalMoment(doc: Y.Doc, ctx: EditContext, input: CriticalMomentInput): string {
  requireEvent(doc, input.eventId);
  const tree = readTree(doc);
  return insertNode(doc, ctx, "critical_moment", null, tree.criticalMoments, input.index ?? tree.criticalMoments.length, {
    label: input.label,
    eventId: input.eventId,
    expected: input.expected ?? "",
    actual: input.actual ?? "",
  });
}

export interface CriticalMomentPatch {
  eventId?: string;
  label?: string;
  expected?: string;
  actual?: string;
}

export function updateCriticalMoment(doc: Y.Doc, ctx: EditContext, id: string, patch: CriticalMomentPatch): void {
  requireMoment(readTree(doc), id);
  if (patch.eventId !== undefined) requireEvent(doc, patch.eventId);
  if (patch.label !== undefined && patch.label.length > MAX_LABEL) {
    throw new UserError(`De omschrijving is te lang (maximaal ${MAX_LABEL} tekens).`, "too_long");
  }
  for (const t of [patch.expected, patch.actual]) {
    if (t !== undefined && t.length > MAX_NOTE) throw new UserError(`De tekst is te lang (maximaal ${MAX_NOTE} tekens).`, "too_long");
  }
  const time = nowIso(ctx);
  transact(doc, ctx, () => {
    const m = nodesMap(doc).get(id) as Y.Map<unknown>;
    for (const key of ["eventId", "label", "expected", "actual"] as const) {
      if (patch[key] !== undefined) m.set(key, patch[key]);
    }
    m.set("updatedAt", time);
    m.set("updatedBy", ctx.userId);
  });
}

/** Next "waarom?" step beneath a critical moment or a cause. */
export function addWhy(doc: Y.Doc, ctx: EditContext, parentId: string, label = ""): string {
  const parent = readTree(doc).byId.get(parentId);
  if (parent && parent.side !== "cause") {
    throw new UserError("Een waarom-vraag hoort bij een kritiek moment of een oorzaak.", "wrong_side");
  }
  return addChild(doc, ctx, parentId, { label });
}

export interface CriticalMomentSummary {
  readonly moment: TreeNode;
  /** True when the referenced event is no longer on the timeline (or none is set). */
  readonly eventMissing: boolean;
  /** Basisoorzaken at the bottom of this moment's why-chains. */
  readonly rootCauses: readonly TreeNode[];
  /** All causes beneath the moment. */
  readonly causeCount: number;
}

/** Per critical moment its root causes; pass the timeline's event ids to detect dangling references. */
export function sireSummary(tree: ResolvedTree, eventIds?: ReadonlySet<string>): CriticalMomentSummary[] {
  return tree.criticalMoments.map((moment) => {
    const below = subtree(moment).slice(1);
    return {
      moment,
      eventMissing: moment.eventId === null || (eventIds !== undefined && !eventIds.has(moment.eventId)),
      rootCauses: below.filter((n) => n.children.length === 0),
      causeCount: below.length,
    };
  });
}

/** Critical moments marked on one event, for highlighting the timeline. */
export function momentsForEvent(tree: ResolvedTree, eventId: string): TreeNode[] {
  return tree.criticalMoments.filter((m) => m.eventId === eventId);
}

export function eventIdsOf(doc: Y.Doc): Set<string> {
  return new Set(doc.getMap(EVENTS_MAP).keys());
}
