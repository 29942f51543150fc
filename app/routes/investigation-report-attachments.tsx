// Resource route: adding (multipart, one file) and removing the 4e attachments of the report page.
// Who writes the report (analysis.write) may do both; the answers are Dutch and the page's loaders
// revalidate afterwards. A GET goes back to the report page.
import { data, redirect } from "react-router";
import type { Route } from "./+types/investigation-report-attachments";
import { requireInvestigation, readForm } from "~/lib/guards.server.ts";
import { addAttachment, removeAttachment } from "../../server/report/attachments.server.ts";
import { UserError } from "~/domain/errors.ts";

export function loader({ params }: Route.LoaderArgs) {
  return redirect(`/onderzoeken/${encodeURIComponent(params.id ?? "")}/rapport`);
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, investigationId } = await requireInvestigation(context, request, params.id, "analysis.write");
  const form = await readForm(request);
  const intent = form.get("intent");
  try {
    if (intent === "delete") {
      const id = form.get("attachmentId");
      if (typeof id !== "string" || !/^[0-9a-f-]{36}$/i.test(id)) return data({ ok: false as const, error: "Deze bijlage bestaat niet (meer)." }, { status: 404 });
      await removeAttachment(context.app, user.id, investigationId, id);
      return { ok: true as const, message: "De bijlage is verwijderd." };
    }
    const file = form.get("file");
    if (!file || typeof file === "string") return data({ ok: false as const, error: "Kies een bestand om toe te voegen." }, { status: 400 });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const added = await addAttachment(context.app, user.id, investigationId, file.name, bytes);
    return { ok: true as const, message: `${added.filename} is toegevoegd.` };
  } catch (err) {
    if (err instanceof UserError) return data({ ok: false as const, error: err.message }, { status: err.status });
    throw err;
  }
}
