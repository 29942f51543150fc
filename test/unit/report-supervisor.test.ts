// The checklist and the toezichthouder follow the case: Wmo → Toezicht Wmo (Bijlage 1), Jeugdwet
// under the IGJ → the IGJ's checklist, both laws → both named.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildReport } from "../../app/domain/report/build.ts";
import { CHECKLISTS, checklistFor, DEFAULT_CHECKLIST } from "../../app/domain/report/checklist.ts";
import type { ReportInput } from "../../app/domain/report/input.ts";
import type { ReportBlock } from "../../app/domain/report/model.ts";
import { caseSupervisorLabel, caseSupervisors } from "../../app/domain/report/supervisor.ts";

const wmo = { supervisor: "toezicht_wmo", supervisorMunicipality: "Westerkwartier", legalFrame: "wmo" };
const jeugd = { supervisor: "igj", supervisorMunicipality: null, legalFrame: "jeugdwet" };
const both = { supervisor: "toezicht_wmo", supervisorMunicipality: "Westerkwartier", legalFrame: "wmo_jeugdwet" };

function input(inv: { supervisor: string; supervisorMunicipality: string | null; legalFrame: string }): ReportInput {
  return {
    audience: "ketenpartners",
    investigation: {
      id: "inv-1",
      title: "Onderzoek",
      kind: "calamiteit",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-09-01",
      reportedDate: "2026-09-03",
      providers: "Stichting Jeugdhulp De Brug",
      analysisMethod: "prisma",
      ...inv,
    },
    client: null,
    committee: [],
    interviews: [],
    reactions: [],
    versionLabel: "Werkversie",
    status: "concept",
    today: "2026-11-23",
  };
}

const factsOf = (blocks: readonly ReportBlock[]) => blocks.flatMap((b) => (b.type === "facts" ? b.rows : []));

describe("the toezichthouder of the case", () => {
  it("is the Toezicht Wmo with its municipality, the IGJ, or both", () => {
    expect(caseSupervisors(wmo)).toEqual(["Toezicht Wmo (gemeente), Westerkwartier"]);
    expect(caseSupervisors(jeugd)).toEqual(["Inspectie Gezondheidszorg en Jeugd (IGJ)"]);
    expect(caseSupervisorLabel(both)).toBe("Toezicht Wmo (gemeente), Westerkwartier en Inspectie Gezondheidszorg en Jeugd (IGJ)");
    // A municipality left over from an earlier choice is not printed under the IGJ.
    expect(caseSupervisors({ ...jeugd, supervisorMunicipality: "Westerkwartier" })).toEqual(["Inspectie Gezondheidszorg en Jeugd (IGJ)"]);
  });
});

describe("the checklist that applies", () => {
  it("is Bijlage 1 for the Toezicht Wmo, the IGJ's for a Jeugdwet case, the combined one for both laws", () => {
    expect(checklistFor(wmo).id).toBe("bijlage1-wmo");
    expect(checklistFor(jeugd).id).toBe("bijlage1-igj");
    expect(checklistFor({ ...jeugd, legalFrame: "wmo" }).id).toBe("bijlage1-igj");
    expect(checklistFor(both).id).toBe("bijlage1-wmo-igj");
    expect(checklistFor({ ...both, supervisor: "igj" }).id).toBe("bijlage1-wmo-igj");
    expect(checklistFor(jeugd).name).toContain("Inspectie Gezondheidszorg en Jeugd");
    expect(checklistFor(jeugd).name).not.toContain("Toezicht Wmo");
    expect(checklistFor(both).name).toMatch(/Toezicht Wmo en Inspectie Gezondheidszorg en Jeugd/);
  });

  it("has Bijlage 1's items in every variant (the IGJ asks the same; the ids stay, so sections and versions line up)", () => {
    for (const c of CHECKLISTS) {
      expect(c.items.map((i) => [i.id, i.group, i.data ?? null, i.narrative, i.restricted ?? false])).toEqual(
        DEFAULT_CHECKLIST.items.map((i) => [i.id, i.group, i.data ?? null, i.narrative, i.restricted ?? false]),
      );
      expect(c.groups).toEqual(DEFAULT_CHECKLIST.groups);
    }
    const igj = checklistFor(jeugd);
    expect(igj.items.find((i) => i.id === "1b")!.heading).toMatch(/Inspectie Gezondheidszorg en Jeugd/);
    expect(igj.items.find((i) => i.id === "1a")!.heading).not.toMatch(/Wmo/);
  });

  it("names the case's toezichthouder on the title page and in 1b, and its checklist", () => {
    const doc = new Y.Doc();
    const jeugdModel = buildReport(doc, input(jeugd), checklistFor(jeugd));
    expect(jeugdModel.checklistName).toContain("Inspectie Gezondheidszorg en Jeugd");
    expect(jeugdModel.titlePage.facts).toContainEqual({ label: "Toezichthouder", value: "Inspectie Gezondheidszorg en Jeugd (IGJ)" });
    const oneB = jeugdModel.chapters[0]!.items.find((i) => i.id === "1b")!;
    expect(factsOf(oneB.blocks)).toContainEqual({ label: "Toezichthouder", value: "Inspectie Gezondheidszorg en Jeugd (IGJ)" });
    expect(JSON.stringify(jeugdModel)).not.toContain("Toezicht Wmo");

    const bothModel = buildReport(doc, input(both), checklistFor(both));
    expect(bothModel.titlePage.facts).toContainEqual({ label: "Toezichthouders", value: "Toezicht Wmo (gemeente), Westerkwartier en Inspectie Gezondheidszorg en Jeugd (IGJ)" });
    expect(bothModel.titlePage.facts).toContainEqual({ label: "Wettelijk kader", value: "Wmo 2015 en Jeugdwet" });
    doc.destroy();
  });
});
