import { data, Form, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/account-security";
import { FormError, TextField } from "~/components/Field.tsx";
import { changePasswordSchema, fieldErrors } from "~/domain/forms.ts";
import { checkPassword } from "~/domain/password-strength.ts";
import { formValues, requireUser } from "~/lib/guards.server.ts";
import { changePassword } from "../../server/auth/password-change.ts";
import { sessionCookie } from "../../server/auth/sessions.ts";
import { confirmEnrolment, disableTotp, pendingEnrolment, startEnrolment, totpStatus } from "../../server/auth/totp.ts";

export const meta: Route.MetaFunction = () => [{ title: "Wachtwoord en inloggen – Ketenlijn" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const user = requireUser(context, request);
  const status = await totpStatus(context.app, user.id);
  return { totpEnabled: status.enabled, recoveryCodesLeft: status.recoveryCodesLeft, isProcesbegeleider: user.canCreateInvestigations };
}

type Enrol = { secret: string; qrSvg: string };
type ActionData = {
  intent: string;
  errors: Record<string, string>;
  done?: string;
  enrol?: Enrol;
  recoveryCodes?: string[];
};

export async function action({ context, request }: Route.ActionArgs) {
  const user = requireUser(context, request);
  const values = await formValues(request);
  const intent = values.intent ?? "";
  const fail = (errors: Record<string, string>, status = 400, extra: Partial<ActionData> = {}) =>
    data<ActionData>({ intent, errors, ...extra }, { status });

  if (intent === "password") {
    const parsed = changePasswordSchema.safeParse(values);
    if (!parsed.success) return fail(fieldErrors(parsed.error));
    const strength = checkPassword(parsed.data.password, [user.email, user.name]);
    if (!strength.ok) return fail({ password: strength.message });
    const result = await changePassword(context.app, {
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
      ip: context.ip,
      currentToken: context.sessionToken,
    });
    if (!result.ok) {
      return result.reason === "rate_limited"
        ? fail({ currentPassword: "Te vaak een verkeerd huidig wachtwoord. Probeer het over 15 minuten opnieuw." }, 429)
        : fail({ currentPassword: "Uw huidige wachtwoord klopt niet." }, 403);
    }
    return data<ActionData>(
      { intent, errors: {}, done: "Uw wachtwoord is gewijzigd. U bent op uw andere apparaten uitgelogd." },
      { headers: { "Set-Cookie": sessionCookie(result.token, context.secure) } },
    );
  }

  if (intent === "totp-start") {
    const { secret, qrSvg } = await startEnrolment(context.app, user.id, user.email);
    return data<ActionData>({ intent, errors: {}, enrol: { secret, qrSvg } });
  }

  if (intent === "totp-confirm") {
    const codes = await confirmEnrolment(context.app, user.id, values.code ?? "", context.ip);
    if (!codes) {
      // Show the same secret again so the user can retry without scanning a new one.
      const enrol = await pendingEnrolment(context.app, user.id, user.email);
      return fail({ code: "Deze code klopt niet. Controleer de tijd op uw telefoon en probeer de nieuwe code." }, 400, {
        enrol: enrol ? { secret: enrol.secret, qrSvg: enrol.qrSvg } : undefined,
      });
    }
    return data<ActionData>({ intent, errors: {}, recoveryCodes: codes, done: "Inloggen met een code staat aan." });
  }

  if (intent === "totp-disable") {
    if (!(await disableTotp(context.app, user.id, values.currentPassword ?? "", context.ip))) return fail({ disablePassword: "Uw wachtwoord klopt niet." }, 403);
    return data<ActionData>({ intent, errors: {}, done: "Inloggen met een code staat uit." });
  }

  return fail({ _form: "Onbekende handeling." });
}

export default function AccountSecurity() {
  const { totpEnabled, recoveryCodesLeft, isProcesbegeleider } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const errorsFor = (intent: string) => (result?.intent === intent ? errors : {});
  const pw = errorsFor("password");
  return (
    <div className="page page--narrow">
      <h1>Wachtwoord en inloggen</h1>
      {result?.done ? (
        <div className="alert alert--ok" role="status">
          {result.done}
        </div>
      ) : null}
      <FormError message={errors._form} />

      <section aria-labelledby="h-password">
        <h2 id="h-password">Wachtwoord wijzigen</h2>
        <Form method="post" className="panel" noValidate>
          <input type="hidden" name="intent" value="password" />
          <TextField name="currentPassword" label="Huidig wachtwoord" type="password" autoComplete="current-password" error={pw.currentPassword} required />
          <TextField
            name="password"
            label="Nieuw wachtwoord"
            type="password"
            autoComplete="new-password"
            hint="Minstens 12 tekens; een zin van een paar ongewone woorden is sterk en goed te onthouden."
            error={pw.password}
            required
          />
          <TextField name="passwordRepeat" label="Herhaal het nieuwe wachtwoord" type="password" autoComplete="new-password" error={pw.passwordRepeat} required />
          <button type="submit" className="button">
            Wachtwoord wijzigen
          </button>
        </Form>
      </section>

      <section aria-labelledby="h-totp">
        <h2 id="h-totp">Inloggen met een code (tweestapsverificatie)</h2>
        {result?.recoveryCodes ? (
          <div className="panel">
            <p>
              <strong>Bewaar deze herstelcodes nu</strong>, bijvoorbeeld afgedrukt of in een wachtwoordkluis. Ze worden niet nog eens getoond. Met
              elke code kunt u één keer inloggen als u uw telefoon niet bij de hand heeft.
            </p>
            <ul className="recovery-codes">
              {result.recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
          </div>
        ) : totpEnabled ? (
          <>
            <p>
              {`Inloggen met een code staat aan. U heeft nog ${recoveryCodesLeft} ongebruikte herstelcode${recoveryCodesLeft === 1 ? "" : "s"}.`}
            </p>
            <Form method="post" className="panel" noValidate>
              <input type="hidden" name="intent" value="totp-disable" />
              <TextField name="currentPassword" label="Uw wachtwoord, om uit te zetten" type="password" autoComplete="current-password" error={errorsFor("totp-disable").disablePassword} required />
              <button type="submit" className="button button--secondary">
                Inloggen met een code uitzetten
              </button>
            </Form>
          </>
        ) : result?.enrol ? (
          <div className="panel">
            <p>Scan deze QR-code met uw authenticator-app, of typ de sleutel over. Vul daarna de code van zes cijfers in die de app toont.</p>
            {/* The SVG comes from the qrcode library, built from our own otpauth URI: no user content. */}
            <div className="totp-qr" role="img" aria-label="QR-code voor de authenticator-app" dangerouslySetInnerHTML={{ __html: result.enrol.qrSvg }} />
            <p>
              Sleutel: <code className="totp-secret">{result.enrol.secret.match(/.{1,4}/g)?.join(" ")}</code>
            </p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="totp-confirm" />
              <TextField name="code" label="Code uit de app" autoComplete="one-time-code" error={errorsFor("totp-confirm").code} required />
              <button type="submit" className="button">
                Code controleren en aanzetten
              </button>
            </Form>
          </div>
        ) : (
          <>
            <p>
              Na uw wachtwoord vraagt Ketenlijn dan om een code uit een app op uw telefoon.
              {isProcesbegeleider ? " Als procesbegeleider heeft u toegang tot bijzondere persoonsgegevens: wij raden dit sterk aan." : ""}
            </p>
            <Form method="post">
              <input type="hidden" name="intent" value="totp-start" />
              <button type="submit" className="button">
                Inloggen met een code instellen
              </button>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
