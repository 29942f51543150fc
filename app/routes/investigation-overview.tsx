import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-overview";
import { DeadlineBadge } from "~/components/DeadlineBadge.tsx";
import {
  ANALYSIS_METHODS,
  KINDS,
  LEGAL_FRAMES,
  REPORTING_CRITERIA,
  SUPERVISORS,
} from "~/domain/investigation-fields.ts";
import { formatDutchDateShort } from "~/domain/calendar-date.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { investigationOverview } from "../../server/investigations.ts";
import { listMembers } from "../../server/members.ts";
import { meldingOfInvestigation } from "../../server/loket/meldingen.ts";
import { meldingReference } from "~/domain/loket/fields.ts";
import { overviewGuidance } from "../../server/guidance.ts";
import { KetenpartnerStart, OpenTasks } from "~/components/overview/Guidance.tsx";

const label = (o: Record<string, string>, k: string | null) => (k ? (o[k] ?? k) : "—");
const date = (d: string | null) => (d ? formatDutchDateShort(d) : "nog niet bekend");

/** Every overdue term (the count above the list names exactly these), then the next ones up to three in all. */
function upcomingList<T extends { doneAt: string | null; dueDate: string | null; status: string }>(deadlines: T[]): T[] {
  const open = deadlines.filter((d) => !d.doneAt && d.dueDate);
  const overdue = open.filter((d) => d.status === "overdue");
  const rest = open.filter((d) => d.status !== "overdue");
  return [...overdue, ...rest.slice(0, Math.max(1, 3 - overdue.length))];
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership } = await requireInvestigation(context, request, params.id, "investigation.view");
  const { investigation: inv, deadlines } = (await investigationOverview(context.app, params.id))!;
  const guidance = await overviewGuidance(context.app, inv.id, membership, deadlines);
  const members = await listMembers(context.app, params.id);
  return {
    meta: [
      ["Soort voorval", label(KINDS, inv.kind)],
      ["Wettelijk kader", label(LEGAL_FRAMES, inv.legalFrame)],
      ["Meldcriterium", label(REPORTING_CRITERIA, inv.reportingCriterion)],
      ["Datum calamiteit", date(inv.calamityDate)],
      ["Gemeld bij toezichthouder", date(inv.reportedDate)],
      ["Toezichthouder", label(SUPERVISORS, inv.supervisor) + (inv.supervisorMunicipality ? `, gemeente ${inv.supervisorMunicipality}` : "")],
      ["Aanbieder(s)", inv.providers || "—"],
      ["Analysemethode", label(ANALYSIS_METHODS, inv.analysisMethod)],
    ] as [string, string][],
    open: upcomingList(deadlines),
    overdue: deadlines.filter((d) => d.status === "overdue").length,
    memberCount: members.length,
    id: inv.id,
    // Started from a melding at the incidentenloket: the link back, for the loket's staff only.
    melding: user.isLoket ? await meldingOfInvestigation(context.app, inv.id).then((m) => (m ? { id: m.id, reference: meldingReference(m.receivedOn, m.seq) } : null)) : null,
    guidance,
  };
}

export default function Overview() {
  const { meta, open, overdue, memberCount, id, melding, guidance } = useLoaderData<typeof loader>();
  // A ketenpartner lands on what is theirs: their lane, not the procesbegeleider's terms.
  if (guidance.kind === "ketenpartner") return <KetenpartnerStart investigationId={id} heading={guidance.heading} text={guidance.text} meta={meta} />;
  return (
    <>
    {guidance.kind === "procesbegeleider" ? <OpenTasks investigationId={id} tasks={guidance.tasks} /> : null}
    <div className="form-grid">
      <section className="panel" aria-labelledby="h-gegevens">
        <h2 id="h-gegevens">Gegevens</h2>
        <dl className="meta">
          {meta.map(([k, v]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {melding ? (
          <p>
            Gestart vanuit <Link to={`/loket/meldingen/${melding.id}`}>melding {melding.reference}</Link> van het incidentenloket.
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="h-termijnen">
        <h2 id="h-termijnen">Eerstvolgende termijnen</h2>
        {overdue > 0 ? (
          <div className="alert alert--error">
            {overdue === 1 ? "Eén termijn is verstreken." : `${overdue} termijnen zijn verstreken.`}
          </div>
        ) : null}
        {open.length === 0 ? (
          <p className="muted">Geen openstaande termijnen met een bekende datum.</p>
        ) : (
          <ul>
            {open.map((d) => (
              <li key={d.key}>
                {d.label}: {formatDutchDateShort(d.dueDate!)} ({d.relative}) <DeadlineBadge status={d.status} />
                {d.note ? <div className="muted">{d.note}</div> : null}
              </li>
            ))}
          </ul>
        )}
        <Link to={`/onderzoeken/${id}/termijnen`}>Alle termijnen</Link>
        <h2>Deelnemers</h2>
        <p>
          {memberCount} {memberCount === 1 ? "deelnemer" : "deelnemers"} · <Link to={`/onderzoeken/${id}/deelnemers`}>Bekijk deelnemers</Link>
        </p>
      </section>
    </div>
    </>
  );
}
