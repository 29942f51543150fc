// Resource route: the ketenpartners' variant of a submitted version (no client identity,
// professionals and reactants by function and initials; ADR 0012), stored with the version when it
// was submitted. Read-only for the members of the investigation (issue 15); every download is audited.
import type { Route } from "./+types/investigation-report-version-partners-docx";
import { docxResponse } from "../../server/report/download.server.ts";
import { downloadAccess, NOT_FOUND, textResponse, methodNotAllowed } from "../../server/report/http.server.ts";
import { downloadPartnersVersion } from "../../server/report/versions.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "report.versions.download_partners");
  if (!access.ok) return access.response;
  const file = await downloadPartnersVersion(context.app, access.userId, access.investigationId, params.versionId);
  if (!file) return textResponse(404, NOT_FOUND);
  return docxResponse(file.bytes, file.filename, file.sha256);
}

export const action = () => methodNotAllowed();
