// The report's figures: well-formed SVG with escaped user text, one lane per party, one mark per
// event, root causes on the bottom row with their ECM code, and a PNG fallback.
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import type { CausalTreeFigure, ProfileFigure, SwimlaneFigure } from "../../app/domain/report/model.ts";
import { causalTreeSvgs, MAX_TREE_WIDTH } from "../../server/export/figure-tree.ts";
import { figureSvgs, MAX_PNG_SIDE, svgToPng } from "../../server/export/figures.server.ts";
import { profileSvg } from "../../server/export/figure-profile.ts";
import { swimlaneSvg } from "../../server/export/figure-swimlane.ts";
import { esc } from "../../server/export/svg.ts";
import { demoReportModel } from "../fixtures/report-model.ts";

const HOSTILE = `<script>alert("x")</script> & Co 'q' \u0001`;

/** Parses strictly: any warning or error fails the test. */
function parse(svg: string): Document {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) },
  }).parseFromString(svg, "image/svg+xml") as unknown as Document;
  expect(problems).toEqual([]);
  expect(doc.documentElement.nodeName).toBe("svg");
  return doc;
}

function all(doc: Document, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
}

const withClass = (doc: Document, tag: string, cls: string) => all(doc, tag).filter((e) => (e.getAttribute("class") ?? "").split(" ").includes(cls));
const textOf = (doc: Document) => all(doc, "text").map((t) => t.textContent ?? "").join("\n");
const translateY = (e: Element) => Number(/translate\([^,]+,([^)]+)\)/.exec(e.getAttribute("transform") ?? "")?.[1]);

function figure<K extends "swimlane" | "causal_tree" | "profile">(model: ReturnType<typeof demoReportModel>, kind: K) {
  for (const c of model.chapters) for (const i of c.items) for (const b of i.blocks) if (b.type === "figure" && b.figure.kind === kind) return b.figure as Extract<SwimlaneFigure | CausalTreeFigure | ProfileFigure, { kind: K }>;
  throw new Error(`no ${kind} figure`);
}

describe("esc", () => {
  it("escapes markup and drops characters XML does not allow", () => {
    expect(esc(`<a href="x">&'\u0001\u0008\ud800`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    expect(esc("Cliënt 😀")).toBe("Cliënt 😀");
  });
});

describe("swimlane figure", () => {
  it("draws one lane per party and one mark per event, critical moments distinct", () => {
    const fig = figure(demoReportModel({ events: 60 }), "swimlane");
    const out = swimlaneSvg(fig);
    const doc = parse(out.svg);
    expect(withClass(doc, "g", "lane")).toHaveLength(fig.lanes.length);
    expect(withClass(doc, "g", "ev")).toHaveLength(fig.events.length);
    expect(withClass(doc, "g", "kritiek")).toHaveLength(fig.events.filter((e) => e.critical).length);
    expect(withClass(doc, "rect", "period")).toHaveLength(fig.periods.length);
    expect(out.drawn).toBe(60);
    expect(out.skipped).toBe(0);
    const text = textOf(doc);
    for (const year of ["2021", "2022", "2023", "2024"]) expect(text).toContain(year);
    for (const domain of new Set(fig.lanes.map((l) => l.domain))) expect(text).toContain(domain.split(" ")[0]);
  });

  it("stays one page wide at 1,000 events over 15 lanes", () => {
    const base = figure(demoReportModel({ events: 1000 }), "swimlane");
    const fig: SwimlaneFigure = {
      ...base,
      lanes: [...base.lanes, { id: "x1", name: "Extra partij 1", domain: "Eigen domein" }, { id: "x2", name: "Extra partij 2", domain: "Eigen domein" }],
    };
    const out = swimlaneSvg(fig);
    const doc = parse(out.svg);
    expect(withClass(doc, "g", "lane")).toHaveLength(15);
    expect(withClass(doc, "g", "ev")).toHaveLength(1000);
    expect(out.width).toBe(1200);
    expect(out.height).toBeLessThan(900);
  });

  it("escapes hostile text and keeps events with an unknown lane or date visible or counted", () => {
    const fig: SwimlaneFigure = {
      kind: "swimlane",
      lanes: [{ id: "a", name: HOSTILE, domain: `Gezin & <b>` }],
      periods: [{ label: HOSTILE, start: "2023-01", end: "2023-06" }],
      events: [
        { lane: "a", start: "2023-02-01", end: null, critical: true, label: HOSTILE },
        { lane: "a", start: "2023-03", end: "2023-05-01", critical: false, label: "bar" },
        { lane: "onbekend", start: "2023-04-01T10:00", end: null, critical: false, label: "elders" },
        { lane: "a", start: "ooit", end: null, critical: false, label: "zonder datum" },
      ],
    };
    const out = swimlaneSvg(fig);
    const doc = parse(out.svg);
    expect(all(doc, "script")).toHaveLength(0);
    expect(out.svg).not.toContain("<script");
    expect(textOf(doc)).toContain("<script>");
    expect(textOf(doc)).toContain("Gezin & <b>");
    expect(withClass(doc, "g", "lane")).toHaveLength(2); // the unknown lane gets an "Overige" lane
    expect(withClass(doc, "g", "ev")).toHaveLength(3);
    expect(out.skipped).toBe(1);
    expect(textOf(doc)).toContain("1 feit zonder geldige datum niet getekend.");
  });
});

describe("causal tree figure", () => {
  it("draws a small tree as one image with the root causes on the bottom row and their ECM codes", () => {
    const fig = figure(demoReportModel({ causes: 10 }), "causal_tree");
    const images = causalTreeSvgs(fig);
    expect(images).toHaveLength(1);
    const doc = parse(images[0]!.svg);
    const nodes = withClass(doc, "g", "node");
    expect(nodes).toHaveLength(fig.nodes.length);
    const roots = withClass(doc, "g", "basisoorzaak");
    const expected = fig.nodes.filter((x) => x.rootCause);
    expect(roots).toHaveLength(expected.length);
    const bottom = Math.max(...nodes.map(translateY));
    for (const r of roots) expect(translateY(r)).toBe(bottom);
    const text = textOf(doc);
    for (const r of expected) expect(text).toContain(r.ecmCode!);
    expect(withClass(doc, "g", "top")).toHaveLength(1);
    expect(text).toContain("Herstelfactoren");
    expect(withClass(doc, "g", "recovery")).toHaveLength(2);
  });

  it("splits a tree of 80 causes into an overview and parts that each fit a landscape page", () => {
    const fig = figure(demoReportModel({ causes: 80 }), "causal_tree");
    const images = causalTreeSvgs(fig);
    expect(images.length).toBeGreaterThan(2);
    expect(images[0]!.part).toBe("Overzicht");
    const expected = fig.nodes.filter((x) => x.rootCause);
    let rootsDrawn = 0;
    for (const img of images.slice(1)) {
      expect(img.width).toBeLessThanOrEqual(MAX_TREE_WIDTH);
      const doc = parse(img.svg);
      const roots = withClass(doc, "g", "basisoorzaak");
      const bottom = Math.max(...withClass(doc, "g", "node").map(translateY));
      for (const r of roots) expect(translateY(r)).toBe(bottom);
      rootsDrawn += roots.length;
    }
    expect(rootsDrawn).toBe(expected.length);
    // The overview tells where each branch continues.
    expect(textOf(parse(images[0]!.svg))).toMatch(/zie deel 1/);
  });

  it("escapes hostile labels", () => {
    const fig: CausalTreeFigure = {
      kind: "causal_tree",
      nodes: [
        { id: "t", parentId: null, kind: "top", label: HOSTILE, ecmCode: null, rootCause: false, recoveryType: null },
        { id: "c", parentId: "t", kind: "cause", label: `</text><script>x</script>`, ecmCode: "<OP>", rootCause: true, recoveryType: null },
      ],
    };
    const [img] = causalTreeSvgs(fig);
    const doc = parse(img!.svg);
    expect(all(doc, "script")).toHaveLength(0);
    expect(textOf(doc)).toContain("<OP>");
  });
});

describe("profile figure", () => {
  it("draws one bar per ECM main group with count and percentage", () => {
    const fig: ProfileFigure = {
      kind: "profile",
      groups: [
        { id: "organisatorisch", label: "Organisatorisch", count: 6, share: 0.5, color: "#0b5cad" },
        { id: "menselijk", label: "Menselijk", count: 4, share: 1 / 3, color: "#a4262c" },
        { id: "clientgebonden", label: `Cliënt <gebonden>`, count: 2, share: 1 / 6, color: `red" onload="x` },
        { id: "overig", label: "Overig", count: 0, share: 0, color: "#4a5561" },
      ],
    };
    const out = profileSvg(fig);
    const doc = parse(out.svg);
    expect(withClass(doc, "g", "bar")).toHaveLength(4);
    const text = textOf(doc);
    expect(text).toContain("6 (50%)");
    expect(text).toContain("4 (33%)");
    expect(text).toContain("0 (0%)");
    expect(text).toContain("Cliënt <gebonden>");
    expect(text).toContain("12 basisoorzaken met een ECM-code");
    expect(out.svg).not.toContain("onload");
  });
});

describe("empty figures", () => {
  it("draw without data instead of failing the export", () => {
    for (const img of [
      ...figureSvgs({ kind: "swimlane", lanes: [], periods: [], events: [] }),
      ...figureSvgs({ kind: "causal_tree", nodes: [] }),
      ...figureSvgs({ kind: "profile", groups: [] }),
    ]) {
      parse(img.svg);
      expect(img.width).toBeGreaterThan(0);
      expect(img.height).toBeGreaterThan(0);
    }
  });
});

describe("PNG fallback", () => {
  it("rasterises every figure of the demo report to a PNG of sane size", async () => {
    const model = demoReportModel();
    for (const kind of ["swimlane", "causal_tree", "profile"] as const) {
      for (const img of figureSvgs(figure(model, kind))) {
        const { png, width, height } = await svgToPng(img.svg, img);
        expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        expect(width).toBeGreaterThanOrEqual(img.width);
        expect(Math.max(width, height)).toBeLessThanOrEqual(MAX_PNG_SIDE + 1);
        expect(png.readUInt32BE(16)).toBe(width);
        expect(png.readUInt32BE(20)).toBe(height);
      }
    }
  });
});
