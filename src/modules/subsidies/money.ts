// The arithmetic of grants, in integer cents only (never floats): amounts per year, adjustments, indexation,
// advances, and the SROI obligation. Pure functions, tested with properties (money.test.ts).
//
// Rounding (documented in the README and docs/glossary.md):
// - Indexation of a year by p basis points (1 bp = 0.01 %) is applied to the wage part and the other costs of that
//   year separately: new = old + round(old × p / 10 000), where round takes whole cents and rounds half a cent away
//   from zero ("commercial rounding"). Computed with BigInt, so no intermediate float. The decision records the sum
//   of the two increments as its change.
// - The SROI obligation is 5 % of the year's wage part, rounded the same way.
// - Advances split a year's amount into n equal instalments of floor(amount / n) cents; the remainder (fewer than n
//   cents) is added to the first instalment, so the instalments always add up to the amount exactly.

import { formatMoney, type Lang } from '../../platform/i18n/index.ts';

export interface YearAmount {
  year: number;
  wageCents: number;
  otherCents: number;
}

export const totalOf = (y: Pick<YearAmount, 'wageCents' | 'otherCents'>) => y.wageCents + y.otherCents;
export const sumYears = (ys: readonly YearAmount[]) => ys.reduce((s, y) => s + totalOf(y), 0);

/** Largest amount accepted anywhere: EUR 1 billion, far below 2^53 cents. */
export const MAX_CENTS = 100_000_000_000;

/** x × num / den rounded to a whole number, half away from zero, for integers (BigInt, exact). */
export function mulDivRound(x: number, num: number, den: number): number {
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) throw new RangeError('integers expected');
  const p = BigInt(x) * BigInt(num);
  const d = BigInt(den);
  const neg = p < 0n;
  const a = neg ? -p : p;
  const q = (a * 2n + d) / (2n * d); // floor((a + d/2) / d): half rounds up for the magnitude
  return Number(neg ? -q : q);
}

/** Indexation of one year by basis points: the new amounts and the change. */
export function indexYear(y: YearAmount, basisPoints: number): { result: YearAmount; deltaCents: number } {
  const dw = mulDivRound(y.wageCents, basisPoints, 10_000);
  const dof = mulDivRound(y.otherCents, basisPoints, 10_000);
  return { result: { year: y.year, wageCents: y.wageCents + dw, otherCents: y.otherCents + dof }, deltaCents: dw + dof };
}

export type Change =
  | { kind: 'adjustment'; year: number; wageDeltaCents: number; otherDeltaCents: number }
  | { kind: 'indexation'; year: number; basisPoints: number };

export type ChangeResult = { ok: true; years: YearAmount[]; deltaCents: number } | { ok: false; reason: 'unknown_year' | 'negative_result' | 'too_large' };

/** Applies one decision to the amounts per year (returns new arrays; the input is not changed). */
export function applyChange(years: readonly YearAmount[], change: Change): ChangeResult {
  const i = years.findIndex((y) => y.year === change.year);
  if (i < 0) return { ok: false, reason: 'unknown_year' };
  const y = years[i];
  let next: YearAmount;
  let deltaCents: number;
  if (change.kind === 'adjustment') {
    next = { year: y.year, wageCents: y.wageCents + change.wageDeltaCents, otherCents: y.otherCents + change.otherDeltaCents };
    deltaCents = change.wageDeltaCents + change.otherDeltaCents;
  } else {
    ({ result: next, deltaCents } = indexYear(y, change.basisPoints));
  }
  if (next.wageCents < 0 || next.otherCents < 0) return { ok: false, reason: 'negative_result' };
  if (next.wageCents > MAX_CENTS || next.otherCents > MAX_CENTS) return { ok: false, reason: 'too_large' };
  return { ok: true, years: years.map((x, j) => (j === i ? next : { ...x })), deltaCents };
}

/** Splits an amount into n advances: equal parts, the remainder on the first. */
export function advances(amountCents: number, n: number): number[] {
  if (n <= 0 || amountCents <= 0) return [];
  const base = Math.floor(amountCents / n);
  const rest = amountCents - base * n;
  return Array.from({ length: n }, (_, i) => base + (i === 0 ? rest : 0));
}

export const advanceSchedules = { monthly: 12, quarterly: 4, yearly: 1 } as const;
export type AdvanceSchedule = keyof typeof advanceSchedules;

/** The due dates (ISO) of a year's advances: the first day of each month, quarter or of the year. */
export function advanceDates(year: number, schedule: AdvanceSchedule): string[] {
  const n = advanceSchedules[schedule];
  const step = 12 / n;
  return Array.from({ length: n }, (_, i) => `${year}-${String(1 + i * step).padStart(2, '0')}-01`);
}

/**
 * SROI (the call §5, "Social Return on Investment"): "5% van het voor loon bestemde deel van de subsidie" for
 * individual grantees ("uitsluitend op afzonderlijke subsidiepartners die van de gemeente een subsidie ontvangen van
 * meer dan € 500.000,-"), not for joint applications per theme. Applied per year (the issue: "above EUR 500,000 in a
 * year"): a year whose total is more than EUR 500,000 carries an obligation of 5 % of that year's wage part.
 */
export const SROI_THRESHOLD_CENTS = 50_000_000;
export const SROI_BASIS_POINTS = 500;

export function sroiObligation(joint: boolean, y: YearAmount): number {
  if (joint || totalOf(y) <= SROI_THRESHOLD_CENTS) return 0;
  return mulDivRound(y.wageCents, SROI_BASIS_POINTS, 10_000);
}

/** Cents as euros with two decimals in the reader's language, e.g. 123456 → "€ 1.234,56" (nl) or "€1,234.56" (en): the platform's money format. */
export function formatEuros(cents: number, lang: Lang = 'nl'): string {
  return formatMoney(lang, cents);
}
