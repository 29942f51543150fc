// The integrated timeline as a chart (vis-timeline): one lane per party, lanes nested per domain,
// periods as background bands. Client-only: vis-timeline and vis-data are imported inside an
// effect, so the server never loads them; the server renders the toolbar and an empty frame.
//
// The Timeline is created once. Every prop change is applied incrementally: the items, background
// items and groups are mapped (chart-mapping.ts), compared with what was applied last time and
// only the differences go to the DataSets (update/remove by id), so re-rendering on every Yjs
// change costs a diff, not a redraw of the whole chart.
//
// The table view elsewhere on the page is the accessible equivalent of this chart (WCAG): the
// chart gets a Dutch summary, keyboard zoom/pan and buttons, but its items are not a tab list.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type JSX, type KeyboardEvent } from "react";
import type { DataSet } from "vis-data/peer";
import type { Timeline, TimelineOptions } from "vis-timeline/peer";
import "vis-timeline/styles/vis-timeline-graph2d.min.css";
import "./timeline-chart.css";
import {
  CLUSTER_TITLE_TEMPLATE,
  PERIOD_ID_PREFIX,
  VIS_XSS_OPTIONS,
  axisMajorLabel,
  axisMinorLabel,
  cachedEventInterval,
  cachedInterval,
  chartSummary,
  detectMoveMode,
  eventToItem,
  itemPosition,
  movedEventDates,
  partiesToGroups,
  periodToBackground,
  sameItem,
  type AxisDate,
  type BackgroundItem,
  type ChartEvent,
  type ChartGroup,
  type ChartItem,
  type ChartParty,
  type ChartPeriod,
  type MoveMode,
  type PresenceUser,
} from "./chart-mapping.ts";
import { formatDutchPartialDateRange } from "../../domain/timeline/partial-date.ts";

export type { ChartEvent, ChartParty, ChartPeriod } from "./chart-mapping.ts";

export interface TimelineChartProps {
  parties: ChartParty[];
  periods: ChartPeriod[];
  events: ChartEvent[];
  selectedId: string | null;
  /** Drag/resize only where allowed. */
  canMove: (eventId: string) => boolean;
  onSelect: (eventId: string | null) => void;
  /** New partial dates with the event's own precision (a month stays a month). */
  onMove: (eventId: string, start: string, end: string | undefined) => void;
  /** Who is editing which event. */
  presence?: Record<string, { name: string; color: string }[]>;
  height?: number;
}

/**
 * Performance knobs, read when the chart is created and on each data change. The app uses these
 * defaults; bench/timeline-view changes them to measure the alternatives (see bench/README.md).
 */
export const timelineChartTuning = {
  /** From this many events on, close items in a lane are drawn as one cluster. */
  clusterFromEvents: 150,
  /** vis `cluster.maxItems`: how many items may be close together in a lane before they cluster. */
  clusterMaxItems: 3,
  /** From this many events on, items are not stacked (they may overlap; clusters still apply). */
  unstackFromEvents: Number.POSITIVE_INFINITY,
  /** Work around two vis-timeline clustering performance bugs (see patchVisClustering). */
  patchVisClustering: true,
  /** Replace vis's initial fit() (which renders every item once) with our own window. */
  skipInitialFit: true,
  /**
   * Document changes reach vis at most this often (leading and trailing edge): with clustering,
   * vis re-sorts and re-clusters all items on every DataSet change (~30 ms for 2,000 events).
   */
  minSyncIntervalMs: 250,
  /** While the user pans, zooms or drags, hold changes back until the gesture ends, at most this long. */
  maxDeferWhileInteractingMs: 1000,
};
const DEFAULT_HEIGHT = 560;
const DAY = 24 * 60 * 60 * 1000;
const NO_PRESENCE: Record<string, PresenceUser[]> = {};

type AnyItem = ChartItem | BackgroundItem;

interface VisState {
  /** Null while the DataSets are filled for the first time. */
  timeline: Timeline | null;
  items: DataSet<AnyItem, "id">;
  groups: DataSet<ChartGroup, "id">;
  /** What the DataSets hold, as last written by us (by id). */
  appliedItems: Map<string, AnyItem>;
  appliedGroups: Map<string, ChartGroup>;
  clustered: boolean;
  stacked: boolean;
}

/** An item as vis hands it to onMoving/onMove. */
interface RawItem {
  id: string | number;
  start: Date | number | string;
  end?: Date | number | string | null;
  [key: string]: unknown;
}

interface DragState {
  id: string;
  mode: MoveMode;
  dates: { start: string; end: string | undefined } | null;
}

const reducedMotion = () =>
  typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
const animation = () => (reducedMotion() ? false : { duration: 250, easingFunction: "easeInOutQuad" as const });

/** Per event id: what its item was mapped from, so an unchanged event is not mapped again. */
interface MemoEntry {
  event: ChartEvent;
  canMove: boolean;
  partyName: string | undefined;
  presence: PresenceUser[] | undefined;
  item: ChartItem | null;
}

/** Field comparison: the page may hand us new objects for unchanged events on every render. */
function sameEvent(a: ChartEvent, b: ChartEvent): boolean {
  return (
    a === b ||
    (a.title === b.title &&
      a.party === b.party &&
      a.start === b.start &&
      a.end === b.end &&
      a.approximate === b.approximate &&
      a.kind === b.kind &&
      a.status === b.status &&
      a.flags.signaal === b.flags.signaal &&
      a.flags.kritiekMoment === b.flags.kritiekMoment &&
      a.flags.overdracht === b.flags.overdracht &&
      a.flags.opschaling === b.flags.opschaling)
  );
}

function samePresence(a: PresenceUser[] | undefined, b: PresenceUser[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((p, i) => p.name === b[i].name && p.color === b[i].color);
}

function computeItems(props: TimelineChartProps, memo: Map<string, MemoEntry>): { items: Map<string, AnyItem>; memo: Map<string, MemoEntry> } {
  const partyNames = new Map(props.parties.map((p) => [p.id, p.name]));
  const presence = props.presence ?? NO_PRESENCE;
  const items = new Map<string, AnyItem>();
  const nextMemo = new Map<string, MemoEntry>();
  props.periods.forEach((period, i) => {
    const bg = periodToBackground(period, i);
    if (bg) items.set(bg.id, bg);
  });
  for (const event of props.events) {
    const partyName = partyNames.get(event.party);
    const canMove = props.canMove(event.id);
    const editors = presence[event.id];
    let entry = memo.get(event.id);
    if (
      !entry ||
      entry.canMove !== canMove ||
      entry.partyName !== partyName ||
      !samePresence(entry.presence, editors) ||
      !sameEvent(entry.event, event)
    ) {
      entry = {
        event,
        canMove,
        partyName,
        presence: editors,
        item: partyName === undefined ? null : eventToItem(event, { partyName, canMove, presence: editors }),
      };
    }
    nextMemo.set(event.id, entry);
    if (entry.item) items.set(entry.item.id, entry.item);
  }
  return { items, memo: nextMemo };
}

/** Writes the differences between `next` and what was applied into the DataSet. */
function applyDiff<T extends { id: string }>(
  dataSet: DataSet<T, "id">,
  applied: Map<string, T>,
  next: Map<string, T>,
  same: (a: T | undefined, b: T) => boolean,
): number {
  const changed: T[] = [];
  for (const [id, value] of next) if (!same(applied.get(id), value)) changed.push(value);
  const removed: string[] = [];
  for (const id of applied.keys()) if (!next.has(id)) removed.push(id);
  // update() adds new rows and merges into existing ones; every row carries all its keys (an item
  // without an end has `end: undefined`), so a merge leaves nothing stale behind. Updating (rather
  // than remove + add) keeps vis's selection and DOM for the rows that stay.
  if (changed.length > 0) dataSet.update(changed as Parameters<typeof dataSet.update>[0]);
  if (removed.length > 0) dataSet.remove(removed);
  for (const v of changed) applied.set(v.id, v);
  for (const id of removed) applied.delete(id);
  return changed.length + removed.length;
}

const sameGroup = (a: ChartGroup | undefined, b: ChartGroup) => !!a && JSON.stringify(a) === JSON.stringify(b);

/** Initial window ("Alles tonen"): all events and periods, with room for the last labels. */
function dataWindow(props: TimelineChartProps): { start: number; end: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const e of props.events) {
    const iv = cachedEventInterval(e.start, e.end);
    if (!iv) continue;
    if (iv.startMs < min) min = iv.startMs;
    if (iv.endMs > max) max = iv.endMs;
  }
  for (const p of props.periods) {
    const s = cachedInterval(p.start);
    const e = cachedInterval(p.end);
    if (s && s.startMs < min) min = s.startMs;
    if (e && e.endMs > max) max = e.endMs;
  }
  if (!Number.isFinite(min)) {
    const now = Date.now();
    return { start: now - 180 * DAY, end: now + 30 * DAY };
  }
  // More room on the right: point items carry their label to the right of their date.
  const span = Math.max(max - min, DAY);
  return { start: min - span * 0.02, end: max + span * 0.12 };
}

export default function TimelineChart(props: TimelineChartProps): JSX.Element {
  const { parties, periods, events, selectedId, presence, height = DEFAULT_HEIGHT } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const visRef = useRef<VisState | null>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const memoRef = useRef(new Map<string, MemoEntry>());
  const dragRef = useRef<DragState | null>(null);
  const resyncTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingReveal = useRef<string | null>(null);
  const [ready, setReady] = useState(false);
  const [loadError, setLoadError] = useState(false);
  /** While dragging: where the event would land, in Dutch ("maart 2014"). */
  const [dragLabel, setDragLabel] = useState<string | null>(null);
  const summaryId = useId();
  const helpId = useId();
  const canvasId = useId();

  /** Brings the DataSets (and selection, clustering) in line with the current props: only the differences. */
  const sync = useCallback(() => {
    const vis = visRef.current;
    if (!vis) return;
    const current = propsRef.current;
    const groups = new Map(partiesToGroups(current.parties).map((g) => [g.id, g]));
    const { items, memo } = computeItems(current, memoRef.current);
    memoRef.current = memo;
    // Groups first (new lanes must exist before their items), then items.
    applyDiff(vis.groups, vis.appliedGroups, groups, sameGroup);
    applyDiff(vis.items, vis.appliedItems, items, sameItem);
    const timeline = vis.timeline;
    if (!timeline) return;
    // vis drops the selection of an item that was re-created (e.g. point → range).
    const wanted = current.selectedId && items.has(current.selectedId) ? current.selectedId : null;
    const selection = timeline.getSelection().map(String);
    if ((selection[0] ?? null) !== wanted || selection.length > 1) timeline.setSelection(wanted ? [wanted] : []);
    const clustered = current.events.length >= timelineChartTuning.clusterFromEvents;
    if (clustered !== vis.clustered) {
      vis.clustered = clustered;
      timeline.setOptions({ cluster: clusterOption(clustered) });
      if (timelineChartTuning.patchVisClustering) patchVisClustering(timeline);
    }
    const stacked = current.events.length < timelineChartTuning.unstackFromEvents;
    if (stacked !== vis.stacked) {
      vis.stacked = stacked;
      timeline.setOptions({ stack: stacked });
    }
    // A selection made before its item was applied (a new event, selected right away).
    const reveal = pendingReveal.current;
    if (reveal && vis.appliedItems.has(reveal)) {
      pendingReveal.current = null;
      bringIntoView(reveal, false);
    }
  }, []);

  // Throttled application of prop changes (see timelineChartTuning): the first change after a
  // quiet period goes through at once (your own edit shows immediately), later ones are batched.
  const schedule = useRef({ last: -Infinity, timer: null as ReturnType<typeof setTimeout> | null, interacting: false });
  const runSync = useCallback(() => {
    const st = schedule.current;
    if (st.timer) clearTimeout(st.timer);
    st.timer = null;
    st.last = performance.now();
    sync();
  }, [sync]);
  const requestSync = useCallback(() => {
    const st = schedule.current;
    if (st.timer) return; // already scheduled; it reads the latest props
    const wait = st.interacting
      ? timelineChartTuning.maxDeferWhileInteractingMs
      : Math.max(0, st.last + timelineChartTuning.minSyncIntervalMs - performance.now());
    if (wait <= 0) runSync();
    else st.timer = setTimeout(runSync, wait);
  }, [runSync]);
  /** A pan, zoom or drag started (true) or ended (false). */
  const setInteracting = useCallback(
    (on: boolean) => {
      const st = schedule.current;
      if (st.interacting === on) return;
      st.interacting = on;
      if (!on && st.timer) {
        // Changes were held back during the gesture: apply them now (or after the interval).
        clearTimeout(st.timer);
        st.timer = null;
        requestSync();
      }
    },
    [requestSync],
  );

  // Create the Timeline once, client-side only.
  useEffect(() => {
    let cancelled = false;
    let created: VisState | null = null;
    (async () => {
      mark("import-start");
      const [{ Timeline }, { DataSet }] = await Promise.all([import("vis-timeline/peer"), import("vis-data/peer")]);
      mark("imported");
      const container = containerRef.current;
      if (cancelled || !container) return;
      const initial = propsRef.current;
      const items = new DataSet<AnyItem, "id">();
      const groups = new DataSet<ChartGroup, "id">();
      created = {
        timeline: null,
        items,
        groups,
        appliedItems: new Map(),
        appliedGroups: new Map(),
        clustered: initial.events.length >= timelineChartTuning.clusterFromEvents,
        stacked: initial.events.length < timelineChartTuning.unstackFromEvents,
      };
      visRef.current = created;
      // Fill the DataSets before the Timeline exists: added to a live, visible timeline every item
      // is shown and measured on its own (seconds for 2,000 items); added up front they are
      // measured in one batch on the first draw.
      sync();
      const options: TimelineOptions = {
        height: initial.height ?? DEFAULT_HEIGHT,
        // No start/end here: with them vis keeps the chart hidden until a range change has
        // settled (200 ms or more). Without, it calls fit() once; see the override below.
        orientation: { axis: "top", item: "top" },
        stack: created.stacked,
        groupOrder: "order",
        margin: { item: { horizontal: 6, vertical: 4 }, axis: 4 },
        zoomKey: "ctrlKey",
        verticalScroll: true,
        horizontalScroll: true,
        zoomMin: 2 * 60 * 60 * 1000,
        zoomMax: 40 * 365 * DAY,
        selectable: true,
        multiselect: false,
        showCurrentTime: false,
        showTooltips: true,
        tooltip: { followMouse: false, overflowMethod: "cap", delay: 250 },
        // Global: nothing is editable; items that may move say so themselves (`editable`).
        editable: { add: false, remove: false, updateGroup: false, updateTime: false, overrideItems: false },
        snap: null,
        xss: VIS_XSS_OPTIONS as unknown as TimelineOptions["xss"],
        format: {
          minorLabels: (date: AxisDate, scale: string) => axisMinorLabel(date, scale),
          majorLabels: (date: AxisDate, scale: string) => axisMajorLabel(date, scale),
        } as unknown as TimelineOptions["format"],
        cluster: clusterOption(created.clustered),
        onMoving: (item, callback) => callback(snapDragged(item as unknown as RawItem, false) as never),
        onMove: (item, callback) => callback(snapDragged(item as unknown as RawItem, true) as never),
      };
      const timeline = new Timeline(container, items as never, groups as never, options);
      created.timeline = timeline;
      if (timelineChartTuning.patchVisClustering) patchVisClustering(timeline);
      // vis's initial fit() renders every item once to measure its label (0.3 s for 2,000 items).
      // Replace that one call with our own window from the data; later calls are vis's own.
      if (timelineChartTuning.skipInitialFit) {
        const visFit = timeline.fit.bind(timeline);
        timeline.fit = ((_options?: unknown, callback?: () => void) => {
          timeline.fit = visFit;
          if (cancelled) return;
          const win = dataWindow(propsRef.current);
          (timeline.setWindow as (s: number, e: number, o: object, cb?: () => void) => void)(win.start, win.end, { animation: false }, callback);
        }) as Timeline["fit"];
      }
      // The lane labels scroll vertically when there are many lanes: reachable by keyboard (WCAG 2.1.1).
      const lanes = container.querySelector<HTMLElement>(".vis-panel.vis-left");
      if (lanes) {
        lanes.tabIndex = 0;
        lanes.setAttribute("role", "region");
        lanes.setAttribute("aria-label", "Partijen; met pijltje omhoog en omlaag door de rijen scrollen");
        // The browser's smooth keyboard scrolling is cut short by vis's scroll sync: step ourselves.
        lanes.addEventListener("keydown", (e) => {
          if (scrollLanes(container, e.key)) e.preventDefault();
        });
      }
      const sel = initial.selectedId;
      if (sel && created.appliedItems.has(sel)) timeline.setSelection([sel]);
      mark("created");

      timeline.on("select", (p: { items: (string | number)[] }) => {
        const id = p.items[0] == null ? null : String(p.items[0]);
        const item = id === null ? undefined : visRef.current?.appliedItems.get(id);
        if (id === null || (item && item.type !== "background")) {
          if (id !== propsRef.current.selectedId) propsRef.current.onSelect(id);
        } else {
          // A cluster: keep the current selection (the click handler zooms in).
          const sel = propsRef.current.selectedId;
          timeline.setSelection(sel && visRef.current?.appliedItems.has(sel) ? [sel] : []);
        }
      });
      timeline.on("rangechange", (p: { byUser?: boolean }) => {
        if (p.byUser) setInteracting(true);
      });
      timeline.on("rangechanged", () => setInteracting(false));
      timeline.on("click", (p: { item: string | number | null; time: Date; what?: string }) => {
        if (p.item == null) return;
        const id = String(p.item);
        if (visRef.current?.appliedItems.has(id) || id.startsWith(PERIOD_ID_PREFIX)) return;
        // Clicked a cluster: zoom in around it.
        const w = timeline.getWindow();
        const half = (w.end.getTime() - w.start.getTime()) / 6;
        const t = p.time.getTime();
        timeline.setWindow(t - half, t + half, { animation: animation() });
      });
      setReady(true);
    })().catch((err: unknown) => {
      console.error("Tijdlijn laden mislukt", err);
      if (!cancelled) setLoadError(true);
    });
    return () => {
      cancelled = true;
      if (resyncTimer.current) clearTimeout(resyncTimer.current);
      if (schedule.current.timer) clearTimeout(schedule.current.timer);
      schedule.current.timer = null;
      created?.timeline?.destroy();
      visRef.current = null;
      setReady(false);
    };
  }, []);

  /**
   * Snaps a dragged item to its event's precision. While dragging (`final` false) it only moves
   * the drawing; on drop it reports the move through onMove and keeps the snapped drawing until
   * the document answers (or puts the item back if it does not).
   */
  function snapDragged(item: RawItem, final: boolean): RawItem | null {
    const id = String(item.id);
    const current = propsRef.current;
    const event = current.events.find((e) => e.id === id);
    const applied = visRef.current?.appliedItems.get(id);
    if (!event || !applied || applied.type === "background" || !current.canMove(id)) {
      dragRef.current = null;
      setInteracting(false);
      setDragLabel(null);
      return null;
    }
    const next = {
      startMs: new Date(item.start).getTime(),
      endMs: item.end == null ? undefined : new Date(item.end).getTime(),
    };
    let drag = dragRef.current;
    if (!drag || drag.id !== id) drag = dragRef.current = { id, mode: "none", dates: null };
    setInteracting(!final);
    if (drag.mode === "none") drag.mode = detectMoveMode({ startMs: applied.start, endMs: applied.end }, next);
    const dates = drag.mode === "none" ? null : movedEventDates(event, next, { mode: drag.mode });
    drag.dates = dates;
    if (final) dragRef.current = null;
    const label = final || !dates ? null : formatDutchPartialDateRange(dates.start, dates.end, { approximate: event.approximate });
    setDragLabel((old) => (old === label ? old : label));
    if (!dates) return final ? null : { ...item, start: new Date(applied.start), end: applied.end == null ? undefined : new Date(applied.end) };
    const pos = itemPosition(dates, applied.type === "point");
    if (!pos) return null;
    if (final) {
      current.onMove(id, dates.start, dates.end);
      // Our copy no longer matches the DataSet; force the next sync to rewrite this item, and
      // sync soon in case the document did not take the change (no permission, conflict).
      visRef.current?.appliedItems.delete(id);
      if (resyncTimer.current) clearTimeout(resyncTimer.current);
      resyncTimer.current = setTimeout(requestSync, 600);
    }
    return { ...item, start: new Date(pos.start), end: pos.end == null ? undefined : new Date(pos.end) };
  }

  // Apply data changes incrementally (throttled, see requestSync).
  useEffect(() => {
    if (ready) requestSync();
  }, [ready, requestSync, parties, periods, events, presence, props.canMove]);

  // Selection from outside (table, editor panel): highlight, and bring it into view if needed.
  const lastSelected = useRef<string | null>(null);
  useEffect(() => {
    const vis = visRef.current;
    const timeline = vis?.timeline;
    if (!ready || !vis || !timeline) return;
    const currentSel = timeline.getSelection().map(String);
    const wanted = selectedId && vis.appliedItems.has(selectedId) ? [selectedId] : [];
    if (currentSel.join() !== wanted.join()) timeline.setSelection(wanted);
    if (selectedId !== lastSelected.current) {
      lastSelected.current = selectedId;
      pendingReveal.current = null;
      if (wanted.length > 0) bringIntoView(wanted[0], false);
      else if (selectedId) pendingReveal.current = selectedId; // not applied yet: sync reveals it
    }
  }, [ready, selectedId, events]);

  // setOptions makes vis re-render every item, so only when the height really changed.
  const appliedHeight = useRef(height);
  useEffect(() => {
    if (!ready || appliedHeight.current === height) return;
    appliedHeight.current = height;
    visRef.current?.timeline?.setOptions({ height });
  }, [ready, height]);

  /** Pans (and with `fit` zooms) so that the item is visible. */
  function bringIntoView(id: string, fit: boolean) {
    const vis = visRef.current;
    const item = vis?.appliedItems.get(id);
    const timeline = vis?.timeline;
    if (!item || !timeline) return;
    const w = timeline.getWindow();
    const ws = w.start.getTime();
    const we = w.end.getTime();
    const span = we - ws;
    const s = item.start;
    const e = item.end ?? item.start;
    if (fit && e - s > span * 0.9) {
      const pad = (e - s) * 0.1;
      timeline.setWindow(s - pad, e + pad, { animation: animation() });
    } else if (fit || s < ws || e > we) {
      timeline.moveTo((s + e) / 2, { animation: animation() });
    }
  }

  /** Halves (in) or doubles (out) the visible time span around its centre. */
  const zoom = (direction: "in" | "out") => {
    const tl = visRef.current?.timeline;
    if (!tl) return;
    if (direction === "in") tl.zoomIn(1, { animation: animation() });
    else tl.zoomOut(1, { animation: animation() });
  };
  const pan = (fraction: number) => {
    const tl = visRef.current?.timeline;
    if (!tl) return;
    const w = tl.getWindow();
    const shift = (w.end.getTime() - w.start.getTime()) * fraction;
    tl.setWindow(w.start.getTime() + shift, w.end.getTime() + shift, { animation: animation() });
  };
  const fitAll = () => {
    const tl = visRef.current?.timeline;
    if (!tl) return;
    const win = dataWindow(propsRef.current);
    tl.setWindow(win.start, win.end, { animation: animation() });
  };
  const toToday = () => visRef.current?.timeline?.moveTo(Date.now(), { animation: animation() });
  const toSelected = () => {
    if (selectedId) bringIntoView(selectedId, true);
  };

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    const handled = (() => {
      switch (e.key) {
        case "ArrowLeft":
          pan(e.shiftKey ? -0.5 : -0.2);
          return true;
        case "ArrowRight":
          pan(e.shiftKey ? 0.5 : 0.2);
          return true;
        case "ArrowUp":
        case "ArrowDown":
        case "PageUp":
        case "PageDown":
          return containerRef.current ? scrollLanes(containerRef.current, e.key) : false;
        case "+":
        case "=":
          zoom("in");
          return true;
        case "-":
        case "_":
          zoom("out");
          return true;
        case "0":
        case "Home":
          fitAll();
          return true;
        case "Escape":
          if (propsRef.current.selectedId) propsRef.current.onSelect(null);
          return true;
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  }

  const summary = useMemo(() => chartSummary(parties, periods, events), [parties, periods, events]);
  const selectedVisible = !!selectedId && events.some((e) => e.id === selectedId);

  return (
    <section className="kl-chart" aria-label="Tijdlijn als grafiek">
      <div className="kl-chart__toolbar" role="group" aria-label="Zoomen en schuiven in de tijdlijn" aria-controls={canvasId}>
        <div className="kl-chart__buttons">
          <button type="button" className="kl-chart__button" aria-label="Inzoomen" onClick={() => zoom("in")} disabled={!ready}>
            <span aria-hidden="true">+</span> Inzoomen
          </button>
          <button type="button" className="kl-chart__button" aria-label="Uitzoomen" onClick={() => zoom("out")} disabled={!ready}>
            <span aria-hidden="true">−</span> Uitzoomen
          </button>
          <button type="button" className="kl-chart__button" aria-label="Alles tonen" onClick={fitAll} disabled={!ready}>
            Alles tonen
          </button>
          <span className="kl-chart__sep" aria-hidden="true" />
          <button type="button" className="kl-chart__button" aria-label="Eerder in de tijd" onClick={() => pan(-0.3)} disabled={!ready}>
            <span aria-hidden="true">‹</span> Eerder
          </button>
          <button type="button" className="kl-chart__button" aria-label="Later in de tijd" onClick={() => pan(0.3)} disabled={!ready}>
            Later <span aria-hidden="true">›</span>
          </button>
          <span className="kl-chart__sep" aria-hidden="true" />
          <button
            type="button"
            className="kl-chart__button"
            aria-label="Naar geselecteerd feit"
            onClick={toSelected}
            disabled={!ready || !selectedVisible}
          >
            Naar geselecteerd
          </button>
          <button type="button" className="kl-chart__button" aria-label="Naar vandaag" onClick={toToday} disabled={!ready}>
            Naar vandaag
          </button>
        </div>
        <ul className="kl-chart__legend" aria-label="Legenda">
          <li><span className="kl-mark kl-mark--kritiek" aria-hidden="true">!</span> Kritiek moment</li>
          <li><span className="kl-mark kl-mark--signaal" aria-hidden="true">S</span> Signaal</li>
          <li><span className="kl-mark kl-mark--overdracht" aria-hidden="true">→</span> Overdracht</li>
          <li><span className="kl-mark kl-mark--opschaling" aria-hidden="true">▲</span> Opschaling</li>
          <li><span className="kl-legend-swatch kl-legend-swatch--betwist" aria-hidden="true" /> Betwist</li>
          <li><span className="kl-approx" aria-hidden="true">ca.</span> Datum bij benadering</li>
        </ul>
      </div>
      <p id={summaryId} className="visually-hidden">
        {summary} De tabelweergave toont dezelfde feiten en is volledig met het toetsenbord te gebruiken.
      </p>
      <p id={helpId} className="kl-chart__help">
        Klik op een feit om het te openen. Slepen schuift, Ctrl + scrollen zoomt; met toetsen: ← →
        schuiven, ↑ ↓ door de partijen, + − zoomen, 0 alles tonen.
      </p>
      <div className="kl-chart__frame" style={{ minHeight: height }}>
        <div
          ref={containerRef}
          id={canvasId}
          className="kl-chart__canvas"
          tabIndex={0}
          role="group"
          aria-roledescription="tijdlijn"
          aria-label="Tijdlijn van de feiten per partij"
          aria-describedby={`${summaryId} ${helpId}`}
          onKeyDown={onKeyDown}
          data-ready={ready ? "true" : "false"}
        />
        <p className="kl-chart__drag" aria-live="polite">
          {dragLabel ? (
            <>
              Verplaatsen naar <strong>{dragLabel}</strong>
            </>
          ) : null}
        </p>
        {!ready && !loadError ? (
          <p className="kl-chart__loading" role="status">
            Tijdlijn laden…
          </p>
        ) : null}
      </div>
      {loadError ? (
        <p className="alert alert--error" role="alert">
          De grafische tijdlijn kon niet worden geladen. De tabelweergave toont dezelfde gegevens.
        </p>
      ) : null}
    </section>
  );
}

/**
 * Works around two performance bugs in vis-timeline 8.5's clustering (both found with the
 * benchmark in bench/timeline-view; see bench/README.md). The patches go on vis's prototypes, once,
 * and only where the methods look as expected; if vis changes its internals they do nothing.
 *
 * 1. For a lane scrolled out of view, Group#_updateClustersInRange shows its clusters again on every
 *    redraw and _updateItemsVerticalPosition hides them right after, so while panning every
 *    off-screen cluster is removed from and re-added to the DOM each frame (about 200 insertions
 *    and removals per frame with 2,000 events). Regular items have an early return for this in
 *    _updateItemsInRange; the patch adds the same one for clusters.
 * 2. After any data change vis re-clusters, and ClusterGenerator#_getClusterForItems, called once
 *    per new cluster, turns every old cluster into a Set of ids to look for one to reuse: quadratic
 *    in the number of clusters (over 100 ms per document change with 2,000 events). The patch hands
 *    it only the old clusters that contain the new cluster's first item and have its size; vis still
 *    does its own exact comparison on those.
 */
function patchVisClustering(timeline: Timeline) {
  type ClusterLike = { displayed?: boolean; hide?: () => void; data?: { uiItems?: { id: unknown }[] } };
  type GroupLike = {
    isVisible?: boolean;
    height?: number;
    groupId?: unknown;
    _updateClustersInRange?: (ordered: unknown, old: ClusterLike[], range: unknown) => ClusterLike[];
  };
  type GeneratorLike = {
    _getClusterForItems?: (items: { id: unknown }[], group: unknown, old: ClusterLike[] | undefined, options: unknown) => unknown;
  };
  type Patchable = { __klPatched?: boolean };
  const itemSet = (timeline as unknown as { itemSet?: { groups?: Record<string, GroupLike>; clusterGenerator?: GeneratorLike } }).itemSet;
  /** The prototype in the chain that defines `method` (the background group is a subclass of Group). */
  const owner = <T extends object>(instance: T | undefined, method: string): (T & Patchable) | undefined => {
    let proto = instance as (T & Patchable) | undefined;
    while (proto && !Object.prototype.hasOwnProperty.call(proto, method)) proto = Object.getPrototypeOf(proto);
    return proto && typeof (proto as Record<string, unknown>)[method] === "function" ? proto : undefined;
  };

  const groupProto = owner(itemSet?.groups ? Object.values(itemSet.groups)[0] : undefined, "_updateClustersInRange");
  if (groupProto && !groupProto.__klPatched) {
    const original = groupProto._updateClustersInRange!;
    groupProto._updateClustersInRange = function (this: GroupLike, ordered, old, range) {
      if (this.isVisible === false && this.height !== undefined && this.groupId !== "__background__") {
        for (const cluster of old) if (cluster.displayed) cluster.hide?.();
        return [];
      }
      return original.call(this, ordered, old, range);
    };
    groupProto.__klPatched = true;
  }

  const generatorProto = owner(itemSet?.clusterGenerator, "_getClusterForItems");
  if (generatorProto && !generatorProto.__klPatched) {
    const original = generatorProto._getClusterForItems!;
    // Per array of old clusters (one re-clustering pass): item id → old clusters containing it.
    const indexes = new WeakMap<ClusterLike[], Map<unknown, ClusterLike[]>>();
    generatorProto._getClusterForItems = function (this: GeneratorLike, items, group, old, options) {
      if (!old || old.length === 0 || items.length === 0) return original.call(this, items, group, old, options);
      let index = indexes.get(old);
      if (!index) {
        index = new Map();
        for (const cluster of old) {
          for (const item of cluster.data?.uiItems ?? []) {
            const list = index.get(item.id);
            if (list) list.push(cluster);
            else index.set(item.id, [cluster]);
          }
        }
        indexes.set(old, index);
      }
      const candidates = (index.get(items[0].id) ?? []).filter((c) => c.data?.uiItems?.length === items.length);
      return original.call(this, items, group, candidates, options);
    };
    generatorProto.__klPatched = true;
  }
}

/** Scrolls the lanes (vis follows the label panel's scroll position) for an arrow or page key. */
function scrollLanes(container: HTMLElement, key: string): boolean {
  const lanes = container.querySelector<HTMLElement>(".vis-panel.vis-left");
  if (!lanes) return false;
  const page = lanes.clientHeight * 0.9;
  const step = key === "ArrowDown" ? 40 : key === "ArrowUp" ? -40 : key === "PageDown" ? page : key === "PageUp" ? -page : 0;
  if (step === 0) return false;
  lanes.scrollBy({ top: step, behavior: "instant" });
  return true;
}

/** Performance marks for the benchmark and for profiling in the browser (kl-timeline:*). */
function mark(name: string) {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(`kl-timeline:${name}`);
}

function clusterOption(enabled: boolean): TimelineOptions["cluster"] {
  if (!enabled) return false as unknown as TimelineOptions["cluster"];
  return {
    maxItems: timelineChartTuning.clusterMaxItems,
    titleTemplate: CLUSTER_TITLE_TEMPLATE,
    showStipes: false,
    fitOnDoubleClick: true,
    // Critical moments always stay visible on their own.
    clusterCriteria: (a: unknown, b: unknown) =>
      !(a as { kritiek?: boolean }).kritiek && !(b as { kritiek?: boolean }).kritiek,
  } as TimelineOptions["cluster"];
}
