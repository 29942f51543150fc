import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fillDemoAnalysis } from "../../app/domain/analysis/demo-analysis.ts";
import { readTree, rootCauses } from "../../app/domain/analysis/tree.ts";
import { ecmCatalog } from "../../app/domain/analysis/catalog.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { recordMeeting } from "../../app/domain/meetings/notes.ts";
import { checklistFor, DEFAULT_CHECKLIST, parseChecklist } from "../../app/domain/report/checklist.ts";
import { reportCompleteness } from "../../app/domain/report/completeness.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";
import type { ReportBlock, ReportItemContent, ReportModel } from "../../app/domain/report/model.ts";
import { narrativeStatus } from "../../app/domain/report/narrative.ts";
import { sectionFragmentName } from "../../app/domain/rounds/freeze.ts";
import { fillDemoTimeline } from "../../app/domain/timeline/demo-timeline.ts";
import { comparePartialDates } from "../../app/domain/timeline/partial-date.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";

const CLIENT = { name: "Marieke Voorbeeld", dateOfBirth: "1989-04-12", sex: "vrouw", indication: "Jeugdhulp ambulant" };

function input(overrides: Partial<ReportInput> = {}): ReportInput {
  return {
    audience: "toezichthouder",
    investigation: {
      id: "inv-1",
      title: "Overlijden moeder, gezin met twee kinderen",
      kind: "calamiteit",
      legalFrame: "jeugdwet",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-09-01",
      reportedDate: "2026-09-03",
      supervisor: "igj",
      supervisorMunicipality: null,
      providers: "Stichting Jeugdhulp De Brug; Wijkteam Noord",
      analysisMethod: "prisma",
    },
    client: CLIENT,
    committee: [
      { id: "c1", name: "", function: "Voorzitter, extern adviseur", organisation: "Bureau Extern", background: "Orthopedagoog", involvement: "Niet betrokken", independence: "extern", position: 0 },
    ],
    interviews: [
      { id: "i2", personFunction: "Gezinscoach", initials: "P.K.", organisation: "De Brug", relation: "Hulpverlener", heldOn: "2026-10-02", interviewers: "procesbegeleider" },
      { id: "i1", personFunction: "Wijkverpleegkundige", initials: "A.B.", organisation: "Wijkteam Noord", relation: "Huisbezoeken", heldOn: "2026-09-20", interviewers: "procesbegeleider" },
    ],
    reactions: [],
    versionLabel: "Werkversie",
    status: "concept",
    today: "2026-11-23",
    ...overrides,
  };
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

function writeSection(doc: Y.Doc, itemId: string, ...texts: string[]) {
  const f = doc.getXmlFragment(sectionFragmentName(itemId));
  f.delete(0, f.length);
  f.insert(0, texts.map(paragraph));
}

function demoDoc(): Y.Doc {
  const doc = new Y.Doc();
  fillDemoTimeline(doc, { organisationIds: { a: "org-a", b: "org-b" }, userId: "u1" });
  fillDemoAnalysis(doc, { userId: "u1", now: () => new Date("2026-11-01T10:00:00Z") });
  return doc;
}

const item = (model: ReportModel, id: string): ReportItemContent => model.chapters.flatMap((c) => c.items).find((i) => i.id === id)!;
const tables = (i: ReportItemContent) => i.blocks.filter((b): b is Extract<ReportBlock, { type: "table" }> => b.type === "table");

describe("report model", () => {
  it("follows the checklist: chapters 1–7 in order, every item once, in the checklist's order", () => {
    const model = buildReport(new Y.Doc(), input(), DEFAULT_CHECKLIST);
    expect(model.chapters.map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(model.chapters.map((c) => c.heading)[4]).toBe("Beschrijving van de feiten");
    expect(model.chapters.flatMap((c) => c.items.map((i) => i.id))).toEqual(DEFAULT_CHECKLIST.items.map((i) => i.id));
    expect(model.appendices.map((a) => `${a.label}: ${a.heading}`)).toEqual([
      "Bijlage A: Ondertekende reacties en hun afhandeling",
      "Bijlage B: Geraadpleegde bronnen, richtlijnen en protocollen",
      "Bijlage C: Concordantietabel Bijlage 1",
    ]);
    // The model is plain data: it survives JSON (it is stored with a submitted version).
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });

  it("cites the reflection meetings recorded in the workspace in 4c (issue 12), without changing its status", () => {
    const doc = demoDoc();
    const without = item(buildReport(doc, input(), DEFAULT_CHECKLIST), "4c");
    expect(JSON.stringify(without.blocks)).not.toContain("Reflectiebijeenkomst");
    recordMeeting(doc, { kind: "professionals", date: "2026-03-12", attendees: ["wijkcoach", "teamleider jeugdhulp"] }, { userId: "u1" });
    recordMeeting(doc, { kind: "bestuurders", date: "2026-04-02", attendees: ["directeur zorg"] }, { userId: "u1" });
    const cited = item(buildReport(doc, input(), DEFAULT_CHECKLIST), "4c");
    const bullets = cited.blocks.find((b): b is Extract<ReportBlock, { type: "bullets" }> => b.type === "bullets");
    expect(bullets?.items).toHaveLength(2);
    expect(bullets!.items[0]).toContain("12 maart 2026");
    expect(bullets!.items[0]).toContain("wijkcoach, teamleider jeugdhulp (2 personen)");
    expect(bullets!.items[1]).toContain("2 april 2026");
    expect(cited.status).toBe(without.status);
  });

  it("puts client identity only in the toezichthouder's version, in item 1a", () => {
    const doc = demoDoc();
    const forSupervisor = buildReport(doc, input(), DEFAULT_CHECKLIST);
    expect(JSON.stringify(item(forSupervisor, "1a"))).toContain(CLIENT.name);
    expect(item(forSupervisor, "1a").status).toBe("gereed");
    const elsewhere = { ...forSupervisor, chapters: forSupervisor.chapters.map((c) => ({ ...c, items: c.items.filter((i) => i.id !== "1a") })) };
    expect(JSON.stringify(elsewhere)).not.toContain(CLIENT.name);

    const forPartners = buildReport(doc, input({ audience: "ketenpartners", client: null, clientStatus: "gereed" }), DEFAULT_CHECKLIST);
    const json = JSON.stringify(forPartners);
    for (const value of [CLIENT.name, "12 april 1989", CLIENT.indication]) expect(json).not.toContain(value);
    expect(item(forPartners, "1a").blocks).toEqual([{ type: "note", text: "De gegevens van de cliënt staan alleen in de versie voor de toezichthouder." }]);
    expect(item(forPartners, "1a").status).toBe("gereed");
  });

  it("never takes restricted content from the shared document, even if someone wrote it there", () => {
    const doc = new Y.Doc();
    writeSection(doc, "1a", "Naam: Marieke Voorbeeld");
    const model = buildReport(doc, input({ audience: "ketenpartners", client: null }), DEFAULT_CHECKLIST);
    expect(JSON.stringify(model)).not.toContain("Marieke");
  });

  it("lists every valid timeline event in chronological order, with organisation and source, plus the swimlane figure", () => {
    const doc = demoDoc();
    const model = buildReport(doc, input(), DEFAULT_CHECKLIST);
    const timeline = readTimeline(doc);
    const valid = timeline.events.filter((e) => e.ok);
    const [table] = tables(item(model, "5a"));
    expect(table.columns.map((c) => c.label)).toEqual(["Datum", "Organisatie", "Wat gebeurde er", "Bron"]);
    expect(table.rows).toHaveLength(valid.length);
    // Row i is event i of the chronological reading, and the events are in date order.
    valid.forEach((e, i) => expect(table.rows[i][2].startsWith(e.ok ? e.value.title : "")).toBe(true));
    const starts = valid.map((e) => (e.ok ? e.value.start : ""));
    for (let i = 1; i < starts.length; i++) expect(comparePartialDates(starts[i - 1], starts[i])).toBeLessThanOrEqual(0);
    const figure = item(model, "5a").blocks.find((b) => b.type === "figure");
    expect(figure?.type === "figure" && figure.figure.kind === "swimlane" && figure.figure.events.length).toBe(valid.length);
  });

  it("gives every root cause with its ECM code, the tree figure and the PRISMA profile under 7a", () => {
    const doc = demoDoc();
    writeSection(doc, "7a", "De regie op het gezin lag bij niemand.");
    const model = buildReport(doc, input(), DEFAULT_CHECKLIST);
    const causes = rootCauses(readTree(doc));
    expect(causes.length).toBeGreaterThan(5);
    const [table] = tables(item(model, "7a"));
    expect(table.rows).toHaveLength(causes.length);
    causes.forEach((c, i) => {
      expect(table.rows[i][0]).toBe(c.label);
      if (c.ecm) expect(table.rows[i][1]).toBe(`${c.ecm} ${ecmCatalog.byCode.get(c.ecm)!.label}`);
    });
    const kinds = item(model, "7a").blocks.flatMap((b) => (b.type === "figure" ? [b.figure.kind] : []));
    expect(kinds).toEqual(["causal_tree", "profile"]);
    expect(item(model, "7a").blocks[0]).toEqual({ type: "paragraph", text: "De regie op het gezin lag bij niemand." });
  });

  it("computes statuses from the content: leeg, in concept (with what is missing), gereed", () => {
    const doc = new Y.Doc();
    let model = buildReport(doc, input({ committee: [], interviews: [] }), DEFAULT_CHECKLIST);
    expect(item(model, "3").status).toBe("leeg");
    expect(item(model, "3").blocks).toEqual([{ type: "note", text: "Nog niet ingevuld." }]);
    expect(item(model, "1c").status).toBe("leeg");
    expect(item(model, "4a").status).toBe("leeg");
    expect(item(model, "5a").missing).toEqual(["Er staan nog geen feiten op de tijdlijn."]);
    expect(item(model, "1b").status).toBe("gereed");

    writeSection(doc, "3", "Alle betrokkenen waren HBO-geschoold. PM: opleiding gezinscoach navragen.");
    writeSection(doc, "6", "Er is geen melding gedaan: er was geen sprake van grensoverschrijdend gedrag.");
    model = buildReport(doc, input(), DEFAULT_CHECKLIST);
    expect(item(model, "3").status).toBe("in_concept");
    expect(item(model, "3").missing[0]).toMatch(/open punt/);
    expect(item(model, "6").status).toBe("gereed");
    expect(item(model, "4a").status).toBe("gereed");
    // Interviews by date.
    expect(tables(item(model, "4a"))[0].rows.map((r) => r[0])).toEqual(["Wijkverpleegkundige A.B.", "Gezinscoach P.K."]);

    const partial = buildReport(doc, input({ investigation: { ...input().investigation, reportedDate: null } }), DEFAULT_CHECKLIST);
    expect(item(partial, "1b")).toMatchObject({ status: "in_concept", missing: ["De datum van melden bij de toezichthouder ontbreekt."] });
  });

  it("counts unconfirmed and disputed facts as open in 5a, and needs the conclusions for 7a", () => {
    const doc = demoDoc();
    const model = buildReport(doc, input(), DEFAULT_CHECKLIST);
    const t5a = item(model, "5a");
    // The demo timeline has facts in concept: the item cannot be gereed yet.
    expect(t5a.status).toBe("in_concept");
    expect(t5a.missing.join(" ")).toMatch(/nog niet bevestigd/);
    expect(item(model, "7a").missing).toContain("De conclusies zijn nog niet geschreven.");
  });

  it("asks for an independent committee", () => {
    const model = buildReport(
      new Y.Doc(),
      input({ committee: [{ id: "c", name: "", function: "Teamleider", organisation: "De Brug", background: "Maatschappelijk werk", involvement: "Leidinggevende van de gezinscoach", independence: "intern_betrokken", position: 0 }] }),
      DEFAULT_CHECKLIST,
    );
    expect(item(model, "1c").status).toBe("in_concept");
    expect(item(model, "1c").missing[0]).toMatch(/onafhankelijk/);
  });

  it("reads hostile document content without throwing and reports it as missing", () => {
    const doc = demoDoc();
    doc.getMap("events").set("kapot", 42 as unknown as Y.Map<unknown>);
    doc.getMap("nodes").set("ook-kapot", "x" as unknown as Y.Map<unknown>);
    doc.getMap("section:4c"); // a section name taken by the wrong type
    const model = buildReport(doc, input(), DEFAULT_CHECKLIST);
    expect(item(model, "5a").missing.join(" ")).toMatch(/1 feit is ongeldig/);
    expect(item(model, "4c").status).toBe("leeg");
  });

  it("attaches signed reactions with their disposition, and the concordance table", () => {
    const model = buildReport(
      new Y.Doc(),
      input({
        reactions: [
          { roundTitle: "Conceptrapport", roundKind: "draft_report", signerName: "J. de Vries", signerRole: "vader", signedOn: "2026-11-02", pointerLabel: "Onderdeel 5a", text: "Het gesprek was op dinsdag.", late: true, disposition: { kind: "verwerkt", note: "Datum aangepast in 5a.", decidedOn: "2026-11-05" } },
          { roundTitle: "Conceptrapport", roundKind: "draft_report", signerName: "A. Jansen", signerRole: "gezinscoach", signedOn: "2026-11-01", pointerLabel: "", text: "Geen opmerkingen.", late: false, disposition: null },
        ],
      }),
      DEFAULT_CHECKLIST,
    );
    const [reactions, , concordance] = model.appendices;
    const text = JSON.stringify(reactions.blocks);
    expect(text.indexOf("A. Jansen")).toBeLessThan(text.indexOf("J. de Vries"));
    expect(text).toContain("2 november 2026 (na de termijn)");
    expect(text).toContain("Afhandeling: verwerkt (5 november 2026). Datum aangepast in 5a.");
    expect(text).toContain("Nog niet afgehandeld.");
    const rows = (concordance.blocks[0] as Extract<ReportBlock, { type: "table" }>).rows;
    expect(rows).toHaveLength(DEFAULT_CHECKLIST.items.length);
    expect(rows[0]).toEqual(["1a", "Naam, geboortedatum, geslacht, Wmo-indicatie", "1a", "Gereed"]);
  });

  it("Bijlage A prints the invitee (toezichthouder's version only), the signer, the date and the control hash", () => {
    const reaction = { roundTitle: "Conceptrapport", roundKind: "draft_report" as const, inviteeName: "Jan de Vries", signatureHash: "ab".repeat(32), signerName: "Jan de Vries", signerRole: "vader", signedOn: "2026-11-02", pointerLabel: "Onderdeel 5a", text: "Het gesprek was op dinsdag.", late: false, signedWith: "code" as const, disposition: null };
    const factsOf = (audience: "toezichthouder" | "ketenpartners") => {
      const model = buildReport(new Y.Doc(), input({ audience, client: audience === "toezichthouder" ? CLIENT : null, reactions: [reaction] }), DEFAULT_CHECKLIST);
      const facts = model.appendices[0].blocks.find((b) => b.type === "facts");
      return facts?.type === "facts" ? facts.rows : [];
    };
    expect(factsOf("toezichthouder")).toEqual([
      { label: "Uitgenodigd", value: "Jan de Vries" },
      { label: "Ondertekend door", value: "Jan de Vries (vader)" },
      { label: "Datum", value: "2 november 2026" },
      { label: "Betreft", value: "Onderdeel 5a" },
      { label: "Bevestigd met", value: "eenmalige code, gemaild naar het adres van de uitnodiging" },
      { label: "Controlehash", value: "ab".repeat(32) },
    ]);
    expect(factsOf("ketenpartners").map((r) => r.label)).not.toContain("Uitgenodigd");
    expect(factsOf("ketenpartners").map((r) => r.label)).toContain("Controlehash");
  });

  it("summarises completeness", () => {
    const model = buildReport(new Y.Doc(), input(), DEFAULT_CHECKLIST);
    const c = reportCompleteness(model);
    expect(c.total).toBe(28);
    expect(c.counts.gereed + c.counts.in_concept + c.counts.leeg).toBe(28);
    expect(c.complete).toBe(false);
  });
});

describe("narrative status", () => {
  it.each([
    ["", "leeg"],
    ["   \n ", "leeg"],
    ["Er is een melding gedaan op 3 september.", "gereed"],
    ["Datum aangifte: PM", "in_concept"],
    ["TODO: navragen", "in_concept"],
    ["Dit moeten we nog aanvullen.", "in_concept"],
    ["De bestuurder [...] heeft", "in_concept"],
    ["PMS-klachten werden niet herkend.", "gereed"],
  ])("%j is %s", (text, status) => expect(narrativeStatus(text).status).toBe(status));
});

describe("checklists as data", () => {
  it("chooses a specific checklist when one applies, the default otherwise", () => {
    const igj = parseChecklist({ ...DEFAULT_CHECKLIST, id: "igj-jeugd", name: "IGJ jeugd", default: false, appliesTo: { supervisors: ["igj"], legalFrames: ["jeugdwet"] } });
    const all = [DEFAULT_CHECKLIST, igj];
    expect(checklistFor({ supervisor: "igj", legalFrame: "jeugdwet" }, all).id).toBe("igj-jeugd");
    expect(checklistFor({ supervisor: "toezicht_wmo", legalFrame: "wmo" }, all).id).toBe("bijlage1-wmo");
  });

  it("rejects a checklist with an item in a missing chapter or without content", () => {
    expect(() => parseChecklist({ ...DEFAULT_CHECKLIST, items: [{ id: "9a", group: 9, heading: "X", narrative: true }] })).toThrow(/hoofdstuk dat niet bestaat/);
    expect(() => parseChecklist({ ...DEFAULT_CHECKLIST, items: [{ id: "1a", group: 1, heading: "X", narrative: false }] })).toThrow(/geen inhoud/);
  });
});

describe("report model: 7b root causes without a measure", () => {
  it("lists every root cause that has a stated reason instead of a measure, with that reason", () => {
    const doc = demoDoc();
    const tree = readTree(doc);
    const reasons = rootCauses(tree).filter((n) => n.noMeasureReason?.trim());
    expect(reasons.length).toBeGreaterThan(0);
    const model = buildReport(doc, input({ audience: "ketenpartners", client: null }), DEFAULT_CHECKLIST);
    const table = tables(item(model, "7b")).find((t) => t.caption === "Basisoorzaken zonder maatregel, met de reden");
    expect(table).toBeDefined();
    for (const n of reasons) expect(table!.rows).toContainEqual([n.label, n.noMeasureReason]);
  });
});
