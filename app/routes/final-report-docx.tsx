// Resource route: the final report (ketenpartners' version) behind the personal link mailed to a
// reactant (seed 002 stap 6; server/report/final.server.ts). Only this route accepts that token.
import type { Route } from "./+types/final-report-docx";
import { docxResponse } from "../../server/report/download.server.ts";
import { finalReportByToken } from "../../server/report/final.server.ts";
import { methodNotAllowed, textResponse } from "../../server/report/http.server.ts";

export async function loader({ context, params }: Route.LoaderArgs) {
  const file = await finalReportByToken(context.app, params.token);
  if (!file) return textResponse(404, "Deze link kennen we niet. Controleer of u de hele link uit de e-mail heeft gebruikt, of neem contact op met de procesbegeleider.");
  return docxResponse(Buffer.from(file.bytes), file.filename);
}

export const action = () => methodNotAllowed();
