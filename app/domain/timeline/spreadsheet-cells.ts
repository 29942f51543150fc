// Cell values that travel through spreadsheets: the export writes them, the import reads them back.

/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab / carriage return) as a formula
 * ("CSV injection"); such a value gets a leading apostrophe, which keeps it text in the spreadsheet; the import
 * removes again (unguardCell).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The import's inverse of guardCell: "'=1+1" → "=1+1"; any other value unchanged. */
export function unguardCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** A cell read from an .xlsx sheet as the import's text: dates as 12-03-2014 (10:30), numbers as written. */
export function sheetCellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return "";
    const p = (v: number) => String(v).padStart(2, "0");
    // Spreadsheet dates carry no zone: read as UTC wall-clock time.
    const date = `${p(value.getUTCDate())}-${p(value.getUTCMonth() + 1)}-${value.getUTCFullYear()}`;
    const time = value.getUTCHours() || value.getUTCMinutes() ? ` ${p(value.getUTCHours())}:${p(value.getUTCMinutes())}` : "";
    return date + time;
  }
  if (typeof value === "number") return Number.isFinite(value) ? String(value).replace(".", ",") : "";
  if (typeof value === "boolean") return value ? "ja" : "nee";
  return String(value);
}

/**
 * The first sheet's rows as tab-separated text (RFC 4180 quoting), so an .xlsx goes through the
 * same preview as pasted rows.
 */
export function sheetRowsToText(rows: readonly (readonly unknown[])[]): string {
  return rows
    .map((r) => r.map((c) => {
      const s = sheetCellText(c);
      return /[\t"\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
    }).join("\t"))
    .join("\r\n");
}
