// Data exports for reflection meetings (issue 12) over HTTP on the demo investigation: the timeline
// as CSV and .xlsx re-imports to the same facts, the analysis CSVs hold every cause with its ECM
// code, downloads are for members only and audited.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { and, eq } from "drizzle-orm";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readMeasures } from "../../app/domain/analysis/measures.ts";
import { readTree, rootCauses } from "../../app/domain/analysis/tree.ts";
import { applyImport, IMPORT_FIELDS, parseDelimited, parseImportText, previewImport, suggestMapping } from "../../app/domain/timeline/import.ts";
import { createParty } from "../../app/domain/timeline/mutations.ts";
import { readTimeline, type TimelineEvent } from "../../app/domain/timeline/schema.ts";
import { sheetRowsToText } from "../../app/domain/timeline/spreadsheet-cells.ts";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const run = promisify(execFile);

/** The PDF's text as a PDF reader extracts it (poppler's pdftotext), whitespace collapsed. */
async function pdfText(bytes: Buffer, page?: number): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "poster-"));
  try {
    const file = path.join(dir, "poster.pdf");
    await writeFile(file, bytes);
    const range = page ? ["-f", String(page), "-l", String(page)] : [];
    const { stdout } = await run("pdftotext", [...range, file, "-"]);
    return stdout.replace(/\s+/g, " ");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function pdfPages(bytes: Buffer): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), "poster-"));
  try {
    const file = path.join(dir, "poster.pdf");
    await writeFile(file, bytes);
    const { stdout } = await run("pdfinfo", [file]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)![1]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let app: TestApp;
let lead: HttpClient;
let source: Y.Doc;

const factOf = (e: TimelineEvent, party: string) => ({
  party,
  title: e.title,
  start: e.start,
  approximate: e.approximate,
  end: e.end ?? null,
  description: e.description,
  actorFunction: e.actorFunction,
  actorInitials: e.actorInitials,
  kind: e.kind,
  sources: e.sources,
  lifeDomains: e.lifeDomains,
  flags: e.flags,
});

function facts(doc: Y.Doc) {
  const t = readTimeline(doc);
  const names = new Map(t.parties.flatMap((p) => (p.ok ? [[p.id, p.value.name] as const] : [])));
  return t.events.flatMap((e) => (e.ok ? [factOf(e.value, names.get(e.value.party)!)] : []));
}

/** Imports rows into a new document holding the same lanes, the way the import dialog does. */
function reimport(headers: string[], rows: string[][]): Y.Doc {
  const target = new Y.Doc();
  const lanes = readTimeline(source).parties.flatMap((p) => (p.ok ? [p.value] : []));
  const parties = lanes.map((p) => ({ id: createParty(target, { name: p.name, domain: p.domain }), name: p.name }));
  const mapping = suggestMapping(headers);
  expect(Object.keys(mapping)).toHaveLength(IMPORT_FIELDS.length);
  const preview = previewImport(rows, mapping, parties, { firstRowNumber: 2 });
  expect(preview.rows.filter((r) => !r.ok)).toEqual([]);
  applyImport(target, preview.drafts, { id: "import" });
  return target;
}

async function auditRows(file: string) {
  const rows = await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, app.demoInvestigationId)));
  return rows.filter((r) => (r.details as { file?: string }).file === file);
}

describe.skipIf(!hasBuild())("data export for reflection meetings", () => {
  beforeAll(async () => {
    app = await startTestApp();
    lead = new HttpClient(app.url);
    await lead.login("begeleider@demo.ketenlijn.nl");
    source = await loadDoc(app.ctx.db, app.demoInvestigationId);
  }, 120_000);

  afterAll(async () => {
    source?.destroy();
    await app?.stop();
  });

  it("exports the timeline as CSV that re-imports to the same facts", async () => {
    const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/tijdlijn.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="Tijdlijn .+ \d{4}-\d{2}-\d{2}\.csv"/);
    const text = await res.text();
    const parsed = parseImportText(text);
    expect(parsed.delimiter).toBe(";");
    expect(parsed.headers).toEqual(IMPORT_FIELDS.map((f) => f.label));
    expect(facts(source).length).toBeGreaterThan(50);
    expect(facts(reimport(parsed.headers, parsed.rows))).toEqual(facts(source));
  });

  it("exports the timeline as .xlsx that re-imports to the same facts", async () => {
    const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/tijdlijn.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/\.xlsx"/);
    const [sheet] = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
    expect(sheet!.sheet).toBe("Tijdlijn");
    // The import dialog's path for an .xlsx: the sheet as tab-separated text, then the usual preview.
    const parsed = parseImportText(sheetRowsToText(sheet!.data));
    expect(parsed.headers).toEqual(IMPORT_FIELDS.map((f) => f.label));
    expect(facts(reimport(parsed.headers, parsed.rows))).toEqual(facts(source));
  });

  it("exports the analysis: every cause with its ECM code and themes, every measure", async () => {
    const tree = readTree(source);
    const { measures } = readMeasures(source);
    const causes = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/oorzaken.csv`);
    expect(causes.status).toBe(200);
    expect(causes.headers.get("content-disposition")).toMatch(/Analyse oorzaken .+\.csv/);
    const [head, ...rows] = parseDelimited(await causes.text(), ";");
    expect(head).toContain("ECM-code");
    expect(head).toContain("Thema's");
    const root = rootCauses(tree);
    expect(root.length).toBeGreaterThan(5);
    for (const c of root) {
      const row = rows.find((r) => r[1] === c.label);
      expect(row, c.label).toBeDefined();
      expect(row![2]).toBe("Basisoorzaak");
      expect(row![4]).toBe(c.ecm ?? "");
    }
    expect(rows.some((r) => r[7] !== "")).toBe(true);

    const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/maatregelen.csv`);
    expect(res.status).toBe(200);
    const [mHead, ...mRows] = parseDelimited(await res.text(), ";");
    expect(mHead![0]).toBe("Maatregel");
    expect(mRows.map((r) => r[0])).toEqual(measures.map((m) => m.title));
  });

  it("audits each download with who and which file", async () => {
    const before = (await auditRows("tijdlijn.csv")).length;
    await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/tijdlijn.csv`);
    const after = await auditRows("tijdlijn.csv");
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.action).toBe("timeline.exported");
    expect(after.at(-1)!.actorId).toBeTruthy();
    const page = await (await lead.get(`/onderzoeken/${app.demoInvestigationId}/logboek`)).text();
    expect(page).toContain("Tijdlijn gedownload");
  });

  it("is for members only: anonymous to the login, a stranger 404, an unknown file 404", async () => {
    const anon = await new HttpClient(app.url).get(`/onderzoeken/${app.demoInvestigationId}/export/tijdlijn.csv`);
    expect(anon.status).toBe(302);
    expect(anon.headers.get("location")).toContain("/login?next=");
    const stranger = new HttpClient(app.url);
    await stranger.login("buitenstaander@demo.ketenlijn.nl");
    const res = await stranger.get(`/onderzoeken/${app.demoInvestigationId}/export/tijdlijn.xlsx`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("geen toegang");
    expect((await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/geheim.csv`)).status).toBe(404);
  });

  describe("poster", () => {
    const labels = () => {
      const t = readTimeline(source);
      return {
        lanes: t.parties.flatMap((p) => (p.ok ? [p.value.name] : [])),
        periods: t.periods.flatMap((p) => (p.ok ? [p.value.label] : [])),
      };
    };

    for (const size of ["A0", "A3"] as const) {
      it(`is a one-page ${size} landscape vector PDF with every lane and period label`, async () => {
        const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/poster.pdf?formaat=${size}`);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("application/pdf");
        expect(res.headers.get("content-disposition")).toMatch(new RegExp(`Tijdlijnposter ${size} .+\\.pdf`));
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
        const dir = await mkdtemp(path.join(tmpdir(), "poster-"));
        const file = path.join(dir, "p.pdf");
        await writeFile(file, bytes);
        const { stdout } = await run("pdfinfo", [file]);
        await rm(dir, { recursive: true, force: true });
        expect(stdout).toMatch(/Pages:\s+1\b/);
        // A0 is 3370 × 2384 pt, A3 1191 × 842 pt: landscape.
        const [w, h] = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(stdout)!.slice(1).map(Number);
        expect(Math.round(w!)).toBe(size === "A0" ? 3370 : 1191);
        expect(Math.round(h!)).toBe(size === "A0" ? 2384 : 842);
        const text = await pdfText(bytes);
        const { lanes, periods } = labels();
        expect(lanes.length).toBeGreaterThan(10);
        expect(periods.length).toBeGreaterThan(2);
        for (const l of [...lanes, ...periods]) expect(text, l).toContain(l);
        expect(text).toContain("wijziging");
      });
    }

    it("splits an A0 poster over A4 sheets, each saying which part it is and where the next one goes", async () => {
      const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/poster.pdf?formaat=A0&delen=A4`);
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      const pages = await pdfPages(bytes);
      expect(pages).toBeGreaterThan(12);
      const first = await pdfText(bytes, 1);
      expect(first).toContain(`deel 1 van ${pages} (rij 1, kolom 1)`);
      expect(first).toContain("plak deel 2 rechts");
      expect(await pdfText(bytes, pages)).toContain(`deel ${pages} van ${pages}`);
    });

    it("refuses an unknown size in Dutch", async () => {
      const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/export/poster.pdf?formaat=B1`);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Kies het formaat van de poster");
    });
  });
});
