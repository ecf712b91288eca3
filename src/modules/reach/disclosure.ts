// The small-cell rule. Counts of residents, visits and volunteers are shown exactly only to the registering
// organisation's own staff, and only when the figures are entirely that organisation's (the report is filtered to
// it: `seesExactFiguresOf`). Everyone else sees:
//   1. primary suppression: a count of 1–4 is shown as "< 5" (0 is shown: it reveals nobody);
//   2. rounding: every other count is rounded to the nearest multiple of 5 (7 → 5, 8 → 10), totals included;
//   3. complementary suppression: in a table with a total, a row or column with exactly one suppressed cell gets its
//      next smallest disclosed cell hidden as well ("x", as CBS marks figures withheld for confidentiality).
// Together these keep a suppressed cell from being recovered by subtracting disclosed cells from a total, or by
// subtracting two reports (the whole city and the city filtered by a district): every disclosed figure is a
// multiple of 5, so a difference of two reports can only be a multiple of 5 too.
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export const SMALL_CELL_LIMIT = 5;
export const ROUND_TO = 5;
export const SUPPRESSED = '< 5' as const;
export const HIDDEN = 'x' as const;
export type Count = number | typeof SUPPRESSED | typeof HIDDEN;

export interface Disclosure {
  /** The rule in words (for the API and every page's note). */
  rule: string;
  /** True when the figures are exact (the reader's own organisation), false when the rule was applied. */
  exact: boolean;
}

export const DISCLOSURE_RULE =
  'Aantallen inwoners, bezoeken en vrijwilligers onder 5 worden getoond als "< 5"; andere aantallen worden afgerond op een veelvoud van 5; ' +
  'in een tabel met een totaal wordt, als in een rij of kolom precies één cel verborgen is, ook de op één na kleinste cel verborgen ("x"). ' +
  'Alleen de eigen organisatie ziet haar eigen cijfers exact.';

export const disclosureOf = (exact: boolean): Disclosure => ({ rule: DISCLOSURE_RULE, exact });

/** One count as an outsider may see it (primary suppression and rounding); exact readers see the count itself. */
export function discloseCount(n: number, exact: boolean): Count {
  if (exact || n === 0) return n;
  if (n < SMALL_CELL_LIMIT) return SUPPRESSED;
  return Math.round(n / ROUND_TO) * ROUND_TO;
}

export const isSuppressed = (c: Count): c is typeof SUPPRESSED | typeof HIDDEN => typeof c === 'string';

/**
 * Complementary suppression on a list of cells that add up to (or are summarised by) a total: when exactly one cell
 * is suppressed, the next smallest disclosed non-zero cell is hidden too. `raw` are the true counts (to choose the
 * next smallest), `shown` the disclosed cells; returns the new disclosed cells (indexes as given).
 */
export function complementLine(raw: number[], shown: Count[]): Count[] {
  const out = [...shown];
  const suppressed = out.filter(isSuppressed).length;
  if (suppressed !== 1) return out;
  let best = -1;
  for (let i = 0; i < out.length; i++) {
    if (isSuppressed(out[i]) || raw[i] === 0) continue;
    if (best === -1 || raw[i] < raw[best]) best = i;
  }
  if (best !== -1) out[best] = HIDDEN;
  return out;
}

/** A one-dimensional breakdown (one count per row, with the table's total disclosed separately). */
export function discloseColumn(raw: number[], exact: boolean): Count[] {
  if (exact) return [...raw];
  return complementLine(raw, raw.map((n) => discloseCount(n, false)));
}

/**
 * A table of counts: rows × columns, with totals per row and per column. Suppresses small cells, rounds the rest,
 * then hides complementary cells in every row and column until no row or column has exactly one hidden cell.
 */
export function discloseMatrix(raw: number[][], exact: boolean): Count[][] {
  if (exact) return raw.map((r) => [...r]);
  const out: Count[][] = raw.map((r) => r.map((n) => discloseCount(n, false)));
  for (let changed = true, guard = 0; changed && guard < 1000; guard++) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      const next = complementLine(raw[i], out[i]);
      if (next.some((c, j) => c !== out[i][j])) {
        out[i] = next;
        changed = true;
      }
    }
    const cols = raw[0]?.length ?? 0;
    for (let j = 0; j < cols; j++) {
      const next = complementLine(
        raw.map((r) => r[j]),
        out.map((r) => r[j]),
      );
      next.forEach((c, i) => {
        if (c !== out[i][j]) {
          out[i][j] = c;
          changed = true;
        }
      });
    }
  }
  return out;
}

/** Hours or other amounts that go with suppressed counts: hidden with them, otherwise rounded to a whole number for outsiders. */
export function discloseAmount(n: number, companion: Count, exact: boolean): number | typeof HIDDEN {
  if (exact) return Math.round(n * 100) / 100;
  if (isSuppressed(companion)) return HIDDEN;
  return Math.round(n / ROUND_TO) * ROUND_TO;
}

/** A count as text for a page or a CSV cell (Dutch or English number format). */
export const countText = (c: Count | number, lang: 'nl' | 'en' = 'nl'): string => (typeof c === 'number' ? numberFormat(localeOf(lang)).format(c) : c);
