// Comparing two submitted versions (issue 15): per checklist item the changed text, facts and table
// rows (facts on the timeline, root causes, measures), built from the same report builder as the
// versions themselves.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fillDemoAnalysis } from "../../app/domain/analysis/demo-analysis.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import { asReportModel, compareVersions, diffLines, diffWords } from "../../app/domain/report/compare.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";
import { sectionFragmentName } from "../../app/domain/rounds/freeze.ts";
import { fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { createEvent } from "../../app/domain/timeline/mutations.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";

function input(): ReportInput {
  return {
    audience: "toezichthouder",
    investigation: {
      id: "inv-1",
      title: "Overlijden moeder",
      kind: "calamiteit",
      legalFrame: "wmo",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-09-01",
      reportedDate: "2026-09-03",
      supervisor: "toezicht_wmo",
      supervisorMunicipality: null,
      providers: "Wijkteam Noord",
      analysisMethod: "prisma",
    },
    client: { name: "Marieke Voorbeeld", dateOfBirth: "1989-04-12", sex: "vrouw", indication: "Begeleiding" },
    committee: [],
    interviews: [],
    reactions: [],
    versionLabel: "Versie 1",
    status: "concept",
    today: "2026-11-23",
  };
}

function write(doc: Y.Doc, itemId: string, ...texts: string[]) {
  const f = doc.getXmlFragment(sectionFragmentName(itemId));
  f.delete(0, f.length);
  f.insert(
    0,
    texts.map((t) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
}

function demo(): Y.Doc {
  const doc = new Y.Doc();
  fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
  fillDemoAnalysis(doc, { userId: "u1", now: () => new Date("2026-11-01T10:00:00Z") });
  return doc;
}

const itemOf = (c: ReturnType<typeof compareVersions>, id: string) => c.chapters.flatMap((ch) => ch.items).find((i) => i.id === id)!;

describe("diffWords / diffLines", () => {
  it("marks the changed words inside a line", () => {
    expect(diffWords("De wijkcoach belde de moeder.", "De wijkcoach bezocht de moeder.")).toEqual([
      { change: "same", text: "De wijkcoach " },
      { change: "removed", text: "belde" },
      { change: "added", text: "bezocht" },
      { change: "same", text: " de moeder." },
    ]);
  });

  it("pairs a removed line with the added one after it as a change, keeps the rest", () => {
    const lines = diffLines(["Eén.", "Twee.", "Drie."], ["Eén.", "Twee, aangevuld.", "Drie.", "Vier."]);
    expect(lines.map((l) => l.kind)).toEqual(["same", "changed", "same", "added"]);
  });
});

describe("compareVersions", () => {
  it("shows per item what changed: text, facts added on the timeline, measures, and leaves the rest unchanged", () => {
    const doc = demo();
    write(doc, "6", "Er is geen melding gedaan.");
    write(doc, "3", "Alle betrokkenen waren HBO-geschoold.", "De gezinscoach had twee jaar ervaring.");
    const v1 = buildReport(doc, input(), DEFAULT_CHECKLIST);

    write(doc, "3", "Alle betrokkenen waren HBO-geschoold.", "De gezinscoach had vijf jaar ervaring.", "Zij was net ingewerkt.");
    const party = readTimeline(doc).parties.find((p) => p.ok)!;
    createEvent(
      doc,
      { party: party.id, start: "2026-08-30", title: "Buurvrouw belt het wijkteam", kind: "contact" },
      { userId: "u1" },
    );
    const measures = doc.getMap("measures");
    const firstMeasure = [...measures.keys()][0];
    measures.delete(firstMeasure);
    const v2 = buildReport(doc, { ...input(), versionLabel: "Versie 2" }, DEFAULT_CHECKLIST);

    const c = compareVersions(v1, v2, new Set(["1a"]));
    expect(c.total).toBe(28);
    // Text: the changed sentence with its words, the new sentence added.
    const t3 = itemOf(c, "3");
    expect(t3.changed).toBe(true);
    const changed = t3.text.find((l) => l.kind === "changed");
    expect(changed).toMatchObject({ before: "De gezinscoach had twee jaar ervaring.", after: "De gezinscoach had vijf jaar ervaring." });
    expect(t3.text).toContainEqual({ kind: "added", text: "Zij was net ingewerkt." });
    // The new fact on the timeline is an added row of 5a's table.
    const facts = itemOf(c, "5a").tables.find((t) => t.caption === "Chronologisch feitenrelaas")!;
    expect(facts.added).toHaveLength(1);
    expect(facts.added[0].join(" ")).toContain("Buurvrouw belt het wijkteam");
    expect(facts.removed).toHaveLength(0);
    // A removed measure is a removed row of 7b.
    const t7b = itemOf(c, "7b").tables.find((t) => t.caption === "Verbetermaatregelen (SMART)")!;
    expect(t7b.removed.length).toBe(1);
    // Untouched: 6 and 1b.
    expect(itemOf(c, "6").changed).toBe(false);
    expect(itemOf(c, "1b").changed).toBe(false);
    // The client's identity is withheld: no content, only whether it changed.
    expect(itemOf(c, "1a")).toMatchObject({ withheld: true, changed: false, text: [], facts: [], tables: [] });
    expect(c.changedCount).toBe(c.chapters.flatMap((ch) => ch.items).filter((i) => i.changed).length);
    expect(c.changedCount).toBeGreaterThanOrEqual(3);
  });

  it("a version compared with itself has no changes; stored content that is no report model is refused", () => {
    const v = buildReport(demo(), input(), DEFAULT_CHECKLIST);
    const same = compareVersions(v, JSON.parse(JSON.stringify(v)));
    expect(same.changedCount).toBe(0);
    expect(asReportModel(JSON.parse(JSON.stringify(v)))).not.toBeNull();
    expect(asReportModel({ format: 2 })).toBeNull();
    expect(asReportModel("x")).toBeNull();
  });

  it("names the status change of an item", () => {
    const doc = demo();
    const v1 = buildReport(doc, input(), DEFAULT_CHECKLIST);
    write(doc, "6", "Er is geen melding gedaan: er was geen grensoverschrijdend gedrag.");
    const v2 = buildReport(doc, input(), DEFAULT_CHECKLIST);
    expect(itemOf(compareVersions(v1, v2), "6")).toMatchObject({ statusBefore: "leeg", statusAfter: "gereed", changed: true });
  });
});
