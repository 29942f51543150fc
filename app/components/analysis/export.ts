// Export of the causal tree for the report: a standalone SVG (inline styles, no external CSS or
// fonts) and a PNG drawn from that SVG on a canvas. The SVG string is pure; the downloads need a
// browser.
import type { TreeLayout } from "~/domain/analysis/layout.ts";
import type { Measure } from "~/domain/analysis/layout.ts";
import { FONT_FAMILY, FOOTER_INSET, KIND_FONT_SIZE, LABEL_FONT_SIZE, LABEL_Y, LINE_HEIGHT, nodeVisual } from "~/domain/analysis/visual.ts";

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const TITLE_BAND = 44;

/** The whole tree (not the current zoom) as an SVG document. */
export function treeToSvg(layout: TreeLayout, opts: { title: string; topId: string | null; measure: Measure }): string {
  const width = Math.max(layout.width, 320);
  const height = layout.height + TITLE_BAND;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(FONT_FAMILY)}">`,
    `<title>${esc(opts.title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="28" font-size="16" font-weight="700" fill="#1b1f24">${esc(opts.title)}</text>`,
    `<g transform="translate(0,${TITLE_BAND})">`,
  );
  for (const l of layout.labels) {
    out.push(`<text x="${l.x}" y="${l.y}" font-size="13" font-weight="700" fill="#4a5561">${esc(l.text)}</text>`);
  }
  for (const e of layout.edges) out.push(`<path d="${e.d}" fill="none" stroke="#7a8794" stroke-width="1.5"/>`);
  for (const p of layout.nodes) {
    const v = nodeVisual(p, p.id === opts.topId, opts.measure);
    const s = v.style;
    out.push(`<g transform="translate(${p.x},${p.y})">`, `<title>${esc(`${v.kind}: ${p.node.label.trim() || "nog geen omschrijving"}`)}</title>`);
    out.push(
      `<rect width="${p.w}" height="${p.h}" rx="6" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.strokeWidth}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      `<rect width="5" height="${p.h}" rx="2" fill="${s.accent}"/>`,
      `<text x="14" y="18" font-size="${KIND_FONT_SIZE}" font-weight="600" fill="${s.kindText}">${esc(v.kind)}</text>`,
    );
    v.lines.forEach((line, i) => {
      out.push(`<text x="14" y="${LABEL_Y + i * LINE_HEIGHT}" font-size="${LABEL_FONT_SIZE}" fill="${s.text}">${esc(line)}</text>`);
    });
    if (v.ecm && "code" in v.ecm) {
      const w = 10 + v.ecm.code.length * 8;
      out.push(
        `<rect x="${p.w - w - 8}" y="6" width="${w}" height="17" rx="8" fill="${v.ecm.color}"/>`,
        `<text x="${p.w - 8 - w / 2}" y="18.5" font-size="11" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(v.ecm.code)}</text>`,
      );
    }
    if (v.footer) out.push(`<text x="14" y="${p.h - FOOTER_INSET}" font-size="10.5" fill="${s.kindText}">${esc(v.footer)}</text>`);
    out.push(`</g>`);
  }
  out.push(`</g></svg>`);
  return out.join("\n");
}

function download(href: string, filename: string): void {
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadSvg(svg: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Maximum canvas area we ask for (browsers refuse very large canvases). */
const MAX_PIXELS = 64_000_000;

/** Renders the SVG on a canvas (2× for print quality, less for huge trees) and downloads a PNG. */
export async function downloadPng(svg: string, width: number, height: number, filename: string): Promise<void> {
  const scale = Math.max(0.5, Math.min(2, Math.sqrt(MAX_PIXELS / Math.max(1, width * height))));
  const img = new Image();
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error("Het plaatje kon niet worden gemaakt."));
    img.src = src;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("Het plaatje kon niet worden gemaakt.");
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("Het plaatje kon niet worden gemaakt.");
  const url = URL.createObjectURL(blob);
  download(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Height added above the tree in the export (title band). */
export const EXPORT_TITLE_BAND = TITLE_BAND;

/** "oorzakenboom-val-van-bewoner.svg" */
export function exportFilename(title: string, ext: "svg" | "png"): string {
  const slug = title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `oorzakenboom${slug ? `-${slug}` : ""}.${ext}`;
}
