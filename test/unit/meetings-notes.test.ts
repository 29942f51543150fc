import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addTop, readTree } from "../../app/domain/analysis/tree.ts";
import { addNote, deleteNote, findingToCause, meetingCitation, NOTES_MAP, readMeetings, readNotes, recordMeeting } from "../../app/domain/meetings/notes.ts";
import { createEvent, createParty } from "../../app/domain/timeline/mutations.ts";
import { checkWrite } from "../../server/collab/write-guard.ts";
import { UserError } from "../../app/domain/errors.ts";

const ORG_A = "11111111-1111-4111-8111-111111111111";
const USER_A = "user-partner-a";
const writerA = { id: USER_A, name: "Partner A", membership: { role: "ketenpartner" as const, organisationId: ORG_A } };
const lead = { userId: "lead", userName: "Procesbegeleider" };

function setup() {
  const doc = new Y.Doc();
  const lane = createParty(doc, { name: "Wijkteam Noord", domain: "Gezin", organisationId: ORG_A });
  const event = createEvent(doc, { title: "Huisbezoek", party: lane, start: "2014-03-12", kind: "huisbezoek" }, { userId: "lead" });
  return { doc, event };
}

function clientUpdate(server: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe("meeting notes", () => {
  it("notes a finding tagged with themes and linked to facts; refuses unknown themes and facts in Dutch", () => {
    const { doc, event } = setup();
    addNote(doc, { kind: "bevinding", text: " Niemand had de regie ", themes: ["casusregie_overdracht"], eventIds: [event] }, { ...lead, now: new Date("2025-03-12T10:00:00Z") });
    addNote(doc, { kind: "vraag", text: "Wie kreeg de zorgmelding?" }, { ...lead, now: new Date("2025-03-12T10:01:00Z") });
    const notes = readNotes(doc);
    expect(notes.map((n) => [n.value.kind, n.value.text, n.value.themes, n.value.eventIds])).toEqual([
      ["bevinding", "Niemand had de regie", ["casusregie_overdracht"], [event]],
      ["vraag", "Wie kreeg de zorgmelding?", [], []],
    ]);
    expect(() => addNote(doc, { kind: "vraag", text: "x", themes: ["bestaat_niet"] }, lead)).toThrow(/Onbekend thema/);
    expect(() => addNote(doc, { kind: "vraag", text: "x", eventIds: ["weg"] }, lead)).toThrow(/staat niet \(meer\) op de tijdlijn/);
    expect(() => addNote(doc, { kind: "vraag", text: "  " }, lead)).toThrow(UserError);
  });

  it("turns a finding into a cause in the tree with its themes and facts as evidence, once", () => {
    const { doc, event } = setup();
    const top = addTop(doc, { userId: "lead" }, { label: "Calamiteit" });
    const note = addNote(doc, { kind: "bevinding", text: "Overdracht per brief", themes: ["casusregie_overdracht"], eventIds: [event] }, lead);
    const node = findingToCause(doc, { userId: "lead" }, note, top);
    const cause = readTree(doc).byId.get(node)!;
    expect(cause.label).toBe("Overdracht per brief");
    expect(cause.themes).toEqual(["casusregie_overdracht"]);
    expect(cause.evidence).toEqual([event]);
    expect(cause.viewParent).toBe(top);
    expect(readNotes(doc)[0]!.value.causeNodeId).toBe(node);
    expect(() => findingToCause(doc, { userId: "lead" }, note, top)).toThrow(/al een oorzaak/);
    const question = addNote(doc, { kind: "vraag", text: "Waarom?" }, lead);
    expect(() => findingToCause(doc, { userId: "lead" }, question, top)).toThrow(/Alleen een bevinding/);
  });

  it("records the meeting by date, kind and attendees' functions, as a sentence the report can cite", () => {
    const { doc } = setup();
    recordMeeting(doc, { kind: "professionals", date: "2025-03-12", attendees: ["Wijkcoach", " Teamleider jeugdhulp ", ""] }, { userId: "lead" });
    const [m] = readMeetings(doc);
    expect(meetingCitation(m!.value)).toBe("Reflectiebijeenkomst met professionals op 12 maart 2025, aanwezig: Wijkcoach, Teamleider jeugdhulp (2 personen).");
    expect(() => recordMeeting(doc, { kind: "bestuurders", date: "12-03-2025", attendees: [] }, { userId: "lead" })).toThrow(/datum van de bijeenkomst/);
  });
});

describe("write check for meeting notes (ADR 0008 extended)", () => {
  it("lets a ketenpartner add a note under their own name and delete it", () => {
    const { doc, event } = setup();
    const add = clientUpdate(doc, (d) => addNote(d, { kind: "bevinding", text: "Signaal bleef liggen", eventIds: [event] }, { userId: USER_A, userName: "Partner A" }));
    expect(checkWrite(doc, add, writerA)).toEqual({ ok: true });
    Y.applyUpdate(doc, add);
    const id = readNotes(doc)[0]!.id;
    expect(checkWrite(doc, clientUpdate(doc, (d) => deleteNote(d, id)), writerA)).toEqual({ ok: true });
  });

  it("refuses a note under someone else's name, changing or deleting another's note, and recording a meeting", () => {
    const { doc } = setup();
    const forged = checkWrite(doc, clientUpdate(doc, (d) => addNote(d, { kind: "vraag", text: "x" }, { userId: "lead", userName: "Procesbegeleider" })), writerA);
    expect(forged).toEqual({ ok: false, message: "Een bevinding of vraag moet geldig zijn en op uw eigen naam staan." });
    const other = addNote(doc, { kind: "vraag", text: "Van de begeleider" }, lead);
    expect(checkWrite(doc, clientUpdate(doc, (d) => deleteNote(d, other)), writerA).ok).toBe(false);
    expect(checkWrite(doc, clientUpdate(doc, (d) => (d.getMap(NOTES_MAP).get(other) as Y.Map<unknown>).set("text", "anders")), writerA).ok).toBe(false);
    const meeting = checkWrite(doc, clientUpdate(doc, (d) => recordMeeting(d, { kind: "professionals", date: "2025-03-12", attendees: [] }, { userId: USER_A })), writerA);
    expect(meeting.ok).toBe(false);
  });
});
