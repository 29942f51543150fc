import { and, asc, eq, notInArray } from "drizzle-orm";
import { schema } from "../db/client.ts";
import { defaultDeadlinePlan, deadlineStatus, describeRelative, nextDue, type DeadlineState } from "../app/domain/deadline-plan.ts";
import { todayInAmsterdam } from "../app/domain/workdays.server.ts";
import { audit } from "./audit.ts";
import type { AppContext } from "./context.ts";

type DeadlineRow = typeof schema.deadlines.$inferSelect;

/** Recomputes the default plan from the investigation's dates; manual overrides stay. */
export async function syncDeadlinePlan(ctx: AppContext, investigationId: string): Promise<void> {
  const [inv] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  if (!inv) return;
  const plan = defaultDeadlinePlan({
    calamityDate: inv.calamityDate,
    reportedDate: inv.reportedDate,
    supervisor: inv.supervisor as "toezicht_wmo" | "igj",
  });
  await ctx.db.transaction(async (tx) => {
    for (const p of plan) {
      // Reporting to the toezichthouder is done by definition once the report date is known.
      const autoDone = p.key === "melding" ? inv.reportedDate : undefined;
      const values = { label: p.label, rule: p.rule, source: p.source, computedDate: p.dueDate };
      await tx
        .insert(schema.deadlines)
        .values({ investigationId, key: p.key, ...values, doneAt: autoDone ?? null })
        .onConflictDoUpdate({
          target: [schema.deadlines.investigationId, schema.deadlines.key],
          set: autoDone !== undefined ? { ...values, doneAt: autoDone } : values,
        });
    }
    await tx.delete(schema.deadlines).where(
      and(
        eq(schema.deadlines.investigationId, investigationId),
        notInArray(schema.deadlines.key, plan.map((p) => p.key)),
      ),
    );
  });
}

export function effectiveDate(d: DeadlineRow): string | null {
  return d.overrideDate ?? d.computedDate;
}

export interface DeadlineView {
  key: string;
  label: string;
  rule: string;
  source: string;
  computedDate: string | null;
  dueDate: string | null;
  overridden: boolean;
  overrideReason: string | null;
  doneAt: string | null;
  status: ReturnType<typeof deadlineStatus>;
  relative: string | null;
  /** Dutch, when the computed date moved off a weekend or feestdag (and was not changed by hand). */
  note: string | null;
}

function toView(d: DeadlineRow, today: string, notes: Map<string, string>): DeadlineView {
  const dueDate = effectiveDate(d);
  const state: DeadlineState = { key: d.key, label: d.label, dueDate, doneAt: d.doneAt };
  return {
    key: d.key,
    label: d.label,
    rule: d.rule,
    source: d.source,
    computedDate: d.computedDate,
    dueDate,
    overridden: d.overrideDate !== null,
    overrideReason: d.overrideReason,
    doneAt: d.doneAt,
    status: deadlineStatus(state, today),
    relative: dueDate && !d.doneAt ? describeRelative(dueDate, today) : null,
    note: d.overrideDate === null ? (notes.get(`${d.key}:${d.computedDate}`) ?? null) : null,
  };
}

export async function deadlinesOf(ctx: AppContext, investigationId: string): Promise<DeadlineView[]> {
  const rows = await ctx.db
    .select()
    .from(schema.deadlines)
    .where(eq(schema.deadlines.investigationId, investigationId))
    .orderBy(asc(schema.deadlines.computedDate));
  const today = todayInAmsterdam(ctx.clock.now());
  // The note is not stored: it follows from the investigation's dates, as the computed date does.
  const [inv] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  const notes = new Map<string, string>();
  if (inv) {
    const plan = defaultDeadlinePlan({ calamityDate: inv.calamityDate, reportedDate: inv.reportedDate, supervisor: inv.supervisor as "toezicht_wmo" | "igj" });
    for (const p of plan) if (p.note) notes.set(`${p.key}:${p.dueDate}`, p.note);
  }
  return rows.map((r) => toView(r, today, notes)).sort(byDueDate);
}

function byDueDate(a: DeadlineView, b: DeadlineView) {
  return (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999");
}

export function summarizeDeadlines(ctx: AppContext, rows: DeadlineRow[]) {
  const today = todayInAmsterdam(ctx.clock.now());
  const states = rows.map((d) => ({ key: d.key, label: d.label, dueDate: effectiveDate(d), doneAt: d.doneAt }));
  const next = nextDue(states, today);
  const overdue = states.filter((s) => deadlineStatus(s, today) === "overdue").length;
  return {
    next: next && next.dueDate ? { label: next.label, dueDate: next.dueDate, status: deadlineStatus(next, today), relative: describeRelative(next.dueDate, today) } : null,
    overdue,
  };
}

export async function changeDeadline(
  ctx: AppContext,
  userId: string,
  investigationId: string,
  input: { key: string; date: string; reason: string },
): Promise<boolean> {
  const [row] = await ctx.db
    .select()
    .from(schema.deadlines)
    .where(and(eq(schema.deadlines.investigationId, investigationId), eq(schema.deadlines.key, input.key)));
  if (!row) return false;
  await ctx.db
    .update(schema.deadlines)
    .set({ overrideDate: input.date, overrideReason: input.reason, overriddenBy: userId })
    .where(eq(schema.deadlines.id, row.id));
  await audit(ctx, {
    action: "deadline.changed",
    actorId: userId,
    investigationId,
    details: { key: input.key, from: effectiveDate(row), to: input.date, reason: input.reason },
  });
  return true;
}

export async function setDeadlineDone(ctx: AppContext, userId: string, investigationId: string, key: string, done: boolean) {
  const doneAt = done ? todayInAmsterdam(ctx.clock.now()) : null;
  const updated = await ctx.db
    .update(schema.deadlines)
    .set({ doneAt })
    .where(and(eq(schema.deadlines.investigationId, investigationId), eq(schema.deadlines.key, key)))
    .returning();
  if (updated.length) await audit(ctx, { action: "deadline.done", actorId: userId, investigationId, details: { key, done } });
  return updated.length > 0;
}
