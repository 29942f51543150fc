import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import {
  addCriticalMoment,
  addWhy,
  eventIdsOf,
  momentsForEvent,
  sireSummary,
  updateCriticalMoment,
} from "../../app/domain/analysis/sire.ts";
import {
  addSibling,
  deleteNode,
  moveNode,
  moveUp,
  readTree,
  rootCauses,
  setEcm,
} from "../../app/domain/analysis/tree.ts";
import { UserError } from "../../app/domain/errors.ts";

function setup() {
  const doc = new Y.Doc();
  let t = Date.parse("2025-03-01T09:00:00Z");
  let n = 0;
  const ctx: EditContext = { userId: "u1", now: () => new Date((t += 1000)), newId: () => `n${String(++n).padStart(3, "0")}` };
  for (const e of ["ev1", "ev2", "ev3"]) doc.getMap("events").set(e, new Y.Map());
  return { doc, ctx };
}

describe("SIRE critical moments and why-chains", () => {
  it("builds why-chains under critical moments on the shared tree model", () => {
    const { doc, ctx } = setup();
    const m1 = addCriticalMoment(doc, ctx, {
      eventId: "ev1",
      label: "Melding niet opgepakt",
      expected: "Binnen 5 werkdagen huisbezoek",
      actual: "Geen contact",
    });
    const m2 = addCriticalMoment(doc, ctx, { eventId: "ev2", label: "Overdracht naar wijkteam" });
    const w1 = addWhy(doc, ctx, m1, "Wachtlijst");
    const w11 = addWhy(doc, ctx, w1, "Geen prioriteitscriterium");
    addSibling(doc, ctx, w11, { label: "Capaciteitstekort" });
    setEcm(doc, ctx, w11, "OP");

    let tree = readTree(doc);
    expect(tree.top).toBeNull();
    expect(tree.criticalMoments.map((m) => m.label)).toEqual(["Melding niet opgepakt", "Overdracht naar wijkteam"]);
    const moment = tree.byId.get(m1)!;
    expect([moment.eventId, moment.expected, moment.actual]).toEqual(["ev1", "Binnen 5 werkdagen huisbezoek", "Geen contact"]);
    expect(rootCauses(tree).map((n) => n.label)).toEqual(["Geen prioriteitscriterium", "Capaciteitstekort"]);

    const summary = sireSummary(tree, eventIdsOf(doc));
    expect(summary.map((s) => [s.moment.id, s.rootCauses.length, s.causeCount, s.eventMissing])).toEqual([
      [m1, 2, 3, false],
      [m2, 0, 0, false],
    ]);
    expect(momentsForEvent(tree, "ev2").map((m) => m.id)).toEqual([m2]);

    moveUp(doc, ctx, m2);
    updateCriticalMoment(doc, ctx, m2, { eventId: "ev3", actual: "Dossier niet overgedragen" });
    tree = readTree(doc);
    expect(tree.criticalMoments.map((m) => m.id)).toEqual([m2, m1]);
    expect(tree.byId.get(m2)!.eventId).toBe("ev3");

    // A why-chain can move to another critical moment; a moment itself stays a root.
    moveNode(doc, ctx, w1, m2);
    expect(readTree(doc).byId.get(m2)!.children.map((c) => c.id)).toEqual([w1]);
    expect(() => moveNode(doc, ctx, m1, w1)).toThrow(UserError);
    expect(() => addSibling(doc, ctx, m1)).toThrow(UserError);
  });

  it("refuses unknown events and flags moments whose event was removed from the timeline", () => {
    const { doc, ctx } = setup();
    expect(() => addCriticalMoment(doc, ctx, { eventId: "nope" })).toThrow(/tijdlijn/);
    const m = addCriticalMoment(doc, ctx, { eventId: "ev1" });
    addWhy(doc, ctx, m, "Waarom?");
    doc.getMap("events").delete("ev1");
    expect(sireSummary(readTree(doc), eventIdsOf(doc))[0]!.eventMissing).toBe(true);
    expect(deleteNode(doc, ctx, m)).toHaveLength(2);
    expect(readTree(doc).criticalMoments).toEqual([]);
  });
});
