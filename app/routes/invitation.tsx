import { data, Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/invitation";
import { FormError, TextField } from "~/components/Field.tsx";
import { acceptInvitationSchema, fieldErrors } from "~/domain/forms.ts";
import { checkPassword } from "~/domain/password-strength.ts";
import { ROLE_LABELS, type Role } from "~/domain/roles.ts";
import { formValues } from "~/lib/guards.server.ts";
import { audit } from "../../server/audit.ts";
import { sessionCookie, startSession } from "../../server/auth/sessions.ts";
import { acceptInvitation, INVITATION_PROBLEMS, lookupInvitation } from "../../server/members.ts";

export const meta: Route.MetaFunction = () => [{ title: "Uitnodiging – Ketenlijn" }];

export async function loader({ context, params }: Route.LoaderArgs) {
  const path = `/uitnodiging/${params.token}`;
  const found = await lookupInvitation(context.app, params.token);
  if (!found.ok) return data({ problem: INVITATION_PROBLEMS[found.reason], invitation: null }, { status: 410 });
  const inv = found.invitation;
  const user = context.user;
  return {
    problem: null,
    invitation: {
      email: inv.email,
      role: inv.role as Role,
      title: found.investigationTitle,
      organisation: found.organisation,
      hasAccount: !!found.existingUserId,
      loggedInAsInvitee: !!user && user.id === found.existingUserId,
      loggedInAs: user?.email ?? null,
      path,
    },
  };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const values = await formValues(request);
  let result;
  if (values.intent === "join") {
    if (!context.user) throw redirect(`/login?next=${encodeURIComponent(`/uitnodiging/${params.token}`)}`);
    result = await acceptInvitation(context.app, params.token, { userId: context.user.id });
  } else {
    const parsed = acceptInvitationSchema.safeParse(values);
    if (!parsed.success) return data({ errors: fieldErrors(parsed.error), name: values.name ?? "" }, { status: 400 });
    const found = await lookupInvitation(context.app, params.token);
    const strength = checkPassword(parsed.data.password, [parsed.data.name, found.ok ? found.invitation.email : ""]);
    if (!strength.ok) return data({ errors: { password: strength.message } as Record<string, string>, name: parsed.data.name }, { status: 400 });
    result = await acceptInvitation(context.app, params.token, { newAccount: parsed.data });
  }
  if (!result.ok) {
    const message =
      result.reason === "wrong_account"
        ? "Deze uitnodiging is voor een ander account. Log uit en log in met het uitgenodigde e-mailadres."
        : result.reason === "login_required"
          ? "Er bestaat al een account voor dit e-mailadres. Log in om deel te nemen."
          : INVITATION_PROBLEMS[result.reason];
    return data({ errors: { _form: message } as Record<string, string>, name: values.name ?? "" }, { status: 409 });
  }
  const token = await startSession(context.app, result.userId, context.sessionToken);
  await audit(context.app, { action: "login.ok", actorId: result.userId, ip: context.ip, details: { via: "uitnodiging" } });
  throw redirect(`/onderzoeken/${result.investigationId}`, { headers: { "Set-Cookie": sessionCookie(token, context.secure) } });
}

export default function Invitation() {
  const { problem, invitation } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  if (problem || !invitation)
    return (
      <div className="page page--narrow">
        <h1>Uitnodiging niet bruikbaar</h1>
        <div className="alert alert--error" role="alert">
          {problem}
        </div>
        <Link to="/login">Naar inloggen</Link>
      </div>
    );
  return (
    <div className="page page--narrow">
      <h1>Uitnodiging</h1>
      <p>
        U bent uitgenodigd als <strong>{ROLE_LABELS[invitation.role].toLowerCase()}</strong>
        {invitation.organisation ? ` namens ${invitation.organisation}` : ""} voor het leeronderzoek <strong>{invitation.title}</strong>.
      </p>
      {invitation.role === "toezichthouder" ? (
        <p className="muted">
          Als toezichthouder ziet u het overzicht van het onderzoek en de rapportversies die de procesbegeleider bij u indient; daar legt u uw beoordeling vast. Toegang
          tot de werkruimte zelf krijgt u alleen als de procesbegeleider die aanzet.
        </p>
      ) : null}
      <FormError message={errors._form} />
      {invitation.hasAccount ? (
        invitation.loggedInAsInvitee ? (
          <Form method="post">
            <button type="submit" name="intent" value="join" className="button" disabled={busy}>
              Deelnemen aan het onderzoek
            </button>
          </Form>
        ) : (
          <div className="panel">
            <p>
              Er bestaat al een account voor {invitation.email}.
              {invitation.loggedInAs ? ` U bent nu ingelogd als ${invitation.loggedInAs}; log eerst uit.` : " Log in om deel te nemen."}
            </p>
            {!invitation.loggedInAs ? (
              <Link className="button" to={`/login?next=${encodeURIComponent(invitation.path)}`}>
                Inloggen
              </Link>
            ) : null}
          </div>
        )
      ) : (
        <Form method="post" className="panel" noValidate>
          <input type="hidden" name="intent" value="create" />
          <p>
            Maak uw account aan voor <strong>{invitation.email}</strong>.
          </p>
          <TextField name="name" label="Uw naam" autoComplete="name" defaultValue={actionData?.name} error={errors.name} required />
          <TextField name="password" label="Kies een wachtwoord" type="password" autoComplete="new-password" hint="Minstens 12 tekens; een zin van een paar ongewone woorden is sterk en goed te onthouden." error={errors.password} required />
          <TextField name="passwordRepeat" label="Herhaal het wachtwoord" type="password" autoComplete="new-password" error={errors.passwordRepeat} required />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Bezig…" : "Account aanmaken en deelnemen"}
          </button>
        </Form>
      )}
    </div>
  );
}
