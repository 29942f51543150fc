// Retention (issue 16, ADR 0012): the procesbegeleider closes an investigation; its
// retention date is the closing day plus the retention period of the procesbegeleider's
// organisation (default 20 years, see the ADR). The job loop deletes closed investigations whose
// retention date has passed: everything (collab log, snapshots, projections, rounds, submitted
// versions) goes, and so do the audit rows about it; one audit row without personal data remains.
import { and, eq, isNotNull, lt, sql } from "drizzle-orm";
import { todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import { schema } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import { UserError } from "../../app/domain/errors.ts";
import { audit } from "../audit.ts";

type Ctx = Pick<AppContext, "db" | "clock">;

export const DEFAULT_RETENTION_YEARS = 20;

/** Adds whole years to a YYYY-MM-DD date (29 February → 28 February in a common year). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Closes the investigation and fixes its retention date. Closing twice is refused. */
export async function closeInvestigation(ctx: Ctx, actorId: string, investigationId: string): Promise<{ retentionUntil: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .select({ years: schema.organisations.retentionYears })
      .from(schema.memberships)
      .leftJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
      .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.userId, actorId)));
    const years = m?.years ?? DEFAULT_RETENTION_YEARS;
    const retentionUntil = addYears(todayInAmsterdam(now), years);
    const rows = await tx
      .update(schema.investigations)
      .set({ closedAt: now, closedBy: actorId, retentionUntil, updatedAt: now })
      .where(and(eq(schema.investigations.id, investigationId), sql`${schema.investigations.closedAt} is null`))
      .returning({ id: schema.investigations.id });
    if (!rows.length) throw new UserError("Dit onderzoek is al afgesloten.", "retention");
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "investigation.closed", actorId, investigationId, details: { retentionUntil, years } });
    return { retentionUntil };
  });
}

/**
 * Deletes every closed investigation whose retention date lies before today. One transaction per
 * investigation; returns how many were deleted. Safe to run from several workers: a second one
 * finds the row gone and deletes nothing.
 */
export async function purgeExpiredInvestigations(ctx: Ctx): Promise<number> {
  const today = todayInAmsterdam(ctx.clock.now());
  const due = await ctx.db
    .select({ id: schema.investigations.id })
    .from(schema.investigations)
    .where(and(isNotNull(schema.investigations.closedAt), lt(schema.investigations.retentionUntil, today)));
  let purged = 0;
  for (const { id } of due) {
    const deleted = await ctx.db.transaction(async (tx) => {
      const [inv] = await tx
        .select({ closedAt: schema.investigations.closedAt, retentionUntil: schema.investigations.retentionUntil })
        .from(schema.investigations)
        .where(eq(schema.investigations.id, id))
        .for("update");
      if (!inv) return false;
      // The one way past the submitted versions' immutability trigger (migration 0007).
      await tx.execute(sql`select set_config('ketenlijn.retention_purge', 'on', true)`);
      await tx.delete(schema.reportAssessments).where(eq(schema.reportAssessments.investigationId, id));
      await tx.delete(schema.reportRequests).where(eq(schema.reportRequests.investigationId, id));
      await tx.delete(schema.reportVersionAttachments).where(eq(schema.reportVersionAttachments.investigationId, id));
      await tx.delete(schema.reportVersions).where(eq(schema.reportVersions.investigationId, id));
      // Cascades to the collab log, snapshots, versions, projections, rounds, interviews, client identity, …
      await tx.delete(schema.investigations).where(eq(schema.investigations.id, id));
      // The audit rows about it hold names and e-mail addresses: they go too, one record without personal data stays.
      await tx.delete(schema.auditLog).where(eq(schema.auditLog.investigationId, id));
      await audit({ db: tx, clock: ctx.clock }, {
        at: ctx.clock.now(),
        action: "investigation.purged",
        investigationId: id,
        details: { closedOn: inv.closedAt ? todayInAmsterdam(inv.closedAt) : null, retentionUntil: inv.retentionUntil },
      });
      return true;
    });
    if (deleted) purged++;
  }
  return purged;
}

// --- The organisation's retention period ------------------------------------------------------------------

export const MIN_RETENTION_YEARS = 1;
export const MAX_RETENTION_YEARS = 100;

/** The posted retention period in whole years, with a Dutch message when it is no such number. */
export function parseRetentionYears(value: string | undefined): { ok: true; years: number } | { ok: false; message: string } {
  const s = (value ?? "").trim();
  if (!/^\d+$/.test(s)) return { ok: false, message: "Vul de bewaartermijn in als een heel aantal jaren." };
  const years = Number(s);
  if (years < MIN_RETENTION_YEARS || years > MAX_RETENTION_YEARS)
    return { ok: false, message: `De bewaartermijn moet tussen ${MIN_RETENTION_YEARS} en ${MAX_RETENTION_YEARS} jaar liggen.` };
  return { ok: true, years };
}

/** The organisation and its retention period, or null for a membership without an organisation. */
export async function organisationRetention(ctx: Pick<AppContext, "db">, organisationId: string | null): Promise<{ id: string; name: string; years: number } | null> {
  if (!organisationId) return null;
  const [org] = await ctx.db
    .select({ id: schema.organisations.id, name: schema.organisations.name, years: schema.organisations.retentionYears })
    .from(schema.organisations)
    .where(eq(schema.organisations.id, organisationId));
  return org ?? null;
}

/**
 * Sets the retention period of the actor's own organisation (the caller passes the organisation
 * of the actor's membership and has checked privacy.manage). Investigations closed earlier keep
 * their retention date: it was fixed when they were closed. Audited.
 */
export async function setOrganisationRetention(ctx: Ctx, actorId: string, investigationId: string, organisationId: string, years: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select({ years: schema.organisations.retentionYears }).from(schema.organisations).where(eq(schema.organisations.id, organisationId)).for("update");
    if (!before) throw new UserError("Uw organisatie bestaat niet (meer).", "retention");
    await tx.update(schema.organisations).set({ retentionYears: years }).where(eq(schema.organisations.id, organisationId));
    await audit({ db: tx, clock: ctx.clock }, { at: now, action: "organisation.retention_set", actorId, investigationId, details: { organisationId, from: before.years, to: years } });
  });
}
