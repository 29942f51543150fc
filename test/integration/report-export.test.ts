// The export on the real demo investigation, as a user gets it: downloaded over HTTP, read back
// with mammoth and converted by LibreOffice. The renderer's own details are in report-docx.test.ts;
// this checks that the document's content (every fact, every root cause with its code, the
// chapters in Bijlage 1's order) makes it from the live investigation into the file.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ecmCatalog } from "../../app/domain/analysis/catalog.ts";
import { readTree, rootCauses } from "../../app/domain/analysis/tree.ts";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";
import { eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { PDFTOTEXT, pageShowsHeading, pdfPagesOf, tocEntriesOf } from "../helpers/pdf.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const run = promisify(execFile);
const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice"].find((p) => existsSync(p));
const CLIENT_NAME = "M. Voorbeeld (fictief)";

let app: TestApp;
let lead: HttpClient;
let forPartners: Buffer;
let html: string;
let text: string;

const decode = (s: string) =>
  s.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'");
const tagTexts = (h: string, tag: string) => [...h.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, "g"))].map((m) => decode(m[1]!).trim());

describe.skipIf(!hasBuild())("report export of the demo investigation", () => {
  beforeAll(async () => {
    app = await startTestApp();
    lead = new HttpClient(app.url);
    await lead.login("begeleider@demo.ketenlijn.nl");
    const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/rapport.docx?voor=ketenpartners`);
    expect(res.status).toBe(200);
    forPartners = Buffer.from(await res.arrayBuffer());
    html = (await mammoth.convertToHtml({ buffer: forPartners })).value;
    text = decode(html.replace(/<\/(p|h\d|td|th|li)>/g, "\n"));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("has the chapters 1–7 with Bijlage 1's headings in order, then the appendices", () => {
    const h1 = tagTexts(html, "h1");
    expect(h1.slice(0, 7)).toEqual(DEFAULT_CHECKLIST.groups.map((g) => `${g.number} ${g.heading}`));
    expect(h1.slice(7).map((h) => h.replace(/^Bijlage [A-Z] /, ""))).toEqual(DEFAULT_CHECKLIST.appendices.map((a) => a.heading));
  });

  it("has every fact of the timeline, in chronological order", async () => {
    const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
    const events = readTimeline(doc).events.flatMap((e) => (e.ok ? [e.value.title] : []));
    doc.destroy();
    expect(events.length).toBeGreaterThan(50);
    const start = text.indexOf("Chronologisch feitenrelaas");
    expect(start).toBeGreaterThan(-1);
    let at = start;
    for (const title of events) {
      const i = text.indexOf(title, at);
      expect(i, `"${title}" after position ${at}`).toBeGreaterThan(at - 1);
      at = i;
    }
  });

  it("has every root cause with its ECM code", async () => {
    const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
    const causes = rootCauses(readTree(doc));
    doc.destroy();
    expect(causes.length).toBeGreaterThan(5);
    const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => tagTexts(m[1]!, "td").concat(tagTexts(m[1]!, "th")));
    for (const cause of causes) {
      const row = rows.find((r) => r[0] === cause.label);
      expect(row, cause.label).toBeDefined();
      if (cause.ecm) expect(row![1]).toBe(`${cause.ecm} ${ecmCatalog.byCode.get(cause.ecm)!.label}`);
    }
  });

  it("keeps the client's identity out of the ketenpartners' version and puts it in the toezichthouder's", async () => {
    expect(text).not.toContain(CLIENT_NAME);
    const res = await lead.get(`/onderzoeken/${app.demoInvestigationId}/rapport.docx?voor=toezichthouder`);
    const full = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(full).toContain(CLIENT_NAME);
  });

  it("says it is for the IGJ, the demo's toezichthouder (a Jeugdwet case), and never Toezicht Wmo; names the authors, contact and Dutch", async () => {
    expect(text).toContain("Opgesteld volgens: Bijlage 1 — Inhoud zelfonderzoek calamiteit (Inspectie Gezondheidszorg en Jeugd)");
    expect(text).toMatch(/Toezichthouder\s*Inspectie Gezondheidszorg en Jeugd \(IGJ\)/);
    expect(text).toContain("1b Datum calamiteit en datum van melden bij de Inspectie Gezondheidszorg en Jeugd");
    expect(text).not.toContain("Toezicht Wmo");
    expect(text).toMatch(/Contact \(procesbegeleider\)\s*Petra de Vries, begeleider@demo\.ketenlijn\.nl/);
    const core = await (await JSZip.loadAsync(forPartners)).file("docProps/core.xml")!.async("string");
    expect(core).toContain("<dc:language>nl-NL</dc:language>");
    expect(core).toMatch(/<dc:creator>Petra de Vries[^<]*<\/dc:creator>/);
    expect(core).toContain("<dc:title>");
  });

  it("names both toezichthouders and their combined checklist when the case falls under the Wmo and the Jeugdwet", async () => {
    const inv = app.demoInvestigationId;
    const [before] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, inv));
    await app.ctx.db.update(schema.investigations).set({ legalFrame: "wmo_jeugdwet", supervisor: "toezicht_wmo", supervisorMunicipality: "Westerkwartier" }).where(eq(schema.investigations.id, inv));
    try {
      const res = await lead.get(`/onderzoeken/${inv}/rapport.docx?voor=ketenpartners`);
      expect(res.status).toBe(200);
      const both = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
      expect(both).toContain("Bijlage 1 — Inhoud zelfonderzoek calamiteit (Toezicht Wmo en Inspectie Gezondheidszorg en Jeugd)");
      expect(both).toMatch(/Toezichthouders\s*Toezicht Wmo \(gemeente\), Westerkwartier en Inspectie Gezondheidszorg en Jeugd \(IGJ\)/);
      expect(both).toMatch(/Wettelijk kader\s*Wmo 2015 en Jeugdwet/);
    } finally {
      await app.ctx.db
        .update(schema.investigations)
        .set({ legalFrame: before!.legalFrame, supervisor: before!.supervisor, supervisorMunicipality: before!.supervisorMunicipality })
        .where(eq(schema.investigations.id, inv));
    }
  }, 120_000);

  it.skipIf(!SOFFICE)("converts to PDF with LibreOffice without error", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "ketenlijn-export-"));
    try {
      const file = path.join(dir, "rapport.docx");
      await writeFile(file, forPartners);
      await run(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 120_000 });
      const pdf = path.join(dir, "rapport.pdf");
      expect((await stat(pdf)).size).toBeGreaterThan(10_000);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!SOFFICE || !PDFTOTEXT)("lists the page of every heading in the contents, as LibreOffice lays the document out", async () => {
    const pages = await pdfPagesOf(forPartners);
    const entries = tocEntriesOf(pages);
    expect(entries.filter((e) => /^\d /.test(e.title)).map((e) => e.title)).toEqual(DEFAULT_CHECKLIST.groups.map((g) => `${g.number} ${g.heading}`));
    expect(entries.length).toBe(tagTexts(html, "h1").length + tagTexts(html, "h2").length);
    for (const e of entries) {
      expect(e.page, e.title).not.toBeNull();
      expect(pageShowsHeading(pages[e.page! - 1]!, e.title), `${e.title} on page ${e.page}`).toBe(true);
    }
  }, 180_000);
});
