import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { compareDocs } from "../../app/domain/history/compare.ts";
import { readRestores, restoreVersionInto, undoRestoreInto } from "../../app/components/history/restore.ts";
import { createEvent, createParty, deleteEvent, updateEvent } from "../../app/domain/timeline/mutations.ts";

const user = { userId: "u1" };
const titles = (doc: Y.Doc) =>
  [...doc.getMap<Y.Map<unknown>>("events").values()].map((e) => String(e.get("title"))).sort();
const copy = (doc: Y.Doc) => {
  const out = new Y.Doc();
  Y.applyUpdate(out, Y.encodeStateAsUpdate(doc));
  return out;
};

function base() {
  const doc = new Y.Doc();
  const party = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin" });
  const a = createEvent(doc, { title: "Aanmelding", party, start: "2014-03", kind: "aanmelding" }, user);
  const b = createEvent(doc, { title: "Intake", party, start: "2014-04", kind: "contact" }, user);
  return { doc, party, a, b };
}

describe("a version compared with now", () => {
  it("lists what was added, changed (with the fields) and removed since", () => {
    const { doc, party, a, b } = base();
    const version = copy(doc);
    updateEvent(doc, a, { title: "Aanmelding door school", flags: { kritiekMoment: true } }, user);
    deleteEvent(doc, b);
    createEvent(doc, { title: "Huisbezoek", party, start: "2014-05", kind: "huisbezoek" }, user);
    const c = compareDocs(version, doc);
    expect(c.added.map((e) => e.name)).toEqual(["Feit ‘Huisbezoek’"]);
    expect(c.changed).toEqual([{ id: a, name: "Feit ‘Aanmelding door school’", fields: expect.arrayContaining(["titel", "kritiek moment"]) }]);
    expect(c.removed.map((e) => e.name)).toEqual(["Feit ‘Intake’"]);
    expect(compareDocs(doc, copy(doc))).toEqual({ added: [], changed: [], removed: [] });
  });
});

describe("undoing a restore later", () => {
  it("puts back only what the restore changed, keeps later edits elsewhere, and marks the record undone", () => {
    const { doc, party, a, b } = base();
    const version = copy(doc);
    // After the version: a renamed, b deleted, c added. The state just before the restore is kept.
    updateEvent(doc, a, { title: "Aanmelding (gewijzigd)" }, user);
    deleteEvent(doc, b);
    const c = createEvent(doc, { title: "Later feit", party, start: "2014-06", kind: "overig" }, user);
    const before = copy(doc);
    restoreVersionInto(doc, version, null, {
      id: "r1",
      versionId: "v1",
      versionName: "Begin ronde 1",
      backupVersionId: "b1",
      backupName: "Vóór terugzetten van ‘Begin ronde 1’",
      byId: "u1",
      byName: "Petra",
      at: "2026-12-02T17:00:00.000Z",
      overwritten: ["u2"],
    });
    expect(titles(doc)).toEqual(["Aanmelding", "Intake"]);
    expect(readRestores(doc).map((r) => [r.versionName, r.overwritten, r.undoneAt])).toEqual([["Begin ronde 1", ["u2"], undefined]]);
    // Meanwhile someone adds a fact: the undo must leave it.
    const d = createEvent(doc, { title: "Na het terugzetten", party, start: "2014-07", kind: "overig" }, user);
    const result = undoRestoreInto(doc, before, version, null, { backupVersionId: "b1", byName: "Petra", at: "2026-12-02T18:00:00.000Z" });
    expect(titles(doc)).toEqual(["Aanmelding (gewijzigd)", "Later feit", "Na het terugzetten"]);
    expect(result).toEqual({ replaced: 1, added: 1, removed: 1 });
    expect(doc.getMap("events").has(c) && doc.getMap("events").has(d)).toBe(true);
    expect(readRestores(doc)[0].undoneAt).toBe("2026-12-02T18:00:00.000Z");
  });
});
