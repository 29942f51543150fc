import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-rounds";
import roundsCss from "~/components/rounds/rounds.css?url";
import { RoundStateBadge } from "~/components/rounds/RoundStateBadge.tsx";
import { formatDutchDate, formatDutchDateShort } from "~/domain/calendar-date.ts";
import { can } from "~/domain/policy.ts";
import { ROUND_KINDS } from "~/domain/rounds/kinds.ts";
import { describeTimeLeft } from "~/domain/rounds/state.ts";
import { requireInvestigation } from "~/lib/guards.server.ts";
import { hiddenPersonsFor, roundTitleFor } from "../../server/privacy/restricted-view.ts";
import { listRounds, roundIdsForUser } from "../../server/rounds/rounds.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: roundsCss }];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Rondes – ${parent.investigation.title} – Ketenlijn` : "Rondes – Ketenlijn" }];
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "rounds.view");
  const manage = can(membership, "rounds.manage");
  const [rows, mine, hidden] = await Promise.all([
    listRounds(context.app, investigationId),
    roundIdsForUser(context.app, investigationId, user.id),
    hiddenPersonsFor(context.app.db, membership, investigationId),
  ]);
  const now = context.app.clock.now();
  return {
    investigationId,
    manage,
    rounds: rows.map((r) => ({
      id: r.id,
      // A restricted interviewee (AVG art. 18) is not named in the title for anyone but the procesbegeleider.
      title: roundTitleFor(hidden, r),
      kindLabel: ROUND_KINDS[r.kind].label,
      termWeeks: r.termWeeks,
      opened: formatDutchDateShort(r.startDate),
      deadline: formatDutchDate(r.deadlineDate),
      timeLeft: r.state === "open" ? describeTimeLeft(r.deadlineAt, now) : null,
      extended: r.extended,
      state: r.state,
      // Names of the people invited only for the procesbegeleider; others see the numbers.
      invitees: manage ? r.invitees.filter((i) => !hidden.reactant(i.email)).map((i) => ({ id: i.id, name: i.name, relation: i.relation, reacted: i.reacted, viaLink: i.viaLink, late: i.late })) : [],
      total: r.invitees.length,
      reacted: r.reacted,
      notYet: r.notYet,
      counts: r.counts,
      invitedMe: mine.has(r.id),
    })),
  };
}

export default function Rounds() {
  const { rounds, manage, investigationId } = useLoaderData<typeof loader>();
  const base = `/onderzoeken/${investigationId}/rondes`;
  return (
    <>
      <div className="header-row">
        <h2>Register van reactierondes</h2>
        {manage ? (
          <Link className="button no-print" to={`${base}/nieuw`}>
            Nieuwe ronde openen
          </Link>
        ) : null}
      </div>
      <p className="muted">
        Reactie op een gespreksverslag: binnen 2 weken, op feitelijke onjuistheden. Reactie op het conceptrapport: binnen 4 weken, op de inhoud, ondertekend. Elke
        reactie wordt verwerkt of gemotiveerd terzijde gelegd, en de indiener hoort welke.
      </p>
      {rounds.length === 0 ? (
        <div className="empty">Er is nog geen ronde geopend.</div>
      ) : (
        <table>
          <caption className="visually-hidden">Alle reactierondes van dit onderzoek</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Termijn</th>
              <th scope="col">Uiterste datum</th>
              <th scope="col">Status</th>
              <th scope="col">Uitgenodigd</th>
              <th scope="col">Afhandeling</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr key={r.id} data-round={r.id}>
                <td>
                  {manage || r.invitedMe ? <Link to={`${base}/${r.id}`}>{r.title}</Link> : r.title}
                  <div className="muted">
                    {r.kindLabel} · geopend {r.opened}
                  </div>
                  {!manage && r.invitedMe ? <div>U bent uitgenodigd om te reageren.</div> : null}
                </td>
                <td>{r.termWeeks} weken</td>
                <td>
                  {r.deadline} (23.59 uur)
                  {r.extended ? <div className="muted">verlengd</div> : null}
                  {r.timeLeft ? <div className="time-left">{r.timeLeft}</div> : null}
                </td>
                <td>
                  <RoundStateBadge state={r.state} />
                </td>
                <td>
                  {r.reacted} van {r.total} gereageerd
                  {r.invitees.length ? (
                    <ul className="plain-list">
                      {r.invitees.map((i) => (
                        <li key={i.id}>
                          {i.reacted ? "✓ " : "— "}
                          {i.name} <span className="muted">({i.relation}{i.viaLink ? ", persoonlijke link" : ""})</span>
                          {i.reacted ? <span className="visually-hidden"> heeft gereageerd</span> : <span className="visually-hidden"> nog niet gereageerd</span>}
                          {i.late ? <span className="badge badge--late">na de termijn</span> : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </td>
                <td>
                  {r.counts.submitted === 0 ? (
                    <span className="muted">Geen reacties</span>
                  ) : (
                    <>
                      {r.counts.verwerkt} verwerkt, {r.counts.terzijde} terzijde gelegd, {r.counts.open} open
                    </>
                  )}
                  {manage && r.counts.submitted > 0 ? (
                    <div className="no-print">
                      <Link to={`${base}/${r.id}/afdruk`}>Afdrukbare versie</Link>
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
