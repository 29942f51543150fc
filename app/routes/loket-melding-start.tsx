import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/loket-melding-start";
import { InvestigationForm } from "~/components/InvestigationForm.tsx";
import { labelOf } from "~/components/loket/labels.ts";
import { fieldErrors, investigationSchemaFor } from "~/domain/forms.ts";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { meldingReference } from "~/domain/loket/fields.ts";
import { investigationDraftFromMelding } from "~/domain/loket/start.ts";
import { formValues, notFound } from "~/lib/guards.server.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { getMelding, startInvestigationFromMelding } from "../../server/loket/meldingen.ts";
import { formErrors, UserError } from "~/domain/errors.ts";

export const meta: Route.MetaFunction = () => [{ title: "Leeronderzoek starten – Incidentenloket – Ketenlijn" }];

async function load(context: Route.LoaderArgs["context"], request: Request, id: string) {
  const { user } = await requireLoket(context, request, "melding.start_investigation");
  const m = await getMelding(context.app, id);
  if (!m) notFound();
  return { user, m };
}

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { m } = await load(context, request, params.meldingId);
  const reference = meldingReference(m.receivedOn, m.seq);
  return {
    id: m.id,
    reference,
    investigationId: m.investigationId,
    draft: investigationDraftFromMelding({ ...m, reportingOrganisation: m.reportingOrganisation }, labelOf.category(m.category), reference),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, m } = await load(context, request, params.meldingId);
  const values = await formValues(request);
  const parsed = investigationSchemaFor(todayInAmsterdam(context.app.clock.now())).safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  try {
    const id = await startInvestigationFromMelding(context.app, user.id, m.id, parsed.data);
    throw redirect(`/onderzoeken/${id}`);
  } catch (e) {
    if (e instanceof UserError) return data({ errors: formErrors(e), values }, { status: e.status });
    throw e;
  }
}

export default function StartInvestigation() {
  const { reference, draft, investigationId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>Leeronderzoek starten vanuit melding {reference}</h1>
      {investigationId ? (
        <div className="alert alert--warn">Vanuit deze melding is al een leeronderzoek gestart.</div>
      ) : (
        <p>
          De gegevens van de melding zijn alvast ingevuld: controleer en vul aan. U wordt procesbegeleider van het onderzoek; de termijnen volgen
          uit de datums. De melding wordt afgehandeld met het besluit “Leeronderzoek gestart”.
        </p>
      )}
      {actionData?.errors._form ? (
        <div className="alert alert--error" role="alert">
          {actionData.errors._form}
        </div>
      ) : null}
      <InvestigationForm values={actionData?.values ?? draft} errors={actionData?.errors ?? {}} submitLabel="Leeronderzoek starten" />
    </div>
  );
}
