// Two (or three) peers edit the same investigation document offline, then exchange updates.
// Whatever happened, every peer must compute the identical, valid tree and lose no node.
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import {
  addChild,
  addEvidence,
  addTop,
  deleteNode,
  moveNode,
  readTree,
  walk,
  type ResolvedTree,
} from "../../app/domain/analysis/tree.ts";

function peer(user: string, clientID: number, startIso: string) {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  let t = Date.parse(startIso);
  let n = 0;
  const ctx: EditContext = {
    userId: user,
    now: () => new Date((t += 1000)),
    newId: () => `${user}-${String(++n).padStart(3, "0")}`,
  };
  return { doc, ctx };
}

// Remote updates carry a non-null origin, as providers do, so an UndoManager (which tracks origin
// null) never undoes another person's edit.
function sync(...docs: Y.Doc[]) {
  for (const from of docs) for (const to of docs) if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from), "remote");
}

function outline(tree: ResolvedTree): string[] {
  return [...walk(tree)].map(
    (n) => `${"  ".repeat(n.depth)}${n.label}${n.flags.map((f) => ` [${f.code}]`).join("")}`,
  );
}

/** Both peers see the same tree, it contains every stored node exactly once, and it is acyclic. */
function expectConverged(a: Y.Doc, b: Y.Doc): ResolvedTree {
  const ta = readTree(a);
  const tb = readTree(b);
  expect(JSON.stringify(ta.roots)).toBe(JSON.stringify(tb.roots));
  expect(JSON.stringify(ta.recovery)).toBe(JSON.stringify(tb.recovery));
  const shown = [...walk(ta)].map((n) => n.id);
  expect(new Set(shown).size).toBe(shown.length);
  expect(shown.sort()).toEqual([...a.getMap("nodes").keys()].sort());
  expect(ta.top === null ? 0 : 1).toBe(ta.roots.filter((r) => r.kind === "top").length);
  return ta;
}

function base() {
  const a = peer("anna", 1, "2025-03-01T09:00:00Z");
  const b = peer("bram", 2, "2025-03-01T09:00:30Z");
  const top = addTop(a.doc, a.ctx, { label: "Top" });
  const x = addChild(a.doc, a.ctx, top, { label: "X" });
  const y = addChild(a.doc, a.ctx, top, { label: "Y" });
  const x1 = addChild(a.doc, a.ctx, x, { label: "X1" });
  sync(a.doc, b.doc);
  return { a, b, top, x, y, x1 };
}

describe("concurrent edits of the causal tree", () => {
  it("breaks a cycle from crossing moves (X under Y, Y under X) the same way on both peers", () => {
    const { a, b, x, y } = base();
    moveNode(a.doc, a.ctx, x, y); // Anna at 09:00:05
    moveNode(b.doc, b.ctx, y, x); // Bram at 09:00:31: the later move is cut
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    expect(outline(tree)).toEqual(["Top", "  Y [cyclus]", "    X", "      X1"]);
    expect(tree.byId.get(y)!.flags[0]!.message).toMatch(/kring/);
    // Stored pointers still form the cycle; only the view is resolved.
    expect(tree.byId.get(y)!.parent).toBe(x);
  });

  it("cuts a cycle at the greatest id when both moves carry the same time", () => {
    const a = peer("anna", 1, "2025-03-01T09:00:00Z");
    const top = addTop(a.doc, a.ctx, { label: "Top" });
    const p = addChild(a.doc, a.ctx, top, { label: "P" });
    const q = addChild(a.doc, a.ctx, top, { label: "Q" });
    const b = peer("bram", 2, "2025-03-01T09:00:00Z");
    sync(a.doc, b.doc);
    const sameTime: EditContext = { ...a.ctx, now: () => new Date("2025-03-01T10:00:00Z") };
    moveNode(a.doc, sameTime, p, q);
    moveNode(b.doc, { ...sameTime, userId: "bram" }, q, p);
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    const cut = p > q ? "P" : "Q";
    const other = cut === "P" ? "Q" : "P";
    expect(outline(tree)).toEqual(["Top", `  ${cut} [cyclus]`, `    ${other}`]);
  });

  it("resolves a three-way cycle made by three peers", () => {
    const a = peer("anna", 1, "2025-03-01T09:00:00Z");
    const top = addTop(a.doc, a.ctx, { label: "Top" });
    const [p, q, r] = ["P", "Q", "R"].map((l) => addChild(a.doc, a.ctx, top, { label: l }));
    const b = peer("bram", 2, "2025-03-01T09:01:00Z");
    const c = peer("cor", 3, "2025-03-01T09:02:00Z");
    sync(a.doc, b.doc, c.doc);
    moveNode(a.doc, a.ctx, p!, q!);
    moveNode(b.doc, b.ctx, q!, r!);
    moveNode(c.doc, c.ctx, r!, p!); // latest
    sync(a.doc, b.doc, c.doc);
    const tree = expectConverged(a.doc, b.doc);
    expect(JSON.stringify(readTree(c.doc).roots)).toBe(JSON.stringify(tree.roots));
    // R moved last, so R is cut; Q still points at R and P at Q.
    expect(outline(tree)).toEqual(["Top", "  R [cyclus]", "    Q", "      P"]);
  });

  it("shows a child added under a concurrently deleted parent under the top, flagged, and undo brings the parent back", () => {
    const { a, b, top, x, x1 } = base();
    const undo = new Y.UndoManager(a.doc.getMap("nodes"));
    expect(deleteNode(a.doc, a.ctx, x)).toEqual([x, x1]);
    const z = addChild(b.doc, b.ctx, x, { label: "Z (nieuw)" });
    sync(a.doc, b.doc);
    let tree = expectConverged(a.doc, b.doc);
    expect(outline(tree)).toEqual(["Top", "  Y", "  Z (nieuw) [verweesd]"]);
    expect(tree.byId.get(z)!.viewParent).toBe(top);
    expect(tree.byId.get(z)!.flags[0]!.message).toMatch(/verwijderd/);

    undo.undo();
    sync(a.doc, b.doc);
    tree = expectConverged(a.doc, b.doc);
    expect(outline(tree)).toEqual(["Top", "  X", "    X1", "    Z (nieuw)", "  Y"]);
  });

  it("re-attaches a node moved into a subtree that another peer deleted", () => {
    const { a, b, y, x, x1 } = base();
    deleteNode(a.doc, a.ctx, x);
    moveNode(b.doc, b.ctx, y, x1);
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    expect(outline(tree)).toEqual(["Top", "  Y [verweesd]"]);
  });

  it("keeps the oldest of two concurrently created top events and shows the other beneath it", () => {
    const a = peer("anna", 1, "2025-03-01T10:00:00Z");
    const b = peer("bram", 2, "2025-03-01T09:00:00Z");
    const ta = addTop(a.doc, a.ctx, { label: "Top van Anna" });
    addChild(a.doc, a.ctx, ta, { label: "Oorzaak van Anna" });
    const tb = addTop(b.doc, b.ctx, { label: "Top van Bram" });
    addChild(b.doc, b.ctx, tb, { label: "Oorzaak van Bram" });
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    expect(tree.top!.id).toBe(tb);
    // Both first children got the same order key; the id breaks the tie.
    expect(outline(tree)).toEqual([
      "Top van Bram",
      "  Top van Anna [dubbele_top]",
      "    Oorzaak van Anna",
      "  Oorzaak van Bram",
    ]);
    // The surplus top can be placed like any cause; it then becomes one.
    moveNode(a.doc, a.ctx, ta, tb, 0);
    sync(a.doc, b.doc);
    const after = expectConverged(a.doc, b.doc);
    expect(after.byId.get(ta)!.kind).toBe("cause");
    expect(outline(after).slice(0, 2)).toEqual(["Top van Bram", "  Top van Anna"]);
  });

  it("orders siblings inserted at the same spot identically, and can insert between them later", () => {
    const { a, b, top, x } = base();
    const na = addChild(a.doc, a.ctx, top, { label: "Van Anna", index: 1 });
    const nb = addChild(b.doc, b.ctx, top, { label: "Van Bram", index: 1 });
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    const labels = tree.top!.children.map((c) => c.label);
    expect(labels[0]).toBe("X");
    expect(labels.slice(1, 3).sort()).toEqual(["Van Anna", "Van Bram"]);
    expect(labels[3]).toBe("Y");
    expect(tree.byId.get(na)!.order).toBe(tree.byId.get(nb)!.order);
    addChild(a.doc, a.ctx, top, { label: "Ertussen", index: 2 });
    sync(a.doc, b.doc);
    expect(expectConverged(a.doc, b.doc).top!.children.map((c) => c.label)).toEqual([
      "X",
      labels[1],
      "Ertussen",
      labels[2],
      "Y",
    ]);
    expect(x).toBeTruthy();
  });

  it("keeps evidence linked by two peers at once, and a concurrent move of one node ends in one place", () => {
    const { a, b, x, y, x1 } = base();
    for (const p of [a, b]) {
      p.doc.getMap("events").set("ev-a", new Y.Map());
      p.doc.getMap("events").set("ev-b", new Y.Map());
    }
    addEvidence(a.doc, a.ctx, x1, "ev-a");
    addEvidence(b.doc, b.ctx, x1, "ev-b");
    moveNode(a.doc, a.ctx, x1, y);
    moveNode(b.doc, b.ctx, x1, x, 0);
    sync(a.doc, b.doc);
    const tree = expectConverged(a.doc, b.doc);
    expect([...tree.byId.get(x1)!.evidence].sort()).toEqual(["ev-a", "ev-b"]);
    expect(tree.byId.get(x1)!.flags).toEqual([]);
    expect(outline(tree).filter((l) => l.includes("X1"))).toHaveLength(1);
  });
});
