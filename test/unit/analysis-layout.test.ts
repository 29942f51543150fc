// The tidy-tree layout of the analysis page (app/domain/analysis/layout.ts): no two boxes
// overlap, parents sit above (or left of) their children, root causes form the bottom row, and
// collapsed subtrees disappear from the drawing.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addChild, addRecovery, addTop, readTree, setEcm, type EditContext } from "../../app/domain/analysis/index.ts";
import { approximateMeasure, layoutTree, walkVisible, wrapText, type TreeLayout } from "../../app/domain/analysis/layout.ts";
import { exportFilename, treeToSvg } from "../../app/components/analysis/export.ts";

function ctx(): EditContext {
  let n = 0;
  let t = Date.parse("2026-01-01T00:00:00Z");
  return {
    userId: "u",
    newId: () => `n${String(++n).padStart(4, "0")}`,
    now: () => new Date((t += 1000)),
  };
}

/** A random tree of `size` causes under one top event, deterministic per seed. */
function randomTree(size: number, seed: number) {
  const doc = new Y.Doc();
  const c = ctx();
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids = [addTop(doc, c, { label: "Top" })];
  for (let i = 0; i < size; i++) {
    const parent = ids[Math.floor(rand() * ids.length)]!;
    ids.push(addChild(doc, c, parent, { label: `Oorzaak ${i} met een wat langere omschrijving` }));
  }
  const r = addRecovery(doc, c, { label: "Herstel", recoveryType: "gepland" });
  addRecovery(doc, c, { label: "Herstel 2", parent: r });
  return doc;
}

function overlaps(layout: TreeLayout): string[] {
  const out: string[] = [];
  const ns = layout.nodes;
  for (let i = 0; i < ns.length; i++) {
    for (let j = i + 1; j < ns.length; j++) {
      const a = ns[i]!;
      const b = ns[j]!;
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

describe("layoutTree", () => {
  for (const orientation of ["vertical", "horizontal"] as const) {
    it(`places 80 nodes without overlap (${orientation})`, () => {
      for (const seed of [1, 7, 42]) {
        const tree = readTree(randomTree(80, seed));
        const layout = layoutTree(tree, { orientation });
        expect(layout.nodes.length).toBe(83);
        expect(overlaps(layout)).toEqual([]);
        for (const n of layout.nodes) {
          for (const cid of n.childIds) {
            const c = layout.byId.get(cid)!;
            if (orientation === "vertical") expect(c.y).toBeGreaterThan(n.y + n.h);
            else expect(c.x).toBeGreaterThan(n.x + n.w);
          }
          expect(n.x).toBeGreaterThanOrEqual(0);
          expect(n.y).toBeGreaterThanOrEqual(0);
          expect(n.x + n.w).toBeLessThanOrEqual(layout.width);
          expect(n.y + n.h).toBeLessThanOrEqual(layout.height);
        }
      }
    });
  }

  it("puts every root cause of the cause side on the bottom row", () => {
    const tree = readTree(randomTree(40, 3));
    const layout = layoutTree(tree, { orientation: "vertical" });
    const causeNodes = layout.nodes.filter((n) => n.side === "cause");
    const bottom = Math.max(...causeNodes.map((n) => n.y));
    for (const n of causeNodes) if (n.isRootCause) expect(n.y).toBe(bottom);
  });

  it("hides collapsed subtrees and counts what is hidden", () => {
    const doc = new Y.Doc();
    const c = ctx();
    const top = addTop(doc, c, { label: "Top" });
    const a = addChild(doc, c, top, { label: "A" });
    addChild(doc, c, a, { label: "A1" });
    addChild(doc, c, a, { label: "A2" });
    const tree = readTree(doc);
    const layout = layoutTree(tree, { collapsed: new Set([a]) });
    expect(layout.nodes.map((n) => n.node.label)).toEqual(["Top", "A"]);
    expect(layout.byId.get(a)!.hidden).toBe(2);
    expect([...walkVisible(tree, new Set([a]))].map((n) => n.label)).toEqual(["Top", "A"]);
  });

  it("gives aria positions among siblings", () => {
    const doc = new Y.Doc();
    const c = ctx();
    const top = addTop(doc, c, { label: "Top" });
    addChild(doc, c, top, { label: "A" });
    addChild(doc, c, top, { label: "B" });
    const layout = layoutTree(readTree(doc));
    const b = layout.nodes.find((n) => n.node.label === "B")!;
    expect([b.level, b.posInSet, b.setSize]).toEqual([2, 2, 2]);
  });
});

describe("wrapText", () => {
  const m = approximateMeasure(13);
  it("wraps words and cuts with an ellipsis", () => {
    const lines = wrapText("De wijkcoach wist niet dat de jeugdhulpaanbieder de zorg al had beëindigd en belde daarom niemand", 150, 3, m);
    expect(lines.length).toBe(3);
    expect(lines[2]!.endsWith("…")).toBe(true);
    for (const l of lines) expect(m(l)).toBeLessThanOrEqual(150);
  });
  it("keeps short text on one line and cuts a too-long word", () => {
    expect(wrapText("Kort", 150, 3, m)).toEqual(["Kort"]);
    const [line] = wrapText("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 80, 3, m);
    expect(line!.endsWith("…")).toBe(true);
  });
});

describe("treeToSvg (export for the report)", () => {
  it("draws every node with its full label as a title, escaped, with the ECM code", () => {
    const doc = new Y.Doc();
    const c = ctx();
    const top = addTop(doc, c, { label: "Val <bewoner> & \"letsel\"" });
    const a = addChild(doc, c, top, { label: "Protocol onbekend" });
    setEcm(doc, c, a, "OP");
    const tree = readTree(doc);
    const svg = treeToSvg(layoutTree(tree), { title: "Oorzakenboom – test", topId: tree.top!.id, measure: approximateMeasure(13) });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain("<title>Topgebeurtenis: Val &lt;bewoner&gt; &amp; &quot;letsel&quot;</title>");
    expect(svg).toContain("<title>Basisoorzaak: Protocol onbekend</title>");
    expect(svg).toContain(">OP</text>");
    expect(svg).not.toMatch(/<[^>]*<[^/]/); // no tag opened inside another tag
  });
  it("makes a safe file name", () => {
    expect(exportFilename("Overlijden moeder, gezin Noord (demo)", "png")).toBe("oorzakenboom-overlijden-moeder-gezin-noord-demo.png");
    expect(exportFilename("", "svg")).toBe("oorzakenboom.svg");
  });
});
