import { and, asc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { todayInAmsterdam } from "../../app/domain/workdays.server.ts";
import { reminderDate } from "../../app/domain/rounds/terms.ts";
import type { AppContext } from "../context.ts";
import { purgeExpiredInvestigations } from "../privacy/retention.ts";
import { closingMail, reminderMail } from "../rounds/rounds.ts";
import { caseMailVarsOf } from "../rounds/case-info.ts";
import { transactionalMailer, type Tx } from "../rounds/support.ts";
import { audit } from "../audit.ts";

/**
 * The job loop (design.md "Jobs", ADR 0005). The due work is computed from the rounds themselves;
 * the only job rows are the notices (round_notices), one per round, invitee, kind and deadline.
 *
 * Each step is its own transaction and starts with pg_try_advisory_xact_lock: a second worker
 * (another process, or a second call in this one) skips the step instead of waiting. Every claim is
 * also a conditional write (closed_at IS NULL, sent_at IS NULL, ON CONFLICT DO NOTHING), so even
 * without the lock nothing happens twice; the lock only keeps workers out of each other's way.
 * A worker that dies after a committed step leaves the rest for the next run; a notice's mail is
 * written to the outbox in the same transaction that marks it sent, so it is sent exactly once.
 */

/** Advisory lock keys: (class, step). 5005 = issue 5. */
const LOCK_CLASS = 5005;
const STEP = { close: 1, remind: 2, deliver: 3 } as const;

export interface JobReport {
  closed: number;
  remindersQueued: number;
  noticesSent: number;
  /** Closed investigations deleted because their retention period had passed (issue 16). */
  purged: number;
  /** Steps another worker held at the time. */
  skipped: (keyof typeof STEP)[];
}

export interface JobHooks {
  /** Called after the close step committed (tests: a worker that dies right after claiming). */
  afterClose?: () => void | Promise<void>;
  /** Called inside a notice's transaction after claiming it, before its mail (tests: a crash there rolls back). */
  afterNoticeClaim?: (noticeId: number) => void | Promise<void>;
}

type JobCtx = Pick<AppContext, "db" | "clock" | "config">;

async function tryLock(tx: Tx, step: number): Promise<boolean> {
  const result = (await tx.execute(sql.raw(`select pg_try_advisory_xact_lock(${LOCK_CLASS}, ${step}) as locked`))) as unknown;
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { locked: boolean | string }[];
  return rows[0]?.locked === true || rows[0]?.locked === "t";
}

/** Runs everything that is due now (ctx.clock). Safe to call at any time, from any number of workers. */
export async function runDueJobs(ctx: JobCtx, hooks: JobHooks = {}): Promise<JobReport> {
  const report: JobReport = { closed: 0, remindersQueued: 0, noticesSent: 0, purged: 0, skipped: [] };
  await closeDueRounds(ctx, report);
  await hooks.afterClose?.();
  await queueReminders(ctx, report);
  await deliverNotices(ctx, report, hooks);
  report.purged = await purgeExpiredInvestigations(ctx);
  return report;
}

/** Closes every round whose deadline has passed and queues one closing notice per invitee. */
async function closeDueRounds(ctx: JobCtx, report: JobReport): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    if (!(await tryLock(tx, STEP.close))) {
      report.skipped.push("close");
      return;
    }
    const closed = await tx
      .update(schema.commentRounds)
      .set({ closedAt: now })
      .where(and(isNull(schema.commentRounds.closedAt), lte(schema.commentRounds.deadlineAt, now)))
      .returning();
    for (const round of closed) {
      const invitees = await tx.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.roundId, round.id));
      const recipients = invitees.filter((i) => !i.linkRevokedAt);
      if (recipients.length) {
        await tx
          .insert(schema.roundNotices)
          .values(recipients.map((i) => ({ roundId: round.id, inviteeId: i.id, kind: "closing", forDate: round.deadlineDate, createdAt: now })))
          .onConflictDoNothing();
      }
      await audit({ db: tx, clock: ctx.clock }, { at: now, action: "round.closed", investigationId: round.investigationId, details: { roundId: round.id, deadline: round.deadlineDate } });
    }
    report.closed += closed.length;
  });
}

/** Queues the reminder (3 werkdagen before the deadline) for invitees without a signed reaction. */
async function queueReminders(ctx: JobCtx, report: JobReport): Promise<void> {
  const now = ctx.clock.now();
  const today = todayInAmsterdam(now);
  await ctx.db.transaction(async (tx) => {
    if (!(await tryLock(tx, STEP.remind))) {
      report.skipped.push("remind");
      return;
    }
    const open = await tx
      .select()
      .from(schema.commentRounds)
      .where(and(isNull(schema.commentRounds.closedAt), gt(schema.commentRounds.deadlineAt, now)));
    for (const round of open) {
      if (today < reminderDate(round.deadlineDate)) continue;
      const invitees = await tx.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.roundId, round.id));
      const signed = await tx
        .select({ inviteeId: schema.roundReactions.inviteeId })
        .from(schema.roundReactions)
        .where(and(eq(schema.roundReactions.roundId, round.id), eq(schema.roundReactions.status, "submitted")));
      const reacted = new Set(signed.map((s) => s.inviteeId));
      const due = invitees.filter((i) => !reacted.has(i.id) && !i.linkRevokedAt);
      if (due.length === 0) continue;
      const inserted = await tx
        .insert(schema.roundNotices)
        .values(due.map((i) => ({ roundId: round.id, inviteeId: i.id, kind: "reminder", forDate: round.deadlineDate, createdAt: now })))
        .onConflictDoNothing()
        .returning({ id: schema.roundNotices.id });
      report.remindersQueued += inserted.length;
    }
  });
}

/** Sends every pending notice, each in its own transaction (claim + outbox row commit together). */
async function deliverNotices(ctx: JobCtx, report: JobReport, hooks: JobHooks): Promise<void> {
  const pending = await ctx.db
    .select({ id: schema.roundNotices.id })
    .from(schema.roundNotices)
    .where(isNull(schema.roundNotices.sentAt))
    .orderBy(asc(schema.roundNotices.id))
    .limit(500);
  for (const { id } of pending) {
    const outcome = await ctx.db.transaction(async (tx) => {
      if (!(await tryLock(tx, STEP.deliver))) return "locked" as const;
      const now = ctx.clock.now();
      const [notice] = await tx
        .update(schema.roundNotices)
        .set({ sentAt: now })
        .where(and(eq(schema.roundNotices.id, id), isNull(schema.roundNotices.sentAt)))
        .returning();
      if (!notice) return "gone" as const;
      await hooks.afterNoticeClaim?.(notice.id);
      const [round] = await tx.select().from(schema.commentRounds).where(eq(schema.commentRounds.id, notice.roundId));
      const [invitee] = await tx.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.id, notice.inviteeId));
      if (!round || !invitee) return "gone" as const;
      const signed = await tx
        .select({ id: schema.roundReactions.id })
        .from(schema.roundReactions)
        .where(and(eq(schema.roundReactions.inviteeId, invitee.id), eq(schema.roundReactions.status, "submitted")));
      if (notice.kind === "reminder") {
        // Reacted, revoked, extended or closed since it was queued: nothing to remind of (marked done).
        if (signed.length > 0 || invitee.linkRevokedAt || round.closedAt || round.deadlineDate !== notice.forDate) return "skipped" as const;
        await transactionalMailer(ctx, tx).send(reminderMail(round, invitee, await caseMailVarsOf(tx, round.investigationId)));
      } else {
        await transactionalMailer(ctx, tx).send(closingMail(round, invitee, signed.length, await caseMailVarsOf(tx, round.investigationId)));
      }
      return "sent" as const;
    });
    if (outcome === "locked") {
      report.skipped.push("deliver");
      return; // another worker is delivering; it will get to the rest
    }
    if (outcome === "sent") report.noticesSent++;
  }
}

// --- The loop -------------------------------------------------------------------------------------

export interface JobLoop {
  /** Runs the jobs now (or right after the run in progress); resolves with that run's report. */
  runNow(): Promise<JobReport | null>;
  stop(): Promise<void>;
}

/**
 * Starts the loop in this process: a run right away (catching up after a restart), then every
 * KETENLIJN_JOB_INTERVAL_MS (default 30 s; 0 disables the timer, e.g. in tests that drive
 * runDueJobs themselves). Runs never overlap within one process.
 */
export function startJobLoop(ctx: JobCtx, opts: { intervalMs?: number; log?: (line: string) => void } = {}): JobLoop {
  const env = process.env.KETENLIJN_JOB_INTERVAL_MS;
  const intervalMs = opts.intervalMs ?? (env !== undefined && env !== "" ? Number(env) : 30_000);
  const log = opts.log ?? ((line: string) => console.log(line));
  let running: Promise<JobReport | null> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const run = (): Promise<JobReport | null> => {
    if (stopped) return Promise.resolve(null);
    if (running) return running.then(() => run());
    running = runDueJobs(ctx)
      .then((report) => {
        if (report.closed || report.noticesSent) log(`[jobs] ${report.closed} ronde(s) gesloten, ${report.noticesSent} bericht(en) verstuurd`);
        return report;
      })
      .catch((err: unknown) => {
        log(`[jobs] fout: ${err instanceof Error ? err.message : String(err)}`);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const schedule = () => {
    if (stopped || !(intervalMs > 0)) return;
    timer = setTimeout(() => void run().finally(schedule), intervalMs);
    timer.unref();
  };
  if (intervalMs > 0) {
    timer = setTimeout(() => void run().finally(schedule), 0);
    timer.unref();
  }
  return {
    runNow: run,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
