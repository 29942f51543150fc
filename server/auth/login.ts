import { and, count, eq, gt, lt, max, sql, type SQL } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import {
  FAILURE_MEMORY_HOURS,
  FREE_FAILURES_PER_ACCOUNT_ADDRESS,
  FREE_FAILURES_PER_ADDRESS,
  waitSeconds,
} from "../../app/domain/login-throttle.ts";
import { audit, settleAudit, type AuditAction } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { hashToken, newToken } from "../tokens.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.ts";
import { startSession } from "./sessions.ts";
import { verifySecondFactor } from "./totp.ts";

// Failed attempts are counted from the audit log: one record serves audit and throttle, and the
// throttle holds across restarts and server processes. Waits grow per account *and address*, so
// someone guessing from elsewhere slows down only themselves, never the owner of the account.

export const CHALLENGE_MINUTES = 5;
/** Wrong codes for one password login before the password must be entered again. */
export const MAX_CODE_FAILURES = 5;

export type LoginResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "second_factor"; challenge: string }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/** Failures before attempt `beforeId` matching `where`, in the memory window: how many, and the latest. */
async function failures(ctx: AppContext, where: SQL, beforeId: number): Promise<{ n: number; last: Date | null }> {
  const since = new Date(ctx.clock.now().getTime() - FAILURE_MEMORY_HOURS * 3600_000);
  const [row] = await ctx.db
    .select({ n: count(), last: max(schema.auditLog.at) })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "login.failed"), where, gt(schema.auditLog.at, since), lt(schema.auditLog.id, beforeId)));
  return { n: Number(row?.n ?? 0), last: row?.last ? new Date(row.last) : null };
}

/** Seconds this attempt must still wait (0: go ahead). */
async function requiredWait(ctx: AppContext, email: string, ip: string, attemptId: number): Promise<number> {
  // The owner's correct password from this address wipes the slate for this account and address.
  const [ok] = await ctx.db
    .select({ id: max(schema.auditLog.id) })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "login.ok"), eq(schema.auditLog.subjectEmail, email), eq(schema.auditLog.ip, ip)));
  const lastOkId = Number(ok?.id ?? 0);
  const pair = await failures(ctx, and(eq(schema.auditLog.subjectEmail, email), eq(schema.auditLog.ip, ip), gt(schema.auditLog.id, lastOkId))!, attemptId);
  // Not reset by a success: an attacker could otherwise clear it by logging into an own account.
  const address = await failures(ctx, eq(schema.auditLog.ip, ip), attemptId);
  const now = ctx.clock.now().getTime();
  const remaining = (f: { n: number; last: Date | null }, free: number) =>
    f.last ? Math.max(0, (f.last.getTime() + waitSeconds(f.n, free) * 1000 - now) / 1000) : 0;
  return Math.max(remaining(pair, FREE_FAILURES_PER_ACCOUNT_ADDRESS), remaining(address, FREE_FAILURES_PER_ADDRESS));
}

export async function logIn(
  ctx: AppContext,
  input: { email: string; password: string; ip: string; previousToken?: string | null },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // The attempt is written as failed *before* counting and checking the password, and settled
  // afterwards: attempts running at the same time then count against each other, so a burst of
  // parallel guesses cannot all pass the check before any failure is recorded.
  const attemptId = await audit(ctx, { action: "login.failed", subjectEmail: email, ip: input.ip });
  const settle = (action: AuditAction, actorId: string | null, details: Record<string, unknown> = {}) => settleAudit(ctx.db, attemptId, { action, actorId, details });
  const wait = await requiredWait(ctx, email, input.ip, attemptId);
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait);
    await settle("login.blocked", null, { waitSeconds: retryAfterSeconds });
    return { ok: false, reason: "rate_limited", retryAfterSeconds };
  }
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !valid) {
    if (user) await settle("login.failed", user.id);
    return { ok: false, reason: "invalid" };
  }
  if (user.totpEnabledAt) {
    const { token, hash } = newToken();
    const expiresAt = new Date(ctx.clock.now().getTime() + CHALLENGE_MINUTES * 60_000);
    await ctx.db.insert(schema.loginChallenges).values({ tokenHash: hash, userId: user.id, expiresAt });
    await settle("login.password_ok", user.id);
    return { ok: false, reason: "second_factor", challenge: token };
  }
  const token = await startSession(ctx, user.id, input.previousToken);
  await settle("login.ok", user.id);
  return { ok: true, token, userId: user.id };
}

export type SecondFactorResult =
  | { ok: true; token: string; userId: string; usedRecoveryCode: boolean }
  | { ok: false; reason: "expired" }
  | { ok: false; reason: "invalid_code"; challenge: string };

/** The second step for accounts with TOTP: a code from the app, or a recovery code. */
export async function completeSecondFactor(
  ctx: AppContext,
  input: { challenge: string; code: string; ip: string; previousToken?: string | null },
): Promise<SecondFactorResult> {
  if (!input.challenge || input.challenge.length > 200) return { ok: false, reason: "expired" };
  const tokenHash = hashToken(input.challenge);
  const [row] = await ctx.db
    .select({ userId: schema.loginChallenges.userId, email: schema.users.email })
    .from(schema.loginChallenges)
    .innerJoin(schema.users, eq(schema.users.id, schema.loginChallenges.userId))
    .where(and(eq(schema.loginChallenges.tokenHash, tokenHash), gt(schema.loginChallenges.expiresAt, ctx.clock.now())))
    .limit(1);
  if (!row) return { ok: false, reason: "expired" };
  const factor = await verifySecondFactor(ctx, row.userId, input.code);
  if (!factor) {
    // Counted as a login failure too, so wrong codes feed the same growing waits.
    await audit(ctx, {
      at: ctx.clock.now(),
      action: "login.failed",
      actorId: row.userId,
      subjectEmail: row.email,
      ip: input.ip,
      details: { step: "code" },
    });
    const [updated] = await ctx.db
      .update(schema.loginChallenges)
      .set({ failures: sql`${schema.loginChallenges.failures} + 1` })
      .where(eq(schema.loginChallenges.tokenHash, tokenHash))
      .returning({ failures: schema.loginChallenges.failures });
    if (!updated || updated.failures >= MAX_CODE_FAILURES) {
      await ctx.db.delete(schema.loginChallenges).where(eq(schema.loginChallenges.tokenHash, tokenHash));
      return { ok: false, reason: "expired" };
    }
    return { ok: false, reason: "invalid_code", challenge: input.challenge };
  }
  // Used once: a second submit of the same challenge (e.g. a double click) finds nothing.
  const used = await ctx.db.delete(schema.loginChallenges).where(eq(schema.loginChallenges.tokenHash, tokenHash)).returning();
  if (used.length === 0) return { ok: false, reason: "expired" };
  const token = await startSession(ctx, row.userId, input.previousToken);
  await audit(ctx, {
    at: ctx.clock.now(),
    action: "login.ok",
    actorId: row.userId,
    subjectEmail: row.email,
    ip: input.ip,
    details: { secondFactor: factor },
  });
  return { ok: true, token, userId: row.userId, usedRecoveryCode: factor === "recovery_code" };
}
