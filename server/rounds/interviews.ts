import { and, asc, eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { InterviewInput } from "../../app/domain/rounds/forms.ts";
import type { AppContext } from "../context.ts";
import { audit } from "../audit.ts";
import { isUuid } from "../../app/domain/uuid.ts";

/**
 * Interviews (gesprekken): the relational facts. The verslag is the Y.XmlFragment
 * `interview:<id>` in the investigation's Y.Doc (edited live through /collab).
 * Callers have checked `interviews.view` / `interviews.edit` with the policy.
 */
export type InterviewRow = typeof schema.interviews.$inferSelect;


export async function listInterviews(ctx: Pick<AppContext, "db">, investigationId: string): Promise<InterviewRow[]> {
  return ctx.db
    .select()
    .from(schema.interviews)
    .where(eq(schema.interviews.investigationId, investigationId))
    .orderBy(asc(schema.interviews.heldOn), asc(schema.interviews.createdAt));
}

export async function getInterview(ctx: Pick<AppContext, "db">, investigationId: string, interviewId: string): Promise<InterviewRow | null> {
  if (!isUuid(interviewId)) return null;
  const [row] = await ctx.db
    .select()
    .from(schema.interviews)
    .where(and(eq(schema.interviews.id, interviewId), eq(schema.interviews.investigationId, investigationId)));
  return row ?? null;
}

export async function createInterview(ctx: Pick<AppContext, "db" | "clock">, actorId: string, investigationId: string, input: InterviewInput): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.interviews)
      .values({ investigationId, ...input, createdBy: actorId, createdAt: now, updatedAt: now })
      .returning({ id: schema.interviews.id });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "interview.created", actorId, investigationId, details: { interviewId: row.id, function: input.personFunction, heldOn: input.heldOn } });
    return row.id;
  });
}

export async function updateInterview(
  ctx: Pick<AppContext, "db" | "clock">,
  actorId: string,
  investigationId: string,
  interviewId: string,
  input: InterviewInput,
): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(schema.interviews)
      .set({ ...input, updatedAt: now })
      .where(and(eq(schema.interviews.id, interviewId), eq(schema.interviews.investigationId, investigationId)))
      .returning({ id: schema.interviews.id });
    if (rows.length === 0) return false;
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "interview.updated", actorId, investigationId, details: { interviewId } });
    return true;
  });
}
