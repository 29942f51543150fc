import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/investigation-edit";
import { InvestigationForm } from "~/components/InvestigationForm.tsx";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { fieldErrors, investigationSchemaFor } from "~/domain/forms.ts";
import { formValues, requireInvestigation } from "~/lib/guards.server.ts";
import { getInvestigation, updateInvestigation } from "../../server/investigations.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  await requireInvestigation(context, request, params.id, "investigation.edit");
  const inv = (await getInvestigation(context.app, params.id))!;
  const { id: _id, createdAt: _c, updatedAt: _u, createdBy: _b, ...values } = inv;
  return { values: values as Record<string, string | null> };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user } = await requireInvestigation(context, request, params.id, "investigation.edit");
  const values = await formValues(request);
  const parsed = investigationSchemaFor(todayInAmsterdam(context.app.clock.now())).safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  await updateInvestigation(context.app, user.id, params.id, parsed.data);
  throw redirect(`/onderzoeken/${params.id}`);
}

export default function EditInvestigation() {
  const { values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <h2>Gegevens wijzigen</h2>
      <p className="muted">Wijzigt u een datum, dan worden de standaardtermijnen opnieuw berekend; handmatig aangepaste termijnen blijven staan.</p>
      <InvestigationForm values={actionData?.values ?? values} errors={actionData?.errors ?? {}} submitLabel="Wijzigingen opslaan" />
    </>
  );
}
