import { lazy, Suspense, useEffect, useState } from "react";
import { Link, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-history-version";
import historyCss from "~/components/history/history.css?url";
import { canManageVersions } from "~/components/history/permissions.ts";
import { formatAmsterdam, personName, userNames } from "../../server/history/history.server.ts";
import { eventWhen } from "~/components/workspace/format.ts";
import { readMeasures, readNodes } from "~/domain/analysis/index.ts";
import { readTimeline } from "~/domain/timeline/schema.ts";
import { eventStatusLabel } from "~/domain/timeline/vocabulary.ts";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { getVersionDoc, listVersions } from "../../server/collab/versions.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { restoresOf } from "../../server/history/restores.server.ts";
import { compareDocs, type ComparedEntry } from "~/domain/history/compare.ts";

// Client only: the live document (websocket, IndexedDB) never loads on the server.
const RestoreVersion = lazy(() => import("~/components/history/RestoreVersion.tsx"));

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: historyCss }];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `Versie ‘${data.version.name}’ – Ketenlijn` : "Versie – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const doc = await getVersionDoc(context.app, investigationId, params.versionId);
  if (!doc) notFound();
  const info = (await listVersions(context.app, investigationId)).find((v) => v.id === params.versionId);
  if (!info) notFound();
  const timeline = readTimeline(doc);
  const parties = new Map(timeline.parties.flatMap((p) => (p.ok ? [[p.id, p.value.name] as const] : [])));
  const events = timeline.events.map((e) =>
    e.ok
      ? { id: e.id, ok: true as const, when: eventWhen(e.value), organisation: parties.get(e.value.party) ?? "—", title: e.value.title, status: eventStatusLabel(e.value.status) }
      : { id: e.id, ok: false as const, errors: e.errors },
  );
  const nodes = readNodes(doc).nodes.length;
  const measures = readMeasures(doc).measures.length;
  const live = await loadDoc(context.app.db, investigationId);
  const comparison = compareDocs(doc, live);
  live.destroy();
  doc.destroy();
  const restores = await restoresOf(context.app, investigationId, info.id);
  const names = await userNames(context.app, [info.createdBy]);
  const mayRestore = canManageVersions(membership);
  return {
    investigationId,
    version: { id: info.id, name: info.name, person: personName(names, info.createdBy), at: formatAmsterdam(info.createdAt), atIso: info.createdAt.toISOString() },
    counts: { parties: timeline.parties.length, periods: timeline.periods.length, events: events.length, nodes, measures },
    events,
    comparison,
    restores,
    user: mayRestore ? { id: user.id, name: user.name } : null,
  };
}

export default function InvestigationHistoryVersion() {
  const { investigationId, version, counts, events, comparison, restores, user } = useLoaderData<typeof loader>();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <>
      <p>
        <Link to={`/onderzoeken/${investigationId}/geschiedenis`}>← Terug naar de geschiedenis</Link>
      </p>
      <h2>{`Versie ‘${version.name}’`}</h2>
      <p className="muted">
        Vastgelegd door {version.person} op <time dateTime={version.atIso}>{version.at}</time>. Alleen-lezen weergave.
      </p>
      <dl className="history-facts">
        <div>
          <dt>Feiten</dt>
          <dd>{counts.events}</dd>
        </div>
        <div>
          <dt>Partijen</dt>
          <dd>{counts.parties}</dd>
        </div>
        <div>
          <dt>Perioden</dt>
          <dd>{counts.periods}</dd>
        </div>
        <div>
          <dt>Onderdelen van de analyse</dt>
          <dd>{counts.nodes}</dd>
        </div>
        <div>
          <dt>Maatregelen</dt>
          <dd>{counts.measures}</dd>
        </div>
      </dl>
      {user ? (
        mounted ? (
          <Suspense fallback={<p className="history-restore muted">Terugzetten wordt geladen…</p>}>
            <RestoreVersion investigationId={investigationId} versionId={version.id} versionName={version.name} user={user} restores={restores} />
          </Suspense>
        ) : (
          <p className="history-restore muted">Terugzetten wordt geladen…</p>
        )
      ) : null}
      <section className="history-section" aria-labelledby="verschil-kop">
        <h3 id="verschil-kop">Verschil met nu</h3>
        {comparison.added.length + comparison.changed.length + comparison.removed.length === 0 ? (
          <p className="empty">De tijdlijn en de analyse zijn nu gelijk aan deze versie.</p>
        ) : (
          <div className="history-compare">
            <ComparedList title="Toegevoegd sinds deze versie" entries={comparison.added} />
            <ComparedList title="Gewijzigd sinds deze versie" entries={comparison.changed} />
            <ComparedList title="Verwijderd sinds deze versie" entries={comparison.removed} />
          </div>
        )}
      </section>
      <h3>Tijdlijn in deze versie</h3>
      {events.length === 0 ? (
        <p className="empty">Deze versie bevat geen feiten.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Feiten in versie ‘{version.name}’, chronologisch</caption>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Organisatie</th>
                <th scope="col">Wat gebeurde er</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) =>
                e.ok ? (
                  <tr key={e.id}>
                    <td>{e.when}</td>
                    <td>{e.organisation}</td>
                    <td>{e.title}</td>
                    <td>{e.status}</td>
                  </tr>
                ) : (
                  <tr key={e.id}>
                    <td colSpan={4}>
                      <strong>Ongeldig feit:</strong> {e.errors.join(" ")}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** Entries shown per list before the rest is folded away. */
const SHOWN_COMPARED = 20;

function ComparedList({ title, entries }: { title: string; entries: ComparedEntry[] }) {
  const line = (e: ComparedEntry) => (e.fields ? `${e.name}: ${e.fields.join(", ")}` : e.name);
  return (
    <div>
      <h4>{`${title} (${entries.length})`}</h4>
      {entries.length === 0 ? (
        <p className="muted">Niets.</p>
      ) : (
        <>
          <ul className="history-entities">
            {entries.slice(0, SHOWN_COMPARED).map((e) => (
              <li key={e.id}>{line(e)}</li>
            ))}
          </ul>
          {entries.length > SHOWN_COMPARED ? (
            <details>
              <summary>en nog {entries.length - SHOWN_COMPARED} andere</summary>
              <ul className="history-entities">
                {entries.slice(SHOWN_COMPARED).map((e) => (
                  <li key={e.id}>{line(e)}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </div>
  );
}
