// Data export of the timeline: one row per fact with exactly the columns the import takes
// (IMPORT_FIELDS, by their Dutch labels), written so the import reads every value back as it was
// (docs/decisions: export formats). Pure: the server turns the rows into CSV or .xlsx bytes.
import { IMPORT_FIELDS, type ImportField } from "./import.ts";
import { guardCell } from "./spreadsheet-cells.ts";
import { formatDutchNumericPartialDate, parsePartialDate } from "./partial-date.ts";
import type { Timeline, TimelineEvent } from "./schema.ts";
import { activeFlags } from "./schema.ts";
import { eventFlagLabel, eventKindLabel, lifeDomainLabel, sourceTypeLabel } from "./vocabulary.ts";

export interface ExportTable {
  headers: string[];
  rows: string[][];
}

/** The column headers of the timeline export: the import's field labels, in the import's order. */
export const TIMELINE_EXPORT_HEADERS: readonly string[] = IMPORT_FIELDS.map((f) => f.label);

const pad = (v: number) => String(v).padStart(2, "0");

/** "ca. 12-03-2014" and "10:30" for a partial ISO date; the import's own notation. */
function dateCells(value: string, approximate: boolean): { date: string; time: string } {
  const d = parsePartialDate(value);
  if (!d) return { date: value, time: "" };
  const time = d.precision === "minute" ? `${pad(d.hour!)}:${pad(d.minute!)}` : "";
  const dateOnly = formatDutchNumericPartialDate({ ...d, precision: d.precision === "minute" ? "day" : d.precision, hour: undefined, minute: undefined });
  return { date: `${approximate ? "ca. " : ""}${dateOnly}`, time };
}

/** One export row for a fact; `partyName` resolves the lane id. */
export function eventExportRow(e: TimelineEvent, partyName: string): string[] {
  const start = dateCells(e.start, e.approximate);
  const end = e.end ? dateCells(e.end, false) : { date: "", time: "" };
  const cells: Record<ImportField, string> = {
    start: start.date,
    time: start.time,
    end: end.date,
    endTime: end.time,
    party: partyName,
    title: e.title,
    description: e.description,
    actorFunction: e.actorFunction,
    actorInitials: e.actorInitials,
    kind: eventKindLabel(e.kind),
    // One line per source, the type on the same line number in "Soort bron".
    sourceType: e.sources.map((s) => sourceTypeLabel(s.type)).join("\n"),
    source: e.sources.map((s) => s.reference.replace(/\s*\n\s*/g, " ")).join("\n"),
    lifeDomains: e.lifeDomains.map(lifeDomainLabel).join(", "),
    flags: activeFlags(e.flags).map(eventFlagLabel).join(", "),
  };
  return IMPORT_FIELDS.map((f) => cells[f.key]);
}

/** Every valid fact, chronologically, as the import's columns. Invalid entries are left out (counted). */
export function timelineExportTable(timeline: Timeline): ExportTable & { skipped: number } {
  const names = new Map(timeline.parties.flatMap((p) => (p.ok ? [[p.id, p.value.name] as const] : [])));
  const rows: string[][] = [];
  let skipped = 0;
  for (const entry of timeline.events) {
    if (!entry.ok) {
      skipped++;
      continue;
    }
    rows.push(eventExportRow(entry.value, names.get(entry.value.party) ?? ""));
  }
  return { headers: [...TIMELINE_EXPORT_HEADERS], rows, skipped };
}

// ---------------------------------------------------------------------------------------------
// CSV

function quote(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * RFC 4180 text: fields with the delimiter, quotes, newlines or outer spaces in double quotes,
 * CRLF between records. `guard` protects cells against formula execution (for files; not for the
 * import's own pasted text).
 */
export function toDelimited(table: ExportTable, delimiter: ";" | "," | "\t" = ";", options: { guard?: boolean } = {}): string {
  const guard = options.guard ?? true;
  return [table.headers, ...table.rows]
    .map((r) => r.map((c) => quote(guard ? guardCell(c) : c, delimiter)).join(delimiter))
    .join("\r\n")
    .concat("\r\n");
}

/** A CSV file as Dutch Excel opens it: UTF-8 with a byte order mark, ";" between fields. */
export function toCsvFile(table: ExportTable): string {
  return `\ufeff${toDelimited(table, ";")}`;
}
