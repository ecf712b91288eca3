// The tables a report page shows, as data: the page renders them and the CSV/XLSX exports write them, so an export
// is exactly what the page shows (the same disclosed figures). Also the exports themselves.
import ExcelJS from 'exceljs';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { ReachReport, BreakdownRow } from './report.ts';
import type { DeliveryReport, DeliveryFigures, Deviation } from './delivery.ts';
import type { VolunteersReport, VolunteerRow } from './volunteers-report.ts';
import type { Count } from './disclosure.ts';

export type Cell = string | number;
export interface ReportTable {
  id: string;
  caption: string;
  head: string[];
  rows: Cell[][];
  /** Per row: a deviation to mark (level 1). */
  marks?: Deviation[];
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;
const c = (x: Count | number | null): Cell => (x === null ? '' : x);

const pct = (realised: Count, planned: number | null): Cell => (planned && typeof realised === 'number' ? `${Math.round((realised / planned) * 100)}%` : '');

export function reachTables(r: ReachReport, t: T): ReportTable[] {
  const summary: ReportTable = {
    id: 'samenvatting',
    caption: t('reach.report.summary'),
    head: [t('reach.report.figure'), t('reach.report.value')],
    rows: [
      [t('reach.report.uniqueResidents'), c(r.uniqueResidents)],
      [t('reach.report.plannedReach'), r.plannedReach ?? t('reach.report.noPlan')],
      [t('reach.report.realisedPct'), pct(r.uniqueResidents, r.plannedReach)],
      [t('reach.report.visits'), c(r.visits)],
      [t('reach.report.identifiedVisits'), c(r.identifiedVisits)],
      [t('reach.report.anonymousVisits'), c(r.anonymousVisits)],
      [t('reach.report.sessionsHeld'), r.sessions],
      [t('reach.report.sessionsCancelled'), r.sessionsCancelled],
      [t('reach.report.overlap'), c(r.overlap)],
    ],
  };
  const orgs: ReportTable = {
    id: 'organisaties',
    caption: t('reach.report.byOrganisation'),
    head: [t('reach.report.field.organisation'), t('reach.report.residents'), t('reach.report.alsoOthers'), t('reach.report.visits'), t('reach.report.sessionsHeld'), t('reach.report.planned')],
    rows: r.organisations.map((o) => [o.name, c(o.residents), c(o.alsoReachedByOthers), c(o.visits), o.sessionsHeld, c(o.planned)]),
  };
  const breakdown = (id: string, key: MessageKey, rows: BreakdownRow[], withPlan: boolean): ReportTable => ({
    id,
    caption: t(key),
    head: [t('reach.report.name'), t('reach.report.residents'), ...(withPlan ? [t('reach.report.planned'), t('reach.report.realisedPct')] : []), t('reach.report.visits')],
    rows: rows.map((b) => [b.label, c(b.residents), ...(withPlan ? [c(b.planned), pct(b.residents, b.planned)] : []), c(b.visits)]),
  });
  const b = r.breakdowns;
  return [
    summary,
    orgs,
    breakdown('per-thema', 'reach.report.by.theme', b.theme, true),
    breakdown('per-subdoel', 'reach.report.by.subGoal', b.subGoal, true),
    breakdown('per-doelgroep', 'reach.report.by.targetGroup', b.targetGroup, true),
    breakdown('per-stadsdeel', 'reach.report.by.district', b.district, true),
    breakdown('per-wijk', 'reach.report.by.wijk', b.wijk, false),
    breakdown('per-kwartaal', 'reach.report.by.quarter', b.quarter, false),
    breakdown('per-maand', 'reach.report.by.month', b.month, false),
  ];
}

const deviationText = (d: Deviation, t: T) => (d === 'under' ? `↓ ${t('reach.report.deviationUnder')}` : d === 'over' ? `↑ ${t('reach.report.deviationOver')}` : t('reach.report.onPlan'));
const figureCells = (f: DeliveryFigures, t: T): Cell[] => [f.plannedSessions, f.heldSessions, f.plannedHours, f.heldHours, deviationText(f.deviation, t)];

export function deliveryTables(r: DeliveryReport, t: T): ReportTable[] {
  const head = [t('reach.report.plannedSessions'), t('reach.report.heldSessions'), t('reach.report.plannedHours'), t('reach.report.heldHours'), t('reach.report.deviation')];
  const summary = (id: string, key: MessageKey, rows: DeliveryReport['byTheme']): ReportTable => ({
    id,
    caption: t(key),
    head: [t('reach.report.name'), ...head],
    rows: [...rows.map((x) => [x.label, ...figureCells(x, t)]), [t('reach.report.total'), ...figureCells(r.total, t)]],
    marks: [...rows.map((x) => x.deviation), r.total.deviation],
  });
  const tables: ReportTable[] = [
    {
      id: 'per-activiteit',
      caption: t('reach.report.byActivity'),
      head: [t('reach.report.field.activity'), t('reach.report.field.organisation'), ...head, t('reach.report.sessionsCancelled'), t('reach.report.explanation')],
      rows: r.rows.map((x) => [x.activityTitle, x.organisationName, ...figureCells(x, t), x.cancelledSessions, x.explanation]),
      marks: r.rows.map((x) => x.deviation),
    },
    summary('per-organisatie', 'reach.report.by.organisation', r.byOrganisation),
    summary('per-thema', 'reach.report.by.theme', r.byTheme),
    summary('per-subdoel', 'reach.report.by.subGoal', r.bySubGoal),
    summary('per-stadsdeel', 'reach.report.by.district', r.byDistrict),
  ];
  if (r.byQuarter.length) tables.push(summary('per-kwartaal', 'reach.report.by.quarter', r.byQuarter));
  if (r.byMonth.length) tables.push(summary('per-maand', 'reach.report.by.month', r.byMonth));
  return tables;
}

export function volunteerTables(r: VolunteersReport, t: T): ReportTable[] {
  const head = [t('reach.report.activeVolunteers'), t('reach.report.volunteerTurns'), t('reach.report.volunteerHours')];
  const cells = (x: Pick<VolunteerRow, 'activeVolunteers' | 'turns' | 'hours'>): Cell[] => [c(x.activeVolunteers), c(x.turns), x.hours];
  return [
    { id: 'per-organisatie', caption: t('reach.report.by.organisation'), head: [t('reach.report.field.organisation'), ...head], rows: [...r.byOrganisation.map((x) => [x.organisationName, ...cells(x)]), [t('reach.report.total'), ...cells(r)]] },
    { id: 'per-activiteit', caption: t('reach.report.byActivity'), head: [t('reach.report.field.activity'), t('reach.report.field.organisation'), ...head], rows: r.byActivity.map((x) => [x.activityTitle ?? '', x.organisationName, ...cells(x)]) },
  ];
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const defuse = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
function csvCell(v: Cell): string {
  const s = typeof v === 'number' ? String(v).replace('.', ',') : defuse(v);
  return /[;"\r\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Every table of the page, one after the other (caption line, header, rows, empty line); the note on top. */
export function tablesCsv(title: string, note: string, tables: ReportTable[]): string {
  const lines: string[] = [csvCell(title), csvCell(note), ''];
  for (const tb of tables) lines.push(csvCell(tb.caption), tb.head.map(csvCell).join(';'), ...tb.rows.map((r) => r.map(csvCell).join(';')), '');
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One worksheet per table, the note in the first row of each. */
export async function tablesXlsx(title: string, note: string, tables: ReportTable[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sociale Basis';
  wb.title = title;
  for (const tb of tables) {
    const ws = wb.addWorksheet(tb.caption.replace(/[\\/*?:[\]]/g, ' ').slice(0, 31));
    ws.addRow([note]);
    ws.addRow(tb.head).font = { bold: true };
    for (const r of tb.rows) ws.addRow(r.map((v) => (typeof v === 'string' ? defuse(v) : v)));
    ws.columns.forEach((col, i) => (col.width = i === 0 ? 40 : 16));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
