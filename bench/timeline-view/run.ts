// Timeline-view benchmark (issue 3): TimelineChart with 2,000 generated events over 15 parties and
// 4 periods, in headless Chromium. Measures time until interactive and frame times while panning.
// Not a test: it asserts nothing about time. Figures and method: bench/README.md, "Timeline view".
//
//   node --import tsx bench/timeline-view/run.ts [--runs=3] [--variants=standaard,zonder-clustering]
//
// Per run: a fresh browser context (cold cache) loads the production build of
// bench/timeline-view/page; as soon as the first event items are on screen, Playwright clicks one;
// "interactive" is the moment the chart reports that selection (onSelect), measured from navigation
// start. Then it drags the time axis with the mouse for 3 s (left, then back: a mouse event every
// 16.7 ms, sent without waiting for the page, like a real mouse) while the page records
// requestAnimationFrame deltas; then zooms in three steps and pans again. Variants run round-robin.
// One extra, traced run per variant gives the renderer main thread's CPU time (before interactive,
// and per frame while panning): unlike wall-clock figures, those hardly depend on what else the
// machine is doing. Raw results: tmp/bench-timeline-view.json.
import { cpus, loadavg } from "node:os";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { buildPage, launchChromium, repoRoot, serve } from "./harness";

interface Variant {
  name: string;
  query: string;
  description: string;
}

const VARIANTS: Variant[] = [
  { name: "standaard", query: "", description: "as shipped: clustering (from 150 events), stacking, both fixes" },
  { name: "zonder-clusterfixes", query: "&patch=0", description: "without the workarounds for vis's clustering bugs" },
  { name: "met-vis-fit", query: "&visfit=1", description: "with vis's own initial fit()" },
  { name: "zonder-beide-fixes", query: "&patch=0&visfit=1", description: "neither of the two switchable fixes" },
  { name: "live-bewerkingen", query: "&live=20", description: "as shipped, while 20 edits/s arrive (all event objects re-created each time)" },
  { name: "live-zonder-throttle", query: "&live=20&throttle=0", description: "20 edits/s, every change applied at once" },
  { name: "live-zonder-clusterfixes", query: "&live=20&patch=0", description: "20 edits/s, without the clustering workarounds" },
  { name: "zonder-clustering", query: "&cluster=off", description: "no clustering" },
  { name: "stack-uit", query: "&unstack=1000", description: "clustering, stack: false" },
  { name: "zonder-clustering-stack-uit", query: "&cluster=off&unstack=1000", description: "no clustering, stack: false" },
];

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=") as [string, string]));
const runs = Number(args.get("runs") ?? 3);
const events = Number(args.get("n") ?? 2000);
const wanted = args.get("variants")?.split(",");
const variants = wanted ? VARIANTS.filter((v) => wanted.includes(v.name)) : VARIANTS;

interface PanResult {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over16_7: number;
  over25: number;
  droppedFrames: number;
  durationMs: number;
  /** Renderer main-thread CPU per frame while panning, and its split. */
  cpuPerFrameMs: number;
  scriptPerFrameMs: number;
  styleLayoutPerFrameMs: number;
  paintPerFrameMs: number;
  longTasks: number[];
  domItems: number;
}

interface RunResult {
  renderedMs: number;
  interactiveMs: number;
  clickToSelectMs: number;
  domContentLoadedMs: number;
  /** Renderer main-thread CPU (trace thread time) from navigation start to the first selection. */
  cpuToInteractiveMs: number;
  longTasksBeforeInteractive: number[];
  marks: Record<string, number>;
  domItems: number;
  /** Panning the initial overview (all 2.5 years). */
  overview: PanResult;
  /** Panning after zooming in three steps (an eighth of the span: about four months in view). */
  zoomed: PanResult;
  loadAverage: number;
}

/** What bench/timeline-view/page/main.tsx puts on window. */
interface BenchWindow {
  __bench: {
    renderedAt: number | null;
    selectedAt: number | null;
    pointerDownAt: number | null;
    longTasks: number[];
  };
  __startFrames(): void;
  __stopFrames(): number[];
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const FRAME = 1000 / 60;
const tracePath = path.join(repoRoot, "tmp/bench-timeline-view-trace.json");

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** Main-thread CPU of the page's renderer between two user-timing marks, by category of work. */
function traceCpu(events: TraceEvent[], from: string, to: string) {
  const mark = (name: string) => events.find((e) => e.name === name && (e.ph === "R" || e.ph === "I" || e.ph === "n" || e.ph === "b"));
  const a = mark(from);
  const b = mark(to);
  if (!a || !b) return null;
  const mainTid = events.find((e) => e.name === "thread_name" && e.pid === a.pid && e.args?.name === "CrRendererMain")?.tid;
  const onMain = events.filter((e) => e.pid === a.pid && e.tid === mainTid && e.ph === "X" && e.tdur != null && e.ts >= a.ts && e.ts <= b.ts);
  const sum = (names: string[]) => onMain.filter((e) => names.includes(e.name)).reduce((t, e) => t + e.tdur! / 1000, 0);
  return {
    total: sum(["RunTask", "ThreadControllerImpl::RunTask"]),
    script: sum(["FunctionCall", "EvaluateScript", "v8.compile", "V8.CompileCode"]),
    styleLayout: sum(["UpdateLayoutTree", "Layout"]),
    paint: sum(["Paint", "PrePaint", "Layerize"]),
  };
}

async function measure(browser: Browser, page: Page, url: string, traced: boolean): Promise<RunResult> {
  const loadAverage = loadavg()[0];
  if (traced) {
    await browser.startTracing(page, {
      path: tracePath,
      categories: ["devtools.timeline", "blink.user_timing", "toplevel", "v8.execute"],
    });
  }
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.renderedAt != null, null, { polling: "raf", timeout: 60_000 });
  // A visible event (not a cluster, not covered by anything) well inside the chart.
  const target = await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>(".kl-chart .vis-center .vis-item.kl-item")) {
      const r = el.getBoundingClientRect();
      if (r.width > 6 && r.height > 6 && r.top > 260 && r.bottom < 760 && r.left > 420 && r.right < 1150) {
        const point = { x: r.left + Math.min(10, r.width / 2), y: r.top + r.height / 2 };
        if (el.contains(document.elementFromPoint(point.x, point.y))) return point;
      }
    }
    return null;
  });
  if (!target) throw new Error("no clickable event item found");
  await page.mouse.click(target.x, target.y);
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.selectedAt != null, null, { polling: "raf", timeout: 10_000 });
  const startup = await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return {
      renderedMs: b.renderedAt ?? NaN,
      interactiveMs: b.selectedAt ?? NaN,
      clickToSelectMs: (b.selectedAt ?? NaN) - (b.pointerDownAt ?? NaN),
      domContentLoadedMs: nav.domContentLoadedEventEnd,
      longTasksBeforeInteractive: [...b.longTasks],
      marks: Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)])),
      domItems: document.querySelectorAll(".kl-chart .vis-item").length,
    };
  });

  const overview = await pan(page, "pan-overview");
  // Zoom in three steps with the chart's own button (each halves the window: ~4 months left).
  for (let i = 0; i < 3; i++) {
    await page.getByRole("button", { name: "Inzoomen" }).click();
    await page.waitForTimeout(450);
  }
  const zoomed = await pan(page, "pan-zoomed");
  let trace: TraceEvent[] = [];
  if (traced) {
    await browser.stopTracing();
    trace = (JSON.parse(readFileSync(tracePath, "utf8")) as { traceEvents: TraceEvent[] }).traceEvents;
    rmSync(tracePath, { force: true });
  }
  const boot = traceCpu(trace, "navigationStart", "first-select");
  const withCpu = (p: Omit<PanResult, "cpuPerFrameMs" | "scriptPerFrameMs" | "styleLayoutPerFrameMs" | "paintPerFrameMs">, mark: string): PanResult => {
    const cpu = traceCpu(trace, `${mark}-start`, `${mark}-end`);
    const n = Math.max(p.frames, 1);
    return {
      ...p,
      cpuPerFrameMs: (cpu?.total ?? NaN) / n,
      scriptPerFrameMs: (cpu?.script ?? NaN) / n,
      styleLayoutPerFrameMs: (cpu?.styleLayout ?? NaN) / n,
      paintPerFrameMs: (cpu?.paint ?? NaN) / n,
    };
  };
  return {
    ...startup,
    cpuToInteractiveMs: boot?.total ?? NaN,
    overview: withCpu(overview, "pan-overview"),
    zoomed: withCpu(zoomed, "pan-zoomed"),
    loadAverage,
  };
}

/**
 * Drags the time axis left for 1.5 s and back for 1.5 s: a mouse event every 16.7 ms, sent without
 * waiting for the page (a real mouse does not wait either), while the page records rAF deltas.
 */
async function pan(page: Page, mark: string) {
  const axis = await page.evaluate(() => {
    const r = document.querySelector(".kl-chart .vis-panel.vis-top")!.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  const cdp = await page.context().newCDPSession(page);
  await page.waitForTimeout(300);
  await page.evaluate((name) => {
    (window as unknown as BenchWindow).__bench.longTasks = [];
    (window as unknown as BenchWindow).__startFrames();
    performance.mark(`${name}-start`);
  }, mark);
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: axis.x, y: axis.y });
  await cdp.send("Input.dispatchMouseEvent", { type: "mousePressed", x: axis.x, y: axis.y, button: "left", buttons: 1, clickCount: 1 });
  const steps = 180;
  const amplitude = 360;
  const pending: Promise<unknown>[] = [];
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) {
    const phase = i <= steps / 2 ? i / (steps / 2) : 2 - i / (steps / 2);
    pending.push(
      cdp.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: axis.x - amplitude * phase, y: axis.y, button: "left", buttons: 1 }),
    );
    const wait = t0 + i * FRAME - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  await Promise.all(pending);
  await cdp.send("Input.dispatchMouseEvent", { type: "mouseReleased", x: axis.x, y: axis.y, button: "left", buttons: 0, clickCount: 1 });
  const durationMs = performance.now() - t0;
  await cdp.detach();
  const result = await page.evaluate((name) => {
    performance.mark(`${name}-end`);
    return {
      frames: (window as unknown as BenchWindow).__stopFrames(),
      longTasks: [...(window as unknown as BenchWindow).__bench.longTasks],
      domItems: document.querySelectorAll(".kl-chart .vis-item").length,
    };
  }, mark);
  const deltas = result.frames.slice(1); // the first delta straddles the start of collection
  const sorted = [...deltas].sort((a, b) => a - b);
  const n = Math.max(deltas.length, 1);
  return {
    frames: deltas.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1],
    over16_7: deltas.filter((d) => d > FRAME + 0.5).length / n,
    over25: deltas.filter((d) => d > 1.5 * FRAME).length / n,
    droppedFrames: deltas.reduce((k, d) => k + Math.max(0, Math.round(d / FRAME) - 1), 0),
    durationMs,
    longTasks: result.longTasks,
    domItems: result.domItems,
  };
}

const dir = await buildPage();
const server = await serve(dir);
const browser = await launchChromium();
const results: Record<string, RunResult[]> = {};
const cpu: Record<string, RunResult> = {};
try {
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    chromium: browser.version(),
    node: process.version,
    date: new Date().toISOString(),
  };
  console.log(`machine: ${machine.cpus} cores (${machine.cpuModel}), headless Chromium ${machine.chromium}, Node ${machine.node}`);
  console.log(`${events} events, 15 parties, 4 periods; ${runs} runs per variant; viewport 1280×800\n`);
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "Europe/Amsterdam", locale: "nl-NL" });
    return { context, page: await context.newPage() };
  };
  // One unmeasured load first, so the first measured run does not also pay for starting up
  // Chromium's processes.
  {
    const { context, page } = await newPage();
    await page.goto(`${server.url}?n=${events}`);
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.renderedAt != null, null, { polling: "raf", timeout: 60_000 });
    await context.close();
  }
  // Round-robin (run 1 of every variant, then run 2, ...), so that a change in machine load during
  // the benchmark spreads over all variants instead of favouring one. `runs` plain runs give the
  // wall-clock figures; one more, traced, run per variant gives the CPU figures (the trace itself
  // costs the page some time, so it is kept out of the wall-clock runs).
  for (const variant of variants) results[variant.name] = [];
  for (let run = 1; run <= runs + 1; run++) {
    const traced = run > runs;
    for (const variant of variants) {
      const { context, page } = await newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const r = await measure(browser, page, `${server.url}?n=${events}${variant.query}`, traced);
      await context.close();
      if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
      if (args.has("verbose")) console.log("  marks", JSON.stringify(r.marks), "long tasks before interactive", JSON.stringify(r.longTasksBeforeInteractive));
      if (traced) {
        cpu[variant.name] = r;
        console.log(
          `${variant.name} traced run: main-thread CPU to interactive ${r.cpuToInteractiveMs.toFixed(0)} ms; CPU per frame while panning: ` +
            `overview ${r.overview.cpuPerFrameMs.toFixed(1)} ms (script ${r.overview.scriptPerFrameMs.toFixed(1)}, style+layout ${r.overview.styleLayoutPerFrameMs.toFixed(1)}, paint ${r.overview.paintPerFrameMs.toFixed(1)}), ` +
            `zoomed in ${r.zoomed.cpuPerFrameMs.toFixed(1)} ms (script ${r.zoomed.scriptPerFrameMs.toFixed(1)}, style+layout ${r.zoomed.styleLayoutPerFrameMs.toFixed(1)}, paint ${r.zoomed.paintPerFrameMs.toFixed(1)})`,
        );
        continue;
      }
      results[variant.name].push(r);
      const panLine = (label: string, p: PanResult) =>
        `    pan ${label} (${(p.durationMs / 1000).toFixed(1)} s, ${p.domItems} items in DOM): ${p.frames} frames, ` +
        `p50 ${p.p50.toFixed(1)} / p95 ${p.p95.toFixed(1)} / max ${p.max.toFixed(1)} ms, ` +
        `>16.7 ms ${(100 * p.over16_7).toFixed(0)}%, >25 ms ${(100 * p.over25).toFixed(0)}%, ~${p.droppedFrames} dropped`;
      console.log(
        `${variant.name} #${run} (load ${r.loadAverage.toFixed(1)}): rendered ${r.renderedMs.toFixed(0)} ms, interactive ${r.interactiveMs.toFixed(0)} ms ` +
          `(click→select ${r.clickToSelectMs.toFixed(0)} ms; ${r.domItems} items in DOM)\n` +
          `${panLine("overview", r.overview)}\n${panLine("zoomed in", r.zoomed)}`,
      );
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log("\nmedians per variant (interactive ms | CPU to interactive ms | overview pan: p50 / p95 / max ms, >16.7 ms, dropped, CPU/frame | zoomed pan: same | load):");
  const c = (name: string, f: (r: RunResult) => number) => (cpu[name] ? f(cpu[name]).toFixed(1) : "–");
  for (const v of variants) {
    const rs = results[v.name];
    const m = (f: (r: RunResult) => number) => median(rs.map(f));
    const panCols = (k: "overview" | "zoomed") =>
      `${m((r) => r[k].p50).toFixed(1)} / ${m((r) => r[k].p95).toFixed(1)} / ${m((r) => r[k].max).toFixed(1)} | ` +
      `${(100 * m((r) => r[k].over16_7)).toFixed(0)}% | ${m((r) => r[k].droppedFrames)} | ${c(v.name, (r) => r[k].cpuPerFrameMs)}`;
    console.log(
      `| ${v.name} | ${m((r) => r.interactiveMs).toFixed(0)} | ${cpu[v.name] ? cpu[v.name].cpuToInteractiveMs.toFixed(0) : "–"} | ${panCols("overview")} | ${panCols("zoomed")} | ${m((r) => r.loadAverage).toFixed(1)} |`,
    );
  }
  mkdirSync(path.join(repoRoot, "tmp"), { recursive: true });
  const out = path.join(repoRoot, "tmp/bench-timeline-view.json");
  writeFileSync(out, JSON.stringify({ machine, events, runs, variants, results, traced: cpu }, null, 2));
  console.log(`\nraw results: ${path.relative(repoRoot, out)}`);
} finally {
  await browser.close();
  await server.close();
}
