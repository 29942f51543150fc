// The .docx export, read back: Bijlage 1's chapters and items in order as real headings, the
// timeline in chronological order, root causes with their ECM codes, measures, appendices,
// images (SVG with PNG fallback), hostile text escaped; LibreOffice converts it to PDF.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { DOMParser } from "@xmldom/xmldom";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import type { ReportBlock, ReportModel } from "../../app/domain/report/model.ts";
import { comparePartialDates } from "../../app/domain/timeline/partial-date.ts";
import { figureSvgs } from "../../server/export/figures.server.ts";
import { pdfinfoPath } from "../../server/export/page-numbers.server.ts";
import { renderReportDocx, renderReportDocxWithToc, type TocPages } from "../../server/export/render-docx.server.ts";
import { demoReportModel, timelineRows } from "../fixtures/report-model.ts";
import { PDFTOTEXT, pageShowsHeading, pdfPagesOf, tocEntriesOf } from "../helpers/pdf.ts";

const run = promisify(execFile);
const HOSTILE = `<script>alert("x")</script> & <b>vet</b> "q" \u0001`;
const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p));
const PDFINFO = pdfinfoPath();

function decode(s: string): string {
  return s
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .trim();
}

function tagTexts(html: string, tag: string): string[] {
  return [...html.matchAll(new RegExp(`<${tag}>(.*?)</${tag}>`, "g"))].map((m) => decode(m[1]!));
}

function blocksOf(model: ReportModel, id: string): ReportBlock[] {
  return model.chapters.flatMap((c) => c.items).find((i) => i.id === id)!.blocks;
}

function tableOf(model: ReportModel, id: string, caption: string): Extract<ReportBlock, { type: "table" }> {
  const t = blocksOf(model, id).find((b) => b.type === "table" && b.caption === caption);
  if (!t || t.type !== "table") throw new Error(`no table ${caption}`);
  return t;
}

/** Table rows of the HTML as arrays of cell texts. */
function htmlRows(html: string): string[][] {
  return [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => decode(c[1]!)));
}

describe("report .docx", () => {
  let model: ReportModel;
  let docx: Buffer;
  let toc: TocPages;
  let html: string;
  let text: string;
  let images = 0;
  const steps: [string, number][] = [];
  let dir: string;

  beforeAll(async () => {
    model = demoReportModel({ events: 60, causes: 30, measures: 10 });
    // Hostile text where users type: the title, an event, a lane, a cause, a paragraph, a table cell.
    model.titlePage.title = `Onderzoek ${HOSTILE}`;
    model.titlePage.authors = ["Petra de Vries", "Jan Onderzoeker"];
    model.titlePage.contact = "Petra de Vries, begeleider@demo.ketenlijn.nl";
    const swim = blocksOf(model, "5a").find((b) => b.type === "figure");
    if (swim?.type === "figure" && swim.figure.kind === "swimlane") {
      swim.figure.events[3]!.label = `Feit ${HOSTILE}`;
      swim.figure.lanes[0]!.name = `Partij ${HOSTILE}`;
    }
    const tree = blocksOf(model, "7a").find((b) => b.type === "figure" && b.figure.kind === "causal_tree");
    if (tree?.type === "figure" && tree.figure.kind === "causal_tree") tree.figure.nodes[1]!.label = `Oorzaak ${HOSTILE}`;
    timelineRows(model)[3]![2] = `Feit ${HOSTILE}`;
    blocksOf(model, "4c").push({ type: "paragraph", text: `Tekst ${HOSTILE}\nTweede regel` }, { type: "quote", text: "Citaat" }, { type: "note", text: "Opmerking van het systeem" });

    ({ bytes: docx, toc } = await renderReportDocxWithToc(model, { onProgress: (s, f) => steps.push([s, f]) }));
    const result = await mammoth.convertToHtml(
      { buffer: docx },
      {
        convertImage: mammoth.images.imgElement(async () => {
          images++;
          return { src: "" };
        }),
      },
    );
    html = result.value;
    text = decode(html.replace(/<\/(p|h\d|td|th|li)>/g, "\n"));
    dir = await mkdtemp(path.join(tmpdir(), "ketenlijn-docx-"));
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is a zip with a well-formed document, SVG images with PNG fallbacks", async () => {
    expect(docx.subarray(0, 2).toString()).toBe("PK");
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file("word/document.xml")!.async("string");
    const problems: string[] = [];
    new DOMParser({ errorHandler: { warning: () => {}, error: (m) => problems.push(m), fatalError: (m) => problems.push(m) } }).parseFromString(xml, "text/xml");
    expect(problems).toEqual([]);
    expect(xml).not.toContain("<script");
    expect(xml).not.toContain("\u0001");

    const media = Object.keys(zip.files).filter((f) => f.startsWith("word/media/"));
    const expected = model.chapters
      .flatMap((c) => c.items)
      .flatMap((i) => i.blocks)
      .filter((b) => b.type === "figure")
      .reduce((a, b) => a + figureSvgs(b.figure).length, 0);
    expect(expected).toBeGreaterThanOrEqual(3);
    expect(media.filter((f) => f.endsWith(".svg"))).toHaveLength(expected);
    expect(media.filter((f) => f.endsWith(".png"))).toHaveLength(expected);
    expect(images).toBe(expected);
    // Alt text on every image.
    const descrs = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]!);
    expect(descrs).toHaveLength(expected);
    for (const d of descrs) expect(d.length).toBeGreaterThan(20);
  });

  it("has chapters 1–7 with Bijlage 1's headings and items in order, then the appendices", () => {
    const h1 = tagTexts(html, "h1");
    expect(h1).toEqual([
      ...DEFAULT_CHECKLIST.groups.map((g) => `${g.number} ${g.heading}`),
      ...model.appendices.map((a) => `${a.label} ${a.heading}`),
    ]);
    const h2 = tagTexts(html, "h2");
    expect(h2).toEqual(DEFAULT_CHECKLIST.items.filter((i) => /[a-z]$/.test(i.id)).map((i) => `${i.id} ${i.heading}`));
    // Headings inside items are a level below (Heading 3).
    expect(tagTexts(html, "h3")).toContain("Reflectie");
  });

  it("has the title page and a table of contents", () => {
    expect(text).toContain("Zelfonderzoek calamiteit");
    expect(text).toContain("CONCEPT");
    expect(text).toContain("Werkversie");
    expect(text).toContain("23 november 2026");
    expect(text).toContain("Wijkteam Noord en Stichting Jeugdhulp De Brug");
    const toc = text.indexOf("Inhoud");
    const first = text.indexOf("1 Gegevens van de cliënt/bewoner/aanvrager");
    expect(toc).toBeGreaterThan(-1);
    expect(first).toBeGreaterThan(toc);
    // The contents list every chapter, item and appendix in order, before the chapters start.
    const body = text.indexOf("1 Gegevens van de cliënt/bewoner/aanvrager", first + 1);
    expect(body).toBeGreaterThan(first);
    const contents = text.slice(toc, body);
    let at = 0;
    for (const entry of [...tagTexts(html, "h1").slice(0, 7), ...tagTexts(html, "h2")].sort((a, b) => text.indexOf(a, body) - text.indexOf(b, body))) {
      const i = contents.indexOf(entry, at);
      expect(i, entry).toBeGreaterThan(-1);
      at = i;
    }
  });

  it("lists every timeline event in chronological order in the table", () => {
    const rows = htmlRows(html);
    const header = rows.findIndex((r) => r.join("|") === "Datum|Organisatie|Wat gebeurde er|Bron");
    expect(header).toBeGreaterThan(-1);
    const expected = timelineRows(model);
    const got = rows.slice(header + 1, header + 1 + expected.length);
    expect(got).toEqual(expected.map((r) => r.map((c) => c.split("\u0001").join("").trim())));
    // The fixture's rows are the swimlane's events, which are in chronological order.
    const swim = blocksOf(model, "5a").find((b) => b.type === "figure");
    if (swim?.type !== "figure" || swim.figure.kind !== "swimlane") throw new Error("no swimlane");
    const starts = swim.figure.events.map((e) => e.start);
    expect(starts).toEqual([...starts].sort(comparePartialDates));
    expect(swim.figure.events.map((e) => e.label).filter((l, i) => l !== expected[i]![2])).toEqual([]);
  });

  it("names the authors and the procesbegeleider's contact on the title page, the authors and Dutch as the file's author and language", async () => {
    expect(text).toMatch(/Auteurs\s*Petra de Vries, Jan Onderzoeker/);
    expect(text).toMatch(/Contact \(procesbegeleider\)\s*Petra de Vries, begeleider@demo\.ketenlijn\.nl/);
    const zip = await JSZip.loadAsync(docx);
    const core = await zip.file("docProps/core.xml")!.async("string");
    expect(core).toContain("<dc:creator>Petra de Vries, Jan Onderzoeker</dc:creator>");
    expect(core).toContain("<dc:language>nl-NL</dc:language>");
    expect(core).toContain("<dc:title>Onderzoek &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt; &quot;q&quot; </dc:title>");
    expect(await zip.file("word/styles.xml")!.async("string")).toMatch(/<w:lang w:val="nl-NL"/);
  });

  it("has every root cause with its ECM code, and the measures", () => {
    const rows = htmlRows(html);
    for (const r of tableOf(model, "7a", "Basisoorzaken met ECM-classificatie").rows) expect(rows).toContainEqual(r);
    const measures = tableOf(model, "7b", "Verbetermaatregelen");
    expect(measures.rows.length).toBe(10);
    for (const r of measures.rows) expect(rows).toContainEqual(r);
    expect(rows).toContainEqual(measures.columns.map((c) => c.label));
  });

  it("keeps hostile text as text", () => {
    expect(text).toContain(`Feit <script>alert("x")</script> & <b>vet</b> "q"`);
    expect(text).toContain(`Tekst <script>alert("x")</script>`);
    expect(html).not.toMatch(/<script/i);
    expect(text).toContain("Citaat");
    expect(text).toContain("Opmerking van het systeem");
  });

  it("reports progress from 0 to 1 through figures, chapters and packing", () => {
    const fractions = steps.map(([, f]) => f);
    expect(fractions[0]).toBe(0);
    expect(fractions[fractions.length - 1]).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    const names = steps.map(([s]) => s).join("\n");
    expect(names).toMatch(/Figuren tekenen \(3 van 3\)/);
    expect(names).toMatch(/Document opmaken/);
    if (SOFFICE && PDFINFO) expect(names).toMatch(/Paginanummers bepalen \(LibreOffice\)/);
    expect(names).toMatch(/Document inpakken/);
  });

  it("leaves client identity out of the version for the ketenpartners", async () => {
    const buf = await renderReportDocx(demoReportModel({ events: 10, causes: 6, measures: 2, audience: "ketenpartners" }), { pageNumbers: null });
    const { value } = await mammoth.extractRawText({ buffer: buf });
    expect(value).not.toContain("Sanne de Wit");
    expect(value).toContain("Versie voor de ketenpartners");
  });

  it.skipIf(!SOFFICE && !process.env.CI)(
    "converts to PDF with LibreOffice",
    async () => {
      const file = path.join(dir, "rapport.docx");
      await writeFile(file, docx);
      const profile = `file://${path.join(tmpdir(), `lo-${process.pid}-${Math.random().toString(36).slice(2)}`)}`;
      try {
        await run(SOFFICE ?? "soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "pdf", "--outdir", dir, file], { timeout: 60_000 });
      } finally {
        await rm(new URL(profile), { recursive: true, force: true });
      }
      const pdf = path.join(dir, "rapport.pdf");
      expect((await stat(pdf)).size).toBeGreaterThan(50_000);
      expect((await readFile(pdf)).subarray(0, 5).toString()).toBe("%PDF-");
    },
    90_000,
  );

  it.skipIf((!SOFFICE || !PDFINFO || !PDFTOTEXT) && !process.env.CI)(
    "lists each heading in the contents with the page LibreOffice puts it on",
    async () => {
      expect(toc.kind).toBe("rendered");
      const pages = await pdfPagesOf(docx);
      const entries = tocEntriesOf(pages);
      const expected = [
        ...model.chapters.flatMap((c) => [`${c.number} ${c.heading}`, ...c.items.filter((i) => i.id !== String(c.number)).map((i) => `${i.id} ${i.heading}`)]),
        ...model.appendices.map((a) => `${a.label} ${a.heading}`),
      ];
      expect(entries.map((e) => e.title)).toEqual(expected);
      for (const e of entries) {
        expect(e.page, e.title).not.toBeNull();
        expect(e.page!, e.title).toBeGreaterThan(e.onPage);
        const page = pages[e.page! - 1]!;
        expect(pageShowsHeading(page, e.title), `${e.title} on page ${e.page}`).toBe(true);
        // The number is the one the page itself prints in its footer.
        expect(page).toMatch(new RegExp(`Pagina ${e.page} van ${pages.length}`));
      }
      // Not all on one page: the numbers come from the layout, not a constant.
      expect(new Set(entries.map((e) => e.page)).size).toBeGreaterThan(4);
      // Word shows the same cached numbers as they are (a clean field, no update prompt).
      const zip = await JSZip.loadAsync(docx);
      expect(await zip.file("word/settings.xml")!.async("string")).not.toContain("updateFields");
      const xml = await zip.file("word/document.xml")!.async("string");
      expect(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-2&quot;/.test(xml), "a TOC field over Heading 1-2").toBe(true);
      expect(xml.includes('w:dirty="true"'), "the field is clean").toBe(false);
    },
    180_000,
  );

  it("leaves the page numbers to Word when LibreOffice cannot render the document", async () => {
    const small = demoReportModel({ events: 5, causes: 3, measures: 1 });
    const result = await renderReportDocxWithToc(small, { pageNumbers: async () => null });
    expect(result.toc.kind).toBe("word");
    const zip = await JSZip.loadAsync(result.bytes);
    expect(await zip.file("word/settings.xml")!.async("string")).toMatch(/<w:updateFields( w:val="true")?\/>/);
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml.includes('w:dirty="true"'), "the TOC field is dirty").toBe(true);
    // The entries are there all the same, so the contents are not empty before Word updates them.
    const { value } = await mammoth.extractRawText({ buffer: result.bytes });
    expect(value).toContain("7b Verbetermaatregelen");
  });
});
