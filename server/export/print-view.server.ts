// What the print views of the timeline and the analysis show (issue 12): plain data read from the
// stored document, so a page renders on the server and prints without the live workspace.
import { formatInstant } from "../../app/domain/rounds/state.ts";
import { analysisProfile } from "../../app/domain/analysis/profile.ts";
import { ecmCatalog, GROUP_COLORS, themeCatalog } from "../../app/domain/analysis/catalog.ts";
import { readMeasures } from "../../app/domain/analysis/measures.ts";
import { measuresTable } from "../../app/domain/analysis/export.ts";
import { isRootCause, readTree, walk } from "../../app/domain/analysis/tree.ts";
import { formatDutchPartialDate, formatDutchPartialDateRange } from "../../app/domain/timeline/partial-date.ts";
import { activeFlags, readTimeline } from "../../app/domain/timeline/schema.ts";
import { eventFlagLabel, eventKindLabel, eventStatusLabel, sourceTypeLabel } from "../../app/domain/timeline/vocabulary.ts";
import { loadState } from "../collab/persistence.ts";
import type { AppContext } from "../context.ts";
import { profileSvg } from "./figure-profile.ts";

export interface PrintHeader {
  /** "stand van 2 december 2026 om 17.20 uur, wijziging 345". */
  version: string;
}

export interface TimelinePrint extends PrintHeader {
  periods: { label: string; when: string }[];
  rows: { id: string; date: string; party: string; title: string; description: string; actor: string; kind: string; sources: string[]; flags: string[]; status: string }[];
  invalid: number;
}

export interface AnalysisPrint extends PrintHeader {
  tree: { id: string; depth: number; label: string; kind: string; ecm: string; ecmLabel: string; themes: string[]; rootCause: boolean }[];
  profile: { svg: string; total: number; unclassified: number; codes: { code: string; label: string; count: number; share: string }[] };
  measures: { title: string; rootCauses: string; owner: string; deadline: string; result: string; borging: string; status: string }[];
}

function versionOf(ctx: Pick<AppContext, "clock">, lastUpdateId: number): string {
  return `stand van ${formatInstant(ctx.clock.now())}, wijziging ${lastUpdateId}`;
}

export async function timelinePrint(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<TimelinePrint> {
  const state = await loadState(ctx.db, investigationId);
  try {
    const t = readTimeline(state.doc);
    const names = new Map(t.parties.flatMap((p) => (p.ok ? [[p.id, p.value.name] as const] : [])));
    const rows = t.events.flatMap((entry) => {
      if (!entry.ok) return [];
      const e = entry.value;
      return [
        {
          id: entry.id,
          date: e.end ? formatDutchPartialDateRange(e.start, e.end, { approximate: e.approximate }) : formatDutchPartialDate(e.start, { approximate: e.approximate }),
          party: names.get(e.party) ?? "—",
          title: e.title,
          description: e.description.trim(),
          actor: [e.actorFunction, e.actorInitials].filter(Boolean).join(" "),
          kind: eventKindLabel(e.kind),
          sources: e.sources.map((s) => `${sourceTypeLabel(s.type)}: ${s.reference}`),
          flags: activeFlags(e.flags).map(eventFlagLabel),
          status: e.status === "betwist" ? `Betwist: ${e.statusReason ?? ""}` : eventStatusLabel(e.status),
        },
      ];
    });
    const periods = t.periods.flatMap((p) => (p.ok ? [{ label: p.value.label, when: formatDutchPartialDateRange(p.value.start, p.value.end) }] : []));
    return { version: versionOf(ctx, state.lastUpdateId), periods, rows, invalid: t.events.length - rows.length };
  } finally {
    state.doc.destroy();
  }
}

const KIND_LABELS: Record<string, string> = { top: "Topgebeurtenis", cause: "Oorzaak", recovery: "Herstelfactor", critical_moment: "Kritiek moment" };

export async function analysisPrint(ctx: Pick<AppContext, "db" | "clock">, investigationId: string): Promise<AnalysisPrint> {
  const state = await loadState(ctx.db, investigationId);
  try {
    const tree = readTree(state.doc);
    const { measures } = readMeasures(state.doc);
    const nodes = [...walk(tree)].map((n) => {
      const code = n.ecm ? ecmCatalog.byCode.get(n.ecm) : undefined;
      const rootCause = isRootCause(tree, n.id);
      return {
        id: n.id,
        depth: n.depth,
        label: n.label || "(zonder omschrijving)",
        kind: rootCause ? "Basisoorzaak" : (KIND_LABELS[n.kind] ?? n.kind),
        ecm: n.ecm ?? "",
        ecmLabel: code?.label ?? "",
        themes: n.themes.map((t) => themeCatalog.byId.get(t)?.label ?? t),
        rootCause,
      };
    });
    const profile = analysisProfile(tree);
    const svg = profileSvg({
      kind: "profile",
      groups: profile.groups.map((g) => ({ id: g.group, label: g.label, count: g.count, share: g.share, color: GROUP_COLORS[g.group] })),
    }).svg;
    return {
      version: versionOf(ctx, state.lastUpdateId),
      tree: nodes,
      profile: {
        svg,
        total: profile.total,
        unclassified: profile.unclassified,
        codes: profile.codes.filter((c) => c.count > 0).map((c) => ({ code: c.code, label: c.label, count: c.count, share: `${Math.round(c.share * 100)}%` })),
      },
      // The CSV's ten columns in seven, so they stay readable on paper.
      measures: measuresTable(tree, measures).rows.map((r) => ({
        title: r[0]!,
        rootCauses: r[1]!,
        owner: [r[2], r[3]].filter(Boolean).join(", "),
        deadline: r[4]!,
        result: r[5]!,
        borging: [r[6], r[7] ? `wie: ${r[7]}` : "", r[8] ? `wanneer: ${r[8]}` : ""].filter(Boolean).join("\n"),
        status: r[9]!,
      })),
    };
  } finally {
    state.doc.destroy();
  }
}
