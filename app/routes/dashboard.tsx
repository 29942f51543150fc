import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/dashboard";
import { DeadlineBadge } from "~/components/DeadlineBadge.tsx";
import { VERSION_STATUS_LABELS } from "~/domain/report/version-labels.ts";
import { PHASES, type Phase } from "~/domain/investigation-fields.ts";
import { can, canCreateInvestigation } from "~/domain/policy.ts";
import { ROLE_LABELS } from "~/domain/roles.ts";
import { formatDutchDateShort } from "~/domain/calendar-date.ts";
import { requireUser } from "~/lib/guards.server.ts";
import { listMyInvestigations } from "../../server/investigations.ts";
import { reportStatusFor } from "../../server/report/versions.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "Mijn onderzoeken – Ketenlijn" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const rows = await listMyInvestigations(context.app, user.id);
  const report = await reportStatusFor(
    context.app,
    rows.map((r) => r.id),
  );
  return {
    canCreate: canCreateInvestigation({ userId: user.id, canCreateInvestigations: user.canCreateInvestigations }),
    investigations: rows.map((r) => {
      // Workspace access does not matter for what the card shows: the policy's role rights suffice.
      const membership = { role: r.role, organisationId: null };
      const status = report.get(r.id);
      const latest = can(membership, "report.versions.view") ? (status?.latest ?? null) : null;
      return {
        id: r.id,
        title: r.title,
        phase: r.phase as Phase,
        role: r.role,
        deadlines: r.deadlines,
        versions: can(membership, "report.versions.view"),
        latest: latest ? { ...latest, statusLabel: VERSION_STATUS_LABELS[latest.status] ?? latest.status } : null,
        openRequests: can(membership, "report.requests.handle") ? (status?.openRequests ?? 0) : 0,
      };
    }),
  };
}

export default function Dashboard() {
  const { investigations, canCreate } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <div className="header-row">
        <h1>Mijn onderzoeken</h1>
        {canCreate ? (
          <Link to="/onderzoeken/nieuw" className="button">
            Nieuw leeronderzoek
          </Link>
        ) : null}
      </div>
      {investigations.length === 0 ? (
        <div className="empty">
          <p>U neemt nog niet deel aan een onderzoek.</p>
          <p>
            {canCreate
              ? "Start een nieuw leeronderzoek met de knop hierboven."
              : "Zodra een procesbegeleider u uitnodigt, verschijnt het onderzoek hier."}
          </p>
        </div>
      ) : (
        <ul className="card-list">
          {investigations.map((i) => (
            <li key={i.id}>
              <h2>
                <Link to={`/onderzoeken/${i.id}`}>{i.title}</Link>
              </h2>
              <p className="muted">
                Fase: <strong>{PHASES[i.phase] ?? i.phase}</strong> · Uw rol: {ROLE_LABELS[i.role]}
              </p>
              {i.deadlines.next ? (
                <p>
                  Volgende termijn: {i.deadlines.next.label}, {formatDutchDateShort(i.deadlines.next.dueDate)} ({i.deadlines.next.relative}){" "}
                  <DeadlineBadge status={i.deadlines.next.status} />
                  {i.deadlines.overdue > 1 ? <span className="badge badge--overdue"> {i.deadlines.overdue} termijnen te laat</span> : null}
                </p>
              ) : (
                <p className="muted">Geen openstaande termijnen.</p>
              )}
              {i.versions ? (
                i.latest ? (
                  <p>
                    Laatst ingediende rapportversie:{" "}
                    <Link to={`/onderzoeken/${i.id}/rapport/versies`}>
                      {`versie ${i.latest.number} (${i.latest.statusLabel.toLowerCase()})`}
                    </Link>
                    , {i.latest.submittedOn} ·{" "}
                    {i.latest.assessed ? (
                      <span className="badge badge--done">Beoordeeld</span>
                    ) : (
                      <span className="badge badge--due_soon">Nog niet beoordeeld</span>
                    )}
                  </p>
                ) : (
                  <p className="muted">Nog geen rapportversie ingediend.</p>
                )
              ) : null}
              {i.openRequests > 0 ? (
                <p>
                  <span className="badge badge--overdue">{i.openRequests === 1 ? "Open verzoek van de toezichthouder" : `${i.openRequests} open verzoeken van de toezichthouder`}</span>{" "}
                  <Link to={`/onderzoeken/${i.id}/rapport/versies#verzoeken`}>
                    Bekijk<span className="visually-hidden"> de verzoeken om aanvulling voor {i.title}</span>
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
