import { and, count, eq, gt } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { AuditAction } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.ts";
import { startSession } from "./sessions.ts";

// Failed attempts are counted from the audit log: one record serves audit and rate limit,
// and the limit holds across restarts and server processes.
export const RATE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginResult =
  | { ok: true; token: string; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

async function recentFailures(ctx: AppContext, by: "email" | "ip", value: string): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - RATE_WINDOW_MINUTES * 60_000);
  const column = by === "email" ? schema.auditLog.subjectEmail : schema.auditLog.ip;
  const [row] = await ctx.db
    .select({ n: count() })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "login.failed"), eq(column, value), gt(schema.auditLog.at, since)));
  return Number(row?.n ?? 0);
}

export async function logIn(
  ctx: AppContext,
  input: { email: string; password: string; ip: string; previousToken?: string | null },
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  // The attempt is written as failed *before* counting and checking the password, and settled
  // afterwards: attempts running at the same time then count against each other, so a burst of
  // parallel guesses cannot all pass the check before any failure is recorded.
  const [attempt] = await ctx.db
    .insert(schema.auditLog)
    .values({ at: ctx.clock.now(), action: "login.failed", subjectEmail: email, ip: input.ip })
    .returning({ id: schema.auditLog.id });
  const settle = (action: AuditAction, actorId: string | null) =>
    ctx.db.update(schema.auditLog).set({ action, actorId }).where(eq(schema.auditLog.id, attempt.id));
  if (
    (await recentFailures(ctx, "email", email)) > MAX_FAILURES_PER_ACCOUNT ||
    (await recentFailures(ctx, "ip", input.ip)) > MAX_FAILURES_PER_ADDRESS
  ) {
    await settle("login.blocked", null);
    return { ok: false, reason: "rate_limited", retryAfterMinutes: RATE_WINDOW_MINUTES };
  }
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !valid) {
    if (user) await settle("login.failed", user.id);
    return { ok: false, reason: "invalid" };
  }
  const token = await startSession(ctx, user.id, input.previousToken);
  await settle("login.ok", user.id);
  return { ok: true, token, userId: user.id };
}
