// Two real y-websocket clients (procesbegeleider and onderzoeker) edit the causal tree through the
// real collaboration server at the same time: crossing moves, delete versus add-child, two top
// events, concurrent reorders. Both converge to the same valid tree (no cycles, no orphans,
// nothing silently lost), what the server stored is the same tree, and the analysis projection
// (root causes with ECM code and group, measures, links) lands in PostgreSQL.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  addChild,
  addEvidence,
  addTop,
  createMeasure,
  deleteNode,
  moveDown,
  moveNode,
  moveUp,
  readTree,
  setEcm,
  setLabel,
  setThemes,
  walk,
  type EditContext,
  type ResolvedTree,
} from "../../app/domain/analysis/index.ts";
import { schema } from "../../db/client.ts";
import { projectAnalysis, rebuildAnalysisProjection } from "../../server/collab/analysis-projection.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

let db: TestDatabase;
let srv: CollabTestServer;
const peers: TestPeer[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({ database: db.handle });
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  await srv?.close();
  await db?.cleanup();
});

/** The shown tree as plain data: what every peer must agree on. */
function shape(tree: ResolvedTree) {
  return [...walk(tree)].map((n) => ({
    id: n.id,
    label: n.label,
    parent: n.viewParent,
    depth: n.depth,
    flags: n.flags.map((f) => f.code),
    ecm: n.ecm,
  }));
}

/** A valid tree: every stored node shown exactly once, parents exist, depth follows the parent. */
function expectValid(doc: Y.Doc) {
  const tree = readTree(doc);
  const shown = [...walk(tree)];
  const ids = shown.map((n) => n.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length + tree.invalid.length).toBe(doc.getMap("nodes").size);
  for (const n of shown) {
    if (n.viewParent === null) expect(n.depth).toBe(0);
    else {
      const p = tree.byId.get(n.viewParent)!;
      expect(p).toBeTruthy();
      expect(n.depth).toBe(p.depth + 1);
      expect(p.children).toContain(n);
    }
  }
  return tree;
}

async function converged(a: TestPeer, b: TestPeer, what: string) {
  await waitFor(() => JSON.stringify(shape(readTree(a.doc))) === JSON.stringify(shape(readTree(b.doc))), what);
  expectValid(a.doc);
  expectValid(b.doc);
}

async function setup() {
  const inv = await createInvestigation(srv.ctx, "Analyse samen");
  const lead = await addMember(srv.ctx, inv, "procesbegeleider", "Petra");
  const researcher = await addMember(srv.ctx, inv, "onderzoeker", "Olaf");
  const a = connectPeer(srv, inv, lead);
  const b = connectPeer(srv, inv, researcher);
  peers.push(a, b);
  await Promise.all([synced(a), synced(b)]);
  const ctxA: EditContext = { userId: lead.userId };
  const ctxB: EditContext = { userId: researcher.userId };
  return { inv, a, b, ctxA, ctxB };
}

describe("analysis: two people edit the causal tree at once", () => {
  it("crossing moves (A under B while B under A) converge to one tree without a cycle", async () => {
    const { a, b, ctxA, ctxB } = await setup();
    const top = addTop(a.doc, ctxA, { label: "Overlijden moeder" });
    const x = addChild(a.doc, ctxA, top, { label: "X: signalen niet gedeeld" });
    const y = addChild(a.doc, ctxA, top, { label: "Y: geen casusregie" });
    const x1 = addChild(a.doc, ctxA, x, { label: "X1" });
    await converged(a, b, "b has the first tree");

    // Same tick: neither peer has seen the other's move.
    moveNode(a.doc, ctxA, x, y);
    moveNode(b.doc, ctxB, y, x);
    await converged(a, b, "crossing moves converge");

    const tree = readTree(a.doc);
    const flagged = [...walk(tree)].filter((n) => n.flags.some((f) => f.code === "cyclus"));
    expect(flagged).toHaveLength(1);
    // The cut node hangs under the top event; the other kept its move; X1 stayed under X.
    expect(flagged[0]!.viewParent).toBe(top);
    expect(tree.byId.get(x1)!.viewParent).toBe(x);
    expect([...walk(tree)]).toHaveLength(4);
  });

  it("delete versus add child: the new cause survives (under the top event, flagged) instead of being lost", async () => {
    const { a, b, ctxA, ctxB } = await setup();
    const top = addTop(a.doc, ctxA, { label: "Val van bewoner" });
    const z = addChild(a.doc, ctxA, top, { label: "Z" });
    const w = addChild(a.doc, ctxA, z, { label: "W" });
    await converged(a, b, "b has the tree");

    deleteNode(a.doc, ctxA, z); // removes Z and W
    const added = addChild(b.doc, ctxB, w, { label: "Nieuw onder W" });
    await converged(a, b, "delete vs add converge");

    const tree = readTree(a.doc);
    const kept = tree.byId.get(added)!;
    expect(kept.label).toBe("Nieuw onder W");
    expect(kept.viewParent).toBe(top);
    expect(kept.flags.map((f) => f.code)).toEqual(["verweesd"]);
    expect(tree.byId.has(z)).toBe(false);
    expect(tree.byId.has(w)).toBe(false);
  });

  it("two top events created at once: one is the top, the other is shown beneath it", async () => {
    const { a, b, ctxA, ctxB } = await setup();
    const t1 = addTop(a.doc, ctxA, { label: "Top van Petra" });
    const t2 = addTop(b.doc, ctxB, { label: "Top van Olaf" });
    await converged(a, b, "two tops converge");
    const tree = readTree(b.doc);
    expect([t1, t2]).toContain(tree.top!.id);
    const other = tree.byId.get(tree.top!.id === t1 ? t2 : t1)!;
    expect(other.viewParent).toBe(tree.top!.id);
    expect(other.flags[0]!.code).toBe("dubbele_top");
  });

  it("a burst of concurrent edits (adds, reorders, moves, labels, deletes) converges to the same valid tree", async () => {
    const { a, b, ctxA, ctxB } = await setup();
    const top = addTop(a.doc, ctxA, { label: "Top" });
    const base = [0, 1, 2, 3, 4].map((i) => addChild(a.doc, ctxA, top, { label: `Oorzaak ${i}` }));
    await converged(a, b, "base tree");
    for (let round = 0; round < 5; round++) {
      const ta = readTree(a.doc);
      const tb = readTree(b.doc);
      const ca = [...walk(ta)].filter((n) => n.kind === "cause");
      const cb = [...walk(tb)].filter((n) => n.kind === "cause");
      const pick = <T,>(list: T[], i: number) => list[(i * 7 + round * 3) % list.length]!;
      addChild(a.doc, ctxA, pick(ca, 1).id, { label: `A${round}` });
      addChild(b.doc, ctxB, pick(cb, 2).id, { label: `B${round}` });
      moveUp(a.doc, ctxA, pick(ca, 3).id);
      moveDown(b.doc, ctxB, pick(cb, 4).id);
      try {
        moveNode(a.doc, ctxA, pick(ca, 5).id, pick(ca, 6).id);
      } catch {
        // refused locally (e.g. under its own descendant): fine
      }
      try {
        moveNode(b.doc, ctxB, pick(cb, 6).id, pick(cb, 5).id);
      } catch {
        // idem
      }
      setLabel(a.doc, ctxA, pick(ca, 0).id, `Label A${round}`);
      setLabel(b.doc, ctxB, pick(cb, 0).id, `Label B${round}`);
      if (round === 2) deleteNode(b.doc, ctxB, base[4]!);
    }
    await converged(a, b, "burst converges");
    const tree = readTree(a.doc);
    expect(tree.top!.id).toBe(top);
    // 1 top + 5 base + 10 added, minus what the delete of base[4] took at that moment.
    expect([...walk(tree)].length).toBeGreaterThanOrEqual(10);

    // What the server stored is the same tree.
    await waitFor(async () => {
      const stored = await loadDoc(db.handle.db, a.provider.roomname);
      try {
        return JSON.stringify(shape(readTree(stored))) === JSON.stringify(shape(readTree(a.doc)));
      } finally {
        stored.destroy();
      }
    }, "stored document equals the peers' tree");
  });
});

describe("analysis projection into PostgreSQL", () => {
  it("projects root causes (ECM code and group, themes), measures and links, and replaces them on change", async () => {
    const { inv, a, b, ctxA, ctxB } = await setup();
    addParty(a.doc, "p1", "Wijkteam Noord");
    addEvent(a.doc, "e1", "p1", { title: "Huisbezoek" });
    const top = addTop(a.doc, ctxA, { label: "Overlijden moeder" });
    const c1 = addChild(a.doc, ctxA, top, { label: "Geen overdracht" });
    const r1 = addChild(a.doc, ctxA, c1, { label: "Protocol onbekend" });
    const r2 = addChild(a.doc, ctxA, c1, { label: "Rollen onbekend" });
    await converged(a, b, "tree at b");
    setEcm(b.doc, ctxB, r1, "OP");
    setThemes(b.doc, ctxB, r1, ["casusregie_overdracht", "escalatie"]);
    addEvidence(b.doc, ctxB, r1, "e1");
    const m = createMeasure(a.doc, ctxA, {
      title: "Overdrachtsprotocol invoeren",
      rootCauses: [r1],
      ownerOrganisation: "Wijkteam Noord",
      ownerFunction: "Teamleider",
      deadline: "2027-03-01",
    });

    // The stored document (what the server persisted) projects to the expected rows.
    await waitFor(async () => {
      await rebuildAnalysisProjection(srv.ctx, inv);
      const rows = await db.handle.db.select().from(schema.analysisRootCauses).where(eq(schema.analysisRootCauses.investigationId, inv));
      return rows.length === 2 && rows.some((r) => r.nodeId === r1 && r.ecm === "OP") && (await db.handle.db.select().from(schema.analysisMeasures).where(eq(schema.analysisMeasures.investigationId, inv))).length === 1;
    }, "projection rows");

    const causes = await db.handle.db.select().from(schema.analysisRootCauses).where(eq(schema.analysisRootCauses.investigationId, inv));
    const rc1 = causes.find((r) => r.nodeId === r1)!;
    expect(rc1).toMatchObject({ label: "Protocol onbekend", ecm: "OP", ecmGroup: "organisatorisch", method: "prisma" });
    expect([...rc1.themes].sort()).toEqual(["casusregie_overdracht", "escalatie"]);
    expect(causes.find((r) => r.nodeId === r2)).toMatchObject({ ecm: null, ecmGroup: null });
    const [measure] = await db.handle.db.select().from(schema.analysisMeasures).where(eq(schema.analysisMeasures.investigationId, inv));
    expect(measure).toMatchObject({ measureId: m, title: "Overdrachtsprotocol invoeren", ownerFunction: "Teamleider", deadline: "2027-03-01", status: "gepland", valid: true });
    const links = await db.handle.db
      .select()
      .from(schema.analysisMeasureRootCauses)
      .where(and(eq(schema.analysisMeasureRootCauses.investigationId, inv), eq(schema.analysisMeasureRootCauses.measureId, m)));
    expect(links.map((l) => l.rootCauseId)).toEqual([r1]);

    // A change replaces the rows: r1 gets a cause beneath it, so it is no longer a root cause.
    addChild(a.doc, ctxA, r1, { label: "Dieper" });
    await waitFor(async () => {
      const stored = await loadDoc(db.handle.db, inv);
      try {
        return stored.getMap("nodes").size === 5;
      } finally {
        stored.destroy();
      }
    }, "stored");
    const rows = await projectAnalysis(srv.ctx, inv, a.doc);
    expect(rows.rootCauses.map((r) => r.label).sort()).toEqual(["Dieper", "Rollen onbekend"]);
    const after = await db.handle.db.select().from(schema.analysisRootCauses).where(eq(schema.analysisRootCauses.investigationId, inv));
    expect(after.map((r) => r.label).sort()).toEqual(["Dieper", "Rollen onbekend"]);
    const linksAfter = await db.handle.db.select().from(schema.analysisMeasureRootCauses).where(eq(schema.analysisMeasureRootCauses.investigationId, inv));
    expect(linksAfter).toEqual([]);
    const [measureAfter] = await db.handle.db.select().from(schema.analysisMeasures).where(eq(schema.analysisMeasures.investigationId, inv));
    expect(measureAfter!.rootCauseIds).toEqual([r1]);
  });
});
