// Automatic layout of the causal tree / why-chains: a tidy tree (Reingold–Tilford style, with
// per-level contours) for each root, forests placed side by side, the recovery side
// (herstelfactoren) as its own forest after the cause side. Pure: the browser renders the result
// as SVG, the export draws the same result into a standalone SVG/PNG.
//
// PRISMA draws root causes (basisoorzaken) as the bottom row; with `leavesToBottom` a cause
// without causes beneath it is placed on the deepest level of its tree, and its contour reserves
// every level in between so no other node can land on the long edge.
import { rootCauses, type ResolvedTree, type TreeNode } from "./tree.ts";

export type Orientation = "vertical" | "horizontal";

export interface LayoutOptions {
  orientation: Orientation;
  /** Node box size in screen units (same in both orientations). */
  nodeWidth: number;
  nodeHeight: number;
  /** Gap between neighbouring subtrees on one level (breadth direction). */
  siblingGap: number;
  /** Gap between levels (depth direction). */
  levelGap: number;
  /** Gap between separate trees of one side (e.g. two critical moments). */
  treeGap: number;
  /** Gap between the cause side and the recovery side. */
  sideGap: number;
  leavesToBottom: boolean;
  /** Node ids whose children are hidden. */
  collapsed: ReadonlySet<string>;
  /** Outer margin around the drawing. */
  margin: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  orientation: "vertical",
  nodeWidth: 184,
  nodeHeight: 90,
  siblingGap: 14,
  levelGap: 40,
  treeGap: 40,
  sideGap: 72,
  leavesToBottom: true,
  collapsed: new Set(),
  margin: 24,
};

export interface PlacedNode {
  readonly id: string;
  readonly node: TreeNode;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** 1-based level for aria-level (roots are 1). */
  readonly level: number;
  /** Shown children (none when collapsed). */
  readonly childIds: readonly string[];
  readonly parentId: string | null;
  /** Number of nodes hidden beneath a collapsed node. */
  readonly hidden: number;
  readonly side: "cause" | "recovery";
  /** Position among shown siblings (1-based) and their count, for aria-posinset/aria-setsize. */
  readonly posInSet: number;
  readonly setSize: number;
  readonly isRootCause: boolean;
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  /** SVG path data (orthogonal elbow). */
  readonly d: string;
}

export interface SideLabel {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

export interface TreeLayout {
  /** Visible nodes in pre-order: cause side first, then the recovery side. */
  readonly nodes: readonly PlacedNode[];
  readonly byId: ReadonlyMap<string, PlacedNode>;
  readonly edges: readonly PlacedEdge[];
  readonly labels: readonly SideLabel[];
  readonly width: number;
  readonly height: number;
  readonly orientation: Orientation;
}

type Extent = [number, number];

interface Shape {
  /** Per relative level: [min, max] breadth extent relative to the root's centre. */
  contour: Extent[];
  /** Relative breadth centre and absolute level of every node in the subtree. */
  places: { id: string; b: number; level: number }[];
}

/** Shifts `right` so that it clears `left` on every shared level by `gap`; returns the shift. */
function clearance(left: Extent[], right: Extent[], gap: number): number {
  let shift = -Infinity;
  const n = Math.min(left.length, right.length);
  for (let l = 0; l < n; l++) shift = Math.max(shift, left[l]![1] + gap - right[l]![0]);
  return shift === -Infinity ? 0 : shift;
}

function mergeInto(acc: Extent[], add: Extent[], shift: number): void {
  for (let l = 0; l < add.length; l++) {
    const [a, b] = add[l]!;
    if (l < acc.length) acc[l] = [Math.min(acc[l]![0], a + shift), Math.max(acc[l]![1], b + shift)];
    else acc.push([a + shift, b + shift]);
  }
}

/** Places shapes left to right with the given gap; returns the merged shape with offsets applied. */
function row(shapes: Shape[], gap: number): { contour: Extent[]; offsets: number[] } {
  const contour: Extent[] = shapes[0]!.contour.map((e) => [e[0], e[1]] as Extent);
  const offsets = [0];
  for (let i = 1; i < shapes.length; i++) {
    const s = shapes[i]!;
    // Never closer than the previous sibling's centre: keeps order even with odd contours.
    const shift = Math.max(clearance(contour, s.contour, gap), offsets[i - 1]!);
    offsets.push(shift);
    mergeInto(contour, s.contour, shift);
  }
  return { contour, offsets };
}

export function visibleChildren(node: TreeNode, collapsed: ReadonlySet<string>): readonly TreeNode[] {
  return collapsed.has(node.id) ? [] : node.children;
}

function countBelow(node: TreeNode): number {
  let n = 0;
  const stack = [...node.children];
  while (stack.length) {
    const c = stack.pop()!;
    n++;
    stack.push(...c.children);
  }
  return n;
}

/**
 * Lays out the resolved tree. Roots of the cause side: the top event, critical moments and loose
 * causes (as resolveTree orders them); the recovery side follows.
 */
export function layoutTree(tree: ResolvedTree, opts: Partial<LayoutOptions> = {}): TreeLayout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT, ...opts };
  const vertical = o.orientation === "vertical";
  const breadth = vertical ? o.nodeWidth : o.nodeHeight;
  const step = (vertical ? o.nodeHeight : o.nodeWidth) + o.levelGap;
  const rootCauseIds = new Set(rootCauses(tree).map((n) => n.id));

  const maxDepthOf = (root: TreeNode): number => {
    let max = 0;
    const stack: [TreeNode, number][] = [[root, 0]];
    while (stack.length) {
      const [n, d] = stack.pop()!;
      max = Math.max(max, d);
      for (const c of visibleChildren(n, o.collapsed)) stack.push([c, d + 1]);
    }
    return max;
  };

  const shapeOf = (node: TreeNode, level: number, bottom: number): Shape => {
    const half = breadth / 2;
    const kids = visibleChildren(node, o.collapsed);
    if (kids.length === 0) {
      const levels = o.leavesToBottom && rootCauseIds.has(node.id) ? Math.max(1, bottom - level + 1) : 1;
      return {
        contour: Array.from({ length: levels }, () => [-half, half] as Extent),
        places: [{ id: node.id, b: 0, level: levels > 1 ? bottom : level }],
      };
    }
    const shapes = kids.map((k) => shapeOf(k, level + 1, bottom));
    const { contour, offsets } = row(shapes, o.siblingGap);
    const centre = (offsets[0]! + offsets[offsets.length - 1]!) / 2;
    const places: Shape["places"] = [{ id: node.id, b: 0, level }];
    shapes.forEach((s, i) => {
      for (const p of s.places) places.push({ id: p.id, b: p.b + offsets[i]! - centre, level: p.level });
    });
    return { contour: [[-half, half], ...contour.map(([a, b]) => [a - centre, b - centre] as Extent)], places };
  };

  /** A side: its roots laid out as one row of trees. */
  const sideShape = (roots: readonly TreeNode[]): Shape | null => {
    if (roots.length === 0) return null;
    const shapes = roots.map((r) => shapeOf(r, 0, maxDepthOf(r)));
    const { contour, offsets } = row(shapes, o.treeGap);
    const places: Shape["places"] = [];
    shapes.forEach((s, i) => {
      for (const p of s.places) places.push({ id: p.id, b: p.b + offsets[i]!, level: p.level });
    });
    return { contour, places };
  };

  const causeSide = sideShape(tree.roots);
  const recoverySide = sideShape(tree.recovery);
  const showLabels = recoverySide !== null;
  const labelBand = showLabels ? 30 : 0;

  // Breadth placement of the two sides, then conversion to x/y.
  const bPos = new Map<string, { b: number; level: number }>();
  const labels: SideLabel[] = [];
  let cursor = 0;
  const placeSide = (shape: Shape | null, text: string) => {
    if (!shape) return;
    const min = Math.min(...shape.contour.map((e) => e[0]));
    const max = Math.max(...shape.contour.map((e) => e[1]));
    const shift = cursor - min;
    for (const p of shape.places) {
      bPos.set(p.id, { b: p.b + shift, level: p.level });
    }
    if (showLabels) {
      labels.push(
        vertical
          ? { text, x: o.margin + cursor, y: o.margin + 18 }
          : { text, x: o.margin, y: o.margin + cursor + 18 },
      );
    }
    cursor = shift + max + o.sideGap + (vertical ? 0 : labelBand);
  };
  placeSide(causeSide, tree.criticalMoments.length > 0 && !tree.top ? "Kritieke momenten en oorzaken" : "Oorzaken");
  placeSide(recoverySide, "Herstelfactoren");

  const placed: PlacedNode[] = [];
  const byId = new Map<string, PlacedNode>();
  const visit = (node: TreeNode, parentId: string | null, level: number, pos: number, size: number) => {
    const p = bPos.get(node.id)!;
    const kids = visibleChildren(node, o.collapsed);
    const bb = p.b - breadth / 2;
    const dd = p.level * step;
    const x = o.margin + (vertical ? bb : dd);
    const y = o.margin + (vertical ? dd : bb) + labelBand;
    const pn: PlacedNode = {
      id: node.id,
      node,
      x,
      y,
      w: o.nodeWidth,
      h: o.nodeHeight,
      level,
      childIds: kids.map((k) => k.id),
      parentId,
      hidden: kids.length === 0 && node.children.length > 0 ? countBelow(node) : 0,
      side: node.side,
      posInSet: pos,
      setSize: size,
      isRootCause: rootCauseIds.has(node.id),
    };
    placed.push(pn);
    byId.set(node.id, pn);
    kids.forEach((k, i) => visit(k, node.id, level + 1, i + 1, kids.length));
  };
  tree.roots.forEach((r, i) => visit(r, null, 1, i + 1, tree.roots.length));
  tree.recovery.forEach((r, i) => visit(r, null, 1, i + 1, tree.recovery.length));

  const edges: PlacedEdge[] = [];
  for (const n of placed) {
    for (const cid of n.childIds) {
      const c = byId.get(cid)!;
      edges.push({ from: n.id, to: cid, d: elbow(n, c, vertical, o.levelGap) });
    }
  }

  let width = 0;
  let height = 0;
  for (const n of placed) {
    width = Math.max(width, n.x + n.w);
    height = Math.max(height, n.y + n.h);
  }
  for (const l of labels) {
    width = Math.max(width, l.x + 160);
    height = Math.max(height, l.y + 8);
  }
  return {
    nodes: placed,
    byId,
    edges,
    labels,
    width: placed.length ? width + o.margin : 0,
    height: placed.length ? height + o.margin : 0,
    orientation: o.orientation,
  };
}

function elbow(p: PlacedNode, c: PlacedNode, vertical: boolean, gap: number): string {
  if (vertical) {
    const x1 = p.x + p.w / 2;
    const y1 = p.y + p.h;
    const x2 = c.x + c.w / 2;
    const y2 = c.y;
    const mid = y1 + gap / 2;
    return x1 === x2 ? `M${x1},${y1}V${y2}` : `M${x1},${y1}V${mid}H${x2}V${y2}`;
  }
  const x1 = p.x + p.w;
  const y1 = p.y + p.h / 2;
  const x2 = c.x;
  const y2 = c.y + c.h / 2;
  const mid = x1 + gap / 2;
  return y1 === y2 ? `M${x1},${y1}H${x2}` : `M${x1},${y1}H${mid}V${y2}H${x2}`;
}

/** Visible nodes in pre-order (cause side, then recovery side). */
export function* walkVisible(tree: ResolvedTree, collapsed: ReadonlySet<string>): Generator<TreeNode> {
  const stack = [...tree.roots, ...tree.recovery].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    const kids = visibleChildren(n, collapsed);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** Picks an orientation: top-down (PRISMA's own picture) while it fits, left-to-right for wide trees. */
export function autoOrientation(tree: ResolvedTree, collapsed: ReadonlySet<string>, viewportWidth: number): Orientation {
  const vertical = layoutTree(tree, { orientation: "vertical", collapsed });
  return vertical.width <= Math.max(viewportWidth * 1.6, 900) ? "vertical" : "horizontal";
}

// ---------------------------------------------------------------------------------------------
// Text in boxes: SVG text does not wrap, so lines are computed (also for the export).

export type Measure = (text: string) => number;

/** A rough width for when no canvas is available (server render, tests): system-ui at 13px. */
export function approximateMeasure(fontSize: number): Measure {
  return (text) => {
    let w = 0;
    for (const ch of text) w += /[ilj.,;:'!|]/.test(ch) ? 0.28 : /[mwMW]/.test(ch) ? 0.85 : /[A-Z]/.test(ch) ? 0.66 : 0.54;
    return w * fontSize;
  };
}

/** Wraps into at most `maxLines` lines of `maxWidth`; the last line ends in "…" when text is cut. */
export function wrapText(text: string, maxWidth: number, maxLines: number, measure: Measure): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let current = "";
  let i = 0;
  const fitWord = (w: string): string => {
    // A single word wider than the box is cut.
    let cut = w;
    while (cut.length > 1 && measure(cut + "…") > maxWidth) cut = cut.slice(0, -1);
    return cut === w ? w : cut + "…";
  };
  for (; i < words.length; i++) {
    const word = words[i]!;
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current) {
      lines.push(current);
      current = "";
      if (lines.length === maxLines) break;
    }
    if (measure(word) <= maxWidth) current = word;
    else {
      lines.push(fitWord(word));
      if (lines.length === maxLines) {
        i++;
        break;
      }
    }
  }
  if (current && lines.length < maxLines) {
    lines.push(current);
    current = "";
  }
  const cut = i < words.length || current !== "";
  if (cut && lines.length) {
    let last = lines[lines.length - 1]!;
    while (last.length > 1 && measure(last + "…") > maxWidth) last = last.slice(0, -1).trimEnd();
    lines[lines.length - 1] = last.endsWith("…") ? last : last + "…";
  }
  return lines;
}
