// Causal tree figure for item 7a (PRISMA): the top event at the top, causes beneath, the root
// causes (basisoorzaken) on the bottom row with their ECM code, recovery factors on their own
// side. The layout is the workspace's own (app/domain/analysis/layout.ts) and so are the
// node colours (visual.ts), so the report shows the picture the team worked on.
//
// A tree too wide for a landscape page at a readable scale is split: an overview (the top event
// with its direct causes, each saying which part holds it) and parts, each a run of neighbouring
// branches under their parent (drawn dashed, as context). A branch that alone is too wide is
// split the same way one level down.
import { ecmCatalog } from "../../app/domain/analysis/catalog.ts";
import { resolveTree, type NodeData, type ResolvedTree, type TreeNode } from "../../app/domain/analysis/tree.ts";
import { layoutTree, type LayoutOptions, type TreeLayout } from "../../app/domain/analysis/layout.ts";
import { GROUP_COLORS, kindLabel, nodeStyle, type NodeStyle } from "../../app/domain/analysis/visual.ts";
import type { CausalTreeFigure } from "../../app/domain/report/model.ts";
import { esc, fit, n, svgOpen, wrap, type SvgImage } from "./svg.ts";

export const TREE_LAYOUT: Partial<LayoutOptions> = {
  orientation: "vertical",
  nodeWidth: 150,
  nodeHeight: 104,
  siblingGap: 10,
  levelGap: 34,
  treeGap: 30,
  sideGap: 56,
  margin: 16,
  leavesToBottom: true,
};

/** Widest drawing (SVG units) that still reads well on a landscape A4 page (about 0.72 scale). */
export const MAX_TREE_WIDTH = 1340;

const LABEL_FONT = 12.5;
const KIND_FONT = 10;
const LINE = 14.5;
const TITLE_LINE = 19;

export interface TreeImage extends SvgImage {
  /** "Overzicht", "Deel 2 van 5" …; null when the tree is one image. */
  part: string | null;
  /** What the part shows, for the caption and alt text. */
  description: string;
}

/** The figure's nodes as stored analysis nodes, so resolveTree/layoutTree can be reused. */
export function figureToNodeData(fig: CausalTreeFigure): NodeData[] {
  const base = Date.UTC(2000, 0, 1);
  return fig.nodes.map((m, i) => ({
    id: m.id,
    kind: m.kind,
    label: m.label,
    parent: m.parentId,
    order: i,
    recoveryType: m.kind === "recovery" ? m.recoveryType : null,
    ecm: m.ecmCode,
    themes: [],
    evidence: [],
    whyNote: null,
    noMeasureReason: null,
    eventId: null,
    expected: null,
    actual: null,
    createdBy: null,
    // Keeps the model's order when it (wrongly) has several top events.
    createdAt: new Date(base + i * 1000).toISOString(),
    updatedBy: null,
    updatedAt: null,
    movedBy: null,
    movedAt: null,
    issues: [],
  }));
}

interface DrawOptions {
  title: string | null;
  topId: string | null;
  /** Parent drawn as context (dashed) above a part. */
  contextId: string | null;
  /** Root causes per the model (besides the layout's own leaves). */
  rootIds: ReadonlySet<string>;
  /** Overview: which parts hold a collapsed node's causes. */
  refs: ReadonlyMap<string, number[]>;
}

function partsText(parts: number[]): string {
  const sorted = [...new Set(parts)].sort((a, b) => a - b);
  if (sorted.length === 1) return `zie deel ${sorted[0]}`;
  const contiguous = sorted.every((p, i) => i === 0 || p === sorted[i - 1]! + 1);
  return contiguous ? `zie deel ${sorted[0]}–${sorted[sorted.length - 1]}` : `zie deel ${sorted.join(", ")}`;
}

function drawTree(layout: TreeLayout, o: DrawOptions): SvgImage {
  const width = Math.max(layout.width, 320);
  const titleLines = o.title ? wrap(o.title, width - 32, 3, 14) : [];
  const band = titleLines.length ? 12 + titleLines.length * TITLE_LINE : 0;
  const height = layout.height + band;
  const out: string[] = [svgOpen(width, height, o.title ?? "Oorzakenboom")];
  titleLines.forEach((line, i) => out.push(`<text x="16" y="${22 + i * TITLE_LINE}" font-size="14" font-weight="700" fill="#1b1f24">${esc(line)}</text>`));
  out.push(`<g transform="translate(0,${band})">`);
  for (const l of layout.labels) out.push(`<text x="${n(l.x)}" y="${n(l.y)}" font-size="13" font-weight="700" fill="#4a5561">${esc(l.text)}</text>`);
  for (const e of layout.edges) out.push(`<path d="${e.d}" fill="none" stroke="#7a8794" stroke-width="1.4"/>`);
  for (const p of layout.nodes) {
    const node = p.node;
    const isTop = p.id === o.topId;
    const isContext = p.id === o.contextId;
    const isRoot = !isContext && (p.isRootCause || (o.rootIds.has(p.id) && p.childIds.length === 0));
    let s: NodeStyle = nodeStyle(node, isRoot, isTop);
    if (isContext) s = { ...s, fill: "#f4f6f8", stroke: "#7a8794", strokeWidth: 1, dash: "5 3", accent: "#b9c4cf", text: "#1b1f24", kindText: "#4a5561" };
    const kind = kindLabel(node, isRoot);
    const ref = o.refs.get(p.id);
    let footer = isRoot
      ? node.ecm
        ? (ecmCatalog.byCode.get(node.ecm)?.label ?? "onbekende ECM-code")
        : "nog geen ECM-code"
      : ref
        ? partsText(ref)
        : "";
    if (ref && p.hidden) {
      const counted = `${p.hidden} eronder, ${footer}`;
      if (fit(counted, p.w - 18, KIND_FONT) === counted) footer = counted;
    }
    const lines = wrap(node.label.trim() || "Nog geen omschrijving", p.w - 20, footer ? 4 : 5, LABEL_FONT);
    const cls = isTop ? "node top" : isRoot ? "node basisoorzaak" : isContext ? "node context" : `node ${node.kind}`;
    out.push(`<g class="${cls}" transform="translate(${n(p.x)},${n(p.y)})">`);
    out.push(
      `<rect width="${p.w}" height="${p.h}" rx="6" fill="${s.fill}" stroke="${s.stroke}" stroke-width="${s.strokeWidth}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/>`,
      `<rect width="5" height="${p.h}" rx="2" fill="${s.accent}"/>`,
    );
    let kindWidth = p.w - 16;
    if (isRoot) {
      const code = node.ecm ?? "?";
      const known = node.ecm ? ecmCatalog.byCode.get(node.ecm) : undefined;
      const pw = 12 + code.length * 7.6;
      kindWidth -= pw + 4;
      out.push(
        `<rect x="${n(p.w - pw - 6)}" y="5" width="${n(pw)}" height="17" rx="8" fill="${known ? GROUP_COLORS[known.group] : "#4a5561"}"/>`,
        `<text x="${n(p.w - 6 - pw / 2)}" y="17.5" font-size="11" font-weight="700" fill="#ffffff" text-anchor="middle">${esc(code)}</text>`,
      );
    }
    out.push(`<text x="13" y="17" font-size="${KIND_FONT}" font-weight="700" fill="${s.kindText}">${esc(fit(kind, kindWidth, KIND_FONT))}</text>`);
    lines.forEach((line, i) => out.push(`<text x="13" y="${n(35 + i * LINE)}" font-size="${LABEL_FONT}" fill="${s.text}">${esc(line)}</text>`));
    if (footer) {
      out.push(
        `<text x="13" y="${p.h - 8}" font-size="${KIND_FONT}"${isRoot ? "" : ' font-style="italic"'} fill="${s.kindText}">${esc(fit(footer, p.w - 18, KIND_FONT))}</text>`,
      );
    }
    out.push(`</g>`);
  }
  out.push(`</g></svg>`);
  return { svg: out.join(""), width, height };
}

const forest = (base: ResolvedTree, roots: readonly TreeNode[], recovery: readonly TreeNode[] = []): ResolvedTree => ({
  top: base.top,
  roots,
  criticalMoments: [],
  recovery,
  byId: base.byId,
  invalid: [],
});

const withChildren = (node: TreeNode, children: readonly TreeNode[]): TreeNode => ({ ...node, children });

interface Part {
  parent: TreeNode | null;
  group: TreeNode[];
}

/** SVG image(s) of the causal tree: one when it fits, else an overview and parts. */
export function causalTreeSvgs(fig: CausalTreeFigure, opts: { maxWidth?: number } = {}): TreeImage[] {
  const maxWidth = opts.maxWidth ?? MAX_TREE_WIDTH;
  const tree = resolveTree(figureToNodeData(fig));
  const rootIds = new Set(fig.nodes.filter((x) => x.rootCause).map((x) => x.id));
  const topId = tree.top?.id ?? null;
  const full = layoutTree(tree, TREE_LAYOUT);
  if (full.nodes.length === 0) {
    const empty = `${svgOpen(320, 60, "Oorzakenboom")}<text x="16" y="34" font-size="13" fill="#4a5561">Nog geen oorzakenboom.</text></svg>`;
    return [{ svg: empty, width: 320, height: 60, part: null, description: "" }];
  }
  if (full.width <= maxWidth) {
    return [{ ...drawTree(full, { title: null, topId, contextId: null, rootIds, refs: new Map() }), part: null, description: "" }];
  }

  const widthOf = (parent: TreeNode | null, group: readonly TreeNode[]): number =>
    layoutTree(forest(tree, parent ? [withChildren(parent, group)] : group), TREE_LAYOUT).width;
  const parts: Part[] = [];
  const owners: string[][] = [];
  /**
   * Runs of neighbouring children, each run drawn under `parent` within maxWidth. A child too wide
   * on its own is split one level down. Runs are balanced: as few as greedy filling needs, with
   * the widest as narrow as possible.
   */
  const split = (parent: TreeNode | null, children: readonly TreeNode[], owner: string | null): void => {
    const emit = (group: TreeNode[]) => {
      parts.push({ parent, group });
      owners.push(owner ? [owner] : group.map((g) => g.id));
    };
    let run: TreeNode[] = [];
    const flushRun = () => {
      if (run.length) for (const g of balance(parent, run)) emit(g);
      run = [];
    };
    for (const c of children) {
      if (widthOf(parent, [c]) > maxWidth && c.children.length > 0) {
        flushRun();
        split(c, c.children, owner ?? c.id);
      } else run.push(c);
    }
    flushRun();
  };
  const balance = (parent: TreeNode | null, run: TreeNode[]): TreeNode[][] => {
    const cache = new Map<string, number>();
    const w = (a: number, b: number) => {
      const key = `${a}:${b}`;
      let v = cache.get(key);
      if (v === undefined) cache.set(key, (v = widthOf(parent, run.slice(a, b))));
      return v;
    };
    // Greedy count of groups.
    let k = 0;
    for (let a = 0; a < run.length; k++) {
      let b = a + 1;
      while (b < run.length && w(a, b + 1) <= maxWidth) b++;
      a = b;
    }
    if (k <= 1) return [run];
    // best[i][j]: smallest possible widest group splitting run[0..i) into j groups.
    const m = run.length;
    const best: number[][] = Array.from({ length: m + 1 }, () => Array(k + 1).fill(Infinity));
    const cut: number[][] = Array.from({ length: m + 1 }, () => Array(k + 1).fill(0));
    best[0]![0] = 0;
    for (let j = 1; j <= k; j++) {
      for (let i = j; i <= m; i++) {
        for (let a = j - 1; a < i; a++) {
          const v = Math.max(best[a]![j - 1]!, w(a, i));
          if (v < best[i]![j]!) {
            best[i]![j] = v;
            cut[i]![j] = a;
          }
        }
      }
    }
    const groups: TreeNode[][] = [];
    for (let i = m, j = k; j > 0; j--) {
      const a = cut[i]![j]!;
      groups.unshift(run.slice(a, i));
      i = a;
    }
    return groups;
  };
  const heads = new Set<string>();
  const others = tree.roots.filter((r) => r !== tree.top);
  if (tree.top) {
    for (const c of tree.top.children) heads.add(c.id);
    split(tree.top, tree.top.children, null);
  }
  for (const r of others) heads.add(r.id);
  if (others.length) split(null, others, null);

  // One part is no split: the whole tree as one image, scaled down a little more.
  if (parts.length <= 1) {
    return [{ ...drawTree(full, { title: null, topId, contextId: null, rootIds, refs: new Map() }), part: null, description: "" }];
  }
  const refs = new Map<string, number[]>();
  owners.forEach((ids, i) => {
    for (const id of ids) refs.set(id, [...(refs.get(id) ?? []), i + 1]);
  });
  const total = parts.length;
  const images: TreeImage[] = [];
  const overview = layoutTree(tree, { ...TREE_LAYOUT, collapsed: heads });
  images.push({
    ...drawTree(overview, { title: "Overzicht: topgebeurtenis en directe oorzaken", topId, contextId: null, rootIds, refs }),
    part: "Overzicht",
    description: `Overzicht van de oorzakenboom: de topgebeurtenis met de directe oorzaken${tree.recovery.length ? " en de herstelfactoren" : ""}; de onderliggende oorzaken staan in ${total} delen.`,
  });
  parts.forEach((p, i) => {
    const label = p.parent ? p.parent.label.trim() || "Nog geen omschrijving" : "";
    const what = p.parent ? `oorzaken onder “${label}”` : "kritieke momenten en hun oorzaken";
    const title = `Deel ${i + 1} van ${total}: ${what}`;
    const layout = layoutTree(forest(tree, p.parent ? [withChildren(p.parent, p.group)] : p.group), TREE_LAYOUT);
    images.push({
      ...drawTree(layout, { title, topId: p.parent?.id === topId ? null : topId, contextId: p.parent?.id ?? null, rootIds, refs: new Map() }),
      part: `Deel ${i + 1} van ${total}`,
      description: `Deel ${i + 1} van ${total} van de oorzakenboom: ${what}.`,
    });
  });
  return images;
}
