// Every change to parties, periods and events goes through these functions. Each runs in one
// `doc.transact(fn, origin)`, so a Y.UndoManager that tracks the caller's origin undoes it as one
// step, remote peers receive it as one update, and nested calls (an import) join the outer
// transaction. Input is validated with the same schemas used to read the doc back, so what we
// write is always readable.
import * as Y from "yjs";
import {
  EventSchema,
  PartySchema,
  PeriodSchema,
  getTimelineMaps,
  groupPartiesByDomain,
  validateWith,
  yToPlain,
  type EventFlags,
  type Party,
  type Source,
} from "./schema.ts";
import { UserError } from "../errors.ts";
import { EVENT_FLAG_KEYS, type EventKind, type EventStatus } from "./vocabulary.ts";


export interface MutationOptions {
  /** Transaction origin; an undo manager tracking it can undo the change. */
  origin?: unknown;
}

export interface EventMutationContext extends MutationOptions {
  /** User id recorded in createdBy / updatedBy. */
  userId: string;
  /** Clock for createdAt / updatedAt; injectable for tests and deterministic demo data. */
  now?: Date;
}

function newId(): string {
  return crypto.randomUUID();
}

function transact<T>(doc: Y.Doc, origin: unknown, fn: () => T): T {
  let result!: T;
  doc.transact(() => {
    result = fn();
  }, origin ?? null);
  return result;
}

function validationError(what: string, errors: string[]): UserError {
  return new UserError(`${what} is niet opgeslagen: ${errors.join(" ")}`, "validation", { details: errors });
}

function requireMap(map: Y.Map<unknown>, id: string, notFound: string): Y.Map<unknown> {
  const item = map.get(id);
  if (!(item instanceof Y.Map)) throw new UserError(notFound, "not_found");
  return item;
}

/** Writes plain fields; `undefined` removes the key so optional fields stay absent, not null. */
function setFields(target: Y.Map<unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      if (target.has(key)) target.delete(key);
    } else if (target.get(key) !== value) {
      target.set(key, value);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Parties

export interface PartyInput {
  name: string;
  domain: string;
  organisationId?: string;
  /** Defaults to after the last party. */
  order?: number;
}

export type PartyPatch = Partial<Omit<PartyInput, "organisationId">> & {
  /** null unlinks the member organisation. */
  organisationId?: string | null;
};

function nextPartyOrder(parties: Y.Map<unknown>): number {
  let max = -1;
  for (const item of parties.values()) {
    const order = item instanceof Y.Map ? item.get("order") : undefined;
    if (typeof order === "number" && Number.isFinite(order)) max = Math.max(max, order);
  }
  return max + 1;
}

export function createParty(doc: Y.Doc, input: PartyInput, options: MutationOptions = {}): string {
  return transact(doc, options.origin, () => {
    const { parties } = getTimelineMaps(doc);
    const candidate = { ...input, order: input.order ?? nextPartyOrder(parties) };
    const result = validateWith(PartySchema, candidate);
    if (!result.ok) throw validationError("De partij", result.errors);
    const id = newId();
    const map = new Y.Map<unknown>();
    parties.set(id, map);
    setFields(map, result.value);
    return id;
  });
}

export function updateParty(doc: Y.Doc, id: string, patch: PartyPatch, options: MutationOptions = {}): void {
  transact(doc, options.origin, () => {
    const map = requireMap(getTimelineMaps(doc).parties, id, "Deze partij bestaat niet (meer).");
    const merged: Record<string, unknown> = { ...(yToPlain(map) as object), ...patch };
    if (patch.organisationId === null) delete merged.organisationId;
    const result = validateWith(PartySchema, merged);
    if (!result.ok) throw validationError("De partij", result.errors);
    const keys = Object.keys(patch) as (keyof PartyPatch)[];
    setFields(map, Object.fromEntries(keys.map((k) => [k, result.value[k]])));
  });
}

/** The lanes that read as valid parties, as {id, value}. */
function readParties(parties: Y.Map<unknown>) {
  const out: { id: string; value: Party }[] = [];
  for (const [id, item] of parties.entries()) {
    if (!(item instanceof Y.Map)) continue;
    const parsed = PartySchema.safeParse(yToPlain(item));
    if (parsed.success) out.push({ id, value: parsed.data });
  }
  return out;
}

/**
 * Moves a lane one place up or down among the lanes of its domain (the order the chart and the
 * table show). The group's lanes get consecutive orders, so equal old orders cannot block the move.
 * Returns false when it is already first (up) or last (down).
 */
export function movePartyWithinDomain(doc: Y.Doc, id: string, direction: "up" | "down", options: MutationOptions = {}): boolean {
  return transact(doc, options.origin, () => {
    const { parties } = getTimelineMaps(doc);
    requireMap(parties, id, "Deze partij bestaat niet (meer).");
    const group = groupPartiesByDomain(readParties(parties)).find((g) => g.parties.some((p) => p.id === id));
    if (!group) throw new UserError("Deze partij is ongeldig en kan niet worden verplaatst.", "validation");
    const ids = group.parties.map((p) => p.id);
    const at = ids.indexOf(id);
    const to = direction === "up" ? at - 1 : at + 1;
    if (to < 0 || to >= ids.length) return false;
    [ids[at], ids[to]] = [ids[to], ids[at]];
    const base = Math.min(...group.parties.map((p) => p.value.order));
    ids.forEach((pid, i) => setFields(parties.get(pid) as Y.Map<unknown>, { order: base + i }));
    return true;
  });
}

/** The ids of the events on a lane (valid or not). */
export function eventsOnParty(doc: Y.Doc, partyId: string): string[] {
  const out: string[] = [];
  for (const [id, item] of getTimelineMaps(doc).events.entries()) if (item instanceof Y.Map && item.get("party") === partyId) out.push(id);
  return out;
}

/**
 * Removes a lane. A lane with facts is removed only with `moveEventsTo`, another lane that takes
 * them over (recorded as changed by ctx.userId); otherwise it is refused, so no fact is orphaned.
 */
export function deleteParty(doc: Y.Doc, id: string, ctx: EventMutationContext & { moveEventsTo?: string }): void {
  transact(doc, ctx.origin, () => {
    const { parties, events } = getTimelineMaps(doc);
    const party = requireMap(parties, id, "Deze partij bestaat niet (meer).");
    const onLane = eventsOnParty(doc, id);
    if (onLane.length > 0) {
      const name = String(party.get("name") ?? "Deze partij");
      if (!ctx.moveEventsTo)
        throw new UserError(`Op de baan van ${name} staan nog ${onLane.length === 1 ? "1 feit" : `${onLane.length} feiten`}. Kies een andere partij om ze naar te verplaatsen, of verwijder ze eerst.`, "validation");
      if (ctx.moveEventsTo === id) throw new UserError("Kies een andere partij dan de partij die u verwijdert.", "validation");
      requireMap(parties, ctx.moveEventsTo, "De partij waar de feiten naartoe zouden gaan, bestaat niet (meer).");
      const now = (ctx.now ?? new Date()).toISOString();
      for (const eid of onLane) setFields(events.get(eid) as Y.Map<unknown>, { party: ctx.moveEventsTo, updatedBy: ctx.userId, updatedAt: now });
    }
    parties.delete(id);
  });
}

// ---------------------------------------------------------------------------------------------
// Periods

export interface PeriodInput {
  label: string;
  start: string;
  end: string;
}

export function createPeriod(doc: Y.Doc, input: PeriodInput, options: MutationOptions = {}): string {
  return transact(doc, options.origin, () => {
    const result = validateWith(PeriodSchema, input);
    if (!result.ok) throw validationError("De periode", result.errors);
    const id = newId();
    const map = new Y.Map<unknown>();
    getTimelineMaps(doc).periods.set(id, map);
    setFields(map, result.value);
    return id;
  });
}

export function updatePeriod(
  doc: Y.Doc,
  id: string,
  patch: Partial<PeriodInput>,
  options: MutationOptions = {},
): void {
  transact(doc, options.origin, () => {
    const map = requireMap(getTimelineMaps(doc).periods, id, "Deze periode bestaat niet (meer).");
    const result = validateWith(PeriodSchema, { ...(yToPlain(map) as object), ...patch });
    if (!result.ok) throw validationError("De periode", result.errors);
    const keys = Object.keys(patch) as (keyof PeriodInput)[];
    setFields(map, Object.fromEntries(keys.map((k) => [k, result.value[k]])));
  });
}

/** Idempotent: deleting what a peer already deleted is not an error. Returns whether it existed. */
export function deletePeriod(doc: Y.Doc, id: string, options: MutationOptions = {}): boolean {
  return transact(doc, options.origin, () => {
    const { periods } = getTimelineMaps(doc);
    if (!periods.has(id)) return false;
    periods.delete(id);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Events

export interface EventInput {
  title: string;
  /** Party (lane) id; must exist. */
  party: string;
  start: string;
  approximate?: boolean;
  end?: string;
  description?: string;
  actorFunction?: string;
  actorInitials?: string;
  kind: EventKind;
  sources?: Source[];
  lifeDomains?: string[];
  flags?: Partial<EventFlags>;
  /** Defaults to "concept". */
  status?: EventStatus;
  statusReason?: string;
}

/** Fields to change; `end: null` / `statusReason: null` remove the value. */
export type EventPatch = Partial<Omit<EventInput, "end" | "statusReason">> & {
  end?: string | null;
  statusReason?: string | null;
};

const EVENT_PATCH_KEYS = [
  "title",
  "party",
  "start",
  "approximate",
  "end",
  "description",
  "actorFunction",
  "actorInitials",
  "kind",
  "sources",
  "lifeDomains",
  "flags",
  "status",
  "statusReason",
] as const;

function validateEvent(doc: Y.Doc, candidate: Record<string, unknown>) {
  const result = validateWith(EventSchema, candidate);
  if (!result.ok) throw validationError("Het feit", result.errors);
  if (!getTimelineMaps(doc).parties.has(result.value.party)) {
    throw validationError("Het feit", ["Kies een bestaande partij."]);
  }
  return result.value;
}

/** Replaces only the changed middle of a Y.Text, so a concurrent edit elsewhere in it survives. */
function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let prefix = 0;
  const max = Math.min(current.length, next.length);
  while (prefix < max && current[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    current[current.length - 1 - suffix] === next[next.length - 1 - suffix]
  ) {
    suffix++;
  }
  const removed = current.length - prefix - suffix;
  if (removed > 0) text.delete(prefix, removed);
  const inserted = next.slice(prefix, next.length - suffix);
  if (inserted) text.insert(prefix, inserted);
}

function writeDescription(map: Y.Map<unknown>, value: string): void {
  const existing = map.get("description");
  if (existing instanceof Y.Text) {
    replaceText(existing, value);
  } else {
    map.set("description", new Y.Text(value));
  }
}

function writeSources(map: Y.Map<unknown>, sources: Source[]): void {
  const existing = map.get("sources");
  const plain = sources.map((s) => ({ type: s.type, reference: s.reference }));
  if (existing instanceof Y.Array) {
    if (JSON.stringify(existing.toJSON()) === JSON.stringify(plain)) return;
    existing.delete(0, existing.length);
    existing.push(plain);
  } else {
    map.set("sources", Y.Array.from(plain));
  }
}

/** Removes and adds single items rather than replacing the list, so concurrent additions merge. */
function writeLifeDomains(map: Y.Map<unknown>, domains: string[]): void {
  const existing = map.get("lifeDomains");
  if (!(existing instanceof Y.Array)) {
    map.set("lifeDomains", Y.Array.from(domains));
    return;
  }
  const wanted = new Set(domains);
  const seen = new Set<unknown>();
  for (let i = existing.length - 1; i >= 0; i--) {
    const item = existing.get(i);
    if (!wanted.has(item as string) || seen.has(item)) existing.delete(i, 1);
    else seen.add(item);
  }
  const missing = domains.filter((d) => !seen.has(d));
  if (missing.length > 0) existing.push(missing);
}

/** Sets single flags so two people toggling different flags at once both win. */
function writeFlags(map: Y.Map<unknown>, flags: EventFlags): void {
  let existing = map.get("flags");
  if (!(existing instanceof Y.Map)) {
    existing = new Y.Map<unknown>();
    map.set("flags", existing);
  }
  setFields(existing as Y.Map<unknown>, Object.fromEntries(EVENT_FLAG_KEYS.map((k) => [k, flags[k]])));
}

function writeEventFields(
  map: Y.Map<unknown>,
  value: ReturnType<typeof validateEvent>,
  keys: readonly string[],
): void {
  const plain: Record<string, unknown> = {};
  for (const key of keys) {
    switch (key) {
      case "description":
        writeDescription(map, value.description);
        break;
      case "sources":
        writeSources(map, value.sources);
        break;
      case "lifeDomains":
        writeLifeDomains(map, value.lifeDomains);
        break;
      case "flags":
        writeFlags(map, value.flags);
        break;
      default:
        plain[key] = value[key as keyof typeof value];
    }
  }
  setFields(map, plain);
}

/** Creates an event with status "concept" unless given; returns its id. */
export function createEvent(doc: Y.Doc, input: EventInput, ctx: EventMutationContext): string {
  return transact(doc, ctx.origin, () => {
    const now = (ctx.now ?? new Date()).toISOString();
    const value = validateEvent(doc, {
      ...input,
      status: input.status ?? "concept",
      createdBy: ctx.userId,
      createdAt: now,
      updatedBy: ctx.userId,
      updatedAt: now,
    });
    const id = newId();
    const map = new Y.Map<unknown>();
    // Integrate first, then fill: nested types are then created inside the doc in this transaction.
    getTimelineMaps(doc).events.set(id, map);
    writeEventFields(map, value, [...EVENT_PATCH_KEYS, "createdBy", "createdAt", "updatedBy", "updatedAt"]);
    return id;
  });
}

/**
 * Changes the given fields only (other fields may be edited concurrently by others) and records
 * updatedBy / updatedAt. The merged result must be a valid event; this also repairs an invalid
 * entry when the patch fixes it.
 */
export function updateEvent(doc: Y.Doc, id: string, patch: EventPatch, ctx: EventMutationContext): void {
  transact(doc, ctx.origin, () => {
    const map = requireMap(getTimelineMaps(doc).events, id, "Dit feit bestaat niet (meer).");
    const current = yToPlain(map) as Record<string, unknown>;
    const keys = EVENT_PATCH_KEYS.filter((k) => k in patch);
    const merged: Record<string, unknown> = { ...current };
    for (const key of keys) {
      const v = patch[key];
      if (v === null) delete merged[key];
      else if (key === "flags") merged.flags = { ...(current.flags as object), ...(v as object) };
      else merged[key] = v;
    }
    merged.updatedBy = ctx.userId;
    merged.updatedAt = (ctx.now ?? new Date()).toISOString();
    const value = validateEvent(doc, merged);
    writeEventFields(map, value, [...keys, "updatedBy", "updatedAt"]);
  });
}

/**
 * Sets the status. "betwist" needs a reason (the other lanes' way to disagree with a fact);
 * for other statuses a reason is optional and an old one is removed when none is given.
 */
export function setEventStatus(
  doc: Y.Doc,
  id: string,
  status: EventStatus,
  reason: string | undefined,
  ctx: EventMutationContext,
): void {
  const trimmed = reason?.trim() || undefined;
  if (status === "betwist" && !trimmed) {
    throw new UserError("Geef een reden op waarom dit feit betwist wordt.", "reason_required");
  }
  updateEvent(doc, id, { status, statusReason: trimmed ?? null }, ctx);
}

/** Idempotent: deleting what a peer already deleted is not an error. Returns whether it existed. */
export function deleteEvent(doc: Y.Doc, id: string, options: MutationOptions = {}): boolean {
  return transact(doc, options.origin, () => {
    const { events } = getTimelineMaps(doc);
    if (!events.has(id)) return false;
    events.delete(id);
    return true;
  });
}

/** The live Y.Text of an event's description, for binding a collaborative text editor. */
export function getEventDescriptionText(doc: Y.Doc, id: string): Y.Text | undefined {
  const map = getTimelineMaps(doc).events.get(id);
  if (!(map instanceof Y.Map)) return undefined;
  const text = map.get("description");
  return text instanceof Y.Text ? text : undefined;
}

// Permissions (domain.md §2) live in app/domain/policy/timeline.ts; re-exported for the timeline's callers.
export {
  allowedEventActions,
  canEditEvent,
  canManageTimelineStructure,
  canSetEventStatus,
  EVENT_ACTIONS,
  type EventAction,
  type PartyOwnership,
  type TimelineRole,
} from "../policy/timeline.ts";
