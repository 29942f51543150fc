import * as Y from "yjs";
import { can, type Membership } from "../../app/domain/policy.ts";
import { CommentSchema, COMMENTS_MAP } from "../../app/domain/timeline/comments.ts";
import { allowedEventActions, canEditEvent, canManageTimelineStructure, canSetEventStatus } from "../../app/domain/timeline/mutations.ts";
import { yToPlain } from "../../app/domain/timeline/schema.ts";

/**
 * Server-side check of what a writer's update changes, beyond "may write at all" (policy):
 * a ketenpartner edits only the events on their own organisation's lane, and on other lanes may
 * only mark an event "betwist" with a reason; structure (lanes, periods) and the analysis belong
 * to the procesbegeleider and onderzoekers. Comments (`comments`) a ketenpartner may add under their
 * own user id on any fact they may comment on, and delete (or change) only when they wrote them. The rules are the document model's own
 * (app/domain/timeline/mutations.ts), so the UI and the server cannot disagree.
 *
 * The update is tried on a copy of the document; only the copy is changed.
 */
export type WriteCheck = { ok: true } | { ok: false; message: string };

const DISPUTE_KEYS = new Set(["status", "statusReason", "updatedBy", "updatedAt"]);

export function needsWriteCheck(membership: Membership): boolean {
  return membership.role !== "procesbegeleider" && membership.role !== "onderzoeker";
}

export function checkWrite(current: Y.Doc, update: Uint8Array, membership: Membership, userId: string): WriteCheck {
  if (!needsWriteCheck(membership)) return { ok: true };
  if (membership.role !== "ketenpartner") return refuse("U kunt deze werkruimte alleen lezen.");

  const copy = new Y.Doc({ gc: false });
  // Define the timeline maps first: a root type first seen in an update is a placeholder object.
  for (const name of ["parties", "periods", "events", COMMENTS_MAP]) copy.getMap(name);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
  // Per touched entity: whether only the event's own dispute keys changed.
  const events = new Map<string, { onlyDisputeKeys: boolean }>();
  const others = new Set<string>();
  const comments = new Set<string>();
  copy.on("afterTransaction", (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) collect(copy, type, keys, events, others, comments);
  });
  Y.applyUpdate(copy, update);

  if (others.size > 0 && !(canManageTimelineStructure(membership.role) && can(membership, "analysis.write"))) {
    return refuse("Als ketenpartner kunt u alleen feiten op de tijdlijn toevoegen en wijzigen; tijdlijnindeling en analyse zijn voor de onderzoekers.");
  }
  for (const [id, change] of events) {
    const before = eventParty(current, id);
    const after = eventParty(copy, id);
    const ownBefore = before === undefined || canEditEvent(membership.role, membership.organisationId, before);
    const ownAfter = after === undefined || canEditEvent(membership.role, membership.organisationId, after);
    if (ownBefore && ownAfter) continue;
    const status = (copy.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("status");
    const reason = (copy.getMap("events").get(id) as Y.Map<unknown> | undefined)?.get("statusReason");
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
    const refused = checkComment(current, copy, id, membership, userId);
    if (refused) return refuse(refused);
  }
  return { ok: true };
}

/** A ketenpartner's change to one comment: null when allowed, else the Dutch reason. */
function checkComment(current: Y.Doc, copy: Y.Doc, id: string, membership: Membership, userId: string): string | null {
  const before = current.getMap(COMMENTS_MAP).get(id);
  const after = copy.getMap(COMMENTS_MAP).get(id);
  if (before !== undefined && !(before instanceof Y.Map && before.get("authorId") === userId)) {
    return "U kunt alleen uw eigen opmerkingen wijzigen of verwijderen.";
  }
  if (after === undefined) return null; // deleting one's own comment (or nothing)
  const parsed = after instanceof Y.Map ? CommentSchema.safeParse(yToPlain(after)) : null;
  if (!parsed?.success || parsed.data.authorId !== userId) {
    return "Een opmerking moet geldig zijn en op uw eigen naam staan.";
  }
  if (before instanceof Y.Map && before.get("eventId") !== parsed.data.eventId) {
    return "Een opmerking kan niet naar een ander feit verplaatst worden.";
  }
  const party = eventParty(copy, parsed.data.eventId);
  if (!party || !allowedEventActions(membership.role, membership.organisationId, party).includes("comment")) {
    return "Bij dit feit kunt u geen opmerking plaatsen.";
  }
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
) {
  const eventsMap = doc.getMap("events");
  const commentsMap = doc.getMap(COMMENTS_MAP);
  if (type === commentsMap) {
    for (const key of keys) if (key !== null) comments.add(key);
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
