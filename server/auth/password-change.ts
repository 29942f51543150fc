import { and, count, eq, gt } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { audit } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { endAllSessions, startSession } from "./sessions.ts";

/** Wrong current passwords per account per 15 minutes: a stolen session must not become a guessing oracle. */
export const MAX_CHANGE_FAILURES = 5;
const CHANGE_WINDOW_MINUTES = 15;

export type ChangeResult = { ok: true; token: string } | { ok: false; reason: "wrong_current" | "rate_limited" };

/**
 * Changes the password of a logged-in user after checking the current one. Every session of the
 * account ends (a thief on another device is out); this browser gets a fresh session.
 */
export async function changePassword(
  ctx: AppContext,
  input: { userId: string; currentPassword: string; newPassword: string; ip: string; currentToken: string | null },
): Promise<ChangeResult> {
  const since = new Date(ctx.clock.now().getTime() - CHANGE_WINDOW_MINUTES * 60_000);
  const [recent] = await ctx.db
    .select({ n: count() })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "password.change_failed"), eq(schema.auditLog.actorId, input.userId), gt(schema.auditLog.at, since)));
  if (Number(recent?.n ?? 0) >= MAX_CHANGE_FAILURES) return { ok: false, reason: "rate_limited" };
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await audit(ctx, { action: "password.change_failed", actorId: input.userId, ip: input.ip });
    return { ok: false, reason: "wrong_current" };
  }
  await ctx.db.update(schema.users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(schema.users.id, user.id));
  await endAllSessions(ctx, user.id);
  const token = await startSession(ctx, user.id, input.currentToken);
  await audit(ctx, { action: "password.changed", actorId: user.id, ip: input.ip });
  return { ok: true, token };
}
