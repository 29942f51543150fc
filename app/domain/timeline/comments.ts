// Informal comment threads on facts (issue 3): "on other lanes they comment or mark a fact
// 'betwist' with a reason". Comments live in a top-level Y.Map `comments` keyed by uuid, each a
// Y.Map { eventId, text, authorId, authorName, createdAt, resolved?, resolvedById?, resolvedByName?,
// resolvedAt? }. Every change runs in one transaction with the caller's origin (one undo step, one
// update for peers). Who may comment is allowedEventActions' "comment"; only the author may delete
// a comment; the author and whoever may edit the fact mark it "afgehandeld" (UI and server check it).
import * as Y from "yjs";
import { z } from "zod";
import { mayResolveComments } from "../policy/comments.ts";
import { allowedEventActions, type TimelineRole } from "./mutations.ts";
import { validateWith, yToPlain } from "./schema.ts";
import { UserError } from "../errors.ts";

export const COMMENTS_MAP = "comments";
export const COMMENT_MAX_LENGTH = 2000;

export const CommentSchema = z.object({
  eventId: z.string().min(1),
  text: z.string().trim().min(1).max(COMMENT_MAX_LENGTH),
  authorId: z.string().min(1),
  authorName: z.string(),
  createdAt: z.iso.datetime({ offset: true, error: "Geplaatst op is geen geldig tijdstip." }),
  resolved: z.boolean().optional(),
  resolvedById: z.string().optional(),
  resolvedByName: z.string().optional(),
  resolvedAt: z.iso.datetime({ offset: true, error: "Afgehandeld op is geen geldig tijdstip." }).optional(),
});

/** The fields that marking a comment afgehandeld (or open again) may change, and nothing else. */
export const RESOLUTION_KEYS = ["resolved", "resolvedById", "resolvedByName", "resolvedAt"] as const;
export type Comment = z.output<typeof CommentSchema>;

export type CommentEntry = { ok: true; id: string; value: Comment } | { ok: false; id: string; errors: string[]; raw: unknown };

export function getCommentsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(COMMENTS_MAP);
}

export interface CommentInput {
  eventId: string;
  text: string;
}

export interface CommentContext {
  userId: string;
  userName: string;
  origin?: unknown;
  now?: Date;
}

/** Checks a comment's text; returns a Dutch message, or null when it is fine. */
export function commentTextError(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === "") return "Schrijf eerst een opmerking.";
  if (trimmed.length > COMMENT_MAX_LENGTH)
    return `Een opmerking mag hoogstens ${COMMENT_MAX_LENGTH} tekens lang zijn (nu ${trimmed.length}).`;
  return null;
}

/** Adds a comment on an existing fact; returns its id. Throws a Dutch UserError when refused. */
export function addComment(doc: Y.Doc, input: CommentInput, ctx: CommentContext): string {
  const textError = commentTextError(input.text);
  if (textError) throw new UserError(`De opmerking is niet geplaatst: ${textError}`, "validation", { details: [textError] });
  if (!(doc.getMap("events").get(input.eventId) instanceof Y.Map))
    throw new UserError("De opmerking is niet geplaatst: dit feit bestaat niet (meer).", "not_found");
  const id = crypto.randomUUID();
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    entry.set("eventId", input.eventId);
    entry.set("text", input.text.trim());
    entry.set("authorId", ctx.userId);
    entry.set("authorName", ctx.userName);
    entry.set("createdAt", (ctx.now ?? new Date()).toISOString());
    getCommentsMap(doc).set(id, entry);
  }, ctx.origin ?? null);
  return id;
}

/**
 * The names to show for a comment's author and resolver: the member list's (what the server knows),
 * the document's own name only for someone no longer in the list. A name in the document is what
 * some client wrote and is never trusted over the member list.
 */
export function commentPeople(comment: Comment, members: Readonly<Record<string, string>>): { author: string; resolvedBy: string | undefined } {
  const name = (id: string | undefined, written: string | undefined) => (id !== undefined && Object.hasOwn(members, id) ? members[id] : written || undefined);
  return {
    author: name(comment.authorId, comment.authorName) ?? "Onbekende deelnemer",
    resolvedBy: comment.resolved ? name(comment.resolvedById, comment.resolvedByName) : undefined,
  };
}

/** Reads one comment; undefined when absent. Never throws. */
export function readComment(doc: Y.Doc, id: string): CommentEntry | undefined {
  const map = getCommentsMap(doc);
  if (!map.has(id)) return undefined;
  const item = map.get(id);
  const raw = yToPlain(item);
  if (!(item instanceof Y.Map)) return { ok: false, id, errors: ["Deze opmerking heeft een ongeldige vorm."], raw };
  const result = validateWith(CommentSchema, raw);
  return result.ok ? { ok: true, id, value: result.value } : { ok: false, id, errors: result.errors, raw };
}

/**
 * The comments on one fact, oldest first. Entries that fail validation but do name this fact are
 * returned flagged (ok: false) after the valid ones; entries without a readable eventId are skipped.
 */
export function commentsFor(doc: Y.Doc, eventId: string): CommentEntry[] {
  const valid: Extract<CommentEntry, { ok: true }>[] = [];
  const invalid: Extract<CommentEntry, { ok: false }>[] = [];
  try {
    for (const id of getCommentsMap(doc).keys()) {
      const entry = readComment(doc, id);
      if (!entry) continue;
      if (entry.ok) {
        if (entry.value.eventId === eventId) valid.push(entry);
      } else {
        const raw = entry.raw as Record<string, unknown> | null;
        if (raw && typeof raw === "object" && raw.eventId === eventId) invalid.push(entry);
      }
    }
  } catch {
    // A malformed root (e.g. `comments` defined as another type) reads as no comments.
    return [];
  }
  valid.sort((a, b) => Date.parse(a.value.createdAt) - Date.parse(b.value.createdAt) || a.id.localeCompare(b.id));
  return [...valid, ...invalid];
}

/** Whether this user may delete the comment: only its author. */
export function canDeleteComment(doc: Y.Doc, id: string, userId: string): boolean {
  const item = getCommentsMap(doc).get(id);
  return item instanceof Y.Map && item.get("authorId") === userId;
}

/**
 * Deletes a comment of `userId` (the author). Returns false when it was already gone; throws a
 * UserError when the user is not the author.
 */
export function deleteComment(doc: Y.Doc, id: string, origin: unknown, userId?: string): boolean {
  const map = getCommentsMap(doc);
  if (!map.has(id)) return false;
  if (userId !== undefined && !canDeleteComment(doc, id, userId))
    throw new UserError("U kunt alleen uw eigen opmerkingen verwijderen.", "validation");
  doc.transact(() => map.delete(id), origin ?? null);
  return true;
}

/**
 * Whether this member may mark the comment afgehandeld or open it again: its author, and whoever
 * may edit the fact it is on (the fact's own organisation; procesbegeleider and onderzoekers).
 */
export function canResolveComment(doc: Y.Doc, id: string, member: { userId: string; role: TimelineRole; organisationId: string | null | undefined }): boolean {
  const item = getCommentsMap(doc).get(id);
  if (!(item instanceof Y.Map)) return false;
  if (!mayResolveComments(member.role)) return false;
  if (item.get("authorId") === member.userId) return true;
  const event = doc.getMap("events").get(String(item.get("eventId")));
  if (!(event instanceof Y.Map)) return false;
  const party = doc.getMap("parties").get(String(event.get("party")));
  const organisationId = party instanceof Y.Map ? party.get("organisationId") : null;
  return allowedEventActions(member.role, member.organisationId, { organisationId: typeof organisationId === "string" ? organisationId : null }).includes("edit");
}

/**
 * Marks a comment afgehandeld (with who and when) or open again, in one transaction. Returns false
 * when the comment is gone; throws a Dutch UserError when this member may not.
 */
export function setCommentResolved(
  doc: Y.Doc,
  id: string,
  resolved: boolean,
  member: { userId: string; userName: string; role: TimelineRole; organisationId: string | null | undefined },
  opts: { origin?: unknown; now?: Date } = {},
): boolean {
  const item = getCommentsMap(doc).get(id);
  if (!(item instanceof Y.Map)) return false;
  if (!canResolveComment(doc, id, member))
    throw new UserError("Alleen de schrijver van de opmerking en wie het feit mag wijzigen kunnen een opmerking afhandelen.", "validation");
  doc.transact(() => {
    if (resolved) {
      item.set("resolved", true);
      item.set("resolvedById", member.userId);
      item.set("resolvedByName", member.userName);
      item.set("resolvedAt", (opts.now ?? new Date()).toISOString());
    } else {
      for (const key of RESOLUTION_KEYS) item.delete(key);
    }
  }, opts.origin ?? null);
  return true;
}
