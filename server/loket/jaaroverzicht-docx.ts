// The jaaroverzicht as .docx, with the report's export stack (docx, server/export/docx-layout.ts):
// one heading and one table per figure, with the year before and the difference.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, BorderStyle, ShadingType } from "docx";
import { signed, type Jaaroverzicht } from "../../app/domain/loket/figures.ts";
import { A4, COLORS, columnWidths, contentWidth, FONT, MARGIN, STYLES } from "../export/docx-layout.ts";
import { xmlSafe } from "../export/svg.ts";

const border = { style: BorderStyle.SINGLE, size: 4, color: COLORS.border };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, width: number, opts: { header?: boolean; right?: boolean } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders,
    shading: opts.header ? { type: ShadingType.CLEAR, color: "auto", fill: COLORS.headerFill } : undefined,
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: xmlSafe(text), bold: opts.header, font: FONT })],
      }),
    ],
  });
}

export async function renderJaaroverzichtDocx(o: Jaaroverzicht, generatedOn: string): Promise<Buffer> {
  const total = contentWidth("portrait");
  const widths = columnWidths([6, 1.3, 1.3, 1.3], total);
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: `Jaaroverzicht incidentenloket ${o.year}` })] }),
    new Paragraph({
      children: [
        new TextRun({
          text: `Meldingen, leeronderzoeken en bevindingen in ${o.year}, vergeleken met ${o.year - 1}. Alleen geaggregeerde cijfers. Gemaakt op ${generatedOn}.`,
          color: COLORS.muted,
        }),
      ],
    }),
    ...o.tables.flatMap((t) => [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: xmlSafe(t.title) })] }),
      t.rows.length === 0
        ? new Paragraph({ children: [new TextRun({ text: "Geen gegevens in deze jaren.", color: COLORS.muted })] })
        : new Table({
            width: { size: total, type: WidthType.DXA },
            columnWidths: widths,
            rows: [
              new TableRow({
                tableHeader: true,
                children: [cell("Omschrijving", widths[0], { header: true }), cell(String(o.year - 1), widths[1], { header: true, right: true }), cell(String(o.year), widths[2], { header: true, right: true }), cell("Verschil", widths[3], { header: true, right: true })],
              }),
              ...t.rows.map(
                (r) =>
                  new TableRow({
                    children: [cell(r.label, widths[0]), cell(String(r.previous), widths[1], { right: true }), cell(String(r.current), widths[2], { right: true }), cell(signed(r.current - r.previous), widths[3], { right: true })],
                  }),
              ),
            ],
          }),
    ]),
  ];
  const doc = new Document({
    creator: "Ketenlijn",
    title: `Jaaroverzicht incidentenloket ${o.year}`,
    language: "nl-NL",
    styles: STYLES,
    sections: [{ properties: { page: { size: { width: A4.width, height: A4.height }, margin: MARGIN } }, children }],
  } as ConstructorParameters<typeof Document>[0]);
  return Packer.toBuffer(doc);
}
