import { and, count, eq } from "drizzle-orm";
import { hashPassword } from "../server/auth/passwords.ts";
import type { AppContext } from "../server/context.ts";
import { syncDeadlinePlan } from "../server/deadlines.ts";
import { findOrCreateOrganisation } from "../server/members.ts";
import { addDays, addWerkdagen, todayInAmsterdam } from "../app/domain/workdays.server.ts";
import * as Y from "yjs";
import { fillDemoAnalysis } from "../app/domain/analysis/demo-analysis.ts";
import { fillDemoReport } from "../app/domain/report/demo-report.ts";
import { fillDemoTimeline } from "../app/domain/timeline/demo-timeline.ts";
import { appendUpdates } from "../server/collab/persistence.ts";
import { describeTransaction, type ChangeDetail } from "../app/domain/history/changes.ts";
import { rebuildProjection } from "../server/collab/projection.ts";
import { schema } from "./client.ts";

export const DEMO_PASSWORD = "ketenlijn-demo";
export const DEMO_ORGANISATIONS = { a: "Wijkteam Noord", b: "Stichting Jeugdhulp De Brug" } as const;

export const DEMO_ACCOUNTS = [
  { email: "begeleider@demo.ketenlijn.nl", name: "Petra de Vries", what: "procesbegeleider" },
  { email: "partner.a@demo.ketenlijn.nl", name: "Ahmed El Amrani", what: `ketenpartner, ${DEMO_ORGANISATIONS.a}` },
  { email: "partner.b@demo.ketenlijn.nl", name: "Bregje Jansen", what: `ketenpartner, ${DEMO_ORGANISATIONS.b}` },
  { email: "toezicht@demo.ketenlijn.nl", name: "Thomas Bakker", what: "toezichthouder" },
  { email: "buitenstaander@demo.ketenlijn.nl", name: "Bas Buiten", what: "geen deelnemer van een onderzoek" },
  { email: "loket@demo.ketenlijn.nl", name: "Lotte Kramer", what: "loketmedewerker incidentenloket" },
] as const;

/** The demo's calamiteitencommissie (Bijlage 1 item 1c): by function and initials, as in the report. */
export const DEMO_COMMITTEE = [
  {
    name: "R.K.",
    function: "Voorzitter, onafhankelijk onderzoeker",
    organisation: "Extern, op verzoek van de gemeente Dijkhaven",
    background: "GZ-psycholoog; twaalf jaar ervaring met calamiteitenonderzoek in de jeugdhulp en bij huiselijk geweld",
    involvement: "Niet betrokken bij de zorg voor het gezin of bij een van de betrokken organisaties",
    independence: "extern",
  },
  {
    name: "M.S.",
    function: "Kwaliteitsfunctionaris",
    organisation: DEMO_ORGANISATIONS.b,
    background: "Verpleegkundige en kwaliteitsadviseur; getraind in PRISMA-analyse",
    involvement: "Werkt bij een betrokken aanbieder; niet betrokken bij de begeleiding van het gezin",
    independence: "intern_niet_betrokken",
  },
  {
    name: "H.d.B.",
    function: "Teamleider Wijkteam Zuid",
    organisation: "Wijkteams gemeente Dijkhaven",
    background: "Maatschappelijk werker (MWD); leidt een ander wijkteam van dezelfde gemeente",
    involvement: "Niet betrokken bij de zorg voor het gezin; collega van de betrokken teamleider van Wijkteam Noord",
    independence: "intern_niet_betrokken",
  },
] as const;

export async function isEmpty(ctx: Pick<AppContext, "db">): Promise<boolean> {
  const [row] = await ctx.db.select({ n: count() }).from(schema.users);
  return Number(row.n) === 0;
}

/** The demo: five accounts and one investigation (a fictional case). Idempotent per e-mail. */
export interface DemoOptions {
  /** Include the demo PRISMA analysis (tests that build one from scratch leave it out). */
  analysis?: boolean;
}

export async function seedDemo(ctx: AppContext, opts: DemoOptions = {}): Promise<{ investigationId: string }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const ids: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    await ctx.db
      .insert(schema.users)
      .values({
        email: a.email,
        name: a.name,
        passwordHash,
        // The loket's staff often act as procesbegeleider of the investigations they start.
        canCreateInvestigations: a.email.startsWith("begeleider") || a.email.startsWith("loket"),
        isLoket: a.email.startsWith("loket"),
      })
      .onConflictDoNothing();
    const [u] = await ctx.db.select().from(schema.users).where(eq(schema.users.email, a.email));
    ids[a.email] = u.id;
  }
  const orgA = await findOrCreateOrganisation(ctx, DEMO_ORGANISATIONS.a);
  const orgB = await findOrCreateOrganisation(ctx, DEMO_ORGANISATIONS.b);
  const title = "Overlijden moeder, gezin Noord (demo)";
  const existing = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.title, title));
  if (existing[0]) return { investigationId: existing[0].id };

  // Dates relative to today, so the demo always shows a plan in progress: one step done, one late, some open.
  const today = todayInAmsterdam(ctx.clock.now());
  const calamityDate = addDays(today, -30);
  const reportedDate = addWerkdagen(calamityDate, 2);
  const [inv] = await ctx.db
    .insert(schema.investigations)
    .values({
      title,
      kind: "calamiteit",
      legalFrame: "jeugdwet",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate,
      reportedDate,
      supervisor: "igj",
      providers: `${DEMO_ORGANISATIONS.b}; ${DEMO_ORGANISATIONS.a}`,
      analysisMethod: "prisma",
      phase: "onderzoek",
      createdBy: ids["begeleider@demo.ketenlijn.nl"],
    })
    .returning();
  const member = (email: string, role: string, organisationId: string | null = null) => ({
    investigationId: inv.id,
    userId: ids[email],
    role,
    organisationId,
    // The demo's toezichthouder is also invited into the workspace (read only), to show both.
    workspaceAccess: role === "toezichthouder",
  });
  await ctx.db.insert(schema.memberships).values([
    member("begeleider@demo.ketenlijn.nl", "procesbegeleider"),
    member("partner.a@demo.ketenlijn.nl", "ketenpartner", orgA),
    member("partner.b@demo.ketenlijn.nl", "ketenpartner", orgB),
    member("toezicht@demo.ketenlijn.nl", "toezichthouder"),
  ]);
  await ctx.db.insert(schema.clientIdentities).values({
    investigationId: inv.id,
    name: "M. Voorbeeld (fictief)",
    dateOfBirth: "1989-04-12",
    sex: "vrouw",
    indication: "Jeugdhulp ambulant (beschikking 2025-0412) voor kind 1 en kind 2; Wmo-begeleiding moeder.",
    updatedBy: ids["begeleider@demo.ketenlijn.nl"],
  });
  await ctx.db.insert(schema.committeeMembers).values(DEMO_COMMITTEE.map((m, position) => ({ ...m, investigationId: inv.id, position })));
  await syncDeadlinePlan(ctx, inv.id);
  await ctx.db
    .update(schema.deadlines)
    .set({ doneAt: addWerkdagen(reportedDate, 2) })
    .where(and(eq(schema.deadlines.investigationId, inv.id), eq(schema.deadlines.key, "ontvangstbevestiging")));
  await seedDemoDocument(ctx, inv.id, { a: orgA!, b: orgB! }, ids["begeleider@demo.ketenlijn.nl"], opts.analysis ?? true);
  return { investigationId: inv.id };
}

export function demoLoginsText(baseUrl: string): string {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  return [
    `Demo-accounts (wachtwoord: ${DEMO_PASSWORD}) — inloggen op ${baseUrl}/login`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.what}`),
  ].join("\n");
}

/** The demo's integrated timeline, PRISMA analysis and report texts, written to the document's update log as the procesbegeleider's edit. */
async function seedDemoDocument(
  ctx: AppContext,
  investigationId: string,
  organisationIds: { a: string; b: string },
  userId: string,
  withAnalysis: boolean,
) {
  const doc = new Y.Doc();
  // What the seed did, for the Geschiedenis page ("Feit ‘…’ toegevoegd"), as the server records it.
  const details: ChangeDetail[] = [];
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  doc.on("afterTransaction", (tr: Y.Transaction) => details.push(...describeTransaction(tr).map(({ group, ...d }) => d)));
  const { partyIds, periodIds, eventIds } = fillDemoTimeline(doc, { organisationIds, userId, now: ctx.clock.now() });
  const analysis = withAnalysis ? fillDemoAnalysis(doc, { userId, now: () => ctx.clock.now() }) : { nodeIds: [], measureIds: [] };
  const sections = fillDemoReport(doc);
  const entityIds = [
    ...analysis.nodeIds.map((id) => `nodes:${id}`),
    ...analysis.measureIds.map((id) => `measures:${id}`),
    ...Object.values(partyIds).map((id) => `parties:${id}`),
    ...periodIds.map((id) => `periods:${id}`),
    ...eventIds.map((id) => `events:${id}`),
    ...sections,
  ];
  await appendUpdates(ctx.db, investigationId, [{ userId, at: ctx.clock.now(), update: Y.encodeStateAsUpdate(doc), entityIds, details }]);
  await rebuildProjection(ctx, investigationId);
}
