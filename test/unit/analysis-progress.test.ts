import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import { CONCLUSIONS_SECTION } from "../../app/domain/analysis/doc.ts";
import { createMeasure } from "../../app/domain/analysis/measures.ts";
import { progressFromDoc } from "../../app/domain/analysis/progress.ts";
import { markStep, readAnalysisSettings, setMethod } from "../../app/domain/analysis/settings.ts";
import { addCriticalMoment, addWhy } from "../../app/domain/analysis/sire.ts";
import { addChild, addTop, setEcm, setNoMeasureReason } from "../../app/domain/analysis/tree.ts";
import { UserError } from "../../app/domain/errors.ts";

const ctx: EditContext = { userId: "u1", now: () => new Date("2025-03-01T09:00:00Z") };
const step = (p: ReturnType<typeof progressFromDoc>, id: string) => p.steps.find((s) => s.id === id)!;

function writeConclusions(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement("paragraph");
  p.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment(CONCLUSIONS_SECTION).insert(0, [p]);
}

describe("method progress", () => {
  it("is empty until a method is chosen, and refuses unknown methods", () => {
    const doc = new Y.Doc();
    expect(progressFromDoc(doc)).toEqual({ method: null, steps: [], done: 0, total: 0 });
    expect(() => setMethod(doc, ctx, "astrologie")).toThrow(UserError);
    doc.getMap("analysis").set("method", 12);
    expect(readAnalysisSettings(doc).issues).toHaveLength(1);
  });

  it("follows the PRISMA steps through the document", () => {
    const doc = new Y.Doc();
    setMethod(doc, ctx, "prisma");
    let p = progressFromDoc(doc);
    expect(p.method!.id).toBe("prisma");
    expect(p.steps.map((s) => [s.id, s.done])).toEqual([
      ["oorzakenboom", false],
      ["classificeren", false],
      ["profiel", false],
      ["verbetermaatregelen", false],
    ]);
    expect(step(p, "oorzakenboom").detail).toBe("Nog geen topgebeurtenis.");
    expect(step(p, "classificeren").title).toBe("Basisoorzaken classificeren (ECM)");
    expect(step(p, "classificeren").guidance).toMatch(/Eindhoven/);

    const top = addTop(doc, ctx, { label: "Top" });
    const ids = ["A", "B", "C", "D", "E"].map((l) => addChild(doc, ctx, top, { label: l }));
    setEcm(doc, ctx, ids[0]!, "OP");
    setEcm(doc, ctx, ids[1]!, "HRC");
    setEcm(doc, ctx, ids[2]!, "PRF");
    p = progressFromDoc(doc);
    expect(step(p, "oorzakenboom")).toMatchObject({ done: true, detail: "Topgebeurtenis en 5 oorzaken." });
    expect(step(p, "classificeren")).toMatchObject({ done: false, detail: "3 van 5 basisoorzaken geclassificeerd." });
    expect(step(p, "profiel")).toMatchObject({ done: true, detail: "Profiel op basis van 3 geclassificeerde basisoorzaken." });
    expect(step(p, "verbetermaatregelen").detail).toBe("0 van 5 basisoorzaken hebben een maatregel of een reden waarom niet.");

    setEcm(doc, ctx, ids[3]!, "OM");
    setEcm(doc, ctx, ids[4]!, "X");
    createMeasure(doc, ctx, { title: "M", rootCauses: ids.slice(0, 4) });
    setNoMeasureReason(doc, ctx, ids[4]!, "Niet beïnvloedbaar");
    p = progressFromDoc(doc);
    expect(p.steps.every((s) => s.done)).toBe(true);
    expect([p.done, p.total]).toEqual([4, 4]);
  });

  it("follows the SIRE steps, with manual marks for what the model cannot judge", () => {
    const doc = new Y.Doc();
    setMethod(doc, ctx, "sire");
    doc.getMap("events").set("ev1", new Y.Map());
    doc.getMap("events").set("ev2", new Y.Map());
    let p = progressFromDoc(doc);
    expect(step(p, "informatie_verzamelen")).toMatchObject({ done: true, detail: "2 feiten op de tijdlijn." });
    expect(step(p, "informatie_ordenen").done).toBe(false);
    expect(step(p, "afronden")).toMatchObject({ done: false, automatic: false });

    doc.getMap("periods").set("p1", new Y.Map());
    const m1 = addCriticalMoment(doc, ctx, { eventId: "ev1" });
    addCriticalMoment(doc, ctx, { eventId: "ev2" });
    addWhy(doc, ctx, m1, "Waarom 1");
    writeConclusions(doc, "De regie lag bij niemand.");
    markStep(doc, ctx, "sire", "afronden", true);
    p = progressFromDoc(doc);
    expect(step(p, "informatie_ordenen")).toMatchObject({ done: true, detail: "2 feiten, 1 periode." });
    expect(step(p, "onderzoeksgebied_afbakenen").detail).toBe("2 kritieke momenten gemarkeerd.");
    expect(step(p, "oorzaken_identificeren")).toMatchObject({
      done: false,
      detail: "1 van 2 kritieke momenten uitgevraagd tot basisoorzaken.",
    });
    expect(step(p, "rapporteren").done).toBe(true);
    expect(step(p, "afronden")).toMatchObject({ done: true, markedDone: true, detail: "Afgevinkt." });

    markStep(doc, ctx, "sire", "oorzaken_identificeren", true);
    expect(step(progressFromDoc(doc), "oorzaken_identificeren").detail).toMatch(/Handmatig afgevinkt/);
    expect(() => markStep(doc, ctx, "sire", "bestaat_niet", true)).toThrow(UserError);
  });

  it("does not block methods without an editor yet (Tripod Beta, DAM)", () => {
    const doc = new Y.Doc();
    setMethod(doc, ctx, "tripod_beta");
    const p = progressFromDoc(doc);
    expect(p.total).toBe(5);
    expect(p.steps.filter((s) => !s.automatic).map((s) => s.id)).toEqual([
      "barrieres_benoemen",
      "barrieres_analyseren",
      "basisrisicofactoren",
    ]);
    setMethod(doc, ctx, "dam");
    markStep(doc, ctx, "dam", "herstelfactoren", true);
    expect(step(progressFromDoc(doc), "herstelfactoren").done).toBe(true);
  });
});
