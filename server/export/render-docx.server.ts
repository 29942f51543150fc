// Renders the report model (app/domain/report/model.ts) to a .docx: title page, table of
// contents, chapters 1–7 with Bijlage 1's items as real Heading 1/Heading 2 paragraphs, the
// appendices. Figures are drawn first (in resvg's worker threads), then the document is built
// and packed. Wide figures and wide tables get landscape pages of their own.
import {
  AlignmentType,
  Bookmark,
  Document,
  Footer,
  Header,
  HeadingLevel,
  LeaderType,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TabStopType,
  TableOfContents,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from "docx";
import { AUDIENCE_LABELS, type ReportBlock, type ReportModel } from "../../app/domain/report/model.ts";
import { renderBlock, titleFacts, wantsLandscape, type BlockContext } from "./docx-blocks.ts";
import { A4, COLORS, contentWidth, MARGIN, STYLES, type Orientation } from "./docx-layout.ts";
import { renderFigure, type FigureImage } from "./figures.server.ts";
import { destName, libreOfficePageNumbers, type PageNumberer } from "./page-numbers.server.ts";
import { esc, xmlSafe } from "./svg.ts";

export interface RenderOptions {
  /** Called at each step with a Dutch description and the share done (0..1). */
  onProgress?: (step: string, fraction: number) => void;
  /**
   * Where the table of contents' page numbers come from: by default one LibreOffice render
   * (page-numbers.server.ts); null, or LibreOffice missing, leaves them to Word (`updateFields`).
   */
  pageNumbers?: PageNumberer | null;
}

/** How the table of contents got its page numbers: from a LibreOffice render, or left to Word on opening. */
export type TocPages = { kind: "rendered"; pages: ReadonlyMap<string, number> } | { kind: "word" };

/** "1a Naam, geboortedatum…"; an item that is its chapter's only content ("2", "6") gets no heading of its own. */
function itemHasHeading(chapterNumber: number, itemId: string): boolean {
  return itemId !== String(chapterNumber);
}

const chapterTitle = (c: { number: number; heading: string }) => `${c.number} ${c.heading}`;
const itemTitle = (i: { id: string; heading: string }) => `${i.id} ${i.heading}`;
const appendixTitle = (a: { label: string; heading: string }) => `${a.label} ${a.heading}`;
const anchor = (kind: string, id: string) => `h_${kind}_${id.replace(/[^A-Za-z0-9]/g, "_")}`.slice(0, 40);

function heading(level: 1 | 2, text: string, bookmark: string, pageBreakBefore = false): Paragraph {
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    pageBreakBefore,
    children: [new Bookmark({ id: bookmark, children: [new TextRun(xmlSafe(text))] })],
  });
}

function pageProperties(o: Orientation, type?: (typeof SectionType)[keyof typeof SectionType]): ISectionOptions["properties"] {
  return {
    type,
    page: {
      size: { width: A4.width, height: A4.height, orientation: o === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
      margin: MARGIN,
    },
  };
}

function headerFor(model: ReportModel): Header {
  const status = model.titlePage.status === "concept" ? "CONCEPT" : "DEFINITIEF";
  return new Header({
    children: [
      new Paragraph({
        style: "HeaderText",
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({ text: xmlSafe(model.titlePage.title) }),
          new TextRun({ text: ` · ${status}`, bold: true, color: model.titlePage.status === "concept" ? COLORS.concept : COLORS.final }),
        ],
      }),
    ],
  });
}

function footerFor(model: ReportModel, o: Orientation): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: "HeaderText",
        tabStops: [{ type: TabStopType.RIGHT, position: contentWidth(o) }],
        children: [
          new TextRun({ text: xmlSafe(`${model.titlePage.version} · ${model.titlePage.date}`) }),
          new TextRun({ children: ["\tPagina ", PageNumber.CURRENT, " van ", PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

function titlePage(model: ReportModel): FileChild[] {
  const t = model.titlePage;
  const concept = t.status === "concept";
  const width = contentWidth("portrait");
  return [
    new Paragraph({ spacing: { before: 1800, after: 240 }, children: [new TextRun({ text: xmlSafe(t.subtitle), size: 28, color: COLORS.muted, allCaps: true })] }),
    new Paragraph({ spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO }, children: [new TextRun({ text: xmlSafe(t.title), size: 52, bold: true, color: COLORS.heading })] }),
    new Paragraph({ spacing: { after: 480 }, children: [new TextRun({ text: xmlSafe(t.providers), size: 28 })] }),
    titleFacts(
      [
        ...t.facts,
        ...(t.authors?.length ? [{ label: t.authors.length === 1 ? "Auteur" : "Auteurs", value: t.authors.join(", ") }] : []),
        ...(t.contact ? [{ label: "Contact (procesbegeleider)", value: t.contact }] : []),
        { label: "Datum rapport", value: t.date },
        { label: "Versie", value: t.version },
      ],
      width,
    ),
    new Paragraph({
      spacing: { before: 600, after: 120 },
      border: {
        top: { style: "single", size: 18, color: concept ? COLORS.concept : COLORS.final, space: 6 },
        bottom: { style: "single", size: 18, color: concept ? COLORS.concept : COLORS.final, space: 6 },
      },
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: concept ? "CONCEPT" : "DEFINITIEF", bold: true, size: 44, color: concept ? COLORS.concept : COLORS.final, characterSpacing: 60 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 600 },
      children: [
        new TextRun({
          text: concept ? "Dit is een concept: de inhoud kan nog wijzigen." : "Deze versie is definitief vastgesteld.",
          italics: true,
          color: COLORS.muted,
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: AUDIENCE_LABELS[model.audience] ?? "", color: COLORS.muted })] }),
    new Paragraph({ children: [new TextRun({ text: xmlSafe(`Opgesteld volgens: ${model.checklistName}`), color: COLORS.muted, size: 18 })] }),
  ];
}

interface TocEntry {
  title: string;
  level: number;
  href: string;
}

function tocEntries(model: ReportModel): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const c of model.chapters) {
    entries.push({ title: xmlSafe(chapterTitle(c)), level: 1, href: anchor("c", String(c.number)) });
    for (const i of c.items) if (itemHasHeading(c.number, i.id)) entries.push({ title: xmlSafe(itemTitle(i)), level: 2, href: anchor("i", i.id) });
  }
  for (const a of model.appendices) entries.push({ title: xmlSafe(appendixTitle(a)), level: 1, href: anchor("b", a.label) });
  return entries;
}

/**
 * The table of contents: Word's TOC field (so Word and LibreOffice can update it), its cached
 * content our own entries, with the page each heading has in a LibreOffice render of this very
 * document. Without those pages, the field is written dirty and the document asks Word to update
 * its fields on opening, so Word fills the numbers in (ADR 0022).
 */
function contents(model: ReportModel, toc: TocPages): FileChild[] {
  const rendered = toc.kind === "rendered" ? toc.pages : null;
  const entries = tocEntries(model).map((e) => ({ ...e, page: rendered?.get(e.href) }));
  return [
    new Paragraph({ style: "TOCHeading", children: [new TextRun("Inhoud")] }),
    new TableOfContents("Inhoud", { hyperlink: true, headingStyleRange: "1-2", beginDirty: !rendered, tabLeader: LeaderType.DOT, cachedEntries: entries }),
  ];
}

interface Segment {
  orientation: Orientation;
  children: FileChild[];
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The report's authors (not the tool): Word shows them as "Auteur". */
const creatorOf = (model: ReportModel) => (model.titlePage.authors?.length ? model.titlePage.authors.join(", ") : "Ketenlijn");

/**
 * docProps/core.xml, written by us instead of docx (which has no dc:language): title, subject,
 * the authors as creator, the checklist and version as description, and Dutch as the language.
 */
function coreProperties(model: ReportModel): { path: string; data: string } {
  const now = new Date().toISOString();
  const t = model.titlePage;
  return {
    path: "docProps/core.xml",
    data:
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${esc(t.title)}</dc:title>` +
      `<dc:subject>${esc(t.subtitle)}</dc:subject>` +
      `<dc:creator>${esc(creatorOf(model))}</dc:creator>` +
      `<dc:description>${esc(`${model.checklistName} · ${t.version}`)}</dc:description>` +
      "<dc:language>nl-NL</dc:language>" +
      "<cp:lastModifiedBy>Ketenlijn</cp:lastModifiedBy>" +
      "<cp:revision>1</cp:revision>" +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created>` +
      `<dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
      "</cp:coreProperties>",
  };
}

const pack = (model: ReportModel, doc: Document) => Packer.pack(doc, "nodebuffer", false, [coreProperties(model)]);

/** Renders the report model to .docx bytes. */
export async function renderReportDocx(model: ReportModel, opts: RenderOptions = {}): Promise<Buffer> {
  return (await renderReportDocxWithToc(model, opts)).bytes;
}

/** Renders the report model to .docx bytes, and says where the contents' page numbers came from. */
export async function renderReportDocxWithToc(model: ReportModel, opts: RenderOptions = {}): Promise<{ bytes: Buffer; toc: TocPages }> {
  const progress = opts.onProgress ?? (() => {});

  // 1. Figures, concurrently (resvg renders off the main thread).
  const figureBlocks: Extract<ReportBlock, { type: "figure" }>[] = [];
  for (const c of model.chapters) for (const i of c.items) for (const b of i.blocks) if (b.type === "figure") figureBlocks.push(b);
  for (const a of model.appendices) for (const b of a.blocks) if (b.type === "figure") figureBlocks.push(b);
  const figures = new Map<object, FigureImage[]>();
  let done = 0;
  progress(figureBlocks.length ? `Figuren tekenen (0 van ${figureBlocks.length})` : "Figuren tekenen", 0);
  await Promise.all(
    figureBlocks.map(async (b) => {
      figures.set(b, await renderFigure(b.figure));
      done++;
      progress(`Figuren tekenen (${done} van ${figureBlocks.length})`, 0.05 + 0.4 * (done / figureBlocks.length));
    }),
  );

  progress("Document opmaken", 0.45);
  await tick();
  const numberer = opts.pageNumbers === undefined ? libreOfficePageNumbers : opts.pageNumbers;
  const wordFills = async (): Promise<{ bytes: Buffer; toc: TocPages }> => {
    const toc: TocPages = { kind: "word" };
    progress("Document inpakken", 0.9);
    return { bytes: await pack(model, buildDocument(model, figures, toc)), toc };
  };
  if (!numberer) {
    const result = await wordFills();
    progress("Klaar", 1);
    return result;
  }

  // 3. Page numbers: render with a placeholder as wide as the numbers will be, read each heading's
  // page from LibreOffice's render, write them in. A number cannot move a heading to another page
  // when the placeholder had at least its width (the TOC keeps its lines); if the report turns out
  // longer than the placeholder allows, once more with a wider one.
  const hrefs = tocEntries(model).map((e) => e.href);
  let digits = 2;
  for (let attempt = 0; attempt < 3; attempt++) {
    const placeholder = Number("9".repeat(digits));
    const draft = await pack(model, buildDocument(model, figures, { kind: "rendered", pages: new Map(hrefs.map((h) => [h, placeholder])) }));
    progress("Paginanummers bepalen (LibreOffice)", 0.6 + 0.1 * attempt);
    const found = await numberer(draft);
    const pages = new Map<string, number>();
    for (const h of hrefs) {
      const page = found?.get(destName(h)) ?? found?.get(h);
      if (page !== undefined) pages.set(h, page);
    }
    if (!found || pages.size !== hrefs.length) break;
    const widest = String(Math.max(...pages.values())).length;
    if (widest > digits) {
      digits = widest;
      continue;
    }
    progress("Document inpakken", 0.9);
    const toc: TocPages = { kind: "rendered", pages };
    const bytes = await pack(model, buildDocument(model, figures, toc));
    progress("Klaar", 1);
    return { bytes, toc };
  }
  const result = await wordFills();
  progress("Klaar", 1);
  return result;
}

/** The document (not yet packed): title page, contents, chapters, appendices. */
function buildDocument(model: ReportModel, figures: Map<object, FigureImage[]>, toc: TocPages): Document {
  // 2. Document content, in segments of one orientation.
  const ctx: BlockContext = { orientation: "portrait", counters: { figure: 0, table: 0 }, figures };
  const segments: Segment[] = [{ orientation: "portrait", children: contents(model, toc) }];
  const current = () => segments[segments.length - 1]!;
  /**
   * Where the current item's headings start (the chapter heading too for a chapter's first item)
   * and how many elements follow them: when an item's first table or figure goes landscape, its
   * headings and a short introduction move along, so they are not left alone on the page before.
   */
  let lead: { segment: Segment; index: number; blocks: number } | null = null;
  const startLead = () => (lead = { segment: current(), index: current().children.length, blocks: 0 });
  const push = (items: FileChild[], orientation: Orientation = "portrait") => {
    if (current().orientation !== orientation) {
      const moved = lead && lead.segment === current() && lead.blocks <= 2 ? current().children.splice(lead.index) : [];
      segments.push({ orientation, children: moved });
      lead = null;
    }
    current().children.push(...items);
  };
  const blocks = (list: readonly ReportBlock[]) => {
    for (const b of list) {
      const o: Orientation = wantsLandscape(b, figures) ? "landscape" : "portrait";
      ctx.orientation = o;
      push(renderBlock(b, ctx), o);
      if (lead) lead.blocks += b.type === "paragraph" || b.type === "note" ? 1 : 3;
    }
  };

  for (const [ci, c] of model.chapters.entries()) {
    const first = ci === 0 && current().orientation === "portrait";
    if (!first) startLead();
    push([heading(1, chapterTitle(c), anchor("c", String(c.number)), first)]);
    for (const [ii, item] of c.items.entries()) {
      if (ii > 0) startLead();
      if (itemHasHeading(c.number, item.id)) push([heading(2, itemTitle(item), anchor("i", item.id))]);
      blocks(item.blocks);
    }
  }
  for (const [ai, a] of model.appendices.entries()) {
    const first = ai === 0 && current().orientation === "portrait";
    if (!first) startLead();
    push([heading(1, appendixTitle(a), anchor("b", a.label), first)]);
    blocks(a.blocks);
  }

  // 3. Sections: the title page without header and footer, then one per segment.
  const sections: ISectionOptions[] = [{ properties: pageProperties("portrait"), children: titlePage(model) }];
  for (const s of segments) {
    if (!s.children.length) continue;
    sections.push({
      properties: pageProperties(s.orientation, SectionType.NEXT_PAGE),
      headers: { default: headerFor(model) },
      footers: { default: footerFor(model, s.orientation) },
      children: s.children,
    });
  }

  return new Document({
    // The authors, not the tool, own the document (core.xml is written by coreProperties, with the language).
    creator: xmlSafe(creatorOf(model)),
    lastModifiedBy: "Ketenlijn",
    title: xmlSafe(model.titlePage.title),
    subject: xmlSafe(model.titlePage.subtitle),
    description: xmlSafe(`${model.checklistName} · ${model.titlePage.version}`),
    styles: STYLES,
    // Without rendered page numbers Word updates the fields (the TOC) on opening, after asking.
    ...(toc.kind === "word" ? { features: { updateFields: true } } : {}),
    sections,
  });
}
