// Printable view of a round's signed reactions with their dispositions: the bijlage the report
// export will attach (002: "De ondertekende reacties worden als bijlage gevoegd").
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-rounds-print";
import { RoundStateBadge } from "~/components/rounds/RoundStateBadge.tsx";
import roundsCss from "~/components/rounds/rounds.css?url";
import { formatDutchDate } from "~/domain/calendar-date.ts";
import { DISPOSITIONS, ROUND_KINDS, type RoundKind } from "~/domain/rounds/kinds.ts";
import { formatInstant } from "~/domain/rounds/state.ts";
import { SIGNED_WITH } from "~/domain/report/build.ts";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { signatureValid } from "../../server/rounds/reactions.ts";
import { getRoundDetail } from "../../server/rounds/rounds.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: roundsCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `Reacties en afhandeling: ${data.title} – Ketenlijn` : "Reacties – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "rounds.manage");
  const detail = await getRoundDetail(context.app, investigationId, params.roundId);
  if (!detail) notFound();
  const { round } = detail;
  return {
    investigationId,
    roundId: round.id,
    title: round.title,
    kindLabel: ROUND_KINDS[round.kind as RoundKind].label,
    termWeeks: round.termWeeks,
    opened: formatDutchDate(round.startDate),
    deadline: formatInstant(round.deadlineAt),
    closed: round.closedAt ? formatInstant(round.closedAt) : null,
    state: detail.state,
    versionHash: round.versionHash,
    printedAt: formatInstant(context.app.clock.now()),
    invitees: detail.invitees.map((i) => ({ id: i.id, name: i.name, relation: i.relation, reacted: i.reacted })),
    reactions: detail.reactions.map((r, n) => ({
      id: r.id,
      number: n + 1,
      inviteeName: r.inviteeName,
      pointerLabel: r.pointerLabel,
      text: r.text,
      signerName: r.signerName,
      signerRole: r.signerRole,
      signedOn: r.signedOn ? formatDutchDate(r.signedOn) : "",
      submittedAt: r.submittedAt ? formatInstant(r.submittedAt) : "",
      late: r.late,
      corrects: r.correctsId ? detail.reactions.findIndex((x) => x.id === r.correctsId) + 1 || null : null,
      signatureHash: r.signatureHash ?? "",
      signedWith: r.signedWith === "code" || r.signedWith === "session" ? SIGNED_WITH[r.signedWith] : null,
      signatureOk: signatureValid(r),
      disposition: r.disposition ? { kind: r.disposition.kind, note: r.disposition.note, at: formatInstant(r.disposition.decidedAt) } : null,
    })),
  };
}

export default function RoundPrint() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p className="no-print">
        <Link to={`/onderzoeken/${d.investigationId}/rondes/${d.roundId}`}>Terug naar de ronde</Link>
        {" · "}
        <button type="button" className="button button--secondary" onClick={() => window.print()}>
          Afdrukken
        </button>
      </p>
      <h1>Reacties en afhandeling: {d.title}</h1>
      <dl className="meta">
        <div>
          <dt>Document</dt>
          <dd>
            {d.kindLabel}, vastgelegde versie <code>{d.versionHash}</code>
          </dd>
        </div>
        <div>
          <dt>Termijn</dt>
          <dd>
            {d.termWeeks} weken: geopend op {d.opened}, uiterste moment {d.deadline}
            {d.closed ? `, gesloten op ${d.closed}` : ""}
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <RoundStateBadge state={d.state} />
          </dd>
        </div>
        <div>
          <dt>Uitgenodigd</dt>
          <dd>
            {d.invitees.map((i) => `${i.name} (${i.relation}${i.reacted ? ", heeft gereageerd" : ", geen reactie"})`).join("; ")}
          </dd>
        </div>
        <div>
          <dt>Afgedrukt op</dt>
          <dd>{d.printedAt}</dd>
        </div>
      </dl>
      {d.reactions.length === 0 ? <p>Er zijn in deze ronde geen ondertekende reacties ontvangen.</p> : null}
      {d.reactions.map((r) => (
        <article key={r.id} className="reaction-item" aria-labelledby={`p-${r.id}`}>
          <h2 id={`p-${r.id}`}>
            Reactie {r.number}: {r.inviteeName}
          </h2>
          <p className="reaction-item__meta">
            Over: {r.pointerLabel}
            {r.late ? (
              <>
                {" "}
                · <span className="badge badge--late">na de termijn</span>
              </>
            ) : null}
            {r.corrects ? ` · correctie op reactie ${r.corrects}` : ""}
          </p>
          <p className="reaction-item__text">{r.text}</p>
          <p className="reaction-item__meta">
            Uitgenodigd: {r.inviteeName}. Ondertekend door {r.signerName} ({r.signerRole}) op {r.signedOn}; ontvangen op {r.submittedAt}.
            {r.signedWith ? ` Bevestigd met: ${r.signedWith}.` : ""}
            <br />
            Controlegetal <code>{r.signatureHash}</code> ({r.signatureOk ? "klopt met de opgeslagen tekst" : "KLOPT NIET met de opgeslagen tekst"}).
          </p>
          <p>
            <strong>Afhandeling:</strong>{" "}
            {r.disposition ? (
              <>
                {DISPOSITIONS[r.disposition.kind]} — {r.disposition.note} <span className="muted">({r.disposition.at})</span>
              </>
            ) : (
              "nog niet vastgelegd"
            )}
          </p>
        </article>
      ))}
    </div>
  );
}
