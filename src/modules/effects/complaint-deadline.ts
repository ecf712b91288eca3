// Dates of the registers: the municipality's calendar day of an instant (Europe/Amsterdam), and the deadline of a
// complaint or objection: received date + the type's term (+ the extension once granted). Overdue = still open on a
// day after the deadline, so an objection received on 1 March with six weeks is overdue from 13 April.
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in the municipality at an instant. */
export const localDate = (at: Date): string => dayFormat.format(at);

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export interface DeadlineFacts {
  receivedDate: string;
  deadlineDays: number;
  extensionDays: number;
  status: string;
  decidedDate: string | null;
}

export const deadlineOf = (c: Pick<DeadlineFacts, 'receivedDate' | 'deadlineDays' | 'extensionDays'>): string => addDays(c.receivedDate, c.deadlineDays + c.extensionDays);

/** Open (not handled) on a day after its deadline. */
export const isOverdue = (c: DeadlineFacts, today: string): boolean => c.status !== 'handled' && today > deadlineOf(c);

/** Handled on or before its deadline. */
export const handledInTime = (c: DeadlineFacts): boolean | null => (c.status === 'handled' && c.decidedDate ? c.decidedDate <= deadlineOf(c) : null);

/** The median of a list of numbers (null when empty). */
export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
