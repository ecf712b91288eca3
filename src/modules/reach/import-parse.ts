// Reading an attendance file into a table of cells: the platform's table reader (src/platform/import/table.ts:
// CSV or XLSX) with the reach import's own wording of whole-file refusals. What a cell means is decided later
// (import-validate.ts).
import { readTable as readAnyTable, type FileMessages, type Table } from '../../platform/import/table.ts';

export { MAX_FILE_BYTES, MAX_ROWS, fileError, decodeText, detectDelimiter, isFormulaWithoutResult, type Cell, type FormulaWithoutResult, type SourceRow, type Table } from '../../platform/import/table.ts';

const reachFileMessages: FileMessages = {
  tooLarge: 'reach.import.error.tooLarge',
  tooManyRows: 'reach.import.error.tooManyRows',
  empty: 'reach.import.error.empty',
  oldExcel: 'reach.import.error.oldExcel',
  notCsv: 'reach.import.error.notCsv',
  csv: 'reach.import.error.csv',
  xlsx: 'reach.import.error.xlsx',
};

/** Reads a file (CSV or XLSX, told apart by content). Refuses a file over 25 MB or 500,000 rows, an old .xls and an empty file. */
export const readTable = (content: Buffer): Promise<Table> => readAnyTable(content, reachFileMessages);
