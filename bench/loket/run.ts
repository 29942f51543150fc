// Benchmark of the incidentenloket's overviews (issue 10): the jaaroverzicht and the leeroverzicht
// over 5,000 meldingen and 300 investigations (10 projected root causes and 5 measures each) on the
// embedded database (PGlite in its worker thread). Goal: each answers within 300 ms. Asserts nothing.
//
//   node --import tsx bench/loket/run.ts [--runs=10] [--meldingen=5000] [--investigations=300]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, schema } from "../../db/client.ts";
import { ecmCatalog, themeCatalog } from "../../app/domain/analysis/catalog.ts";
import { CATEGORY_CRITERION } from "../../app/domain/loket/fields.ts";
import { loadConfig } from "../../server/config.ts";
import { systemClock, type AppContext } from "../../server/context.ts";
import { jaaroverzicht } from "../../server/loket/figures.ts";
import { leeroverzicht } from "../../server/loket/leeroverzicht.ts";

const arg = (name: string, fallback: number) => Number(process.argv.find((x) => x.startsWith(`--${name}=`))?.split("=")[1] ?? fallback);
const RUNS = arg("runs", 10);
const MELDINGEN = arg("meldingen", 5000);
const INVESTIGATIONS = arg("investigations", 300);

const dir = mkdtempSync(path.join(tmpdir(), "ketenlijn-bench-loket-"));
const database = await openDatabase({ dataDir: dir });
const ctx = { db: database.db, config: loadConfig({}), clock: systemClock, mailer: null as never, onAccessRevoked: new Set() } as AppContext;

let seed = 7;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];

const [user] = await ctx.db.insert(schema.users).values({ email: "loket@bench", name: "Bench", passwordHash: "x", isLoket: true }).returning();
const orgs = await ctx.db.insert(schema.organisations).values(Array.from({ length: 60 }, (_, i) => ({ name: `Organisatie ${i + 1}` }))).returning();
const categories = Object.keys(CATEGORY_CRITERION);
const frames = ["wmo", "jeugdwet", "wmo_jeugdwet", "zvw", "wlz", "forensisch", "geen"];
const t0 = performance.now();
for (let i = 0; i < MELDINGEN; i += 500) {
  await ctx.db.insert(schema.meldingen).values(
    Array.from({ length: Math.min(500, MELDINGEN - i) }, () => {
      const category = pick(categories);
      const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 730) * 86_400_000).toISOString().slice(0, 10);
      return {
        receivedOn: day,
        channel: "email",
        reportingOrganisationId: pick(orgs).id,
        legalFrame: pick(frames),
        criterion: CATEGORY_CRITERION[category],
        category,
        meldplicht: rnd() < 0.1,
        description: "Benchmarkmelding",
        urgency: "normaal",
        status: "afgehandeld",
        source: "loket",
        submittedBy: user.id,
      };
    }),
  );
}
const codes = ecmCatalog.codes;
const themes = themeCatalog.themes.map((t) => t.id);
for (let i = 0; i < INVESTIGATIONS; i += 50) {
  const invs = await ctx.db
    .insert(schema.investigations)
    .values(
      Array.from({ length: Math.min(50, INVESTIGATIONS - i) }, (_, j) => ({
        title: `Onderzoek ${i + j + 1}`,
        kind: "calamiteit",
        legalFrame: pick(["wmo", "jeugdwet"]),
        reportingCriterion: "meldplicht_calamiteit",
        supervisor: "igj",
        analysisMethod: "prisma",
        phase: "onderzoek",
        createdAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * 730) * 86_400_000),
      })),
    )
    .returning({ id: schema.investigations.id });
  const causes = invs.flatMap((inv) =>
    Array.from({ length: 10 }, (_, k) => {
      const c = pick(codes);
      return { investigationId: inv.id, nodeId: `n${k}`, label: "Oorzaak", ecm: c.code, ecmGroup: c.group, themes: [pick(themes), ...(rnd() < 0.3 ? [pick(themes)] : [])], position: k };
    }),
  );
  await ctx.db.insert(schema.analysisRootCauses).values(causes);
  const measures = invs.flatMap((inv) =>
    Array.from({ length: 5 }, (_, k) => ({
      investigationId: inv.id,
      measureId: `m${k}`,
      title: `Maatregel ${k + 1}`,
      status: pick(["gepland", "in_uitvoering", "gerealiseerd", "geborgd"]),
      deadline: new Date(Date.UTC(2024, 6, 1) + Math.floor(rnd() * 900) * 86_400_000).toISOString().slice(0, 10),
      valid: true,
      position: k,
    })),
  );
  await ctx.db.insert(schema.analysisMeasures).values(measures);
}
console.log(`data: ${MELDINGEN} meldingen, ${INVESTIGATIONS} onderzoeken, ${INVESTIGATIONS * 10} basisoorzaken, ${INVESTIGATIONS * 5} maatregelen (${Math.round(performance.now() - t0)} ms to seed)`);

async function time(label: string, f: () => Promise<unknown>) {
  await f(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    await f();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (${RUNS} runs)`);
}
const actor = { userId: user.id, isLoket: true, isSupervisor: false };
await time("jaaroverzicht 2025 (met 2024)", () => jaaroverzicht(ctx, 2025));
await time("leeroverzicht, alle onderzoeken", () => leeroverzicht(ctx, actor, { year: null, legalFrame: null }, "2025-06-01"));
await time("leeroverzicht, gestart in 2025, Wmo", () => leeroverzicht(ctx, actor, { year: 2025, legalFrame: "wmo" }, "2025-06-01"));
console.log(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
await database.close();
rmSync(dir, { recursive: true, force: true });
