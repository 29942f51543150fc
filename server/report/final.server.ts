// What follows a "definitief" version (issue 15; seed 002 stap 6): the warnings before it is
// submitted (open rounds, reactions without a disposition), what submitting changes (the report's
// deadlines met, the phase), and sending the final report to the reactants who reacted.
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { schema, type Database } from "../../db/client.ts";
import { formatDutchDate } from "../../app/domain/calendar-date.ts";
import { PHASES, type Phase } from "../../app/domain/investigation-fields.ts";
import { todayInAmsterdam } from "../../app/domain/workdays.server.ts";
import type { AppContext } from "../context.ts";
import { renderMail } from "../mail/templates.ts";
import { caseMailVarsOf } from "../rounds/case-info.ts";
import { transactionalMailer, type Tx } from "../rounds/support.ts";
import { newToken, hashToken } from "../tokens.ts";
import { generateReport } from "./generate.server.ts";
import { safeFilename } from "./download.server.ts";
import { sha256Hex } from "./support.server.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";

/** The deadlines in Termijnen that a definitief report meets. */
export const REPORT_DEADLINE_KEYS = ["eigen_onderzoek", "rapport_toezichthouder"] as const;
/** The phase a definitief report moves the investigation to (the last Westerkwartier step). */
export const FINAL_PHASE: Phase = "afronding";

/** Rounds that are not done yet: the term still runs, or signed reactions wait for a disposition. */
export async function openRoundWarnings(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<string[]> {
  const rounds = await ctx.db
    .select()
    .from(schema.commentRounds)
    .where(eq(schema.commentRounds.investigationId, investigationId))
    .orderBy(asc(schema.commentRounds.openedAt));
  if (rounds.length === 0) return [];
  const pending = await ctx.db
    .select({ roundId: schema.roundReactions.roundId })
    .from(schema.roundReactions)
    .leftJoin(schema.reactionDispositions, eq(schema.reactionDispositions.reactionId, schema.roundReactions.id))
    .where(
      and(
        inArray(
          schema.roundReactions.roundId,
          rounds.map((r) => r.id),
        ),
        eq(schema.roundReactions.status, "submitted"),
        isNull(schema.reactionDispositions.reactionId),
      ),
    );
  const now = ctx.clock.now();
  const out: string[] = [];
  for (const r of rounds) {
    const running = r.closedAt === null && now < r.deadlineAt;
    const undecided = pending.filter((p) => p.roundId === r.id).length;
    const parts: string[] = [];
    if (running) parts.push(`de termijn loopt nog tot en met ${formatDutchDate(r.deadlineDate)}`);
    if (undecided > 0) parts.push(`${undecided === 1 ? "1 reactie is" : `${undecided} reacties zijn`} nog niet afgehandeld`);
    if (parts.length) out.push(`${r.title}: ${parts.join(" en ")}.`);
  }
  return out;
}

/**
 * In the transaction that stores a definitief version: the report's deadlines are met today
 * (those not marked yet) and the phase moves on to "Afronding". Logged in the Logboek.
 */
export async function applyFinalVersion(tx: Tx | Database, at: Date, actorId: string, investigationId: string, versionId: string): Promise<void> {
  const today = todayInAmsterdam(at);
  const met = await tx
    .update(schema.deadlines)
    .set({ doneAt: today })
    .where(and(eq(schema.deadlines.investigationId, investigationId), inArray(schema.deadlines.key, [...REPORT_DEADLINE_KEYS]), isNull(schema.deadlines.doneAt)))
    .returning({ key: schema.deadlines.key });
  const [inv] = await tx.select({ phase: schema.investigations.phase }).from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  const order = Object.keys(PHASES);
  const moves = inv && order.indexOf(inv.phase) < order.indexOf(FINAL_PHASE);
  if (moves) await tx.update(schema.investigations).set({ phase: FINAL_PHASE, updatedAt: at }).where(eq(schema.investigations.id, investigationId));
  await audit({ db: tx, clock: { now: () => at } }, {
    at,
    action: "report.final_applied",
    actorId,
    investigationId,
    details: { versionId, deadlinesMet: met.map((m) => m.key), ...(moves ? { phase: { from: inv.phase, to: FINAL_PHASE } } : {}) },
  });
}

export interface FinalRecipient {
  name: string;
  email: string;
  sentAt: Date | null;
}

/** The reactants who signed a reaction in any round, once each, with when the final report went to them. */
export async function finalRecipients(ctx: Pick<AppContext, "db">, investigationId: string, versionId: string): Promise<FinalRecipient[]> {
  const rows = await ctx.db
    .selectDistinct({ name: schema.roundInvitees.name, email: schema.roundInvitees.email })
    .from(schema.roundReactions)
    .innerJoin(schema.roundInvitees, eq(schema.roundInvitees.id, schema.roundReactions.inviteeId))
    .innerJoin(schema.commentRounds, eq(schema.commentRounds.id, schema.roundReactions.roundId))
    .where(and(eq(schema.commentRounds.investigationId, investigationId), eq(schema.roundReactions.status, "submitted")));
  const sent = await ctx.db
    .select({ email: schema.finalReportSends.email, sentAt: schema.finalReportSends.sentAt })
    .from(schema.finalReportSends)
    .where(eq(schema.finalReportSends.versionId, versionId));
  const byEmail = new Map<string, FinalRecipient>();
  for (const r of rows) {
    const email = r.email.toLowerCase();
    if (!byEmail.has(email)) byEmail.set(email, { name: r.name, email, sentAt: sent.find((s) => s.email === email)?.sentAt ?? null });
  }
  return [...byEmail.values()].sort((a, b) => a.name.localeCompare(b.name, "nl"));
}

/**
 * Sends the definitief version to every reactant who reacted and has not had it yet: the
 * ketenpartners' version (function and initials, no client identity) as .docx, behind a personal
 * download link in the mail. One action; logged; a second call sends only to who is still missing.
 */
export async function sendFinalToReactants(ctx: AppContext, actor: { id: string; name: string }, investigationId: string, versionId: string, baseUrl: string): Promise<{ sent: number }> {
  const [version] = await ctx.db
    .select({ id: schema.reportVersions.id, number: schema.reportVersions.number, status: schema.reportVersions.status })
    .from(schema.reportVersions)
    .where(and(eq(schema.reportVersions.id, versionId), eq(schema.reportVersions.investigationId, investigationId)));
  if (!version) throw new UserError("Deze versie bestaat niet.", "report", { status: 404 });
  if (version.status !== "definitief") throw new UserError("Alleen een definitieve versie gaat naar de indieners van reacties.", "report", { status: 409 });
  const missing = (await finalRecipients(ctx, investigationId, versionId)).filter((r) => !r.sentAt);
  if (missing.length === 0) throw new UserError("Iedereen die heeft gereageerd heeft het definitieve rapport al ontvangen.", "report", { status: 409 });
  const now = ctx.clock.now();
  // The ketenpartners' copy stored when the version was submitted (ADR 0015): exactly what went to
  // the toezichthouder, not the report as it stands today. Versions from before that copy existed
  // are rendered now.
  const [stored] = await ctx.db
    .select({ docx: schema.reportVersions.partnersDocx })
    .from(schema.reportVersions)
    .where(eq(schema.reportVersions.id, versionId));
  const { bytes, filename } = stored?.docx
    ? { bytes: stored.docx, filename: `Versie ${version.number} (ketenpartners).docx` }
    : await generateReport(ctx, investigationId, {
        audience: "ketenpartners",
        versionLabel: `Versie ${version.number}`,
        status: "definitief",
        today: todayInAmsterdam(now),
        actorId: actor.id,
        purpose: "definitief rapport naar de indieners van reacties",
      });
  const hash = sha256Hex(bytes);
  const [inv] = await ctx.db.select({ title: schema.investigations.title }).from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  await ctx.db.transaction(async (tx) => {
    const vars = await caseMailVarsOf(tx, investigationId);
    const mailer = transactionalMailer(ctx, tx);
    for (const r of missing) {
      const token = newToken();
      await tx.insert(schema.finalReportSends).values({
        investigationId,
        versionId,
        name: r.name,
        email: r.email,
        tokenHash: token.hash,
        filename: safeFilename(`${inv?.title ?? "Rapport"} definitief`),
        docx: bytes,
        sha256: hash,
        sentBy: actor.id,
        sentAt: now,
      });
      await mailer.send({
        to: r.email,
        ...renderMail("report-final-to-reactants", {
          name: r.name,
          title: inv?.title ?? "leeronderzoek",
          link: `${baseUrl}/rapport-definitief/${token.token}`,
          access: "Deze link is alleen voor u bedoeld; stuur hem niet door. U heeft geen account nodig om het bestand (Word) te openen.",
          ...vars,
        }),
      });
    }
    await audit({ db: tx, clock: ctx.clock }, {
      at: now,
      action: "report.final_sent",
      actorId: actor.id,
      investigationId,
      details: { versionId, number: version.number, recipients: missing.length, filename },
    });
  });
  return { sent: missing.length };
}

/** The final report behind a personal download link (the only place that token is accepted). */
export async function finalReportByToken(ctx: Pick<AppContext, "db" | "clock">, token: string | undefined): Promise<{ bytes: Uint8Array; filename: string } | null> {
  if (!token || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await ctx.db.select().from(schema.finalReportSends).where(eq(schema.finalReportSends.tokenHash, hashToken(token)));
  if (!row) return null;
  if (!row.downloadedAt) await ctx.db.update(schema.finalReportSends).set({ downloadedAt: ctx.clock.now() }).where(eq(schema.finalReportSends.id, row.id));
  return { bytes: row.docx, filename: row.filename };
}
