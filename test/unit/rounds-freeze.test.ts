// Freezing a document for a round: from the Y.Doc (TipTap's Y.XmlFragment shapes) to plain,
// hashable data with stable ids, and the pointers reactions can use.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { canonicalJson, parseFrozen, parsePointer, pointerLabel, pointerOptions } from "../../app/domain/rounds/frozen.ts";
import { fragmentBlocks, freezeDraftReport, freezeInterview } from "../../app/domain/rounds/freeze.ts";
import { REPORT_ITEMS } from "../../app/domain/rounds/report-items.ts";
import { fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { fillDemoAnalysis } from "../../app/domain/analysis/demo-analysis.ts";
import { readMeasures, readTree, rootCauses } from "../../app/domain/analysis/index.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

function el(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, unknown> = {}) {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v as string);
  e.insert(0, children);
  return e;
}
const p = (text: string) => el("paragraph", [new Y.XmlText(text)]);

function verslagDoc(interviewId: string) {
  const doc = new Y.Doc();
  doc.getXmlFragment(`interview:${interviewId}`).insert(0, [
    el("heading", [new Y.XmlText("Aanleiding")], { level: 3 }),
    p("Het gesprek vond plaats op het kantoor van het wijkteam."),
    p("   "), // empty: left out
    el("paragraph", [new Y.XmlText("Eerste regel"), new Y.XmlElement("hardBreak"), new Y.XmlText("tweede regel")]),
    el("bulletList", [el("listItem", [p("Punt een")]), el("listItem", [p("Punt twee")])]),
    el("blockquote", [p("Dat wist ik niet.")]),
  ]);
  return doc;
}

const facts = { personFunction: "Casusregisseur", initials: "J.B.", organisation: "Wijkteam Noord", relation: "casusregie", heldOn: "maandag 2 maart 2026", interviewers: "P. de Vries" };

describe("rounds: freezing a TipTap fragment", () => {
  it("keeps the text blocks in order, with their kind, and leaves empty ones out", () => {
    const doc = verslagDoc("i1");
    const blocks = fragmentBlocks(doc.getXmlFragment("interview:i1"));
    expect(blocks.map((b) => [b.type, b.text])).toEqual([
      ["heading", "Aanleiding"],
      ["paragraph", "Het gesprek vond plaats op het kantoor van het wijkteam."],
      ["paragraph", "Eerste regel\ntweede regel"],
      ["listItem", "Punt een"],
      ["listItem", "Punt twee"],
      ["quote", "Dat wist ik niet."],
    ]);
    expect(blocks[0].level).toBe(3);
  });

  it("gives every block an id that is the same in every copy of the document and survives edits", () => {
    const a = verslagDoc("i1");
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const before = fragmentBlocks(a.getXmlFragment("interview:i1"));
    expect(fragmentBlocks(b.getXmlFragment("interview:i1")).map((x) => x.id)).toEqual(before.map((x) => x.id));
    expect(new Set(before.map((x) => x.id)).size).toBe(before.length);

    // Someone corrects the second paragraph: same id, new text.
    const para = a.getXmlFragment("interview:i1").get(1) as Y.XmlElement;
    (para.get(0) as Y.XmlText).insert(0, "Let op: ");
    const after = fragmentBlocks(a.getXmlFragment("interview:i1"));
    expect(after[1]).toEqual({ ...before[1], text: `Let op: ${before[1].text}` });
  });

  it("an interview report: facts, one section, and a hash that changes with the text only", () => {
    const doc = verslagDoc("i1");
    const frozen = freezeInterview(doc, "i1", facts);
    expect(frozen.title).toBe("Verslag van het gesprek met Casusregisseur J.B., Wijkteam Noord");
    expect(frozen.facts.find((f) => f.label === "Datum gesprek")?.value).toBe("maandag 2 maart 2026");
    expect(frozen.sections).toHaveLength(1);
    expect(parseFrozen(JSON.parse(JSON.stringify(frozen)))).toEqual(frozen); // survives jsonb

    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(sha(canonicalJson(freezeInterview(copy, "i1", facts)))).toBe(sha(canonicalJson(frozen)));
    ((doc.getXmlFragment("interview:i1").get(1) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "x");
    expect(sha(canonicalJson(freezeInterview(doc, "i1", facts)))).not.toBe(sha(canonicalJson(frozen)));
  });

  it("another interview's verslag is not part of it", () => {
    const doc = verslagDoc("i1");
    doc.getXmlFragment("interview:i2").insert(0, [p("Geheim ander gesprek")]);
    expect(JSON.stringify(freezeInterview(doc, "i1", facts))).not.toContain("Geheim");
  });
});

describe("rounds: freezing the draft report", () => {
  it("has every Bijlage 1 item with its heading, empty ones included, the timeline under 5a, and never item 1a", () => {
    const doc = new Y.Doc();
    const demo = fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
    doc.getXmlFragment("section:7a").insert(0, [p("De signalen werden niet gedeeld.")]);
    doc.getXmlFragment("section:1a").insert(0, [p("M. Voorbeeld, geboren 12-04-1989")]);
    const frozen = freezeDraftReport(doc, { title: "Conceptrapport" });
    expect(frozen.sections.map((s) => s.id)).toEqual(REPORT_ITEMS.map((i) => i.id));
    const s7a = frozen.sections.find((s) => s.id === "7a")!;
    expect(s7a.heading).toBe("Conclusies");
    expect(s7a.group).toBe("Analyse van de bevindingen");
    expect(s7a.blocks.map((b) => b.text)).toEqual(["De signalen werden niet gedeeld."]);
    expect(frozen.sections.find((s) => s.id === "4c")!.blocks).toEqual([]);
    const s5a = frozen.sections.find((s) => s.id === "5a")!;
    expect(s5a.events!.length).toBe(demo.eventIds.length);
    expect(new Set(s5a.events!.map((e) => e.id))).toEqual(new Set(demo.eventIds));
    expect(s5a.events![0].date).toMatch(/\d{4}/);
    const s1a = frozen.sections.find((s) => s.id === "1a")!;
    expect(s1a.blocks).toEqual([]);
    expect(s1a.note).toMatch(/alleen in het rapport aan de toezichthouder/);
    expect(JSON.stringify(frozen)).not.toContain("Voorbeeld");
  });

  it("a section stored as another Yjs type reads as empty instead of failing", () => {
    const doc = new Y.Doc();
    doc.getText("section:5b").insert(0, "platte tekst");
    expect(freezeDraftReport(doc, { title: "Conceptrapport" }).sections.find((s) => s.id === "5b")!.blocks).toEqual([]);
  });
});

describe("rounds: freezing the draft from the report model", () => {
  const reportInput: ReportInput = {
    audience: "ketenpartners",
    investigation: {
      id: "inv-1",
      title: "Overlijden moeder",
      kind: "calamiteit",
      legalFrame: "wmo",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-09-01",
      reportedDate: "2026-09-03",
      supervisor: "toezicht_wmo",
      supervisorMunicipality: "Utrecht",
      providers: "Wijkteam Noord",
      analysisMethod: "prisma",
    },
    client: null,
    committee: [{ id: "c1", name: "", function: "Voorzitter, extern adviseur", organisation: "Bureau Extern", background: "Orthopedagoog", involvement: "Niet betrokken", independence: "extern", position: 0 }],
    interviews: [{ id: "i1", personFunction: "Wijkverpleegkundige", initials: "A.B.", organisation: "Wijkteam Noord", relation: "Huisbezoeken", heldOn: "2026-09-20", interviewers: "procesbegeleider" }],
    reactions: [],
    versionLabel: "Conceptrapport",
    status: "concept",
    today: "2026-11-23",
  };

  it("shows what the report shows: measures (7b) with no-measure reasons, borging (7c), the tree and root causes (7a), committee (1c), professionals", () => {
    const doc = new Y.Doc();
    fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
    fillDemoAnalysis(doc, { userId: "u1", now: () => new Date("2026-11-01T10:00:00Z") });
    doc.getXmlFragment("section:7b").insert(0, [p("De maatregelen zijn met de ketenpartners besproken.")]);
    const report = buildReport(doc, reportInput, DEFAULT_CHECKLIST);
    const frozen = parseFrozen(JSON.parse(JSON.stringify(freezeDraftReport(doc, { title: "Conceptrapport", report }))));
    const section = (id: string) => frozen.sections.find((s) => s.id === id)!;
    const text = (id: string) => JSON.stringify(section(id).content ?? []);

    // 7b: the authors' text with its pointable block, then the measures table and the reasons.
    expect(section("7b").blocks.map((b) => b.text)).toEqual(["De maatregelen zijn met de ketenpartners besproken."]);
    const { measures } = readMeasures(doc);
    expect(measures.length).toBeGreaterThan(0);
    for (const m of measures) expect(text("7b")).toContain(JSON.stringify(m.title).slice(1, -1));
    const tree = readTree(doc);
    for (const n of rootCauses(tree).filter((c) => c.noMeasureReason)) expect(text("7b")).toContain(JSON.stringify(n.noMeasureReason).slice(1, -1));
    // The text is not repeated in the structured part.
    expect(text("7b")).not.toContain("met de ketenpartners besproken");
    expect(text("7c")).toContain("Borging van de maatregelen");
    // 7a: the tree with every node, and the root causes with their ECM codes.
    const figure = section("7a").content!.find((b) => b.type === "figure" && b.figure.kind === "causal_tree");
    expect(figure && figure.type === "figure" && figure.figure.kind === "causal_tree" ? figure.figure.nodes.length : 0).toBe(tree.byId.size);
    for (const n of rootCauses(tree)) if (n.ecm) expect(text("7a")).toContain(n.ecm);
    expect(text("1c")).toContain("Bureau Extern");
    expect(text("4a") + text("4b") + text("2")).toContain("Wijkverpleegkundige");
    // No client identity, and the .docx can be rendered from the same model.
    expect(section("1a").content).toBeUndefined();
    expect(frozen.report?.audience).toBe("ketenpartners");
    expect(frozen.report?.chapters.flatMap((c) => c.items).map((i) => i.id)).toEqual(frozen.sections.map((s) => s.id));
  });
});

describe("rounds: pointers into a frozen version", () => {
  const doc = new Y.Doc();
  const demo = fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
  doc.getXmlFragment("section:7a").insert(0, [p("De signalen werden niet gedeeld tussen de organisaties in de keten.")]);
  const frozen = freezeDraftReport(doc, { title: "Conceptrapport" });
  const block = frozen.sections.find((s) => s.id === "7a")!.blocks[0];

  it("lists general, sections, paragraphs and events with readable labels", () => {
    const options = pointerOptions(frozen);
    expect(options[0]).toEqual({ value: "general", label: "Algemeen (het hele document)", section: "" });
    expect(pointerLabel(frozen, "section:7a")).toBe("Onderdeel 7a Conclusies");
    expect(pointerLabel(frozen, `paragraph:${block.id}`)).toBe('7a, alinea 1: "De signalen werden niet gedeeld tussen de organisaties in d…"');
    expect(pointerLabel(frozen, `event:${demo.eventIds[0]}`)).toMatch(/^Gebeurtenis /);
  });

  it("knows nothing of what is not in this version", () => {
    expect(pointerLabel(frozen, "paragraph:b999-1")).toBeNull();
    expect(pointerLabel(frozen, "section:8z")).toBeNull();
    expect(pointerLabel(frozen, "event:not-an-event")).toBeNull();
    expect(parsePointer("section:7a")).toEqual({ kind: "section", id: "7a" });
    expect(parsePointer("general")).toEqual({ kind: "general" });
    expect(parsePointer("script:<x>")).toBeNull();
  });
});

describe("rounds: canonical JSON", () => {
  it("does not depend on key order and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});
