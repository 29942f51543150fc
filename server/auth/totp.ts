import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";
import { schema } from "../../db/client.ts";
import { audit } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { hashToken } from "../tokens.ts";
import { verifyPassword } from "./passwords.ts";

// TOTP (RFC 6238) with the settings every authenticator app understands: SHA-1, 6 digits, 30 s.
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

function totp(secret: string, label: string) {
  return new TOTP({ issuer: "Ketenlijn", label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: PERIOD });
}

/** The code an app would show now: for tests and for nothing else. */
export function currentCode(secret: string, at: Date): string {
  return totp(secret, "x").generate({ timestamp: at.getTime() });
}

/** The time step a code belongs to, allowing one step of clock drift either way; null when wrong. */
function matchingStep(secret: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, "x").validate({ token: code, timestamp: at.getTime(), window: 1 });
  return delta === null ? null : Math.floor(at.getTime() / 1000 / PERIOD) + delta;
}

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

/** Makes a new secret and keeps it as pending until a code confirms the app has it. */
export async function startEnrolment(ctx: AppContext, userId: string, email: string): Promise<Enrolment> {
  const secret = new Secret({ size: 20 }).base32;
  await ctx.db.update(schema.users).set({ totpPendingSecret: secret }).where(eq(schema.users.id, userId));
  return enrolmentView(secret, email);
}

export async function enrolmentView(secret: string, email: string): Promise<Enrolment> {
  const uri = totp(secret, email).toString();
  return { secret, uri, qrSvg: await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) };
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** 10 random codes of 16 base-32 characters (80 bits), shown once as xxxx-xxxx-xxxx-xxxx. */
function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i: read aloud and typed over
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** Confirms the pending secret with a code; on success turns TOTP on and returns fresh recovery codes. */
export async function confirmEnrolment(ctx: AppContext, userId: string, code: string, ip: string): Promise<string[] | null> {
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, userId));
  if (!user?.totpPendingSecret) return null;
  const step = matchingStep(user.totpPendingSecret, code.replace(/\s/g, ""), ctx.clock.now());
  if (step === null) return null;
  await ctx.db
    .update(schema.users)
    .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: ctx.clock.now(), totpLastStep: step })
    .where(eq(schema.users.id, userId));
  const codes = await replaceRecoveryCodes(ctx, userId);
  await audit(ctx, { action: "totp.enabled", actorId: userId, ip });
  return codes;
}

export async function replaceRecoveryCodes(ctx: AppContext, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await ctx.db.delete(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, userId));
  await ctx.db.insert(schema.recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(normaliseRecoveryCode(c)) })));
  return codes;
}

/** Whether TOTP is on, and how many recovery codes are left. */
export async function totpStatus(ctx: AppContext, userId: string): Promise<{ enabled: boolean; recoveryCodesLeft: number }> {
  const [row] = await ctx.db.select({ enabledAt: schema.users.totpEnabledAt }).from(schema.users).where(eq(schema.users.id, userId));
  const enabled = !!row?.enabledAt;
  return { enabled, recoveryCodesLeft: enabled ? await unusedRecoveryCodes(ctx, userId) : 0 };
}

/** The enrolment still waiting for its first code, to show again after a wrong code. */
export async function pendingEnrolment(ctx: AppContext, userId: string, email: string): Promise<Enrolment | null> {
  const [row] = await ctx.db.select({ pending: schema.users.totpPendingSecret }).from(schema.users).where(eq(schema.users.id, userId));
  return row?.pending ? enrolmentView(row.pending, email) : null;
}

/** Turns TOTP off after checking the password (a session alone must not be enough). */
export async function disableTotp(ctx: AppContext, userId: string, password: string, ip: string): Promise<boolean> {
  const [user] = await ctx.db.select({ hash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, userId));
  if (!user || !(await verifyPassword(user.hash, password))) return false;
  await ctx.db
    .update(schema.users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(schema.users.id, userId));
  await ctx.db.delete(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, userId));
  await ctx.db.delete(schema.loginChallenges).where(eq(schema.loginChallenges.userId, userId));
  await audit(ctx, { action: "totp.disabled", actorId: userId, ip });
  return true;
}

export async function unusedRecoveryCodes(ctx: AppContext, userId: string): Promise<number> {
  const rows = await ctx.db
    .select({ id: schema.recoveryCodes.id })
    .from(schema.recoveryCodes)
    .where(and(eq(schema.recoveryCodes.userId, userId), isNull(schema.recoveryCodes.usedAt)));
  return rows.length;
}

/**
 * Checks a code from the app (each accepted once: the step is stored) or a recovery code (each
 * used once). Both updates are conditional, so two requests with the same code cannot both pass.
 */
export async function verifySecondFactor(ctx: AppContext, userId: string, input: string): Promise<"totp" | "recovery_code" | null> {
  const code = input.trim();
  const [user] = await ctx.db.select().from(schema.users).where(eq(schema.users.id, userId));
  if (!user?.totpSecret) return null;
  const step = matchingStep(user.totpSecret, code.replace(/\s/g, ""), ctx.clock.now());
  if (step !== null) {
    const accepted = await ctx.db
      .update(schema.users)
      .set({ totpLastStep: step })
      .where(and(eq(schema.users.id, userId), or(isNull(schema.users.totpLastStep), lt(schema.users.totpLastStep, step))))
      .returning({ id: schema.users.id });
    return accepted.length > 0 ? "totp" : null;
  }
  const normalised = normaliseRecoveryCode(code);
  if (normalised.length !== 16) return null;
  const used = await ctx.db
    .update(schema.recoveryCodes)
    .set({ usedAt: ctx.clock.now() })
    .where(
      and(
        eq(schema.recoveryCodes.userId, userId),
        eq(schema.recoveryCodes.codeHash, hashToken(normalised)),
        isNull(schema.recoveryCodes.usedAt),
      ),
    )
    .returning({ id: schema.recoveryCodes.id });
  return used.length > 0 ? "recovery_code" : null;
}
