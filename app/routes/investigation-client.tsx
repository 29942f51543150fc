import { data, Form, useActionData, useLoaderData, useNavigation } from "react-router";
import type { Route } from "./+types/investigation-client";
import { FormError, SelectField, TextArea, TextField } from "~/components/Field.tsx";
import { clientIdentitySchema, fieldErrors } from "~/domain/forms.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { readClientIdentity, saveClientIdentity } from "../../server/client-identity.ts";

const SEX = { "": "Niet ingevuld", vrouw: "Vrouw", man: "Man", anders: "Anders", onbekend: "Onbekend" };

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "client.view");
  const c = await readClientIdentity(context.app, user.id, params.id, "cliëntgegevens bekeken in de werkruimte");
  return { values: { name: c.name, dateOfBirth: c.dateOfBirth ?? "", sex: c.sex, indication: c.indication } };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "client.edit");
  const values = await formValues(request);
  const parsed = clientIdentitySchema.safeParse(values);
  if (!parsed.success) return data({ saved: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
  await saveClientIdentity(context.app, user.id, params.id, parsed.data);
  return { saved: true, errors: {} as Record<string, string>, values };
}

export default function ClientIdentity() {
  const { values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const v = actionData?.values ?? values;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <section className="panel restricted" aria-labelledby="h-client">
      <h2 id="h-client">Gegevens van de cliënt (Bijlage 1, 1a)</h2>
      <div className="alert alert--warn">
        Vertrouwelijk. Alleen de procesbegeleider ziet deze gegevens, en elke weergave wordt vastgelegd in het logboek. Ze komen
        niet in de gedeelde werkruimte; in de tijdlijn heet de cliënt “cliënt”, “moeder” of “kind 1”. Alleen het rapport aan de
        toezichthouder bevat ze.
      </div>
      {actionData?.saved ? (
        <div className="alert alert--ok" role="status">
          De gegevens zijn opgeslagen.
        </div>
      ) : null}
      <FormError message={errors._form} />
      <Form method="post" noValidate>
        <div className="form-grid">
          <TextField name="name" label="Naam" defaultValue={v.name} error={errors.name} autoComplete="off" />
          <TextField name="dateOfBirth" label="Geboortedatum" type="date" defaultValue={v.dateOfBirth} error={errors.dateOfBirth} />
          <SelectField name="sex" label="Geslacht" options={SEX} defaultValue={v.sex} error={errors.sex} />
        </div>
        <TextArea name="indication" label="Wmo-indicatie of beschikking jeugdhulp" defaultValue={v.indication} error={errors.indication} rows={3} />
        <button type="submit" className="button" disabled={busy}>
          Opslaan
        </button>
      </Form>
    </section>
  );
}
