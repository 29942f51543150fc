// Resource route: a conceptrapport round's frozen draft as a .docx, for who may open the round
// page (its manager, or a member invited to it).
import type { Route } from "./+types/investigation-rounds-draft-docx";
import { can } from "../domain/policy.ts";
import { docxResponse } from "../../server/report/download.server.ts";
import { downloadAccess, FORBIDDEN, NOT_FOUND, textResponse, methodNotAllowed } from "../../server/report/http.server.ts";
import { frozenDraftDocx } from "../../server/rounds/draft-docx.ts";
import { getRound, inviteeForUser } from "../../server/rounds/rounds.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "rounds.view");
  if (!access.ok) return access.response;
  const round = await getRound(context.app, access.investigationId, params.roundId);
  if (!round) return textResponse(404, NOT_FOUND);
  if (!can(access.membership, "rounds.manage") && !(await inviteeForUser(context.app, round.id, access.userId))) return textResponse(403, FORBIDDEN);
  const file = await frozenDraftDocx(round);
  if (!file) return textResponse(404, NOT_FOUND);
  return docxResponse(file.bytes, file.filename);
}

export const action = () => methodNotAllowed();
