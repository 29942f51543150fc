// The whole export as the route runs it, minus the database: a real Y.Doc with 1,000 events,
// 80 causes and 40 measures → buildReport → renderReportDocx. Goal (issue 6): under 2 s.
//
//   node --import tsx bench/report-export/full.ts [--runs=5]
import { cpus, loadavg } from "node:os";
import * as Y from "yjs";
import { addChild, addTop, createMeasure, ecmCatalog, setEcm } from "../../app/domain/analysis/index.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";
import { sectionFragmentName } from "../../app/domain/rounds/freeze.ts";
import { createEvent, createParty, createPeriod } from "../../app/domain/timeline/mutations.ts";
import { renderReportDocx } from "../../server/export/render-docx.server.ts";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 5);
const EVENTS = 1000;
const CAUSES = 80;
const MEASURES = 40;

function bigDoc(): Y.Doc {
  const doc = new Y.Doc();
  const user = { userId: "bench", now: new Date("2026-11-01T10:00:00Z") };
  const domains = ["Gezondheid", "Onderwijs", "Gezin", "Veiligheid", "Wonen", "Werk en Inkomen"];
  const parties = Array.from({ length: 15 }, (_, i) => createParty(doc, { name: `Organisatie ${i + 1}`, domain: domains[i % domains.length] }));
  for (let y = 2019; y < 2025; y += 2) createPeriod(doc, { label: `Periode ${y}`, start: `${y}-01`, end: `${y + 1}-12` });
  for (let i = 0; i < EVENTS; i++) {
    const day = new Date(Date.UTC(2019, 0, 1) + i * 2.1 * 86_400_000).toISOString().slice(0, 10);
    createEvent(
      doc,
      {
        title: `Contact ${i + 1}: huisbezoek en overleg over de situatie thuis`,
        party: parties[i % parties.length],
        start: i % 7 === 0 ? day.slice(0, 7) : day,
        description: "Gesprek met moeder over de zorgen van school; afspraak gemaakt voor een vervolgbezoek.",
        actorFunction: "Gezinscoach",
        actorInitials: "P.K.",
        kind: "contact",
        sources: [{ type: "dossier", reference: `Dossier ${i % 40}` }],
        flags: { kritiekMoment: i % 97 === 0 },
        status: "bevestigd",
      },
      user,
    );
  }
  const ctx = { userId: "bench", now: () => new Date("2026-11-01T10:00:00Z") };
  const top = addTop(doc, ctx, { label: "Overlijden van moeder" });
  const codes = ecmCatalog.codes.map((c) => c.code);
  const branches = Array.from({ length: 6 }, (_, b) => addChild(doc, ctx, top, { label: `Tak ${b + 1}: regie en informatiedeling` }));
  const roots: string[] = [];
  for (let i = 0; i < CAUSES - 6; i++) {
    const id = addChild(doc, ctx, branches[i % 6], { label: `Oorzaak ${i + 1}: signalen werden niet gedeeld met de ketenpartners` });
    setEcm(doc, ctx, id, codes[i % codes.length]);
    roots.push(id);
  }
  for (let i = 0; i < MEASURES; i++) {
    createMeasure(doc, ctx, {
      title: `Maatregel ${i + 1}: vaste casusregisseur`,
      rootCauses: [roots[i % roots.length]],
      ownerOrganisation: "Wijkteam Noord",
      ownerFunction: "Teamleider",
      deadline: "2027-03-01",
      measurableResult: "In 90% van de casussen staat de regisseur in het plan.",
      borgingHow: "Kwartaalaudit",
      borgingWho: "Kwaliteitsfunctionaris",
      borgingWhen: "2027-06-01",
    });
  }
  for (const id of ["3", "4b", "4c", "5b", "6", "7a", "7d"]) {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("Een alinea tekst van het onderzoek, zoals de commissie die schreef.")]);
    doc.getXmlFragment(sectionFragmentName(id)).insert(0, [p]);
  }
  return doc;
}

const input: ReportInput = {
  audience: "toezichthouder",
  investigation: {
    id: "bench",
    title: "Benchmark: groot onderzoek",
    kind: "calamiteit",
    legalFrame: "jeugdwet",
    reportingCriterion: "suicide_onnatuurlijk",
    calamityDate: "2024-06-01",
    reportedDate: "2024-06-03",
    supervisor: "igj",
    supervisorMunicipality: null,
    providers: "Stichting De Brug",
    analysisMethod: "prisma",
  },
  client: { name: "Cliënt", dateOfBirth: "1990-01-01", sex: "vrouw", indication: "Jeugdhulp" },
  committee: [],
  interviews: [],
  reactions: [],
  versionLabel: "Versie 1",
  status: "concept",
  today: "2026-11-23",
};

const doc = bigDoc();
const times: { build: number; render: number; total: number }[] = [];
for (let i = 0; i <= runs; i++) {
  const t0 = performance.now();
  const model = buildReport(doc, input, DEFAULT_CHECKLIST);
  const t1 = performance.now();
  await renderReportDocx(model);
  const t2 = performance.now();
  if (i > 0) times.push({ build: t1 - t0, render: t2 - t1, total: t2 - t0 }); // run 0 warms up
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${Math.round(x)} ms`;
console.log(`${cpus().length} cores, load ${loadavg()[0].toFixed(1)}; ${EVENTS} events, ${CAUSES} causes, ${MEASURES} measures; ${runs} runs`);
console.log(`build  median ${ms(median(times.map((t) => t.build)))}, max ${ms(Math.max(...times.map((t) => t.build)))}`);
console.log(`render median ${ms(median(times.map((t) => t.render)))}, max ${ms(Math.max(...times.map((t) => t.render)))}`);
console.log(`total  median ${ms(median(times.map((t) => t.total)))}, max ${ms(Math.max(...times.map((t) => t.total)))}`);
