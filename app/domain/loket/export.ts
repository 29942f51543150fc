// The register as a table for CSV and Excel (pure). No client identity: that is not in these rows.
import { CATEGORY_LABELS, CHANNELS, CRITERION_LABELS, DECISIONS, IMPACTS, LOKET_FRAMES, LOKET_SUPERVISORS, STATUSES, SUPERVISOR_DECISIONS, URGENCIES, meldingReference } from "./fields.ts";

export interface ExportRow {
  seq: number;
  receivedOn: string;
  channel: string;
  reportingOrganisation: string;
  legalFrame: string;
  criterion: string;
  category: string;
  meldplicht: boolean;
  impacts: string[];
  eventDate: string | null;
  description: string;
  urgency: string;
  status: string;
  decision: string | null;
  decidedAt: Date | null;
  supervisor: string | null;
  supervisorDecision: string | null;
  supervisorReportedOn: string | null;
  supervisorOutcome: string;
  investigationId: string | null;
}

export const EXPORT_HEADERS = [
  "Nummer",
  "Ontvangen op",
  "Hoe binnengekomen",
  "Meldende organisatie",
  "Wettelijk kader",
  "Meldcriterium",
  "Categorie",
  "Calamiteit (meldplicht)",
  "Impact (4 P's)",
  "Datum voorval",
  "Urgentie",
  "Status",
  "Besluit",
  "Besluit op",
  "Toezichthouder",
  "Gemeld bij toezichthouder op",
  "Besluit toezichthouder",
  "Uitkomst toezichthouder",
  "Leeronderzoek gestart",
  "Omschrijving",
] as const;

const label = (o: Record<string, string>, k: string | null) => (k ? (o[k] ?? k) : "");
const day = new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Amsterdam" });

/** Dates as jjjj-mm-dd (sorts, and Excel and LibreOffice read it as a date). */
export function registerTable(rows: ExportRow[]): string[][] {
  return [
    [...EXPORT_HEADERS],
    ...rows.map((r) => [
      meldingReference(r.receivedOn, r.seq),
      r.receivedOn,
      label(CHANNELS, r.channel),
      r.reportingOrganisation,
      label(LOKET_FRAMES, r.legalFrame),
      label(CRITERION_LABELS, r.criterion),
      label(CATEGORY_LABELS, r.category),
      r.meldplicht ? "ja" : "nee",
      r.impacts.map((i) => label(IMPACTS, i)).join(", "),
      r.eventDate ?? "",
      label(URGENCIES, r.urgency),
      label(STATUSES, r.status),
      label(DECISIONS, r.decision),
      r.decidedAt ? day.format(r.decidedAt) : "",
      label(LOKET_SUPERVISORS, r.supervisor),
      r.supervisorReportedOn ?? "",
      label(SUPERVISOR_DECISIONS, r.supervisorDecision),
      r.supervisorOutcome,
      r.investigationId ? "ja" : "nee",
      r.description,
    ]),
  ];
}

/**
 * CSV as Dutch spreadsheets open it: semicolons, CRLF, a BOM for UTF-8. A cell that a spreadsheet
 * would run as a formula (= + - @ at the start, other than a signed whole number) gets a leading apostrophe.
 */
export function toCsv(table: string[][]): string {
  const cell = (v: string) => {
    // A plain signed number ("+4", "-1") stays as it is: a spreadsheet reads it as a number.
    const safe = /^[=+\-@\t\r]/.test(v) && !/^[+-]\d+$/.test(v) ? `'${v}` : v;
    return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return "\uFEFF" + table.map((row) => row.map(cell).join(";")).join("\r\n") + "\r\n";
}
