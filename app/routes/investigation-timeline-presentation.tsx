// Presentation mode of the timeline for reflection meetings (issue 12). Client only: the Y.Doc
// and presence come over the collaboration socket, read only.
import { lazy, Suspense, useEffect, useState } from "react";
import { useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-timeline-presentation";
import presentationCss from "~/components/meetings/presentation.css?url";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { can } from "~/domain/policy.ts";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { getInvestigation } from "../../server/investigations.ts";

const Presentation = lazy(() => import("~/components/meetings/Presentation.tsx"));

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: presentationCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `Presentatie – ${data.title} – Ketenlijn` : "Presentatie – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const investigation = await getInvestigation(context.app, investigationId);
  if (!investigation) notFound();
  return {
    investigationId,
    title: investigation.title,
    user: { id: user.id, name: user.name },
    canWrite: can(membership, "workspace.write"),
    canAnalyse: can(membership, "analysis.write"),
    today: todayInAmsterdam(context.app.clock.now()),
  };
}

export default function TimelinePresentation() {
  const d = useLoaderData<typeof loader>();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const loading = <h1 className="presentation">Tijdlijn laden…</h1>;
  return mounted ? (
    <Suspense fallback={loading}>
      <Presentation investigationId={d.investigationId} title={d.title} user={d.user} canWrite={d.canWrite} canAnalyse={d.canAnalyse} today={d.today} />
    </Suspense>
  ) : (
    loading
  );
}
