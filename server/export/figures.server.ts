// Report figures: SVG per ReportFigure kind (figure-*.ts), rasterised to PNG with resvg (the
// .docx carries the SVG with the PNG as fallback for readers that do not draw SVG).
import { existsSync } from "node:fs";
import { renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import type { ReportFigure } from "../../app/domain/report/model.ts";
import { causalTreeSvgs } from "./figure-tree.ts";
import { profileSvg } from "./figure-profile.ts";
import { swimlaneSvg } from "./figure-swimlane.ts";
import type { SvgImage } from "./svg.ts";

export interface FigureSvg extends SvgImage {
  /** Part of a split figure ("Overzicht", "Deel 2 van 5"), null for a whole figure. */
  part: string | null;
  /** Extra words for the caption and alt text of a part. */
  description: string;
}

export interface FigureImage extends FigureSvg {
  png: Buffer;
  pngWidth: number;
  pngHeight: number;
}

/** The SVG image(s) of a figure: one, or several for a causal tree too wide for one page. */
export function figureSvgs(fig: ReportFigure): FigureSvg[] {
  switch (fig.kind) {
    case "swimlane":
      return [{ ...swimlaneSvg(fig), part: null, description: "" }];
    case "causal_tree":
      return causalTreeSvgs(fig);
    case "profile":
      return [{ ...profileSvg(fig), part: null, description: "" }];
  }
}

// Debian's fonts by path when present (loading all system fonts costs ~60 ms per image),
// otherwise whatever the system has, with DejaVu Sans as the default.
const FONT_FILES = [
  "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
  "/usr/share/fonts/truetype/liberation/LiberationSans-Italic.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];
let fontOptions: ResvgRenderOptions["font"] | null = null;
function fonts(): ResvgRenderOptions["font"] {
  if (!fontOptions) {
    fontOptions = FONT_FILES.every((f) => existsSync(f))
      ? { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "Liberation Sans" }
      : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" };
  }
  return fontOptions;
}

/** Longest side of a PNG fallback, in pixels. */
export const MAX_PNG_SIDE = 2000;
/**
 * 1.25× the SVG size: figures are shown at 0.7–0.8 of their SVG size, so this is about 150–170
 * dpi on paper. 2× looked no better in print and cost three times as much (encoding the PNG
 * runs on the main thread).
 */
export const PNG_ZOOM = 1.25;

/** Rasterises an SVG (drawn in a worker thread of resvg, encoded here). */
export async function svgToPng(svg: string, size: { width: number; height: number }): Promise<{ png: Buffer; width: number; height: number }> {
  const zoom = Math.max(0.25, Math.min(PNG_ZOOM, MAX_PNG_SIDE / Math.max(size.width, size.height, 1)));
  const img = await renderAsync(svg, { font: fonts(), fitTo: { mode: "zoom", value: zoom }, background: "#ffffff", logLevel: "off" });
  return { png: img.asPng(), width: img.width, height: img.height };
}

/** SVG and PNG of every image of a figure. */
export async function renderFigure(fig: ReportFigure): Promise<FigureImage[]> {
  const svgs = figureSvgs(fig);
  return Promise.all(
    svgs.map(async (s) => {
      const { png, width, height } = await svgToPng(s.svg, s);
      return { ...s, png, pngWidth: width, pngHeight: height };
    }),
  );
}
