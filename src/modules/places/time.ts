// Local time in the municipality (Europe/Amsterdam): opening hours, booking forms, weeks and months are in
// wall-clock time; the database stores instants (timestamptz). These helpers convert both ways, DST included.
import type { Weekday } from './schema.ts';

export const TIME_ZONE = 'Europe/Amsterdam';
export const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  weekday: Weekday;
  year: number;
  month: number;
  day: number;
}

export function localParts(d: Date): LocalParts {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(d)) p[part.type] = part.value;
  const weekday = p.weekday.toLowerCase().slice(0, 3) as Weekday;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday, year: Number(p.year), month: Number(p.month), day: Number(p.day) };
}

function offsetMs(instant: number): number {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) p[part.type] = part.value;
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export const isDateString = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const isTimeString = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

/** The instant of a local wall-clock time ("2026-03-02", "09:30") in the municipality. */
export function zonedTime(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const naive = Date.UTC(y, m - 1, d, h, min);
  let t = naive - offsetMs(naive);
  t = naive - offsetMs(t);
  return new Date(t);
}

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** ISO week "2026-W09" of a local date. */
export function isoWeekOf(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3); // thursday of this week decides the year
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4, 12));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86400000));
  return `${year}-W${pad(week)}`;
}

/** Monday (YYYY-MM-DD) of an ISO week "2026-W09"; null when malformed. */
export function mondayOfIsoWeek(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const w = Number(m[2]);
  if (w < 1 || w > 53) return null;
  const jan4 = new Date(Date.UTC(year, 0, 4, 12));
  const monday1 = new Date(jan4);
  monday1.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7));
  monday1.setUTCDate(monday1.getUTCDate() + (w - 1) * 7);
  const date = monday1.toISOString().slice(0, 10);
  return isoWeekOf(date) === week ? date : null;
}

/** Start (inclusive) and end (exclusive) of a local calendar month. */
export function monthRange(year: number, month: number): { from: Date; to: Date } {
  const next = month === 12 ? { y: year + 1, m: 1 } : { y: year, m: month + 1 };
  return { from: zonedTime(`${year}-${pad(month)}-01`, '00:00'), to: zonedTime(`${next.y}-${pad(next.m)}-01`, '00:00') };
}

export const yearMonthOf = (d: Date) => {
  const p = localParts(d);
  return `${p.year}-${pad(p.month)}`;
};
