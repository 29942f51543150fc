// Privacy (issue 16): the persons this investigation holds data on, with the data-subject rights
// (export, erase) and closing the investigation for the retention period. Procesbegeleider only.
import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-privacy";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { erasePerson, listPersons, PERSON_KIND_LABELS, PERSON_KINDS, PrivacyError, restrictedPersons, setRestriction, type PersonKind } from "../../server/privacy/persons.ts";
import { closeInvestigation, RetentionError } from "../../server/privacy/retention.ts";

export const meta: Route.MetaFunction = () => [{ title: "Privacy – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "privacy.manage");
  const [inv] = await context.app.db
    .select({ closedAt: schema.investigations.closedAt, retentionUntil: schema.investigations.retentionUntil })
    .from(schema.investigations)
    .where(eq(schema.investigations.id, investigationId));
  const [persons, restricted] = await Promise.all([listPersons(context.app, investigationId), restrictedPersons(context.app.db, investigationId)]);
  return {
    investigationId,
    closed: !!inv?.closedAt,
    retentionUntil: inv?.retentionUntil ?? null,
    persons: persons.map((p) => ({ ...p, kindLabel: PERSON_KIND_LABELS[p.kind], restricted: restricted.has(`${p.kind}:${p.key}`) })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "privacy.manage");
  const values = await formValues(request);
  try {
    if (values.intent === "close") {
      const { retentionUntil } = await closeInvestigation(context.app, user.id, investigationId);
      return { ok: true, message: `Het onderzoek is afgesloten. Het wordt na ${retentionUntil} verwijderd.` };
    }
    const kind = values.kind as PersonKind;
    const person = PERSON_KINDS.includes(kind) && values.key ? { kind, key: values.key } : null;
    if (["erase", "restrict", "unrestrict"].includes(values.intent ?? "") && !person) return data({ ok: false, message: "Kies een persoon." }, { status: 400 });
    if (values.intent === "erase") {
      await erasePerson(context.app, user.id, investigationId, person!.kind, person!.key);
      return { ok: true, message: "De gegevens van deze persoon zijn gewist." };
    }
    if (values.intent === "restrict" || values.intent === "unrestrict") {
      await setRestriction(context.app, user.id, investigationId, person!.kind, person!.key, values.intent === "restrict");
      return { ok: true, message: values.intent === "restrict" ? "De verwerking is beperkt: de persoon staat niet meer in nieuwe exports." : "De beperking is opgeheven." };
    }
    return data({ ok: false, message: "Onbekende handeling." }, { status: 400 });
  } catch (err) {
    if (err instanceof PrivacyError) return data({ ok: false, message: err.message }, { status: err.status });
    if (err instanceof RetentionError) return data({ ok: false, message: err.message }, { status: 409 });
    throw err;
  }
}

export default function Privacy() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h2>Privacy</h2>
      {result ? (
        <p role={result.ok ? "status" : "alert"} className={result.ok ? "notice" : "error"}>
          {result.message}
        </p>
      ) : null}
      <h3>Personen in dit onderzoek</h3>
      <p className="muted">
        Gegevens exporteren geeft alles wat over de persoon is vastgelegd (JSON). Beperken houdt de persoon buiten nieuwe exports van het rapport en
        verbergt een commissielid voor de andere deelnemers. Wissen kan niet voor wie in een ingediende rapportversie staat: die
        versies zijn aan de toezichthouder verstuurd en blijven bewaard (AVG art. 17 lid 3 onder b).
      </p>
      {d.persons.length === 0 ? (
        <div className="empty">Er zijn geen personen vastgelegd.</div>
      ) : (
        <div className="table-scroll" role="region" aria-label="Personen" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Persoon</th>
                <th scope="col">Soort</th>
                <th scope="col">Gegevens</th>
                <th scope="col">Handelingen</th>
              </tr>
            </thead>
            <tbody>
              {d.persons.map((p) => (
                <tr key={`${p.kind}:${p.key}`}>
                  <td>
                    {p.label}
                    {p.restricted ? <span className="muted"> (beperkt)</span> : null}
                  </td>
                  <td>{p.kindLabel}</td>
                  <td className="muted">{p.detail}</td>
                  <td>
                    <a href={`/onderzoeken/${d.investigationId}/privacy/export?soort=${p.kind}&sleutel=${encodeURIComponent(p.key)}`}>Gegevens exporteren</a>{" "}
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value={p.restricted ? "unrestrict" : "restrict"} />
                      <input type="hidden" name="kind" value={p.kind} />
                      <input type="hidden" name="key" value={p.key} />
                      <button type="submit" className="secondary">
                        {p.restricted ? "Beperking opheffen" : "Beperken"}
                      </button>
                    </Form>{" "}
                    <Form method="post" style={{ display: "inline" }}>
                      <input type="hidden" name="intent" value="erase" />
                      <input type="hidden" name="kind" value={p.kind} />
                      <input type="hidden" name="key" value={p.key} />
                      <button type="submit" className="secondary">
                        Wissen
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Bewaartermijn</h3>
      {d.closed ? (
        <p>Dit onderzoek is afgesloten. Het wordt met alle gegevens, het logboek van de wijzigingen en de momentopnamen verwijderd na {d.retentionUntil}.</p>
      ) : (
        <Form method="post">
          <p className="muted">Na afsluiten geldt de bewaartermijn van uw organisatie; daarna verwijdert Ketenlijn het onderzoek met alle gegevens.</p>
          <input type="hidden" name="intent" value="close" />
          <button type="submit">Onderzoek afsluiten</button>
        </Form>
      )}
    </>
  );
}
