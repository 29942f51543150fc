import { lazy, Suspense, useEffect, useState } from "react";
import { data, Form, Link, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/investigation-interviews-detail";
import { FormError, TextField } from "~/components/Field.tsx";
import roundsCss from "~/components/rounds/rounds.css?url";
import workspaceCss from "~/components/workspace/workspace.css?url";
import { formatDutchDate } from "~/domain/calendar-date.ts";
import { fieldErrors } from "~/domain/forms.ts";
import { can } from "~/domain/policy.ts";
import { interviewSchema } from "~/domain/rounds/forms.ts";
import { interviewTitle } from "~/domain/rounds/freeze.ts";
import { ROUND_STATES } from "~/domain/rounds/kinds.ts";
import { formValues, notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { hiddenPersonsFor, RESTRICTED_INTERVIEW_TITLE, roundTitleFor } from "../../server/privacy/restricted-view.ts";
import { getInterview, updateInterview } from "../../server/rounds/interviews.ts";
import { listRounds } from "../../server/rounds/rounds.ts";

// Client only: Yjs, the websocket and TipTap never load on the server.
const VerslagEditor = lazy(() => import("~/components/rounds/VerslagEditor.tsx"));

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: workspaceCss },
  { rel: "stylesheet", href: roundsCss },
];

export const meta: Route.MetaFunction = ({ data }) => [{ title: data ? `${data.title} – Ketenlijn` : "Gesprek – Ketenlijn" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "interviews.view");
  const interview = await getInterview(context.app, investigationId, params.interviewId);
  if (!interview) notFound();
  const rounds = (await listRounds(context.app, investigationId)).filter((r) => r.interviewId === interview.id);
  // A restricted interviewee (AVG art. 18): their details are not sent to anyone but the
  // procesbegeleider, and nobody else may change them (the verslag itself stays editable).
  const hidden = await hiddenPersonsFor(context.app.db, membership, investigationId);
  const restricted = hidden.interviewee(interview.id);
  const shown = restricted ? { ...interview, personFunction: "", initials: "", organisation: "", relation: "" } : interview;
  return {
    investigationId,
    interview: { ...shown, heldOnText: formatDutchDate(interview.heldOn) },
    title: restricted ? RESTRICTED_INTERVIEW_TITLE : interviewTitle(interview),
    restricted,
    user: { id: user.id, name: user.name },
    edit: can(membership, "interviews.edit") && !restricted,
    canWriteText: can(membership, "interviews.edit") && can(membership, "workspace.write"),
    manageRounds: can(membership, "rounds.manage"),
    rounds: rounds.map((r) => ({ id: r.id, title: roundTitleFor(hidden, r), state: r.state, deadline: formatDutchDate(r.deadlineDate) })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "interviews.edit");
  if ((await hiddenPersonsFor(context.app.db, membership, investigationId)).interviewee(params.interviewId))
    throw data({ message: "De verwerking van de gegevens van deze persoon is beperkt (AVG art. 18). Alleen de procesbegeleider kan ze inzien." }, { status: 403 });
  const values = await formValues(request);
  const parsed = interviewSchema.safeParse(values);
  if (!parsed.success) return data({ ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
  if (!(await updateInterview(context.app, user.id, investigationId, params.interviewId, parsed.data))) notFound();
  return { ok: true, errors: {} as Record<string, string>, values: {} as Record<string, string> };
}

export default function InterviewDetail() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData && !actionData.ok ? actionData.values : {};
  const busy = useNavigation().state === "submitting";
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const i = d.interview;
  return (
    <>
      <p>
        <Link to={`/onderzoeken/${d.investigationId}/gesprekken`}>Alle gesprekken</Link>
      </p>
      <h2>{d.title}</h2>
      {d.restricted ? <p className="muted">De verwerking van de gegevens van de gesproken persoon is beperkt (AVG art. 18); alleen de procesbegeleider ziet ze.</p> : null}
      <dl className="meta">
        <div>
          <dt>Datum</dt>
          <dd>{i.heldOnText}</dd>
        </div>
        <div>
          <dt>Relatie tot de casus</dt>
          <dd>{i.relation || "—"}</dd>
        </div>
        <div>
          <dt>Gesprek gevoerd door</dt>
          <dd>{i.interviewers || "—"}</dd>
        </div>
      </dl>

      <h3 id="h-verslag">Verslag</h3>
      <p className="muted">
        Het verslag wordt live samen geschreven. Een ronde legt de tekst vast zoals hij op dat moment is; latere wijzigingen ziet de gesproken persoon niet.
      </p>
      {mounted ? (
        <Suspense fallback={<p className="muted" role="status">Verslag laden…</p>}>
          <VerslagEditor investigationId={d.investigationId} interviewId={i.id} user={d.user} canWrite={d.canWriteText} labelledBy="h-verslag" />
        </Suspense>
      ) : (
        <p className="muted" role="status">
          Verslag laden…
        </p>
      )}

      <h3>Reactierondes op dit verslag</h3>
      {d.rounds.length ? (
        <ul>
          {d.rounds.map((r) => (
            <li key={r.id}>
              <Link to={`/onderzoeken/${d.investigationId}/rondes/${r.id}`}>{r.title}</Link> · {ROUND_STATES[r.state]} · reageren tot en met {r.deadline}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Er is nog geen ronde op dit verslag.</p>
      )}
      {d.manageRounds ? (
        <p>
          <Link className="button" to={`/onderzoeken/${d.investigationId}/rondes/nieuw?document=interview:${i.id}`}>
            Verslag voorleggen (ronde van 2 weken openen)
          </Link>
        </p>
      ) : null}

      {d.edit ? (
        <details open={Object.keys(errors).length > 0}>
          <summary>Gegevens van het gesprek wijzigen</summary>
          {actionData?.ok ? (
            <div className="alert alert--ok" role="status">
              De gegevens zijn opgeslagen.
            </div>
          ) : null}
          <Form method="post" className="panel" noValidate aria-label="Gegevens van het gesprek">
            <FormError message={errors._form} />
            <div className="form-grid">
              <TextField name="personFunction" label="Functie of rol van de gesproken persoon" defaultValue={values.personFunction ?? i.personFunction} error={errors.personFunction} required />
              <TextField name="initials" label="Initialen" defaultValue={values.initials ?? i.initials} error={errors.initials} maxLength={8} />
              <TextField name="organisation" label="Organisatie" defaultValue={values.organisation ?? i.organisation} error={errors.organisation} />
              <TextField name="relation" label="Relatie tot de casus" defaultValue={values.relation ?? i.relation} error={errors.relation} />
              <TextField name="heldOn" label="Datum gesprek" type="date" defaultValue={values.heldOn ?? i.heldOn} error={errors.heldOn} required />
              <TextField name="interviewers" label="Gesprek gevoerd door" defaultValue={values.interviewers ?? i.interviewers} error={errors.interviewers} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              Gegevens opslaan
            </button>
          </Form>
        </details>
      ) : null}
    </>
  );
}
