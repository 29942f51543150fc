// Benchmark of the .docx export (issue 6): renderReportDocx on the demo report with 1,000 timeline
// events, 80 causes and 40 measures. Goal: the whole export under 2 s (the builder's own time
// comes on top and is measured separately). Prints per-run figures, median and max, per stage.
//
//   node --import tsx bench/report-export/run.ts [--runs=5] [--events=1000] [--causes=80] [--measures=40] [--out=tmp/report-bench.docx] [--toc]
//
// --toc: with the table of contents' page numbers from a LibreOffice render (as the export does);
// without it the page numbers are left to Word, to measure the renderer alone.
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { renderReportDocx } from "../../server/export/render-docx.server.ts";
import { figureSvgs, svgToPng } from "../../server/export/figures.server.ts";
import { demoReportModel } from "../../test/fixtures/report-model.ts";

const arg = (name: string, fallback: number): number => {
  const a = process.argv.find((x) => x.startsWith(`--${name}=`));
  return a ? Number(a.split("=")[1]) : fallback;
};
const runs = arg("runs", 5);
const withToc = process.argv.includes("--toc");
const out = process.argv.find((x) => x.startsWith("--out="))?.split("=")[1];
const model = demoReportModel({ events: arg("events", 1000), causes: arg("causes", 80), measures: arg("measures", 40) });

interface Run {
  total: number;
  figures: number;
  document: number;
  pack: number;
  /** The LibreOffice render for the contents' page numbers, and the second document (--toc). */
  toc: number;
  bytes: number;
  load: number;
  /** CPU time of the process (all threads, user + system): hardly moves with other load. */
  cpu: number;
}

async function once(): Promise<{ run: Run; buffer: Buffer }> {
  const marks: Record<string, number> = {};
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const buffer = await renderReportDocx(model, {
    pageNumbers: withToc ? undefined : null,
    onProgress: (step) => {
      const t = performance.now() - t0;
      if (step === "Document opmaken") marks.figures = t;
      if (step.startsWith("Paginanummers") && marks.toc === undefined) marks.toc = t;
      if (step === "Document inpakken") marks.document = t;
    },
  });
  const total = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return {
    run: {
      total,
      figures: marks.figures!,
      document: (marks.toc ?? marks.document!) - marks.figures!,
      toc: marks.toc === undefined ? 0 : marks.document! - marks.toc,
      pack: total - marks.document!,
      bytes: buffer.length,
      load: loadavg()[0]!,
      cpu: (c.user + c.system) / 1000,
    },
    buffer,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (v: number) => `${Math.round(v).toLocaleString("en-US")} ms`;

console.log(`Report export: ${model.chapters.flatMap((c) => c.items).length} items, ${runs} runs after one warm-up; ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`);
const warm = await once();
if (out) writeFileSync(out, warm.buffer);
const results: Run[] = [];
for (let i = 0; i < runs; i++) {
  const { run } = await once();
  results.push(run);
  console.log(`run ${i + 1}: total ${ms(run.total)} · figures ${ms(run.figures)} · document ${ms(run.document)} · pack ${ms(run.pack)} · toc ${ms(run.toc)} · cpu ${ms(run.cpu)} · ${(run.bytes / 1024).toFixed(0)} KiB · load ${run.load.toFixed(1)}`);
}
for (const key of ["total", "figures", "document", "pack", "toc", "cpu"] as const) {
  const xs = results.map((r) => r[key]);
  console.log(`${key.padEnd(8)} median ${ms(median(xs))}, max ${ms(Math.max(...xs))}`);
}

// Where the figure time goes: SVG drawing and PNG rasterising per figure, one at a time.
for (const item of model.chapters.flatMap((c) => c.items)) {
  for (const b of item.blocks) {
    if (b.type !== "figure") continue;
    const t0 = performance.now();
    const svgs = figureSvgs(b.figure);
    const t1 = performance.now();
    let pngBytes = 0;
    for (const s of svgs) pngBytes += (await svgToPng(s.svg, s)).png.length;
    const t2 = performance.now();
    console.log(`figure ${b.figure.kind.padEnd(11)} ${svgs.length} image(s): svg ${ms(t1 - t0)}, png ${ms(t2 - t1)} (sequential), ${(pngBytes / 1024).toFixed(0)} KiB png`);
  }
}
