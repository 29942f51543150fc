// Resource route: one of the 4e attachments of the report page, for members who see the report
// (non-member 404, like a missing investigation); every download is in the Logboek.
import type { Route } from "./+types/investigation-report-attachment-file";
import { downloadAttachment } from "../../server/report/attachments.server.ts";
import { fileResponse } from "../../server/report/download.server.ts";
import { downloadAccess, methodNotAllowed, NOT_FOUND, textResponse } from "../../server/report/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "report.view");
  if (!access.ok) return access.response;
  const file = await downloadAttachment(context.app, access.userId, access.investigationId, params.attachmentId);
  if (!file) return textResponse(404, NOT_FOUND);
  return fileResponse(file.data, file.filename, file.contentType, file.sha256);
}

export const action = () => methodNotAllowed();
