// CBS area files: the attribute table of the Kadaster / CBS "Wijk- en buurtkaart" as CSV (wijken layer: wijkcode,
// wijknaam, gemeentecode, aantalInwoners, jaar, water, …; buurten layer: buurtcode, buurtnaam, wijkcode, …) and,
// optionally, the same areas as GeoJSON (RFC 7946, WGS84). The one reader of these files: Haarlem's seed takes the
// population from it, `sociale-basis tenant load-areas` loads any municipality's wijken and buurten with it.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from '../../platform/zod.ts';
import { SetupError, zodProblems } from './setup-error.ts';

export interface CbsArea {
  kind: 'wijk' | 'buurt';
  /** WK + 6 digits (wijk) or BU + 8 digits (buurt). */
  code: string;
  name: string;
  /** The wijk itself, or the wijk a buurt lies in. */
  wijkCode: string;
  municipalityCode: string;
  /** aantalInwoners; null when the column is missing or holds a CBS "unknown/secret" value (negative). */
  population: number | null;
  /** jaar of the CBS edition, when given. */
  year: number | null;
  /**
   * Every numeric key figure ("kerncijfer") of the row by its CBS column name (aantalInwoners, percentageEenpersoons-
   * huishoudens, …): the columns other than the identifying ones, whose value is a number. CBS "unknown/secret"
   * values (negative, e.g. -99995) and empty cells are left out.
   */
  figures: Record<string, number>;
  /** Line in the CSV file (the header is line 1). */
  line: number;
}

export interface CbsAreaFile {
  areas: CbsArea[];
  /** Rows skipped because they describe water only (water = JA). */
  skippedWater: number;
}

export function readTextFile(file: string, what: string): string {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new SetupError(`${what} niet gevonden: ${file}`);
  return fs.readFileSync(file, 'utf8');
}

const csvErrorText: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'het aantal kolommen verschilt van de kopregel',
  CSV_RECORD_INCONSISTENT_COLUMNS: 'het aantal kolommen verschilt van de kopregel',
  CSV_QUOTE_NOT_CLOSED: 'een aanhalingsteken wordt niet gesloten',
  CSV_INVALID_CLOSING_QUOTE: 'een aanhalingsteken staat op een verkeerde plaats',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'een aanhalingsteken staat op een verkeerde plaats',
};

/** Columns that identify a row or describe the edition: not key figures. */
export const cbsIdentifyingColumns: ReadonlySet<string> = new Set(['wijkcode', 'wijknaam', 'buurtcode', 'buurtnaam', 'gemeentecode', 'gemeentenaam', 'indelingswijzigingWijkenEnBuurten', 'water', 'jrstatcode', 'jaar', 'fuuid', 'meestVoorkomendePostcode', 'dekkingspercentage']);

/** A CBS cell as a number (decimal point or comma), or null when empty, not a number, or a negative sentinel. */
function cbsNumber(v: string | undefined): number | null {
  const s = (v ?? '').trim();
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
  const n = Number(s.replace(',', '.'));
  return n < 0 ? null : n;
}

/** CBS publishes both comma- and semicolon-separated files (the latter with decimal commas): the header decides. */
function delimiterOf(text: string): ',' | ';' {
  const header = text.split('\n', 1)[0];
  return header.split(';').length > header.split(',').length ? ';' : ',';
}

/**
 * Reads a CBS area CSV (comma or semicolon separated, UTF-8, header row). With `municipalityCode`, every row must
 * belong to that municipality. Throws a SetupError listing every problem with its line and column.
 */
export function parseCbsAreaCsv(text: string, opts: { file: string; municipalityCode?: string }): CbsAreaFile {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, columns: true, skip_empty_lines: true, trim: true, delimiter: delimiterOf(text), info: true });
  } catch (err) {
    const e = err as { code?: string; lines?: number };
    throw new SetupError(`${opts.file} is geen leesbaar CSV-bestand.`, [`regel ${e.lines ?? '?'}: ${csvErrorText[e.code ?? ''] ?? `kan niet worden gelezen (${e.code ?? 'onbekende fout'})`}`]);
  }
  const heading = `${opts.file} bevat fouten; er is niets geladen.`;
  if (records.length === 0) throw new SetupError(heading, ['het bestand heeft geen gegevensregels']);
  const columns = new Set(Object.keys(records[0].record));
  const hasBuurten = columns.has('buurtcode');
  const required = hasBuurten ? ['buurtcode', 'buurtnaam', 'wijkcode', 'gemeentecode'] : ['wijkcode', 'wijknaam', 'gemeentecode'];
  const missing = required.filter((c) => !columns.has(c));
  if (missing.length) throw new SetupError(heading, [`kopregel: de kolom${missing.length > 1 ? 'men' : ''} ${missing.join(', ')} ontbrek${missing.length > 1 ? 'en' : 't'} (een CBS-wijkenbestand heeft wijkcode, wijknaam en gemeentecode; een buurtenbestand buurtcode, buurtnaam, wijkcode en gemeentecode)`]);

  const inFile = new Set(records.map((r) => r.record.gemeentecode));
  if (opts.municipalityCode && !inFile.has(opts.municipalityCode)) {
    const names = [...new Set(records.map((r) => `${r.record.gemeentecode} (${r.record.gemeentenaam ?? '?'})`))].join(', ');
    throw new SetupError(heading, [`kolom gemeentecode: het bestand hoort bij ${names}, niet bij ${opts.municipalityCode}`]);
  }
  const problems: string[] = [];
  const areas: CbsArea[] = [];
  const seen = new Map<string, number>();
  let skippedWater = 0;
  for (const { record: r, info } of records) {
    const line = info.lines;
    const at = (column: string) => `regel ${line}, kolom ${column}`;
    if ((r.water ?? '').toUpperCase() === 'JA') {
      skippedWater++;
      continue;
    }
    const kind = hasBuurten ? 'buurt' : 'wijk';
    const code = (hasBuurten ? r.buurtcode : r.wijkcode) ?? '';
    const name = (hasBuurten ? r.buurtnaam : r.wijknaam) ?? '';
    const municipalityCode = r.gemeentecode ?? '';
    const wijkCode = r.wijkcode ?? '';
    const before = problems.length;
    if (!/^GM\d{4}$/.test(municipalityCode)) problems.push(`${at('gemeentecode')}: "${municipalityCode}" is geen CBS-gemeentecode (GM en vier cijfers)`);
    else if (opts.municipalityCode && municipalityCode !== opts.municipalityCode) problems.push(`${at('gemeentecode')}: deze regel hoort bij ${municipalityCode}, maar u laadt gebieden voor ${opts.municipalityCode}`);
    const digits = municipalityCode.slice(2);
    if (!/^WK\d{6}$/.test(wijkCode)) problems.push(`${at('wijkcode')}: "${wijkCode}" is geen CBS-wijkcode (WK en zes cijfers)`);
    else if (wijkCode.slice(2, 6) !== digits) problems.push(`${at('wijkcode')}: ${wijkCode} hoort niet bij gemeente ${municipalityCode}`);
    if (hasBuurten) {
      if (!/^BU\d{8}$/.test(code)) problems.push(`${at('buurtcode')}: "${code}" is geen CBS-buurtcode (BU en acht cijfers)`);
      else if (code.slice(2, 8) !== wijkCode.slice(2)) problems.push(`${at('buurtcode')}: ${code} ligt niet in wijk ${wijkCode}`);
    }
    if (!name) problems.push(`${at(hasBuurten ? 'buurtnaam' : 'wijknaam')}: is verplicht`);
    else if (name.length > 200) problems.push(`${at(hasBuurten ? 'buurtnaam' : 'wijknaam')}: mag hoogstens 200 tekens hebben`);
    let population: number | null = null;
    const inhabitants = r.aantalInwoners ?? '';
    if (inhabitants !== '') {
      const n = Number(inhabitants);
      if (!Number.isInteger(n)) problems.push(`${at('aantalInwoners')}: "${inhabitants}" is geen geheel getal`);
      else population = n >= 0 ? n : null;
    }
    const year = /^\d{4}$/.test(r.jaar ?? '') ? Number(r.jaar) : null;
    const first = seen.get(code);
    if (first !== undefined) problems.push(`${at(hasBuurten ? 'buurtcode' : 'wijkcode')}: ${code} staat ook op regel ${first}`);
    else seen.set(code, line);
    const figures: Record<string, number> = {};
    for (const [column, value] of Object.entries(r)) {
      if (cbsIdentifyingColumns.has(column)) continue;
      const n = cbsNumber(value);
      if (n !== null) figures[column] = n;
    }
    if (problems.length === before) areas.push({ kind, code, name, wijkCode, municipalityCode, population, year, figures, line });
  }
  if (problems.length) throw new SetupError(heading, problems);
  return { areas, skippedWater };
}

export function readCbsAreaCsv(file: string, municipalityCode?: string): CbsAreaFile {
  return parseCbsAreaCsv(readTextFile(file, 'CSV-bestand'), { file: path.basename(file), municipalityCode });
}

/** A boundary as stored: a GeoJSON Polygon or MultiPolygon in WGS84. */
export interface AreaBoundary {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown[];
}

const geojsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ wijkcode: z.string().optional(), buurtcode: z.string().optional(), water: z.string().optional() }).passthrough(),
        geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()).min(1) }),
      }),
    )
    .min(1),
});

/** Problems of one geometry's coordinates: rings of at least four WGS84 positions (longitude, latitude). */
function coordinateProblems(type: 'Polygon' | 'MultiPolygon', coordinates: unknown[], at: string): string[] {
  const polygons = type === 'Polygon' ? [coordinates] : coordinates;
  for (const [p, polygon] of polygons.entries()) {
    const where = type === 'Polygon' ? at : `${at}[${p}]`;
    if (!Array.isArray(polygon) || polygon.length === 0) return [`${where}: is geen lijst van ringen`];
    for (const [r, ring] of polygon.entries()) {
      if (!Array.isArray(ring) || ring.length < 4) return [`${where}[${r}]: een ring heeft minstens vier posities`];
      for (const [i, pos] of ring.entries()) {
        const ok = Array.isArray(pos) && pos.length >= 2 && pos.every((x) => typeof x === 'number' && Number.isFinite(x));
        if (!ok) return [`${where}[${r}][${i}]: is geen positie [lengte, breedte]`];
        const [lon, lat] = pos as number[];
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return [`${where}[${r}][${i}]: [${lon}, ${lat}] is geen WGS84-coördinaat (GeoJSON volgens RFC 7946; RD-coördinaten eerst omrekenen)`];
      }
    }
  }
  return [];
}

/**
 * Reads the boundaries from a CBS area GeoJSON; every feature must be one of `areas` (by wijkcode or buurtcode).
 * Water-only features (water = JA) are skipped, as in the CSV.
 */
export function parseCbsAreaGeojson(text: string, opts: { file: string; areas: CbsArea[] }): Map<string, AreaBoundary> {
  const heading = `${opts.file} bevat fouten; er is niets geladen.`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SetupError(`${opts.file} is geen geldige JSON.`, [(err as Error).message]);
  }
  const parsed = geojsonSchema.safeParse(json, { reportInput: true });
  if (!parsed.success) throw new SetupError(heading, zodProblems(parsed.error.issues));
  const known = new Map(opts.areas.map((a) => [a.code, a]));
  const kind = opts.areas[0]?.kind ?? 'wijk';
  const column = kind === 'buurt' ? 'buurtcode' : 'wijkcode';
  const problems: string[] = [];
  const out = new Map<string, AreaBoundary>();
  for (const [i, f] of parsed.data.features.entries()) {
    if ((f.properties.water ?? '').toUpperCase() === 'JA') continue;
    const code = f.properties[column] ?? '';
    const at = `features[${i}]`;
    if (!code) problems.push(`${at}.properties.${column}: is verplicht`);
    else if (!known.has(code)) problems.push(`${at}.properties.${column}: ${code} staat niet in het CSV-bestand`);
    else if (out.has(code)) problems.push(`${at}.properties.${column}: ${code} komt twee keer voor`);
    const geometryProblems = coordinateProblems(f.geometry.type, f.geometry.coordinates, `${at}.geometry.coordinates`);
    problems.push(...geometryProblems);
    if (code && known.has(code) && !geometryProblems.length) out.set(code, { type: f.geometry.type, coordinates: f.geometry.coordinates });
  }
  if (problems.length) throw new SetupError(heading, problems);
  return out;
}

export function readCbsAreaGeojson(file: string, areas: CbsArea[]): Map<string, AreaBoundary> {
  return parseCbsAreaGeojson(readTextFile(file, 'GeoJSON-bestand'), { file: path.basename(file), areas });
}
