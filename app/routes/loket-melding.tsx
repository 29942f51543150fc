import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/loket-melding";
import loketCss from "~/components/loket/loket.css?url";
import { FormError, SelectField, TextArea, TextField } from "~/components/Field.tsx";
import { labelOf } from "~/components/loket/labels.ts";
import { DECISIONS, LOKET_SUPERVISORS, STATUSES, SUPERVISOR_DECISIONS, meldingReference } from "~/domain/loket/fields.ts";
import { parseScreeningForm } from "~/domain/loket/forms.ts";
import { canLoket, meldingView } from "~/domain/policy.ts";
import { formatDutchDateShort } from "~/domain/calendar-date.ts";
import { formValues, notFound } from "~/lib/guards.server.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { auditView, getMelding, readMeldingIdentity, screenMelding } from "../../server/loket/meldingen.ts";
import { deadlinesOf } from "../../server/deadlines.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: loketCss }];
export const meta: Route.MetaFunction = ({ data }) => [{ title: `${data?.reference ?? "Melding"} – Incidentenloket – Ketenlijn` }];

const dateOrDash = (d: string | null) => (d ? formatDutchDateShort(d) : "—");
const moment = new Intl.DateTimeFormat("nl-NL", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Amsterdam" });

async function load(context: Route.LoaderArgs["context"], request: Request, id: string) {
  const { user, actor } = await requireLoket(context, request, "melding.submit");
  const m = await getMelding(context.app, id);
  const view = m ? meldingView(actor, m) : null;
  if (!m || !view) notFound();
  return { user, actor, m, view };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, actor, m, view } = await load(context, request, params.meldingId);
  const identity = canLoket(actor, "melding.identity") ? await readMeldingIdentity(context.app, user.id, m.id) : null;
  if (!canLoket(actor, "melding.identity")) await auditView(context.app, user.id, m.id);
  const deadlines = m.investigationId && view === "full" ? await deadlinesOf(context.app, m.investigationId) : [];
  return {
    view,
    id: m.id,
    reference: meldingReference(m.receivedOn, m.seq),
    facts: [
      ["Ontvangen op", dateOrDash(m.receivedOn)],
      ["Hoe binnengekomen", labelOf.channel(m.channel)],
      ["Meldende organisatie", m.reportingOrganisation],
      ["Wettelijk kader", labelOf.frame(m.legalFrame)],
      ["Meldcriterium", labelOf.criterion(m.criterion)],
      ["Categorie", labelOf.category(m.category)],
      ["Calamiteit (meldplicht)", m.meldplicht ? "Ja" : "Nee"],
      ["Impact (4 P’s)", labelOf.impacts(m.impacts)],
      ["Datum voorval", dateOrDash(m.eventDate)],
      ["Urgentie", labelOf.urgency(m.urgency)],
    ] as [string, string][],
    description: m.description,
    status: m.status,
    statusLabel: labelOf.status(m.status),
    decision: m.decision,
    decisionLabel: m.decision ? labelOf.decision(m.decision) : null,
    decidedBy: view === "full" ? m.decidedByName : null,
    decidedAt: m.decidedAt ? moment.format(m.decidedAt) : null,
    screening:
      view === "full"
        ? {
            screeningNote: m.screeningNote,
            supervisor: m.supervisor ?? "",
            supervisorDecision: m.supervisorDecision ?? "",
            supervisorReportedOn: m.supervisorReportedOn ?? "",
            supervisorOutcome: m.supervisorOutcome,
          }
        : null,
    identity: identity ? { name: identity.name, dateOfBirth: dateOrDash(identity.dateOfBirth) } : null,
    investigationId: view === "full" ? m.investigationId : null,
    deadlines: deadlines
      .filter((d) => d.dueDate)
      .map((d) => ({ key: d.key, label: d.label, due: formatDutchDateShort(d.dueDate!), done: !!d.doneAt, status: d.status })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, actor, m } = await load(context, request, params.meldingId);
  if (!canLoket(actor, "melding.screen")) throw data({ message: "Alleen het incidentenloket screent meldingen." }, { status: 403 });
  const values = await formValues(request);
  const parsed = parseScreeningForm(values, { decision: m.decision });
  if (!parsed.ok) return data({ errors: parsed.errors, values, saved: false }, { status: 400 });
  await screenMelding(context.app, user.id, m.id, parsed.data, { decision: m.decision });
  return { errors: {} as Record<string, string>, values, saved: true };
}

export default function MeldingDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors ?? {};
  const values = actionData && !actionData.saved ? actionData.values : null;
  const v = (k: keyof NonNullable<typeof d.screening>) => (values ? (values[k] ?? "") : (d.screening?.[k] ?? ""));
  return (
    <div className="page">
      <p>
        <Link to="/loket/meldingen">{d.view === "full" ? "← Alle meldingen" : "← Mijn meldingen"}</Link>
      </p>
      <h1>Melding {d.reference}</h1>
      <div className="form-grid">
        <section className="panel" aria-labelledby="h-melding">
          <h2 id="h-melding">Gegevens van de melding</h2>
          <dl className="meta">
            {d.facts.map(([k, val]) => (
              <div key={k} style={{ display: "contents" }}>
                <dt>{k}</dt>
                <dd>{val}</dd>
              </div>
            ))}
          </dl>
          <h3>Omschrijving</h3>
          <p style={{ whiteSpace: "pre-wrap" }}>{d.description}</p>
        </section>
        <section className="panel" aria-labelledby="h-stand">
          <h2 id="h-stand">Stand van zaken</h2>
          <p>
            Status: <strong>{d.statusLabel}</strong>
          </p>
          {d.decisionLabel ? (
            <p>
              Besluit: <strong>{d.decisionLabel}</strong>
              {d.decidedBy ? `, door ${d.decidedBy}` : ""}
              {d.decidedAt ? ` op ${d.decidedAt}` : ""}
            </p>
          ) : (
            <p className="muted">Nog geen besluit.</p>
          )}
          {d.investigationId ? (
            <p>
              <Link to={`/onderzoeken/${d.investigationId}`}>Naar het leeronderzoek</Link>
            </p>
          ) : null}
          {d.view === "full" && !d.investigationId && d.decision !== "leeronderzoek" ? (
            <p>
              <Link to={`/loket/meldingen/${d.id}/leeronderzoek`} className="button">
                Leeronderzoek starten
              </Link>
            </p>
          ) : null}
          {d.deadlines.length ? (
            <>
              <h3>Termijnen van het leeronderzoek</h3>
              <ul>
                {d.deadlines.map((t) => (
                  <li key={t.key}>
                    {t.label}: {t.due} {t.done ? <span className="badge badge--done">gedaan</span> : t.status === "overdue" ? <span className="badge badge--overdue">te laat</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      </div>
      {d.identity ? (
        <section className="panel restricted" aria-labelledby="h-client">
          <h2 id="h-client">Cliënt (afgeschermd)</h2>
          <p className="muted">Alleen zichtbaar voor het incidentenloket. Deze inzage is vastgelegd.</p>
          <dl className="meta">
            <dt>Naam</dt>
            <dd>{d.identity.name || "—"}</dd>
            <dt>Geboortedatum</dt>
            <dd>{d.identity.dateOfBirth}</dd>
          </dl>
        </section>
      ) : null}
      {d.screening ? (
        <section className="panel" aria-labelledby="h-screening">
          <h2 id="h-screening">Screening en vervolg</h2>
          {actionData?.saved ? (
            <div className="alert alert--ok" role="status">
              De screening is opgeslagen.
            </div>
          ) : null}
          <Form method="post" noValidate>
            <FormError message={Object.keys(errors).length ? "De screening bevat fouten. Ze staan bij de velden hieronder." : undefined} />
            <div className="form-grid">
              <SelectField name="status" label="Status" options={STATUSES} defaultValue={values?.status ?? d.status} error={errors.status} required />
              <SelectField
                name="decision"
                label="Besluit"
                options={d.decision === "leeronderzoek" ? DECISIONS : Object.fromEntries(Object.entries(DECISIONS).filter(([k]) => k !== "leeronderzoek"))}
                placeholder="Nog geen besluit"
                defaultValue={values?.decision ?? d.decision ?? ""}
                error={errors.decision}
              />
            </div>
            <TextArea name="screeningNote" label="Notitie bij de screening" defaultValue={v("screeningNote")} error={errors.screeningNote} hint="Zonder naam van de cliënt." />
            <fieldset className="loket-impacts">
              <legend>Toezichthouder (bij een calamiteit)</legend>
              <div className="form-grid">
                <SelectField name="supervisor" label="Toezichthouder" options={LOKET_SUPERVISORS} placeholder="Geen / nog niet bekend" defaultValue={v("supervisor")} error={errors.supervisor} />
                <TextField name="supervisorReportedOn" label="Gemeld bij toezichthouder op" type="date" defaultValue={v("supervisorReportedOn")} error={errors.supervisorReportedOn} />
                <SelectField name="supervisorDecision" label="Besluit toezichthouder" options={SUPERVISOR_DECISIONS} placeholder="Nog geen besluit" defaultValue={v("supervisorDecision")} error={errors.supervisorDecision} />
              </div>
              <TextArea name="supervisorOutcome" label="Uitkomst" defaultValue={v("supervisorOutcome")} error={errors.supervisorOutcome} rows={2} />
            </fieldset>
            <div className="actions">
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Bezig met opslaan…" : "Screening opslaan"}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
