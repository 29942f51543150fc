import { Form, Link, useLoaderData } from "react-router";
import type { Route } from "./+types/loket-jaaroverzicht";
import loketCss from "~/components/loket/loket.css?url";
import { chosenYear, signed } from "~/domain/loket/figures.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { jaaroverzicht, meldingYears } from "../../server/loket/figures.ts";
import { today } from "../../server/loket/meldingen.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: loketCss }];
export const meta: Route.MetaFunction = ({ data }) => [{ title: `Jaaroverzicht ${data?.year ?? ""} – Incidentenloket – Ketenlijn` }];

export async function loader({ context, request }: Route.LoaderArgs) {
  await requireLoket(context, request, "loket.overview");
  const thisYear = Number(today(context.app).slice(0, 4));
  const years = await meldingYears(context.app);
  const year = chosenYear(new URL(request.url).searchParams, years.find((y) => y < thisYear) ?? thisYear);
  const overview = await jaaroverzicht(context.app, year);
  return { year, years: [...new Set([thisYear, ...years])].sort((a, b) => b - a), tables: overview.tables };
}

export default function Jaaroverzicht() {
  const { year, years, tables } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <p>
        <Link to="/loket/meldingen">← Meldingen</Link>
      </p>
      <div className="header-row">
        <h1>Jaaroverzicht {year}</h1>
      </div>
      <nav className="loket-nav" aria-label="Jaaroverzicht exporteren">
        <a href={`/loket/jaaroverzicht.docx?jaar=${year}`}>Downloaden als Word (.docx)</a>
        <a href={`/loket/jaaroverzicht.csv?jaar=${year}`}>Downloaden als CSV</a>
      </nav>
      <Form method="get" className="panel loket-filters" aria-label="Jaar kiezen">
        <div className="field">
          <label htmlFor="f-jaar">Jaar</label>
          <select id="f-jaar" name="jaar" defaultValue={year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button">
            Tonen
          </button>
        </div>
      </Form>
      <p className="muted">Alleen geaggregeerde cijfers, vergeleken met {year - 1}. Thema’s en ECM-profiel: de basisoorzaken van de leeronderzoeken die in het jaar zijn gestart.</p>
      {tables.map((t) => {
        const max = Math.max(1, ...t.rows.map((r) => Math.max(r.current, r.previous)));
        return (
          <section key={t.id} className="panel" aria-labelledby={`h-${t.id}`}>
            <h2 id={`h-${t.id}`}>{t.title}</h2>
            {t.rows.length === 0 ? (
              <p className="empty">Geen gegevens in deze jaren.</p>
            ) : (
              <div className="table-scroll" role="region" aria-label={t.title} tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Omschrijving</th>
                      <th scope="col" className="loket-count">
                        {year - 1}
                      </th>
                      <th scope="col" className="loket-count">
                        {year}
                      </th>
                      <th scope="col" className="loket-count">
                        Verschil
                      </th>
                      <th scope="col">
                        <span className="visually-hidden">Staaf {year}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.rows.map((r) => (
                      <tr key={r.label}>
                        <th scope="row">{r.label}</th>
                        <td className="loket-count">{r.previous}</td>
                        <td className="loket-count">{r.current}</td>
                        <td className="loket-count">{signed(r.current - r.previous)}</td>
                        <td style={{ width: "30%" }} aria-hidden="true">
                          <span className="loket-bar" style={{ width: `${(100 * r.current) / max}%` }} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
