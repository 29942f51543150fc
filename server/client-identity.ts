import { eq } from "drizzle-orm";
import { schema } from "../db/client.ts";
import { audit } from "./audit.ts";
import type { AppContext } from "./context.ts";

/**
 * Bijlage 1 item 1a. Callers must have checked `client.view` / `client.edit` with the policy;
 * every read is audited here so no caller can forget it.
 */
export async function readClientIdentity(ctx: AppContext, actorId: string, investigationId: string, purpose: string) {
  const [row] = await ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, investigationId));
  await audit(ctx, { action: "client.viewed", actorId, investigationId, details: { purpose } });
  return row ?? { investigationId, name: "", dateOfBirth: null, sex: "", indication: "", updatedAt: null, updatedBy: null };
}

export async function saveClientIdentity(
  ctx: AppContext,
  actorId: string,
  investigationId: string,
  input: { name: string; dateOfBirth: string | null; sex: string; indication: string },
) {
  const values = { ...input, updatedBy: actorId, updatedAt: ctx.clock.now() };
  await ctx.db
    .insert(schema.clientIdentities)
    .values({ investigationId, ...values })
    .onConflictDoUpdate({ target: schema.clientIdentities.investigationId, set: values });
  await audit(ctx, { action: "client.updated", actorId, investigationId });
}
