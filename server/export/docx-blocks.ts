// ReportBlock → docx paragraphs and tables. Every text passes xmlSafe (docx escapes &, <, >
// itself; control characters would make the document unreadable).
import {
  AlignmentType,
  BorderStyle,
  HeadingLevel,
  ImageRun,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from "docx";
import type { ReportBlock } from "../../app/domain/report/model.ts";
import { COLORS, columnWidths, contentHeight, contentWidth, DXA_PER_PX, type Orientation } from "./docx-layout.ts";
import type { FigureImage } from "./figures.server.ts";
import { xmlSafe } from "./svg.ts";

export interface BlockContext {
  orientation: Orientation;
  /** Running caption numbers. */
  counters: { figure: number; table: number };
  /** Rendered images per figure block (same object as in the model). */
  figures: ReadonlyMap<object, FigureImage[]>;
}

const HEADING_LEVELS = [HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** Text with line breaks as runs (a single "\n" is a line break). */
export function runs(text: string, opts: { bold?: boolean; italics?: boolean; size?: number; color?: string } = {}): TextRun[] {
  const lines = xmlSafe(text).replace(/\r\n?/g, "\n").split("\n");
  return lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...opts }));
}

/** Paragraphs of a text: blank lines separate paragraphs. */
function paragraphs(text: string, style?: string): Paragraph[] {
  const parts = xmlSafe(text)
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  return (parts.length ? parts : [""]).map((part) => new Paragraph({ style, children: runs(part) }));
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: COLORS.border };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
const cellMargins = { top: 50, bottom: 50, left: 90, right: 90 };

function cell(text: string, width: number, opts: { header?: boolean; bold?: boolean; span?: number } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    margins: cellMargins,
    verticalAlign: VerticalAlign.TOP,
    shading: opts.header ? { type: ShadingType.CLEAR, color: "auto", fill: COLORS.headerFill } : undefined,
    children: [new Paragraph({ style: "TableText", children: runs(text, { bold: opts.header || opts.bold }) })],
  });
}

function caption(label: string, text: string, keepNext: boolean): Paragraph {
  return new Paragraph({
    style: "Caption",
    keepNext,
    children: [new TextRun({ text: `${label} ` }), ...runs(text, { bold: false })],
  });
}

function factsTable(rows: { label: string; value: string }[], total: number): Table {
  const widths = columnWidths([1, 2], total);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: [cell(r.label, widths[0]!, { bold: true }), cell(r.value, widths[1]!)],
        }),
    ),
  });
}

function dataTable(block: Extract<ReportBlock, { type: "table" }>, total: number): Table {
  const columns = block.columns.length ? block.columns : [{ label: "", weight: 1 }];
  const widths = columnWidths(
    columns.map((c) => c.weight),
    total,
  );
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: columns.map((c, i) => cell(c.label, widths[i]!, { header: true })),
  });
  const body = block.rows.length
    ? block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: columns.map((_, i) => cell(row[i] ?? "", widths[i]!)),
          }),
      )
    : [new TableRow({ children: [cell("Geen gegevens.", total, { span: columns.length })] })];
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders,
    rows: [header, ...body],
  });
}

/** Display size (px) of a figure image: a readable scale, never wider or taller than the page. */
export function imageSize(img: { width: number; height: number; kind: string }, o: Orientation): { width: number; height: number } {
  const maxW = contentWidth(o) / DXA_PER_PX;
  // Room for the caption and the spacing around the image.
  const maxH = contentHeight(o) / DXA_PER_PX - 70;
  const readable = img.kind === "swimlane" ? 1 : 0.72;
  const scale = Math.min(readable, maxW / img.width, maxH / img.height);
  return { width: Math.max(1, Math.round(img.width * scale)), height: Math.max(1, Math.round(img.height * scale)) };
}

/** Whether a block reads better on a landscape page. */
export function wantsLandscape(block: ReportBlock, figures: ReadonlyMap<object, FigureImage[]>): boolean {
  if (block.type === "table") return block.columns.length >= 6;
  if (block.type !== "figure") return false;
  if (block.figure.kind === "swimlane") return true;
  const portraitW = contentWidth("portrait") / DXA_PER_PX;
  return (figures.get(block) ?? []).some((img) => img.width * 0.72 > portraitW + 1);
}

export function renderBlock(block: ReportBlock, ctx: BlockContext): FileChild[] {
  const total = contentWidth(ctx.orientation);
  switch (block.type) {
    case "paragraph":
      return paragraphs(block.text);
    case "heading": {
      const level = Math.max(1, Math.min(HEADING_LEVELS.length, Math.round(block.level) || 1));
      return [new Paragraph({ heading: HEADING_LEVELS[level - 1], children: runs(block.text) })];
    }
    case "bullets":
      return block.items.map((item) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 60 }, children: runs(item) }));
    case "quote":
      return paragraphs(block.text, "Quote");
    case "note":
      return paragraphs(block.text, "Note");
    case "facts":
      return block.rows.length ? [factsTable(block.rows, total), new Paragraph({ spacing: { after: 60 }, children: [] })] : [];
    case "table": {
      ctx.counters.table++;
      return [caption(`Tabel ${ctx.counters.table}.`, block.caption, true), dataTable(block, total), new Paragraph({ spacing: { after: 60 }, children: [] })];
    }
    case "figure": {
      ctx.counters.figure++;
      const number = ctx.counters.figure;
      const images = ctx.figures.get(block) ?? [];
      const out: FileChild[] = [];
      images.forEach((img) => {
        const size = imageSize({ width: img.width, height: img.height, kind: block.figure.kind }, ctx.orientation);
        const partText = img.part ? ` (${img.part.toLowerCase()})` : "";
        const description = xmlSafe([block.alt, img.description].filter(Boolean).join(" "));
        out.push(
          new Paragraph({
            style: "FigureParagraph",
            children: [
              new ImageRun({
                type: "svg",
                data: Buffer.from(img.svg, "utf8"),
                fallback: { type: "png", data: img.png },
                transformation: size,
                altText: {
                  name: `Figuur ${number}${partText}`,
                  title: xmlSafe(`${block.caption}${partText}`),
                  description,
                },
              }),
            ],
          }),
          caption(`Figuur ${number}${partText}.`, block.caption, false),
        );
      });
      if (!images.length) out.push(new Paragraph({ style: "Note", children: runs("Deze figuur kon niet worden getekend.") }));
      return out;
    }
  }
}

/** For the title page: label/value pairs as a borderless two-column table. */
export function titleFacts(rows: { label: string; value: string }[], total: number): Table {
  const widths = columnWidths([1, 2], total);
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: rows.map(
      (r) =>
        new TableRow({
          children: [
            new TableCell({ width: { size: widths[0]!, type: WidthType.DXA }, margins: { top: 40, bottom: 40, left: 0, right: 120 }, children: [new Paragraph({ children: runs(r.label, { color: COLORS.muted }) })] }),
            new TableCell({ width: { size: widths[1]!, type: WidthType.DXA }, margins: { top: 40, bottom: 40, left: 0, right: 0 }, children: [new Paragraph({ alignment: AlignmentType.LEFT, children: runs(r.value, { bold: true }) })] }),
          ],
        }),
    ),
  });
}
