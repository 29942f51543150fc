// Data exports for the reflection meetings (issue 12): the timeline as CSV or .xlsx (the import's
// columns), the analysis as CSV (causes, measures). Reads the stored document (every update is in
// the log before anyone sees it, so this is what the room sees), writes the file, audits the
// download. ADR 0017.
import writeXlsxFile from "write-excel-file/node";
import { readMeasures } from "../../app/domain/analysis/measures.ts";
import { causesTable, measuresTable } from "../../app/domain/analysis/export.ts";
import { readTree } from "../../app/domain/analysis/tree.ts";
import { timelineExportTable, toCsvFile, type ExportTable } from "../../app/domain/timeline/export.ts";
import { readTimeline } from "../../app/domain/timeline/schema.ts";
import { formatInstant } from "../../app/domain/rounds/state.ts";
import { swimlaneFigureOf, type PosterSize, type TileSize } from "../../app/domain/timeline/poster.ts";
import { loadDoc, loadState } from "../collab/persistence.ts";
import { posterPdf } from "./poster.server.ts";
import type { AppContext } from "../context.ts";
import { contentDisposition, safeFilename } from "../report/download.server.ts";
import { audit } from "../audit.ts";

export const DATA_EXPORT_FILES = ["tijdlijn.csv", "tijdlijn.xlsx", "oorzaken.csv", "maatregelen.csv", "poster.pdf"] as const;
export type DataExportFile = (typeof DATA_EXPORT_FILES)[number];

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const BASENAMES: Record<DataExportFile, string> = {
  "tijdlijn.csv": "Tijdlijn",
  "tijdlijn.xlsx": "Tijdlijn",
  "oorzaken.csv": "Analyse oorzaken",
  "maatregelen.csv": "Analyse maatregelen",
  "poster.pdf": "Tijdlijnposter",
};

/** "Tijdlijn Calamiteit Noord 2026-12-02.csv": what, which investigation, which day. */
export function exportFilename(what: string, title: string, today: string, extension: string): string {
  return safeFilename(`${what} ${title} ${today}`, extension);
}

export interface ExportFile {
  bytes: Uint8Array;
  contentType: string;
  filename: string;
  rows: number;
}

/** Column widths (characters) for the .xlsx: wide text columns, narrow date columns. */
const XLSX_WIDTHS = [12, 7, 12, 7, 26, 40, 60, 20, 10, 16, 14, 36, 24, 22];

export async function timelineXlsx(table: ExportTable): Promise<Uint8Array> {
  const cell = (value: string, header = false) => ({ type: String, value, wrap: true, ...(header ? { fontWeight: "bold" as const } : {}) });
  const data = [table.headers.map((h) => cell(h, true)), ...table.rows.map((r) => r.map((c) => cell(c)))];
  const buffer = await writeXlsxFile(data, {
    sheet: "Tijdlijn",
    columns: table.headers.map((_, i) => ({ width: XLSX_WIDTHS[i] ?? 16 })),
    stickyRowsCount: 1,
  }).toBuffer();
  return new Uint8Array(buffer);
}

const encoder = new TextEncoder();

export async function buildDataExport(
  ctx: Pick<AppContext, "db">,
  investigation: { id: string; title: string },
  file: Exclude<DataExportFile, "poster.pdf">,
  today: string,
): Promise<ExportFile> {
  const doc = await loadDoc(ctx.db, investigation.id);
  try {
    const ext = file.slice(file.lastIndexOf("."));
    const filename = exportFilename(BASENAMES[file], investigation.title, today, ext);
    if (file === "tijdlijn.csv" || file === "tijdlijn.xlsx") {
      const table = timelineExportTable(readTimeline(doc));
      if (file === "tijdlijn.xlsx") return { bytes: await timelineXlsx(table), contentType: XLSX_MIME, filename, rows: table.rows.length };
      return { bytes: encoder.encode(toCsvFile(table)), contentType: "text/csv; charset=utf-8", filename, rows: table.rows.length };
    }
    const tree = readTree(doc);
    const { measures } = readMeasures(doc);
    const titles = new Map(readTimeline(doc).events.flatMap((e) => (e.ok ? [[e.id, e.value.title] as const] : [])));
    const table = file === "oorzaken.csv" ? causesTable(tree, measures, (id) => titles.get(id)) : measuresTable(tree, measures);
    return { bytes: encoder.encode(toCsvFile(table)), contentType: "text/csv; charset=utf-8", filename, rows: table.rows.length };
  } finally {
    doc.destroy();
  }
}

/** "Stand van 2 december 2026 om 17.20 uur, wijziging 345": when, and which state of the document. */
export function versionLabel(now: Date, lastUpdateId: number): string {
  return `stand van ${formatInstant(now)}, wijziging ${lastUpdateId}`;
}

export async function buildPoster(
  ctx: Pick<AppContext, "db" | "clock">,
  investigation: { id: string; title: string },
  options: { size: PosterSize; tiles: TileSize | null },
  today: string,
): Promise<ExportFile & { pages: number }> {
  const state = await loadState(ctx.db, investigation.id);
  try {
    const figure = swimlaneFigureOf(readTimeline(state.doc));
    const { bytes, pages } = await posterPdf({
      figure,
      title: investigation.title,
      version: versionLabel(ctx.clock.now(), state.lastUpdateId),
      size: options.size,
      tiles: options.tiles,
    });
    const what = `${BASENAMES["poster.pdf"]} ${options.size}${options.tiles ? ` op ${options.tiles}` : ""}`;
    return { bytes, pages, contentType: "application/pdf", filename: exportFilename(what, investigation.title, today, ".pdf"), rows: figure.events.length };
  } finally {
    state.doc.destroy();
  }
}

export async function auditDataExport(
  ctx: Pick<AppContext, "db" | "clock">,
  entry: { actorId: string; investigationId: string; file: string; rows?: number; bytes: number },
): Promise<void> {
  await audit(ctx, {
    at: ctx.clock.now(),
    action: entry.file.startsWith("tijdlijn") || entry.file.startsWith("poster") ? "timeline.exported" : "analysis.exported",
    actorId: entry.actorId,
    investigationId: entry.investigationId,
    details: { file: entry.file, ...(entry.rows !== undefined ? { rows: entry.rows } : {}), bytes: entry.bytes },
  });
}

/** The download response: exactly these bytes, never cached by shared caches, never sniffed. */
export function fileResponse(file: { bytes: Uint8Array; contentType: string; filename: string }): Response {
  return new Response(new Blob([new Uint8Array(file.bytes)]), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Length": String(file.bytes.byteLength),
      "Content-Disposition": contentDisposition(file.filename),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
