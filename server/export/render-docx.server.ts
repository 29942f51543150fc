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
import { xmlSafe } from "./svg.ts";

export interface RenderOptions {
  /** Called at each step with a Dutch description and the share done (0..1). */
  onProgress?: (step: string, fraction: number) => void;
}

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

/**
 * The table of contents: Word's TOC field, filled in with our own entries so it is never empty.
 * Without page numbers: docx's page estimator (docx/layout) gets them right but takes seconds for
 * a large report; Word and LibreOffice add them when the reader updates the table.
 */
function contents(model: ReportModel): FileChild[] {
  const entries: { title: string; level: number; href: string }[] = [];
  for (const c of model.chapters) {
    entries.push({ title: xmlSafe(chapterTitle(c)), level: 1, href: anchor("c", String(c.number)) });
    for (const i of c.items) if (itemHasHeading(c.number, i.id)) entries.push({ title: xmlSafe(itemTitle(i)), level: 2, href: anchor("i", i.id) });
  }
  for (const a of model.appendices) entries.push({ title: xmlSafe(appendixTitle(a)), level: 1, href: anchor("b", a.label) });
  return [
    new Paragraph({ style: "TOCHeading", children: [new TextRun("Inhoud")] }),
    new TableOfContents("Inhoud", { hyperlink: true, headingStyleRange: "1-2", beginDirty: false, tabLeader: LeaderType.NONE, cachedEntries: entries }),
  ];
}

interface Segment {
  orientation: Orientation;
  children: FileChild[];
}

/** Renders the report model to .docx bytes. */
export async function renderReportDocx(model: ReportModel, opts: RenderOptions = {}): Promise<Buffer> {
  const progress = opts.onProgress ?? (() => {});
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

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

  // 2. Document content, in segments of one orientation.
  const ctx: BlockContext = { orientation: "portrait", counters: { figure: 0, table: 0 }, figures };
  const segments: Segment[] = [{ orientation: "portrait", children: contents(model) }];
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

  const chapterCount = model.chapters.length;
  for (const [ci, c] of model.chapters.entries()) {
    progress(`Hoofdstuk ${c.number} opmaken`, 0.45 + 0.35 * (ci / Math.max(1, chapterCount)));
    await tick();
    const first = ci === 0 && current().orientation === "portrait";
    if (!first) startLead();
    push([heading(1, chapterTitle(c), anchor("c", String(c.number)), first)]);
    for (const [ii, item] of c.items.entries()) {
      if (ii > 0) startLead();
      if (itemHasHeading(c.number, item.id)) push([heading(2, itemTitle(item), anchor("i", item.id))]);
      blocks(item.blocks);
    }
  }
  progress("Bijlagen opmaken", 0.8);
  await tick();
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

  const doc = new Document({
    // The authors, not the tool, own the document; Word shows this as "Auteur".
    creator: xmlSafe(model.titlePage.authors?.length ? model.titlePage.authors.join(", ") : "Ketenlijn"),
    lastModifiedBy: "Ketenlijn",
    title: xmlSafe(model.titlePage.title),
    subject: xmlSafe(model.titlePage.subtitle),
    description: xmlSafe(`${model.checklistName} · ${model.titlePage.version}`),
    styles: STYLES,
    sections,
  });
  progress("Document inpakken", 0.85);
  await tick();
  const buffer = await Packer.toBuffer(doc);
  progress("Klaar", 1);
  return buffer;
}
