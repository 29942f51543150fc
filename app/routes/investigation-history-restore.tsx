// Resource route (POST only) for the browser's restore of a named version:
// - `stap=begin`: keeps the current state as a version of its own and logs the restore; answers
//   with that version's id and who else changed the document since (their edits are overwritten).
// - `stap=ongedaan`: logs that a restore was undone (`terug` = the kept version's id).
// The rewrite itself happens in the browser, on the live document (RestoreVersion.tsx).
import { data } from "react-router";
import type { Route } from "./+types/investigation-history-restore";
import { canManageVersions } from "~/components/history/permissions.ts";
import { beginRestore, isBackupOf, recordRestoreUndone } from "../../server/history/restores.server.ts";
import { formValues, notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { listVersions } from "../../server/collab/versions.ts";

export async function loader() {
  throw data({ message: "Gebruik de pagina van de versie om terug te zetten." }, { status: 405, headers: { Allow: "POST" } });
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const { user, membership, investigationId } = await requireInvestigation(context, request, params.id, "workspace.write");
  if (!canManageVersions(membership)) throw data({ message: "Alleen de procesbegeleider en onderzoekers zetten versies terug." }, { status: 403 });
  const version = (await listVersions(context.app, investigationId)).find((v) => v.id === params.versionId);
  if (!version) notFound();
  const values = await formValues(request);
  if (values.stap === "begin") {
    const start = await beginRestore(context.app, { investigationId, version, userId: user.id });
    return Response.json(start);
  }
  if (values.stap === "ongedaan") {
    const backupVersionId = String(values.terug ?? "");
    if (!(await isBackupOf(context.app, investigationId, version.id, backupVersionId)))
      throw data({ message: "Dit terugzetten bestaat niet (meer)." }, { status: 400 });
    await recordRestoreUndone(context.app, { investigationId, version, backupVersionId, userId: user.id });
    return Response.json({ ok: true });
  }
  throw data({ message: "Onbekende stap." }, { status: 400 });
}
