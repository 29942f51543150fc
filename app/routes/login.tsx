import { data, Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { FormError, TextField } from "~/components/Field.tsx";
import { fieldErrors, loginSchema } from "~/domain/forms.ts";
import { formValues } from "~/lib/guards.server.ts";
import { safeNext } from "~/lib/safe-next.ts";
import { logIn } from "../../server/auth/login.ts";
import { sessionCookie } from "../../server/auth/sessions.ts";

export const meta: Route.MetaFunction = () => [{ title: "Inloggen – Ketenlijn" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  if (context.user) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const values = await formValues(request);
  const next = safeNext(values.next);
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), email: values.email ?? "" }, { status: 400 });
  const result = await logIn(context.app, { ...parsed.data, ip: context.ip, previousToken: context.sessionToken });
  if (!result.ok) {
    const message =
      result.reason === "rate_limited"
        ? `Te veel mislukte pogingen. Probeer het over ${result.retryAfterMinutes} minuten opnieuw, of herstel uw wachtwoord.`
        : "Deze combinatie van e-mailadres en wachtwoord kennen we niet.";
    return data({ errors: { _form: message }, email: parsed.data.email }, { status: result.reason === "rate_limited" ? 429 : 401 });
  }
  throw redirect(next, { headers: { "Set-Cookie": sessionCookie(result.token, context.secure) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  return (
    <div className="page page--narrow">
      <h1>Inloggen</h1>
      {params.get("reset") === "1" ? <div className="alert alert--ok">Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.</div> : null}
      <FormError message={errors._form} />
      <Form method="post" className="panel" noValidate>
        <input type="hidden" name="next" value={params.get("next") ?? "/"} />
        <TextField name="email" label="E-mailadres" type="email" autoComplete="username" defaultValue={actionData?.email} error={errors.email} required />
        <TextField name="password" label="Wachtwoord" type="password" autoComplete="current-password" error={errors.password} required />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Bezig met inloggen…" : "Inloggen"}
          </button>
          <Link to="/wachtwoord-vergeten">Wachtwoord vergeten?</Link>
        </div>
      </Form>
    </div>
  );
}
