import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/investigation-rounds-new";
import { FormError } from "~/components/Field.tsx";
import { formatDutchDate } from "~/domain/calendar-date.ts";
import { fieldErrors } from "~/domain/forms.ts";
import { documentChoiceSchema, linkInviteeSchema, type LinkInviteeInput } from "~/domain/rounds/forms.ts";
import { interviewTitle } from "~/domain/rounds/freeze.ts";
import { RELATION_SUGGESTIONS } from "~/domain/rounds/kinds.ts";
import { roundDeadline } from "~/domain/rounds/terms.ts";
import { todayInAmsterdam } from "~/domain/workdays.server.ts";
import { readForm, requireInvestigation } from "~/lib/guards.server.ts";
import { listInterviews } from "../../server/rounds/interviews.ts";
import { invitableMembers, openRound } from "../../server/rounds/rounds.ts";
import { formErrors, UserError } from "~/domain/errors.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nieuwe reactieronde – Ketenlijn" }];

const LINK_ROWS = 3;

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "rounds.manage");
  const [interviews, members] = await Promise.all([listInterviews(context.app, investigationId), invitableMembers(context.app, investigationId)]);
  const today = todayInAmsterdam(context.app.clock.now());
  const url = new URL(request.url);
  return {
    investigationId,
    preselect: url.searchParams.get("document") ?? "draft_report",
    today: formatDutchDate(today),
    deadlines: {
      draft_report: formatDutchDate(roundDeadline("draft_report", today).deadlineDate),
      interview: formatDutchDate(roundDeadline("interview", today).deadlineDate),
    },
    interviews: interviews.map((i) => ({ id: i.id, title: interviewTitle(i), heldOn: formatDutchDate(i.heldOn) })),
    members: members.map((m) => ({ userId: m.userId, name: m.name, organisation: m.organisation })),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "rounds.manage");
  const form = await readForm(request);
  const get = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : "";
  };
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && k !== "members") values[k] = v;
  const memberIds = form.getAll("members").filter((v): v is string => typeof v === "string");
  const errors: Record<string, string> = {};
  const document = documentChoiceSchema.safeParse(get("document"));
  if (!document.success) errors.document = document.error.issues[0].message;
  const linkInvitees: LinkInviteeInput[] = [];
  for (let i = 0; i < LINK_ROWS; i++) {
    const row = { name: get(`name${i}`), email: get(`email${i}`), relation: get(`relation${i}`) };
    if (!row.name.trim() && !row.email.trim() && !row.relation.trim()) continue;
    const parsed = linkInviteeSchema.safeParse(row);
    if (parsed.success) linkInvitees.push(parsed.data);
    else for (const [k, m] of Object.entries(fieldErrors(parsed.error))) errors[`${k}${i}`] = m;
  }
  if (Object.keys(errors).length) return data({ errors: { _form: "Het formulier bevat fouten.", ...errors }, values, memberIds }, { status: 400 });
  try {
    const choice = document.data!;
    const roundId = await openRound(
      context.app,
      user,
      investigationId,
      { document: choice === "draft_report" ? "draft_report" : { interviewId: choice.slice("interview:".length) }, memberIds, linkInvitees },
      context.baseUrl,
    );
    throw redirect(`/onderzoeken/${investigationId}/rondes/${roundId}?geopend=1`);
  } catch (err) {
    if (err instanceof UserError) return data({ errors: formErrors(err, { alsoForm: true }), values, memberIds }, { status: err.status });
    throw err;
  }
}

export default function NewRound() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const values: Record<string, string> = actionData?.values ?? {};
  const checked = new Set(actionData?.memberIds ?? []);
  const busy = useNavigation().state === "submitting";
  const documentValue = values.document ?? d.preselect;
  const rowField = (i: number, name: "name" | "email" | "relation", label: string, type = "text", extra: Record<string, string> = {}) => {
    const key = `${name}${i}`;
    const err = errors[key];
    return (
      <div className={`field${err ? " field--error" : ""}`}>
        <label htmlFor={`f-${key}`}>{label}</label>
        <input id={`f-${key}`} name={key} type={type} defaultValue={values[key] ?? ""} aria-invalid={err ? true : undefined} aria-describedby={err ? `f-${key}-error` : undefined} {...extra} />
        {err ? (
          <p className="field__error" id={`f-${key}-error`}>
            {err}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <>
      <p>
        <Link to={`/onderzoeken/${d.investigationId}/rondes`}>Terug naar het register</Link>
      </p>
      <h2 id="h-new-round">Nieuwe reactieronde openen</h2>
      <p className="muted">
        Bij het openen wordt het document vastgelegd zoals het nu is: wie reageert, ziet alleen die versie. De termijn begint vandaag ({d.today}).
      </p>
      <Form method="post" className="panel" noValidate aria-labelledby="h-new-round">
        <FormError message={errors._form} />
        <div className={`field${errors.document ? " field--error" : ""}`}>
          <label htmlFor="f-document">Document</label>
          <select id="f-document" name="document" defaultValue={documentValue} aria-invalid={errors.document ? true : undefined} aria-describedby={errors.document ? "f-document-error" : "f-document-hint"}>
            <option value="draft_report">Conceptrapport — 4 weken, tot en met {d.deadlines.draft_report}</option>
            {d.interviews.map((i) => (
              <option key={i.id} value={`interview:${i.id}`}>
                {i.title} ({i.heldOn}) — 2 weken, tot en met {d.deadlines.interview}
              </option>
            ))}
          </select>
          <p className="field__hint" id="f-document-hint">
            Gespreksverslag: reactie op feitelijke onjuistheden binnen 2 weken. Conceptrapport: reactie op de inhoud binnen 4 weken, ondertekend.
          </p>
          {errors.document ? (
            <p className="field__error" id="f-document-error">
              {errors.document}
            </p>
          ) : null}
        </div>

        <fieldset aria-describedby={errors.members ? "f-members-error" : undefined}>
          <legend>Deelnemers die in Ketenlijn reageren</legend>
          {d.members.length === 0 ? <p className="muted">Geen deelnemers die kunnen reageren (ketenpartners en onderzoekers).</p> : null}
          {d.members.map((m) => (
            <div className="check-field" key={m.userId}>
              <input type="checkbox" id={`m-${m.userId}`} name="members" value={m.userId} defaultChecked={checked.has(m.userId)} />
              <label htmlFor={`m-${m.userId}`}>
                {m.name}
                {m.organisation ? ` (${m.organisation})` : ""}
              </label>
            </div>
          ))}
          {errors.members ? (
            <p className="field__error" id="f-members-error">
              {errors.members}
            </p>
          ) : null}
        </fieldset>

        <fieldset>
          <legend>Personen zonder account (zij krijgen een persoonlijke link)</legend>
          <p className="field__hint">Bijvoorbeeld de cliënt, een wettelijk vertegenwoordiger, een nabestaande of de gesproken persoon. Laat een rij leeg als u hem niet nodig heeft.</p>
          <datalist id="relation-suggestions">
            {RELATION_SUGGESTIONS.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          {Array.from({ length: LINK_ROWS }, (_, i) => (
            <div className="form-grid" key={i} role="group" aria-label={`Persoon ${i + 1}`}>
              {rowField(i, "name", `Persoon ${i + 1}: volledige naam`, "text", { autoComplete: "off" })}
              {rowField(i, "email", `Persoon ${i + 1}: e-mailadres`, "email", { autoComplete: "off" })}
              {rowField(i, "relation", `Persoon ${i + 1}: functie of relatie tot de casus`, "text", { list: "relation-suggestions" })}
            </div>
          ))}
          {errors.invitees ? <p className="field__error">{errors.invitees}</p> : null}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          Ronde openen en uitnodigingen versturen
        </button>
      </Form>
    </>
  );
}
