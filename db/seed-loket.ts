import { count, eq } from "drizzle-orm";
import { investigationSchemaFor } from "../app/domain/forms.ts";
import { CATEGORY_LABELS, meldingReference } from "../app/domain/loket/fields.ts";
import { generateDemoMeldingen, type DemoMelding } from "../app/domain/loket/demo.ts";
import { investigationDraftFromMelding } from "../app/domain/loket/start.ts";
import { todayInAmsterdam } from "../app/domain/workdays.server.ts";
import type { AppContext } from "../server/context.ts";
import { createInvestigation } from "../server/investigations.ts";
import { findOrCreateOrganisation } from "../server/members.ts";
import { schema } from "./client.ts";

export const DEMO_LOKET_EMAIL = "loket@demo.ketenlijn.nl";

/**
 * The demo's incidentenloket: two years of fictional meldingen (app/domain/loket/demo.ts), a few of
 * them with a (bare) leeronderzoek started from them, and one melding behind the demo investigation.
 * Skipped when there are meldingen already.
 */
export async function seedDemoLoket(ctx: AppContext, demoInvestigationId: string): Promise<void> {
  const [{ n }] = await ctx.db.select({ n: count() }).from(schema.meldingen);
  if (Number(n) > 0) return;
  const [loket] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, DEMO_LOKET_EMAIL));
  if (!loket) return;
  const today = todayInAmsterdam(ctx.clock.now());
  const orgIds = new Map<string, string>();
  const orgId = async (name: string) => {
    if (!orgIds.has(name)) orgIds.set(name, (await findOrCreateOrganisation(ctx, name))!);
    return orgIds.get(name)!;
  };
  const [demoInv] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, demoInvestigationId));
  const all: (DemoMelding & { investigationId?: string })[] = generateDemoMeldingen(today);
  if (demoInv?.calamityDate)
    all.push({
      receivedOn: demoInv.calamityDate,
      eventDate: demoInv.calamityDate,
      channel: "telefoon",
      reportingOrganisation: "Stichting Jeugdhulp De Brug",
      legalFrame: "wmo_jeugdwet",
      criterion: "3",
      category: "overlijden_niet_natuurlijk",
      meldplicht: true,
      impacts: ["publiek"],
      description: "Moeder in een gezin met jeugdhulp en Wmo-begeleiding overleden; vermoeden van niet-natuurlijke dood.",
      urgency: "spoed",
      status: "afgehandeld",
      decision: "leeronderzoek",
      decidedOn: demoInv.calamityDate,
      supervisor: "igj",
      supervisorDecision: "zelfonderzoek",
      supervisorReportedOn: demoInv.reportedDate,
      supervisorOutcome: "",
      startInvestigation: false,
      investigationId: demoInvestigationId,
    });
  const rows = [];
  for (const m of all)
    rows.push({
      receivedOn: m.receivedOn,
      channel: m.channel,
      reportingOrganisationId: await orgId(m.reportingOrganisation),
      legalFrame: m.legalFrame,
      criterion: m.criterion,
      category: m.category,
      meldplicht: m.meldplicht,
      impacts: m.impacts,
      eventDate: m.eventDate,
      description: m.description,
      urgency: m.urgency,
      status: m.status,
      decision: m.decision,
      decidedBy: m.decision ? loket.id : null,
      decidedAt: m.decidedOn ? new Date(`${m.decidedOn}T10:00:00Z`) : null,
      supervisor: m.supervisor,
      supervisorDecision: m.supervisorDecision,
      supervisorReportedOn: m.supervisorReportedOn,
      supervisorOutcome: m.supervisorOutcome,
      investigationId: m.investigationId ?? null,
      source: m.channel === "formulier" ? "ketenpartner" : "loket",
      submittedBy: loket.id,
    });
  const inserted: { id: string; seq: number }[] = [];
  for (let i = 0; i < rows.length; i += 100)
    inserted.push(...(await ctx.db.insert(schema.meldingen).values(rows.slice(i, i + 100)).returning({ id: schema.meldingen.id, seq: schema.meldingen.seq })));
  // A handful of leeronderzoeken started from the demo meldingen (metadata and deadlines, no document).
  for (const [i, m] of all.entries()) {
    if (!m.startInvestigation) continue;
    const { id, seq } = inserted[i];
    const draft = investigationDraftFromMelding({ ...m, seq }, CATEGORY_LABELS[m.category], meldingReference(m.receivedOn, seq));
    const input = investigationSchemaFor(today).parse({ ...draft, supervisorMunicipality: "Dijkhaven", phase: "afronding" });
    const investigationId = await createInvestigation(ctx, loket.id, input);
    await ctx.db.update(schema.meldingen).set({ investigationId }).where(eq(schema.meldingen.id, id));
    // Started when the melding was decided, so the jaaroverzicht counts it in that year.
    await ctx.db.update(schema.investigations).set({ createdAt: new Date(`${m.decidedOn}T10:00:00Z`) }).where(eq(schema.investigations.id, investigationId));
  }
}
