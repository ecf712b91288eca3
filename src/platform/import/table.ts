// Reading an uploaded table (the shared import engine of the modules): CSV (UTF-8 with or without BOM, or
// Windows-1252; `;`, `,` or tab separated) or XLSX (the first visible worksheet; dates, numbers, rich text, and
// formulas by their cached result — a formula is never evaluated) into headers and rows of cells. What a cell means
// is the importing module's business. Whole-file problems are refused with a message key the caller may choose
// (`FileMessages`), so each import keeps its own wording.
import { parse as parseCsvSync } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
export const MAX_ROWS = 500_000;

/** The message keys of the whole-file refusals (each import may word them its own way). */
export interface FileMessages {
  tooLarge: MessageKey;
  tooManyRows: MessageKey;
  empty: MessageKey;
  oldExcel: MessageKey;
  notCsv: MessageKey;
  csv: MessageKey;
  xlsx: MessageKey;
}

export const defaultFileMessages: FileMessages = {
  tooLarge: 'import.error.tooLarge',
  tooManyRows: 'import.error.tooManyRows',
  empty: 'import.error.empty',
  oldExcel: 'import.error.oldExcel',
  notCsv: 'import.error.notCsv',
  csv: 'import.error.csv',
  xlsx: 'import.error.xlsx',
};

/** A formula cell without a stored result: refused per row (the platform never evaluates a formula). */
export interface FormulaWithoutResult {
  formula: string;
}
export type Cell = string | number | boolean | Date | null | FormulaWithoutResult;
export interface SourceRow {
  /** Row number as the user sees it in the file (the header is row 1). */
  line: number;
  cells: Cell[];
}
export interface Table {
  headers: string[];
  rows: SourceRow[];
}

export const isFormulaWithoutResult = (c: Cell): c is FormulaWithoutResult => typeof c === 'object' && c !== null && !(c instanceof Date);

/** A whole-file problem: the file is refused with this message (a message key with params). */
export const fileError = (messageKey: MessageKey, params: Record<string, string | number> = {}) =>
  new AppError('validation', messageKey, [{ field: 'file', code: 'file', message: messageKey, params }], params);

// Windows-1252's printable characters in 0x80–0x9F (Node's decoder treats the label as Latin-1 and gets these wrong).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Text of a CSV file: UTF-8 (a BOM is dropped) when it is valid UTF-8, otherwise Windows-1252. */
export function decodeText(buf: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    let out = '';
    const CHUNK = 8192;
    for (let i = 0; i < body.length; i += CHUNK) {
      const part = body.subarray(i, i + CHUNK);
      const codes = new Array<string>(part.length);
      for (let j = 0; j < part.length; j++) {
        const b = part[j];
        codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
      }
      out += codes.join('');
    }
    return { text: out, encoding: 'windows-1252' };
  }
}

/** The separator of the header line: the most frequent of `;`, `,` and tab outside quotes (`,` when none). */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const firstLine = text.slice(0, Math.min(text.length, 64 * 1024)).split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.entries(counts) as [';' | ',' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
  return best[1] > 0 ? best[0] : ',';
}

const isXlsx = (buf: Buffer) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;
const isOldExcel = (buf: Buffer) => buf.length > 8 && buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

/** Reads a file (CSV or XLSX, told apart by content). Refuses a file over 25 MB or 500,000 rows, an old .xls and an empty file. */
export async function readTable(content: Buffer, messages: FileMessages = defaultFileMessages): Promise<Table> {
  const m = messages;
  if (content.length > MAX_FILE_BYTES) throw fileError(m.tooLarge, { mb: Math.round(content.length / 1024 / 1024), max: MAX_FILE_BYTES / 1024 / 1024 });
  if (content.length === 0) throw fileError(m.empty);
  if (isOldExcel(content)) throw fileError(m.oldExcel);
  const table = isXlsx(content) ? await readXlsx(content, m) : readCsv(content, m);
  if (table.headers.every((h) => h === '')) throw fileError(m.empty);
  if (table.rows.length > MAX_ROWS) throw fileError(m.tooManyRows, { max: MAX_ROWS.toLocaleString('nl-NL') });
  return table;
}

function readCsv(content: Buffer, m: FileMessages): Table {
  const { text } = decodeText(content);
  if (text.includes('\u0000')) throw fileError(m.notCsv);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsvSync(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (err) {
    throw fileError(m.csv, { detail: (err as { lines?: number }).lines ? String((err as { lines: number }).lines) : '?' });
  }
  // Leading empty lines before the header are skipped; the header's line number stays the file's.
  let start = 0;
  while (start < records.length && records[start].every((c) => c.trim() === '')) start++;
  const headers = (records[start] ?? []).map((h) => h.trim());
  const rows: SourceRow[] = [];
  for (let i = start + 1; i < records.length; i++) rows.push({ line: i + 1, cells: records[i] });
  return { headers, rows };
}

/** One XLSX cell as plain data: a formula by its cached result (never evaluated), rich text as its text. */
function xlsxCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      const result = v.result;
      if (result === undefined || result === null || (typeof result === 'object' && !(result instanceof Date))) return { formula: String(v.formula ?? v.sharedFormula ?? '') };
      return result as string | number | boolean | Date;
    }
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('text' in v) return typeof v.text === 'string' ? v.text : xlsxCell(v.text as ExcelJS.CellValue);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

async function readXlsx(content: Buffer, m: FileMessages): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw fileError(m.xlsx);
  }
  const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.actualRowCount > 0) ?? wb.worksheets[0];
  if (!ws) throw fileError(m.empty);
  let headerRow = 0;
  const raw: { line: number; cells: Cell[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = row.values as ExcelJS.CellValue[]; // index 0 is unused (columns are 1-based)
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(xlsxCell(values[i]));
    if (!headerRow) {
      if (cells.every((c) => c === null || String(c).trim() === '')) return;
      headerRow = n;
    }
    raw.push({ line: n, cells });
  });
  if (!raw.length) throw fileError(m.empty);
  const headers = raw[0].cells.map((c) => (c === null ? '' : isFormulaWithoutResult(c) ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim()));
  return { headers, rows: raw.slice(1) };
}

/** A cell as text: dates as ISO dates, whole numbers without decimals, formulas without a result as ''. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined || isFormulaWithoutResult(c)) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return String(c).trim();
}
