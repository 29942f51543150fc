// Rapport (issue 6): the Bijlage 1 checklist as an outline with the status of every item, what is
// still missing and where it is filled in; the narrative sections written live together; the
// .docx export. The completeness comes from the server (server/report/report-page.server.ts);
// the texts are edited in the investigation's Y.Doc (app/components/report/ReportWorkspace.tsx).
import { useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-report";
import { ReportWorkspace } from "~/components/report/ReportWorkspace.tsx";
import reportStyles from "~/components/report/report.css?url";
import liveStatusStyles from "~/components/collab/live-status.css?url";
import { can } from "~/domain/policy.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { exportAudiences, loadReportPage } from "../../server/report/report-page.server.ts";
import { AttachmentsPanel } from "~/components/report/AttachmentsPanel.tsx";
import { dutchDay } from "~/domain/report/structured.ts";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { getInvestigation } from "../../server/investigations.ts";
import { listAttachments } from "../../server/report/attachments.server.ts";

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: liveStatusStyles },
  { rel: "stylesheet", href: reportStyles },
];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as
    { investigation?: { title: string } } | undefined;
  return [
    {
      title: parent?.investigation
        ? `Rapport – ${parent.investigation.title} – Ketenlijn`
        : "Rapport – Ketenlijn",
    },
  ];
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(
    context,
    request,
    params.id,
    "report.view",
  );
  const inv = (await getInvestigation(context.app, investigationId))!;
  const page = await loadReportPage(context.app, membership, investigationId);
  const attachments = (await listAttachments(context.app, investigationId)).map(
    (a) => ({
      id: a.id,
      filename: a.filename,
      size: a.size,
      uploadedOn: dutchDay(todayInAmsterdam(a.uploadedAt)),
      uploadedBy: a.uploadedBy,
    }),
  );
  return {
    investigation: { id: inv.id, title: inv.title },
    user: { id: user.id, name: user.name },
    role: membership.role,
    // Report texts are written by who builds the analysis (the server refuses section writes of others).
    canWrite: can(membership, "analysis.write"),
    audiences: exportAudiences(membership),
    attachments,
    ...page,
  };
}

export default function InvestigationReport() {
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <ReportWorkspace
        investigationId={d.investigation.id}
        user={d.user}
        role={d.role}
        canWrite={d.canWrite}
        audiences={d.audiences}
        checklistName={d.checklistName}
        chapters={d.chapters}
        sections={d.sections}
        computed={d.computed}
      />
      <AttachmentsPanel
        investigationId={d.investigation.id}
        attachments={d.attachments}
        canEdit={d.canWrite}
      />
    </>
  );
}
