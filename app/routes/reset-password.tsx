import { data, Form, Link, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/reset-password";
import { FormError, TextField } from "~/components/Field.tsx";
import { fieldErrors, newPasswordSchema } from "~/domain/forms.ts";
import { checkPassword } from "~/domain/password-strength.ts";
import { formValues } from "~/lib/guards.server.ts";
import { findValidReset, resetPassword } from "../../server/auth/password-reset.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nieuw wachtwoord – Ketenlijn" }];

const INVALID = "Deze herstellink is ongeldig, al gebruikt of verlopen. Vraag een nieuwe aan.";

export async function loader({ context, params }: Route.LoaderArgs) {
  return { valid: !!(await findValidReset(context.app, params.token)) };
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const parsed = newPasswordSchema.safeParse(await formValues(request));
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error) }, { status: 400 });
  const reset = await findValidReset(context.app, params.token);
  if (!reset) return data({ errors: { _form: INVALID } as Record<string, string> }, { status: 410 });
  const strength = checkPassword(parsed.data.password, [reset.email, reset.name]);
  if (!strength.ok) return data({ errors: { password: strength.message } as Record<string, string> }, { status: 400 });
  const ok = await resetPassword(context.app, params.token, parsed.data.password, context.ip);
  if (!ok) return data({ errors: { _form: INVALID } as Record<string, string> }, { status: 410 });
  throw redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { valid } = useLoaderData<typeof loader>();
  const errors: Record<string, string> = useActionData<typeof action>()?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>Nieuw wachtwoord kiezen</h1>
      {!valid ? (
        <>
          <div className="alert alert--error" role="alert">{INVALID}</div>
          <Link to="/wachtwoord-vergeten">Nieuwe herstellink aanvragen</Link>
        </>
      ) : (
        <>
          <FormError message={errors._form} />
          <Form method="post" className="panel" noValidate>
            <TextField name="password" label="Nieuw wachtwoord" type="password" autoComplete="new-password" hint="Minstens 12 tekens; een zin van een paar ongewone woorden is sterk en goed te onthouden." error={errors.password} required />
            <TextField name="passwordRepeat" label="Herhaal het nieuwe wachtwoord" type="password" autoComplete="new-password" error={errors.passwordRepeat} required />
            <button type="submit" className="button">
              Wachtwoord opslaan
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
