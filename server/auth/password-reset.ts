import { and, count, eq, gt, isNull } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { audit } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { renderMail } from "../mail/templates.ts";
import { hashToken, newToken } from "../tokens.ts";
import { hashPassword } from "./passwords.ts";
import { endAllSessions } from "./sessions.ts";

const RESET_MINUTES = 60;
/** Requests per hour, counted from the audit log like login failures: per address and per account. */
export const MAX_RESET_REQUESTS_PER_ACCOUNT = 3;
export const MAX_RESET_REQUESTS_PER_ADDRESS = 20;

async function recentRequests(ctx: AppContext, by: "email" | "ip", value: string): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - RESET_MINUTES * 60_000);
  const column = by === "email" ? schema.auditLog.subjectEmail : schema.auditLog.ip;
  const [row] = await ctx.db
    .select({ n: count() })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "password.reset_requested"), eq(column, value), gt(schema.auditLog.at, since)));
  return Number(row?.n ?? 0);
}

/**
 * Always behaves the same whether the account exists, so it does not reveal accounts. Limited per
 * account and per address (so nobody can flood a mailbox or the outbox); the request is recorded
 * before counting, so parallel requests count against each other.
 */
export async function requestPasswordReset(ctx: AppContext, emailInput: string, baseUrl: string, ip: string): Promise<{ ok: true } | { ok: false; retryAfterMinutes: number }> {
  const email = emailInput.trim().toLowerCase();
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  await audit(ctx, { action: "password.reset_requested", subjectEmail: email, ip, actorId: user?.id });
  if ((await recentRequests(ctx, "email", email)) > MAX_RESET_REQUESTS_PER_ACCOUNT || (await recentRequests(ctx, "ip", ip)) > MAX_RESET_REQUESTS_PER_ADDRESS) {
    return { ok: false, retryAfterMinutes: RESET_MINUTES };
  }
  if (!user) return { ok: true };
  const { token, hash } = newToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + RESET_MINUTES * 60_000);
  await ctx.db.insert(schema.passwordResets).values({ tokenHash: hash, userId: user.id, expiresAt });
  await ctx.mailer.send({
    to: user.email,
    ...renderMail("password-reset", { name: user.name, link: `${baseUrl}/wachtwoord-herstellen/${token}`, minutes: String(RESET_MINUTES) }),
  });
  return { ok: true };
}

export async function findValidReset(ctx: AppContext, token: string) {
  const [row] = await ctx.db
    .select({ tokenHash: schema.passwordResets.tokenHash, userId: schema.passwordResets.userId, email: schema.users.email, name: schema.users.name })
    .from(schema.passwordResets)
    .innerJoin(schema.users, eq(schema.users.id, schema.passwordResets.userId))
    .where(
      and(
        eq(schema.passwordResets.tokenHash, hashToken(token)),
        isNull(schema.passwordResets.usedAt),
        gt(schema.passwordResets.expiresAt, ctx.clock.now()),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Sets the new password, uses up the link and ends every session of the account. */
export async function resetPassword(ctx: AppContext, token: string, password: string, ip: string): Promise<boolean> {
  const reset = await findValidReset(ctx, token);
  if (!reset) return false;
  const used = await ctx.db
    .update(schema.passwordResets)
    .set({ usedAt: ctx.clock.now() })
    .where(and(eq(schema.passwordResets.tokenHash, reset.tokenHash), isNull(schema.passwordResets.usedAt)))
    .returning();
  if (used.length === 0) return false; // used concurrently
  await ctx.db.update(schema.users).set({ passwordHash: await hashPassword(password) }).where(eq(schema.users.id, reset.userId));
  await endAllSessions(ctx, reset.userId);
  await audit(ctx, { action: "password.reset", actorId: reset.userId, ip });
  return true;
}
