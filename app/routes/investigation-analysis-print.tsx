// Print view of the analysis (issue 12): the causal tree as an indented list with ECM codes and
// themes, the PRISMA-profiel, the measures. Server rendered from the stored document.
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-analysis-print";
import printCss from "~/components/meetings/print.css?url";
import { PrintPageRules } from "~/components/meetings/PrintPageRules.tsx";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { analysisPrint } from "../../server/export/print-view.server.ts";
import { getInvestigation } from "../../server/investigations.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: printCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `Analyse – ${data.title} – Ketenlijn` : "Analyse – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const investigation = await getInvestigation(context.app, investigationId);
  if (!investigation) notFound();
  return { investigationId, title: investigation.title, ...(await analysisPrint(context.app, investigationId)) };
}

export default function AnalysisPrintView() {
  const d = useLoaderData<typeof loader>();
  return (
    <div className="print-view">
      <PrintPageRules title={`Analyse – ${d.title}`} version={d.version} landscape={false} />
      <p className="print-actions no-print">
        <Link to={`/onderzoeken/${d.investigationId}/analyse`}>Terug naar de analyse</Link>
        <button type="button" className="button" onClick={() => window.print()}>
          Afdrukken
        </button>
      </p>
      <h1>Analyse: {d.title}</h1>
      <p className="print-meta">{d.version}.</p>

      <section className="print-section" aria-labelledby="pr-tree">
        <h2 id="pr-tree">Oorzakenboom</h2>
        {d.tree.length === 0 ? (
          <p>Er is nog geen oorzakenboom.</p>
        ) : (
          <ul className="print-tree">
            {d.tree.map((n) => (
              <li key={n.id} className={n.rootCause ? "is-root" : undefined} style={{ marginLeft: `${n.depth * 1.25}rem` }}>
                <span className="node-kind">{n.kind}</span>
                {n.label}
                {n.ecm ? (
                  <span className="node-ecm">
                    {n.ecm}
                    {n.ecmLabel ? ` (${n.ecmLabel})` : ""}
                  </span>
                ) : null}
                {n.themes.length ? <span className="node-themes">Thema's: {n.themes.join(", ")}</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="print-section" aria-labelledby="pr-profile">
        <h2 id="pr-profile">PRISMA-profiel</h2>
        {d.profile.total === 0 ? (
          <p>Er zijn nog geen basisoorzaken.</p>
        ) : (
          <>
            <div className="print-figure" dangerouslySetInnerHTML={{ __html: d.profile.svg }} />
            <table className="print-table">
              <caption className="visually-hidden">PRISMA-profiel per code</caption>
              <thead>
                <tr>
                  <th scope="col" style={{ width: "6rem" }}>Code</th>
                  <th scope="col">Omschrijving</th>
                  <th scope="col" style={{ width: "6rem" }}>Aantal</th>
                  <th scope="col" style={{ width: "6rem" }}>Aandeel</th>
                </tr>
              </thead>
              <tbody>
                {d.profile.codes.map((c) => (
                  <tr key={c.code}>
                    <td>{c.code}</td>
                    <td>{c.label}</td>
                    <td>{c.count}</td>
                    <td>{c.share}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {d.profile.unclassified ? <p>{d.profile.unclassified} basisoorzaken hebben nog geen ECM-code.</p> : null}
          </>
        )}
      </section>

      <section className="print-section print-section--wide" aria-labelledby="pr-measures">
        <h2 id="pr-measures">Maatregelen</h2>
        {d.measures.length === 0 ? (
          <p>Er zijn nog geen maatregelen.</p>
        ) : (
          <table className="print-table print-table--measures">
            <caption className="visually-hidden">Maatregelen</caption>
            <colgroup>
              <col />
              <col />
              <col style={{ width: "10rem" }} />
              <col style={{ width: "6rem" }} />
              <col />
              <col />
              <col style={{ width: "6.5rem" }} />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Maatregel</th>
                <th scope="col">Basisoorzaken</th>
                <th scope="col">Eigenaar</th>
                <th scope="col">Deadline</th>
                <th scope="col">Meetbaar resultaat</th>
                <th scope="col">Borging</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {d.measures.map((m, i) => (
                <tr key={i}>
                  <td>{m.title}</td>
                  <td className="pre-line">{m.rootCauses}</td>
                  <td>{m.owner}</td>
                  <td>{m.deadline}</td>
                  <td>{m.result}</td>
                  <td className="pre-line">{m.borging}</td>
                  <td>{m.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
