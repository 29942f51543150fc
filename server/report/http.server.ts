// Plain-text answers of the report's resource routes (downloads): a script that fetches the file
// shows these sentences to the user as they are.
import type { AppLoadContext } from "react-router";
import type { InvestigationAction, Membership } from "../../app/domain/policy.ts";
import { checkAccess } from "../access.ts";

export function textResponse(status: number, message: string): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });
}

/** A form post or script sending to a download: answered in Dutch instead of the framework's English 405. */
export function methodNotAllowed(): Response {
  const res = textResponse(405, "Dit adres is alleen om een bestand te downloaden; hier kunt u niets versturen.");
  res.headers.set("Allow", "GET, HEAD");
  return res;
}

export const NOT_FOUND = "Dit bestand bestaat niet, of u heeft er geen toegang toe.";
export const FORBIDDEN = "U heeft geen toestemming om dit bestand te downloaden.";

/**
 * The gate of a download: anonymous → the login page (and back), non-member → 404 (the same as a
 * missing investigation), member without the right → 403. Returns the membership or the Response to send.
 */
export async function downloadAccess(
  context: AppLoadContext,
  request: Request,
  investigationId: string | undefined,
  action: InvestigationAction,
): Promise<{ ok: true; userId: string; membership: Membership; investigationId: string } | { ok: false; response: Response }> {
  if (!context.user) {
    const url = new URL(request.url);
    return { ok: false, response: new Response(null, { status: 302, headers: { Location: `/login?next=${encodeURIComponent(url.pathname + url.search)}` } }) };
  }
  const access = await checkAccess(context.app, context.user.id, investigationId ?? "", action);
  if (!access.ok) return { ok: false, response: access.status === 404 ? textResponse(404, NOT_FOUND) : textResponse(403, FORBIDDEN) };
  return { ok: true, userId: context.user.id, membership: access.membership, investigationId: investigationId! };
}

