// How a node looks, as data: used by the interactive SVG and by the standalone export, so the
// picture in the report is the picture on screen. Colours meet 4.5:1 for their text.
import { ecmCatalog, GROUP_COLORS } from "./catalog.ts";
import type { TreeNode } from "./tree.ts";
import { wrapText, type Measure, type PlacedNode } from "./layout.ts";

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
export const LABEL_FONT_SIZE = 13;
export const KIND_FONT_SIZE = 11;
/** Baseline of the first label line, line height, footer baseline above the bottom edge. */
export const LABEL_Y = 35;
export const LINE_HEIGHT = 15.5;
export const FOOTER_INSET = 7;

export { GROUP_COLORS };

export interface NodeStyle {
  fill: string;
  stroke: string;
  strokeWidth: number;
  dash: string | null;
  accent: string;
  text: string;
  kindText: string;
}

export function kindLabel(node: TreeNode, isRootCause: boolean): string {
  switch (node.kind) {
    case "top":
      return "Topgebeurtenis";
    case "critical_moment":
      return "Kritiek moment";
    case "recovery":
      return node.recoveryType === "gepland"
        ? "Herstelfactor · gepland"
        : node.recoveryType === "ongepland"
          ? "Herstelfactor · ongepland"
          : "Herstelfactor";
    case "cause":
      return isRootCause ? "Basisoorzaak" : "Oorzaak";
  }
}

export function nodeStyle(node: TreeNode, isRootCause: boolean, isTop: boolean): NodeStyle {
  const flagged = node.flags.length > 0;
  let s: NodeStyle;
  if (isTop) s = { fill: "#12324f", stroke: "#12324f", strokeWidth: 1, dash: null, accent: "#f2a900", text: "#ffffff", kindText: "#dbe6f1" };
  else if (node.kind === "critical_moment")
    s = { fill: "#fff4d6", stroke: "#8a6500", strokeWidth: 1, dash: null, accent: "#c99700", text: "#1b1f24", kindText: "#5c4300" };
  else if (node.kind === "recovery")
    s = {
      fill: "#e8f5ec",
      stroke: "#1e6b3a",
      strokeWidth: 1,
      dash: node.recoveryType === "ongepland" ? "5 3" : null,
      accent: "#1e6b3a",
      text: "#1b1f24",
      kindText: "#133f23",
    };
  else if (isRootCause)
    s = { fill: "#eef4fb", stroke: "#0b5cad", strokeWidth: 1.5, dash: null, accent: "#0b5cad", text: "#1b1f24", kindText: "#084a8b" };
  else s = { fill: "#ffffff", stroke: "#7a8794", strokeWidth: 1, dash: null, accent: "#7a8794", text: "#1b1f24", kindText: "#4a5561" };
  if (flagged) s = { ...s, stroke: "#b00020", strokeWidth: 2 };
  return s;
}

export interface NodeVisual {
  style: NodeStyle;
  kind: string;
  lines: string[];
  /** ECM pill: code and its colour; `missing` when a root cause still needs a code. */
  ecm: { code: string; color: string } | { missing: true } | null;
  /** Footer text, e.g. "2 feiten · 1 thema". */
  footer: string;
  flagged: boolean;
}

export function nodeVisual(p: PlacedNode, isTop: boolean, measure: Measure): NodeVisual {
  const n = p.node;
  const style = nodeStyle(n, p.isRootCause, isTop);
  const label = n.label.trim() || "Nog geen omschrijving";
  const lines = wrapText(label, p.w - 24, 3, measure);
  let ecm: NodeVisual["ecm"] = null;
  if (p.isRootCause) {
    const code = n.ecm ? ecmCatalog.byCode.get(n.ecm) : undefined;
    ecm = code ? { code: code.code, color: GROUP_COLORS[code.group] } : { missing: true };
  }
  const parts: string[] = [];
  if (n.evidence.length) parts.push(n.evidence.length === 1 ? "1 feit" : `${n.evidence.length} feiten`);
  if (n.themes.length) parts.push(n.themes.length === 1 ? "1 thema" : `${n.themes.length} thema's`);
  if (p.hidden) parts.push(`+${p.hidden} verborgen`);
  return { style, kind: kindLabel(n, p.isRootCause), lines, ecm, footer: parts.join(" · "), flagged: n.flags.length > 0 };
}

/** Spoken name of a tree item: kind, label, classification, evidence, warnings. */
export function nodeAccessibleName(p: PlacedNode, isTop: boolean, editors: readonly string[]): string {
  const n = p.node;
  const parts = [`${kindLabel(n, p.isRootCause)}: ${n.label.trim() || "nog geen omschrijving"}`];
  if (p.isRootCause) {
    const code = n.ecm ? ecmCatalog.byCode.get(n.ecm) : undefined;
    parts.push(code ? `ECM ${code.code}, ${code.label}` : "nog geen ECM-code");
  }
  if (n.evidence.length) parts.push(n.evidence.length === 1 ? "1 feit als onderbouwing" : `${n.evidence.length} feiten als onderbouwing`);
  if (p.hidden) parts.push(`${p.hidden} onderliggende ingeklapt`);
  if (n.flags.length) parts.push(`let op: ${n.flags.map((f) => f.message).join(" ")}`);
  if (editors.length) parts.push(`${editors.join(" en ")} werkt hieraan`);
  void isTop;
  return parts.join(". ");
}

/** Canvas-based text measurement in the browser (falls back to an estimate elsewhere). */
export function canvasMeasure(fontSize: number, weight = 400): Measure | null {
  if (typeof document === "undefined") return null;
  const ctx = document.createElement("canvas").getContext("2d");
  if (!ctx) return null;
  ctx.font = `${weight} ${fontSize}px ${FONT_FAMILY}`;
  const cache = new Map<string, number>();
  return (text) => {
    let w = cache.get(text);
    if (w === undefined) {
      w = ctx.measureText(text).width;
      if (cache.size > 5000) cache.clear();
      cache.set(text, w);
    }
    return w;
  };
}
