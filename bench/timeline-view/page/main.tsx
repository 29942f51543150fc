// Standalone page for the timeline-view benchmark and the demo screenshot. Query parameters:
//   data=generated (default) | demo   what to show (2,000 generated events, or fillDemoTimeline)
//   n=2000                             number of generated events
//   select=<id>                        preselected event; presence=1 shows two editors
//   cluster=<n>|off, clusterMax=<n>,     timelineChartTuning (the tunings compared in bench/README.md)
//   unstack=<n>, patch=0, visfit=1, throttle=0
//   live=<n>                           n document changes per second (a title edit, every event object
//                                      re-created, as a Yjs-driven page would), to pan while others edit
// It records timings on window.__bench for run.ts (performance marks, first selection).
import { StrictMode, useCallback, useEffect, useMemo, useState } from "react";
import { createRoot } from "react-dom/client";
import * as Y from "yjs";
import TimelineChart, { timelineChartTuning, type ChartEvent } from "~/components/timeline/TimelineChart";
import { timelineToChartData } from "~/components/timeline/chart-data";
import { fillDemoTimeline } from "~/domain/timeline/demo-timeline";
import { readTimeline } from "~/domain/timeline/schema";
import { generateTimeline } from "../generate";
import "~/styles.css";

interface BenchState {
  renderedAt: number | null;
  selectedAt: number | null;
  pointerDownAt: number | null;
  moves: number;
  lastMove: { id: string; from: string; fromEnd?: string; start: string; end?: string } | null;
  frames: number[] | null;
  longTasks: number[];
}
const bench: BenchState = { renderedAt: null, selectedAt: null, pointerDownAt: null, moves: 0, lastMove: null, frames: null, longTasks: [] };
(window as unknown as { __bench: BenchState }).__bench = bench;
performance.mark("bench-script-start");

try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) bench.longTasks.push(Math.round(e.duration));
  }).observe({ type: "longtask", buffered: true });
} catch {
  // longtask timing not supported
}

document.addEventListener("pointerdown", (e) => {
  if (bench.pointerDownAt === null) bench.pointerDownAt = e.timeStamp;
}, { capture: true });

// "Rendered": the first animation frame after vis put event items into the DOM.
new MutationObserver((_, observer) => {
  if (document.querySelector(".kl-chart .vis-item.kl-item")) {
    observer.disconnect();
    requestAnimationFrame(() => {
      bench.renderedAt = performance.now();
      performance.mark("chart-rendered");
    });
  }
}).observe(document.body, { childList: true, subtree: true });

// rAF deltas on demand (run.ts starts and stops the collection around the pan).
(window as unknown as { __startFrames: () => void }).__startFrames = () => {
  bench.frames = [];
  let last = performance.now();
  const tick = (t: number) => {
    if (!bench.frames) return;
    bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame((t) => {
    last = t;
    requestAnimationFrame(tick);
  });
};
(window as unknown as { __stopFrames: () => number[] }).__stopFrames = () => {
  const f = bench.frames ?? [];
  bench.frames = null;
  return f;
};

const params = new URLSearchParams(location.search);
const tuningNumber = (v: string | null) => (v === null ? null : v === "off" ? Number.POSITIVE_INFINITY : Number(v));
timelineChartTuning.clusterFromEvents = tuningNumber(params.get("cluster")) ?? timelineChartTuning.clusterFromEvents;
timelineChartTuning.clusterMaxItems = Number(params.get("clusterMax") ?? timelineChartTuning.clusterMaxItems);
timelineChartTuning.patchVisClustering = params.get("patch") !== "0";
timelineChartTuning.skipInitialFit = params.get("visfit") !== "1";
if (params.get("throttle") === "0") {
  timelineChartTuning.minSyncIntervalMs = 0;
  timelineChartTuning.maxDeferWhileInteractingMs = 0;
}
timelineChartTuning.unstackFromEvents = tuningNumber(params.get("unstack")) ?? timelineChartTuning.unstackFromEvents;

function loadData() {
  if (params.get("data") === "demo") {
    const doc = new Y.Doc();
    fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "demo" });
    return timelineToChartData(readTimeline(doc));
  }
  return generateTimeline(Number(params.get("n") ?? 2000));
}

const data = loadData();
if (params.get("xss") === "1") {
  // Hostile titles and names, to check that nothing is interpreted as HTML.
  const i = Math.max(0, data.events.findIndex((e) => e.party === data.parties[0].id));
  data.events[i] = { ...data.events[i], title: `<img src=x onerror="window.__xss=1">Aanval <b>vet</b>` };
  data.parties[0] = { ...data.parties[0], name: `<img src=y onerror="window.__xss=2">Partij` };
  data.periods[0] = { ...data.periods[0], label: `<script>window.__xss=3</script>Periode` };
}

function App() {
  const [events, setEvents] = useState<ChartEvent[]>(data.events);
  const [selectedId, setSelectedId] = useState<string | null>(params.get("select"));
  const presence = useMemo(() => {
    if (params.get("presence") !== "1") return undefined;
    const byTitle = (text: string) => data.events.find((e) => e.title.includes(text))?.id;
    const out: Record<string, { name: string; color: string }[]> = {};
    const a = byTitle("Zorgmelding school") ?? data.events[10]?.id;
    const b = byTitle("Huisuitzetting") ?? byTitle("huisuitzetting") ?? data.events[30]?.id;
    if (a) out[a] = [{ name: "Fatima El Amrani", color: "#0b7a75" }];
    if (b) out[b] = [{ name: "Joost de Vries", color: "#a4372a" }, { name: "Sanne Bakker", color: "#4b5fc1" }];
    return out;
  }, []);
  const live = Number(params.get("live") ?? 0);
  useEffect(() => {
    if (!live) return;
    let n = 0;
    const timer = setInterval(() => {
      n++;
      // Like a re-render from the Yjs document: new objects for every event, one of them changed.
      setEvents((list) => list.map((e, i) => (i === (n * 37) % list.length ? { ...e, title: `${e.title.replace(/ \(bewerkt \d+\)$/, "")} (bewerkt ${n})` } : { ...e })));
    }, 1000 / live);
    return () => clearInterval(timer);
  }, [live]);
  const onSelect = useCallback((id: string | null) => {
    if (id !== null && bench.selectedAt === null) {
      bench.selectedAt = performance.now();
      performance.mark("first-select");
    }
    setSelectedId(id);
  }, []);
  const onMove = useCallback((id: string, start: string, end: string | undefined) => {
    bench.moves++;
    setEvents((list) => {
      const before = list.find((e) => e.id === id);
      bench.lastMove = { id, from: before?.start ?? "", fromEnd: before?.end, start, end };
      return list.map((e) => (e.id === id ? { ...e, start, end } : e));
    });
  }, []);
  // Every second party's lanes are editable, like a ketenpartner on their own lanes.
  const canMove = useMemo(() => {
    const editable = new Set(data.parties.filter((_, i) => i % 2 === 0).map((p) => p.id));
    const partyOf = new Map(events.map((e) => [e.id, e.party]));
    return (id: string) => editable.has(partyOf.get(id) ?? "");
  }, [events]);
  return (
    <>
      <h1>Integrale tijdlijn</h1>
      <TimelineChart
        parties={data.parties}
        periods={data.periods}
        events={events}
        selectedId={selectedId}
        canMove={canMove}
        onSelect={onSelect}
        onMove={onMove}
        presence={presence}
        height={Number(params.get("height") ?? 600)}
      />
      <p className="muted" data-testid="selected">Geselecteerd: {selectedId ?? "niets"}</p>
    </>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
