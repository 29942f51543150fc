// Resource route: everything held on one person as JSON (AVG art. 15 and 20). Procesbegeleider only; audited.
import type { Route } from "./+types/investigation-privacy-export";
import { exportPerson, PERSON_KINDS, type PersonKind } from "../../server/privacy/persons.ts";
import { contentDisposition } from "../../server/report/download.server.ts";
import { downloadAccess, textResponse } from "../../server/report/http.server.ts";
import { UserError } from "~/domain/errors.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "privacy.manage");
  if (!access.ok) return access.response;
  const url = new URL(request.url);
  const kind = url.searchParams.get("soort") as PersonKind;
  const key = url.searchParams.get("sleutel") ?? "";
  if (!PERSON_KINDS.includes(kind) || !key) return textResponse(400, "Kies een persoon.");
  try {
    const body = await exportPerson(context.app, access.userId, access.investigationId, kind, key);
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": contentDisposition(`Gegevens ${kind}.json`),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (err) {
    if (err instanceof UserError) return textResponse(err.status, err.message);
    throw err;
  }
}
