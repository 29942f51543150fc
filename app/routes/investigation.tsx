import { Link, NavLink, Outlet, useLoaderData, useLocation } from "react-router";
import type { Route } from "./+types/investigation";
import { PHASES, type Phase } from "~/domain/investigation-fields.ts";
import { HashTarget } from "~/components/HashTarget.tsx";
import { can, type InvestigationAction } from "~/domain/policy.ts";
import { ROLE_LABELS } from "~/domain/roles.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { getInvestigation } from "../../server/investigations.ts";
import { reportStatusFor } from "../../server/report/versions.server.ts";

/** The tabs, each shown to whoever the policy lets open its page (a toezichthouder without workspace access sees no workspace tab). */
const TABS: { path: string; label: string; action: InvestigationAction; end?: boolean }[] = [
  { path: "", label: "Overzicht", action: "investigation.view", end: true },
  { path: "tijdlijn", label: "Tijdlijn", action: "workspace.read" },
  { path: "analyse", label: "Analyse", action: "workspace.read" },
  { path: "rapport", label: "Rapport", action: "report.view" },
  { path: "rapport/versies", label: "Rapportversies", action: "report.versions.view" },
  { path: "geschiedenis", label: "Geschiedenis", action: "workspace.read" },
  { path: "gegevens", label: "Gegevens", action: "investigation.edit" },
  { path: "client", label: "Cliënt", action: "client.view" },
  { path: "gesprekken", label: "Gesprekken", action: "interviews.view" },
  { path: "rondes", label: "Rondes", action: "rounds.view" },
  { path: "deelnemers", label: "Deelnemers", action: "members.view" },
  { path: "termijnen", label: "Termijnen", action: "deadlines.view" },
  { path: "logboek", label: "Logboek", action: "audit.view" },
  { path: "privacy", label: "Privacy", action: "privacy.manage" },
];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "investigation.view");
  const inv = (await getInvestigation(context.app, investigationId))!;
  const openRequests = can(membership, "report.requests.handle") ? ((await reportStatusFor(context.app, [investigationId])).get(investigationId)?.openRequests ?? 0) : 0;
  return {
    investigation: { id: inv.id, title: inv.title, phase: inv.phase as Phase },
    role: membership.role,
    workspace: can(membership, "workspace.read"),
    tabs: TABS.filter((t) => can(membership, t.action)).map(({ path, label, end }) => ({ path, label, end: !!end })),
    openRequests,
  };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.investigation.title} – Ketenlijn` : "Ketenlijn" }];

export default function InvestigationLayout() {
  const { investigation, role, workspace, tabs, openRequests } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  const phases = Object.keys(PHASES) as Phase[];
  const current = phases.indexOf(investigation.phase);
  const base = `/onderzoeken/${investigation.id}`;
  const path = pathname.replace(/\/+$/, "");
  return (
    <div className="page">
      <p className="muted">
        Leeronderzoek · uw rol: <strong>{ROLE_LABELS[role]}</strong>
        {role === "toezichthouder" ? (workspace ? " · met toegang tot de werkruimte (alleen lezen)" : " · ingediende rapportversies") : null}
      </p>
      <h1>{investigation.title}</h1>
      <ol className="phase-steps" aria-label="Fasen van het onderzoek">
        {phases.map((p, i) => (
          <li key={p} aria-current={i === current ? "step" : undefined} className={i < current ? "done" : undefined}>
            {PHASES[p]}
          </li>
        ))}
      </ol>
      {openRequests > 0 ? (
        <div className="alert alert--warn">
          {openRequests === 1 ? "Er staat een open verzoek van de toezichthouder om aanvulling." : `Er staan ${openRequests} open verzoeken van de toezichthouder om aanvulling.`}{" "}
          <Link to={`${base}/rapport/versies#verzoeken`}>{openRequests === 1 ? "Bekijk het verzoek" : "Bekijk de verzoeken"}</Link>
        </div>
      ) : null}
      <nav className="tabs" aria-label="Onderdelen van het onderzoek">
        {tabs.map((t) =>
          t.path === "rapport" ? (
            // "Rapport" covers the outline and the committee, not the submitted versions (their own tab).
            <Link key={t.path} to={`${base}/rapport`} aria-current={path === `${base}/rapport` || path.startsWith(`${base}/rapport/commissie`) ? "page" : undefined}>
              {t.label}
            </Link>
          ) : (
            <NavLink key={t.path} to={t.path ? `${base}/${t.path}` : base} end={t.end}>
              {t.label}
            </NavLink>
          ),
        )}
      </nav>
      <Outlet />
      <HashTarget />
    </div>
  );
}
