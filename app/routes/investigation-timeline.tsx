import { lazy, Suspense, useEffect, useState } from "react";
import { useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-timeline";
import { TimelineMeetingLinks } from "~/components/meetings/MeetingLinks.tsx";
import meetingLinksCss from "~/components/meetings/meeting-links.css?url";
import { WorkspaceSkeleton } from "~/components/workspace/Skeleton.tsx";
import workspaceCss from "~/components/workspace/workspace.css?url";
import { can } from "~/domain/policy.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { listMembers } from "../../server/members.ts";

// Client only: Yjs providers and the chart never load on the server.
const TimelineWorkspace = lazy(() => import("~/components/workspace/TimelineWorkspace.tsx"));

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: workspaceCss },
  { rel: "stylesheet", href: meetingLinksCss },
];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Tijdlijn – ${parent.investigation.title} – Ketenlijn` : "Tijdlijn – Ketenlijn" }];
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const members = await listMembers(context.app, investigationId);
  const organisations = new Map<string, string>();
  for (const m of members) if (m.organisationId && m.organisation) organisations.set(m.organisationId, m.organisation);
  return {
    investigationId,
    user: {
      id: user.id,
      name: user.name,
      role: membership.role,
      organisationId: membership.organisationId,
      canWrite: can(membership, "workspace.write"),
    },
    organisations: [...organisations].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, "nl")),
    members: Object.fromEntries(members.map((m) => [m.userId, m.name])),
  };
}

export default function InvestigationTimeline() {
  const data = useLoaderData<typeof loader>();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <div className="ws-page">
      <h2 className="visually-hidden">Tijdlijn</h2>
      <TimelineMeetingLinks investigationId={data.investigationId} />
      {mounted ? (
        <Suspense fallback={<WorkspaceSkeleton />}>
          <TimelineWorkspace key={`${data.investigationId}:${data.user.id}`} {...data} />
        </Suspense>
      ) : (
        <WorkspaceSkeleton />
      )}
    </div>
  );
}
