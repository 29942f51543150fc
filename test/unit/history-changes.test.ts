import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { describeTransaction, type ChangeDetail } from "../../app/domain/history/changes.ts";
import { describeDetails } from "../../app/domain/history/describe.ts";
import { createEvent, createParty, deleteEvent, setEventStatus, updateEvent } from "../../app/domain/timeline/mutations.ts";
import { addComment, deleteComment, setCommentResolved } from "../../app/domain/timeline/comments.ts";

/** A doc with GC on (like the server's) that records what each transaction did, before GC. */
function recordingDoc() {
  const doc = new Y.Doc();
  const log: ChangeDetail[][] = [];
  doc.on("afterTransaction", (tr: Y.Transaction) => {
    const d = describeTransaction(tr);
    if (d.length > 0) log.push(d);
  });
  return { doc, log, last: () => describeDetails(log[log.length - 1]) };
}

const user = { userId: "u1" };
const member = { userId: "u1", userName: "Anna", role: "procesbegeleider" as const, organisationId: null };

function seed(doc: Y.Doc) {
  const party = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin" });
  const id = createEvent(doc, { title: "Behandeling afgesloten", party, start: "2014-03", kind: "besluit" }, user);
  return { party, id };
}

describe("history: what a transaction did, in words", () => {
  it("names an added fact and a changed one with old → new for short values", () => {
    const { doc, log, last } = recordingDoc();
    const { id } = seed(doc);
    expect(describeDetails(log[1])).toEqual(["Feit ‘Behandeling afgesloten’ toegevoegd"]);
    updateEvent(doc, id, { title: "Behandeling beëindigd", start: "2014-03-12" }, user);
    expect(last()).toEqual(["Feit ‘Behandeling beëindigd’ gewijzigd: datum maart 2014 → 12 maart 2014, titel ‘Behandeling afgesloten’ → ‘Behandeling beëindigd’"]);
    updateEvent(doc, id, { description: "Een lange beschrijving ".repeat(10), flags: { kritiekMoment: true } }, user);
    expect(last()).toEqual(["Feit ‘Behandeling beëindigd’ gewijzigd: beschrijving, kritiek moment uit → aan"]);
  });

  it("says a fact was disputed with the reason, confirmed, and deleted under its old title", () => {
    const { doc, last } = recordingDoc();
    const { id } = seed(doc);
    setEventStatus(doc, id, "betwist", "Datum klopt niet volgens het dossier", user);
    expect(last()).toEqual(["Feit ‘Behandeling afgesloten’ betwist, reden: ‘Datum klopt niet volgens het dossier’"]);
    setEventStatus(doc, id, "bevestigd", undefined, user);
    expect(last()).toEqual(["Feit ‘Behandeling afgesloten’ bevestigd"]);
    deleteEvent(doc, id);
    expect(last()).toEqual(["Feit ‘Behandeling afgesloten’ verwijderd"]);
  });

  it("describes comments by the fact they are on: added, settled, reopened, deleted", () => {
    const { doc, last } = recordingDoc();
    const { id } = seed(doc);
    const c = addComment(doc, { eventId: id, text: "Klopt deze datum?" }, { userId: "u1", userName: "Anna" });
    expect(last()).toEqual(["Opmerking bij feit ‘Behandeling afgesloten’ toegevoegd"]);
    setCommentResolved(doc, c, true, member);
    expect(last()).toEqual(["Opmerking bij feit ‘Behandeling afgesloten’ afgehandeld"]);
    setCommentResolved(doc, c, false, member);
    expect(last()).toEqual(["Opmerking bij feit ‘Behandeling afgesloten’ heropend"]);
    deleteComment(doc, c, null);
    expect(last()).toEqual(["Opmerking bij feit ‘Behandeling afgesloten’ verwijderd"]);
    expect(last().join(" ")).not.toContain("Onbekend onderdeel");
  });

  it("tells an import, its undo and its redo apart", () => {
    const { doc, last } = recordingDoc();
    const { party } = seed(doc);
    const origin = { session: "tab" };
    const um = new Y.UndoManager([doc.getMap("events"), doc.getMap("parties")], { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    doc.transact(() => {
      for (const title of ["Aanmelding", "Intake", "Huisbezoek"]) createEvent(doc, { title, party, start: "2014-04", kind: "contact" }, { ...user, origin });
    }, origin);
    const imported = last();
    expect(imported[0]).toBe("Import: 3 feiten toegevoegd");
    expect(imported).toContain("Feit ‘Intake’ toegevoegd");
    um.undo();
    const undone = last();
    expect(undone[0]).toBe("Import ongedaan gemaakt: 3 feiten verwijderd");
    expect(undone).toContain("Feit ‘Intake’ verwijderd");
    um.redo();
    const redone = last();
    expect(redone[0]).toBe("Import opnieuw uitgevoerd: 3 feiten teruggezet");
    expect(redone).toContain("Feit ‘Intake’ teruggezet");
    expect(new Set([imported[0], undone[0], redone[0]]).size).toBe(3);
  });

  it("merges one person's keystrokes in a row into one change from the first to the last value", () => {
    const { doc, log } = recordingDoc();
    const { id } = seed(doc);
    const from = log.length;
    for (const title of ["Behandeling a", "Behandeling af", "Behandeling afgerond"]) updateEvent(doc, id, { title }, user);
    expect(describeDetails(log.slice(from).flat())).toEqual([
      "Feit ‘Behandeling afgerond’ gewijzigd: titel ‘Behandeling afgesloten’ → ‘Behandeling afgerond’",
    ]);
    // Added and changed within one row stays "toegevoegd"; added then deleted disappears.
    const doc2 = recordingDoc();
    const s = seed(doc2.doc);
    updateEvent(doc2.doc, s.id, { title: "Nieuw" }, user);
    expect(describeDetails(doc2.log.slice(1).flat())).toEqual(["Feit ‘Nieuw’ toegevoegd"]);
    deleteEvent(doc2.doc, s.id);
    expect(describeDetails(doc2.log.slice(1).flat())).toEqual([]);
  });

  it("names parties and analysis nodes by their kind", () => {
    const { doc, last } = recordingDoc();
    const { party } = seed(doc);
    doc.getMap("parties").get(party);
    const nodes = doc.getMap<Y.Map<unknown>>("nodes");
    doc.transact(() => {
      const n = new Y.Map<unknown>();
      n.set("kind", "cause");
      n.set("label", "Geen overdracht");
      nodes.set("n1", n);
    });
    expect(last()).toEqual(["Oorzaak ‘Geen overdracht’ toegevoegd"]);
    doc.transact(() => nodes.get("n1")!.set("label", "Geen warme overdracht"));
    expect(last()).toEqual(["Oorzaak ‘Geen warme overdracht’ gewijzigd: tekst ‘Geen overdracht’ → ‘Geen warme overdracht’"]);
  });

  it("describes a comment that arrives as a remote update on a doc that never opened the comments map", () => {
    const client = new Y.Doc();
    const { id } = seed(client);
    const server = recordingDoc();
    server.doc.getMap("events");
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client));
    const before = Y.encodeStateVector(client);
    addComment(client, { eventId: id, text: "Klopt dit?" }, { userId: "u1", userName: "Anna" });
    Y.applyUpdate(server.doc, Y.encodeStateAsUpdate(client, before));
    expect(server.last()).toEqual(["Opmerking bij feit ‘Behandeling afgesloten’ toegevoegd"]);
  });
});
