import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { and, eq, gt, lt, sql } from "drizzle-orm";
import { schema, type Database } from "../../db/client.ts";
import { formatInstant } from "../../app/domain/rounds/state.ts";
import type { AppContext } from "../context.ts";
import { renderMail } from "../mail/templates.ts";
import type { InviteeRow, RoundRow } from "./rounds.ts";
import { caseMailVars } from "./case-info.ts";
import { transactionalMailer, type Tx } from "./support.ts";
import { UserError } from "../../app/domain/errors.ts";

/**
 * The second factor of a personal link's signature (issue 15, ADR 0021): a six-digit one-time code
 * mailed to the invited address. Only a salted hash is stored; a code is valid for CODE_MINUTES,
 * allows CODE_ATTEMPTS tries (every try counts, in one conditional update, so parallel guesses
 * cannot exceed it), and a new code can be asked for after RESEND_SECONDS. Signing consumes it.
 */
export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
export const RESEND_SECONDS = 60;

type Ctx = Pick<AppContext, "db" | "clock" | "config">;

/** "an***@example.nl": enough for the invitee to recognise, not enough for someone the link was forwarded to. */
export function maskEmail(email: string): string {
  const [local, domain] = email.split("@");
  if (!domain) return email;
  return `${local.slice(0, Math.min(2, local.length))}***@${domain}`;
}

export function hashCode(salt: string, inviteeId: string, code: string): string {
  return createHash("sha256").update(`${salt}:${inviteeId}:${code}`, "utf8").digest("hex");
}

/** Only the digits a person typed: spaces and dashes ("123 456", "123-456") do not count. */
export function normaliseCode(input: string): string {
  return input.replace(/[\s-]/g, "");
}

/** Mails a new code to the invited address; the previous code stops working. */
export async function sendSignCode(ctx: Ctx, round: RoundRow, invitee: InviteeRow): Promise<{ expiresAt: Date }> {
  const now = ctx.clock.now();
  const [current] = await ctx.db.select().from(schema.reactionCodes).where(eq(schema.reactionCodes.inviteeId, invitee.id));
  if (current && now.getTime() - current.sentAt.getTime() < RESEND_SECONDS * 1000) {
    const wait = Math.ceil((RESEND_SECONDS * 1000 - (now.getTime() - current.sentAt.getTime())) / 1000);
    throw new UserError(`Er is net een code naar ${maskEmail(invitee.email)} gestuurd. Kijk in uw e-mail (ook bij ongewenste e-mail); een nieuwe code kunt u over ${wait} seconden vragen.`, "code_wait", { field: "code" });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const salt = randomBytes(16).toString("hex");
  const expiresAt = new Date(now.getTime() + CODE_MINUTES * 60_000);
  const vars = await caseMailVars(ctx, round);
  await ctx.db.transaction(async (tx) => {
    const values = { codeHash: hashCode(salt, invitee.id, code), salt, expiresAt, attempts: 0, sentAt: now };
    await tx
      .insert(schema.reactionCodes)
      .values({ inviteeId: invitee.id, ...values })
      .onConflictDoUpdate({ target: schema.reactionCodes.inviteeId, set: values });
    await transactionalMailer(ctx, tx).send({
      to: invitee.email,
      ...renderMail("round-sign-code", { name: invitee.name, code, minutes: String(CODE_MINUTES), until: formatInstant(expiresAt).replace(/^.* om /, "").replace(/ uur$/, ""), ...vars }),
    });
  });
  return { expiresAt };
}

/**
 * Checks the code (counting the attempt first). Returns nothing when it is right; the caller
 * consumes it with `consumeSignCode` in the transaction that signs, so a signature that fails
 * for another reason leaves the code usable.
 */
export async function checkSignCode(ctx: Pick<AppContext, "db" | "clock">, invitee: InviteeRow, typed: string): Promise<{ sentAt: Date }> {
  const now = ctx.clock.now();
  const code = normaliseCode(typed);
  if (!/^\d{6}$/.test(code)) throw new UserError("Vul de code van 6 cijfers in die wij u hebben gemaild. Nog geen code ontvangen? Kies \"Stuur mij een code\".", "code_missing", { field: "code" });
  const [row] = await ctx.db.select().from(schema.reactionCodes).where(eq(schema.reactionCodes.inviteeId, invitee.id));
  if (!row) throw new UserError("Vraag eerst een code aan met \"Stuur mij een code\"; wij mailen hem naar het adres waarop u bent uitgenodigd.", "code_none", { field: "code" });
  if (row.expiresAt <= now) throw new UserError(`Deze code is verlopen (een code is ${CODE_MINUTES} minuten geldig). Vraag een nieuwe code aan.`, "code_expired", { field: "code" });
  const [counted] = await ctx.db
    .update(schema.reactionCodes)
    .set({ attempts: sql`${schema.reactionCodes.attempts} + 1` })
    .where(and(eq(schema.reactionCodes.inviteeId, invitee.id), eq(schema.reactionCodes.sentAt, row.sentAt), lt(schema.reactionCodes.attempts, CODE_ATTEMPTS)))
    .returning({ attempts: schema.reactionCodes.attempts });
  if (!counted) throw new UserError("U heeft te vaak een verkeerde code ingevuld; deze code werkt niet meer. Vraag een nieuwe code aan.", "code_attempts", { field: "code" });
  const expected = Buffer.from(row.codeHash, "hex");
  const given = Buffer.from(hashCode(row.salt, invitee.id, code), "hex");
  if (!timingSafeEqual(expected, given)) {
    const left = CODE_ATTEMPTS - counted.attempts;
    throw new UserError(left > 0
        ? `De code klopt niet. Controleer de code in de e-mail; u kunt het nog ${left === 1 ? "één keer" : `${left} keer`} proberen.`
        : "De code klopt niet en u heeft het te vaak geprobeerd; deze code werkt niet meer. Vraag een nieuwe code aan.", left > 0 ? "code_wrong" : "code_attempts", { field: "code" });
  }
  return { sentAt: row.sentAt };
}

/** Deletes the checked code inside the signing transaction (false: it was replaced or used meanwhile). */
export async function consumeSignCode(tx: Tx | Database, inviteeId: string, checked: { sentAt: Date }, at: Date): Promise<boolean> {
  const gone = await tx
    .delete(schema.reactionCodes)
    .where(and(eq(schema.reactionCodes.inviteeId, inviteeId), eq(schema.reactionCodes.sentAt, checked.sentAt), gt(schema.reactionCodes.expiresAt, at)))
    .returning({ id: schema.reactionCodes.inviteeId });
  return gone.length === 1;
}
