// Where a server process of the collaboration benchmark spent its CPU: reads V8 CPU profiles
// (run.ts --cpu-prof writes them to tmp/bench-collab-prof/<run>/, one file per thread) and prints
// self time by package or source folder and the top functions. Given a folder, it takes the main
// thread's profile (the largest file; the other is tsx's module-loader thread).
//
//   node --import tsx bench/collab/profile-summary.ts tmp/bench-collab-prof/<run> [...]
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function where(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith("node:")) return "node:internal";
  const rel = url.replace(/^file:\/\//, "");
  const i = rel.indexOf("/main/");
  const inRepo = i >= 0 ? rel.slice(i + "/main/".length) : rel;
  return path.dirname(inRepo);
}

function mainProfile(p: string): string {
  if (!statSync(p).isDirectory()) return p;
  const files = readdirSync(p).filter((f) => f.endsWith(".cpuprofile")).map((f) => path.join(p, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
}

for (const arg of process.argv.slice(2)) {
  const file = mainProfile(arg);
  const prof = JSON.parse(readFileSync(file, "utf8")) as Profile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  let total = 0;
  const byWhere = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const [id, us] of self) {
    const n = byId.get(id)!;
    total += us;
    const w = where(n.callFrame.url, n.callFrame.functionName);
    byWhere.set(w, (byWhere.get(w) ?? 0) + us);
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${w}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  const busy = total - (byWhere.get("(idle)") ?? 0);
  const top = (m: Map<string, number>, n: number) => [...m].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log(`\n${path.relative(process.cwd(), file)}: ${(total / 1e6).toFixed(1)} s profiled, ${(busy / 1e6).toFixed(1)} s busy`);
  console.log("  self time by package / folder (share of busy):");
  for (const [k, us] of top(byWhere, 12)) console.log(`    ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
  console.log("  top functions:");
  for (const [k, us] of top(byFn, 12)) console.log(`    ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${k}`);
}
