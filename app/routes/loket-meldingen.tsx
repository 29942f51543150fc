import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/loket-meldingen";
import loketCss from "~/components/loket/loket.css?url";
import { labelOf } from "~/components/loket/labels.ts";
import { CATEGORY_LABELS, CRITERION_LABELS, LOKET_FRAMES, STATUSES, meldingReference } from "~/domain/loket/fields.ts";
import { parseRegisterFilter } from "~/domain/loket/forms.ts";
import { canLoket } from "~/domain/policy.ts";
import { formatDutchDateShort } from "~/domain/calendar-date.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { countNew, listMeldingen, reportingOrganisations } from "../../server/loket/meldingen.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: loketCss }];
export const meta: Route.MetaFunction = () => [{ title: "Meldingen – Incidentenloket – Ketenlijn" }];

const LIMIT = 500;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor } = await requireLoket(context, request, "melding.submit");
  const params = new URL(request.url).searchParams;
  const filter = parseRegisterFilter(params);
  const all = canLoket(actor, "melding.list_all");
  const rows = await listMeldingen(context.app, actor, filter, LIMIT + 1);
  return {
    all,
    filter,
    query: params.toString(),
    inbox: all ? await countNew(context.app) : 0,
    organisations: all ? await reportingOrganisations(context.app) : [],
    more: rows.length > LIMIT,
    rows: rows.slice(0, LIMIT).map((r) => ({
      id: r.id,
      reference: meldingReference(r.receivedOn, r.seq),
      receivedOn: formatDutchDateShort(r.receivedOn),
      organisation: r.reportingOrganisation,
      frame: labelOf.frame(r.legalFrame),
      category: labelOf.category(r.category),
      criterion: r.criterion,
      meldplicht: r.meldplicht,
      status: labelOf.status(r.status),
      statusKey: r.status,
      decision: r.decision ? labelOf.decision(r.decision) : "",
      urgency: r.urgency,
    })),
  };
}

export default function Meldingen() {
  const { all, rows, filter, inbox, organisations, more, query } = useLoaderData<typeof loader>();
  const years = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);
  return (
    <div className="page">
      <div className="header-row">
        <h1>{all ? "Meldingen incidentenloket" : "Mijn meldingen bij het incidentenloket"}</h1>
        <Link to="/loket/meldingen/nieuw" className="button">
          {all ? "Melding registreren" : "Melding doen"}
        </Link>
      </div>
      {all ? (
        <>
          <nav className="loket-nav" aria-label="Incidentenloket">
            <Link to="/loket/meldingen?status=nieuw">Inbox: {inbox === 1 ? "1 nieuwe melding" : `${inbox} nieuwe meldingen`}</Link>
            <Link to="/loket/jaaroverzicht">Jaaroverzicht</Link>
            <Link to="/loket/leeroverzicht">Leeroverzicht</Link>
            <a href={`/loket/meldingen.csv${query ? `?${query}` : ""}`}>Exporteren als CSV</a>
            <a href={`/loket/meldingen.xlsx${query ? `?${query}` : ""}`}>Exporteren als Excel</a>
          </nav>
          <Form method="get" className="panel loket-filters" aria-label="Meldingen filteren">
            <div className="field">
              <label htmlFor="f-q">Zoeken</label>
              <input id="f-q" name="q" type="search" defaultValue={filter.q} placeholder="Omschrijving, organisatie of nummer" />
            </div>
            <div className="field">
              <label htmlFor="f-jaar">Jaar</label>
              <select id="f-jaar" name="jaar" defaultValue={filter.year ?? ""}>
                <option value="">Alle jaren</option>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-kader">Wettelijk kader</label>
              <select id="f-kader" name="kader" defaultValue={filter.legalFrame ?? ""}>
                <option value="">Alle kaders</option>
                {Object.entries(LOKET_FRAMES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-criterium">Meldcriterium</label>
              <select id="f-criterium" name="criterium" defaultValue={filter.criterion ?? ""}>
                <option value="">Alle criteria</option>
                {Object.entries(CRITERION_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-categorie">Categorie</label>
              <select id="f-categorie" name="categorie" defaultValue={filter.category ?? ""}>
                <option value="">Alle categorieën</option>
                {Object.entries(CATEGORY_LABELS).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-partij">Meldende partij</label>
              <select id="f-partij" name="partij" defaultValue={filter.organisation ?? ""}>
                <option value="">Alle partijen</option>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-status">Status</label>
              <select id="f-status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">Alle statussen</option>
                {Object.entries(STATUSES).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
            <div className="actions">
              <button type="submit" className="button">
                Filteren
              </button>{" "}
              <Link to="/loket/meldingen">Filters wissen</Link>
            </div>
          </Form>
        </>
      ) : (
        <p>Hier staan de meldingen die u zelf bij het incidentenloket heeft gedaan, met hun status.</p>
      )}
      {rows.length === 0 ? (
        <div className="empty">
          <p>{all ? (query ? "Geen meldingen gevonden met deze filters." : "Er zijn nog geen meldingen geregistreerd.") : "U heeft nog geen melding gedaan."}</p>
        </div>
      ) : (
        <>
          <p className="muted" aria-live="polite">
            {rows.length === 1 ? "1 melding" : `${rows.length}${more ? "+" : ""} meldingen`}
            {more ? ` (de nieuwste ${rows.length} getoond; verfijn de filters)` : ""}
          </p>
          <div className="table-scroll" role="region" aria-label="Meldingen" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Nummer</th>
                  <th scope="col">Ontvangen</th>
                  <th scope="col">Meldende partij</th>
                  <th scope="col">Kader</th>
                  <th scope="col">Categorie</th>
                  <th scope="col">Status</th>
                  <th scope="col">Besluit</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="loket-ref">
                      <Link to={`/loket/meldingen/${r.id}`}>{r.reference}</Link>
                      {r.urgency === "spoed" ? <span className="badge badge--overdue"> spoed</span> : null}
                    </td>
                    <td>{r.receivedOn}</td>
                    <td>{r.organisation}</td>
                    <td>{r.frame}</td>
                    <td>
                      {r.category}
                      {r.meldplicht ? <span className="badge badge--due_soon"> calamiteit</span> : null}
                    </td>
                    <td>{r.status}</td>
                    <td>{r.decision || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
