// Bulk inserts for the demo generator: a batch of rows becomes one `insert … select from unnest(…)` with one
// array parameter per column (PostgreSQL array literals), so a batch costs one round trip on PGlite and PostgreSQL
// alike and never meets the 65,535-parameter limit of a multi-row VALUES list.
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';

type Value = string | number | null;

/** A PostgreSQL array literal: every element quoted (so commas, spaces and quotes are safe), NULL for null. */
export function pgArray(values: readonly Value[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

export interface SessionRow {
  id: string;
  activityId: string;
  organisationId: string;
  date: string;
  status: 'held' | 'cancelled';
  cancelReason: string;
  hours: number;
  volunteers: number;
  volunteerHours: number;
  /** Principle keys (they hold no comma). */
  principles: string[];
  headcount: number;
}

export async function insertSessions(ctx: ServiceContext, rows: readonly SessionRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof SessionRow>(k: K, f: (v: SessionRow[K]) => Value = (v) => v as Value) => pgArray(rows.map((r) => f(r[k])));
  await ctx.db.execute(sql`
    insert into reach_sessions (id, tenant_id, activity_id, organisation_id, date, status, cancel_reason, hours, volunteers, volunteer_hours, principles, headcount, source)
    select x.id, ${ctx.tenant}, x.a, x.o, x.d, x.st, x.cr, x.h, x.v, x.vh, string_to_array(x.pr, ','), x.hc, 'demo'
    from unnest(${col('id')}::uuid[], ${col('activityId')}::uuid[], ${col('organisationId')}::uuid[], ${col('date')}::date[], ${col('status')}::text[],
                ${col('cancelReason')}::text[], ${col('hours')}::numeric[], ${col('volunteers')}::int[], ${col('volunteerHours')}::numeric[],
                ${col('principles', (p) => p.join(','))}::text[], ${col('headcount')}::int[])
      as x(id, a, o, d, st, cr, h, v, vh, pr, hc)`);
}

export interface AttendanceRow {
  sessionId: string;
  /** The pseudonym, hex. */
  pseudonym: string;
  activityId: string;
  organisationId: string;
  date: string;
  birthYear: number | null;
  wijkCode: string | null;
  /** Target-group keys (they hold no comma). */
  targetGroups: string[];
}

export async function insertAttendance(ctx: ServiceContext, rows: readonly AttendanceRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <K extends keyof AttendanceRow>(k: K, f: (v: AttendanceRow[K]) => Value = (v) => v as Value) => pgArray(rows.map((r) => f(r[k])));
  const query: SQL = sql`
    insert into reach_attendance (tenant_id, session_id, pseudonym, activity_id, organisation_id, date, birth_year, wijk_code, target_groups)
    select ${ctx.tenant}, x.s, decode(x.p, 'hex'), x.a, x.o, x.d, x.b, x.w, string_to_array(x.tg, ',')
    from unnest(${col('sessionId')}::uuid[], ${col('pseudonym')}::text[], ${col('activityId')}::uuid[], ${col('organisationId')}::uuid[], ${col('date')}::date[],
                ${col('birthYear')}::smallint[], ${col('wijkCode')}::text[], ${col('targetGroups', (t) => t.join(','))}::text[])
      as x(s, p, a, o, d, b, w, tg)
    on conflict do nothing`;
  const result = (await ctx.db.execute(query)) as unknown as { rowCount?: number | null; affectedRows?: number };
  return Number(result.rowCount ?? result.affectedRows ?? rows.length);
}
