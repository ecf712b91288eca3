// Storing the valid rows of one file, inside the caller's transaction (all or nothing): sessions are upserted
// (held, source 'import'), identified visits inserted with ON CONFLICT DO NOTHING (a re-imported or overlapping file
// never counts a resident twice for a session), and each session's `imported_anonymous` is set to this file's
// anonymous rows for it (replaced, not added). Batches use unnest over arrays, so 100,000 rows are a few statements.
import { sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { pseudonymKeys } from './keys.ts';
import { pseudonymOf } from './identity.ts';
import type { ActivityInfo, ValidRow } from './import-validate.ts';

const BATCH = 5000;

/** Backslash and double quote escaped (most values — ids, dates, hex — have neither: returned as they are). */
const escapeElement = (t: string) => (/[\\"]/.test(t) ? t.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : t);

/** A PostgreSQL array literal of text values (cast it in SQL: `${pgArray(xs)}::uuid[]`). Portable over both drivers. */
export function pgArray(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${escapeElement(String(v))}"`)).join(',')}}`;
}

export interface WriteInput {
  organisationId: string;
  importId: string | null;
  createdBy: string | null;
  source: 'import' | 'api';
  rows: ValidRow[];
  activities: Map<string, ActivityInfo>;
}

export interface WriteResult {
  /** New identified visits, plus anonymous visits beyond what the last import of the same sessions held. */
  newVisits: number;
  newSessions: number;
  /** Rows naming a resident already named for the same session earlier in the file. */
  duplicateRows: number;
}

/** Writes the rows with `tx` (a transaction's context). `onProgress(done, total)` after each batch of visits. */
export async function writeRows(tx: ServiceContext, input: WriteInput, onProgress?: (done: number, total: number) => void): Promise<WriteResult> {
  const now = tx.now();
  // Sessions of the file and their anonymous rows.
  const sessions = new Map<string, { activityId: string; date: string; anonymous: number }>();
  for (const r of input.rows) {
    const key = `${r.activityId}|${r.date}`;
    let s = sessions.get(key);
    if (!s) sessions.set(key, (s = { activityId: r.activityId, date: r.date, anonymous: 0 }));
    if (r.identifier === null) s.anonymous++;
  }
  const list = [...sessions.values()];
  let newSessions = 0;
  const ids = new Map<string, { id: string; organisationId: string; anonymousBefore: number }>();
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    const a = pgArray(part.map((s) => s.activityId));
    const d = pgArray(part.map((s) => s.date));
    const h = pgArray(part.map((s) => input.activities.get(s.activityId)?.hours ?? 0));
    const inserted = await queryRows<{ id: string }>(
      tx.db,
      sql`insert into reach_sessions (tenant_id, activity_id, organisation_id, date, status, hours, source, created_by, created_at, updated_at)
          select ${tx.tenant}, p.a, ${input.organisationId}::uuid, p.d, 'held', p.h, ${input.source}, ${input.createdBy}::uuid, ${now}, ${now}
          from unnest(${a}::uuid[], ${d}::date[], ${h}::numeric[]) as p(a, d, h)
          on conflict (tenant_id, activity_id, date) do nothing
          returning id`,
    );
    newSessions += inserted.length;
    const found = await queryRows<{ id: string; activity_id: string; date: string; organisation_id: string; imported_anonymous: number }>(
      tx.db,
      sql`select s.id, s.activity_id, s.date::text as date, s.organisation_id, s.imported_anonymous from reach_sessions s
          join unnest(${a}::uuid[], ${d}::date[]) as p(a, d) on s.activity_id = p.a and s.date = p.d
          where s.tenant_id = ${tx.tenant}`,
    );
    for (const f of found) ids.set(`${f.activity_id}|${f.date}`, { id: f.id, organisationId: f.organisation_id, anonymousBefore: Number(f.imported_anonymous) });
  }

  // Identified visits: one per resident and session (the first row wins), pseudonymised here, never stored in clear.
  const keys = pseudonymKeys(tx.tenant);
  const seen = new Set<string>();
  const visits: { sessionKey: string; row: ValidRow }[] = [];
  let duplicateRows = 0;
  for (const r of input.rows) {
    if (r.identifier === null) continue;
    const sessionKey = `${r.activityId}|${r.date}`;
    const k = `${sessionKey}|${r.identifier}`;
    if (seen.has(k)) {
      duplicateRows++;
      continue;
    }
    seen.add(k);
    visits.push({ sessionKey, row: r });
  }
  seen.clear();
  // In date and session order: consecutive rows then land on the same pages of the table's indexes (a file usually
  // lists its sessions in turn). Which row wins for a resident is settled above, so the order changes no outcome.
  const bySession = new Map<string, typeof visits>();
  for (const v of visits) {
    const list = bySession.get(v.sessionKey);
    if (list) list.push(v);
    else bySession.set(v.sessionKey, [v]);
  }
  const sessionOrder = [...bySession.keys()].sort((x, y) => {
    const dx = x.slice(x.indexOf('|') + 1);
    const dy = y.slice(y.indexOf('|') + 1);
    return dx < dy ? -1 : dx > dy ? 1 : x < y ? -1 : x > y ? 1 : 0;
  });
  visits.length = 0;
  for (const k of sessionOrder) for (const v of bySession.get(k)!) visits.push(v);
  // One statement per batch. The next batch (its pseudonyms: HMAC) is prepared while the database stores this one.
  const statement = (i: number) => {
    const part = visits.slice(i, i + BATCH);
    const sess = part.map((v) => ids.get(v.sessionKey)!);
    return sql`with ins as (
            insert into reach_attendance (tenant_id, session_id, pseudonym, activity_id, organisation_id, date, birth_year, wijk_code, target_groups, import_id, created_at)
            select ${tx.tenant}, p.s, decode(p.p, 'hex'), p.a, p.o, p.d, p.y, p.w, case when p.t = '' then '{}'::text[] else string_to_array(p.t, ',') end, ${input.importId}::uuid, ${now}
            from unnest(${pgArray(sess.map((s) => s.id))}::uuid[], ${pgArray(part.map((v) => pseudonymOf(tx.tenant, v.row.identifier!, keys).toString('hex')))}::text[],
                        ${pgArray(part.map((v) => v.row.activityId))}::uuid[], ${pgArray(sess.map((s) => s.organisationId))}::uuid[], ${pgArray(part.map((v) => v.row.date))}::date[],
                        ${pgArray(part.map((v) => v.row.birthYear))}::smallint[], ${pgArray(part.map((v) => v.row.wijkCode))}::text[], ${pgArray(part.map((v) => v.row.targetGroups.join(',')))}::text[])
                 as p(s, p, a, o, d, y, w, t)
            on conflict do nothing
            returning 1)
          select count(*)::int as n from ins`;
  };
  let newVisits = 0;
  let next = visits.length ? statement(0) : null;
  for (let i = 0; i < visits.length; i += BATCH) {
    const pending = queryRows<{ n: number }>(tx.db, next!);
    pending.catch(() => undefined); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    await new Promise((resolve) => setImmediate(resolve)); // let the driver send it
    next = i + BATCH < visits.length ? statement(i + BATCH) : null;
    const [row] = await pending;
    newVisits += Number(row?.n ?? 0);
    onProgress?.(Math.min(i + BATCH, visits.length), visits.length);
  }

  // Anonymous visits: this file's count per session replaces the last import's (so re-importing adds nothing).
  for (let i = 0; i < list.length; i += BATCH) {
    const part = list.slice(i, i + BATCH);
    await tx.db.execute(
      sql`update reach_sessions s set imported_anonymous = p.n, updated_at = ${now}
          from unnest(${pgArray(part.map((x) => ids.get(`${x.activityId}|${x.date}`)!.id))}::uuid[], ${pgArray(part.map((x) => x.anonymous))}::int[]) as p(id, n)
          where s.tenant_id = ${tx.tenant} and s.id = p.id`,
    );
  }
  // New anonymous visits: what this file adds over the last import of the same sessions.
  const newAnonymous = list.reduce((n, x) => n + Math.max(0, x.anonymous - ids.get(`${x.activityId}|${x.date}`)!.anonymousBefore), 0);
  if (!visits.length) onProgress?.(0, 0);
  return { newVisits: newVisits + newAnonymous, newSessions, duplicateRows };
}
