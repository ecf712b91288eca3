// The catalogue as a spreadsheet: CSV (RFC 4180, UTF-8 with BOM, semicolons for Dutch Excel) and XLSX (exceljs).
// Exports are public and costly (about a second for 3,000 activities), so identical exports are shared for
// SEARCH_CACHE_SECONDS and at most MAX_CONCURRENT_EXPORTS are generated at once; the rest get 503 + Retry-After.
import ExcelJS from 'exceljs';
import { LRUCache } from 'lru-cache';
import { AppError } from '../../platform/http/errors.ts';
import type { Lang } from '../../platform/i18n/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { weekdayLabel } from './views.tsx';
import type { ActivityView } from './types.ts';
import { districtName, neighbourhoodName, themeName, type FrameworkRefs } from './refs.ts';

interface Column {
  header: string;
  width: number;
  value: (a: ActivityView) => string | number | boolean;
}

function columns(lang: Lang, refs: FrameworkRefs, baseUrl: string): Column[] {
  const v = { t: (key: Parameters<typeof t>[1]) => t(lang, key) };
  return [
    { header: 'id', width: 38, value: (a) => a.id },
    { header: 'titel', width: 40, value: (a) => a.title },
    { header: 'organisatie', width: 30, value: (a) => a.organisationName },
    { header: 'soort', width: 12, value: (a) => a.kind },
    { header: 'themas', width: 30, value: (a) => a.themes.map((s) => themeName(refs, s)).join(', ') },
    { header: 'subdoelen', width: 20, value: (a) => a.subGoals.join(', ') },
    { header: 'doelgroepen', width: 30, value: (a) => a.targetGroups.join(', ') },
    { header: 'stadsdeel', width: 14, value: (a) => districtName(refs, a.districtCode) },
    { header: 'wijk', width: 20, value: (a) => neighbourhoodName(refs, a.neighbourhoodCode) },
    { header: 'locatie', width: 30, value: (a) => a.locationName },
    { header: 'adres', width: 30, value: (a) => a.locationAddress },
    { header: 'schema', width: 10, value: (a) => a.schedule.kind },
    { header: 'eerste_datum', width: 12, value: (a) => a.schedule.startDate },
    { header: 'begintijd', width: 9, value: (a) => a.schedule.startTime },
    { header: 'eindtijd', width: 9, value: (a) => a.schedule.endTime },
    { header: 'dagen', width: 20, value: (a) => a.days.map((d) => weekdayLabel(v, d)).join(', ') },
    { header: 'dagdelen', width: 20, value: (a) => a.dayparts.join(', ') },
    { header: 'tot_en_met', width: 12, value: (a) => a.schedule.untilDate ?? '' },
    { header: 'herhaling', width: 24, value: (a) => a.schedule.rrule ?? '' },
    { header: 'gratis', width: 8, value: (a) => a.free },
    { header: 'prijs_euro', width: 10, value: (a) => a.costCents / 100 },
    { header: 'haarlempas', width: 10, value: (a) => a.haarlemPas },
    { header: 'rolstoeltoegankelijk', width: 10, value: (a) => a.wheelchairAccessible },
    { header: 'toegankelijkheid', width: 30, value: (a) => a.accessibilityDetails },
    { header: 'talen', width: 12, value: (a) => a.languages.join(', ') },
    { header: 'meedoen', width: 10, value: (a) => a.howToJoin },
    { header: 'contact', width: 30, value: (a) => a.contact },
    { header: 'beschrijving', width: 60, value: (a) => a.description },
    { header: 'url', width: 50, value: (a) => `${baseUrl}/activiteiten/${a.id}` },
  ];
}

/** Text that a spreadsheet would run as a formula gets a leading apostrophe (CSV injection). */
const defuse = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvCell(v: string | number | boolean): string {
  const s = typeof v === 'boolean' ? (v ? 'ja' : 'nee') : typeof v === 'number' ? String(v).replace('.', ',') : defuse(v);
  return /[;"\r\n,]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function activitiesCsv(items: ActivityView[], lang: Lang, refs: FrameworkRefs, baseUrl: string): string {
  const cols = columns(lang, refs, baseUrl);
  const lines = [cols.map((c) => csvCell(c.header)).join(';'), ...items.map((a) => cols.map((c) => csvCell(c.value(a))).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function activitiesXlsx(items: ActivityView[], lang: Lang, refs: FrameworkRefs, baseUrl: string): Promise<Buffer> {
  const cols = columns(lang, refs, baseUrl);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sociale Basis';
  const ws = wb.addWorksheet('Activiteiten', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c) => ({ header: c.header, key: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const a of items) ws.addRow(cols.map((c) => { const v = c.value(a); return typeof v === 'string' ? defuse(v) : v; }));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Exports generated at the same time, at most; a further request (not an identical one) gets 503 + Retry-After. */
export const MAX_CONCURRENT_EXPORTS = 2;
/** Seconds a refused export is told to wait. */
export const EXPORT_RETRY_SECONDS = 5;
/** Memory for shared export files, per database connection. */
const SHARED_EXPORT_BYTES = 32 * 1024 * 1024;

interface ExportStore {
  files: LRUCache<string, Uint8Array<ArrayBuffer>>;
  /** Generations running now, shared by identical requests. */
  running: Map<string, Promise<Uint8Array<ArrayBuffer>>>;
  /** Bumped by every change to the catalogue: a file generated from older data is not kept. */
  generation: number;
}
const exportStores = new WeakMap<object, ExportStore>();

function storeOf(db: object, ttlMs: number): ExportStore {
  let store = exportStores.get(db);
  if (!store) {
    store = { files: new LRUCache({ maxSize: SHARED_EXPORT_BYTES, sizeCalculation: (v) => Math.max(1, v.byteLength), ttl: Math.max(1, ttlMs) }), running: new Map(), generation: 0 };
    exportStores.set(db, store);
  }
  return store;
}

/**
 * An export file, shared with identical requests: from the store when made in the last `ttlMs` (0: never kept),
 * joined when the same one is being made, otherwise made now — unless MAX_CONCURRENT_EXPORTS are being made already
 * (503 with Retry-After, a Dutch message).
 */
export async function sharedExport(db: object, key: string, ttlMs: number, make: () => Promise<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer>> {
  const store = storeOf(db, ttlMs);
  const kept = ttlMs > 0 ? store.files.get(key) : undefined;
  if (kept) return kept;
  const generation = store.generation;
  const runKey = `${generation}:${key}`; // a file being made from data older than a change is not joined
  const joined = store.running.get(runKey);
  if (joined) return joined;
  if (store.running.size >= MAX_CONCURRENT_EXPORTS) throw new AppError('unavailable', 'catalogue.error.exportBusy', [], { seconds: EXPORT_RETRY_SECONDS });
  const made = make().finally(() => store.running.delete(runKey));
  store.running.set(runKey, made);
  const bytes = await made;
  if (ttlMs > 0 && generation === store.generation) store.files.set(key, bytes, { ttl: ttlMs });
  return bytes;
}

/** After a change to the catalogue: shared export files are dropped, and files being made now are not kept. */
export function invalidateExports(db: object): void {
  const store = exportStores.get(db);
  if (!store) return;
  store.generation++;
  store.files.clear();
}
