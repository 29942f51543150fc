import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import {
  createMeasure,
  deleteMeasure,
  linkRootCause,
  measureWarnings,
  readMeasures,
  unlinkRootCause,
  updateMeasure,
  type MeasureInput,
} from "../../app/domain/analysis/measures.ts";
import { addChild, addTop, deleteNode, readTree, setNoMeasureReason } from "../../app/domain/analysis/tree.ts";
import { UserError } from "../../app/domain/errors.ts";

function setup() {
  const doc = new Y.Doc();
  let t = Date.parse("2025-03-01T09:00:00Z");
  let n = 0;
  const ctx: EditContext = { userId: "u1", now: () => new Date((t += 1000)), newId: () => `n${String(++n).padStart(3, "0")}` };
  const top = addTop(doc, ctx, { label: "Top" });
  const a = addChild(doc, ctx, top, { label: "Geen overdrachtsprotocol" });
  const b = addChild(doc, ctx, top, { label: "Signaal niet gedeeld" });
  const c = addChild(doc, ctx, top, { label: "Gezin weigerde hulp" });
  return { doc, ctx, top, a, b, c };
}

const complete: MeasureInput = {
  title: "Overdrachtsprotocol wijkteam–jeugdhulp",
  ownerOrganisation: "Wijkteam Noord",
  ownerFunction: "Teamleider",
  deadline: "2025-06-01",
  measurableResult: "Alle overdrachten via warme overdracht, steekproef 10 dossiers",
  borgingHow: "Audit per kwartaal",
  borgingWho: "Kwaliteitsmedewerker",
  borgingWhen: "2025-09-01",
  status: "in_uitvoering",
};

const codes = (ws: { code: string }[]) => ws.map((w) => w.code).sort();

describe("improvement measures", () => {
  it("creates, updates, links and deletes measures", () => {
    const { doc, ctx, a, b } = setup();
    const m = createMeasure(doc, ctx, { ...complete, rootCauses: [a] });
    linkRootCause(doc, ctx, m, b);
    linkRootCause(doc, ctx, m, b);
    let read = readMeasures(doc).measures[0]!;
    expect(read).toMatchObject({ ...complete, id: m, rootCauses: [a, b], createdBy: "u1", issues: [] });
    unlinkRootCause(doc, ctx, m, a);
    updateMeasure(doc, ctx, m, { status: "gerealiseerd", deadline: "" });
    read = readMeasures(doc).measures[0]!;
    expect(read.rootCauses).toEqual([b]);
    expect(read.status).toBe("gerealiseerd");
    expect(read.deadline).toBeNull();
    deleteMeasure(doc, ctx, m);
    expect(readMeasures(doc).measures).toEqual([]);
  });

  it("refuses invalid input with a Dutch message", () => {
    const { doc, ctx, top } = setup();
    const m = createMeasure(doc, ctx);
    const msg = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(UserError);
        return (e as Error).message;
      }
      return "no error";
    };
    expect(msg(() => updateMeasure(doc, ctx, m, { deadline: "2025-02-30" }))).toBe("De deadline moet een datum zijn (JJJJ-MM-DD).");
    expect(msg(() => updateMeasure(doc, ctx, m, { borgingWhen: "1-9-2025" }))).toBe("De borgingsdatum moet een datum zijn (JJJJ-MM-DD).");
    expect(msg(() => updateMeasure(doc, ctx, m, { status: "klaar" as never }))).toBe("Onbekende status van de maatregel.");
    expect(msg(() => updateMeasure(doc, ctx, m, { title: "x".repeat(501) }))).toMatch(/te lang/);
    expect(msg(() => updateMeasure(doc, ctx, m, { colour: "rood" } as never))).toBe("Onbekend veld in de maatregel.");
    expect(msg(() => linkRootCause(doc, ctx, m, top))).toMatch(/bestaande oorzaak/);
    expect(msg(() => linkRootCause(doc, ctx, m, "weg"))).toMatch(/bestaande oorzaak/);
    expect(msg(() => updateMeasure(doc, ctx, "weg", {}))).toMatch(/bestaat niet/);
  });

  it("reads garbage leniently: bad fields defaulted and reported, non-maps listed as invalid", () => {
    const { doc } = setup();
    const map = doc.getMap<unknown>("measures");
    map.set("bad", "x");
    map.set(
      "half",
      new Y.Map<unknown>([
        ["title", "Half"],
        ["deadline", "morgen"],
        ["status", "??"],
        ["rootCauses", ["n002", 7]],
        ["ownerOrganisation", 3],
      ]),
    );
    const { measures, invalid } = readMeasures(doc);
    expect(invalid).toEqual([{ id: "bad", reason: expect.stringMatching(/maatregel/) }]);
    const half = measures[0]!;
    expect(half).toMatchObject({ title: "Half", deadline: null, status: "gepland", rootCauses: ["n002"], ownerOrganisation: "" });
    expect(half.issues.map((i) => i.field).sort()).toEqual(["deadline", "ownerOrganisation", "rootCauses", "status"]);
  });

  it("warns about uncovered root causes, missing SMART parts, deleted links and overdue deadlines", () => {
    const { doc, ctx, a, b, c } = setup();
    const good = createMeasure(doc, ctx, { ...complete, rootCauses: [a] });
    const bare = createMeasure(doc, ctx, { title: "Scholing", rootCauses: [b], deadline: "2025-01-15", borgingWho: "HR" });
    const loose = createMeasure(doc, ctx, { ...complete, title: "Losse maatregel" });

    let ws = measureWarnings(readTree(doc), readMeasures(doc).measures, null, "2025-03-01");
    expect(ws.filter((w) => w.measureId === good)).toEqual([]);
    expect(ws.filter((w) => w.nodeId === c).map((w) => w.message)).toEqual([
      'Basisoorzaak "Gezin weigerde hulp" heeft geen verbetermaatregel en er staat niet bij waarom niet.',
    ]);
    const bareWs = ws.filter((w) => w.measureId === bare);
    expect(codes(bareWs)).toEqual([
      "deadline_verstreken",
      "maatregel_zonder_borging",
      "maatregel_zonder_eigenaar",
      "maatregel_zonder_meetbaar_resultaat",
    ]);
    expect(bareWs.find((w) => w.code === "maatregel_zonder_eigenaar")!.message).toBe(
      'Maatregel "Scholing" heeft geen eigenaar: organisatie en functie ontbreken.',
    );
    expect(bareWs.find((w) => w.code === "maatregel_zonder_borging")!.message).toBe('Maatregel "Scholing" mist de borging: hoe en wanneer.');
    expect(bareWs.find((w) => w.code === "deadline_verstreken")!.message).toBe(
      'De deadline van maatregel "Scholing" (15-01-2025) is verstreken, maar de status is "gepland".',
    );
    expect(codes(ws.filter((w) => w.measureId === loose))).toEqual(["maatregel_zonder_oorzaak"]);

    // A stated reason silences the root-cause warning; a realised measure is not overdue; a
    // deleted root cause leaves a dangling link.
    setNoMeasureReason(doc, ctx, c, "Buiten de invloed van de betrokken organisaties");
    updateMeasure(doc, ctx, bare, { status: "gerealiseerd" });
    deleteNode(doc, ctx, a);
    ws = measureWarnings(readTree(doc), readMeasures(doc).measures, null, "2025-03-01");
    expect(ws.some((w) => w.nodeId === c)).toBe(false);
    expect(ws.some((w) => w.code === "deadline_verstreken")).toBe(false);
    expect(ws.filter((w) => w.measureId === good).map((w) => w.message)).toEqual([
      'Maatregel "Overdrachtsprotocol wijkteam–jeugdhulp" is gekoppeld aan een oorzaak die is verwijderd.',
    ]);

    // Reasons can also be passed explicitly (e.g. from a form that is not saved yet).
    const explicit = measureWarnings(readTree(doc), [], new Map([[b, "Geen maatregel nodig"]]), "2025-03-01");
    expect(explicit.map((w) => w.nodeId)).toEqual([c]);
  });
});
