// Checking an attendance table: which file column is which template column (by name, or a saved mapping), the BSN
// refusal (whole file), and every row: activity, date, identity, birth year, wijk and target groups. Errors are
// row, column, value and reason (a message key); the value of an identifier column is never shown.
import { identifierOf, isBsn, looksLikeBsnHeader, normaliseDate, normaliseName } from './identity.ts';
import { fileError, isFormulaWithoutResult, type Cell, type Table } from './import-parse.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export const templateColumns = ['activiteit', 'datum', 'pasnummer', 'naam', 'geboortedatum', 'geboortejaar', 'wijk', 'doelgroepen'] as const;
export type TemplateColumn = (typeof templateColumns)[number];
export const requiredColumns: TemplateColumn[] = ['activiteit', 'datum'];
/** Columns whose values identify a resident: never shown in an error report or message. */
export const identifierColumns: ReadonlySet<string> = new Set<TemplateColumn>(['pasnummer', 'naam', 'geboortedatum']);
/** What an error report shows instead of an identifier value (translated at display: reach.import.hidden). */
export const HIDDEN = '(niet getoond)';

export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: MessageKey;
}

/** A template column → the index of the file column that holds it. */
export type Columns = Partial<Record<TemplateColumn, number>>;

const headerKey = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Finds the template columns in the file's headers: by their own names (case and spaces ignored), or through a
 * mapping (template column → the header in the file). A mapped header that is missing, or a required column that
 * is not there, refuses the file.
 */
export function resolveColumns(headers: string[], mapping?: Record<string, string> | null): Columns {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (h && !index.has(headerKey(h))) index.set(headerKey(h), i);
  });
  const cols: Columns = {};
  const missingMapped: string[] = [];
  for (const col of templateColumns) {
    const mapped = mapping?.[col]?.trim();
    if (mapped) {
      const i = index.get(headerKey(mapped));
      if (i === undefined) missingMapped.push(`"${mapped}" (${col})`);
      else cols[col] = i;
    } else {
      const i = index.get(col);
      if (i !== undefined) cols[col] = i;
    }
  }
  if (missingMapped.length) throw fileError('reach.import.error.mappedHeaderMissing', { headers: missingMapped.join(', ') });
  const missing = requiredColumns.filter((c) => cols[c] === undefined);
  if (missing.length) throw fileError('reach.import.error.requiredColumns', { columns: missing.join(', '), found: headers.filter(Boolean).join(', ') || '—' });
  return cols;
}

/** A cell as text: dates as ISO dates, whole numbers without decimals, formulas without a result as ''. */
export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined || isFormulaWithoutResult(c)) return '';
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') return Number.isInteger(c) ? c.toFixed(0) : String(c);
  return String(c).trim();
}

const nineDigits = (s: string) => {
  const d = s.replace(/[\s.\-]/g, '');
  return /^\d{9}$/.test(d) && isBsn(d);
};

/**
 * Refuses the whole file when a column looks like a BSN: its header says so, or most of its values are 9-digit
 * numbers that pass the eleven test. The pass-number column too: pass numbers that are mostly BSNs are BSNs.
 */
export function refuseBsn(table: Table): void {
  const bad = table.headers.find((h) => h && looksLikeBsnHeader(h));
  if (bad) throw fileError('reach.import.error.bsnHeader', { column: bad });
  const width = Math.max(table.headers.length, ...table.rows.slice(0, 1).map((r) => r.cells.length));
  const filled = new Array<number>(width).fill(0);
  const bsn = new Array<number>(width).fill(0);
  for (const r of table.rows) {
    for (let i = 0; i < r.cells.length && i < width; i++) {
      const t = cellText(r.cells[i]);
      if (!t) continue;
      filled[i]++;
      if (nineDigits(t)) bsn[i]++;
    }
  }
  for (let i = 0; i < width; i++) {
    if (bsn[i] > 0 && bsn[i] * 2 > filled[i]) throw fileError('reach.import.error.bsnValues', { column: table.headers[i] || `${i + 1}` });
  }
}

export interface ActivityInfo {
  organisationId: string;
  partnerOrganisationIds: string[];
  /** Duration of one session in hours (end − start of the activity). */
  hours: number;
}

export interface Lookups {
  organisationId: string;
  /** Known activities by id (unknown or not visible: absent). */
  activities: Map<string, ActivityInfo>;
  /** Wijk code or normalised wijk name → CBS wijk code. */
  wijken: Map<string, string>;
  /** Target-group key or normalised name → key. */
  targetGroups: Map<string, string>;
  /** Today's date (Europe/Amsterdam), ISO. */
  today: string;
}

export interface ValidRow {
  line: number;
  activityId: string;
  date: string;
  /** The normalised identifier, or null for an anonymous visit. Kept in memory only, never stored. */
  identifier: string | null;
  birthYear: number | null;
  wijkCode: string | null;
  targetGroups: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const termKey = (s: string) => normaliseName(s) ?? '';

/** Distinct well-formed activity ids of the table (to look up before checking the rows). */
export function activityIdsOf(table: Table, cols: Columns): string[] {
  const ids = new Set<string>();
  const i = cols.activiteit!;
  for (const r of table.rows) {
    const t = cellText(r.cells[i]).toLowerCase();
    if (UUID.test(t)) ids.add(t);
  }
  return [...ids];
}

export interface CheckResult {
  valid: ValidRow[];
  errors: RowError[];
  /** Rows with content (empty rows are skipped and not counted). */
  totalRows: number;
}

/** Checks every row; a row with any error is left out of `valid`. `onRow` is called now and then with the rows done. */
export function checkRows(table: Table, cols: Columns, look: Lookups, onRow?: (done: number) => void): CheckResult {
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  let totalRows = 0;
  const header = (c: TemplateColumn) => table.headers[cols[c]!] || c;
  const thisYear = Number(look.today.slice(0, 4));
  // A file has a few hundred session dates over many thousands of rows: each text is normalised once.
  const dates = new Map<string, string | null>();
  const dateOf = (text: string) => {
    let d = dates.get(text);
    if (d === undefined) dates.set(text, (d = normaliseDate(text)));
    return d;
  };
  table.rows.forEach((r, n) => {
    if (onRow && n % 5000 === 0) onRow(n);
    if (r.cells.every((c) => cellText(c) === '' && !isFormulaWithoutResult(c as Cell))) return;
    totalRows++;
    const rowErrors: RowError[] = [];
    // One error per cell: a formula without a result is not also "missing".
    const fail = (col: TemplateColumn, reason: MessageKey, value?: string) =>
      rowErrors.some((e) => e.column === header(col)) ||
      rowErrors.push({ row: r.line, column: header(col), value: identifierColumns.has(col) ? (value === '' ? '' : HIDDEN) : (value ?? ''), reason });
    const get = (col: TemplateColumn): Cell => (cols[col] === undefined ? null : (r.cells[cols[col]!] ?? null));
    for (const col of templateColumns) {
      const c = get(col);
      if (isFormulaWithoutResult(c)) fail(col, 'reach.import.reason.formula', identifierColumns.has(col) ? HIDDEN : `=${c.formula}`);
    }
    // Activity: exists, and is delivered by the importing organisation (main or partner).
    const act = cellText(get('activiteit')).toLowerCase();
    let activityId = '';
    if (!act) fail('activiteit', 'reach.import.reason.activityMissing');
    else if (!UUID.test(act)) fail('activiteit', 'reach.import.reason.activityId', act);
    else {
      const info = look.activities.get(act);
      if (!info) fail('activiteit', 'reach.import.reason.activityUnknown', act);
      else if (info.organisationId !== look.organisationId && !info.partnerOrganisationIds.includes(look.organisationId)) fail('activiteit', 'reach.import.reason.activityNotOwn', act);
      else activityId = act;
    }
    // Date: valid, not in the future.
    const rawDate = get('datum');
    const dateText = cellText(rawDate);
    const date = dateText === '' ? null : rawDate instanceof Date || typeof rawDate === 'number' ? normaliseDate(rawDate) : dateOf(dateText);
    if (!dateText) fail('datum', 'reach.import.reason.dateMissing');
    else if (!date) fail('datum', 'reach.import.reason.date', dateText);
    else if (date > look.today) fail('datum', 'reach.import.reason.dateFuture', dateText);
    // Identity: pass number, or name + date of birth; neither = anonymous.
    const dob = get('geboortedatum');
    const who = identifierOf({ passNumber: cellText(get('pasnummer')), name: cellText(get('naam')), birthDate: dob instanceof Date || typeof dob === 'number' ? dob : cellText(dob) });
    if (who.kind === 'invalid') {
      const col: TemplateColumn = who.field === 'passNumber' ? 'pasnummer' : 'geboortedatum';
      fail(col, who.reason === 'passNumber' ? 'reach.import.reason.passNumber' : who.reason === 'birthDateMissing' ? 'reach.import.reason.birthDateMissing' : 'reach.import.reason.birthDate', HIDDEN);
    }
    // Birth year: the column, else from the date of birth.
    let birthYear: number | null = null;
    const yearText = cellText(get('geboortejaar'));
    if (yearText) {
      const y = Number(yearText);
      if (!/^\d{4}$/.test(yearText) || y < 1900 || y > thisYear) fail('geboortejaar', 'reach.import.reason.birthYear', yearText);
      else birthYear = y;
    }
    if (birthYear === null && who.kind === 'identified' && who.identifier.startsWith('naam:')) birthYear = Number(who.identifier.slice(-10, -6));
    else if (birthYear === null && cellText(dob)) {
      const d = normaliseDate(dob instanceof Date || typeof dob === 'number' ? dob : cellText(dob));
      if (d) birthYear = Number(d.slice(0, 4));
    }
    // Wijk: CBS code or name.
    let wijkCode: string | null = null;
    const wijkText = cellText(get('wijk'));
    if (wijkText) {
      wijkCode = look.wijken.get(wijkText.toUpperCase()) ?? look.wijken.get(termKey(wijkText)) ?? null;
      if (!wijkCode) fail('wijk', 'reach.import.reason.wijk', wijkText);
    }
    // Target groups: keys or names, separated by commas.
    const targetGroups: string[] = [];
    for (const part of cellText(get('doelgroepen')).split(/[,;]/)) {
      if (!part.trim()) continue;
      const key = look.targetGroups.get(part.trim().toLowerCase()) ?? look.targetGroups.get(termKey(part));
      if (!key) fail('doelgroepen', 'reach.import.reason.targetGroup', part.trim());
      else if (!targetGroups.includes(key)) targetGroups.push(key);
    }
    if (rowErrors.length) errors.push(...rowErrors);
    else valid.push({ line: r.line, activityId, date: date!, identifier: who.kind === 'identified' ? who.identifier : null, birthYear, wijkCode, targetGroups });
  });
  onRow?.(table.rows.length);
  return { valid, errors, totalRows };
}
