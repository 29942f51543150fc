import { data, Form, Link, redirect, useActionData, useNavigation, useSearchParams } from "react-router";
import type { Route } from "./+types/login";
import { FormError, TextField } from "~/components/Field.tsx";
import { fieldErrors, loginSchema } from "~/domain/forms.ts";
import { tooManyAttemptsMessage } from "~/domain/login-throttle.ts";
import { formValues } from "~/lib/guards.server.ts";
import { safeNext } from "~/lib/safe-next.ts";
import { completeSecondFactor, logIn } from "../../server/auth/login.ts";
import { sessionCookie } from "../../server/auth/sessions.ts";

export const meta: Route.MetaFunction = () => [{ title: "Inloggen – Ketenlijn" }];

// Lets the Retry-After of a throttled attempt reach the response (action headers are not passed on by default).
export const headers: Route.HeadersFunction = ({ actionHeaders }) => {
  const retry = actionHeaders.get("Retry-After");
  return retry ? { "Retry-After": retry } : new Headers();
};

const CODE_EXPIRED = "De tijd voor de code is om, of er zijn te veel verkeerde codes ingevuld. Log opnieuw in.";

export async function loader({ context, request }: Route.LoaderArgs) {
  if (context.user) throw redirect(safeNext(new URL(request.url).searchParams.get("next")));
  return null;
}

type LoginActionData = { errors: Record<string, string>; email: string; challenge?: string };

export async function action({ context, request }: Route.ActionArgs) {
  const values = await formValues(request);
  const next = safeNext(values.next);
  // Second step: the password was right, the account has a second factor.
  if (values.intent === "code") {
    const result = await completeSecondFactor(context.app, {
      challenge: values.challenge ?? "",
      code: values.code ?? "",
      ip: context.ip,
      previousToken: context.sessionToken,
    });
    if (!result.ok) {
      return result.reason === "invalid_code"
        ? data<LoginActionData>({ errors: { code: "Deze code klopt niet. Probeer het opnieuw." }, email: "", challenge: result.challenge }, { status: 401 })
        : data<LoginActionData>({ errors: { _form: CODE_EXPIRED }, email: "" }, { status: 401 });
    }
    throw redirect(next, { headers: { "Set-Cookie": sessionCookie(result.token, context.secure) } });
  }
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return data<LoginActionData>({ errors: fieldErrors(parsed.error), email: values.email ?? "" }, { status: 400 });
  const result = await logIn(context.app, { ...parsed.data, ip: context.ip, previousToken: context.sessionToken });
  if (!result.ok) {
    if (result.reason === "second_factor") return data<LoginActionData>({ errors: {}, email: parsed.data.email, challenge: result.challenge });
    if (result.reason === "rate_limited") {
      return data<LoginActionData>(
        { errors: { _form: tooManyAttemptsMessage(result.retryAfterSeconds) }, email: parsed.data.email },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    return data<LoginActionData>({ errors: { _form: "Deze combinatie van e-mailadres en wachtwoord kennen we niet." }, email: parsed.data.email }, { status: 401 });
  }
  throw redirect(next, { headers: { "Set-Cookie": sessionCookie(result.token, context.secure) } });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string> = actionData?.errors ?? {};
  const next = params.get("next") ?? "/";
  if (actionData?.challenge) {
    return (
      <div className="page page--narrow">
        <h1>Inloggen: code</h1>
        <p>Vul de code van zes cijfers uit uw authenticator-app in. Heeft u uw telefoon niet bij de hand? Vul dan een van uw herstelcodes in.</p>
        <FormError message={errors._form} />
        <Form method="post" className="panel" noValidate>
          <input type="hidden" name="intent" value="code" />
          <input type="hidden" name="challenge" value={actionData.challenge} />
          <input type="hidden" name="next" value={next} />
          <TextField name="code" label="Code of herstelcode" autoComplete="one-time-code" error={errors.code} required />
          <div className="actions">
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Bezig met controleren…" : "Inloggen"}
            </button>
            <Link to="/login">Opnieuw beginnen</Link>
          </div>
        </Form>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <h1>Inloggen</h1>
      {params.get("reset") === "1" ? <div className="alert alert--ok">Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.</div> : null}
      <FormError message={errors._form} />
      <Form method="post" className="panel" noValidate>
        <input type="hidden" name="next" value={next} />
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
