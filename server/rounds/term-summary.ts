import { and, asc, eq, inArray } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { describeReminder, type ReminderView } from "../../app/domain/rounds/reminders.ts";
import { todayInAmsterdam } from "../../app/domain/workdays.server.ts";
import type { AppContext } from "../context.ts";

export interface RoundTerm {
  id: string;
  title: string;
  interviewId: string | null;
  termWeeks: number;
  startDate: string;
  deadlineDate: string;
  originalDeadlineDate: string;
  deadlineAt: Date;
  ended: boolean;
  reminder: ReminderView;
}

/** Each round's term and its reminder (when, sent or not), counts only: no names (Termijnen is for every member). */
export async function roundTerms(ctx: Pick<AppContext, "db" | "clock">, investigationId: string, onlyRoundId?: string): Promise<RoundTerm[]> {
  const rounds = await ctx.db
    .select()
    .from(schema.commentRounds)
    .where(and(eq(schema.commentRounds.investigationId, investigationId), onlyRoundId ? eq(schema.commentRounds.id, onlyRoundId) : undefined))
    .orderBy(asc(schema.commentRounds.openedAt));
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  const [invitees, signed, notices] = await Promise.all([
    ctx.db.select({ id: schema.roundInvitees.id, roundId: schema.roundInvitees.roundId, revoked: schema.roundInvitees.linkRevokedAt }).from(schema.roundInvitees).where(inArray(schema.roundInvitees.roundId, ids)),
    ctx.db
      .select({ inviteeId: schema.roundReactions.inviteeId })
      .from(schema.roundReactions)
      .where(and(inArray(schema.roundReactions.roundId, ids), eq(schema.roundReactions.status, "submitted"))),
    ctx.db
      .select()
      .from(schema.roundNotices)
      .where(and(inArray(schema.roundNotices.roundId, ids), eq(schema.roundNotices.kind, "reminder"))),
  ]);
  const reacted = new Set(signed.map((s) => s.inviteeId));
  const now = ctx.clock.now();
  const today = todayInAmsterdam(now);
  return rounds.map((r) => {
    const own = notices.filter((n) => n.roundId === r.id && n.forDate === r.deadlineDate);
    const sent = own.filter((n) => n.sentAt);
    const last = sent.map((n) => n.sentAt!).sort((a, b) => b.getTime() - a.getTime())[0] ?? null;
    const ended = r.closedAt !== null || now >= r.deadlineAt;
    return {
      id: r.id,
      title: r.title,
      interviewId: r.interviewId,
      termWeeks: r.termWeeks,
      startDate: r.startDate,
      deadlineDate: r.deadlineDate,
      originalDeadlineDate: r.originalDeadlineDate,
      deadlineAt: r.deadlineAt,
      ended,
      reminder: describeReminder({
        deadlineDate: r.deadlineDate,
        ended,
        today,
        waiting: invitees.filter((i) => i.roundId === r.id && !i.revoked && !reacted.has(i.id)).length,
        queued: own.length,
        sent: sent.length,
        lastSentOn: last ? todayInAmsterdam(last) : null,
      }),
    };
  });
}
