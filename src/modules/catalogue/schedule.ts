// Schedules in Europe/Amsterdam local time: one-off, weekly, or a custom RFC 5545 RRULE (a checked subset).
// Expands them into occurrences and derives what the search filters need (days of the week, parts of the day).
import type { FieldError } from '../../platform/http/errors.ts';
import type { Daypart, Occurrence, Schedule } from './types.ts';

export const TIME_ZONE = 'Europe/Amsterdam';
const DAY = 86_400_000;

// ------------------------------------------------------------------ civil dates as day numbers

/** Days since 1970-01-01 for a YYYY-MM-DD date. */
export const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
};
export const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
const ymd = (day: number) => {
  const d = new Date(day * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
};
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });

const offsetCache = new Map<number, number>();

/** Minutes Amsterdam is ahead of UTC at this instant (cached per quarter hour: offsets change on whole hours). */
function offsetMinutes(at: number): number {
  const key = Math.floor(at / 900_000);
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const value = computeOffset(at);
  if (offsetCache.size > 200_000) offsetCache.clear();
  offsetCache.set(key, value);
  return value;
}

function computeOffset(at: number): number {
  const p = Object.fromEntries(offsetFormatter.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at / 1000) * 1000) / 60_000);
}

/** The instant of a local date and time in Amsterdam. */
export function localToUtc(date: string, time: string): Date {
  const [h, min] = time.split(':').map(Number);
  const naive = dayNumber(date) * DAY + (h * 60 + min) * 60_000;
  let at = naive - offsetMinutes(naive) * 60_000;
  at = naive - offsetMinutes(at) * 60_000;
  return new Date(at);
}

/** Local date and time in Amsterdam of an instant. */
export function utcToLocal(at: Date): { date: string; time: string } {
  const local = at.getTime() + offsetMinutes(at.getTime()) * 60_000;
  const iso = new Date(local).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

// ------------------------------------------------------------------ RRULE subset

const weekdayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export interface RRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** [ordinal (0 = every), ISO weekday] */
  byDay: [number, number][];
  byMonthDay: number[];
  count: number | null;
  /** Last allowed instant. */
  until: Date | null;
}

type Parsed = { ok: true; rule: RRule } | { ok: false; message: string };

/** Parses the supported subset: FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, BYDAY, BYMONTHDAY, COUNT or UNTIL. */
export function parseRRule(input: string): Parsed {
  const fail = (message: string): Parsed => ({ ok: false, message });
  const text = input.trim().replace(/^RRULE:/i, '');
  if (!text) return fail('catalogue.error.rruleEmpty');
  const parts = new Map<string, string>();
  for (const part of text.split(';')) {
    const m = /^([A-Za-z]+)=([A-Za-z0-9,+-]+)$/.exec(part.trim());
    if (!m) return fail('catalogue.error.rruleSyntax');
    const key = m[1].toUpperCase();
    if (parts.has(key)) return fail('catalogue.error.rruleSyntax');
    parts.set(key, m[2].toUpperCase());
  }
  for (const key of parts.keys()) if (!['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST'].includes(key)) return fail('catalogue.error.rruleUnsupported');
  const freq = parts.get('FREQ');
  if (freq !== 'DAILY' && freq !== 'WEEKLY' && freq !== 'MONTHLY') return fail('catalogue.error.rruleFreq');
  if (parts.has('WKST') && parts.get('WKST') !== 'MO') return fail('catalogue.error.rruleUnsupported');
  const interval = parts.has('INTERVAL') ? Number(parts.get('INTERVAL')) : 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 52) return fail('catalogue.error.rruleInterval');
  const byDay: [number, number][] = [];
  for (const d of parts.get('BYDAY')?.split(',') ?? []) {
    const m = /^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
    if (!m) return fail('catalogue.error.rruleByDay');
    const ordinal = m[1] ? Number(m[1]) : 0;
    if (ordinal !== 0 && freq !== 'MONTHLY') return fail('catalogue.error.rruleByDay');
    byDay.push([ordinal, weekdayCodes.indexOf(m[2] as (typeof weekdayCodes)[number]) + 1]);
  }
  const byMonthDay: number[] = [];
  for (const d of parts.get('BYMONTHDAY')?.split(',') ?? []) {
    const n = Number(d);
    if (freq !== 'MONTHLY' || !Number.isInteger(n) || n === 0 || n < -31 || n > 31) return fail('catalogue.error.rruleByMonthDay');
    byMonthDay.push(n);
  }
  if (byDay.length && byMonthDay.length) return fail('catalogue.error.rruleByMonthDay');
  if (parts.has('COUNT') && parts.has('UNTIL')) return fail('catalogue.error.rruleCountUntil');
  let count: number | null = null;
  if (parts.has('COUNT')) {
    count = Number(parts.get('COUNT'));
    if (!Number.isInteger(count) || count < 1 || count > 1000) return fail('catalogue.error.rruleCount');
  }
  let until: Date | null = null;
  if (parts.has('UNTIL')) {
    const u = parts.get('UNTIL')!;
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(u);
    if (!m) return fail('catalogue.error.rruleUntil');
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    const check = new Date(`${date}T00:00:00Z`);
    if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) return fail('catalogue.error.rruleUntil');
    until = m[4] ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])) : localToUtc(date, '23:59');
    if (Number.isNaN(until.getTime())) return fail('catalogue.error.rruleUntil');
  }
  return { ok: true, rule: { freq, interval, byDay, byMonthDay, count, until } };
}

const icsUtc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** The canonical text of a rule, as stored and as written into .ics files (UNTIL in UTC, as RFC 5545 asks with a TZID start). */
export function formatRRule(r: RRule): string {
  const parts = [`FREQ=${r.freq}`];
  if (r.interval !== 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.byDay.length) parts.push(`BYDAY=${r.byDay.map(([n, d]) => `${n === 0 ? '' : n}${weekdayCodes[d - 1]}`).join(',')}`);
  if (r.byMonthDay.length) parts.push(`BYMONTHDAY=${r.byMonthDay.join(',')}`);
  if (r.count !== null) parts.push(`COUNT=${r.count}`);
  if (r.until) parts.push(`UNTIL=${icsUtc(r.until)}`);
  return parts.join(';');
}

function matches(rule: RRule, start: number, day: number): boolean {
  const wd = isoWeekday(day);
  if (rule.freq === 'DAILY') return (day - start) % rule.interval === 0 && (rule.byDay.length === 0 || rule.byDay.some(([, d]) => d === wd));
  if (rule.freq === 'WEEKLY') {
    const weeks = Math.floor((day - isoWeekday(day) + 1 - (start - isoWeekday(start) + 1)) / 7);
    if (weeks % rule.interval !== 0) return false;
    return rule.byDay.length ? rule.byDay.some(([, d]) => d === wd) : wd === isoWeekday(start);
  }
  const a = ymd(start);
  const b = ymd(day);
  if (((b.y - a.y) * 12 + (b.m - a.m)) % rule.interval !== 0) return false;
  const dim = daysInMonth(b.y, b.m);
  if (rule.byMonthDay.length) return rule.byMonthDay.some((n) => (n > 0 ? n : dim + n + 1) === b.d);
  if (rule.byDay.length)
    return rule.byDay.some(([n, d]) => {
      if (d !== wd) return false;
      if (n === 0) return true;
      return n > 0 ? Math.ceil(b.d / 7) === n : Math.ceil((dim - b.d + 1) / 7) === -n;
    });
  return b.d === a.d;
}

/** A schedule turned into its rule (weekly is FREQ=WEEKLY), or null for a one-off. */
export function ruleOf(s: Schedule): RRule | null {
  if (s.kind === 'one-off') return null;
  if (s.kind === 'weekly')
    return { freq: 'WEEKLY', interval: 1, byDay: [...new Set(s.weekdays)].sort().map((d) => [0, d]), byMonthDay: [], count: null, until: s.untilDate ? localToUtc(s.untilDate, '23:59') : null };
  const parsed = parseRRule(s.rrule ?? '');
  return parsed.ok ? parsed.rule : null;
}

const MAX_YEARS = 30;

/**
 * Occurrences that overlap [from, to), in order. `limit` caps how many are returned.
 * Counting (COUNT) always starts at the first date, so a window later in the series is still right.
 */
export function occurrences(s: Schedule, from: Date, to: Date, limit = 1000): Occurrence[] {
  const out: Occurrence[] = [];
  if (s.kind === 'one-off') {
    const o = { start: localToUtc(s.startDate, s.startTime), end: localToUtc(s.endDate ?? s.startDate, s.endTime) };
    return o.end > from && o.start < to ? [o] : [];
  }
  const rule = ruleOf(s);
  if (!rule) return out;
  const start = dayNumber(s.startDate);
  const lastDay = Math.min(Math.floor(to.getTime() / DAY) + 1, start + MAX_YEARS * 366);
  let n = 0;
  for (let day = start; day <= lastDay; day++) {
    if (!matches(rule, start, day)) continue;
    const date = dateOf(day);
    const o = { start: localToUtc(date, s.startTime), end: localToUtc(date, s.endTime) };
    if (rule.until && o.start > rule.until) break;
    n++;
    if (rule.count !== null && n > rule.count) break;
    if (o.end > from && o.start < to) {
      out.push(o);
      if (out.length >= limit) break;
    }
  }
  return out;
}

const FAR = new Date(Date.UTC(2200, 0, 1));

export interface DerivedSchedule {
  first: Occurrence;
  /** End of the last occurrence, or null when the series has no end. */
  lastEndsAt: Date | null;
  days: number[];
  dayparts: Daypart[];
  /** Canonical RRULE for custom schedules. */
  rrule: string | null;
}

export function dayPartsOf(startTime: string, endTime: string, multiDay = false): Daypart[] {
  if (multiDay) return ['ochtend', 'middag', 'avond'];
  const out: Daypart[] = [];
  if (startTime < '12:00') out.push('ochtend');
  if (startTime < '18:00' && endTime > '12:00') out.push('middag');
  if (endTime > '18:00') out.push('avond');
  return out;
}

/** Checks a schedule and derives the stored fields. Field errors carry message keys. */
export function deriveSchedule(s: Schedule): { ok: true; value: DerivedSchedule } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const f = (field: string, message: string) => errors.push({ field: `schedule.${field}`, message });
  if (s.kind === 'one-off') {
    const endDate = s.endDate ?? s.startDate;
    if (endDate < s.startDate) f('endDate', 'catalogue.error.endBeforeStart');
    else if (endDate === s.startDate && s.endTime <= s.startTime) f('endTime', 'catalogue.error.endBeforeStart');
    if (errors.length) return { ok: false, errors };
    const first = occurrences(s, new Date(0), FAR, 1)[0];
    if (!first) return { ok: false, errors: [{ field: 'schedule.startDate', code: 'date_range', message: 'catalogue.error.dateRange' }] };
    const days: number[] = [];
    for (let d = dayNumber(s.startDate); d <= Math.min(dayNumber(endDate), dayNumber(s.startDate) + 6); d++) days.push(isoWeekday(d));
    return { ok: true, value: { first, lastEndsAt: first.end, days: [...new Set(days)].sort(), dayparts: dayPartsOf(s.startTime, s.endTime, endDate > s.startDate), rrule: null } };
  }
  if (s.endTime <= s.startTime) f('endTime', 'catalogue.error.endBeforeStart');
  let rrule: string | null = null;
  if (s.kind === 'weekly') {
    if (s.weekdays.length === 0) f('weekdays', 'catalogue.error.weekdaysRequired');
    if (s.untilDate && s.untilDate < s.startDate) f('untilDate', 'catalogue.error.untilBeforeStart');
  } else {
    const parsed = parseRRule(s.rrule ?? '');
    if (!parsed.ok) f('rrule', parsed.message);
    else rrule = formatRRule(parsed.rule);
  }
  if (errors.length) return { ok: false, errors };
  const normalised: Schedule = { ...s, rrule };
  const first = occurrences(normalised, new Date(0), FAR, 1)[0];
  if (!first) {
    f(s.kind === 'weekly' ? 'weekdays' : 'rrule', 'catalogue.error.noOccurrences');
    return { ok: false, errors };
  }
  // Days of the week from the first year of the series (enough for every supported pattern).
  const sample = occurrences(normalised, first.start, new Date(first.start.getTime() + 366 * DAY), 400);
  const rule = ruleOf(normalised)!;
  const bounded = rule.count !== null || rule.until !== null;
  let lastEndsAt: Date | null = null;
  if (bounded) {
    const all = occurrences(normalised, new Date(0), FAR, 100_000);
    lastEndsAt = all[all.length - 1].end;
  }
  const days = [...new Set(sample.map((o) => isoWeekday(dayNumber(utcToLocal(o.start).date))))].sort();
  return { ok: true, value: { first: sample[0], lastEndsAt, days, dayparts: dayPartsOf(s.startTime, s.endTime), rrule } };
}
