// Demo sessions and attendance. Sessions: every chosen weekly activity once per occurrence in the 52 weeks before today
// (a few cancelled with a reason, public holidays too), with hours, volunteers and the principles applied, and an
// anonymous headcount. Attendance: a pool of synthetic residents (pass numbers DEMO000000…, some with name and date
// of birth instead) with coarse attributes — birth year, wijk of residence (weighted by population), target groups —
// each a regular at one or more activities: most at one or two, a few at many (heavy-tailed), so residents meet
// several activities and organisations. Only the pseudonym (HMAC with the municipality's key) is stored.
import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../../platform/rng.ts';
import { identifierOf, pseudonymOf } from './identity.ts';
import { pseudonymKeys } from './keys.ts';
import { insertAttendance, insertSessions, type AttendanceRow, type SessionRow } from './demo-bulk.ts';
import { dateOf, dayNumber, isoWeekday, type DemoActivity, type DemoWorld } from './demo-world.ts';

/** Synthetic residents per unit of scale: about 30,000 attendance rows per unit. */
export const RESIDENTS_PER_SCALE = 610;
export const WEEKS = 52;
const BATCH = 10_000;
/** Attendance is inserted in bigger batches, sorted by date and session, so the indexes are written in order. */
const ATTENDANCE_BATCH = 25_000;

const holidays = new Set(['01-01', '04-27', '12-25', '12-26']);
const cancelReasons = ['Vrijwilliger ziek, geen vervanging gevonden', 'Ruimte niet beschikbaar', 'Te weinig aanmeldingen', 'Storm: code oranje', 'Begeleider op cursus', 'Verwarming kapot'];

/** The pass number of demo resident i (HaarlemPas-like, clearly not real). */
export const demoPassNumber = (i: number) => `DEMO${String(i).padStart(6, '0')}`;

/** A heavy-tailed whole number ≥ 1 (Pareto, exponent alpha), at most max. */
const pareto = (rng: Rng, alpha: number, max: number) => Math.min(max, Math.floor(1 / Math.pow(1 - rng.next(), 1 / alpha)));

/** Weighted picks by binary search over cumulative weights. */
class Weighted<T> {
  private readonly cum: number[] = [];
  constructor(readonly items: T[], weight: (t: T) => number) {
    let s = 0;
    for (const t of items) this.cum.push((s += weight(t)));
  }
  pick(rng: Rng): T | undefined {
    if (this.items.length === 0) return undefined;
    const x = rng.next() * this.cum[this.cum.length - 1];
    let lo = 0;
    let hi = this.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo];
  }
}

interface Planned {
  activity: DemoActivity;
  sessions: { id: string; day: number; held: boolean }[];
}

export interface AttendanceStats {
  sessions: number;
  cancelled: number;
  residents: number;
  attendance: number;
}

/** Popularity of each activity (heavy-tailed): how many regulars it draws relative to the others. */
export function popularityOf(rng: Rng, world: DemoWorld): Map<string, number> {
  return new Map(world.activities.map((a) => [a.id, Math.min(12, 1 / Math.pow(1 - rng.next() * 0.98, 0.6))]));
}

const flushWith = (ctx: ServiceContext) => (rows: AttendanceRow[]) =>
  insertAttendance(ctx, rows.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.sessionId < y.sessionId ? -1 : x.sessionId > y.sessionId ? 1 : 0)));

export async function seedDemoSessionsAndAttendance(
  ctx: ServiceContext,
  rng: Rng,
  world: DemoWorld,
  today: string,
  scale: number,
  popularity: Map<string, number>,
  skip: Set<string>,
  onProgress?: (done: number, total: number) => void,
): Promise<AttendanceStats> {
  const stats: AttendanceStats = { sessions: 0, cancelled: 0, residents: 0, attendance: 0 };
  const flush = flushWith(ctx);
  const last = dayNumber(today) - 1;
  const first = last - WEEKS * 7 + 1;

  // 1. Sessions: the draws are made for every activity; activities that already have sessions are not inserted.
  const planned = new Map<string, Planned>();
  let batch: SessionRow[] = [];
  for (const a of world.activities) {
    const volunteers = rng.int(0, 4);
    const walkIns = rng.pick([0, 0, 1, 2, 3, 5, 8]);
    const p: Planned = { activity: a, sessions: [] };
    for (let day = first; day <= last; day++) {
      if (!a.weekdays.includes(isoWeekday(day))) continue;
      const date = dateOf(day);
      if (date < a.startDate || (a.untilDate !== null && date > a.untilDate)) continue;
      const holiday = holidays.has(date.slice(5));
      const cancelled = holiday || rng.chance(0.03);
      const v = cancelled ? 0 : Math.max(0, volunteers + rng.int(-1, 1));
      const row: SessionRow = {
        id: crypto.randomUUID(),
        activityId: a.id,
        organisationId: a.organisationId,
        date,
        status: cancelled ? 'cancelled' : 'held',
        cancelReason: cancelled ? (holiday ? 'Feestdag' : rng.pick(cancelReasons)) : '',
        hours: cancelled ? 0 : a.hours,
        volunteers: v,
        volunteerHours: Math.round(v * (a.hours + 0.5) * 100) / 100,
        principles: cancelled || a.principles.length === 0 ? [] : rng.chance(0.7) ? a.principles : rng.sample(a.principles, 1),
        headcount: cancelled ? 0 : Math.round(walkIns * (0.4 + 1.2 * rng.next())),
      };
      p.sessions.push({ id: row.id, day, held: !cancelled });
      if (skip.has(a.id)) continue;
      batch.push(row);
      stats.sessions++;
      if (cancelled) stats.cancelled++;
      if (batch.length >= BATCH) {
        await insertSessions(ctx, batch);
        batch = [];
      }
    }
    planned.set(a.id, p);
  }
  await insertSessions(ctx, batch);

  // 2. Residents and their visits.
  const keys = pseudonymKeys(ctx.tenant);
  const wijken = new Weighted(world.wijken, (w) => w.weight);
  const everywhere = new Weighted(world.activities, (a) => popularity.get(a.id) ?? 1);
  const byDistrict = new Map<string, Weighted<DemoActivity>>();
  for (const d of new Set(world.activities.map((a) => a.districtCode ?? ''))) byDistrict.set(d, new Weighted(world.activities.filter((a) => (a.districtCode ?? '') === d), (a) => popularity.get(a.id) ?? 1));
  const year = Number(today.slice(0, 4));
  const total = RESIDENTS_PER_SCALE * scale;
  let rows: AttendanceRow[] = [];
  for (let i = 0; i < total; i++) {
    const wijk = wijken.pick(rng);
    const near = byDistrict.get(wijk?.districtCode ?? '') ?? everywhere;
    const k = pareto(rng, 1.6, 15);
    const chosen: DemoActivity[] = [];
    for (let tries = 0; chosen.length < k && tries < k * 4; tries++) {
      const a = (chosen.length === 0 || rng.chance(0.65) ? near : everywhere).pick(rng);
      if (a && !chosen.includes(a)) chosen.push(a);
    }
    const groups = (chosen[0]?.targetGroups ?? []).filter((g) => g !== 'iedereen' && world.targetGroups.includes(g));
    const targetGroups = rng.chance(0.6) ? rng.sample(groups, rng.int(1, 2)).sort() : [];
    const age = targetGroups.includes('ouderen') ? rng.int(66, 92) : targetGroups.includes('kinderen') ? rng.int(5, 11) : targetGroups.includes('jongeren') ? rng.int(12, 23) : rng.int(19, 80);
    const birthYear = year - age;
    const who = rng.chance(0.8) ? { passNumber: demoPassNumber(i) } : { name: `Demo Bewoner ${i}`, birthDate: `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` };
    const id = identifierOf(who);
    if (id.kind !== 'identified') throw new Error('demo resident without an identifier');
    const pseudonym = pseudonymOf(ctx.tenant, id.identifier, keys).toString('hex');
    stats.residents++;
    for (const a of chosen) {
      const p = planned.get(a.id)!;
      const from = rng.chance(0.45) ? first : first + rng.int(0, WEEKS - 1) * 7;
      const to = rng.chance(0.25) ? from + rng.int(2, WEEKS) * 7 : last;
      const chance = 0.35 + 0.6 * rng.next();
      for (const s of p.sessions) {
        if (s.day < from || s.day > to || !s.held) continue;
        if (!rng.chance(chance) || skip.has(a.id)) continue;
        rows.push({ sessionId: s.id, pseudonym, activityId: a.id, organisationId: a.organisationId, date: dateOf(s.day), birthYear, wijkCode: wijk?.code ?? null, targetGroups });
      }
    }
    if (rows.length >= ATTENDANCE_BATCH) {
      stats.attendance += await flush(rows);
      rows = [];
      onProgress?.(i + 1, total);
    }
  }
  stats.attendance += await flush(rows);
  onProgress?.(total, total);
  return stats;
}
