// Server side of the report page: the completeness of the report as an outline, computed with the
// report builder from the current document and the relational data. Callers check permissions
// first. The page never receives the client's identity: the version without it is built, and only
// statuses, missing sentences and section texts leave here.
import { can, canExport, type Membership } from "~/domain/policy.ts";
import { buildReport } from "~/domain/report/build.ts";
import type { ReportAudience, ReportModel } from "~/domain/report/model.ts";
import { blocksText, sectionBlocks } from "~/domain/report/narrative.ts";
import { openFactCount } from "~/domain/report/structured.ts";
import { readTimeline } from "~/domain/timeline/schema.ts";
import type { FrozenBlock } from "~/domain/rounds/frozen.ts";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import type { AppContext } from "../context.ts";
import { loadReportInput } from "./load.server.ts";
import { buildOutline, type OutlineChapter } from "~/domain/report/outline.ts";

export interface ReportPageData {
  checklistName: string;
  chapters: OutlineChapter[];
  /** The text blocks of each narrative section as stored now: shown until the live document is there. */
  sections: Record<string, FrozenBlock[]>;
  /** False when the report builder failed: the narrative statuses are then estimated, the others unknown. */
  computed: boolean;
}

/** Who may ask for which version of the export (the download route enforces it too). */
export function exportAudiences(membership: Membership): ReportAudience[] {
  return (["ketenpartners", "toezichthouder"] as const).filter((a) => canExport(membership, a));
}

export async function loadReportPage(ctx: AppContext, membership: Membership, investigationId: string): Promise<ReportPageData> {
  // Always the version without the client's identity: the status of 1a comes from which fields are
  // filled (input.clientStatus), so the page never reads the identity itself and needs no audit entry.
  const { doc, input, checklist } = await loadReportInput(ctx, investigationId, "ketenpartners", {
    versionLabel: "Werkversie",
    status: "concept",
    today: todayInAmsterdam(ctx.clock.now()),
  });
  try {
    let model: ReportModel | null = null;
    try {
      model = buildReport(doc, input, checklist);
    } catch (err) {
      // A bug in the builder (or content it cannot read) must not take the page down: the outline
      // is still shown, with the narrative statuses estimated from the texts.
      console.error(`[rapport] volledigheid van ${investigationId} niet berekend: ${err instanceof Error ? err.message : String(err)}`);
    }
    const sections: Record<string, FrozenBlock[]> = {};
    for (const item of checklist.items) if (item.narrative && !item.restricted) sections[item.id] = sectionBlocks(doc, item.id);
    const chapters = buildOutline(checklist, model, { client: can(membership, "client.view"), editInvestigation: can(membership, "investigation.edit") }, (id) =>
      blocksText(sections[id] ?? []),
      { openFacts: openFactCount(readTimeline(doc)) },
    );
    return { checklistName: checklist.name, chapters, sections, computed: model !== null };
  } finally {
    doc.destroy();
  }
}
