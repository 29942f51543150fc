import * as Y from "yjs";
import { can, type Membership } from "../../app/domain/policy.ts";
import { canEditEvent, canManageTimelineStructure, canSetEventStatus } from "../../app/domain/timeline/mutations.ts";

/**
 * Server-side check of what a writer's update changes, beyond "may write at all" (policy):
 * a ketenpartner edits only the events on their own organisation's lane, and on other lanes may
 * only mark an event "betwist" with a reason; structure (lanes, periods) and the analysis belong
 * to the procesbegeleider and onderzoekers. The rules are the document model's own
 * (app/domain/timeline/mutations.ts), so the UI and the server cannot disagree.
 *
 * The update is tried on a copy of the document; only the copy is changed.
 */
export type WriteCheck = { ok: true } | { ok: false; message: string };

const DISPUTE_KEYS = new Set(["status", "statusReason", "updatedBy", "updatedAt"]);

export function needsWriteCheck(membership: Membership): boolean {
  return membership.role !== "procesbegeleider" && membership.role !== "onderzoeker";
}

export function checkWrite(current: Y.Doc, update: Uint8Array, membership: Membership): WriteCheck {
  if (!needsWriteCheck(membership)) return { ok: true };
  if (membership.role !== "ketenpartner") return refuse("U kunt deze werkruimte alleen lezen.");

  const copy = new Y.Doc({ gc: false });
  // Define the timeline maps first: a root type first seen in an update is a placeholder object.
  for (const name of ["parties", "periods", "events"]) copy.getMap(name);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(current));
  // Per touched entity: whether only the event's own dispute keys changed.
  const events = new Map<string, { onlyDisputeKeys: boolean }>();
  const others = new Set<string>();
  copy.on("afterTransaction", (tr: Y.Transaction) => {
    for (const [type, keys] of tr.changed) collect(copy, type, keys, events, others);
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
  return { ok: true };
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
) {
  const eventsMap = doc.getMap("events");
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
