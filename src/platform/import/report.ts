// The row error report of an import, as CSV (UTF-8 with BOM, `;`-separated, for Excel) or XLSX: row, column, value
// and reason, reasons translated into the reader's language.
import ExcelJS from 'exceljs';
import { t, type Lang, type MessageKey } from '../i18n/index.ts';
import { translate } from '../http/errors.ts';

export interface RowError {
  /** Row number as the user sees it in the file (the header is row 1). */
  row: number;
  column: string;
  value: string;
  reason: MessageKey;
  params?: Record<string, string | number>;
}

/** A CSV cell: quoted when needed; text that a spreadsheet would run as a formula is prefixed with '. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvOf = (rows: (string | number)[][]) => Buffer.from('\ufeff' + rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n', 'utf8');

/** A one-sheet workbook, the first row bold; `asText`: every cell formatted as text (Excel keeps dates and numbers as written). */
export async function xlsxOf(sheet: string, rows: (string | number)[][], widths: number[], opts: { asText?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  ws.getRow(1).font = { bold: true };
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  if (opts.asText) ws.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const reportRows = (lang: Lang, errors: RowError[]) => [
  [t(lang, 'import.report.row'), t(lang, 'import.report.column'), t(lang, 'import.report.value'), t(lang, 'import.report.reason')],
  ...errors.map((e) => [e.row, e.column, e.value, translate(lang, e.reason, e.params)]),
];
export const rowErrorsCsv = (lang: Lang, errors: RowError[]) => csvOf(reportRows(lang, errors));
export const rowErrorsXlsx = (lang: Lang, errors: RowError[]) => xlsxOf(t(lang, 'import.report.sheet'), reportRows(lang, errors), [8, 28, 30, 90]);
