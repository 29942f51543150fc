import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { formatDutchDate, formatDutchDateShort } from "../../app/domain/calendar-date.ts";
import { can } from "../../app/domain/policy.ts";
import type { Role } from "../../app/domain/roles.ts";
import { canonicalJson, parseFrozen, type FrozenDocument } from "../../app/domain/rounds/frozen.ts";
import { freezeDraftReport, freezeInterview, interviewTitle } from "../../app/domain/rounds/freeze.ts";
import type { LinkInviteeInput } from "../../app/domain/rounds/forms.ts";
import { DISPOSITIONS, ROUND_KINDS, type DispositionKind, type RoundKind, type RoundState } from "../../app/domain/rounds/kinds.ts";
import { deadlineInstant, dispositionCounts, extensionProblem, formatInstant, linkState, linkValidUntil, roundState, type LinkState } from "../../app/domain/rounds/state.ts";
import { roundDeadline } from "../../app/domain/rounds/terms.ts";
import { todayInAmsterdam } from "../../app/domain/workdays.server.ts";
import { loadDoc } from "../collab/persistence.ts";
import type { AppContext } from "../context.ts";
import { renderMail } from "../mail/templates.ts";
import { listMembers } from "../members.ts";
import { newToken } from "../tokens.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { loadReportInput } from "../report/load.server.ts";
import { getInterview } from "./interviews.ts";
import { caseMailVarsOf, type CaseMailVars } from "./case-info.ts";
import { sha256, transactionalMailer, type Tx } from "./support.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";
import { isUuid } from "../../app/domain/uuid.ts";

export type RoundRow = typeof schema.commentRounds.$inferSelect;
export type InviteeRow = typeof schema.roundInvitees.$inferSelect;
export type ReactionRow = typeof schema.roundReactions.$inferSelect;

type Ctx = Pick<AppContext, "db" | "clock" | "config">;


export function versionHashOf(frozen: FrozenDocument): string {
  return sha256(canonicalJson(frozen));
}

// --- Mail texts ---------------------------------------------------------------------------------

export function deadlineText(round: Pick<RoundRow, "deadlineDate">): string {
  return `${formatDutchDate(round.deadlineDate)} (tot 23.59 uur)`;
}

export function memberRoundUrl(round: Pick<RoundRow, "baseUrl" | "investigationId" | "id">): string {
  return `${round.baseUrl}/onderzoeken/${round.investigationId}/rondes/${round.id}`;
}

function howToReact(round: RoundRow, invitee: InviteeRow, token: string | null): string {
  if (invitee.userId) return `Log in bij Ketenlijn en open de ronde:\n\n${memberRoundUrl(round)}`;
  if (token) {
    const until = formatDutchDate(todayInAmsterdam(linkValidUntil(round, invitee)));
    return (
      `Open het document via deze persoonlijke link (u heeft geen account nodig):\n\n${round.baseUrl}/reactie/${token}\n\n` +
      `Deze link is alleen voor u bedoeld; stuur hem niet door. Met de link ziet u alleen dit document. De link werkt tot en met ${until}.`
    );
  }
  return "Gebruik de persoonlijke link uit de uitnodiging die u eerder ontving. Kunt u die niet meer vinden? Vraag de procesbegeleider om een nieuwe link.";
}

export function invitationMail(round: RoundRow, invitee: InviteeRow, token: string | null, inviterName: string, caseVars: CaseMailVars) {
  const kind = ROUND_KINDS[round.kind as RoundKind];
  return {
    to: invitee.email,
    ...renderMail("round-invitation", {
      name: invitee.name,
      inviter: inviterName,
      document: parseFrozen(round.frozen).title,
      focus: kind.focus,
      deadline: deadlineText(round),
      term: `een termijn van ${round.termWeeks} weken`,
      how: howToReact(round, invitee, token),
      ...caseVars,
    }),
  };
}

export function reminderMail(round: RoundRow, invitee: InviteeRow, caseVars: CaseMailVars) {
  return {
    to: invitee.email,
    ...renderMail("round-reminder", {
      name: invitee.name,
      document: parseFrozen(round.frozen).title,
      deadline: deadlineText(round),
      how: howToReact(round, invitee, null),
      ...caseVars,
    }),
  };
}

export function closingMail(round: RoundRow, invitee: InviteeRow, submittedCount: number, caseVars: CaseMailVars) {
  const outcome =
    submittedCount > 0
      ? `Wij hebben ${submittedCount === 1 ? "uw ondertekende reactie" : `${submittedCount} ondertekende reacties van u`} ontvangen. ` +
        "U krijgt bericht over wat ermee is gedaan: verwerkt, of gemotiveerd terzijde gelegd."
      : "Wij hebben van u geen reactie ontvangen. Wilt u toch nog reageren? Neem dan contact op met de procesbegeleider; die kan een reactie na de termijn toestaan.";
  return {
    to: invitee.email,
    ...renderMail("round-closed", { name: invitee.name, document: parseFrozen(round.frozen).title, deadline: deadlineText(round), outcome, ...caseVars }),
  };
}

// --- Opening a round ------------------------------------------------------------------------------

export interface OpenRoundInput {
  document: "draft_report" | { interviewId: string };
  memberIds: string[];
  linkInvitees: LinkInviteeInput[];
}

/** Members who may be invited to react in the app (policy `rounds.react`). */
export async function invitableMembers(ctx: Pick<AppContext, "db">, investigationId: string) {
  const members = await listMembers(ctx as AppContext, investigationId);
  return members.filter((m) => can({ role: m.role as Role, organisationId: m.organisationId }, "rounds.react"));
}

/**
 * Opens a round: freezes the document as it is stored now (the collaboration server writes every
 * update to the database before anyone sees it), stores it with its hash and a named version, and
 * invites everyone (mails in the same transaction).
 */
export async function openRound(
  ctx: Ctx,
  actor: { id: string; name: string },
  investigationId: string,
  input: OpenRoundInput,
  baseUrl: string,
): Promise<string> {
  const members = await invitableMembers(ctx, investigationId);
  const byId = new Map(members.map((m) => [m.userId, m]));
  const memberIds = [...new Set(input.memberIds)];
  for (const id of memberIds) if (!byId.has(id)) throw new UserError("Een gekozen deelnemer kan niet in deze ronde reageren.", "member", { field: "members" });
  const emails = new Set<string>();
  for (const id of memberIds) emails.add(byId.get(id)!.email);
  for (const l of input.linkInvitees) {
    if (emails.has(l.email)) throw new UserError(`${l.email} staat twee keer in de lijst.`, "duplicate", { field: "invitees" });
    emails.add(l.email);
  }
  if (emails.size === 0) throw new UserError("Nodig minstens één persoon uit om te reageren.", "no_invitees", { field: "invitees" });

  let kind: RoundKind;
  let interviewId: string | null = null;
  let baseTitle: string;
  const now0 = ctx.clock.now();
  // The draft is frozen from the same report model the export builds (ketenpartners: no client identity).
  const loaded =
    input.document === "draft_report"
      ? await loadReportInput(ctx, investigationId, "ketenpartners", { versionLabel: "Conceptrapport", status: "concept", today: todayInAmsterdam(now0) })
      : null;
  const doc = loaded ? loaded.doc : await loadDoc(ctx.db, investigationId);
  let frozen: FrozenDocument;
  let snapshot: Uint8Array;
  try {
    if (loaded) {
      kind = "draft_report";
      baseTitle = "Conceptrapport";
      frozen = freezeDraftReport(doc, { title: baseTitle, report: buildReport(doc, loaded.input, loaded.checklist) });
    } else {
      if (input.document === "draft_report") throw new Error("unreachable");
      kind = "interview";
      const interview = await getInterview(ctx, investigationId, input.document.interviewId);
      if (!interview) throw new UserError("Dit gesprek bestaat niet (meer).", "interview", { field: "document" });
      interviewId = interview.id;
      baseTitle = interviewTitle(interview);
      frozen = freezeInterview(doc, interview.id, { ...interview, heldOn: formatDutchDate(interview.heldOn) });
    }
    snapshot = Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
  const versionHash = versionHashOf(frozen);
  const now = ctx.clock.now();
  const startDate = todayInAmsterdam(now);
  const { termWeeks, deadlineDate, deadlineAt } = roundDeadline(kind, startDate);

  const previous = await ctx.db
    .select({ id: schema.commentRounds.id })
    .from(schema.commentRounds)
    .where(
      and(
        eq(schema.commentRounds.investigationId, investigationId),
        eq(schema.commentRounds.kind, kind),
        interviewId ? eq(schema.commentRounds.interviewId, interviewId) : isNull(schema.commentRounds.interviewId),
      ),
    );
  const title = previous.length > 0 ? `${baseTitle} (ronde ${previous.length + 1})` : baseTitle;

  return ctx.db.transaction(async (tx) => {
    const [version] = await tx
      .insert(schema.collabVersions)
      .values({ investigationId, name: `Begin reactieronde: ${title}`.slice(0, 200), snapshot, createdBy: actor.id, createdAt: now })
      .returning({ id: schema.collabVersions.id });
    const [round] = await tx
      .insert(schema.commentRounds)
      .values({
        investigationId,
        kind,
        interviewId,
        title,
        termWeeks,
        startDate,
        originalDeadlineDate: deadlineDate,
        deadlineDate,
        deadlineAt,
        frozen,
        versionHash,
        collabVersionId: version.id,
        baseUrl,
        openedBy: actor.id,
        openedAt: now,
      })
      .returning();
    const mailer = transactionalMailer(ctx, tx);
    const caseVars = await caseMailVarsOf(tx, investigationId);
    for (const id of memberIds) {
      const m = byId.get(id)!;
      await insertInvitee(tx, caseVars, round, actor, { userId: m.userId, name: m.name, email: m.email, relation: m.organisation ? `ketenpartner, ${m.organisation}` : "deelnemer" }, now, mailer);
    }
    for (const l of input.linkInvitees) await insertInvitee(tx, caseVars, round, actor, { userId: null, ...l }, now, mailer);
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "round.opened",
      actorId: actor.id,
      investigationId,
      details: { roundId: round.id, kind, title, deadline: deadlineDate, versionHash, invitees: emails.size },
    });
    return round.id;
  });
}

async function insertInvitee(
  tx: Tx,
  caseVars: CaseMailVars,
  round: RoundRow,
  actor: { id: string; name: string },
  who: { userId: string | null; name: string; email: string; relation: string },
  now: Date,
  mailer: ReturnType<typeof transactionalMailer>,
): Promise<InviteeRow> {
  const token = who.userId ? null : newToken();
  const [invitee] = await tx
    .insert(schema.roundInvitees)
    .values({ roundId: round.id, userId: who.userId, name: who.name, email: who.email, relation: who.relation, tokenHash: token?.hash ?? null, invitedBy: actor.id, invitedAt: now })
    .returning();
  await mailer.send(invitationMail(round, invitee, token?.token ?? null, actor.name, caseVars));
  return invitee;
}

// --- Reading ----------------------------------------------------------------------------------------

export async function getRound(ctx: Pick<AppContext, "db">, investigationId: string, roundId: string): Promise<RoundRow | null> {
  if (!isUuid(roundId)) return null;
  const [row] = await ctx.db
    .select()
    .from(schema.commentRounds)
    .where(and(eq(schema.commentRounds.id, roundId), eq(schema.commentRounds.investigationId, investigationId)));
  return row ?? null;
}

export interface ReactionWithDisposition extends ReactionRow {
  disposition: { kind: DispositionKind; note: string; decidedAt: Date; decidedBy: string | null; decidedByName: string | null } | null;
}

async function reactionsOf(ctx: Pick<AppContext, "db">, roundIds: string[]): Promise<ReactionWithDisposition[]> {
  if (roundIds.length === 0) return [];
  const rows = await ctx.db
    .select({ r: schema.roundReactions, d: schema.reactionDispositions, decider: schema.users.name })
    .from(schema.roundReactions)
    .leftJoin(schema.reactionDispositions, eq(schema.reactionDispositions.reactionId, schema.roundReactions.id))
    .leftJoin(schema.users, eq(schema.users.id, schema.reactionDispositions.decidedBy))
    .where(inArray(schema.roundReactions.roundId, roundIds))
    .orderBy(asc(schema.roundReactions.submittedAt), asc(schema.roundReactions.createdAt));
  return rows.map(({ r, d, decider }) => ({
    ...r,
    disposition: d ? { kind: d.kind as DispositionKind, note: d.note, decidedAt: d.decidedAt, decidedBy: d.decidedBy, decidedByName: decider ?? null } : null,
  }));
}

async function inviteesOf(ctx: Pick<AppContext, "db">, roundIds: string[]): Promise<InviteeRow[]> {
  if (roundIds.length === 0) return [];
  return ctx.db.select().from(schema.roundInvitees).where(inArray(schema.roundInvitees.roundId, roundIds)).orderBy(asc(schema.roundInvitees.invitedAt), asc(schema.roundInvitees.name));
}

function facts(r: ReactionWithDisposition) {
  return { status: r.status as "draft" | "submitted", disposition: r.disposition?.kind ?? null };
}

export function stateOf(round: RoundRow, reactions: ReactionWithDisposition[], invitees: InviteeRow[], now: Date): RoundState {
  return roundState(round, reactions.map(facts), invitees, now);
}

export interface RegisterRow {
  id: string;
  kind: RoundKind;
  interviewId: string | null;
  title: string;
  termWeeks: number;
  startDate: string;
  deadlineDate: string;
  deadlineAt: Date;
  extended: boolean;
  closedAt: Date | null;
  state: RoundState;
  invitees: { id: string; name: string; email: string; relation: string; viaLink: boolean; reacted: boolean; draft: boolean; late: boolean }[];
  reacted: number;
  notYet: number;
  counts: ReturnType<typeof dispositionCounts>;
}

/** The register: every round of an investigation, newest first. */
export async function listRounds(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<RegisterRow[]> {
  const rounds = await ctx.db
    .select()
    .from(schema.commentRounds)
    .where(eq(schema.commentRounds.investigationId, investigationId))
    .orderBy(desc(schema.commentRounds.openedAt));
  const ids = rounds.map((r) => r.id);
  const [invitees, reactions] = await Promise.all([inviteesOf(ctx, ids), reactionsOf(ctx, ids)]);
  const now = ctx.clock.now();
  return rounds.map((round) => {
    const inv = invitees.filter((i) => i.roundId === round.id);
    const rea = reactions.filter((r) => r.roundId === round.id);
    const rows = inv.map((i) => {
      const own = rea.filter((r) => r.inviteeId === i.id);
      return {
        id: i.id,
        name: i.name,
        email: i.email,
        relation: i.relation,
        viaLink: i.userId === null,
        reacted: own.some((r) => r.status === "submitted"),
        draft: own.some((r) => r.status === "draft"),
        late: own.some((r) => r.late),
      };
    });
    return {
      id: round.id,
      kind: round.kind as RoundKind,
      interviewId: round.interviewId,
      title: round.title,
      termWeeks: round.termWeeks,
      startDate: round.startDate,
      deadlineDate: round.deadlineDate,
      deadlineAt: round.deadlineAt,
      extended: round.deadlineDate !== round.originalDeadlineDate,
      closedAt: round.closedAt,
      state: stateOf(round, rea, inv, now),
      invitees: rows,
      reacted: rows.filter((r) => r.reacted).length,
      notYet: rows.filter((r) => !r.reacted).length,
      counts: dispositionCounts(rea.map(facts)),
    };
  });
}

export interface RoundDetail {
  round: RoundRow;
  frozen: FrozenDocument;
  state: RoundState;
  invitees: (InviteeRow & { linkState: LinkState | null; reacted: boolean; draft: boolean })[];
  reactions: (ReactionWithDisposition & { inviteeName: string; inviteeEmail: string })[];
  extensions: (typeof schema.roundExtensions.$inferSelect)[];
}

export async function getRoundDetail(ctx: Pick<AppContext, "db" | "clock">, investigationId: string, roundId: string): Promise<RoundDetail | null> {
  const round = await getRound(ctx, investigationId, roundId);
  if (!round) return null;
  const [invitees, reactions, extensions] = await Promise.all([
    inviteesOf(ctx, [round.id]),
    reactionsOf(ctx, [round.id]),
    ctx.db.select().from(schema.roundExtensions).where(eq(schema.roundExtensions.roundId, round.id)).orderBy(asc(schema.roundExtensions.extendedAt)),
  ]);
  const now = ctx.clock.now();
  const byId = new Map(invitees.map((i) => [i.id, i]));
  return {
    round,
    frozen: parseFrozen(round.frozen),
    state: stateOf(round, reactions, invitees, now),
    invitees: invitees.map((i) => ({
      ...i,
      linkState: i.userId ? null : linkState(round, i, now),
      reacted: reactions.some((r) => r.inviteeId === i.id && r.status === "submitted"),
      draft: reactions.some((r) => r.inviteeId === i.id && r.status === "draft"),
    })),
    reactions: reactions
      .filter((r) => r.status === "submitted")
      .map((r) => ({ ...r, inviteeName: byId.get(r.inviteeId)?.name ?? "", inviteeEmail: byId.get(r.inviteeId)?.email ?? "" })),
    extensions,
  };
}

/** The invitee row of a member in a round, if invited. */
export async function inviteeForUser(ctx: Pick<AppContext, "db">, roundId: string, userId: string): Promise<InviteeRow | null> {
  const [row] = await ctx.db
    .select()
    .from(schema.roundInvitees)
    .where(and(eq(schema.roundInvitees.roundId, roundId), eq(schema.roundInvitees.userId, userId)));
  return row ?? null;
}

/** Rounds in which this member is invited (for their own view of the register). */
export async function roundIdsForUser(ctx: Pick<AppContext, "db">, investigationId: string, userId: string): Promise<Set<string>> {
  const rows = await ctx.db
    .select({ id: schema.roundInvitees.roundId })
    .from(schema.roundInvitees)
    .innerJoin(schema.commentRounds, eq(schema.commentRounds.id, schema.roundInvitees.roundId))
    .where(and(eq(schema.roundInvitees.userId, userId), eq(schema.commentRounds.investigationId, investigationId)));
  return new Set(rows.map((r) => r.id));
}

// --- Managing a round ---------------------------------------------------------------------------------

async function requireRound(ctx: Pick<AppContext, "db">, investigationId: string, roundId: string): Promise<RoundRow> {
  const round = await getRound(ctx, investigationId, roundId);
  if (!round) throw new UserError("Deze ronde bestaat niet.", "round");
  return round;
}

export async function extendRound(ctx: Ctx, actorId: string, investigationId: string, roundId: string, input: { date: string; reason: string }): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  const now = ctx.clock.now();
  const problem = extensionProblem(round, input.date, now);
  if (problem) throw new UserError(problem, "extension", { field: "date" });
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(schema.commentRounds)
      .set({ deadlineDate: input.date, deadlineAt: deadlineInstant(input.date) })
      .where(and(eq(schema.commentRounds.id, round.id), isNull(schema.commentRounds.closedAt), eq(schema.commentRounds.deadlineDate, round.deadlineDate)))
      .returning({ id: schema.commentRounds.id });
    if (updated.length === 0) throw new UserError("De ronde is intussen gewijzigd of gesloten. Laad de pagina opnieuw.", "extension", { field: "date" });
    await tx.insert(schema.roundExtensions).values({ roundId: round.id, fromDate: round.deadlineDate, toDate: input.date, reason: input.reason, extendedBy: actorId, extendedAt: now });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.extended", actorId, investigationId, details: { roundId: round.id, from: round.deadlineDate, to: input.date, reason: input.reason } });
  });
}

export async function addInvitee(
  ctx: Ctx,
  actor: { id: string; name: string },
  investigationId: string,
  roundId: string,
  who: { userId: string } | LinkInviteeInput,
): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  const now = ctx.clock.now();
  if (round.closedAt || now >= round.deadlineAt) throw new UserError("Deze ronde is gesloten; er kan niemand meer bij.", "closed", { field: "_form" });
  let row: { userId: string | null; name: string; email: string; relation: string };
  if ("userId" in who) {
    const m = (await invitableMembers(ctx, investigationId)).find((x) => x.userId === who.userId);
    if (!m) throw new UserError("Deze deelnemer kan niet in deze ronde reageren.", "member", { field: "userId" });
    row = { userId: m.userId, name: m.name, email: m.email, relation: m.organisation ? `ketenpartner, ${m.organisation}` : "deelnemer" };
  } else row = { userId: null, ...who };
  const existing = await ctx.db
    .select({ id: schema.roundInvitees.id })
    .from(schema.roundInvitees)
    .where(and(eq(schema.roundInvitees.roundId, round.id), eq(schema.roundInvitees.email, row.email)));
  if (existing.length) throw new UserError(`${row.email} is al uitgenodigd voor deze ronde.`, "duplicate", { field: "email" });
  await ctx.db.transaction(async (tx) => {
    await insertInvitee(tx, await caseMailVarsOf(tx, investigationId), round, actor, row, now, transactionalMailer(ctx, tx));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.invitee_added", actorId: actor.id, investigationId, subjectEmail: row.email, details: { roundId: round.id, viaLink: row.userId === null } });
  });
}

async function requireLinkInvitee(ctx: Pick<AppContext, "db">, round: RoundRow, inviteeId: string): Promise<InviteeRow> {
  if (!isUuid(inviteeId)) throw new UserError("Deze persoon staat niet in deze ronde.", "invitee");
  const [row] = await ctx.db
    .select()
    .from(schema.roundInvitees)
    .where(and(eq(schema.roundInvitees.id, inviteeId), eq(schema.roundInvitees.roundId, round.id)));
  if (!row) throw new UserError("Deze persoon staat niet in deze ronde.", "invitee");
  return row;
}

export async function revokeLink(ctx: Ctx, actorId: string, investigationId: string, roundId: string, inviteeId: string): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  const invitee = await requireLinkInvitee(ctx, round, inviteeId);
  if (invitee.userId) throw new UserError("Deze persoon reageert met een account en heeft geen persoonlijke link.", "member");
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.update(schema.roundInvitees).set({ linkRevokedAt: now }).where(and(eq(schema.roundInvitees.id, invitee.id), isNull(schema.roundInvitees.linkRevokedAt)));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.link_revoked", actorId, investigationId, subjectEmail: invitee.email, details: { roundId: round.id } });
  });
}

/** A new personal link (the old one stops working at once), mailed to the person. */
export async function renewLink(ctx: Ctx, actor: { id: string; name: string }, investigationId: string, roundId: string, inviteeId: string): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  const invitee = await requireLinkInvitee(ctx, round, inviteeId);
  if (invitee.userId) throw new UserError("Deze persoon reageert met een account en heeft geen persoonlijke link.", "member");
  const now = ctx.clock.now();
  if (now > linkValidUntil(round, { lateAllowedUntil: invitee.lateAllowedUntil }))
    throw new UserError("De termijn (met de leestijd erna) is voorbij. Sta eerst een reactie na de termijn toe.", "expired");
  const token = newToken();
  await ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(schema.roundInvitees)
      .set({ tokenHash: token.hash, linkRevokedAt: null })
      .where(eq(schema.roundInvitees.id, invitee.id))
      .returning();
    await transactionalMailer(ctx, tx).send(invitationMail(round, updated, token.token, actor.name, await caseMailVarsOf(tx, investigationId)));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.link_renewed", actorId: actor.id, investigationId, subjectEmail: invitee.email, details: { roundId: round.id } });
  });
}

export async function allowLate(
  ctx: Ctx,
  actorId: string,
  investigationId: string,
  roundId: string,
  input: { inviteeId: string; until: string; reason: string },
): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  const invitee = await requireLinkInvitee(ctx, round, input.inviteeId);
  const now = ctx.clock.now();
  const until = deadlineInstant(input.until);
  if (input.until <= round.deadlineDate) throw new UserError("Kies een datum ná de uiterste datum van de ronde.", "late", { field: "until" });
  if (until <= now) throw new UserError("Deze datum ligt in het verleden.", "late", { field: "until" });
  await ctx.db.transaction(async (tx) => {
    await tx.update(schema.roundInvitees).set({ lateAllowedUntil: until, lateReason: input.reason }).where(eq(schema.roundInvitees.id, invitee.id));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.late_allowed", actorId, investigationId, subjectEmail: invitee.email, details: { roundId: round.id, until: input.until, reason: input.reason } });
  });
}

/**
 * Records what was done with a signed reaction (once) and mails it to the reactant, in one
 * transaction.
 */
export async function recordDisposition(
  ctx: Ctx,
  actor: { id: string; name: string },
  investigationId: string,
  roundId: string,
  input: { reactionId: string; kind: DispositionKind; note: string; correct?: boolean },
): Promise<void> {
  const round = await requireRound(ctx, investigationId, roundId);
  if (input.correct) {
    // A correction replaces the decision until the report is final; the Logboek keeps the earlier one.
    const [final] = await ctx.db
      .select({ id: schema.reportVersions.id })
      .from(schema.reportVersions)
      .where(and(eq(schema.reportVersions.investigationId, investigationId), eq(schema.reportVersions.status, "definitief")))
      .limit(1);
    if (final) throw new UserError("Het rapport is definitief ingediend: de afhandeling van deze reactie kan niet meer worden gecorrigeerd.", "report_final");
  }
  const [row] = await ctx.db
    .select({ r: schema.roundReactions, i: schema.roundInvitees })
    .from(schema.roundReactions)
    .innerJoin(schema.roundInvitees, eq(schema.roundInvitees.id, schema.roundReactions.inviteeId))
    .where(and(eq(schema.roundReactions.id, input.reactionId), eq(schema.roundReactions.roundId, round.id)));
  if (!row || row.r.status !== "submitted") throw new UserError("Deze reactie bestaat niet of is nog niet ondertekend.", "reaction");
  const now = ctx.clock.now();
  const frozen = parseFrozen(round.frozen);
  await ctx.db.transaction(async (tx) => {
    let previous: { kind: string; note: string; decidedBy: string | null; decidedAt: string } | null = null;
    if (input.correct) {
      const [old] = await tx.select().from(schema.reactionDispositions).where(eq(schema.reactionDispositions.reactionId, row.r.id)).for("update");
      if (!old) throw new UserError("Deze reactie is nog niet afgehandeld; er is niets te corrigeren.", "no_disposition");
      previous = { kind: old.kind, note: old.note, decidedBy: old.decidedBy, decidedAt: old.decidedAt.toISOString() };
      await tx
        .update(schema.reactionDispositions)
        .set({ kind: input.kind, note: input.note, decidedBy: actor.id, decidedAt: now })
        .where(eq(schema.reactionDispositions.reactionId, row.r.id));
    } else {
      const inserted = await tx
        .insert(schema.reactionDispositions)
        .values({ reactionId: row.r.id, kind: input.kind, note: input.note, decidedBy: actor.id, decidedAt: now })
        .onConflictDoNothing()
        .returning({ id: schema.reactionDispositions.reactionId });
      if (inserted.length === 0) throw new UserError("Voor deze reactie is al vastgelegd wat ermee is gedaan.", "disposition_exists");
    }
    const text = row.r.text.length > 600 ? `${row.r.text.slice(0, 599)}…` : row.r.text;
    await transactionalMailer(ctx, tx).send({
      to: row.i.email,
      ...renderMail("round-disposition", {
        name: row.i.name,
        document: frozen.title,
        submitted: row.r.submittedAt ? formatInstant(row.r.submittedAt) : "",
        pointer: row.r.pointerLabel || "algemeen",
        disposition: DISPOSITIONS[input.kind].toLowerCase(),
        noteLabel: input.kind === "verwerkt" ? "Waar verwerkt" : "Motivering",
        note: input.note,
        excerpt: text.replace(/^/gm, "> "),
        ...(await caseMailVarsOf(tx, investigationId)),
      }),
    });
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: previous ? "reaction.disposition_corrected" : "reaction.disposition",
      actorId: actor.id,
      investigationId,
      subjectEmail: row.i.email,
      details: { roundId: round.id, reactionId: row.r.id, kind: input.kind, ...(previous ? { note: input.note, previous } : {}) },
    });
  });
}

export function describeRoundShort(round: Pick<RoundRow, "deadlineDate">): string {
  return formatDutchDateShort(round.deadlineDate);
}
