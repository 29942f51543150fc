import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import { createMeasure } from "../../app/domain/analysis/measures.ts";
import { projectAnalysisFromDoc } from "../../app/domain/analysis/projection.ts";
import { setMethod } from "../../app/domain/analysis/settings.ts";
import { addCriticalMoment, addWhy } from "../../app/domain/analysis/sire.ts";
import { deleteNode, setEcm, setThemes } from "../../app/domain/analysis/tree.ts";

describe("projection rows", () => {
  it("derives root-cause, measure and link rows from the document", () => {
    const doc = new Y.Doc();
    let n = 0;
    const ctx: EditContext = { userId: "u1", newId: () => `id${++n}` };
    doc.getMap("events").set("ev1", new Y.Map());
    setMethod(doc, ctx, "sire");
    const m = addCriticalMoment(doc, ctx, { eventId: "ev1", label: "Moment" });
    const w = addWhy(doc, ctx, m, "Waarom");
    const r1 = addWhy(doc, ctx, w, "Basis 1");
    const r2 = addWhy(doc, ctx, w, "Basis 2");
    setEcm(doc, ctx, r1, "HRC");
    setThemes(doc, ctx, r1, ["escalatie"]);
    doc.getMap<Y.Map<unknown>>("nodes").get(r2)!.set("ecm", "NIEUW");
    const meas = createMeasure(doc, ctx, { title: "Escalatieroute", rootCauses: [r1, r2], deadline: "2025-05-01" });
    deleteNode(doc, ctx, r2);

    const rows = projectAnalysisFromDoc(doc, "inv-1");
    expect(rows.rootCauses).toEqual([
      {
        investigationId: "inv-1",
        id: r1,
        label: "Basis 1",
        ecm: "HRC",
        ecmRaw: "HRC",
        ecmGroup: "menselijk",
        themes: ["escalatie"],
        criticalMomentId: m,
        method: "sire",
        position: 0,
      },
    ]);
    expect(rows.measures).toHaveLength(1);
    expect(rows.measures[0]).toMatchObject({ id: meas, title: "Escalatieroute", deadline: "2025-05-01", status: "gepland", rootCauseIds: [r1, r2], valid: true });
    expect(rows.measureRootCauses).toEqual([{ investigationId: "inv-1", measureId: meas, rootCauseId: r1 }]);
  });
});
