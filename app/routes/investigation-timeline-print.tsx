// Print view of the timeline: the feitenrelaas as one table (issue 12). Server rendered from the
// stored document; on paper the title, version and page numbers are on every page.
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-timeline-print";
import printCss from "~/components/meetings/print.css?url";
import { PrintPageRules } from "~/components/meetings/PrintPageRules.tsx";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { timelinePrint } from "../../server/export/print-view.server.ts";
import { getInvestigation } from "../../server/investigations.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `Feitenrelaas – ${data.title} – Ketenlijn` : "Feitenrelaas – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const investigation = await getInvestigation(context.app, investigationId);
  if (!investigation) notFound();
  return { investigationId, title: investigation.title, ...(await timelinePrint(context.app, investigationId)) };
}

export default function TimelinePrintView() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="print-view">
      <PrintPageRules title={`Feitenrelaas – ${d.title}`} version={d.version} />
      <p className="print-actions no-print">
        <Link to={`/onderzoeken/${d.investigationId}/tijdlijn`}>Terug naar de tijdlijn</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          Afdrukken
        </button>
      </p>
      <h1>Feitenrelaas: {d.title}</h1>
      <p className="print-meta">
        Integrale tijdlijn, {d.rows.length} {d.rows.length === 1 ? "feit" : "feiten"}; {d.version}.
        {d.invalid ? ` ${d.invalid} ongeldige ${d.invalid === 1 ? "invoer staat" : "invoeren staan"} niet in deze lijst.` : ""}
      </p>
      {d.periods.length ? (
        <p className="print-meta">
          Perioden: {d.periods.map((p, i) => `${i > 0 ? "; " : ""}${p.label} (${p.when})`).join("")}
        </p>
      ) : null}
      {d.rows.length === 0 ? (
        <p>Er staan nog geen feiten op de tijdlijn.</p>
      ) : (
        <table className="print-table">
          <caption className="visually-hidden">Chronologisch feitenrelaas</caption>
          <colgroup>
            <col className="col-date" />
            <col className="col-party" />
            <col className="col-wat" />
            <col className="col-actor" />
            <col className="col-kind" />
            <col className="col-source" />
            <col className="col-flags" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Wat</th>
              <th scope="col">Wie</th>
              <th scope="col">Soort</th>
              <th scope="col">Bron</th>
              <th scope="col">Markering en status</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.id} className={r.flags.includes("Kritiek moment") ? "is-critical" : undefined}>
                <td>{r.date}</td>
                <td>{r.party}</td>
                <td>
                  <div className="wat-title">{r.title}</div>
                  {r.description ? <p className="wat-desc">{r.description}</p> : null}
                </td>
                <td>{r.actor || "—"}</td>
                <td>{r.kind}</td>
                <td>{r.sources.length ? <ul>{r.sources.map((s, i) => <li key={i}>{s}</li>)}</ul> : "—"}</td>
                <td>{[...r.flags, r.status].join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
