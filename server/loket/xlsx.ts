import writeExcelFile from "write-excel-file/node";

/** A table (first row the header, in bold) as an .xlsx workbook with one sheet. */
export async function xlsxBuffer(table: string[][], sheet: string): Promise<Buffer> {
  const [head, ...rows] = table;
  const data = [head.map((value) => ({ value, fontWeight: "bold" as const })), ...rows.map((r) => r.map((value) => ({ value })))];
  return writeExcelFile(data, { sheet, stickyRowsCount: 1 }).toBuffer();
}
