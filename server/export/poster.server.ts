// The timeline as a wall poster (issue 12): the report's swimlane SVG (figure-swimlane.ts), drawn
// wider, put as vectors into a PDF with pdfkit + svg-to-pdfkit (pure JavaScript, no browser at run
// time). A3 or A0 landscape on one sheet, or split over A4/A3 sheets with an overlap to glue and
// marks that show where. ADR 0017.
import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import SVGtoPDF from "svg-to-pdfkit";
import { PAPER, POSTER_DRAW_WIDTH, SHEET_MARGIN, TILE_OVERLAP, planTiles, type PosterSize, type TileSize } from "../../app/domain/timeline/poster.ts";
import type { SwimlaneFigure } from "../../app/domain/report/model.ts";
import { MIN_LANE, swimlaneSvg } from "./figure-swimlane.ts";

export interface PosterInput {
  figure: SwimlaneFigure;
  title: string;
  /** "stand 2 december 2026 17:20, wijziging 345". */
  version: string;
  size: PosterSize;
  /** Split over sheets of this size; null = one sheet of `size`. */
  tiles: TileSize | null;
}

const LIBERATION = {
  regular: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  bold: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
};

type Doc = InstanceType<typeof PDFDocument>;

/** Liberation Sans (Arial's metrics, as the report's figures) when installed, else the built-in Helvetica. */
function registerFonts(doc: Doc): { regular: string; bold: string } {
  if (existsSync(LIBERATION.regular) && existsSync(LIBERATION.bold)) {
    doc.registerFont("Sans", LIBERATION.regular);
    doc.registerFont("Sans-Bold", LIBERATION.bold);
    return { regular: "Sans", bold: "Sans-Bold" };
  }
  return { regular: "Helvetica", bold: "Helvetica-Bold" };
}

function collect(doc: Doc): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.end();
  });
}

export async function posterPdf(input: PosterInput): Promise<{ bytes: Uint8Array; pages: number }> {
  const poster = PAPER[input.size];
  const doc = new PDFDocument({
    autoFirstPage: false,
    info: { Title: `Tijdlijn ${input.title}`, Subject: `Tijdlijnposter ${input.size}, ${input.version}`, Creator: "Ketenlijn" },
    compress: true,
  });
  const fonts = registerFonts(doc);
  // The poster in poster points, origin top left; drawn once per sheet.
  const scale = poster.width / 1190;
  const titleSize = 20 * scale;
  const subSize = 11 * scale;
  const chartTop = SHEET_MARGIN + titleSize * 1.3 + subSize * 1.8;
  const areaW = poster.width - 2 * SHEET_MARGIN;
  const areaH = poster.height - chartTop - SHEET_MARGIN;
  // Drawn at the poster's width first; then the lanes are made taller (up to 4×) to fill the sheet.
  const width = POSTER_DRAW_WIDTH[input.size];
  const title = `Tijdlijn ${input.title}`;
  let svg = swimlaneSvg(input.figure, title, width);
  const room = areaH / (areaW / svg.width) - svg.height;
  if (room > 1 && svg.lanes > 0) svg = swimlaneSvg(input.figure, title, width, Math.min(4 * MIN_LANE, MIN_LANE + room / svg.lanes));
  const fit = Math.min(areaW / svg.width, areaH / svg.height);
  const drawPoster = () => {
    doc.font(fonts.bold).fontSize(titleSize).fillColor("#1b1f24").text(`Tijdlijn: ${input.title}`, SHEET_MARGIN, SHEET_MARGIN, { lineBreak: false });
    doc
      .font(fonts.regular)
      .fontSize(subSize)
      .fillColor("#4a5561")
      .text(`Integrale tijdlijn per organisatie en periode · ${input.version} · vertrouwelijk, alleen voor de reflectiebijeenkomst`, SHEET_MARGIN, SHEET_MARGIN + titleSize * 1.3, { lineBreak: false });
    SVGtoPDF(doc, svg.svg, SHEET_MARGIN, chartTop, {
      width: svg.width * fit,
      height: svg.height * fit,
      preserveAspectRatio: "xMinYMin meet",
      fontCallback: (_family, bold) => (bold ? fonts.bold : fonts.regular),
      warningCallback: () => {},
    });
  };

  if (!input.tiles) {
    doc.addPage({ size: [poster.width, poster.height], margin: 0 });
    drawPoster();
    return { bytes: await collect(doc), pages: 1 };
  }

  const plan = planTiles(poster, PAPER[input.tiles]);
  const total = plan.tiles.length;
  const m = SHEET_MARGIN;
  for (const tile of plan.tiles) {
    doc.addPage({ size: [plan.sheet.width, plan.sheet.height], margin: 0 });
    doc.save();
    doc.rect(m, m, tile.width, tile.height).clip();
    doc.translate(m - tile.x, m - tile.y);
    drawPoster();
    doc.restore();

    // Corner marks of the printed area, in the white border.
    const x1 = m + tile.width;
    const y1 = m + tile.height;
    const mark = 6;
    doc.lineWidth(0.5).strokeColor("#000000").undash();
    for (const [x, y] of [[m, m], [x1, m], [m, y1], [x1, y1]] as const) {
      doc.moveTo(x - mark - 2, y).lineTo(x - 2, y).moveTo(x + 2, y).lineTo(x + mark + 2, y).stroke();
      doc.moveTo(x, y - mark - 2).lineTo(x, y - 2).moveTo(x, y + 2).lineTo(x, y + mark + 2).stroke();
    }
    // Where the next sheet starts: dashed lines across the overlap strip's edge, in the border.
    doc.dash(3, { space: 2 }).strokeColor("#b00020");
    if (tile.right) {
      const x = x1 - TILE_OVERLAP;
      doc.moveTo(x, 1).lineTo(x, m - 1).moveTo(x, y1 + 1).lineTo(x, plan.sheet.height - 1).stroke();
    }
    if (tile.below) {
      const y = y1 - TILE_OVERLAP;
      doc.moveTo(1, y).lineTo(m - 1, y).moveTo(x1 + 1, y).lineTo(plan.sheet.width - 1, y).stroke();
    }
    doc.undash();
    const glue = [
      tile.right ? `deel ${tile.number + 1} rechts` : null,
      tile.below ? `deel ${tile.number + plan.columns} onder` : null,
    ].filter(Boolean);
    doc
      .font(fonts.regular)
      .fontSize(6.5)
      .fillColor("#4a5561")
      .text(
        `Poster ${input.size}, deel ${tile.number} van ${total} (rij ${tile.row + 1}, kolom ${tile.column + 1})` +
          (glue.length ? ` · plak ${glue.join(" en ")} over de rode streepjes (overlap 15 mm)` : ""),
        m + 10,
        plan.sheet.height - m + 2,
        { lineBreak: false },
      );
  }
  return { bytes: await collect(doc), pages: total };
}
