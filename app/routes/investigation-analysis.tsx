// Analyse (Bijlage 1 items 4g, 7a–7c): method and its steps, the PRISMA causal tree / SIRE
// critical moments, PRISMA-profiel, conclusions, verbetermaatregelen. The content lives in the
// investigation's Y.Doc and is edited live (app/components/analysis); this module only loads who
// may do what and changes the method, which is relational metadata (investigations.analysis_method).
import { eq } from "drizzle-orm";
import { data, useLoaderData } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/investigation-analysis";
import { AnalysisWorkspace } from "~/components/analysis/AnalysisWorkspace.tsx";
import { AnalysisMeetingLinks } from "~/components/meetings/MeetingLinks.tsx";
import meetingLinksCss from "~/components/meetings/meeting-links.css?url";
import analysisStyles from "~/components/analysis/analysis.css?url";
import liveStatusStyles from "~/components/collab/live-status.css?url";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { ANALYSIS_METHODS, type AnalysisMethod } from "~/domain/investigation-fields.ts";
import { can } from "~/domain/policy.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { schema } from "../../db/client.ts";
import { audit } from "../../server/audit.ts";
import { getInvestigation } from "../../server/investigations.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: liveStatusStyles },
  { rel: "stylesheet", href: analysisStyles },
  { rel: "stylesheet", href: meetingLinksCss },
];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Analyse – ${parent.investigation.title} – Ketenlijn` : "Analyse – Ketenlijn" }];
};


export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership } = await requireInvestigation(context, request, params.id, "workspace.read");
  const inv = (await getInvestigation(context.app, params.id))!;
  return {
    investigation: { id: inv.id, title: inv.title },
    method: (inv.analysisMethod in ANALYSIS_METHODS ? inv.analysisMethod : null) as AnalysisMethod | null,
    user: { id: user.id, name: user.name },
    role: membership.role,
    canEdit: can(membership, "analysis.write"),
    canChangeMethod: can(membership, "investigation.edit"),
    today: todayInAmsterdam(context.app.clock.now()),
  };
}

const methodForm = z.object({
  intent: z.literal("method"),
  analysisMethod: z.enum(Object.keys(ANALYSIS_METHODS) as [AnalysisMethod, ...AnalysisMethod[]], { error: "Kies een analysemethode." }),
});

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "investigation.edit");
  const parsed = methodForm.safeParse(await formValues(request));
  if (!parsed.success) return data({ ok: false as const, error: parsed.error.issues[0]?.message ?? "Kies een analysemethode." }, { status: 400 });
  const method = parsed.data.analysisMethod;
  const before = await getInvestigation(context.app, params.id);
  if (before?.analysisMethod !== method) {
    await context.app.db
      .update(schema.investigations)
      .set({ analysisMethod: method, updatedAt: context.app.clock.now() })
      .where(eq(schema.investigations.id, params.id));
    await audit(context.app, {
      action: "investigation.updated",
      actorId: user.id,
      investigationId: params.id,
      details: { changed: ["analysisMethod"], analysisMethod: method },
    });
  }
  return { ok: true as const, method };
}

export default function InvestigationAnalysis() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <AnalysisMeetingLinks investigationId={d.investigation.id} />
      <AnalysisWorkspace
      investigationId={d.investigation.id}
      title={d.investigation.title}
      method={d.method}
      user={d.user}
      role={d.role}
      canEdit={d.canEdit}
      canChangeMethod={d.canChangeMethod}
      today={d.today}
      />
    </>
  );
}
