// Commissie (Bijlage 1 item 1c): the composition of the calamiteitencommissie: function and
// background of each member, how involved they were and how independent they are. The
// procesbegeleider and the onderzoekers edit it; the others who may see the report read it.
import { useEffect } from "react";
import { data, Form, Link, redirect, useActionData, useLoaderData, useLocation, useNavigation } from "react-router";
import { z } from "zod";
import type { Route } from "./+types/investigation-report-committee";
import { SelectField, TextArea, TextField } from "~/components/Field.tsx";
import versionsCss from "~/components/report/versions/versions.css?url";
import { fieldErrors } from "~/domain/forms.ts";
import { can } from "~/domain/policy.ts";
import { INDEPENDENCE_LABELS } from "~/domain/report/input.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { addCommitteeMember, listCommittee, moveCommitteeMember, removeCommitteeMember, updateCommitteeMember } from "../../server/report/committee.server.ts";
import { restrictedPersons } from "../../server/privacy/persons.ts";
import { committeeMemberSchema } from "../../server/report/forms.server.ts";
import { formErrors, UserError } from "~/domain/errors.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: versionsCss }];

export const meta: Route.MetaFunction = ({ matches }) => {
  const parent = matches.find((m) => m?.id === "routes/investigation")?.data as { investigation?: { title: string } } | undefined;
  return [{ title: parent?.investigation ? `Commissie – ${parent.investigation.title} – Ketenlijn` : "Commissie – Ketenlijn" }];
};

const NOTICES: Record<string, string> = {
  toegevoegd: "Het commissielid is toegevoegd.",
  gewijzigd: "De gegevens van het commissielid zijn opgeslagen.",
  verwijderd: "Het commissielid is verwijderd.",
  verplaatst: "De volgorde is aangepast.",
};

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, investigationId } = await requireInvestigation(context, request, params.id, "report.view");
  const url = new URL(request.url);
  const editId = url.searchParams.get("wijzig");
  // A member whose processing is restricted (AVG art. 18) is seen by the procesbegeleider only.
  const hidden = can(membership, "privacy.manage") ? new Set<string>() : await restrictedPersons(context.app.db, investigationId);
  const members = (await listCommittee(context.app, investigationId)).filter((m) => !hidden.has(`committee:${m.id}`));
  const edit = can(membership, "committee.edit");
  return {
    investigationId,
    edit,
    editing: edit && editId && members.some((m) => m.id === editId) ? editId : null,
    notice: NOTICES[url.searchParams.get("melding") ?? ""] ?? null,
    moved: url.searchParams.get("lid"),
    members,
  };
}

type ActionResult = { intent: string; target: string | null; errors: Record<string, string>; values: Record<string, string> };

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "committee.edit");
  const values = await formValues(request);
  const intent = values.intent ?? "";
  const target = values.memberId ?? null;
  const fail = (errors: Record<string, string>, status = 400) => data<ActionResult>({ intent, target, errors, values }, { status });
  const base = `/onderzoeken/${investigationId}/rapport/commissie`;
  const memberId = z.object({ memberId: z.uuid() });
  try {
    switch (intent) {
      case "add": {
        const parsed = committeeMemberSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await addCommitteeMember(context.app, user.id, investigationId, parsed.data);
        throw redirect(`${base}?melding=toegevoegd`);
      }
      case "update": {
        const { memberId: id } = memberId.parse(values);
        const parsed = committeeMemberSchema.safeParse(values);
        if (!parsed.success) return fail(fieldErrors(parsed.error));
        await updateCommitteeMember(context.app, user.id, investigationId, id, parsed.data);
        throw redirect(`${base}?melding=gewijzigd`);
      }
      case "remove": {
        const { memberId: id } = memberId.parse(values);
        await removeCommitteeMember(context.app, user.id, investigationId, id);
        throw redirect(`${base}?melding=verwijderd`);
      }
      case "up":
      case "down": {
        const { memberId: id } = memberId.parse(values);
        await moveCommitteeMember(context.app, user.id, investigationId, id, intent);
        // Back with the focus on the same button, so moving on by keyboard keeps its place.
        throw redirect(`${base}?melding=verplaatst&lid=${id}-${intent}`);
      }
      default:
        return fail({ _form: "Onbekende handeling." });
    }
  } catch (err) {
    if (err instanceof UserError) return fail(formErrors(err), err.status);
    if (err instanceof z.ZodError) return fail({ _form: "Ongeldige invoer." });
    throw err;
  }
}

const INDEPENDENCE_OPTIONS: Record<string, string> = INDEPENDENCE_LABELS;

/** The fields of one member. Only one such form is on the page at a time (add, or edit one), so the ids stay unique. */
function MemberFields({ values, errors }: { values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <div className="form-grid">
      <TextField name="function" label="Functie" defaultValue={values.function} error={errors.function} required />
      <TextField name="name" label="Naam (niet verplicht)" defaultValue={values.name} error={errors.name} hint="Het rapport noemt leden bij functie; een naam mag." />
      <TextField name="organisation" label="Organisatie" defaultValue={values.organisation} error={errors.organisation} />
      <SelectField
        name="independence"
        label="Onafhankelijkheid"
        options={INDEPENDENCE_OPTIONS}
        placeholder="Kies…"
        defaultValue={values.independence}
        error={errors.independence}
        required
      />
      <TextArea name="background" label="Achtergrond (opleiding, deskundigheid)" defaultValue={values.background} error={errors.background} />
      <TextArea
        name="involvement"
        label="Mate van betrokkenheid bij de calamiteit"
        defaultValue={values.involvement}
        error={errors.involvement}
        hint="Bijvoorbeeld: niet betrokken bij de zorg; leidinggevende van het betrokken team."
        required
      />
    </div>
  );
}

export default function Committee() {
  const { investigationId, edit, editing, notice, moved, members } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const base = `/onderzoeken/${investigationId}/rapport/commissie`;
  const location = useLocation();
  // After moving a member, the focus returns to the button that was used (or its partner, at the ends of the list).
  useEffect(() => {
    if (!moved) return;
    const [id, dir] = [moved.slice(0, -(moved.endsWith("-up") ? 3 : 5)), moved.endsWith("-up") ? "up" : "down"];
    const button = document.getElementById(`move-${id}-${dir}`) ?? document.getElementById(`move-${id}-${dir === "up" ? "down" : "up"}`);
    button?.focus();
  }, [moved, location.key]);
  const forTarget = (intent: string, target: string | null) =>
    actionData && actionData.intent === intent && actionData.target === target ? actionData : null;
  const addResult = forTarget("add", null);
  const formError = actionData && !addResult && !(actionData.intent === "update" && actionData.target === editing) ? actionData.errors._form : undefined;

  return (
    <>
      <div className="header-row">
        <h2 id="h-commissie">Samenstelling van de commissie</h2>
        <Link to={`/onderzoeken/${investigationId}/rapport`}>Terug naar het rapport</Link>
      </div>
      <p className="muted">
        Bijlage 1, onderdeel 1c: de calamiteitencommissie is zo onafhankelijk mogelijk samengesteld. Noem per lid de functie en achtergrond en de mate van betrokkenheid bij de
        calamiteit.
      </p>
      {notice ? (
        <div className="alert alert--ok" role="status">
          {notice}
        </div>
      ) : null}
      {formError ? (
        <div className="alert alert--error" role="alert">
          {formError}
        </div>
      ) : null}
      {members.length === 0 ? (
        <div className="empty">Er zijn nog geen commissieleden vastgelegd.</div>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Leden van de calamiteitencommissie, in volgorde</caption>
            <thead>
              <tr>
                <th scope="col">Functie</th>
                <th scope="col">Organisatie</th>
                <th scope="col">Achtergrond</th>
                <th scope="col">Betrokkenheid</th>
                <th scope="col">Onafhankelijkheid</th>
                {edit ? <th scope="col">Beheer</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m, i) => {
                const label = m.name ? `${m.function} (${m.name})` : m.function;
                return (
                  <tr key={m.id} data-member={m.id}>
                    <td>
                      {m.function}
                      {m.name ? <div className="muted">{m.name}</div> : null}
                    </td>
                    <td>{m.organisation || "—"}</td>
                    <td style={{ whiteSpace: "pre-wrap" }}>{m.background || "—"}</td>
                    <td style={{ whiteSpace: "pre-wrap" }}>{m.involvement || "—"}</td>
                    <td>{INDEPENDENCE_LABELS[m.independence]}</td>
                    {edit ? (
                      <td>
                        <div className="rv-committee-actions">
                          <Link to={`${base}?wijzig=${m.id}#wijzig-lid`}>
                            Wijzigen<span className="visually-hidden"> {label}</span>
                          </Link>
                          {(["up", "down"] as const).map((dir) =>
                            (dir === "up" && i === 0) || (dir === "down" && i === members.length - 1) ? null : (
                              <Form method="post" key={dir}>
                                <input type="hidden" name="intent" value={dir} />
                                <input type="hidden" name="memberId" value={m.id} />
                                <button type="submit" id={`move-${m.id}-${dir}`} className="button button--secondary" disabled={busy}>
                                  {dir === "up" ? "Omhoog" : "Omlaag"}
                                  <span className="visually-hidden"> {label}</span>
                                </button>
                              </Form>
                            ),
                          )}
                          <Form
                            method="post"
                            onSubmit={(e) => {
                              if (!confirm(`${label} verwijderen uit de commissie?`)) e.preventDefault();
                            }}
                          >
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="memberId" value={m.id} />
                            <button type="submit" className="button button--danger" disabled={busy}>
                              Verwijderen<span className="visually-hidden"> {label}</span>
                            </button>
                          </Form>
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {edit && editing
        ? (() => {
            const m = members.find((x) => x.id === editing)!;
            const result = forTarget("update", editing);
            const values: Record<string, string> = result
              ? result.values
              : { function: m.function, name: m.name, organisation: m.organisation, independence: m.independence, background: m.background, involvement: m.involvement };
            return (
              <section aria-labelledby="wijzig-lid" className="panel">
                <h3 id="wijzig-lid">{`Commissielid wijzigen: ${m.function}`}</h3>
                <Form method="post" noValidate action={`${base}?wijzig=${m.id}`}>
                  <input type="hidden" name="intent" value="update" />
                  <input type="hidden" name="memberId" value={m.id} />
                  {result?.errors._form ? (
                    <div className="alert alert--error" role="alert">
                      {result.errors._form}
                    </div>
                  ) : null}
                  <MemberFields values={values} errors={result?.errors ?? {}} />
                  <div className="actions">
                    <button type="submit" className="button" disabled={busy}>
                      Opslaan
                    </button>
                    <Link to={base}>Annuleren</Link>
                  </div>
                </Form>
              </section>
            );
          })()
        : null}

      {edit && !editing ? (
        <section aria-labelledby="nieuw-lid" className="panel">
          <h3 id="nieuw-lid">Commissielid toevoegen</h3>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="add" />
            <MemberFields values={addResult?.values ?? {}} errors={addResult?.errors ?? {}} />
            <button type="submit" className="button" disabled={busy}>
              Toevoegen
            </button>
          </Form>
        </section>
      ) : !edit ? (
        <p className="muted">Alleen de procesbegeleider en de onderzoekers wijzigen de samenstelling van de commissie.</p>
      ) : null}
    </>
  );
}
