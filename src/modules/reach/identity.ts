// Residents without identities: an identifier (pass number, or name + date of birth) is normalised and turned into a
// keyed pseudonym (HMAC-SHA256 with the municipality's key chain, keys.ts). The identifier itself is never stored
// or logged; only the 32-byte pseudonym is. Never the BSN: `isBsn` and `looksLikeBsnHeader` let callers refuse it.
import crypto from 'node:crypto';
import { pseudonymKeys } from './keys.ts';

/** A pass number (e.g. HaarlemPas): upper case, without spaces, dots and dashes. Null when it is not one. */
export function normalisePassNumber(raw: string): string | null {
  const v = raw.normalize('NFKC').toUpperCase().replace(/[\s.\-_/]/g, '');
  return /^[0-9A-Z]{4,24}$/.test(v) ? v : null;
}

/** A name: without accents, lower case, letters and digits only, single spaces ("Ömer  van 't Hof" → "omer van t hof"). */
export function normaliseName(raw: string): string | null {
  const v = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`´‘]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return v === '' ? null : v;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** ISO date from a valid year, month and day; null otherwise. */
function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/**
 * A date as written in Dutch administrations: 2024-03-01, 1-3-2024, 01/03/2024, 01.03.2024, 20240301, an Excel
 * serial number (45352) or a Date from a spreadsheet cell. Day before month; two-digit years are refused (ambiguous).
 */
export function normaliseDate(raw: string | number | Date): string | null {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : isoDate(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate());
  if (typeof raw === 'number') return excelSerial(raw);
  const v = raw.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(v);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v);
  if (m) return isoDate(+m[3], +m[2], +m[1]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (m) return isoDate(+m[1], +m[2], +m[3]);
  if (/^\d{1,6}(\.\d+)?$/.test(v)) return excelSerial(Number(v));
  return null;
}

/** An Excel date serial (days since 1899-12-30, the 1900 leap-year bug included); only 1900–2199. */
function excelSerial(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 109_574) return null;
  const t = new Date(EXCEL_EPOCH_MS + Math.floor(n) * 86_400_000);
  return isoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export interface ResidentIdentity {
  passNumber?: string | null;
  name?: string | null;
  birthDate?: string | number | Date | null;
}

export type IdentifierResult =
  | { kind: 'anonymous' }
  | { kind: 'identified'; identifier: string }
  | { kind: 'invalid'; field: 'passNumber' | 'name' | 'birthDate'; reason: 'passNumber' | 'birthDateMissing' | 'birthDate' };

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * The normalised identifier of a resident: the pass number when there is one, otherwise name + date of birth.
 * Neither → anonymous (a visit in the headcount). A name without a valid date of birth is refused.
 */
export function identifierOf(who: ResidentIdentity): IdentifierResult {
  if (!blank(who.passNumber)) {
    const pass = normalisePassNumber(String(who.passNumber));
    return pass ? { kind: 'identified', identifier: `pas:${pass}` } : { kind: 'invalid', field: 'passNumber', reason: 'passNumber' };
  }
  const name = blank(who.name) ? null : normaliseName(String(who.name));
  if (!name) return { kind: 'anonymous' };
  if (blank(who.birthDate)) return { kind: 'invalid', field: 'birthDate', reason: 'birthDateMissing' };
  const dob = normaliseDate(who.birthDate as string | number | Date);
  return dob ? { kind: 'identified', identifier: `naam:${name}|${dob}` } : { kind: 'invalid', field: 'birthDate', reason: 'birthDate' };
}

/** The keyed pseudonym of a normalised identifier: HMAC-SHA256 with the first key, then with each later key over the result. */
export function pseudonymOf(tenant: string, identifier: string, keys: Buffer[] = pseudonymKeys(tenant)): Buffer {
  let p = crypto.createHmac('sha256', keys[0]).update(identifier, 'utf8').digest();
  for (const k of keys.slice(1)) p = crypto.createHmac('sha256', k).update(p).digest();
  return p;
}

/** Re-keying: the pseudonym under a chain extended with `newKey` (what `sociale-basis reach rekey` applies to every row). */
export const rekeyPseudonym = (pseudonym: Buffer, newKey: Buffer): Buffer => crypto.createHmac('sha256', newKey).update(pseudonym).digest();

/** A Dutch citizen service number (BSN): 9 digits (8 with a leading zero dropped) passing the eleven test. */
export function isBsn(raw: string | number): boolean {
  const digits = String(raw).replace(/[\s.\-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return false;
  const d = digits.padStart(9, '0');
  if (/^0+$/.test(d)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(d[i]) * (9 - i);
  sum -= Number(d[8]);
  return sum % 11 === 0;
}

/** A column header that names a BSN (bsn, burgerservicenummer, sofinummer, citizen service number). */
export const looksLikeBsnHeader = (header: string): boolean => /\b(bsn|burger ?service ?nummer|burgerservicenr|sofi ?(nummer|nr)?|citizen ?service ?number)\b/i.test(header.replace(/[_-]/g, ' '));

/** Age band of a birth year in a year: 0-11, 12-17, 18-26, 27-44, 45-64, 65-79, 80+. */
export function ageBand(birthYear: number, inYear: number): string {
  const age = inYear - birthYear;
  if (age < 12) return '0-11';
  if (age < 18) return '12-17';
  if (age < 27) return '18-26';
  if (age < 45) return '27-44';
  if (age < 65) return '45-64';
  if (age < 80) return '65-79';
  return '80+';
}
