import { data, Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "react-router";
import type { Route } from "./+types/investigation-deadlines";
import { z } from "zod";
import { DeadlineBadge } from "~/components/DeadlineBadge.tsx";
import { deadlineChangeSchema, fieldErrors } from "~/domain/forms.ts";
import { can } from "~/domain/policy.ts";
import { formatDutchDate, formatDutchDateShort } from "~/domain/calendar-date.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { changeDeadline, deadlinesOf, setDeadlineDone } from "../../server/deadlines.ts";
import { formatInstant } from "~/domain/rounds/state.ts";
import { hiddenPersonsFor, roundTitleFor } from "../../server/privacy/restricted-view.ts";
import { roundTerms } from "../../server/rounds/term-summary.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership } = await requireInvestigation(context, request, params.id, "deadlines.view");
  // The rounds' legal terms and their reminders sit beside the protocol's deadlines (issue 15).
  const [deadlines, terms, hidden] = await Promise.all([deadlinesOf(context.app, params.id), roundTerms(context.app, params.id), hiddenPersonsFor(context.app.db, membership, params.id)]);
  const rounds = can(membership, "rounds.view")
    ? terms.map((t) => ({
        id: t.id,
        title: roundTitleFor(hidden, t),
        termWeeks: t.termWeeks,
        start: formatDutchDateShort(t.startDate),
        deadline: formatInstant(t.deadlineAt),
        extendedFrom: t.deadlineDate !== t.originalDeadlineDate ? formatDutchDateShort(t.originalDeadlineDate) : null,
        ended: t.ended,
        reminder: t.reminder.text,
        reminderStatus: t.reminder.status,
      }))
    : [];
  return { deadlines, rounds, editable: can(membership, "deadlines.edit") };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "deadlines.edit");
  const values = await formValues(request);
  if (values.intent === "done" || values.intent === "undone") {
    const key = z.string().min(1).max(60).safeParse(values.key);
    if (!key.success || !(await setDeadlineDone(context.app, user.id, params.id, key.data, values.intent === "done")))
      return data({ key: values.key, errors: { _form: "Deze termijn bestaat niet." } as Record<string, string>, values }, { status: 404 });
    return { key: values.key, errors: {}, values: {} };
  }
  const parsed = deadlineChangeSchema.safeParse(values);
  if (!parsed.success) return data({ key: values.key, errors: fieldErrors(parsed.error), values }, { status: 400 });
  if (!(await changeDeadline(context.app, user.id, params.id, parsed.data)))
    return data({ key: values.key, errors: { _form: "Deze termijn bestaat niet." } as Record<string, string>, values }, { status: 404 });
  return { key: values.key, errors: {}, values: {} };
}

export default function Deadlines() {
  const { deadlines, rounds, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const roundsSection = <RoundTerms rounds={rounds} />;
  if (deadlines.length === 0)
    return (
      <>
        <div className="empty">Er zijn nog geen termijnen. Vul de datum van de calamiteit en van de melding in bij Gegevens.</div>
        {roundsSection}
      </>
    );
  return (
    <>
      <h2>Termijnenplan</h2>
      <p className="muted">
        Standaardtermijnen volgens het protocol (werkdagen zonder weekenden en Nederlandse feestdagen; een termijn die op een zaterdag, zondag of feestdag eindigt, loopt door tot de eerstvolgende werkdag; tijdzone Europe/Amsterdam).
        {editable ? " Een gewijzigde datum vraagt om een reden en wordt vastgelegd in het logboek." : ""}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Termijn</th>
              <th scope="col">Uiterste datum</th>
              <th scope="col">Status</th>
              <th scope="col">Regel en bron</th>
            </tr>
          </thead>
          <tbody>
            {deadlines.map((d) => {
              const errors: Record<string, string> = actionData?.key === d.key ? (actionData.errors as Record<string, string>) : {};
              const vals = actionData?.key === d.key ? (actionData.values as Record<string, string>) : {};
              return (
                <tr key={d.key}>
                  <th scope="row">{d.label}</th>
                  <td>
                    {d.dueDate ? formatDutchDate(d.dueDate) : <span className="muted">Nog niet te berekenen</span>}
                    {d.relative ? <div className="muted">{d.relative}</div> : null}
                    {d.note ? (
                      <div className="muted" data-term-note>
                        {d.note}
                      </div>
                    ) : null}
                    {d.overridden ? (
                      <div className="muted">
                        Aangepast (berekend: {d.computedDate ? formatDutchDateShort(d.computedDate) : "—"}). Reden: {d.overrideReason}
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <DeadlineBadge status={d.status} />
                    {d.doneAt ? <div className="muted">op {formatDutchDateShort(d.doneAt)}</div> : null}
                  </td>
                  <td>
                    {d.rule}
                    <div className="muted">{d.source}</div>
                    {editable ? (
                      <details open={Object.keys(errors).length > 0}>
                        <summary>
                          Wijzigen<span className="visually-hidden"> {d.label}</span>
                        </summary>
                        <Form method="post" noValidate>
                          <input type="hidden" name="key" value={d.key} />
                          {errors._form ? <p className="field__error">{errors._form}</p> : null}
                          <div className={`field${errors.date ? " field--error" : ""}`}>
                            <label htmlFor={`date-${d.key}`}>Nieuwe datum</label>
                            <input id={`date-${d.key}`} name="date" type="date" defaultValue={vals.date ?? d.dueDate ?? ""} aria-invalid={errors.date ? true : undefined}
                              aria-describedby={errors.date ? `date-${d.key}-error` : undefined} />
                            {errors.date ? <p className="field__error" id={`date-${d.key}-error`}>{errors.date}</p> : null}
                          </div>
                          <div className={`field${errors.reason ? " field--error" : ""}`}>
                            <label htmlFor={`reason-${d.key}`}>Reden</label>
                            <input id={`reason-${d.key}`} name="reason" defaultValue={vals.reason ?? ""} aria-invalid={errors.reason ? true : undefined}
                              aria-describedby={errors.reason ? `reason-${d.key}-error` : undefined} />
                            {errors.reason ? <p className="field__error" id={`reason-${d.key}-error`}>{errors.reason}</p> : null}
                          </div>
                          <div className="actions">
                            <button type="submit" name="intent" value="change" className="button" disabled={busy}>
                              Datum opslaan
                            </button>
                            <button type="submit" name="intent" value={d.doneAt ? "undone" : "done"} className="button button--secondary" disabled={busy}>
                              {d.doneAt ? "Markeer als open" : "Markeer als afgerond"}
                            </button>
                          </div>
                        </Form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {roundsSection}
    </>
  );
}

type RoundTermRow = { id: string; title: string; termWeeks: number; start: string; deadline: string; extendedFrom: string | null; ended: boolean; reminder: string; reminderStatus: string };

/** The comment rounds' terms (2 or 4 weeks, ADR 0005) and their reminders, when and whether sent. */
function RoundTerms({ rounds }: { rounds: RoundTermRow[] }) {
  const params = useParams();
  return (
    <section aria-labelledby="h-round-terms">
      <h3 id="h-round-terms">Termijnen van de reactierondes</h3>
      {rounds.length === 0 ? (
        <div className="empty">Er is nog geen reactieronde geopend.</div>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Ronde</th>
                <th scope="col">Termijn</th>
                <th scope="col">Status</th>
                <th scope="col">Herinnering</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id} data-round-term={r.id}>
                  <th scope="row">
                    <Link to={`/onderzoeken/${params.id}/rondes/${r.id}`}>{r.title}</Link>
                  </th>
                  <td>
                    {r.termWeeks} weken, van {r.start} tot en met {r.deadline}
                    {r.extendedFrom ? <div className="muted">Verlengd (eerst tot {r.extendedFrom}).</div> : null}
                  </td>
                  <td>{r.ended ? "Termijn verstreken" : "Loopt"}</td>
                  <td data-reminder={r.reminderStatus}>{r.reminder}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
