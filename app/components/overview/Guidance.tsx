// The Overzicht's guidance per role (issue 11): the ketenpartner's first screen, and the
// procesbegeleider's list of what is still open. Texts come from app/domain/guidance.ts.
import { Link } from "react-router";
import type { OpenTask } from "~/domain/guidance.ts";

export function KetenpartnerStart({ investigationId, heading, text, meta }: { investigationId: string; heading: string; text: string; meta: [string, string][] }) {
  return (
    <div className="form-grid">
      <section className="panel guidance-start" aria-labelledby="h-start">
        <h2 id="h-start">{heading}</h2>
        <p>{text}</p>
        <p>
          <Link className="button" to={`/onderzoeken/${investigationId}/tijdlijn`}>
            Naar de tijdlijn
          </Link>
        </p>
      </section>
      <section className="panel" aria-labelledby="h-gegevens">
        <h2 id="h-gegevens">Over dit onderzoek</h2>
        <dl className="meta">
          {meta.map(([k, v]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}

export function OpenTasks({ investigationId, tasks }: { investigationId: string; tasks: OpenTask[] }) {
  return (
    <section className="panel guidance-tasks" aria-labelledby="h-open">
      <h2 id="h-open">Wat staat er nog open</h2>
      {tasks.length === 0 ? (
        <p className="empty">Er staat niets open: geen verstreken termijnen, onafgehandelde reacties of open verzoeken.</p>
      ) : (
        <ul>
          {tasks.map((t) => (
            <li key={t.key}>
              <Link to={`/onderzoeken/${investigationId}/${t.path}`}>{t.urgent ? <strong>{t.text}</strong> : t.text}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
