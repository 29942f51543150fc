import { data, Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/loket-leeroverzicht";
import loketCss from "~/components/loket/loket.css?url";
import { GROUP_COLORS, type EcmGroupId } from "~/domain/analysis/catalog.ts";
import { MEASURE_STATUS_LABELS, type MeasureStatus } from "~/domain/analysis/measures.ts";
import { formatDutchDateShort } from "~/domain/calendar-date.ts";
import { LEGAL_FRAMES } from "~/domain/investigation-fields.ts";
import { chosenYear } from "~/domain/loket/figures.ts";
import { requireUser } from "~/lib/guards.server.ts";
import { leeroverzicht, mayUseLeeroverzicht } from "../../server/loket/leeroverzicht.ts";
import { loketActor, today } from "../../server/loket/meldingen.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: loketCss }];
export const meta: Route.MetaFunction = () => [{ title: "Leeroverzicht – Ketenlijn" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const actor = await loketActor(context.app, user);
  if (!(await mayUseLeeroverzicht(context.app, actor)))
    throw data({ message: "Het leeroverzicht is er voor het incidentenloket en voor procesbegeleiders van een onderzoek." }, { status: 403 });
  const params = new URL(request.url).searchParams;
  const year = params.get("jaar") ? chosenYear(params, 0) || null : null;
  const kader = params.get("kader") ?? "";
  const filter = { year, legalFrame: kader in LEGAL_FRAMES ? kader : null };
  const on = today(context.app);
  return { all: actor.isLoket, filter, thisYear: Number(on.slice(0, 4)), ...(await leeroverzicht(context.app, actor, filter, on)) };
}

export default function Leeroverzicht() {
  const d = useLoaderData<typeof loader>();
  const years = Array.from({ length: 6 }, (_, i) => d.thisYear - i);
  const max = Math.max(1, ...d.groups.map((g) => g.n));
  return (
    <div className="page">
      <h1>Leeroverzicht</h1>
      <p>
        {d.all ? "Over alle leeronderzoeken" : "Over de leeronderzoeken waarvan u procesbegeleider bent"}: de basisoorzaken per ECM-code en hoofdgroep
        (PRISMA-profiel), de terugkerende thema’s en de verbetermaatregelen. Alleen geaggregeerde gegevens; een onderzoek wordt alleen genoemd als u er
        deelnemer van bent.
      </p>
      <Form method="get" className="panel loket-filters" aria-label="Leeroverzicht filteren">
        <div className="field">
          <label htmlFor="f-jaar">Gestart in</label>
          <select id="f-jaar" name="jaar" defaultValue={d.filter.year ?? ""}>
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
          <select id="f-kader" name="kader" defaultValue={d.filter.legalFrame ?? ""}>
            <option value="">Alle kaders</option>
            {Object.entries(LEGAL_FRAMES).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Filteren
          </button>
        </div>
      </Form>
      <p className="muted">
        {d.investigations === 1 ? "1 leeronderzoek" : `${d.investigations} leeronderzoeken`}, {d.rootCauses === 1 ? "1 basisoorzaak" : `${d.rootCauses} basisoorzaken`}
        {d.unclassified ? ` (waarvan ${d.unclassified} nog zonder ECM-code)` : ""}.
      </p>

      <section className="panel" aria-labelledby="h-profiel">
        <h2 id="h-profiel">PRISMA-profiel per hoofdgroep</h2>
        {d.rootCauses === 0 ? (
          <p className="empty">Nog geen basisoorzaken in deze onderzoeken.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Hoofdgroep</th>
                <th scope="col" className="loket-count">Aantal</th>
                <th scope="col" className="loket-count">Aandeel</th>
                <th scope="col">
                  <span className="visually-hidden">Staafdiagram</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {d.groups.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.label}</th>
                  <td className="loket-count">{g.n}</td>
                  <td className="loket-count">{g.share.toLocaleString("nl-NL")}%</td>
                  <td style={{ width: "40%" }} aria-hidden="true">
                    <span className="loket-bar" style={{ width: `${(100 * g.n) / max}%`, background: GROUP_COLORS[g.id as EcmGroupId] }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {d.codes.length ? (
          <>
            <h3>Per ECM-code</h3>
            <div className="table-scroll" role="region" aria-label="Basisoorzaken per ECM-code" tabIndex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Code</th>
                    <th scope="col">Betekenis</th>
                    <th scope="col">Hoofdgroep</th>
                    <th scope="col" className="loket-count">Aantal</th>
                    <th scope="col" className="loket-count">Aandeel</th>
                  </tr>
                </thead>
                <tbody>
                  {d.codes.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.code}</th>
                      <td>{c.label}</td>
                      <td>{c.group}</td>
                      <td className="loket-count">{c.n}</td>
                      <td className="loket-count">{c.share.toLocaleString("nl-NL")}%</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section className="panel" aria-labelledby="h-themas">
        <h2 id="h-themas">Thema’s in de bevindingen</h2>
        {d.themes.length === 0 ? (
          <p className="empty">Nog geen basisoorzaken met een thema.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Thema</th>
                <th scope="col" className="loket-count">Basisoorzaken</th>
                <th scope="col" className="loket-count">Onderzoeken</th>
                <th scope="col">Uw onderzoeken</th>
              </tr>
            </thead>
            <tbody>
              {d.themes.map((t) => (
                <tr key={t.id}>
                  <th scope="row">{t.label}</th>
                  <td className="loket-count">{t.n}</td>
                  <td className="loket-count">{t.investigationCount}</td>
                  <td>
                    {t.links.length
                      ? t.links.map((l, i) => (
                          <span key={l.id}>
                            {i ? ", " : ""}
                            <Link to={`/onderzoeken/${l.id}/analyse`}>{l.title}</Link>
                          </span>
                        ))
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="h-maatregelen">
        <h2 id="h-maatregelen">Verbetermaatregelen</h2>
        <p className="muted">Te late maatregelen eerst, dan op termijn.</p>
        {d.measures.length === 0 ? (
          <p className="empty">Nog geen verbetermaatregelen in deze onderzoeken.</p>
        ) : (
          <div className="table-scroll" role="region" aria-label="Verbetermaatregelen" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Maatregel</th>
                  <th scope="col">Status</th>
                  <th scope="col">Termijn</th>
                  <th scope="col">Eigenaar</th>
                  <th scope="col">Borging</th>
                  <th scope="col">Onderzoek</th>
                </tr>
              </thead>
              <tbody>
                {d.measures.map((m) => (
                  <tr key={m.key}>
                    <th scope="row">{m.title}</th>
                    <td>{MEASURE_STATUS_LABELS[m.status as MeasureStatus] ?? m.status}</td>
                    <td>
                      {m.deadline ? formatDutchDateShort(m.deadline) : "—"} {m.overdue ? <span className="badge badge--overdue">te laat</span> : null}
                    </td>
                    <td>{m.owner || "—"}</td>
                    <td>{m.borging || "—"}</td>
                    <td>{m.investigation ? <Link to={`/onderzoeken/${m.investigation.id}/analyse`}>{m.investigation.title}</Link> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
