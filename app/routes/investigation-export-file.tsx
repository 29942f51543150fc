// Resource route: data exports for the reflection meetings (issue 12). /onderzoeken/<id>/export/<bestand>
// with bestand = tijdlijn.csv | tijdlijn.xlsx | oorzaken.csv | maatregelen.csv. Members who may read the
// workspace only; every download is audited.
import type { Route } from "./+types/investigation-export-file";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { auditDataExport, buildDataExport, DATA_EXPORT_FILES, fileResponse, type DataExportFile } from "../../server/export/data-export.server.ts";
import { getInvestigation } from "../../server/investigations.ts";
import { downloadAccess, methodNotAllowed, NOT_FOUND, textResponse } from "../../server/report/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "workspace.read");
  if (!access.ok) return access.response;
  const file = params.bestand as DataExportFile;
  if (!DATA_EXPORT_FILES.includes(file)) return textResponse(404, NOT_FOUND);
  const ctx = context.app;
  const investigation = await getInvestigation(ctx, access.investigationId);
  if (!investigation) return textResponse(404, NOT_FOUND);
  const out = await buildDataExport(ctx, investigation, file, todayInAmsterdam(ctx.clock.now()));
  await auditDataExport(ctx, { actorId: access.userId, investigationId: access.investigationId, file, rows: out.rows, bytes: out.bytes.byteLength });
  return fileResponse(out);
}

export const action = () => methodNotAllowed();
