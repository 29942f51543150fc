import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/investigation-members";
import versionsCss from "~/components/report/versions/versions.css?url";
import { CheckboxField, FormError, SelectField, TextField } from "~/components/Field.tsx";
import { fieldErrors, inviteSchema } from "~/domain/forms.ts";
import { can, roleMayHaveWorkspaceAccess } from "~/domain/policy.ts";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "~/domain/roles.ts";
import { formatDutchDateShort, todayInAmsterdam } from "~/domain/calendar-date.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { z } from "zod";
import { changeRole, invite, listMembers, listOpenInvitations, removeMember, revokeInvitation, setWorkspaceAccess } from "../../server/members.ts";
import { formErrors, UserError } from "~/domain/errors.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: versionsCss }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { membership, user } = await requireInvestigation(context, request, params.id, "members.view");
  const manage = can(membership, "members.manage");
  const members = await listMembers(context.app, params.id);
  return {
    me: user.id,
    manage,
    members: members.map((m) => ({ ...m, role: m.role as Role, email: manage ? m.email : null, since: m.since.toISOString() })),
    invitations: manage
      ? (await listOpenInvitations(context.app, params.id)).map((i) => ({ ...i, role: i.role as Role, expires: formatDutchDateShort(todayInAmsterdam(i.expiresAt)) }))
      : [],
  };
}

const userAction = z.object({ userId: z.string().uuid() });

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "members.manage");
  const values = await formValues(request);
  try {
    switch (values.intent) {
      case "invite": {
        const parsed = inviteSchema.safeParse(values);
        if (!parsed.success) return data({ intent: "invite", errors: fieldErrors(parsed.error), values, notice: null }, { status: 400 });
        await invite(context.app, user, params.id, parsed.data, context.baseUrl);
        return { intent: "invite", errors: {}, values: {}, notice: `Uitnodiging verstuurd naar ${parsed.data.email}.` };
      }
      case "remove": {
        const { userId } = userAction.parse(values);
        await removeMember(context.app, user.id, params.id, userId);
        return { intent: "remove", errors: {}, values: {}, notice: "De deelnemer is verwijderd; de toegang is direct beëindigd." };
      }
      case "role": {
        const { userId, role } = userAction.extend({ role: z.enum(ROLES) }).parse(values);
        await changeRole(context.app, user.id, params.id, userId, role);
        return { intent: "role", errors: {}, values: {}, notice: `De rol is gewijzigd in ${ROLE_LABELS[role].toLowerCase()}.` };
      }
      case "workspace": {
        const { userId, access } = userAction.extend({ access: z.enum(["aan", "uit"]).optional() }).parse(values);
        const on = access === "aan";
        await setWorkspaceAccess(context.app, user.id, params.id, userId, on);
        return {
          intent: "workspace",
          errors: {},
          values: {},
          notice: on
            ? "De toezichthouder kan nu ook de werkruimte lezen (alleen lezen)."
            : "De toezichthouder heeft geen toegang meer tot de werkruimte; open verbindingen zijn direct gesloten.",
        };
      }
      case "revoke": {
        const { invitationId } = z.object({ invitationId: z.string().uuid() }).parse(values);
        if (!(await revokeInvitation(context.app, user.id, params.id, invitationId)))
          return data(
            { intent: "revoke", errors: { _form: "Deze uitnodiging staat niet (meer) open in dit onderzoek: ze is al aanvaard of ingetrokken, of bestaat niet." }, values, notice: null },
            { status: 404 },
          );
        return { intent: "revoke", errors: {}, values: {}, notice: "De uitnodiging is ingetrokken." };
      }
      default:
        return data({ intent: "", errors: { _form: "Onbekende handeling." }, values, notice: null }, { status: 400 });
    }
  } catch (err) {
    if (err instanceof UserError) return data({ intent: values.intent, errors: formErrors(err), values, notice: null }, { status: err.status });
    if (err instanceof z.ZodError) return data({ intent: values.intent, errors: { _form: "Ongeldige invoer." }, values, notice: null }, { status: 400 });
    throw err;
  }
}

export default function Members() {
  const { members, invitations, manage, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  const inviteValues: Record<string, string> = actionData?.intent === "invite" ? (actionData.values as Record<string, string>) : {};
  return (
    <>
      {actionData?.notice ? (
        <div className="alert alert--ok" role="status">
          {actionData.notice}
        </div>
      ) : null}
      {actionData?.intent !== "invite" ? <FormError message={errors._form} /> : null}
      <h2>Deelnemers</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Deelnemers van dit onderzoek</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Organisatie</th>
              <th scope="col">Rol</th>
              {manage ? <th scope="col">Beheer</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name}
                  {m.email ? <div className="muted">{m.email}</div> : null}
                </td>
                <td>{m.organisation ?? "—"}</td>
                <td>
                  {ROLE_LABELS[m.role]}
                  {roleMayHaveWorkspaceAccess(m.role) ? (
                    <div className="muted">{m.workspaceAccess ? "Ook toegang tot de werkruimte (alleen lezen)" : "Alleen ingediende rapportversies"}</div>
                  ) : null}
                </td>
                {manage ? (
                  <td>
                    {roleMayHaveWorkspaceAccess(m.role) ? (
                      <Form method="post" className="actions">
                        <input type="hidden" name="intent" value="workspace" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <div className="rv-check">
                          <input type="checkbox" id={`workspace-${m.userId}`} name="access" value="aan" defaultChecked={m.workspaceAccess} />
                          <label htmlFor={`workspace-${m.userId}`}>
                            Ook toegang tot de werkruimte (alleen lezen)<span className="visually-hidden"> voor {m.name}</span>
                          </label>
                        </div>
                        <button type="submit" className="button button--secondary" disabled={busy}>
                          Toegang opslaan<span className="visually-hidden"> voor {m.name}</span>
                        </button>
                      </Form>
                    ) : null}
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <label className="visually-hidden" htmlFor={`role-${m.userId}`}>
                        Rol van {m.name}
                      </label>
                      <select id={`role-${m.userId}`} name="role" defaultValue={m.role}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {ROLE_LABELS[r]}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button button--secondary" disabled={busy}>
                        Rol wijzigen
                      </button>
                    </Form>
                    {m.userId !== me ? (
                      <Form
                        method="post"
                        onSubmit={(e) => {
                          if (!confirm(`${m.name} verwijderen uit dit onderzoek? De toegang stopt direct.`)) e.preventDefault();
                        }}
                      >
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="userId" value={m.userId} />
                        <button type="submit" className="button button--danger" disabled={busy}>
                          Verwijderen<span className="visually-hidden"> {m.name}</span>
                        </button>
                      </Form>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {manage ? (
        <>
          <h2>Openstaande uitnodigingen</h2>
          {invitations.length === 0 ? (
            <p className="muted">Er staan geen uitnodigingen open.</p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">E-mailadres</th>
                    <th scope="col">Rol</th>
                    <th scope="col">Organisatie</th>
                    <th scope="col">Geldig tot</th>
                    <th scope="col">Beheer</th>
                  </tr>
                </thead>
                <tbody>
                  {invitations.map((i) => (
                    <tr key={i.id}>
                      <td>{i.email}</td>
                      <td>
                        {ROLE_LABELS[i.role]}
                        {roleMayHaveWorkspaceAccess(i.role) && i.workspaceAccess ? <div className="muted">Met toegang tot de werkruimte (alleen lezen)</div> : null}
                      </td>
                      <td>{i.organisation ?? "—"}</td>
                      <td>{i.expires}</td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="invitationId" value={i.id} />
                          <button type="submit" className="button button--secondary" disabled={busy}>
                            Intrekken<span className="visually-hidden"> uitnodiging {i.email}</span>
                          </button>
                        </Form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id="h-invite">Iemand uitnodigen</h2>
          <Form method="post" className="panel" noValidate aria-labelledby="h-invite">
            <input type="hidden" name="intent" value="invite" />
            <FormError message={actionData?.intent === "invite" ? errors._form : undefined} />
            <div className="form-grid">
              <TextField name="email" label="E-mailadres" type="email" defaultValue={inviteValues.email} error={actionData?.intent === "invite" ? errors.email : undefined} required />
              <SelectField
                name="role"
                label="Rol"
                options={Object.fromEntries(ROLES.map((r) => [r, ROLE_LABELS[r]]))}
                defaultValue={inviteValues.role ?? "ketenpartner"}
                error={actionData?.intent === "invite" ? errors.role : undefined}
                hint={ROLES.map((r) => `${ROLE_LABELS[r]}: ${ROLE_DESCRIPTIONS[r]}`).join(" ")}
                required
              />
              <TextField name="organisation" label="Organisatie" defaultValue={inviteValues.organisation} error={actionData?.intent === "invite" ? errors.organisation : undefined}
                hint="Verplicht voor een ketenpartner." />
            </div>
            <CheckboxField
              name="workspaceAccess"
              label="Toezichthouder: ook toegang tot de werkruimte (alleen lezen)"
              defaultChecked={inviteValues.workspaceAccess === "aan"}
              error={actionData?.intent === "invite" ? errors.workspaceAccess : undefined}
              hint="Zonder dit vinkje ziet een toezichthouder na het accepteren het overzicht en de ingediende rapportversies; u kunt de toegang later nog aan- of uitzetten bij de deelnemer."
            />
            <button type="submit" className="button" disabled={busy}>
              Uitnodiging versturen
            </button>
          </Form>
        </>
      ) : null}
    </>
  );
}
