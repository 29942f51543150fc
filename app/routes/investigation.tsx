import { NavLink, Outlet, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation";
import { PHASES, type Phase } from "~/domain/investigation-fields.ts";
import { can } from "~/domain/policy.ts";
import { ROLE_LABELS } from "~/domain/roles.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { getInvestigation } from "../../server/investigations.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership } = await requireInvestigation(context, request, params.id, "investigation.view");
  const inv = (await getInvestigation(context.app, params.id))!;
  return {
    investigation: { id: inv.id, title: inv.title, phase: inv.phase as Phase },
    role: membership.role,
    may: {
      edit: can(membership, "investigation.edit"),
      client: can(membership, "client.view"),
      manageMembers: can(membership, "members.manage"),
      editDeadlines: can(membership, "deadlines.edit"),
      audit: can(membership, "audit.view"),
    },
  };
}

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.investigation.title} – Ketenlijn` : "Ketenlijn" }];

export default function InvestigationLayout() {
  const { investigation, role, may } = useLoaderData<typeof loader>();
  const phases = Object.keys(PHASES) as Phase[];
  const current = phases.indexOf(investigation.phase);
  const base = `/onderzoeken/${investigation.id}`;
  return (
    <div className="page">
      <p className="muted">
        Leeronderzoek · uw rol: <strong>{ROLE_LABELS[role]}</strong>
      </p>
      <h1>{investigation.title}</h1>
      <ol className="phase-steps" aria-label="Fasen van het onderzoek">
        {phases.map((p, i) => (
          <li key={p} aria-current={i === current ? "step" : undefined} className={i < current ? "done" : undefined}>
            {PHASES[p]}
          </li>
        ))}
      </ol>
      <nav className="tabs" aria-label="Onderdelen van het onderzoek">
        <NavLink to={base} end>
          Overzicht
        </NavLink>
        <NavLink to={`${base}/tijdlijn`}>Tijdlijn</NavLink>
        <NavLink to={`${base}/analyse`}>Analyse</NavLink>
        <NavLink to={`${base}/geschiedenis`}>Geschiedenis</NavLink>
        {may.edit ? <NavLink to={`${base}/gegevens`}>Gegevens</NavLink> : null}
        {may.client ? <NavLink to={`${base}/client`}>Cliënt</NavLink> : null}
        <NavLink to={`${base}/gesprekken`}>Gesprekken</NavLink>
        <NavLink to={`${base}/rondes`}>Rondes</NavLink>
        <NavLink to={`${base}/deelnemers`}>Deelnemers</NavLink>
        <NavLink to={`${base}/termijnen`}>Termijnen</NavLink>
        {may.audit ? <NavLink to={`${base}/logboek`}>Logboek</NavLink> : null}
      </nav>
      <Outlet />
    </div>
  );
}
