import { data, redirect, useActionData } from "react-router";
import type { Route } from "./+types/investigation-new";
import { InvestigationForm } from "~/components/InvestigationForm.tsx";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { fieldErrors, investigationSchemaFor } from "~/domain/forms.ts";
import { canCreateInvestigation } from "~/domain/policy.ts";
import { formValues, requireUser } from "~/lib/guards.server.ts";
import { createInvestigation } from "../../server/investigations.ts";

export const meta: Route.MetaFunction = () => [{ title: "Nieuw leeronderzoek – Ketenlijn" }];

function guard(context: Route.LoaderArgs["context"], request: Request) {
  const user = requireUser(context, request);
  if (!canCreateInvestigation({ userId: user.id, canCreateInvestigations: user.canCreateInvestigations }))
    throw data({ message: "Alleen een procesbegeleider kan een leeronderzoek starten." }, { status: 403 });
  return user;
}

export async function loader({ context, request }: Route.LoaderArgs) {
  guard(context, request);
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const user = guard(context, request);
  const values = await formValues(request);
  const parsed = investigationSchemaFor(todayInAmsterdam(context.app.clock.now())).safeParse(values);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values }, { status: 400 });
  const id = await createInvestigation(context.app, user.id, parsed.data);
  throw redirect(`/onderzoeken/${id}`);
}

export default function NewInvestigation() {
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>Nieuw leeronderzoek</h1>
      <p>
        Vul de gegevens in die nu bekend zijn; u kunt ze later aanvullen. De naam van de cliënt hoort hier niet: die legt u
        apart vast bij “Cliënt”, alleen zichtbaar voor de procesbegeleider.
      </p>
      <InvestigationForm values={actionData?.values ?? {}} errors={actionData?.errors ?? {}} submitLabel="Onderzoek aanmaken" />
    </div>
  );
}
