import { data, type AppLoadContext } from "react-router";
import { canLoket, type LoketAction, type LoketActor } from "~/domain/policy.ts";
import { loketActor } from "../../server/loket/meldingen.ts";
import type { SessionUser } from "../../server/auth/sessions.ts";
import { requireUser } from "./guards.server.ts";

/** The gate for the incidentenloket's pages: signed in, and the policy allows the action (else 403 in Dutch). */
export async function requireLoket(
  context: AppLoadContext,
  request: Request,
  action: LoketAction,
): Promise<{ user: SessionUser; actor: LoketActor }> {
  const user = requireUser(context, request);
  const actor = await loketActor(context.app, user);
  if (!canLoket(actor, action)) {
    throw data(
      {
        message:
          action === "melding.submit"
            ? "Meldingen bij het incidentenloket zijn niet zichtbaar voor een toezichthouder."
            : "Alleen een medewerker van het incidentenloket heeft toegang tot deze pagina.",
      },
      { status: 403 },
    );
  }
  return { user, actor };
}
