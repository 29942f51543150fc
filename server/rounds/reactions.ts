import { and, asc, eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import { canonicalJson, parseFrozen, pointerLabel, type FrozenDocument } from "../../app/domain/rounds/frozen.ts";
import type { DispositionKind } from "../../app/domain/rounds/kinds.ts";
import { formatInstant, linkState, reactWindow } from "../../app/domain/rounds/state.ts";
import type { AppContext } from "../context.ts";
import { hashToken } from "../tokens.ts";
import type { InviteeRow, ReactionRow, RoundRow } from "./rounds.ts";
import { checkSignCode, consumeSignCode } from "./sign-code.ts";
import { sha256 } from "./support.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";

type Ctx = Pick<AppContext, "db" | "clock" | "config">;

export const LINK_PROBLEMS = {
  unknown: "Deze link kennen we niet. Controleer of u de hele link uit de e-mail heeft gebruikt.",
  revoked: "Deze persoonlijke link is ingetrokken. Neem contact op met de procesbegeleider als u toch wilt reageren.",
  expired: "Deze persoonlijke link is verlopen: de reactietermijn en de leestijd daarna zijn voorbij. Neem contact op met de procesbegeleider als u toch wilt reageren.",
} as const;
export type LinkProblem = keyof typeof LINK_PROBLEMS;

export type LinkLookup = { ok: true; round: RoundRow; invitee: InviteeRow } | { ok: false; reason: LinkProblem };

/**
 * The one place a personal-link token is accepted: it opens exactly one invitee's view of one
 * round. Only the hash is stored; a token of the wrong shape is "unknown" without a query.
 */
export async function resolveLink(ctx: Pick<AppContext, "db" | "clock">, token: string | undefined): Promise<LinkLookup> {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await ctx.db
    .select({ round: schema.commentRounds, invitee: schema.roundInvitees })
    .from(schema.roundInvitees)
    .innerJoin(schema.commentRounds, eq(schema.commentRounds.id, schema.roundInvitees.roundId))
    .where(eq(schema.roundInvitees.tokenHash, hashToken(token)));
  if (!row || row.invitee.userId) return { ok: false, reason: "unknown" };
  const state = linkState(row.round, row.invitee, ctx.clock.now());
  if (state !== "active") return { ok: false, reason: state };
  return { ok: true, round: row.round, invitee: row.invitee };
}

export interface OwnReaction {
  id: string;
  pointer: string;
  pointerLabel: string;
  text: string;
  signerName: string | null;
  signerRole: string | null;
  signedOn: string | null;
  submittedAt: Date | null;
  late: boolean;
  signatureHash: string | null;
  correctsId: string | null;
  disposition: { kind: DispositionKind; note: string } | null;
}

export interface ReactantView {
  frozen: FrozenDocument;
  versionHash: string;
  deadlineAt: Date;
  deadlineDate: string;
  termWeeks: number;
  kind: string;
  window: ReturnType<typeof reactWindow>;
  draft: { id: string; pointer: string; text: string; correctsId: string | null; updatedAt: Date } | null;
  submitted: OwnReaction[];
  invitee: { name: string; relation: string };
  /** A personal link (signing needs the mailed code), not a member. */
  viaLink: boolean;
}

/** What a reactant sees: the frozen version, their draft and their own signed reactions. Nothing else. */
export async function reactantView(ctx: Pick<AppContext, "db" | "clock">, round: RoundRow, invitee: InviteeRow): Promise<ReactantView> {
  const rows = await ctx.db
    .select({ r: schema.roundReactions, d: schema.reactionDispositions })
    .from(schema.roundReactions)
    .leftJoin(schema.reactionDispositions, eq(schema.reactionDispositions.reactionId, schema.roundReactions.id))
    .where(and(eq(schema.roundReactions.roundId, round.id), eq(schema.roundReactions.inviteeId, invitee.id)))
    .orderBy(asc(schema.roundReactions.createdAt));
  const draft = rows.find((x) => x.r.status === "draft")?.r ?? null;
  return {
    frozen: parseFrozen(round.frozen),
    versionHash: round.versionHash,
    deadlineAt: round.deadlineAt,
    deadlineDate: round.deadlineDate,
    termWeeks: round.termWeeks,
    kind: round.kind,
    window: reactWindow(round, invitee, ctx.clock.now()),
    draft: draft ? { id: draft.id, pointer: draft.pointer, text: draft.text, correctsId: draft.correctsId, updatedAt: draft.updatedAt } : null,
    submitted: rows
      .filter((x) => x.r.status === "submitted")
      .map(({ r, d }) => ({
        id: r.id,
        pointer: r.pointer,
        pointerLabel: r.pointerLabel,
        text: r.text,
        signerName: r.signerName,
        signerRole: r.signerRole,
        signedOn: r.signedOn,
        submittedAt: r.submittedAt,
        late: r.late,
        signatureHash: r.signatureHash,
        correctsId: r.correctsId,
        disposition: d ? { kind: d.kind as DispositionKind, note: d.note } : null,
      })),
    invitee: { name: invitee.name, relation: invitee.relation },
    viaLink: invitee.userId === null,
  };
}

export interface DraftInput {
  reactionId: string;
  pointer: string;
  text: string;
  versionHash: string;
  correctsId: string;
}

function closedMessage(round: RoundRow): string {
  return `De reactietermijn is verstreken op ${formatInstant(round.deadlineAt)}. Opslaan en insturen kan niet meer; uw tekst staat hieronder, bewaar hem zelf als u hem wilt houden. Neem contact op met de procesbegeleider als u toch wilt reageren.`;
}

function alreadySubmittedMessage(r: Pick<ReactionRow, "submittedAt">): string {
  return `Deze reactie is al ondertekend en verstuurd${r.submittedAt ? ` op ${formatInstant(r.submittedAt)}` : ""}. Een ondertekende reactie verandert niet meer; wilt u iets corrigeren, schrijf dan een nieuwe reactie.`;
}

/**
 * Saves the draft (creates it when there is none). The text is always kept; a pointer that does not
 * belong to this round's version is not stored, and the caller hears why (UserError after saving).
 */
export async function saveDraft(ctx: Ctx, round: RoundRow, invitee: InviteeRow, input: DraftInput): Promise<{ reactionId: string; savedAt: Date }> {
  const frozen = parseFrozen(round.frozen);
  const now = ctx.clock.now();
  // After the term nothing is stored any more, unless the procesbegeleider allowed a late reaction.
  const window = reactWindow(round, invitee, now);
  if (!window.ok) throw new UserError(window.reason === "revoked" ? "Deze persoonlijke link is ingetrokken." : closedMessage(round), window.reason);
  let problem: UserError | null = null;
  if (input.versionHash !== round.versionHash) {
    problem = new UserError("Uw reactie hoort bij een andere versie van het document dan die van deze ronde. Kies opnieuw het onderdeel waarop u reageert; uw tekst is bewaard.", "wrong_version", { field: "pointer" });
  }
  const label = problem ? null : pointerLabel(frozen, input.pointer);
  if (!problem && label === null) {
    problem = new UserError("Het gekozen onderdeel bestaat niet in de versie van deze ronde. Kies een onderdeel uit de lijst; uw tekst is bewaard.", "unknown_pointer", { field: "pointer" });
  }
  const pointerFields = label !== null ? { pointer: input.pointer, pointerLabel: label } : {};
  const correctsId = await validCorrects(ctx, round, invitee, input.correctsId);

  // Update the draft named by the form; else the invitee's current draft; else a new one.
  let saved: { id: string } | undefined;
  if (input.reactionId) {
    const [existing] = await ctx.db
      .select({ id: schema.roundReactions.id, status: schema.roundReactions.status, submittedAt: schema.roundReactions.submittedAt, text: schema.roundReactions.text })
      .from(schema.roundReactions)
      .where(and(eq(schema.roundReactions.id, input.reactionId), eq(schema.roundReactions.inviteeId, invitee.id)));
    if (existing?.status === "submitted") {
      // Sent twice (a double click, the back button): the signed one stays as it is. Text that
      // differs from it is kept as a new draft, so nothing typed is lost.
      problem = new UserError(alreadySubmittedMessage(existing), "already_submitted");
      if (existing.text.trim() === input.text.trim()) throw problem;
    }
  }
  for (let attempt = 0; attempt < 2 && !saved; attempt++) {
    [saved] = await ctx.db
      .update(schema.roundReactions)
      .set({ text: input.text, ...pointerFields, correctsId, versionHash: round.versionHash, updatedAt: now })
      .where(and(eq(schema.roundReactions.inviteeId, invitee.id), eq(schema.roundReactions.status, "draft")))
      .returning({ id: schema.roundReactions.id });
    if (saved) break;
    [saved] = await ctx.db
      .insert(schema.roundReactions)
      .values({
        roundId: round.id,
        inviteeId: invitee.id,
        status: "draft",
        versionHash: round.versionHash,
        pointer: label !== null ? input.pointer : "general",
        pointerLabel: label ?? (pointerLabel(frozen, "general") as string),
        text: input.text,
        correctsId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: schema.roundReactions.id });
  }
  if (!saved) throw new Error("draft could not be saved");
  if (problem) throw problem;
  return { reactionId: saved.id, savedAt: now };
}

async function validCorrects(ctx: Pick<AppContext, "db">, round: RoundRow, invitee: InviteeRow, correctsId: string): Promise<string | null> {
  if (!correctsId) return null;
  const [row] = await ctx.db
    .select({ id: schema.roundReactions.id })
    .from(schema.roundReactions)
    .where(and(eq(schema.roundReactions.id, correctsId), eq(schema.roundReactions.inviteeId, invitee.id), eq(schema.roundReactions.status, "submitted"), eq(schema.roundReactions.roundId, round.id)));
  return row ? row.id : null;
}

export interface SignatureInput {
  signerName: string;
  signerRole: string;
  /** The one-time code mailed to the invited address (personal links only; ADR 0021). */
  code?: string;
}

/** What the signature hash covers (ADR 0005): sha256 of this object's canonical JSON. */
export function signaturePayload(r: {
  roundId: string;
  inviteeId: string;
  versionHash: string;
  pointer: string;
  text: string;
  signerName: string;
  signerRole: string;
  signedOn: string;
}) {
  return canonicalJson({ v: 1, ...r });
}

export function signatureHashOf(r: Parameters<typeof signaturePayload>[0]): string {
  return sha256(signaturePayload(r));
}

/** Whether a stored signed reaction still matches its hash (shown in the printable view). */
export function signatureValid(r: ReactionRow): boolean {
  if (!r.signatureHash || !r.signerName || !r.signerRole || !r.signedOn) return false;
  return (
    signatureHashOf({
      roundId: r.roundId,
      inviteeId: r.inviteeId,
      versionHash: r.versionHash,
      pointer: r.pointer,
      text: r.text,
      signerName: r.signerName,
      signerRole: r.signerRole,
      signedOn: r.signedOn,
    }) === r.signatureHash
  );
}

/**
 * Signs and submits: the draft is saved first (so nothing typed is lost whatever goes wrong), then
 * the draft row becomes the signed reaction in one conditional update, so a double submit signs once.
 */
/** Names compared as people write them: case, accents and spacing do not count. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLocaleLowerCase("nl");
  return norm(a) === norm(b);
}

export async function submitReaction(ctx: Ctx, round: RoundRow, invitee: InviteeRow, input: DraftInput, signature: SignatureInput): Promise<{ reactionId: string; late: boolean }> {
  const { reactionId } = await saveDraft(ctx, round, invitee, input);
  const now = ctx.clock.now();
  const window = reactWindow(round, invitee, now);
  if (!window.ok) {
    throw new UserError(window.reason === "revoked" ? "Deze persoonlijke link is ingetrokken." : closedMessage(round), window.reason);
  }
  const text = input.text.trim();
  if (!text) throw new UserError("Schrijf eerst uw reactie.", "empty", { field: "text" });
  // The reaction is signed by the person invited, never under another name (issue 15).
  if (!sameName(signature.signerName, invitee.name)) {
    throw new UserError(`U ondertekent als ${invitee.name}, de persoon die is uitgenodigd. Klopt die naam niet? Neem contact op met de procesbegeleider.`, "signer", { field: "signerName" });
  }
  // A personal link is something that can be forwarded: the signature also needs the code mailed
  // to the invited address. A member signs with their session (ADR 0021).
  const checkedCode = invitee.userId ? null : await checkSignCode(ctx, invitee, signature.code ?? "");
  const signerName = invitee.name; // as invited, not as typed
  const signedOn = todayInAmsterdam(now);
  const [draft] = await ctx.db.select().from(schema.roundReactions).where(eq(schema.roundReactions.id, reactionId));
  const signatureHash = signatureHashOf({
    roundId: round.id,
    inviteeId: invitee.id,
    versionHash: round.versionHash,
    pointer: draft.pointer,
    text,
    signerName,
    signerRole: signature.signerRole,
    signedOn,
  });
  return ctx.db.transaction(async (tx) => {
    if (checkedCode && !(await consumeSignCode(tx, invitee.id, checkedCode, now))) {
      throw new UserError("Deze code is intussen vervangen door een nieuwe of verlopen. Gebruik de nieuwste code uit uw e-mail.", "code_replaced", { field: "code" });
    }
    const [signed] = await tx
      .update(schema.roundReactions)
      .set({
        status: "submitted",
        text,
        versionHash: round.versionHash,
        signerName,
        signerRole: signature.signerRole,
        declaration: true,
        signedOn,
        submittedAt: now,
        signatureHash,
        signedWith: checkedCode ? "code" : "session",
        late: window.late,
        updatedAt: now,
      })
      .where(and(eq(schema.roundReactions.id, reactionId), eq(schema.roundReactions.status, "draft"), eq(schema.roundReactions.pointer, draft.pointer)))
      .returning({ id: schema.roundReactions.id });
    if (!signed) throw new UserError(alreadySubmittedMessage({ submittedAt: now }), "already_submitted");
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "reaction.submitted",
      actorId: invitee.userId,
      investigationId: round.investigationId,
      subjectEmail: invitee.email,
      details: { roundId: round.id, reactionId, late: window.late, signatureHash, signedWith: checkedCode ? "code" : "session" },
    });
    return { reactionId, late: window.late };
  });
}
