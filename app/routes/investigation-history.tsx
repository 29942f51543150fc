import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/investigation-history";
import historyCss from "~/components/history/history.css?url";
import { canManageVersions } from "~/components/history/permissions.ts";
import { TextField } from "~/components/Field.tsx";
import { notFound, formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { changesPage, describeChangeRow, formatAmsterdam, personName, userNames } from "../../server/history/history.server.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { createVersion, listVersions } from "../../server/collab/versions.ts";
import { audit } from "../../server/audit.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: historyCss }];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Geschiedenis – ${parent.investigation.title} – Ketenlijn` : "Geschiedenis – Ketenlijn" }];
};

const versionSchema = z.object({
  name: z
    .string({ error: "Geef de versie een naam." })
    .trim()
    .min(1, { error: "Geef de versie een naam." })
    .max(200, { error: "De naam van de versie mag hoogstens 200 tekens lang zijn." }),
});

/** Entities shown per change before the rest is folded away. */
const SHOWN_ENTITIES = 5;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const pageParam = new URL(request.url).searchParams.get("pagina");
  const page = pageParam === null ? 1 : Number(pageParam);
  if (!Number.isInteger(page) || page < 1 || page > 100_000) notFound();
  const [{ rows, total, pages }, versions, doc] = await Promise.all([
    changesPage(context.app, investigationId, page),
    listVersions(context.app, investigationId),
    loadDoc(context.app.db, investigationId),
  ]);
  if (page > pages) notFound();
  const names = await userNames(context.app, [...rows.map((r) => r.userId), ...versions.map((v) => v.createdBy)]);
  const changes = rows.map((r) => ({
    id: r.id,
    at: formatAmsterdam(r.at),
    atIso: r.at.toISOString(),
    person: personName(names, r.userId),
    entities: describeChangeRow(doc, r),
  }));
  doc.destroy();
  return {
    investigationId,
    page,
    pages,
    total,
    changes,
    versions: versions.map((v) => ({ id: v.id, name: v.name, person: personName(names, v.createdBy), at: formatAmsterdam(v.createdAt), atIso: v.createdAt.toISOString() })),
    mayCreate: canManageVersions(membership),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.write");
  if (!canManageVersions(membership))
    throw data({ message: "Alleen de procesbegeleider en onderzoekers maken versies." }, { status: 403 });
  const values = await formValues(request);
  const parsed = versionSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false as const, error: parsed.error.issues[0]?.message ?? "Geef de versie een naam.", name: values.name ?? "" }, { status: 400 });
  const version = await createVersion(context.app, { investigationId, name: parsed.data.name, userId: user.id });
  await audit(context.app, { action: "version.created", actorId: user.id, investigationId, details: { name: version.name } });
  return { ok: true as const, created: version.name, id: version.id };
}

export default function InvestigationHistory() {
  const { investigationId, page, pages, total, changes, versions, mayCreate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/onderzoeken/${investigationId}/geschiedenis`;
  return (
    <>
      <h2>Geschiedenis</h2>
      <section className="history-section" aria-labelledby="versies-kop">
        <h3 id="versies-kop">Versies</h3>
        <p className="muted">Een versie legt de tijdlijn en de analyse vast zoals ze nu zijn. U kunt een versie bekijken en, als procesbegeleider of onderzoeker, terugzetten.</p>
        {mayCreate ? (
          <Form method="post" noValidate className="history-create" aria-label="Nieuwe versie vastleggen">
            <TextField
              name="name"
              label="Naam van de versie"
              hint="Bijvoorbeeld ‘Begin commentaarronde 1’."
              maxLength={200}
              defaultValue={actionData && !actionData.ok ? actionData.name : ""}
              error={actionData && !actionData.ok ? actionData.error : undefined}
              key={actionData?.ok ? actionData.id : "form"}
            />
            <button type="submit" className="button" disabled={busy}>
              Versie vastleggen
            </button>
          </Form>
        ) : null}
        {actionData?.ok ? (
          <p className="alert alert--ok" role="status">
            {`Versie ‘${actionData.created}’ is vastgelegd.`}
          </p>
        ) : null}
        {versions.length === 0 ? (
          <p className="empty">Er zijn nog geen versies vastgelegd.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Vastgelegde versies, nieuwste eerst</caption>
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Vastgelegd door</th>
                  <th scope="col">Wanneer</th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">
                      <Link to={`${base}/${v.id}`}>{v.name}</Link>
                    </th>
                    <td>{v.person}</td>
                    <td>
                      <time dateTime={v.atIso}>{v.at}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="history-section" aria-labelledby="wijzigingen-kop">
        <h3 id="wijzigingen-kop">Wie wijzigde wat</h3>
        {total === 0 ? (
          <p className="empty">Er is nog niets gewijzigd op de tijdlijn of in de analyse.</p>
        ) : (
          <>
            <p className="muted">
              {total === 1 ? "1 wijziging" : `${total} wijzigingen`}, nieuwste eerst. Tijden in Nederlandse tijd.
            </p>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">Wijzigingen, pagina {page} van {pages}</caption>
                <thead>
                  <tr>
                    <th scope="col">Wanneer</th>
                    <th scope="col">Wie</th>
                    <th scope="col">Wat</th>
                  </tr>
                </thead>
                <tbody>
                  {changes.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <time dateTime={c.atIso}>{c.at}</time>
                      </td>
                      <td>{c.person}</td>
                      <td>
                        <EntityList entities={c.entities} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 ? (
              <nav className="history-pager" aria-label="Pagina’s met wijzigingen">
                {page > 1 ? <Link to={page === 2 ? base : `${base}?pagina=${page - 1}`}>Nieuwere wijzigingen</Link> : null}
                <span>
                  Pagina {page} van {pages}
                </span>
                {page < pages ? <Link to={`${base}?pagina=${page + 1}`}>Oudere wijzigingen</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}

function EntityList({ entities }: { entities: string[] }) {
  if (entities.length === 0) return <span className="muted">Geen onderdeel vastgelegd</span>;
  const shown = entities.slice(0, SHOWN_ENTITIES);
  const rest = entities.slice(SHOWN_ENTITIES);
  return (
    <>
      <ul className="history-entities">
        {shown.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
      {rest.length > 0 ? (
        <details>
          <summary>en nog {rest.length} andere</summary>
          <ul className="history-entities">
            {rest.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
