import { and, eq, gt } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { hashToken, newToken } from "../tokens.ts";

export const SESSION_COOKIE = "kl_session";
const SESSION_HOURS = 12;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  canCreateInvestigations: boolean;
  /** loketmedewerker (issue 10) */
  isLoket: boolean;
}

/** Creates a fresh session (a new token on every login: rotation), ending the one given. */
export async function startSession(ctx: AppContext, userId: string, previousToken?: string | null): Promise<string> {
  if (previousToken) await endSession(ctx, previousToken);
  const { token, hash } = newToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + SESSION_HOURS * 3600_000);
  await ctx.db.insert(schema.sessions).values({ tokenHash: hash, userId, expiresAt, createdAt: ctx.clock.now() });
  return token;
}

export async function endSession(ctx: AppContext, token: string): Promise<void> {
  await ctx.db.delete(schema.sessions).where(eq(schema.sessions.tokenHash, hashToken(token)));
}

export async function endAllSessions(ctx: AppContext, userId: string): Promise<void> {
  await ctx.db.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
}

export async function userForSession(ctx: AppContext, token: string | null | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const rows = await ctx.db
    .select({
      id: schema.users.id,
      email: schema.users.email,
      name: schema.users.name,
      canCreateInvestigations: schema.users.canCreateInvestigations,
      isLoket: schema.users.isLoket,
    })
    .from(schema.sessions)
    .innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
    .where(and(eq(schema.sessions.tokenHash, hashToken(token)), gt(schema.sessions.expiresAt, ctx.clock.now())))
    .limit(1);
  return rows[0] ?? null;
}

export function readCookie(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_HOURS * 3600}${secure ? "; Secure" : ""}`;
}

export function clearSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
