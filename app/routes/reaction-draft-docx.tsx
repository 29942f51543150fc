// Resource route: the frozen draft of the personal link's round as a .docx. The same link check
// as the reaction page (resolveLink); it serves only that round's frozen version (ADR 0005).
import type { Route } from "./+types/reaction-draft-docx";
import { docxResponse } from "../../server/report/download.server.ts";
import { NOT_FOUND, textResponse, methodNotAllowed } from "../../server/report/http.server.ts";
import { frozenDraftDocx } from "../../server/rounds/draft-docx.ts";
import { LINK_PROBLEMS, resolveLink } from "../../server/rounds/reactions.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const found = await resolveLink(context.app, params.token);
  if (!found.ok) return textResponse(found.reason === "unknown" ? 404 : 410, LINK_PROBLEMS[found.reason]);
  const file = await frozenDraftDocx(found.round);
  if (!file) return textResponse(404, NOT_FOUND);
  return docxResponse(file.bytes, file.filename);
}

export const action = () => methodNotAllowed();
