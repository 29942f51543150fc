import * as Y from "yjs";
import { z } from "zod";
import { can, workspaceWriteScope, type Membership } from "../../app/domain/policy.ts";
import { canResolveComment, CommentSchema, COMMENTS_MAP, RESOLUTION_KEYS } from "../../app/domain/timeline/comments.ts";
import { allowedEventActions, canEditEvent, canManageTimelineStructure, canSetEventStatus } from "../../app/domain/timeline/mutations.ts";
import { EventSchema, yToPlain } from "../../app/domain/timeline/schema.ts";
import { NOTES_MAP, NoteSchema } from "../../app/domain/meetings/notes.ts";

/**
 * Server-side check of what a writer's update changes, beyond "may write at all" (policy):
 * a ketenpartner edits only the events on their own organisation's lane, and on other lanes may
 * only mark an event "betwist" with a reason; structure (lanes, periods), the analysis and every
 * other part of the document (report sections `section:*`, interview reports `interview:*`) belong
 * to the procesbegeleider and onderzoekers. Comments (`comments`) a ketenpartner may add under their
 * own user id on any fact they may comment on, and delete (or change) only when they wrote them;
 * someone else's comment they may only mark afgehandeld (or open again) on a fact they may edit. The
 * rules are the document model's own (app/domain/timeline/mutations.ts), so the UI and the server
 * cannot disagree. Findings and questions of a meeting (`meetingNotes`) follow the comments' rule:
 * added under one's own name, deleted only when one's own; the meeting record (`meetings`) is the
 * onderzoekers'.
 *
 * Every who-field a ketenpartner writes (an event's createdBy/updatedBy, a comment's author and
 * resolver, id and name) must be their own: the document's names are shown to everyone.
 *
 * The update is tried on a shadow copy of the document, never on the document itself. An update
 * that Yjs cannot integrate completely is refused too: Yjs keeps the rest (structs whose origin or
 * left neighbour it lacks, deletions of clocks it has not seen) and integrates it later, inside
 * whoever's update supplies what was missing. For a procesbegeleider that later update is never
 * checked, so a ketenpartner could delete or insert into their text that way.
 */
export type WriteCheck = { ok: true } | { ok: false; message: string };

/** Who sends the update, as the connection knows them (never as the document says). */
export interface Writer {
  id: string;
  name: string;
  membership: Membership;
}

/** The event's fields without the rules between them (see isWellFormedEvent). */
const EventFieldsSchema = z.object(EventSchema.shape);
const DISPUTE_KEYS = new Set(["status", "statusReason", "updatedBy", "updatedAt"]);
/** Maps the check reads by name: defined first, because a root type first seen in an update is a placeholder object. */
const TIMELINE_MAPS = ["parties", "periods", "events", COMMENTS_MAP, NOTES_MAP];

export function needsWriteCheck(membership: Membership): boolean {
  return workspaceWriteScope(membership) !== "free";
}

/**
 * The write check of one open document. It keeps a shadow copy that follows every update the
 * document integrates, so judging an update costs one extra applyUpdate instead of a copy of the
 * whole document (which grew with the document: 3.5 ms at 124 events, 131 ms at 2,124). A refused
 * update has been applied to the shadow, so the shadow is dropped then and rebuilt on the next check.
 */
export class WriteGuard {
  private shadow: Y.Doc | null = null;
  /**
   * Which user first wrote under each Yjs client id while this document is open. Client ids are not
   * authenticated: a ketenpartner writing under the procesbegeleider's id at its next clock would make
   * the server drop the procesbegeleider's own later structs as duplicates. Ids used before the document
   * was opened are not known here (see docs/decisions/0008-collab-guard-incomplete-updates.md).
   */
  private readonly owners = new Map<number, string>();

  /** `writerOf` names the user behind an update's origin on the document (the room: its connection). */
  constructor(
    private readonly doc: Y.Doc,
    private readonly writerOf: (origin: unknown) => string | undefined = () => undefined,
  ) {
    doc.on("update", this.follow);
  }

  check(update: Uint8Array, writer: Writer): WriteCheck {
    if (!needsWriteCheck(writer.membership)) return { ok: true };
    if (workspaceWriteScope(writer.membership) !== "own-lane") return refuse("U kunt deze werkruimte alleen lezen.");
    const early = checkClients(this.doc, update, this.owners, writer.id);
    if (early) return early;
    const shadow = (this.shadow ??= copyOf(this.doc));
    let result: WriteCheck | null = null;
    try {
      result = judge(this.doc, shadow, update, writer);
      return result;
    } finally {
      // Refused (or threw halfway): the shadow is ahead of the document now.
      if (!result?.ok) this.dropShadow();
    }
  }

  destroy(): void {
    this.doc.off("update", this.follow);
    this.dropShadow();
  }

  /** Whatever the document integrates, the shadow integrates too (an update it already has is a no-op). */
  private readonly follow = (update: Uint8Array, origin: unknown) => {
    const user = this.writerOf(origin);
    if (user !== undefined) {
      for (const client of Y.parseUpdateMeta(update).to.keys()) if (!this.owners.has(client)) this.owners.set(client, user);
    }
    if (!this.shadow) return;
    try {
      Y.applyUpdate(this.shadow, update);
      // The document emits only what it integrated, so this stays empty; if not, start afresh.
      if (hasPending(this.shadow)) this.dropShadow();
    } catch {
      this.dropShadow();
    }
  };

  private dropShadow() {
    this.shadow?.destroy();
    this.shadow = null;
  }
}

/** One check on a throwaway copy of `current` (tests, one-off callers); a room uses a WriteGuard. */
export function checkWrite(current: Y.Doc, update: Uint8Array, writer: Writer): WriteCheck {
  const guard = new WriteGuard(current);
  try {
    return guard.check(update, writer);
  } finally {
    guard.destroy();
  }
}

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  for (const name of TIMELINE_MAPS) copy.getMap(name);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  // The document may hold held-back structs of a trusted writer (encodeStateAsUpdate includes
  // them). The shadow judges only the checked writer's update, and any rest left after it means
  // that update was incomplete; so it starts without them, as the shadow that follows the document does.
  copy.store.pendingStructs = null;
  copy.store.pendingDs = null;
  return copy;
}

function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

const INCOMPLETE = "Deze wijziging verwijst naar inhoud die (nog) niet bestaat en is geweigerd.";

/**
 * What the update claims about clients before anything is applied. New structs under a client id that
 * another user writes with are refused. So is a deletion of clocks that exist neither in the document
 * nor in the update itself: Yjs would keep it and delete whatever that client writes next (the pending
 * delete set check catches it as well; this one needs no shadow and names the cause).
 */
function checkClients(doc: Y.Doc, update: Uint8Array, owners: ReadonlyMap<number, string>, userId: string): WriteCheck | null {
  const { structs, ds } = Y.decodeUpdate(update);
  const ends = new Map<number, number>();
  for (const s of structs) {
    if (s instanceof Y.Skip) continue;
    const end = s.id.clock + s.length;
    if (end > (ends.get(s.id.client) ?? 0)) ends.set(s.id.client, end);
  }
  for (const [client, end] of ends) {
    const owner = owners.get(client);
    if (owner !== undefined && owner !== userId && end > Y.getState(doc.store, client)) {
      return refuse("Deze wijziging is geweigerd: ze staat onder de schrijfsleutel (client-id) van een andere deelnemer.");
    }
  }
  for (const [client, ranges] of ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), ends.get(client) ?? 0);
    for (const r of ranges) if (r.clock + r.len > known) return refuse(INCOMPLETE);
  }
  return null;
}

/** Applies `update` to `shadow` (== `current` before) and judges what it changed. */
function judge(current: Y.Doc, shadow: Y.Doc, update: Uint8Array, writer: Writer): WriteCheck {
  const { membership, id: userId } = writer;
  // Per touched entity: whether only the event's own dispute keys changed.
  const events = new Map<string, { onlyDisputeKeys: boolean }>();
  const others = new Set<string>();
  const comments = new Set<string>();
  const notes = new Set<string>();
  const onTransaction = (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) collect(shadow, type, keys, events, others, comments, notes);
  };
  shadow.on("afterTransaction", onTransaction);
  try {
    Y.applyUpdate(shadow, update);
  } finally {
    shadow.off("afterTransaction", onTransaction);
  }
  // Held back by Yjs: would be integrated later inside someone else's (possibly unchecked) update.
  if (hasPending(shadow)) return refuse(INCOMPLETE);

  if (others.size > 0 && !(canManageTimelineStructure(membership.role) && can(membership, "analysis.write"))) {
    return refuse("Als ketenpartner kunt u alleen feiten op de tijdlijn toevoegen en wijzigen; tijdlijnindeling en analyse zijn voor de onderzoekers.");
  }
  for (const [id, change] of events) {
    const refused = checkEventEntry(current, shadow, id, userId);
    if (refused) return refuse(refused);
    const before = eventParty(current, id);
    const after = eventParty(shadow, id);
    const ownBefore = before === undefined || canEditEvent(membership.role, membership.organisationId, before);
    const ownAfter = after === undefined || canEditEvent(membership.role, membership.organisationId, after);
    if (ownBefore && ownAfter) continue;
    const status = (shadow.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("status");
    const reason = (shadow.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("statusReason");
    const dispute =
      before !== undefined &&
      after !== undefined &&
      change.onlyDisputeKeys &&
      status === "betwist" &&
      typeof reason === "string" &&
      reason.trim() !== "" &&
      canSetEventStatus(membership.role, membership.organisationId, after, "betwist");
    if (!dispute) return refuse("U kunt alleen feiten van uw eigen organisatie wijzigen. Bij feiten van een andere organisatie kunt u aangeven dat u het er niet mee eens bent (betwist, met reden).");
  }
  for (const id of comments) {
    const refused = checkComment(current, shadow, id, writer);
    if (refused) return refuse(refused);
  }
  for (const id of notes) {
    const refused = checkNote(current, shadow, id, writer);
    if (refused) return refuse(refused);
  }
  return { ok: true };
}

/**
 * A ketenpartner's finding or question noted during a meeting (issue 12): added valid and under
 * their own name, deleted only when theirs, never changed afterwards (turning a finding into a
 * cause is the analysis's, so for the onderzoekers).
 */
function checkNote(current: Y.Doc, shadow: Y.Doc, id: string, writer: Writer): string | null {
  const before = current.getMap(NOTES_MAP).get(id);
  const after = shadow.getMap(NOTES_MAP).get(id);
  if (before !== undefined) {
    const own = before instanceof Y.Map && before.get("authorId") === writer.id;
    if (!own) return "U kunt alleen uw eigen bevindingen en vragen verwijderen.";
    return after === undefined ? null : "Een vastgelegde bevinding of vraag kunt u verwijderen, niet wijzigen.";
  }
  if (after === undefined) return null;
  const parsed = after instanceof Y.Map ? NoteSchema.safeParse(yToPlain(after)) : null;
  if (!parsed?.success || parsed.data.authorId !== writer.id || parsed.data.authorName !== writer.name || parsed.data.causeNodeId) {
    return "Een bevinding of vraag moet geldig zijn en op uw eigen naam staan.";
  }
  return null;
}

/**
 * A touched event must stay a valid fact (no junk under `events` that everyone would see as
 * "Ongeldige invoer"; an entry that was invalid already may stay so while being repaired), and its
 * who-fields must be the writer's: createdBy only on a new fact, updatedBy whenever it changes.
 */
function checkEventEntry(current: Y.Doc, shadow: Y.Doc, id: string, userId: string): string | null {
  const before = current.getMap("events").get(id);
  const after = shadow.getMap("events").get(id);
  if (after === undefined) return null;
  if (!(after instanceof Y.Map)) return "Een feit moet een geldig feit zijn.";
  if (isWellFormedEvent(before) && !isWellFormedEvent(after)) return "Een feit moet een geldig feit zijn.";
  const own = "Een feit kan alleen op uw eigen naam worden toegevoegd of gewijzigd.";
  if (!(before instanceof Y.Map)) {
    return after.get("createdBy") === userId && after.get("updatedBy") === userId ? null : own;
  }
  if (after.get("createdBy") !== before.get("createdBy")) return own;
  if (after.get("updatedBy") !== before.get("updatedBy") && after.get("updatedBy") !== userId) return own;
  return null;
}

/**
 * Every field of the right kind and within bounds. The rules between fields (end after start, a
 * reason with "betwist") are left out: two honest concurrent edits can break them together, and a
 * refusal would throw away the partner's edit.
 */
function isWellFormedEvent(value: unknown): boolean {
  if (value === undefined) return true;
  return value instanceof Y.Map && EventFieldsSchema.safeParse(yToPlain(value)).success;
}

/** A ketenpartner's change to one comment: null when allowed, else the Dutch reason. */
function checkComment(current: Y.Doc, shadow: Y.Doc, id: string, writer: Writer): string | null {
  const { membership, id: userId } = writer;
  const before = current.getMap(COMMENTS_MAP).get(id);
  const after = shadow.getMap(COMMENTS_MAP).get(id);
  if (before !== undefined && !(before instanceof Y.Map && before.get("authorId") === userId)) {
    return checkResolution(before, after, shadow, id, writer);
  }
  if (after === undefined) return null; // deleting one's own comment (or nothing)
  const parsed = after instanceof Y.Map ? CommentSchema.safeParse(yToPlain(after)) : null;
  if (!parsed?.success || parsed.data.authorId !== userId || parsed.data.authorName !== writer.name) {
    return "Een opmerking moet geldig zijn en op uw eigen naam staan.";
  }
  if (parsed.data.resolved === true && (parsed.data.resolvedById !== userId || parsed.data.resolvedByName !== writer.name)) {
    return "U kunt een opmerking alleen op uw eigen naam afhandelen.";
  }
  if (before instanceof Y.Map && before.get("eventId") !== parsed.data.eventId) {
    return "Een opmerking kan niet naar een ander feit verplaatst worden.";
  }
  const party = eventParty(shadow, parsed.data.eventId);
  if (!party || !allowedEventActions(membership.role, membership.organisationId, party).includes("comment")) {
    return "Bij dit feit kunt u geen opmerking plaatsen.";
  }
  return null;
}

/**
 * Someone else's comment: only marking it afgehandeld (or open again) is allowed, by whoever may
 * edit the fact, under their own name, and nothing else of the comment may change.
 */
function checkResolution(before: unknown, after: unknown, shadow: Y.Doc, id: string, writer: Writer): string | null {
  const { membership, id: userId } = writer;
  const own = "U kunt alleen uw eigen opmerkingen wijzigen of verwijderen.";
  if (!(before instanceof Y.Map) || !(after instanceof Y.Map)) return own;
  const was = yToPlain(before) as Record<string, unknown>;
  const now = yToPlain(after) as Record<string, unknown>;
  const others = (o: Record<string, unknown>) => JSON.stringify(Object.entries(o).filter(([k]) => !(RESOLUTION_KEYS as readonly string[]).includes(k)).sort(([a], [b]) => a.localeCompare(b)));
  if (others(was) !== others(now)) return own;
  if (!CommentSchema.safeParse(now).success) return "Een opmerking moet geldig blijven.";
  if (now.resolved === true && (now.resolvedById !== userId || now.resolvedByName !== writer.name)) return "U kunt een opmerking alleen op uw eigen naam afhandelen.";
  if (!canResolveComment(shadow, id, { userId, role: membership.role, organisationId: membership.organisationId }))
    return "Alleen de schrijver van de opmerking en wie het feit mag wijzigen kunnen een opmerking afhandelen.";
  return null;
}

function refuse(message: string): WriteCheck {
  return { ok: false, message };
}

/** The party of an event as {organisationId}, or undefined when the event does not exist. */
function eventParty(doc: Y.Doc, eventId: string): { organisationId: string | null } | undefined {
  const event = doc.getMap("events").get(eventId);
  if (!(event instanceof Y.Map)) return undefined;
  const partyId = event.get("party");
  const party = typeof partyId === "string" ? doc.getMap("parties").get(partyId) : undefined;
  const organisationId = party instanceof Y.Map ? party.get("organisationId") : null;
  return { organisationId: typeof organisationId === "string" ? organisationId : null };
}

function collect(
  doc: Y.Doc,
  type: Y.AbstractType<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  keys: Set<string | null>,
  events: Map<string, { onlyDisputeKeys: boolean }>,
  others: Set<string>,
  comments: Set<string>,
  notes: Set<string>,
) {
  const eventsMap = doc.getMap("events");
  const commentsMap = doc.getMap(COMMENTS_MAP);
  const notesMap = doc.getMap(NOTES_MAP);
  if (type === commentsMap) {
    for (const key of keys) if (key !== null) comments.add(key);
    return;
  }
  if (type === notesMap) {
    for (const key of keys) if (key !== null) notes.add(key);
    return;
  }
  if (type === eventsMap) {
    // Events added or removed as a whole: judged by lane (an add carries all its fields).
    for (const key of keys) if (key !== null) mark(events, key, false);
    return;
  }
  // Walk up to the entry directly under a top-level type.
  let item = type._item;
  if (item === null) {
    for (const key of keys) others.add(`${rootName(doc, type)}:${key ?? ""}`);
    return;
  }
  let direct = true;
  let parent = item.parent;
  while (parent instanceof Y.AbstractType && parent._item !== null) {
    item = parent._item;
    parent = item.parent;
    direct = false;
  }
  if (parent === eventsMap && item.parentSub) {
    const onlyDispute = direct && [...keys].every((k) => k !== null && DISPUTE_KEYS.has(k));
    mark(events, item.parentSub, onlyDispute);
  } else if (parent === commentsMap && item.parentSub) {
    comments.add(item.parentSub);
  } else if (parent === notesMap && item.parentSub) {
    notes.add(item.parentSub);
  } else if (parent instanceof Y.AbstractType) {
    others.add(`${rootName(doc, parent)}:${item.parentSub ?? ""}`);
  }
}

function mark(events: Map<string, { onlyDisputeKeys: boolean }>, id: string, onlyDispute: boolean) {
  const prev = events.get(id);
  events.set(id, { onlyDisputeKeys: (prev?.onlyDisputeKeys ?? true) && onlyDispute });
}

function rootName(doc: Y.Doc, type: Y.AbstractType<any>): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const [name, t] of doc.share) if (t === type) return name;
  return "?";
}
