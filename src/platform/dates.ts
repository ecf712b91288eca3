// Date ranges as ISO dates (YYYY-MM-DD), as reports and their running totals use them.

/**
 * The months of a period within one year when it is whole calendar months (a whole year, a quarter, …), so figures
 * kept per month can answer for it; otherwise null (a period that starts or ends within a month, or spans years).
 */
export function wholeMonths(from: string, to: string): { first: number; last: number } | null {
  if (from.slice(0, 4) !== to.slice(0, 4) || from.slice(8) !== '01') return null;
  const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (Number(to.slice(8)) !== lastDay) return null;
  return { first: Number(from.slice(5, 7)), last: m };
}
