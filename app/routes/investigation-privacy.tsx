// Privacy (issue 16): the persons this investigation holds data on, with the data-subject rights
// (export, restrict, erase), closing the investigation for the retention period and setting the
// retention period of the procesbegeleider's own organisation. Procesbegeleider only.
import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-privacy";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { eq } from "drizzle-orm";
import { addDays, formatDutchDate } from "~/domain/calendar-date.ts";
import { schema } from "../../db/client.ts";
import { erasePerson, listPersons, PERSON_KIND_LABELS, PERSON_KINDS, restrictedPersons, setRestriction, type PersonKind } from "../../server/privacy/persons.ts";
import {
  closeInvestigation,
  DEFAULT_RETENTION_YEARS,
  MAX_RETENTION_YEARS,
  MIN_RETENTION_YEARS,
  organisationRetention,
  parseRetentionYears,
  setOrganisationRetention,
} from "../../server/privacy/retention.ts";
import { UserError } from "~/domain/errors.ts";

export const meta: Route.MetaFunction = () => [{ title: "Privacy – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "privacy.manage");
  const [inv] = await context.app.db
    .select({ closedAt: schema.investigations.closedAt, retentionUntil: schema.investigations.retentionUntil })
    .from(schema.investigations)
    .where(eq(schema.investigations.id, investigationId));
  const [persons, restricted, organisation] = await Promise.all([
    listPersons(context.app, investigationId),
    restrictedPersons(context.app.db, investigationId),
    organisationRetention(context.app, membership.organisationId),
  ]);
  const retentionUntil = inv?.retentionUntil ?? null;
  return {
    investigationId,
    closed: !!inv?.closedAt,
    retentionUntil: retentionUntil ? formatDutchDate(retentionUntil) : null,
    // The job loop deletes it the day after the retention date (server/privacy/retention.ts).
    deletedOn: retentionUntil ? formatDutchDate(addDays(retentionUntil, 1)) : null,
    organisation,
    defaultYears: DEFAULT_RETENTION_YEARS,
    yearsBounds: { min: MIN_RETENTION_YEARS, max: MAX_RETENTION_YEARS },
    persons: persons.map((p) => ({ ...p, kindLabel: PERSON_KIND_LABELS[p.kind], restricted: restricted.has(`${p.kind}:${p.key}`) })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "privacy.manage");
  const values = await formValues(request);
  try {
    if (values.intent === "close") {
      const { retentionUntil } = await closeInvestigation(context.app, user.id, investigationId);
      return { ok: true, message: `Het onderzoek is afgesloten. Het wordt na ${formatDutchDate(retentionUntil)} verwijderd.` };
    }
    if (values.intent === "retention") {
      // Only the organisation of the procesbegeleider's own membership: never one chosen in the form.
      if (!membership.organisationId) return data({ ok: false, message: "U bent in dit onderzoek niet aan een organisatie gekoppeld; er is geen bewaartermijn om in te stellen." }, { status: 409 });
      const parsed = parseRetentionYears(values.years);
      if (!parsed.ok) return data({ ok: false, message: parsed.message }, { status: 400 });
      await setOrganisationRetention(context.app, user.id, investigationId, membership.organisationId, parsed.years);
      return { ok: true, message: `De bewaartermijn van uw organisatie is ${parsed.years} jaar. Dat geldt voor onderzoeken die vanaf nu worden afgesloten.` };
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
      return { ok: true, message: values.intent === "restrict" ? "De verwerking is beperkt: de persoon staat niet meer in nieuwe exports en is voor de andere deelnemers afgeschermd." : "De beperking is opgeheven." };
    }
    return data({ ok: false, message: "Onbekende handeling." }, { status: 400 });
  } catch (err) {
    if (err instanceof UserError) return data({ ok: false, message: err.message }, { status: err.status });
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
        schermt de persoon af voor de andere deelnemers (commissie, rondes en gesprekken). Wissen kan niet voor wie in een ingediende rapportversie staat: die
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
                      <button
                        type="submit"
                        className="secondary"
                        onClick={(e) => {
                          if (!confirm(`De gegevens van ${p.label} wissen? Dit kan niet ongedaan worden gemaakt.`)) e.preventDefault();
                        }}
                      >
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
        <p>
          Dit onderzoek is afgesloten en wordt bewaard tot en met {d.retentionUntil}. Op {d.deletedOn} verwijdert Ketenlijn het met alle gegevens, het logboek van
          de wijzigingen en de momentopnamen.
        </p>
      ) : (
        <Form method="post">
          <p className="muted">Na afsluiten geldt de bewaartermijn van uw organisatie; daarna verwijdert Ketenlijn het onderzoek met alle gegevens.</p>
          <input type="hidden" name="intent" value="close" />
          <button
            type="submit"
            onClick={(e) => {
              if (!confirm("Het onderzoek afsluiten? Na de bewaartermijn verwijdert Ketenlijn het met alle gegevens.")) e.preventDefault();
            }}
          >
            Onderzoek afsluiten
          </button>
        </Form>
      )}
      <h3 id="h-retention">Bewaartermijn van uw organisatie</h3>
      {d.organisation ? (
        <Form method="post" aria-labelledby="h-retention">
          <p>
            De bewaartermijn van {d.organisation.name} is nu <strong>{d.organisation.years} jaar</strong> na het afsluiten van een onderzoek. Een wijziging geldt
            voor onderzoeken die daarna worden afgesloten; een al afgesloten onderzoek houdt zijn datum.
          </p>
          <input type="hidden" name="intent" value="retention" />
          <label htmlFor="retention-years">Bewaartermijn in jaren ({d.yearsBounds.min} tot en met {d.yearsBounds.max})</label>{" "}
          <input id="retention-years" name="years" type="number" min={d.yearsBounds.min} max={d.yearsBounds.max} step={1} defaultValue={d.organisation.years} required />{" "}
          <button type="submit" className="secondary">
            Bewaartermijn opslaan
          </button>
        </Form>
      ) : (
        <p className="muted">U bent in dit onderzoek niet aan een organisatie gekoppeld. Bij afsluiten geldt de standaardtermijn van {d.defaultYears} jaar.</p>
      )}
    </>
  );
}
