// PRISMA-profiel for item 7a: a horizontal bar per ECM main group with its count and share.
import type { ProfileFigure } from "../../app/domain/report/model.ts";
import { esc, fit, n, percent, svgOpen, type SvgImage } from "./svg.ts";

const WIDTH = 680;
const LABEL_W = 170;
const VALUE_W = 90;
const ROW = 34;
const BAR = 20;
const FONT = 13;

const safeColor = (c: string): string => (/^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#4a5561");

export function profileSvg(fig: ProfileFigure, title = "PRISMA-profiel"): SvgImage {
  const groups = fig.groups;
  const total = groups.reduce((a, g) => a + Math.max(0, g.count), 0);
  const max = Math.max(1, ...groups.map((g) => g.count));
  const x0 = LABEL_W;
  const barMax = WIDTH - LABEL_W - VALUE_W - 16;
  const top = 14;
  const out: string[] = [];
  groups.forEach((g, i) => {
    const y = top + i * ROW;
    const w = g.count > 0 ? Math.max(2, (g.count / max) * barMax) : 0;
    out.push(
      `<g class="bar"><text x="${x0 - 10}" y="${n(y + BAR / 2 + 4.5)}" font-size="${FONT}" fill="#1b1f24" text-anchor="end">${esc(fit(g.label, LABEL_W - 16, FONT))}</text>`,
      `<rect x="${x0}" y="${y}" width="${n(barMax)}" height="${BAR}" fill="#f1f3f5"/>`,
      w ? `<rect x="${x0}" y="${y}" width="${n(w)}" height="${BAR}" fill="${safeColor(g.color)}"/>` : "",
      `<text x="${n(x0 + w + 8)}" y="${n(y + BAR / 2 + 4.5)}" font-size="${FONT}" font-weight="700" fill="#1b1f24">${g.count} (${percent(g.share)})</text></g>`,
    );
  });
  const axisY = top + groups.length * ROW;
  out.push(`<line x1="${x0}" y1="${top - 6}" x2="${x0}" y2="${axisY - ROW + BAR + 6}" stroke="#7a8794" stroke-width="1"/>`);
  out.push(
    `<text x="${x0}" y="${axisY + 12}" font-size="12" fill="#4a5561">${esc(
      total === 1 ? "1 basisoorzaak met een ECM-code" : `${total} basisoorzaken met een ECM-code`,
    )}</text>`,
  );
  const height = axisY + 24;
  return { svg: svgOpen(WIDTH, height, title) + out.join("") + "</svg>", width: WIDTH, height };
}
