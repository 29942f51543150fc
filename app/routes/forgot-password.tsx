import { data, Form, Link, useActionData, useNavigation } from "react-router";
import type { Route } from "./+types/forgot-password";
import { FormError, TextField } from "~/components/Field.tsx";
import { fieldErrors, forgotPasswordSchema } from "~/domain/forms.ts";
import { formValues } from "~/lib/guards.server.ts";
import { requestPasswordReset } from "../../server/auth/password-reset.ts";

export const meta: Route.MetaFunction = () => [{ title: "Wachtwoord vergeten – Ketenlijn" }];

export async function action({ context, request }: Route.ActionArgs) {
  const values = await formValues(request);
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return data({ sent: false, errors: fieldErrors(parsed.error), email: values.email ?? "" }, { status: 400 });
  const result = await requestPasswordReset(context.app, parsed.data.email, context.baseUrl, context.ip);
  if (!result.ok) {
    const message = `Er zijn te veel aanvragen gedaan voor dit e-mailadres of vanaf dit netwerk. Probeer het over ${result.retryAfterMinutes} minuten opnieuw.`;
    return data({ sent: false, errors: { _form: message } as Record<string, string>, email: parsed.data.email }, { status: 429 });
  }
  return { sent: true, errors: {} as Record<string, string>, email: parsed.data.email };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  if (actionData?.sent)
    return (
      <div className="page page--narrow">
        <h1>Controleer uw e-mail</h1>
        <div className="alert alert--ok" role="status">
          Als er een account bestaat voor {actionData.email}, ontvangt u binnen enkele minuten een e-mail met een link om een nieuw
          wachtwoord te kiezen. De link is een uur geldig.
        </div>
        <Link to="/login">Terug naar inloggen</Link>
      </div>
    );
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>Wachtwoord vergeten</h1>
      <p>Vul het e-mailadres van uw account in. U ontvangt een link om een nieuw wachtwoord te kiezen.</p>
      <FormError message={errors._form} />
      <Form method="post" className="panel" noValidate>
        <TextField name="email" label="E-mailadres" type="email" autoComplete="username" defaultValue={actionData?.email} error={errors.email} required />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            Stuur herstellink
          </button>
          <Link to="/login">Terug naar inloggen</Link>
        </div>
      </Form>
    </div>
  );
}
