import { eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../../server/context.ts";
import { sendSignCode } from "../../server/rounds/sign-code.ts";
import type { InviteeRow, RoundRow } from "../../server/rounds/rounds.ts";

/**
 * The one-time code a personal-link invitee needs to sign (ADR 0021), asked for and read from the
 * outbox as the invitee would; members sign with their session and get undefined.
 */
export async function signCodeFor(ctx: Pick<AppContext, "db" | "clock" | "config">, round: RoundRow, invitee: InviteeRow): Promise<string | undefined> {
  if (invitee.userId) return undefined;
  await sendSignCode(ctx, round, invitee);
  const mails = await ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, invitee.email));
  const mail = mails.filter((m) => m.subject.startsWith("Uw code")).at(-1)!;
  return /\b(\d{6})\b/.exec(mail.text)![1];
}
