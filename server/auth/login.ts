import { and, count, eq, gt } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { audit } from "../audit.ts";
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
  if (
    (await recentFailures(ctx, "email", email)) >= MAX_FAILURES_PER_ACCOUNT ||
    (await recentFailures(ctx, "ip", input.ip)) >= MAX_FAILURES_PER_ADDRESS
  ) {
    await audit(ctx, { action: "login.blocked", subjectEmail: email, ip: input.ip });
    return { ok: false, reason: "rate_limited", retryAfterMinutes: RATE_WINDOW_MINUTES };
  }
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummyPasswordHash(), input.password), false);
  if (!user || !valid) {
    await audit(ctx, { action: "login.failed", subjectEmail: email, ip: input.ip, actorId: user?.id });
    return { ok: false, reason: "invalid" };
  }
  const token = await startSession(ctx, user.id, input.previousToken);
  await audit(ctx, { action: "login.ok", actorId: user.id, subjectEmail: email, ip: input.ip });
  return { ok: true, token, userId: user.id };
}
