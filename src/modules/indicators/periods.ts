// Periods of indicator values, as strings: a year `2024`, a quarter `2024-Q1` or a month `2024-03`. One indicator
// keeps one kind of period, so its series sorts and charts in order.
export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  text: string;
  kind: PeriodKind;
  year: number;
  /** First and last month (1–12) the period covers. */
  firstMonth: number;
  lastMonth: number;
}

const PATTERN = /^(\d{4})(?:-(Q[1-4]|0[1-9]|1[0-2]))?$/;

/** The period a string names, or null when it is none of the three forms (2024, 2024-Q1, 2024-03). */
export function parsePeriod(text: string): Period | null {
  const m = PATTERN.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900) return null;
  const sub = m[2];
  if (!sub) return { text: m[1], kind: 'year', year, firstMonth: 1, lastMonth: 12 };
  if (sub.startsWith('Q')) {
    const q = Number(sub.slice(1));
    return { text: `${year}-${sub}`, kind: 'quarter', year, firstMonth: q * 3 - 2, lastMonth: q * 3 };
  }
  const month = Number(sub);
  return { text: `${year}-${sub}`, kind: 'month', year, firstMonth: month, lastMonth: month };
}

/** Months since year 0 of the period's first month: a number that orders periods of any kind. */
export const periodStart = (p: Period) => p.year * 12 + p.firstMonth - 1;
export const periodEnd = (p: Period) => p.year * 12 + p.lastMonth - 1;

/** Sorts period strings in time order (unparseable ones last, as text). */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  if (pa && pb) return periodStart(pa) - periodStart(pb) || periodEnd(pa) - periodEnd(pb);
  if (pa) return -1;
  if (pb) return 1;
  return a.localeCompare(b);
}

/** Whether the period has begun by `now` (a value for a period that has not started yet is a typing error). */
export const periodHasStarted = (p: Period, now: Date) => periodStart(p) <= now.getUTCFullYear() * 12 + now.getUTCMonth();

/** Whether `p` lies within from..to (each a period string or undefined), by the months they cover. */
export function periodWithin(p: Period, from?: Period | null, to?: Period | null): boolean {
  if (from && periodEnd(p) < periodStart(from)) return false;
  if (to && periodStart(p) > periodEnd(to)) return false;
  return true;
}
