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
  doc.destroy();
  const names = await userNames(context.app, [info.createdBy]);
  const mayRestore = canManageVersions(membership);
  return {
    investigationId,
    version: { id: info.id, name: info.name, person: personName(names, info.createdBy), at: formatAmsterdam(info.createdAt), atIso: info.createdAt.toISOString() },
    counts: { parties: timeline.parties.length, periods: timeline.periods.length, events: events.length, nodes, measures },
    events,
    user: mayRestore ? { id: user.id, name: user.name } : null,
  };
}

export default function InvestigationHistoryVersion() {
  const { investigationId, version, counts, events, user } = useLoaderData<typeof loader>();
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
            <RestoreVersion investigationId={investigationId} versionId={version.id} versionName={version.name} user={user} />
          </Suspense>
        ) : (
          <p className="history-restore muted">Terugzetten wordt geladen…</p>
        )
      ) : null}
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
