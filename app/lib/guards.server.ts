import { data, redirect, type AppLoadContext } from "react-router";
import type { InvestigationAction, Membership } from "~/domain/policy.ts";
import { checkAccess } from "../../server/access.ts";
import type { SessionUser } from "../../server/auth/sessions.ts";

/** Anonymous visitors go to the login page and come back afterwards. */
export function requireUser(context: AppLoadContext, request: Request): SessionUser {
  if (!context.user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return context.user;
}

export function notFound(): never {
  throw data({ message: "Deze pagina bestaat niet, of u heeft er geen toegang toe." }, { status: 404 });
}

/**
 * The one gate for investigation routes: a non-member gets the same 404 as a missing
 * investigation (never its title); a member without the right gets 403.
 */
export async function requireInvestigation(
  context: AppLoadContext,
  request: Request,
  investigationId: string | undefined,
  action: InvestigationAction,
): Promise<{ user: SessionUser; membership: Membership; investigationId: string }> {
  const user = requireUser(context, request);
  const result = await checkAccess(context.app, user.id, investigationId ?? "", action);
  if (!result.ok) {
    if (result.status === 404) notFound();
    throw data({ message: "U heeft geen toestemming voor deze handeling in dit onderzoek." }, { status: 403 });
  }
  return { user, membership: result.membership, investigationId: investigationId! };
}

/** The posted form; a body that is no form (wrong type, broken multipart) is a 400 in Dutch, not a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ message: "Het formulier kon niet worden gelezen. Laad de pagina opnieuw en probeer het nog eens." }, { status: 400 });
  }
}

/** Parses the posted form into a plain object of strings (files are not accepted here). */
export async function formValues(request: Request): Promise<Record<string, string>> {
  const form = await readForm(request);
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string") out[k] = v;
  return out;
}
