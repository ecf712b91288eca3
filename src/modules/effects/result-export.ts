// Survey results as a table of rows (long format) for CSV (Dutch spreadsheet style: semicolons, decimal comma) and
// XLSX. The figures are the ones the reader sees on the page: small cells already say "< 5" for outsiders and open
// answers are left out when they were withheld.
import ExcelJS from 'exceljs';
import type { Lang } from '../../platform/i18n/index.ts';
import { t } from '../../platform/i18n/index.ts';
import type { SurveyResults } from './result-service.ts';
import { dimensions, type Dimension } from './result-query.ts';

type Cell = string | number | null;
export type Labeller = (dim: 'channel' | Dimension, key: string | null) => string;

const HEAD = ['part', 'question', 'type', 'category', 'count', 'share', 'mean', 'sd', 'median', 'q1', 'q3', 'borda', 'meanRank'] as const;

export function resultRows(r: SurveyResults, lang: Lang, label: Labeller): Cell[][] {
  const tt = (k: string) => t(lang, k as never);
  const text = (nl: string, en: string) => (lang === 'en' && en ? en : nl);
  const rows: Cell[][] = [HEAD.map((h) => tt(`effects.result.col.${h}`))];
  rows.push([tt('effects.result.export.responses'), '', '', tt('effects.result.export.all'), r.responses, null, null, null, null, null, null, null, null]);
  for (const d of ['channel', ...dimensions] as const)
    for (const c of r.breakdown[d]) rows.push([tt('effects.result.export.responses'), '', '', `${tt(`effects.result.dim.${d}`)}: ${label(d, c.key)}`, c.n, null, null, null, null, null, null, null, null]);
  for (const q of r.questions) {
    const qt = text(q.textNl, q.textEn);
    const type = tt(`effects.survey.type.${q.type}`);
    const line = (category: string, cells: Partial<Record<(typeof HEAD)[number], Cell>>) => rows.push([tt('effects.result.export.question'), qt, type, category, ...HEAD.slice(4).map((h) => cells[h] ?? null)]);
    line(tt('effects.result.answered'), { count: q.answered, ...(q.scale?.stats ?? {}) });
    if (q.scale) {
      for (const d of q.scale.distribution) line(String(d.value), { count: d.n });
      for (const dim of dimensions) for (const c of q.scale.crossTabs[dim]) line(`${tt(`effects.result.dim.${dim}`)}: ${label(dim, c.key)}`, { count: c.n, mean: c.mean });
    }
    for (const o of q.options ?? []) line(text(o.nl, o.en), { count: o.n, share: o.share });
    for (const o of q.ranking ?? []) line(text(o.nl, o.en), { count: o.firsts, borda: o.borda, meanRank: o.meanRank });
    for (const a of q.texts ?? []) line(a.text, {});
  }
  return rows;
}

const csvCell = (c: Cell) => {
  if (c === null) return '';
  const s = typeof c === 'number' ? String(c).replace('.', ',') : c;
  return /[;"\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${(/^[=+\-@]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"` : s;
};

export const resultsCsv = (rows: Cell[][]) => Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n', 'utf8');

export async function resultsXlsx(rows: Cell[][], sheet: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '));
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' && /^[=+\-@]/.test(c) ? `'${c}` : c)));
  ws.getRow(1).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === 3 ? 40 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
