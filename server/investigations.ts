import { and, asc, eq, inArray } from "drizzle-orm";
import { schema } from "../db/client.ts";
import type { InvestigationInput } from "../app/domain/forms.ts";
import type { Role } from "../app/domain/roles.ts";
import { audit } from "./audit.ts";
import type { AppContext } from "./context.ts";
import { syncDeadlinePlan, deadlinesOf, summarizeDeadlines } from "./deadlines.ts";

export type Investigation = typeof schema.investigations.$inferSelect;

export async function createInvestigation(ctx: AppContext, userId: string, input: InvestigationInput): Promise<string> {
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.investigations)
      .values({ ...input, supervisorMunicipality: input.supervisorMunicipality || null, createdBy: userId })
      .returning({ id: schema.investigations.id });
    await tx.insert(schema.memberships).values({ investigationId: row.id, userId, role: "procesbegeleider" });
    return row.id;
  });
  await syncDeadlinePlan(ctx, id);
  await audit(ctx, { action: "investigation.created", actorId: userId, investigationId: id, details: { title: input.title } });
  await audit(ctx, { action: "member.joined", actorId: userId, investigationId: id, details: { userId, role: "procesbegeleider" } });
  return id;
}

export async function updateInvestigation(ctx: AppContext, userId: string, id: string, input: InvestigationInput): Promise<void> {
  const before = await getInvestigation(ctx, id);
  await ctx.db
    .update(schema.investigations)
    .set({ ...input, supervisorMunicipality: input.supervisorMunicipality || null, updatedAt: ctx.clock.now() })
    .where(eq(schema.investigations.id, id));
  await syncDeadlinePlan(ctx, id);
  const changed = before
    ? Object.keys(input).filter((k) => String(before[k as keyof Investigation] ?? "") !== String(input[k as keyof InvestigationInput] ?? ""))
    : [];
  await audit(ctx, { action: "investigation.updated", actorId: userId, investigationId: id, details: { changed } });
}

export async function getInvestigation(ctx: AppContext, id: string): Promise<Investigation | null> {
  const [row] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, id)).limit(1);
  return row ?? null;
}

/** The dashboard: my investigations with my role, the phase and the next deadline. */
export async function listMyInvestigations(ctx: AppContext, userId: string) {
  const rows = await ctx.db
    .select({ investigation: schema.investigations, role: schema.memberships.role })
    .from(schema.memberships)
    .innerJoin(schema.investigations, eq(schema.investigations.id, schema.memberships.investigationId))
    .where(eq(schema.memberships.userId, userId))
    .orderBy(asc(schema.investigations.createdAt));
  if (rows.length === 0) return [];
  const all = await ctx.db
    .select()
    .from(schema.deadlines)
    .where(inArray(schema.deadlines.investigationId, rows.map((r) => r.investigation.id)));
  return rows.map((r) => {
    const own = all.filter((d) => d.investigationId === r.investigation.id);
    return { ...r.investigation, role: r.role as Role, deadlines: summarizeDeadlines(ctx, own) };
  });
}

export async function investigationOverview(ctx: AppContext, id: string) {
  const investigation = await getInvestigation(ctx, id);
  if (!investigation) return null;
  const deadlines = await deadlinesOf(ctx, id);
  return { investigation, deadlines };
}

export async function isMember(ctx: AppContext, userId: string, investigationId: string) {
  const [m] = await ctx.db
    .select({ id: schema.memberships.id })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.investigationId, investigationId)));
  return !!m;
}
