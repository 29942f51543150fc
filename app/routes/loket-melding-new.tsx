import { data, redirect, useActionData, useLoaderData } from "react-router";
import type { Route } from "./+types/loket-melding-new";
import loketCss from "~/components/loket/loket.css?url";
import { MeldingForm } from "~/components/loket/MeldingForm.tsx";
import { parseMeldingForm } from "~/domain/loket/forms.ts";
import { canLoket } from "~/domain/policy.ts";
import { formValues } from "~/lib/guards.server.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { allOrganisationNames, createMelding, ownOrganisation, today } from "../../server/loket/meldingen.ts";

export const links: Route.LinksFunction = () => [{ rel: "stylesheet", href: loketCss }];
export const meta: Route.MetaFunction = () => [{ title: "Nieuwe melding – Incidentenloket – Ketenlijn" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, actor } = await requireLoket(context, request, "melding.submit");
  const registering = canLoket(actor, "melding.register");
  return {
    registering,
    organisations: registering ? await allOrganisationNames(context.app) : [],
    defaults: { receivedOn: today(context.app), reportingOrganisation: registering ? "" : await ownOrganisation(context.app, user.id) },
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { actor } = await requireLoket(context, request, "melding.submit");
  const values = await formValues(request);
  const parsed = parseMeldingForm(values, today(context.app));
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const id = await createMelding(context.app, actor, parsed.data);
  throw redirect(`/loket/meldingen/${id}`);
}

export default function NewMelding() {
  const { registering, organisations, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>{registering ? "Melding registreren" : "Melding doen bij het incidentenloket"}</h1>
      <p>
        {registering
          ? "Leg vast wat er binnenkwam. Daarna screent u de melding en bepaalt u het vervolg."
          : "Uw melding komt binnen bij het incidentenloket, dat haar screent en het vervolg bepaalt. U ziet hier later de status."}
      </p>
      <MeldingForm values={actionData?.values ?? defaults} errors={actionData?.errors ?? {}} organisations={organisations} registering={registering} />
    </div>
  );
}
