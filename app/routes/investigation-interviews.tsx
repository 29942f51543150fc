import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/investigation-interviews";
import { FormError, TextField } from "~/components/Field.tsx";
import { formatDutchDateShort, todayInAmsterdam } from "~/domain/calendar-date.ts";
import { fieldErrors } from "~/domain/forms.ts";
import { can } from "~/domain/policy.ts";
import { interviewSchema } from "~/domain/rounds/forms.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { hiddenPersonsFor, RESTRICTED_PERSON } from "../../server/privacy/restricted-view.ts";
import { createInterview, listInterviews } from "../../server/rounds/interviews.ts";

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Gesprekken – ${parent.investigation.title} – Ketenlijn` : "Gesprekken – Ketenlijn" }];
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "interviews.view");
  const [rows, hidden] = await Promise.all([listInterviews(context.app, investigationId), hiddenPersonsFor(context.app.db, membership, investigationId)]);
  return {
    investigationId,
    edit: can(membership, "interviews.edit"),
    today: todayInAmsterdam(context.app.clock.now()),
    interviews: rows.map((i) => {
      const base = { id: i.id, heldOn: formatDutchDateShort(i.heldOn), interviewers: i.interviewers };
      // A restricted interviewee (AVG art. 18): not named for anyone but the procesbegeleider.
      if (hidden.interviewee(i.id)) return { ...base, who: RESTRICTED_PERSON, organisation: "", relation: "" };
      return { ...base, who: [i.personFunction, i.initials].filter(Boolean).join(" "), organisation: i.organisation, relation: i.relation };
    }),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "interviews.edit");
  const values = await formValues(request);
  const parsed = interviewSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const id = await createInterview(context.app, user.id, investigationId, parsed.data);
  throw redirect(`/onderzoeken/${investigationId}/gesprekken/${id}`);
}

export default function Interviews() {
  const { interviews, edit, investigationId, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h2 id="h-gesprekken">Gesprekken</h2>
      <p className="muted">
        Van elk gesprek (horen) wordt een verslag gemaakt. Het verslag wordt voorgelegd aan wie gesproken is: zij kunnen binnen 2 weken reageren op feitelijke
        onjuistheden (002 stap 5). Open daarvoor een ronde bij het gesprek.
      </p>
      {interviews.length === 0 ? (
        <div className="empty">Er zijn nog geen gesprekken vastgelegd.</div>
      ) : (
        <table>
          <caption className="visually-hidden">Gesprekken in dit onderzoek</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Gesproken met</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Relatie tot de casus</th>
              <th scope="col">Gevoerd door</th>
            </tr>
          </thead>
          <tbody>
            {interviews.map((i) => (
              <tr key={i.id}>
                <td>{i.heldOn}</td>
                <td>
                  <Link to={`/onderzoeken/${investigationId}/gesprekken/${i.id}`}>{i.who}</Link>
                </td>
                <td>{i.organisation || "—"}</td>
                <td>{i.relation || "—"}</td>
                <td>{i.interviewers || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {edit ? (
        <>
          <h2 id="h-new-interview">Gesprek vastleggen</h2>
          <Form method="post" className="panel" noValidate aria-labelledby="h-new-interview">
            <FormError message={errors._form} />
            <div className="form-grid">
              <TextField name="personFunction" label="Functie of rol van de gesproken persoon" defaultValue={values.personFunction} error={errors.personFunction} required
                hint="Beroepskrachten noemen we bij functie en initialen, niet bij naam." />
              <TextField name="initials" label="Initialen" defaultValue={values.initials} error={errors.initials} maxLength={8} />
              <TextField name="organisation" label="Organisatie" defaultValue={values.organisation} error={errors.organisation} />
              <TextField name="relation" label="Relatie tot de casus" defaultValue={values.relation} error={errors.relation} hint="Bijvoorbeeld: casusregisseur, nabestaande, wijkverpleegkundige." />
              <TextField name="heldOn" label="Datum gesprek" type="date" defaultValue={values.heldOn ?? today} error={errors.heldOn} required />
              <TextField name="interviewers" label="Gesprek gevoerd door" defaultValue={values.interviewers} error={errors.interviewers} hint="Namen of functies van de onderzoekers." />
            </div>
            <button type="submit" className="button" disabled={busy}>
              Gesprek vastleggen
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
