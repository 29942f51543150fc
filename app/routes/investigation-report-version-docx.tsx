// Resource route: a submitted version's .docx, exactly the stored bytes (their SHA-256 is the one
// shown on the versions page and sent as Repr-Digest). It holds client identity, so only who may
// download versions (procesbegeleider, toezichthouder); every download is audited.
import type { Route } from "./+types/investigation-report-version-docx";
import { docxResponse } from "../../server/report/download.server.ts";
import { downloadAccess, NOT_FOUND, textResponse, methodNotAllowed } from "../../server/report/http.server.ts";
import { downloadVersion } from "../../server/report/versions.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "report.versions.download");
  if (!access.ok) return access.response;
  const file = await downloadVersion(context.app, access.userId, access.investigationId, params.versionId);
  if (!file) return textResponse(404, NOT_FOUND);
  return docxResponse(file.bytes, file.filename, file.sha256);
}

export const action = () => methodNotAllowed();
