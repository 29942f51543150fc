// The analysis as the page sees it: derived from the session's Y.Doc with the pure model
// (app/domain/analysis), recomputed on every change of the maps it reads. Also the page's own
// undo manager: scoped to the analysis maps, tracking only this page's edits (the session origin),
// so Ctrl+Z never reverts someone else's work or the timeline.
import { useEffect, useState } from "react";
import * as Y from "yjs";
import {
  ANALYSIS_MAP,
  EVENTS_MAP,
  MEASURES_MAP,
  NODES_MAP,
  PERIODS_MAP,
  CONCLUSIONS_SECTION,
  readAnalysisSettings,
  readMeasures,
  readTree,
  type AnalysisSettings,
  type EditContext,
  type Measure,
  type ResolvedTree,
} from "~/domain/analysis/index.ts";
import type { InvalidEntry } from "~/domain/analysis/doc.ts";
import { readTimeline, type Party, type TimelineEvent } from "~/domain/timeline/schema.ts";
import type { CollabSession } from "~/components/collab/useCollabDoc.ts";

export interface EventOption {
  id: string;
  event: TimelineEvent;
  partyName: string;
}

export interface AnalysisSnapshot {
  tree: ResolvedTree;
  measures: readonly Measure[];
  invalidMeasures: readonly InvalidEntry[];
  settings: AnalysisSettings;
  /** Valid timeline events in chronological order. */
  events: readonly EventOption[];
  eventById: ReadonlyMap<string, EventOption>;
  parties: readonly { id: string; value: Party }[];
  /** Bumped on every change; cheap dependency for memos. */
  version: number;
}

function snapshot(doc: Y.Doc, version: number): AnalysisSnapshot {
  const { measures, invalid } = readMeasures(doc);
  const timeline = readTimeline(doc);
  const parties = timeline.parties.filter((p): p is Extract<typeof p, { ok: true }> => p.ok);
  const partyName = new Map(parties.map((p) => [p.id, p.value.name]));
  const events: EventOption[] = [];
  for (const e of timeline.events) if (e.ok) events.push({ id: e.id, event: e.value, partyName: partyName.get(e.value.party) ?? "" });
  return {
    tree: readTree(doc),
    measures,
    invalidMeasures: invalid,
    settings: readAnalysisSettings(doc),
    events,
    eventById: new Map(events.map((e) => [e.id, e])),
    parties: parties.map((p) => ({ id: p.id, value: p.value })),
    version,
  };
}

export function useAnalysisSnapshot(doc: Y.Doc | null): AnalysisSnapshot | null {
  const [snap, setSnap] = useState<AnalysisSnapshot | null>(null);
  useEffect(() => {
    if (!doc) {
      setSnap(null);
      return;
    }
    let version = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer = null;
      setSnap(snapshot(doc, ++version));
    };
    // Batched: a burst of remote updates renders once. A timer, not an animation frame, so a page
    // in the background still follows (animation frames pause there).
    const schedule = () => {
      if (timer === null) timer = setTimeout(update, 8);
    };
    update();
    const types = [NODES_MAP, MEASURES_MAP, ANALYSIS_MAP, EVENTS_MAP, PERIODS_MAP, "parties"].map((n) => doc.getMap(n));
    for (const t of types) t.observeDeep(schedule);
    const conclusions = doc.getXmlFragment(CONCLUSIONS_SECTION);
    conclusions.observeDeep(schedule);
    return () => {
      if (timer !== null) clearTimeout(timer);
      for (const t of types) t.unobserveDeep(schedule);
      conclusions.unobserveDeep(schedule);
    };
  }, [doc]);
  return snap;
}

export interface AnalysisUndo {
  undoManager: Y.UndoManager;
  canUndo: boolean;
  canRedo: boolean;
}

export function useAnalysisUndo(session: CollabSession | null): AnalysisUndo | null {
  const [undoManager, setUndoManager] = useState<Y.UndoManager | null>(null);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!session) return;
    const { doc, origin } = session;
    const um = new Y.UndoManager([doc.getMap(NODES_MAP), doc.getMap(MEASURES_MAP), doc.getMap(ANALYSIS_MAP)], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 0,
    });
    const bump = () => setTick((t) => t + 1);
    um.on("stack-item-added", bump);
    um.on("stack-item-popped", bump);
    um.on("stack-cleared", bump);
    setUndoManager(um);
    return () => {
      um.destroy();
      setUndoManager(null);
    };
  }, [session]);
  if (!undoManager) return null;
  return { undoManager, canUndo: undoManager.undoStack.length > 0, canRedo: undoManager.redoStack.length > 0 };
}

export function editContext(session: CollabSession, userId: string): EditContext {
  return { userId, origin: session.origin };
}
