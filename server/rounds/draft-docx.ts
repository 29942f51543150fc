// The frozen draft of a conceptrapport round as a .docx: the report model stored at freeze time,
// drawn by the export's own renderer, so reactants read the same document the report will be.
import { parseFrozen } from "../../app/domain/rounds/frozen.ts";
import { renderReportDocx } from "../export/render-docx.server.ts";
import { safeFilename } from "../report/download.server.ts";
import type { RoundRow } from "./rounds.ts";

/** null when the round has no draft report to render (an interview round, or one frozen before models were stored). */
export async function frozenDraftDocx(round: Pick<RoundRow, "frozen" | "title">): Promise<{ bytes: Buffer; filename: string } | null> {
  const frozen = parseFrozen(round.frozen);
  if (frozen.kind !== "draft_report" || !frozen.report) return null;
  const bytes = await renderReportDocx(frozen.report);
  return { bytes, filename: safeFilename(round.title) };
}
