// Bijlage 1 item 1c: the composition of the calamiteitencommissie. Callers check `committee.edit`
// (changes) or `report.view` (reading) with the policy; every change is audited here.
import { and, asc, eq, max } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { CommitteeMember } from "../../app/domain/report/input.ts";
import type { AppContext } from "../context.ts";
import type { CommitteeMemberInput } from "./forms.server.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";
import { isUuid } from "../../app/domain/uuid.ts";

type Ctx = Pick<AppContext, "db" | "clock">;

function toMember(row: typeof schema.committeeMembers.$inferSelect): CommitteeMember {
  const independence = (["extern", "intern_niet_betrokken", "intern_betrokken"] as const).find((i) => i === row.independence) ?? "intern_betrokken";
  return {
    id: row.id,
    name: row.name,
    function: row.function,
    organisation: row.organisation,
    background: row.background,
    involvement: row.involvement,
    independence,
    position: row.position,
  };
}

/** The committee in its order (position, then the order of adding). */
export async function listCommittee(ctx: Pick<AppContext, "db">, investigationId: string): Promise<CommitteeMember[]> {
  const rows = await ctx.db
    .select()
    .from(schema.committeeMembers)
    .where(eq(schema.committeeMembers.investigationId, investigationId))
    .orderBy(asc(schema.committeeMembers.position), asc(schema.committeeMembers.createdAt), asc(schema.committeeMembers.id));
  return rows.map(toMember);
}

async function findMember(ctx: Pick<AppContext, "db">, investigationId: string, memberId: string) {
  if (!isUuid(memberId)) return null;
  const [row] = await ctx.db
    .select()
    .from(schema.committeeMembers)
    .where(and(eq(schema.committeeMembers.id, memberId), eq(schema.committeeMembers.investigationId, investigationId)));
  return row ?? null;
}

const GONE = "Dit commissielid bestaat niet (meer). Vernieuw de pagina.";

export async function addCommitteeMember(ctx: Ctx, actorId: string, investigationId: string, input: CommitteeMemberInput): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [{ last }] = await tx
      .select({ last: max(schema.committeeMembers.position) })
      .from(schema.committeeMembers)
      .where(eq(schema.committeeMembers.investigationId, investigationId));
    const [row] = await tx
      .insert(schema.committeeMembers)
      .values({ investigationId, ...input, position: (last ?? -1) + 1, createdAt: now, updatedAt: now })
      .returning({ id: schema.committeeMembers.id });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "committee.member_added", actorId, investigationId, details: { memberId: row.id, function: input.function } });
    return row.id;
  });
}

export async function updateCommitteeMember(ctx: Ctx, actorId: string, investigationId: string, memberId: string, input: CommitteeMemberInput): Promise<void> {
  const before = await findMember(ctx, investigationId, memberId);
  if (!before) throw new UserError(GONE, "report", { status: 404 });
  const now = ctx.clock.now();
  const changed = (Object.keys(input) as (keyof CommitteeMemberInput)[]).filter((k) => before[k] !== input[k]);
  if (changed.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(schema.committeeMembers)
      .set({ ...input, updatedAt: now })
      .where(and(eq(schema.committeeMembers.id, memberId), eq(schema.committeeMembers.investigationId, investigationId)));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "committee.member_updated", actorId, investigationId, details: { memberId, changed } });
  });
}

export async function removeCommitteeMember(ctx: Ctx, actorId: string, investigationId: string, memberId: string): Promise<void> {
  if (!isUuid(memberId)) throw new UserError(GONE, "report", { status: 404 });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .delete(schema.committeeMembers)
      .where(and(eq(schema.committeeMembers.id, memberId), eq(schema.committeeMembers.investigationId, investigationId)))
      .returning();
    if (!rows.length) throw new UserError(GONE, "report", { status: 404 });
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "committee.member_removed", actorId, investigationId, details: { memberId, function: rows[0].function } });
  });
}

/** Moves a member one place up or down; positions are renumbered 0…n-1 so the order stays total. */
export async function moveCommitteeMember(ctx: Ctx, actorId: string, investigationId: string, memberId: string, direction: "up" | "down"): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: schema.committeeMembers.id, position: schema.committeeMembers.position })
      .from(schema.committeeMembers)
      .where(eq(schema.committeeMembers.investigationId, investigationId))
      .orderBy(asc(schema.committeeMembers.position), asc(schema.committeeMembers.createdAt), asc(schema.committeeMembers.id))
      .for("update");
    const from = rows.findIndex((r) => r.id === memberId);
    if (from < 0) throw new UserError(GONE, "report", { status: 404 });
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= rows.length) return;
    const order = rows.map((r) => r.id);
    [order[from], order[to]] = [order[to], order[from]];
    for (const [position, id] of order.entries()) {
      if (rows.find((r) => r.id === id)!.position !== position)
        await tx.update(schema.committeeMembers).set({ position }).where(eq(schema.committeeMembers.id, id));
    }
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "committee.reordered", actorId, investigationId, details: { memberId, direction } });
  });
}
