// Capture during a reflection meeting (issue 12): findings and questions noted live beside the
// timeline, tagged with themes and linked to facts, and the record of the meeting itself (date,
// kind, attendees by function) that the report's 4c/4d can cite. Both live in the investigation's
// Y.Doc: `meetingNotes` (uuid → Y.Map) and `meetings` (uuid → Y.Map). A finding can become a cause
// in the analysis tree. Everything read back passes a zod schema (Yjs content is untrusted).
import * as Y from "yjs";
import { z } from "zod";
import { addChild, addEvidence, setThemes } from "../analysis/tree.ts";
import { themeCatalog } from "../analysis/catalog.ts";
import type { EditContext } from "../analysis/doc.ts";
import { UserError } from "../errors.ts";

export const NOTES_MAP = "meetingNotes";
export const MEETINGS_MAP = "meetings";
export const NOTE_MAX_LENGTH = 2000;

export const NOTE_KINDS = [
  { key: "bevinding", label: "Bevinding" },
  { key: "vraag", label: "Vraag" },
] as const;
export type NoteKind = (typeof NOTE_KINDS)[number]["key"];

export const MEETING_KINDS = [
  { key: "professionals", label: "Reflectiebijeenkomst met professionals" },
  { key: "bestuurders", label: "Reflectiebijeenkomst met bestuurders" },
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number]["key"];

export const NoteSchema = z.object({
  kind: z.enum(["bevinding", "vraag"]),
  text: z.string().trim().min(1).max(NOTE_MAX_LENGTH),
  themes: z.array(z.string().min(1).max(100)).max(20).default([]),
  eventIds: z.array(z.string().min(1).max(100)).max(50).default([]),
  meetingId: z.string().max(100).nullish(),
  authorId: z.string().min(1),
  authorName: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Set when the finding became a cause in the tree. */
  causeNodeId: z.string().max(100).nullish(),
});
export type Note = z.output<typeof NoteSchema>;

export const MeetingSchema = z.object({
  kind: z.enum(["professionals", "bestuurders"]),
  /** YYYY-MM-DD */
  date: z.iso.date(),
  /** Attendees by function only ("Wijkcoach", "Teamleider jeugdhulp"), never by name. */
  attendees: z.array(z.string().trim().min(1).max(80)).max(60),
  createdBy: z.string().min(1),
  createdAt: z.iso.datetime({ offset: true }),
});
export type Meeting = z.output<typeof MeetingSchema>;

export interface NoteInput {
  kind: NoteKind;
  text: string;
  themes?: string[];
  eventIds?: string[];
  meetingId?: string | null;
}

export interface NoteContext {
  userId: string;
  userName: string;
  origin?: unknown;
  now?: Date;
}

function fail(message: string): never {
  throw new UserError(message, "validation", { details: [message] });
}

/** Adds a finding or question; returns its id. Dutch UserError on bad input. */
export function addNote(doc: Y.Doc, input: NoteInput, ctx: NoteContext): string {
  const text = input.text.trim();
  if (!text) fail("Schrijf eerst de bevinding of vraag op.");
  if (text.length > NOTE_MAX_LENGTH) fail(`Een bevinding of vraag mag hoogstens ${NOTE_MAX_LENGTH} tekens lang zijn (nu ${text.length}).`);
  const themes = [...new Set(input.themes ?? [])];
  const unknownTheme = themes.find((t) => !themeCatalog.byId.has(t));
  if (unknownTheme) fail(`Onbekend thema: ${unknownTheme}.`);
  const eventIds = [...new Set(input.eventIds ?? [])];
  const events = doc.getMap("events");
  if (eventIds.some((id) => !(events.get(id) instanceof Y.Map))) fail("Een gekoppeld feit staat niet (meer) op de tijdlijn.");
  if (input.meetingId && !(doc.getMap(MEETINGS_MAP).get(input.meetingId) instanceof Y.Map)) fail("Deze bijeenkomst bestaat niet (meer).");
  const id = crypto.randomUUID();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set("kind", input.kind);
    m.set("text", text);
    m.set("themes", themes);
    m.set("eventIds", eventIds);
    m.set("meetingId", input.meetingId ?? null);
    m.set("authorId", ctx.userId);
    m.set("authorName", ctx.userName);
    m.set("createdAt", (ctx.now ?? new Date()).toISOString());
    doc.getMap(NOTES_MAP).set(id, m);
  }, ctx.origin ?? null);
  return id;
}

export function deleteNote(doc: Y.Doc, id: string, origin?: unknown): void {
  doc.transact(() => doc.getMap(NOTES_MAP).delete(id), origin ?? null);
}

export type NoteEntry = { id: string; value: Note };

/** Valid notes, oldest first (invalid entries are left out). */
export function readNotes(doc: Y.Doc): NoteEntry[] {
  const out: NoteEntry[] = [];
  for (const [id, raw] of doc.getMap(NOTES_MAP).entries()) {
    if (!(raw instanceof Y.Map)) continue;
    const parsed = NoteSchema.safeParse(raw.toJSON());
    if (parsed.success) out.push({ id, value: parsed.data });
  }
  return out.sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt) || a.id.localeCompare(b.id));
}

/** Records a meeting (procesbegeleider / onderzoekers: the write check refuses it from others). */
export function recordMeeting(
  doc: Y.Doc,
  input: { kind: MeetingKind; date: string; attendees: string[] },
  ctx: { userId: string; origin?: unknown; now?: Date },
): string {
  const attendees = input.attendees.map((a) => a.trim()).filter(Boolean);
  const parsed = MeetingSchema.safeParse({ ...input, attendees, createdBy: ctx.userId, createdAt: (ctx.now ?? new Date()).toISOString() });
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path[0];
    fail(
      path === "date"
        ? "Vul de datum van de bijeenkomst in (JJJJ-MM-DD)."
        : path === "attendees"
          ? "Noem de aanwezigen bij hun functie, hoogstens 60, elk hoogstens 80 tekens."
          : "Kies het soort bijeenkomst: met professionals of met bestuurders.",
    );
  }
  const id = crypto.randomUUID();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries(parsed.data)) m.set(k, v);
    doc.getMap(MEETINGS_MAP).set(id, m);
  }, ctx.origin ?? null);
  return id;
}

export function readMeetings(doc: Y.Doc): { id: string; value: Meeting }[] {
  const out: { id: string; value: Meeting }[] = [];
  for (const [id, raw] of doc.getMap(MEETINGS_MAP).entries()) {
    if (!(raw instanceof Y.Map)) continue;
    const parsed = MeetingSchema.safeParse(raw.toJSON());
    if (parsed.success) out.push({ id, value: parsed.data });
  }
  return out.sort((a, b) => a.value.date.localeCompare(b.value.date) || a.id.localeCompare(b.id));
}

const DUTCH_MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

/**
 * One sentence the report's 4c/4d can cite: "Reflectiebijeenkomst met professionals op
 * 12 maart 2025, aanwezig: wijkcoach, teamleider jeugdhulp (2 personen)."
 */
export function meetingCitation(m: Meeting): string {
  const [y, mo, d] = m.date.split("-").map(Number);
  const kind = MEETING_KINDS.find((k) => k.key === m.kind)!.label;
  const who = m.attendees.length ? `, aanwezig: ${m.attendees.join(", ")} (${m.attendees.length} ${m.attendees.length === 1 ? "persoon" : "personen"})` : "";
  return `${kind} op ${d} ${DUTCH_MONTHS[mo! - 1]} ${y}${who}.`;
}

/**
 * Turns a finding into a cause under `parentId` in the analysis tree: the finding's text as the
 * cause, its themes and its facts (as evidence); the note remembers the cause. Returns the node id.
 */
export function findingToCause(doc: Y.Doc, ctx: EditContext, noteId: string, parentId: string): string {
  const raw = doc.getMap(NOTES_MAP).get(noteId);
  const parsed = raw instanceof Y.Map ? NoteSchema.safeParse(raw.toJSON()) : null;
  if (!parsed?.success) fail("Deze bevinding bestaat niet (meer).");
  const note = parsed.data;
  if (note.kind !== "bevinding") fail("Alleen een bevinding kan een oorzaak worden; een vraag eerst beantwoorden.");
  if (note.causeNodeId) fail("Deze bevinding is al een oorzaak in de analyse.");
  let nodeId = "";
  doc.transact(() => {
    nodeId = addChild(doc, ctx, parentId, { label: note.text.slice(0, 2000) });
    const themes = note.themes.filter((t) => themeCatalog.byId.has(t));
    if (themes.length) setThemes(doc, ctx, nodeId, themes);
    for (const e of note.eventIds) if (doc.getMap("events").has(e)) addEvidence(doc, ctx, nodeId, e);
    (raw as Y.Map<unknown>).set("causeNodeId", nodeId);
  }, ctx.origin ?? null);
  return nodeId;
}
