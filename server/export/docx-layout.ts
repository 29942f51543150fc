// Page geometry and styles of the report (A4, widths in DXA = twentieths of a point).
import { AlignmentType, BorderStyle, LineRuleType, type IStylesOptions } from "docx";

export const A4 = { width: 11906, height: 16838 };
export const MARGIN = { top: 1304, bottom: 1134, left: 1134, right: 1134, header: 567, footer: 567 };

export type Orientation = "portrait" | "landscape";

/** Text width of a page in DXA. */
export function contentWidth(o: Orientation): number {
  return (o === "portrait" ? A4.width : A4.height) - MARGIN.left - MARGIN.right;
}

/** Text height of a page in DXA. */
export function contentHeight(o: Orientation): number {
  return (o === "portrait" ? A4.height : A4.width) - MARGIN.top - MARGIN.bottom;
}

/** 1 px (at 96 dpi, docx's image unit) = 15 DXA. */
export const DXA_PER_PX = 15;

/** Scales column weights to whole DXA widths that add up to `total` exactly. */
export function columnWidths(weights: readonly number[], total: number): number[] {
  const safe = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 1));
  const sum = safe.reduce((a, b) => a + b, 0) || 1;
  const widths = safe.map((w) => Math.max(300, Math.floor((w / sum) * total)));
  // Give the rounding rest (or take the excess of the minimum widths) from the widest column.
  const diff = total - widths.reduce((a, b) => a + b, 0);
  const widest = widths.indexOf(Math.max(...widths));
  if (widest >= 0) widths[widest] = widths[widest]! + diff;
  return widths;
}

export const FONT = "Arial";
export const COLORS = { heading: "12324F", muted: "4A5561", note: "5F6B76", border: "B9C4CF", headerFill: "E6ECF2", concept: "B00020", final: "1E6B3A" };

export const STYLES: IStylesOptions = {
  default: {
    document: {
      // Dutch for spelling and hyphenation in Word and LibreOffice.
      run: { font: FONT, size: 20, language: { value: "nl-NL" } },
      paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 480, after: 200 }, keepNext: true, keepLines: true },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, keepLines: true },
    },
    heading3: {
      run: { font: FONT, size: 22, bold: true, color: "1B1F24" },
      paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true },
    },
    heading4: {
      run: { font: FONT, size: 20, bold: true, italics: true, color: "1B1F24" },
      paragraph: { spacing: { before: 200, after: 60 }, keepNext: true, keepLines: true },
    },
    heading5: { run: { font: FONT, size: 20, italics: true, color: "1B1F24" }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
    heading6: { run: { font: FONT, size: 20, italics: true, color: COLORS.muted }, paragraph: { spacing: { before: 160, after: 60 }, keepNext: true } },
    caption: {
      run: { font: FONT, size: 18, bold: true, italics: false, color: COLORS.muted },
      paragraph: { spacing: { before: 120, after: 120 } },
    },
    listParagraph: { run: { font: FONT, size: 20 } },
  },
  paragraphStyles: [
    {
      id: "Quote",
      name: "Quote",
      basedOn: "Normal",
      next: "Normal",
      quickFormat: true,
      run: { italics: true, color: "34414E" },
      paragraph: {
        indent: { left: 567, right: 567 },
        spacing: { before: 120, after: 160 },
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: COLORS.border, space: 8 } },
      },
    },
    {
      id: "Note",
      name: "Opmerking",
      basedOn: "Normal",
      next: "Normal",
      quickFormat: true,
      run: { italics: true, color: COLORS.note },
    },
    {
      id: "TableText",
      name: "Tabeltekst",
      basedOn: "Normal",
      run: { size: 17 },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: "TOCHeading",
      name: "TOC Heading",
      basedOn: "Normal",
      next: "Normal",
      run: { font: FONT, size: 32, bold: true, color: COLORS.heading },
      paragraph: { spacing: { before: 0, after: 240 } },
    },
    { id: "TOC1", name: "toc 1", basedOn: "Normal", next: "Normal", run: { bold: true }, paragraph: { spacing: { before: 120, after: 40 } } },
    { id: "TOC2", name: "toc 2", basedOn: "Normal", next: "Normal", paragraph: { indent: { left: 567 }, spacing: { before: 0, after: 20 } } },
    {
      id: "FigureParagraph",
      name: "Figuur",
      basedOn: "Normal",
      next: "Normal",
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 0, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true },
    },
    { id: "HeaderText", name: "Kopregel", basedOn: "Normal", run: { size: 16, color: COLORS.muted }, paragraph: { spacing: { after: 0 } } },
  ],
};
