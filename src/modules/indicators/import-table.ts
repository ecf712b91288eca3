// A table of indicator values (CSV or XLSX, read by the platform's import engine) → the rows the checked write
// takes. Two layouts:
// - long: one value per row, columns indicator, gebied (area code), periode, waarde; optional gebiedsnaam, bron;
// - wide (as statistics offices publish): one row per area (and period), one column per indicator — its key, or the
//   CBS column name of a CBS key figure (aantalInwoners, …); the area in wijkcode / buurtcode / gemeentecode /
//   gebied, the period in periode or jaar or, when the file has none, given with the upload. CBS's identifying
//   columns (wijknaam, gemeentenaam, water, jrstatcode, …) are skipped, as are water-only rows (water = JA). In a
//   wide file an empty cell, "." or a CBS "unknown/secret" value (-99995 … -99999) means "no figure" and is skipped.
// Header problems are reported as errors of row 1.
import { cellText, type Table } from '../../platform/import/table.ts';
import { cbsIdentifyingColumns } from '../framework/service.ts';
import type { RawValue, ValueRowError } from './values.ts';
import { cbsKeyFigures } from './cbs-figures.ts';

export type Layout = 'auto' | 'long' | 'wide';

const norm = (h: string) => h.trim().toLowerCase().replace(/[\s_-]+/g, '');
const names = {
  indicator: ['indicator', 'indicatorsleutel', 'sleutel', 'key', 'indicatorkey'],
  area: ['gebied', 'gebiedscode', 'area', 'areacode', 'code', 'regiocode', 'wijkenenbuurten'],
  period: ['periode', 'period', 'perioden', 'jaar', 'year'],
  value: ['waarde', 'value'],
  areaName: ['gebiedsnaam', 'areaname', 'naam', 'regionaam'],
  source: ['bron', 'source'],
};
const find = (headers: string[], wanted: string[]) => headers.findIndex((h) => wanted.includes(norm(h)));

/** The layout of a table: long when it has an indicator and a value column. */
export function layoutOf(table: Table, layout: Layout): 'long' | 'wide' {
  if (layout !== 'auto') return layout;
  return find(table.headers, names.indicator) >= 0 && find(table.headers, names.value) >= 0 ? 'long' : 'wide';
}

export interface TableRows {
  rows: RawValue[];
  /** Header problems (row 1). */
  errors: ValueRowError[];
  layout: 'long' | 'wide';
}

const missing = (column: string): ValueRowError => ({ row: 1, column, value: '', reason: 'indicators.import.error.columnMissing' });

export function rowsOfTable(table: Table, opts: { layout: Layout; period?: string | null; indicatorKeys: Set<string> }): TableRows {
  const layout = layoutOf(table, opts.layout);
  return layout === 'long' ? longRows(table) : wideRows(table, opts.period ?? null, opts.indicatorKeys);
}

function longRows(table: Table): TableRows {
  const h = table.headers;
  const at = { indicator: find(h, names.indicator), area: find(h, names.area), period: find(h, names.period), value: find(h, names.value), areaName: find(h, names.areaName), source: find(h, names.source) };
  const errors: ValueRowError[] = [];
  if (at.indicator < 0) errors.push(missing('indicator'));
  if (at.area < 0) errors.push(missing('gebied'));
  if (at.period < 0) errors.push(missing('periode'));
  if (at.value < 0) errors.push(missing('waarde'));
  if (errors.length) return { rows: [], errors, layout: 'long' };
  const columns = { indicator: h[at.indicator], area: h[at.area], period: h[at.period], value: h[at.value] };
  const rows: RawValue[] = [];
  for (const r of table.rows) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    const cell = (i: number) => (i >= 0 ? cellText(r.cells[i]) : '');
    const v = r.cells[at.value];
    rows.push({ row: r.line, indicator: cell(at.indicator), area: cell(at.area), period: periodText(r.cells[at.period]), value: typeof v === 'number' ? v : cell(at.value), areaName: cell(at.areaName) || undefined, source: cell(at.source) || undefined, columns });
  }
  return { rows, errors, layout: 'long' };
}

/** A period cell: a year written as a number stays a year; a date cell is refused by the check as not a period. */
const periodText = (c: Table['rows'][number]['cells'][number] | undefined) => (typeof c === 'number' && Number.isInteger(c) ? String(c) : cellText(c));

const NO_FIGURE = new Set(['', '.', '-99995', '-99996', '-99997', '-99998', '-99999']);

function wideRows(table: Table, period: string | null, indicatorKeys: Set<string>): TableRows {
  const h = table.headers;
  const byCbsColumn = new Map(cbsKeyFigures.columns.map((c) => [c.column, c.key]));
  const areaAt = ['buurtcode', 'wijkcode', 'gebied', 'gebiedscode', 'area', 'areacode', 'regiocode', 'code', 'wijkenenbuurten', 'gemeentecode'].map((n) => h.findIndex((x) => norm(x) === n)).find((i) => i >= 0) ?? -1;
  const periodAt = find(h, names.period);
  const nameAt = ['buurtnaam', 'wijknaam', 'gebiedsnaam', 'regionaam', 'gemeentenaam', 'naam'].map((n) => h.findIndex((x) => norm(x) === n)).find((i) => i >= 0) ?? -1;
  const waterAt = h.findIndex((x) => norm(x) === 'water');
  const errors: ValueRowError[] = [];
  if (areaAt < 0) errors.push(missing('gebied'));
  if (periodAt < 0 && !period) errors.push({ row: 1, column: 'periode', value: '', reason: 'indicators.import.error.periodColumnMissing' });
  const skip = new Set([areaAt, periodAt, nameAt, waterAt]);
  const indicatorColumns: { index: number; key: string }[] = [];
  h.forEach((header, i) => {
    if (skip.has(i) || header === '' || cbsIdentifyingColumns.has(header) || ['gebiedsnaam', 'bron', 'source'].includes(norm(header))) return;
    const key = indicatorKeys.has(header) ? header : byCbsColumn.get(header);
    if (key && indicatorKeys.has(key)) indicatorColumns.push({ index: i, key });
    else errors.push({ row: 1, column: header, value: header, reason: 'indicators.import.error.unknownIndicatorColumn' });
  });
  if (!errors.length && indicatorColumns.length === 0) errors.push({ row: 1, column: '', value: '', reason: 'indicators.import.error.noIndicatorColumns' });
  if (errors.length) return { rows: [], errors, layout: 'wide' };
  const rows: RawValue[] = [];
  for (const r of table.rows) {
    if (r.cells.every((c) => cellText(c) === '')) continue;
    if (waterAt >= 0 && cellText(r.cells[waterAt]).toUpperCase() === 'JA') continue;
    const area = cellText(r.cells[areaAt]);
    const rowPeriod = periodAt >= 0 ? periodText(r.cells[periodAt]) : period!;
    const areaName = nameAt >= 0 ? cellText(r.cells[nameAt]) || undefined : undefined;
    for (const c of indicatorColumns) {
      const v = r.cells[c.index];
      const text = cellText(v);
      if (NO_FIGURE.has(text)) continue;
      rows.push({ row: r.line, indicator: c.key, area, period: rowPeriod, value: typeof v === 'number' ? v : text, areaName, columns: { indicator: h[c.index], area: h[areaAt], period: periodAt >= 0 ? h[periodAt] : 'periode', value: h[c.index] } });
    }
  }
  return { rows, errors, layout: 'wide' };
}
