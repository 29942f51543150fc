import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import {
  addChild,
  addEvidence,
  addRecovery,
  addSibling,
  addTop,
  deleteNode,
  moveDown,
  moveNode,
  moveUp,
  readTree,
  removeEvidence,
  repairTree,
  rootCauses,
  setEcm,
  setLabel,
  setNoMeasureReason,
  setRecoveryType,
  setThemes,
  walk,
  type ResolvedTree,
} from "../../app/domain/analysis/tree.ts";
import { UserError } from "../../app/domain/errors.ts";

function setup(user = "u1", prefix = "n") {
  const doc = new Y.Doc();
  let t = Date.parse("2025-03-01T09:00:00Z");
  let n = 0;
  const ctx: EditContext = {
    userId: user,
    now: () => new Date((t += 1000)),
    newId: () => `${prefix}${String(++n).padStart(3, "0")}`,
  };
  return { doc, ctx };
}

/** Indented labels with flags, the easiest way to assert a whole tree. */
function outline(tree: ResolvedTree): string[] {
  return [...walk(tree)].map(
    (n) => `${"  ".repeat(n.depth)}${n.side === "recovery" ? "+" : "-"} ${n.label}${n.flags.map((f) => ` [${f.code}]`).join("")}`,
  );
}

function expectUserError(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe(code);
    return e as UserError;
  }
  throw new Error("expected a UserError");
}

function basicTree() {
  const { doc, ctx } = setup();
  const top = addTop(doc, ctx, { label: "Cliënt overleden" });
  const a = addChild(doc, ctx, top, { label: "A" });
  const b = addChild(doc, ctx, top, { label: "B" });
  const a1 = addChild(doc, ctx, a, { label: "A1" });
  const a2 = addChild(doc, ctx, a, { label: "A2" });
  return { doc, ctx, top, a, b, a1, a2 };
}

describe("causal tree operations", () => {
  it("builds a tree in order and lists root causes", () => {
    const { doc, ctx, a, b } = basicTree();
    addSibling(doc, ctx, a, { label: "A-bis" });
    const r = addRecovery(doc, ctx, { label: "Buurvrouw belde 112", recoveryType: "ongepland" });
    addChild(doc, ctx, r, { label: "Buurvrouw had sleutel" });
    const tree = readTree(doc);
    expect(outline(tree)).toEqual([
      "- Cliënt overleden",
      "  - A",
      "    - A1",
      "    - A2",
      "  - A-bis",
      "  - B",
      "+ Buurvrouw belde 112",
      "  + Buurvrouw had sleutel",
    ]);
    expect(rootCauses(tree).map((n) => n.label)).toEqual(["A1", "A2", "A-bis", "B"]);
    expect(tree.byId.get(b)!.createdBy).toBe("u1");
    expect(tree.recovery[0]!.recoveryType).toBe("ongepland");
    expect(tree.recovery[0]!.children[0]!.recoveryType).toBe("ongepland");
  });

  it("does not count a lone top event as root cause and allows only one top", () => {
    const { doc, ctx } = setup();
    addTop(doc, ctx, { label: "Top" });
    expect(rootCauses(readTree(doc))).toEqual([]);
    expectUserError(() => addTop(doc, ctx), "top_exists");
  });

  it("moves nodes, reorders siblings and refuses moving under an own descendant", () => {
    const { doc, ctx, top, a, b, a1 } = basicTree();
    moveNode(doc, ctx, b, a, 0);
    expect(outline(readTree(doc))).toEqual(["- Cliënt overleden", "  - A", "    - B", "    - A1", "    - A2"]);
    const err = expectUserError(() => moveNode(doc, ctx, a, a1), "move_into_descendant");
    expect(err.message).toMatch(/onder zichzelf/);
    expectUserError(() => moveNode(doc, ctx, a, a), "move_into_descendant");
    expectUserError(() => moveNode(doc, ctx, top, a), "move_top");
    expectUserError(() => moveNode(doc, ctx, a, null), "wrong_side");

    expect(moveDown(doc, ctx, b)).toBe(true);
    expect(readTree(doc).byId.get(a)!.children.map((c) => c.label)).toEqual(["A1", "B", "A2"]);
    expect(moveDown(doc, ctx, b)).toBe(true);
    expect(moveDown(doc, ctx, b)).toBe(false);
    expect(moveUp(doc, ctx, a1)).toBe(false);
    expect(moveUp(doc, ctx, b)).toBe(true);
    expect(readTree(doc).byId.get(a)!.children.map((c) => c.label)).toEqual(["A1", "B", "A2"]);
    const moved = readTree(doc).byId.get(b)!;
    expect(moved.parent).toBe(a);
    expect(moved.movedBy).toBe("u1");
  });

  it("keeps causes and recovery factors on their own side", () => {
    const { doc, ctx, a } = basicTree();
    const r = addRecovery(doc, ctx, { label: "R" });
    expectUserError(() => moveNode(doc, ctx, a, r), "wrong_side");
    expectUserError(() => moveNode(doc, ctx, r, a), "wrong_side");
    expectUserError(() => addRecovery(doc, ctx, { parent: a }), "wrong_side");
    expectUserError(() => setRecoveryType(doc, ctx, a, "gepland"), "wrong_kind");
    setRecoveryType(doc, ctx, r, "gepland");
    expect(readTree(doc).byId.get(r)!.recoveryType).toBe("gepland");
  });

  it("classifies only root causes, with codes from the catalog", () => {
    const { doc, ctx, a, a1 } = basicTree();
    setEcm(doc, ctx, a1, "HRC");
    expect(readTree(doc).byId.get(a1)!.ecm).toBe("HRC");
    expectUserError(() => setEcm(doc, ctx, a, "OP"), "not_root_cause");
    expectUserError(() => setEcm(doc, ctx, a1, "ZZZ"), "unknown_ecm");
    setEcm(doc, ctx, a1, null);
    expect(readTree(doc).byId.get(a1)!.ecm).toBeNull();
  });

  it("sets labels, themes, evidence and the no-measure reason", () => {
    const { doc, ctx, a1 } = basicTree();
    doc.getMap("events").set("ev1", new Y.Map());
    setLabel(doc, ctx, a1, "Overdracht niet besproken");
    setThemes(doc, ctx, a1, ["casusregie_overdracht", "informatiedeling", "informatiedeling"]);
    expectUserError(() => setThemes(doc, ctx, a1, ["bestaat_niet"]), "unknown_theme");
    addEvidence(doc, ctx, a1, "ev1");
    addEvidence(doc, ctx, a1, "ev1");
    expectUserError(() => addEvidence(doc, ctx, a1, "ev-missing"), "unknown_event");
    setNoMeasureReason(doc, ctx, a1, "  ");
    let n = readTree(doc).byId.get(a1)!;
    expect(n.label).toBe("Overdracht niet besproken");
    expect(n.themes).toEqual(["casusregie_overdracht", "informatiedeling"]);
    expect(n.evidence).toEqual(["ev1"]);
    expect(n.noMeasureReason).toBeNull();
    removeEvidence(doc, ctx, a1, "ev1");
    setNoMeasureReason(doc, ctx, a1, "Buiten invloed van de keten");
    n = readTree(doc).byId.get(a1)!;
    expect(n.evidence).toEqual([]);
    expect(n.noMeasureReason).toBe("Buiten invloed van de keten");
    expectUserError(() => setLabel(doc, ctx, a1, "x".repeat(2001)), "too_long");
  });

  it("deletes a subtree in one step that a Y.UndoManager on `nodes` restores", () => {
    const { doc, ctx, a, a1, a2 } = basicTree();
    doc.getMap("events").set("ev1", new Y.Map());
    setEcm(doc, ctx, a1, "OP");
    addEvidence(doc, ctx, a1, "ev1");
    const before = outline(readTree(doc));
    const snapshot = doc.getMap("nodes").toJSON();
    const undo = new Y.UndoManager(doc.getMap("nodes"));

    expect(deleteNode(doc, ctx, a)).toEqual([a, a1, a2]);
    expect(outline(readTree(doc))).toEqual(["- Cliënt overleden", "  - B"]);
    expect(undo.undoStack).toHaveLength(1);

    undo.undo();
    expect(outline(readTree(doc))).toEqual(before);
    expect(doc.getMap("nodes").toJSON()).toEqual(snapshot);
    const restored = readTree(doc).byId.get(a1)!;
    expect(restored.ecm).toBe("OP");
    expect(restored.evidence).toEqual(["ev1"]);

    undo.redo();
    expect(outline(readTree(doc))).toEqual(["- Cliënt overleden", "  - B"]);
  });

  it("reports garbage entries as invalid without throwing, and keeps their children visible", () => {
    const { doc, ctx, top, a } = basicTree();
    const nodes = doc.getMap<unknown>("nodes");
    nodes.set("g1", "garbage");
    nodes.set("g2", 42);
    nodes.set("g3", new Y.Map<unknown>([["kind", "banana"], ["label", "?"]]));
    nodes.set("g4", new Y.Array());
    nodes.set(
      "g5",
      new Y.Map<unknown>([
        ["kind", "cause"],
        ["label", 5],
        ["parent", top],
        ["order", { x: 1 }],
        ["themes", "escalatie"],
        ["evidence", [1, "ev9", "ev9"]],
        ["createdAt", "gisteren"],
      ]),
    );
    nodes.set("g6", new Y.Map<unknown>([["kind", "cause"], ["label", "Kind van ongeldige"], ["parent", "g3"]]));
    const a1 = readTree(doc).byId.get(a)!.children[0]!.id;
    (nodes.get(a1) as Y.Map<unknown>).set("ecm", 17);

    let tree!: ResolvedTree;
    expect(() => (tree = readTree(doc))).not.toThrow();
    expect(tree.invalid.map((i) => i.id)).toEqual(["g1", "g2", "g3", "g4"]);
    for (const i of tree.invalid) expect(i.reason).toMatch(/analyse/);
    const g5 = tree.byId.get("g5")!;
    expect(g5.label).toBe("");
    expect(g5.evidence).toEqual(["ev9"]);
    expect(g5.issues.map((i) => i.field).sort()).toEqual(["createdAt", "evidence", "label", "order", "themes"]);
    expect(tree.byId.get(a1)!.ecm).toBeNull();
    expect(tree.byId.get("g6")!.viewParent).toBe(top);
    expect(tree.byId.get("g6")!.flags[0]!.code).toBe("verweesd");

    expectUserError(() => setLabel(doc, ctx, "g3", "x"), "invalid_node");
    expect(deleteNode(doc, ctx, "g3")).toEqual(["g3"]);
    expect(readTree(doc).invalid.map((i) => i.id)).toEqual(["g1", "g2", "g4"]);
  });

  it("renumbers siblings whose stored order keys cannot bracket a new position", () => {
    const { doc, ctx, top, a, b } = basicTree();
    const nodes = doc.getMap<Y.Map<unknown>>("nodes");
    nodes.get(a)!.set("order", 1);
    nodes.get(b)!.set("order", 1);
    const c = addChild(doc, ctx, top, { label: "C", index: 1 });
    const tree = readTree(doc);
    expect(tree.top!.children.map((n) => n.label)).toEqual(["A", "C", "B"]);
    for (const n of tree.top!.children) expect(typeof n.order).toBe("string");
    expect(tree.byId.get(c)!.order! > tree.byId.get(a)!.order!).toBe(true);
  });

  it("repairTree writes the resolved view back so flags disappear", () => {
    const { doc, ctx, top } = basicTree();
    const nodes = doc.getMap<unknown>("nodes");
    nodes.set("o1", new Y.Map<unknown>([["kind", "cause"], ["label", "Wees"], ["parent", "weg"], ["order", "V"]]));
    nodes.set("t2", new Y.Map<unknown>([["kind", "top"], ["label", "Tweede top"], ["createdAt", "2030-01-01T00:00:00.000Z"]]));
    expect(readTree(doc).byId.get("o1")!.flags).toHaveLength(1);
    expect(repairTree(doc, ctx)).toBe(2);
    const tree = readTree(doc);
    expect(tree.byId.get("o1")!.flags).toEqual([]);
    expect(tree.byId.get("o1")!.parent).toBe(top);
    expect(tree.byId.get("t2")!.kind).toBe("cause");
    expect(tree.byId.get("t2")!.parent).toBe(top);
    expect(repairTree(doc, ctx)).toBe(0);
  });
});
