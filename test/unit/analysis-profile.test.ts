import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { EditContext } from "../../app/domain/analysis/doc.ts";
import {
  analysisProfile,
  combineProfiles,
  formatShare,
  profileFromCodes,
} from "../../app/domain/analysis/profile.ts";
import { addChild, addTop, readTree, setEcm } from "../../app/domain/analysis/tree.ts";

const byCode = (p: ReturnType<typeof profileFromCodes>, code: string) => p.codes.find((c) => c.code === code)!;
const byGroup = (p: ReturnType<typeof profileFromCodes>, g: string) => p.groups.find((c) => c.group === g)!;

describe("PRISMA profile", () => {
  it("counts codes and main groups with shares of the classified root causes", () => {
    const p = profileFromCodes(["OP", "OP", "HRC", "PRF", null, undefined, "", "ZZZ"]);
    expect(p.total).toBe(8);
    expect(p.classified).toBe(4);
    expect(p.unclassified).toBe(3);
    expect(p.unknownCodes).toEqual([{ code: "ZZZ", count: 1 }]);
    expect(byCode(p, "OP")).toMatchObject({ count: 2, share: 0.5, group: "organisatorisch", investigations: 1 });
    expect(byCode(p, "TEX")).toMatchObject({ count: 0, share: 0, investigations: 0 });
    expect(byGroup(p, "organisatorisch")).toMatchObject({ count: 2, share: 0.5 });
    expect(byGroup(p, "menselijk")).toMatchObject({ count: 1, share: 0.25 });
    expect(byGroup(p, "clientgebonden")).toMatchObject({ count: 1, share: 0.25 });
    expect(p.codes).toHaveLength(20);
    expect(p.groups.map((g) => g.group)).toEqual(["technisch", "organisatorisch", "menselijk", "clientgebonden", "overig"]);
    expect(formatShare(1 / 3)).toBe("33%");
  });

  it("handles nothing classified without dividing by zero", () => {
    const p = profileFromCodes([null, null]);
    expect(p.classified).toBe(0);
    expect(p.unclassified).toBe(2);
    expect(p.codes.every((c) => c.share === 0)).toBe(true);
  });

  it("combines investigations and counts in how many each code occurs", () => {
    const p = combineProfiles([["OP", "OP", "HRC"], ["OP", null], ["OEX"]]);
    expect(p.investigations).toBe(3);
    expect(p.total).toBe(6);
    expect(p.classified).toBe(5);
    expect(byCode(p, "OP")).toMatchObject({ count: 3, share: 0.6, investigations: 2 });
    expect(byGroup(p, "organisatorisch")).toMatchObject({ count: 4, investigations: 3 });
    expect(byGroup(p, "menselijk")).toMatchObject({ count: 1, investigations: 1 });
  });

  it("profiles the root causes of a tree, ignoring codes left on nodes that are no longer leaves", () => {
    const doc = new Y.Doc();
    const ctx: EditContext = { userId: "u" };
    const top = addTop(doc, ctx, { label: "Top" });
    const a = addChild(doc, ctx, top, { label: "A" });
    const b = addChild(doc, ctx, top, { label: "B" });
    setEcm(doc, ctx, a, "OM");
    setEcm(doc, ctx, b, "HRV");
    addChild(doc, ctx, a, { label: "A1" }); // A is no longer a root cause; its code stays stored
    const p = analysisProfile(readTree(doc));
    expect(p.total).toBe(2);
    expect(p.classified).toBe(1);
    expect(p.unclassified).toBe(1);
    expect(byCode(p, "HRV").count).toBe(1);
    expect(byCode(p, "OM").count).toBe(0);
  });
});
