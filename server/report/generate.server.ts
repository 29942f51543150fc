// Generating the zelfonderzoek report: load (document + relational data), build (pure), render
// (.docx). Used by the export download and by submitting a version.
import type { ReportModel } from "../../app/domain/report/model.ts";
import { buildReport } from "../../app/domain/report/build.ts";
import { reportCompleteness, type Completeness } from "../../app/domain/report/completeness.ts";
import { todayInAmsterdam } from "../../app/domain/calendar-date.ts";
import { audit } from "../audit.ts";
import type { AppContext } from "../context.ts";
import { renderReportDocx } from "../export/render-docx.server.ts";
import { reportFilename } from "./download.server.ts";
import { loadReportInput } from "./load.server.ts";

export interface GenerateReportOptions {
  audience: "toezichthouder" | "ketenpartners";
  /** "Versie 3" for a submitted version, "Werkversie" for a download of the current state. */
  versionLabel: string;
  status: "concept" | "definitief";
  /** Today in Europe/Amsterdam, YYYY-MM-DD. */
  today: string;
  onProgress?: (step: string, fraction: number) => void;
  /** Who asked: the toezichthouder's version reads client identity, and that read is audited. */
  actorId?: string | null;
  /** Why client identity was read (audit detail), e.g. "rapport indienen". */
  purpose?: string;
  /** Only reactions of the rounds this user was invited to (a member who does not manage the rounds). */
  reactionsOfRoundsOf?: string;
  /** Leave every reaction out (and say so): the ketenpartners' copy of a submitted version. */
  withoutReactions?: boolean;
}

export async function generateReport(
  ctx: AppContext,
  investigationId: string,
  opts: GenerateReportOptions,
): Promise<{ model: ReportModel; bytes: Buffer; filename: string }> {
  opts.onProgress?.("Gegevens verzamelen", 0);
  const { doc, input, checklist } = await loadReportInput(ctx, investigationId, opts.audience, {
    versionLabel: opts.versionLabel,
    status: opts.status,
    today: opts.today,
    reactionsOfRoundsOf: opts.reactionsOfRoundsOf,
    withoutReactions: opts.withoutReactions,
  });
  try {
    if (opts.audience === "toezichthouder") {
      // Bijlage 1 item 1a went into this version: a read of client identity, logged like the page view.
      await audit(ctx, {
        action: "client.viewed",
        actorId: opts.actorId ?? null,
        investigationId,
        details: { purpose: opts.purpose ?? "rapport voor de toezichthouder" },
      });
    }
    opts.onProgress?.("Rapport opbouwen", 0.1);
    const model = buildReport(doc, input, checklist);
    const bytes = await renderReportDocx(model, { onProgress: opts.onProgress });
    opts.onProgress?.("Klaar", 1);
    return { model, bytes, filename: reportFilename(input.investigation.title, opts.versionLabel, opts.audience) };
  } finally {
    doc.destroy();
  }
}

/** How complete the report is now (never reads client identity: the status of 1a comes from which fields are filled). */
export async function currentCompleteness(ctx: AppContext, investigationId: string): Promise<Completeness> {
  const { doc, input, checklist } = await loadReportInput(ctx, investigationId, "ketenpartners", {
    versionLabel: "Werkversie",
    status: "concept",
    today: todayInAmsterdam(ctx.clock.now()),
  });
  try {
    return reportCompleteness(buildReport(doc, input, checklist));
  } finally {
    doc.destroy();
  }
}
