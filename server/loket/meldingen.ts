import { and, asc, desc, eq, gte, ilike, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import type { InvestigationInput } from "../../app/domain/forms.ts";
import type { MeldingInput, RegisterFilter, ScreeningInput } from "../../app/domain/loket/forms.ts";
import { canLoket, LOKET_SUPERVISOR_ROLES, type LoketActor } from "../../app/domain/policy.ts";
import { todayInAmsterdam } from "../../app/domain/workdays.server.ts";
import { audit } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { createInvestigation } from "../investigations.ts";
import { findOrCreateOrganisation } from "../members.ts";
import type { SessionUser } from "../auth/sessions.ts";
import { UserError } from "../../app/domain/errors.ts";

export async function loketActor(ctx: AppContext, user: SessionUser): Promise<LoketActor> {
  if (user.isLoket) return { userId: user.id, isLoket: true, isSupervisor: false };
  const [row] = await ctx.db
    .select({ id: schema.memberships.id })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, user.id), inArray(schema.memberships.role, [...LOKET_SUPERVISOR_ROLES])))
    .limit(1);
  return { userId: user.id, isLoket: false, isSupervisor: !!row };
}

export function today(ctx: AppContext): string {
  return todayInAmsterdam(ctx.clock.now());
}

export async function createMelding(ctx: AppContext, actor: LoketActor, input: MeldingInput): Promise<string> {
  const registering = canLoket(actor, "melding.register");
  const organisationId = (await findOrCreateOrganisation(ctx, input.reportingOrganisation))!;
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.meldingen)
      .values({
        receivedOn: input.receivedOn,
        // A ketenpartner's melding comes in through the form, whatever was posted.
        channel: registering ? input.channel : "formulier",
        reportingOrganisationId: organisationId,
        legalFrame: input.legalFrame,
        criterion: input.criterion,
        category: input.category,
        meldplicht: input.meldplicht,
        impacts: input.impacts,
        eventDate: input.eventDate,
        description: input.description,
        urgency: input.urgency,
        status: "nieuw",
        source: registering ? "loket" : "ketenpartner",
        submittedBy: actor.userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: schema.meldingen.id });
    if (input.clientName || input.clientBirthDate)
      await tx.insert(schema.meldingIdentities).values({ meldingId: row.id, name: input.clientName, dateOfBirth: input.clientBirthDate });
    return row.id;
  });
  await audit(ctx, {
    action: registering ? "melding.registered" : "melding.submitted",
    actorId: actor.userId,
    details: { meldingId: id, withIdentity: !!(input.clientName || input.clientBirthDate) },
  });
  return id;
}

const listColumns = {
  id: schema.meldingen.id,
  seq: schema.meldingen.seq,
  receivedOn: schema.meldingen.receivedOn,
  channel: schema.meldingen.channel,
  reportingOrganisationId: schema.meldingen.reportingOrganisationId,
  reportingOrganisation: schema.organisations.name,
  legalFrame: schema.meldingen.legalFrame,
  criterion: schema.meldingen.criterion,
  category: schema.meldingen.category,
  meldplicht: schema.meldingen.meldplicht,
  impacts: schema.meldingen.impacts,
  eventDate: schema.meldingen.eventDate,
  description: schema.meldingen.description,
  urgency: schema.meldingen.urgency,
  status: schema.meldingen.status,
  decision: schema.meldingen.decision,
  decidedAt: schema.meldingen.decidedAt,
  supervisor: schema.meldingen.supervisor,
  supervisorDecision: schema.meldingen.supervisorDecision,
  supervisorReportedOn: schema.meldingen.supervisorReportedOn,
  supervisorOutcome: schema.meldingen.supervisorOutcome,
  investigationId: schema.meldingen.investigationId,
  source: schema.meldingen.source,
  submittedBy: schema.meldingen.submittedBy,
};
export type MeldingRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]["_"]["notNull"] extends true
    ? (typeof listColumns)[K]["_"]["data"]
    : (typeof listColumns)[K]["_"]["data"] | null;
};

function filterWhere(actor: LoketActor, f: RegisterFilter): SQL | undefined {
  const m = schema.meldingen;
  const parts: (SQL | undefined)[] = [];
  // Who sees what (policy): the loket everything; others only their own submissions; a supervisor nothing.
  if (!canLoket(actor, "melding.list_all")) {
    if (actor.isSupervisor) parts.push(sql`false`);
    else parts.push(eq(m.submittedBy, actor.userId));
  }
  if (f.year) parts.push(gte(m.receivedOn, `${f.year}-01-01`), lte(m.receivedOn, `${f.year}-12-31`));
  if (f.legalFrame) parts.push(eq(m.legalFrame, f.legalFrame));
  if (f.criterion) parts.push(eq(m.criterion, f.criterion));
  if (f.category) parts.push(eq(m.category, f.category));
  if (f.organisation) parts.push(eq(m.reportingOrganisationId, f.organisation));
  if (f.status) parts.push(eq(m.status, f.status));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const ref = /^m?-?(\d{4})?-?0*(\d+)$/i.exec(f.q.replace(/\s/g, ""));
    parts.push(
      or(ilike(m.description, like), ilike(schema.organisations.name, like), ref ? eq(m.seq, Number(ref[2])) : undefined),
    );
  }
  return and(...parts);
}

export async function listMeldingen(ctx: AppContext, actor: LoketActor, f: RegisterFilter, limit = 500): Promise<MeldingRow[]> {
  return ctx.db
    .select(listColumns)
    .from(schema.meldingen)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.meldingen.reportingOrganisationId))
    .where(filterWhere(actor, f))
    .orderBy(desc(schema.meldingen.receivedOn), desc(schema.meldingen.seq))
    .limit(limit);
}

export async function countNew(ctx: AppContext): Promise<number> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(schema.meldingen).where(eq(schema.meldingen.status, "nieuw"));
  return Number(row?.n ?? 0);
}

/** Organisations that reported something, for the filter; and all organisations, for the form's suggestions. */
export async function reportingOrganisations(ctx: AppContext) {
  return ctx.db
    .selectDistinct({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .innerJoin(schema.meldingen, eq(schema.meldingen.reportingOrganisationId, schema.organisations.id))
    .orderBy(asc(schema.organisations.name));
}
export async function allOrganisationNames(ctx: AppContext): Promise<string[]> {
  const rows = await ctx.db.select({ name: schema.organisations.name }).from(schema.organisations).orderBy(asc(schema.organisations.name));
  return rows.map((r) => r.name);
}

/** The organisation a ketenpartner represents (their latest ketenpartner membership), to pre-fill the form. */
export async function ownOrganisation(ctx: AppContext, userId: string): Promise<string> {
  const [row] = await ctx.db
    .select({ name: schema.organisations.name })
    .from(schema.memberships)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
    .where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.role, "ketenpartner")))
    .orderBy(desc(schema.memberships.createdAt))
    .limit(1);
  return row?.name ?? "";
}

export async function getMelding(ctx: AppContext, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await ctx.db
    .select({ ...listColumns, screeningNote: schema.meldingen.screeningNote, decidedBy: schema.meldingen.decidedBy, decidedByName: schema.users.name })
    .from(schema.meldingen)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.meldingen.reportingOrganisationId))
    .leftJoin(schema.users, eq(schema.users.id, schema.meldingen.decidedBy))
    .where(eq(schema.meldingen.id, id))
    .limit(1);
  return row ?? null;
}

/** The restricted identity; the caller has checked melding.identity. Every read is audited. */
export async function readMeldingIdentity(ctx: AppContext, actorId: string, meldingId: string) {
  const [row] = await ctx.db.select().from(schema.meldingIdentities).where(eq(schema.meldingIdentities.meldingId, meldingId));
  await audit(ctx, { action: "melding.viewed", actorId, details: { meldingId, identity: !!row } });
  return row ?? null;
}

export async function auditView(ctx: AppContext, actorId: string, meldingId: string) {
  await audit(ctx, { action: "melding.viewed", actorId, details: { meldingId, identity: false } });
}

export async function screenMelding(ctx: AppContext, userId: string, id: string, input: ScreeningInput, previous: { decision: string | null }) {
  const now = ctx.clock.now();
  const decisionChanged = input.decision !== previous.decision;
  await ctx.db
    .update(schema.meldingen)
    .set({
      status: input.status,
      decision: input.decision,
      screeningNote: input.screeningNote,
      supervisor: input.supervisor,
      supervisorDecision: input.supervisorDecision,
      supervisorReportedOn: input.supervisorReportedOn,
      supervisorOutcome: input.supervisorOutcome,
      ...(decisionChanged ? { decidedBy: input.decision ? userId : null, decidedAt: input.decision ? now : null } : {}),
      updatedAt: now,
    })
    .where(eq(schema.meldingen.id, id));
  await audit(ctx, { action: "melding.screened", actorId: userId, details: { meldingId: id, status: input.status, decision: input.decision } });
}

/**
 * Creates the investigation (the loketmedewerker becomes its procesbegeleider), copies a restricted
 * identity into the investigation's restricted table, and links both ways; the melding is then
 * afgehandeld with decision "leeronderzoek gestart".
 */
export async function startInvestigationFromMelding(ctx: AppContext, userId: string, meldingId: string, input: InvestigationInput): Promise<string> {
  const [claimed] = await ctx.db
    .update(schema.meldingen)
    .set({ decision: "leeronderzoek", status: "afgehandeld", decidedBy: userId, decidedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
    .where(and(eq(schema.meldingen.id, meldingId), sql`${schema.meldingen.investigationId} is null`, sql`coalesce(${schema.meldingen.decision}, '') <> 'leeronderzoek'`))
    .returning({ id: schema.meldingen.id });
  if (!claimed) throw new UserError("Vanuit deze melding is al een leeronderzoek gestart.", "already_started");
  const investigationId = await createInvestigation(ctx, userId, input);
  await ctx.db.update(schema.meldingen).set({ investigationId }).where(eq(schema.meldingen.id, meldingId));
  const [identity] = await ctx.db.select().from(schema.meldingIdentities).where(eq(schema.meldingIdentities.meldingId, meldingId));
  if (identity && (identity.name || identity.dateOfBirth))
    await ctx.db
      .insert(schema.clientIdentities)
      .values({ investigationId, name: identity.name, dateOfBirth: identity.dateOfBirth, updatedBy: userId })
      .onConflictDoNothing();
  await audit(ctx, { action: "melding.investigation_started", actorId: userId, investigationId, details: { meldingId } });
  return investigationId;
}

/** The melding an investigation was started from (for the link back), if any. */
export async function meldingOfInvestigation(ctx: AppContext, investigationId: string) {
  const [row] = await ctx.db
    .select({ id: schema.meldingen.id, seq: schema.meldingen.seq, receivedOn: schema.meldingen.receivedOn })
    .from(schema.meldingen)
    .where(eq(schema.meldingen.investigationId, investigationId))
    .limit(1);
  return row ?? null;
}
