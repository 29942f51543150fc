// Small helpers for the report's SVG figures: escaping (all text in a figure is user content),
// number formatting, the font stack and a width estimate for wrapping. Pure.
import { approximateMeasure, wrapText, type Measure } from "../../app/domain/analysis/layout.ts";

/** Liberation Sans has Arial's metrics; Word shows Arial, LibreOffice and resvg Liberation Sans. */
export const FIGURE_FONT = "Liberation Sans, Arial, Helvetica, DejaVu Sans, sans-serif";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Drops characters XML 1.0 does not allow (control characters, lone surrogates): one of them makes a whole image or document unreadable. */
export function xmlSafe(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "")
  );
}

/** Escapes text for SVG content and attribute values (user content: never trusted). */
export function esc(s: string): string {
  return xmlSafe(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Coordinates with at most one decimal: keeps large figures small. */
export function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

const measures = new Map<number, Measure>();
/** Approximate text width at a font size (Arial-like metrics). */
export function measureAt(fontSize: number): Measure {
  let m = measures.get(fontSize);
  if (!m) {
    m = approximateMeasure(fontSize);
    measures.set(fontSize, m);
  }
  return m;
}

/** Wraps into at most `maxLines` lines of `maxWidth` at `fontSize`; "…" where cut. */
export function wrap(text: string, maxWidth: number, maxLines: number, fontSize: number): string[] {
  if (maxWidth <= 4 || maxLines < 1) return [];
  return wrapText(text, maxWidth, maxLines, measureAt(fontSize));
}

/** One line, cut with "…" to fit. */
export function fit(text: string, maxWidth: number, fontSize: number): string {
  return wrap(text, maxWidth, 1, fontSize)[0] ?? "";
}

/** Dutch percentage without decimals: "34%". */
export function percent(share: number): string {
  return `${Math.round((Number.isFinite(share) ? share : 0) * 100)}%`;
}

export interface SvgImage {
  svg: string;
  /** Size in SVG user units (= CSS px at 100 %). */
  width: number;
  height: number;
}

export function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" ` +
    `font-family="${esc(FIGURE_FONT)}" role="img"><title>${esc(title)}</title>` +
    `<rect width="100%" height="100%" fill="#ffffff"/>`
  );
}
