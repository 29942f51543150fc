import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addComment, canDeleteComment, commentPeople, canResolveComment, commentsFor, deleteComment, setCommentResolved, COMMENT_MAX_LENGTH } from "../../app/domain/timeline/comments.ts";
import { createEvent, createParty } from "../../app/domain/timeline/mutations.ts";
import { UserError } from "../../app/domain/errors.ts";

function setup() {
  const doc = new Y.Doc();
  const lane = createParty(doc, { name: "De Brug", domain: "Gezondheid" });
  const ctx = { userId: "seed", origin: "seed" };
  const eventId = createEvent(doc, { title: "Overleg", party: lane, start: "2014-04", kind: "overleg" }, ctx);
  const other = createEvent(doc, { title: "Huisbezoek", party: lane, start: "2014-05", kind: "huisbezoek" }, ctx);
  return { doc, eventId, other };
}
const me = { userId: "u1", userName: "Anna de Vries", origin: "me" };

describe("timeline comments", () => {
  it("adds a trimmed comment in one transaction and reads it back", () => {
    const { doc, eventId } = setup();
    let transactions = 0;
    doc.on("afterTransaction", () => transactions++);
    const id = addComment(doc, { eventId, text: "  Klopt de datum?  " }, { ...me, now: new Date("2025-03-12T13:05:00Z") });
    expect(transactions).toBe(1);
    const [c] = commentsFor(doc, eventId);
    expect(c).toEqual({
      ok: true,
      id,
      value: { eventId, text: "Klopt de datum?", authorId: "u1", authorName: "Anna de Vries", createdAt: "2025-03-12T13:05:00.000Z" },
    });
  });

  it("is undone as one step by an undo manager tracking the origin", () => {
    const { doc, eventId } = setup();
    const undo = new Y.UndoManager([doc.getMap("comments")], { trackedOrigins: new Set(["me"]) });
    addComment(doc, { eventId, text: "Eén" }, me);
    undo.undo();
    expect(commentsFor(doc, eventId)).toEqual([]);
  });

  it("refuses empty, too long text and unknown facts with a Dutch UserError", () => {
    const { doc, eventId } = setup();
    expect(() => addComment(doc, { eventId, text: "   " }, me)).toThrow(UserError);
    expect(() => addComment(doc, { eventId, text: "   " }, me)).toThrow(/Schrijf eerst een opmerking/);
    expect(() => addComment(doc, { eventId, text: "x".repeat(COMMENT_MAX_LENGTH + 1) }, me)).toThrow(/hoogstens 2000 tekens/);
    expect(() => addComment(doc, { eventId: "bestaat-niet", text: "Hallo" }, me)).toThrow(/bestaat niet/);
    expect(addComment(doc, { eventId, text: "x".repeat(COMMENT_MAX_LENGTH) }, me)).toBeTruthy();
    expect(doc.getMap("comments").size).toBe(1);
  });

  it("lists only this fact's comments, oldest first", () => {
    const { doc, eventId, other } = setup();
    addComment(doc, { eventId, text: "Later" }, { ...me, now: new Date("2025-03-12T14:00:00Z") });
    addComment(doc, { eventId, text: "Eerder" }, { ...me, now: new Date("2025-03-12T09:00:00Z") });
    addComment(doc, { eventId: other, text: "Ander feit" }, me);
    expect(commentsFor(doc, eventId).map((c) => c.ok && c.value.text)).toEqual(["Eerder", "Later"]);
  });

  it("flags invalid entries of this fact, skips unreadable ones and never throws", () => {
    const { doc, eventId } = setup();
    addComment(doc, { eventId, text: "Goed" }, me);
    const bad = new Y.Map<unknown>();
    doc.getMap("comments").set("bad", bad);
    bad.set("eventId", eventId);
    bad.set("text", "");
    doc.getMap("comments").set("junk", 42);
    const list = commentsFor(doc, eventId);
    expect(list).toHaveLength(2);
    expect(list[0].ok).toBe(true);
    expect(list[1]).toMatchObject({ ok: false, id: "bad" });
    expect(() => commentsFor(new Y.Doc(), eventId)).not.toThrow();
  });

  it("deletes only the author's own comment", () => {
    const { doc, eventId } = setup();
    const id = addComment(doc, { eventId, text: "Mijn opmerking" }, me);
    expect(canDeleteComment(doc, id, "u2")).toBe(false);
    expect(() => deleteComment(doc, id, "other", "u2")).toThrow(/eigen opmerkingen/);
    expect(canDeleteComment(doc, id, "u1")).toBe(true);
    expect(deleteComment(doc, id, "me", "u1")).toBe(true);
    expect(deleteComment(doc, id, "me", "u1")).toBe(false);
    expect(commentsFor(doc, eventId)).toEqual([]);
  });

  describe("afgehandeld", () => {
    const ORG = "org-de-brug";
    function withOwnedLane() {
      const doc = new Y.Doc();
      const lane = createParty(doc, { name: "De Brug", domain: "Gezondheid", organisationId: ORG });
      const eventId = createEvent(doc, { title: "Overleg", party: lane, start: "2014-04", kind: "overleg" }, { userId: "seed", origin: "seed" });
      const id = addComment(doc, { eventId, text: "Klopt de datum?" }, { userId: "author", userName: "Anna", origin: "a" });
      return { doc, id, eventId };
    }
    const owner = { userId: "owner", userName: "Bert van De Brug", role: "ketenpartner", organisationId: ORG };
    const outsider = { userId: "x", userName: "Xander", role: "ketenpartner", organisationId: "org-andere" };

    it("the fact's own organisation marks a comment afgehandeld with name and time, and opens it again", () => {
      const { doc, id, eventId } = withOwnedLane();
      let transactions = 0;
      doc.on("afterTransaction", () => transactions++);
      expect(setCommentResolved(doc, id, true, owner, { now: new Date("2025-03-13T08:00:00Z") })).toBe(true);
      expect(transactions).toBe(1);
      const [c] = commentsFor(doc, eventId);
      expect(c.ok && c.value).toMatchObject({ resolved: true, resolvedById: "owner", resolvedByName: "Bert van De Brug", resolvedAt: "2025-03-13T08:00:00.000Z" });
      setCommentResolved(doc, id, false, owner);
      const [open] = commentsFor(doc, eventId);
      expect(open.ok && open.value.resolved).toBeUndefined();
      expect(open.ok && open.value.resolvedById).toBeUndefined();
    });

    it("the author, procesbegeleider and onderzoeker may; another organisation and the toezichthouder may not", () => {
      const { doc, id } = withOwnedLane();
      expect(canResolveComment(doc, id, { userId: "author", role: "ketenpartner", organisationId: "org-andere" })).toBe(true);
      expect(canResolveComment(doc, id, { userId: "pb", role: "procesbegeleider", organisationId: null })).toBe(true);
      expect(canResolveComment(doc, id, { userId: "o", role: "onderzoeker", organisationId: null })).toBe(true);
      expect(canResolveComment(doc, id, owner)).toBe(true);
      expect(canResolveComment(doc, id, outsider)).toBe(false);
      expect(canResolveComment(doc, id, { userId: "t", role: "toezichthouder", organisationId: null })).toBe(false);
      expect(() => setCommentResolved(doc, id, true, outsider)).toThrow(/Alleen de schrijver van de opmerking/);
      expect(setCommentResolved(doc, "weg", true, owner)).toBe(false);
    });
  });

  describe("names shown", () => {
    const base = { eventId: "e", text: "x", createdAt: "2026-01-01T10:00:00.000Z" };
    const members = { u1: "Anna de Vries", u2: "Bram Jansen" };

    it("takes names from the member list, not from the document", () => {
      const c = { ...base, authorId: "u1", authorName: "Anna (procesbegeleider)", resolved: true, resolvedById: "u2", resolvedByName: "De inspectie" };
      expect(commentPeople(c, members)).toEqual({ author: "Anna de Vries", resolvedBy: "Bram Jansen" });
    });

    it("falls back to the document's name for someone no longer a member, and never to a prototype key", () => {
      expect(commentPeople({ ...base, authorId: "oud", authorName: "Oud-lid" }, members)).toEqual({ author: "Oud-lid", resolvedBy: undefined });
      expect(commentPeople({ ...base, authorId: "toString", authorName: "" }, members).author).toBe("Onbekende deelnemer");
      expect(commentPeople({ ...base, authorId: "u1", authorName: "", resolved: false, resolvedById: "u2" }, members).resolvedBy).toBeUndefined();
    });
  });
});
