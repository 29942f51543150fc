// Resource route: a submitted version's own copy of a 4e attachment (it stays when the attachment
// is later removed from the report page), for who may download versions (procesbegeleider,
// toezichthouder); audited.
import type { Route } from "./+types/investigation-report-version-attachment-file";
import { downloadAttachment } from "../../server/report/attachments.server.ts";
import { fileResponse } from "../../server/report/download.server.ts";
import { downloadAccess, methodNotAllowed, NOT_FOUND, textResponse } from "../../server/report/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "report.versions.download");
  if (!access.ok) return access.response;
  const file = await downloadAttachment(context.app, access.userId, access.investigationId, params.attachmentId, params.versionId);
  if (!file) return textResponse(404, NOT_FOUND);
  return fileResponse(file.data, file.filename, file.contentType, file.sha256);
}

export const action = () => methodNotAllowed();
