// Level 1: delivered as planned. Per plan entry (organisation × crucial activity of the year's plans): planned
// sessions and hours against held sessions and hours, summed per organisation, theme, sub-goal, district (of the
// activity) and period, with deviations beyond DEVIATION_THRESHOLD marked, and the organisation's explanation.
// Sessions and hours are not counts of people: the small-cell rule does not apply to them.
import { and, eq, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { notFound, parseChecked } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { getOrganisationNames, isStaffOf } from '../network/service.ts';
import { reportScope, activityMeta, matchingActivities, type ReportFiltersInput, type ReportFilters } from './report-filters.ts';
import { sessionGroups } from './report-query.ts';
import { reachExplanations } from './schema.ts';
import type { Disclosure } from './disclosure.ts';
import { localeOf, dateFormat } from '../../platform/i18n/intl.ts';

/** A deviation: delivered more than this fraction under or over plan. Said on the page. */
export const DEVIATION_THRESHOLD = 0.1;

export type Deviation = 'under' | 'over' | null;
export const deviationOf = (planned: number, delivered: number): Deviation => {
  if (planned <= 0) return delivered > 0 ? 'over' : null;
  const d = (delivered - planned) / planned;
  return d < -DEVIATION_THRESHOLD ? 'under' : d > DEVIATION_THRESHOLD ? 'over' : null;
};

export interface DeliveryFigures {
  plannedSessions: number;
  heldSessions: number;
  cancelledSessions: number;
  plannedHours: number;
  heldHours: number;
  deviation: Deviation;
}

export interface DeliveryRow extends DeliveryFigures {
  activityId: string;
  activityTitle: string;
  organisationId: string;
  organisationName: string;
  themes: string[];
  /** The sub-goals the entry serves (its plan entry's and its activity's), sorted. */
  subGoals: string[];
  explanation: string;
  /** The reader may write this row's explanation (staff of its organisation). */
  mayExplain: boolean;
}

export interface DeliverySummaryRow extends DeliveryFigures {
  key: string;
  label: string;
}

export interface DeliveryReport {
  filters: ReportFilters;
  disclosure: Disclosure;
  threshold: number;
  total: DeliveryFigures;
  rows: DeliveryRow[];
  byOrganisation: DeliverySummaryRow[];
  byTheme: DeliverySummaryRow[];
  bySubGoal: DeliverySummaryRow[];
  byDistrict: DeliverySummaryRow[];
  byQuarter: DeliverySummaryRow[];
  byMonth: DeliverySummaryRow[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const figures = (ps: number, hs: number, cs: number, ph: number, hh: number): DeliveryFigures => ({
  plannedSessions: round2(ps),
  heldSessions: hs,
  cancelledSessions: cs,
  plannedHours: round2(ph),
  heldHours: round2(hh),
  deviation: deviationOf(ps > 0 ? ps : ph, ps > 0 ? hs : hh),
});

interface EntryRow {
  activity_id: string;
  organisation_id: string;
  theme_slug: string;
  planned_sessions: number;
  planned_hours: number;
  sub_goals: string[];
}

export async function deliveryReport(ctx: ServiceContext, raw: ReportFiltersInput): Promise<DeliveryReport> {
  const scope = await reportScope(ctx, raw);
  const { filters: f, from, to, refs } = scope;
  const meta = await activityMeta(ctx, f.year, from, to);
  const metaById = new Map(meta.map((a) => [a.id, a]));
  const entries = await queryRows<EntryRow>(
    ctx.db,
    sql`select e.activity_id, e.organisation_id, p.theme_slug, e.planned_sessions, e.planned_hours::float8 as planned_hours, e.sub_goals
        from reach_plan_entries e join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id
        where e.tenant_id = ${ctx.tenant} and p.year = ${f.year}`,
  );
  // Entries of the same activity and organisation in two theme plans are one delivery (sessions are counted once).
  const byKey = new Map<string, { activityId: string; organisationId: string; themes: Set<string>; subGoals: Set<string>; ps: number; ph: number }>();
  for (const e of entries) {
    const a = metaById.get(e.activity_id);
    if (f.theme && e.theme_slug !== f.theme) continue;
    if (f.subGoal && !e.sub_goals.includes(f.subGoal) && !a?.subGoals.includes(f.subGoal)) continue;
    if (f.activity && e.activity_id !== f.activity) continue;
    if (f.organisation && e.organisation_id !== f.organisation) continue;
    if (f.district && a?.districtCode !== f.district) continue;
    const k = `${e.activity_id}|${e.organisation_id}`;
    const cur = byKey.get(k) ?? { activityId: e.activity_id, organisationId: e.organisation_id, themes: new Set<string>(), subGoals: new Set<string>(), ps: 0, ph: 0 };
    cur.themes.add(e.theme_slug);
    for (const g of [...e.sub_goals, ...(a?.subGoals ?? [])]) cur.subGoals.add(g);
    cur.ps = Math.max(cur.ps, Number(e.planned_sessions));
    cur.ph = Math.max(cur.ph, Number(e.planned_hours));
    byKey.set(k, cur);
  }
  const activityIds = matchingActivities(meta, f);
  const sessions = await sessionGroups(ctx, { filters: f, from, to, activityIds, meta });
  // The share of the year the date range covers (planned figures are for the whole year).
  const days = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86_400_000;
  const yearDays = days(`${f.year}-12-31`) - days(`${f.year}-01-01`) + 1;
  const share = (days(to) - days(from) + 1) / yearDays;

  const explanations = await ctx.db
    .select()
    .from(reachExplanations)
    .where(and(eq(reachExplanations.tenantId, ctx.tenant), eq(reachExplanations.year, f.year)));
  const explanationOf = new Map(explanations.map((x) => [`${x.activityId}|${x.organisationId}`, x.text]));
  const names = await getOrganisationNames(ctx, [...new Set([...byKey.values()].map((e) => e.organisationId))]);

  type Acc = { ps: number; hs: number; cs: number; ph: number; hh: number };
  const acc = new Map<string, Acc>();
  const add = (key: string, v: Acc) => {
    const cur = acc.get(key) ?? { ps: 0, hs: 0, cs: 0, ph: 0, hh: 0 };
    acc.set(key, { ps: cur.ps + v.ps, hs: cur.hs + v.hs, cs: cur.cs + v.cs, ph: cur.ph + v.ph, hh: cur.hh + v.hh });
  };
  // The session groups of each plan entry (activity × organisation), looked up once instead of per entry.
  const sessionsOf = new Map<string, typeof sessions>();
  for (const s of sessions) {
    const k = `${s.activityId}|${s.organisationId}`;
    const list = sessionsOf.get(k);
    if (list) list.push(s);
    else sessionsOf.set(k, [s]);
  }
  const rows: DeliveryRow[] = [];
  for (const [k, e] of byKey) {
    const own = sessionsOf.get(k) ?? [];
    const hs = own.reduce((a, s) => a + s.held, 0);
    const cs = own.reduce((a, s) => a + s.cancelled, 0);
    const hh = own.reduce((a, s) => a + s.hours, 0);
    const v = { ps: e.ps * share, hs, cs, ph: e.ph * share, hh };
    const a = metaById.get(e.activityId);
    add('total', v);
    add(`organisation:${e.organisationId}`, v);
    for (const t of e.themes) add(`theme:${t}`, v);
    for (const g of e.subGoals) add(`subGoal:${g}`, v);
    add(`district:${a?.districtCode ?? ''}`, v);
    for (let m = 1; m <= 12; m++) {
      const inMonth = own.filter((s) => s.month === m);
      const mv = { ps: e.ps / 12, hs: inMonth.reduce((x, s) => x + s.held, 0), cs: inMonth.reduce((x, s) => x + s.cancelled, 0), ph: e.ph / 12, hh: inMonth.reduce((x, s) => x + s.hours, 0) };
      add(`month:${m}`, mv);
      add(`quarter:${Math.ceil(m / 3)}`, mv);
    }
    rows.push({
      activityId: e.activityId,
      activityTitle: a?.title ?? e.activityId,
      organisationId: e.organisationId,
      organisationName: names.get(e.organisationId) ?? e.organisationId,
      themes: [...e.themes],
      subGoals: [...e.subGoals].sort(),
      explanation: explanationOf.get(`${e.activityId}|${e.organisationId}`) ?? '',
      mayExplain: isStaffOf(ctx.actor, e.organisationId),
      ...figures(v.ps, v.hs, v.cs, v.ph, v.hh),
    });
  }
  rows.sort((x, y) => x.organisationName.localeCompare(y.organisationName, 'nl') || x.activityTitle.localeCompare(y.activityTitle, 'nl'));
  const summary = (prefix: string, items: { key: string; label: string }[]): DeliverySummaryRow[] =>
    items.flatMap((i) => {
      const v = acc.get(`${prefix}:${i.key}`);
      return v ? [{ key: i.key, label: i.label, ...figures(v.ps, v.hs, v.cs, v.ph, v.hh) }] : [];
    });
  const t = acc.get('total') ?? { ps: 0, hs: 0, cs: 0, ph: 0, hh: 0 };
  const monthName = (m: number) => dateFormat(localeOf(ctx.lang), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return {
    filters: f,
    disclosure: scope.disclosure,
    threshold: DEVIATION_THRESHOLD,
    total: figures(t.ps, t.hs, t.cs, t.ph, t.hh),
    rows,
    byOrganisation: summary('organisation', [...new Set(rows.map((r) => r.organisationId))].map((id) => ({ key: id, label: names.get(id) ?? id }))),
    byTheme: summary('theme', refs.themes.map((x) => ({ key: x.slug, label: x.name }))),
    bySubGoal: summary('subGoal', refs.subGoals.map((x) => ({ key: x.key, label: `${x.key} ${x.text}` }))),
    byDistrict: summary('district', [...refs.districts.map((d) => ({ key: d.code, label: d.name })), { key: '', label: ctx.lang === 'nl' ? 'Geen stadsdeel' : 'No district' }]),
    byQuarter: f.from || f.to ? [] : summary('quarter', [1, 2, 3, 4].map((q) => ({ key: String(q), label: `Q${q}` }))),
    byMonth: f.from || f.to ? [] : summary('month', Array.from({ length: 12 }, (_, i) => ({ key: String(i + 1), label: monthName(i + 1) }))),
  };
}

export const explanationInput = z.object({ text: z.string().trim().max(4000) });
const explanationKey = z.object({ activityId: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) });

/**
 * The organisation's explanation of a deviation, per activity and year: written by the staff of the organisation
 * that has the activity in its plan or registered its sessions; anyone else gets "not found". Empty text deletes it.
 */
export async function saveExplanation(ctx: ServiceContext, key: { activityId: string; year: number | string }, raw: unknown): Promise<{ activityId: string; year: number; organisationId: string; text: string }> {
  const k = explanationKey.safeParse(key);
  if (!k.success) throw notFound();
  const orgId = ctx.actor?.organisationId;
  if (!orgId || !isStaffOf(ctx.actor, orgId)) throw notFound();
  const { activityId, year } = k.data;
  const linked = await queryRows<{ n: number }>(
    ctx.db,
    sql`select (select count(*) from reach_plan_entries e join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id
                where e.tenant_id = ${ctx.tenant} and e.activity_id = ${activityId} and e.organisation_id = ${orgId} and p.year = ${year})
         + (select count(*) from reach_sessions s where s.tenant_id = ${ctx.tenant} and s.activity_id = ${activityId} and s.organisation_id = ${orgId}
                and s.date between ${`${year}-01-01`} and ${`${year}-12-31`}) as n`,
  );
  if (Number(linked[0]?.n ?? 0) === 0) throw notFound();
  const input = await parseChecked(explanationInput, raw, () => []);
  return inTransaction(ctx, async (tx) => {
    const where = and(eq(reachExplanations.tenantId, tx.tenant), eq(reachExplanations.organisationId, orgId), eq(reachExplanations.activityId, activityId), eq(reachExplanations.year, year));
    if (input.text === '') await tx.db.delete(reachExplanations).where(where);
    else
      await tx.db
        .insert(reachExplanations)
        .values({ tenantId: tx.tenant, organisationId: orgId, activityId, year, text: input.text, updatedBy: tx.actor?.userId || null })
        .onConflictDoUpdate({ target: [reachExplanations.tenantId, reachExplanations.organisationId, reachExplanations.activityId, reachExplanations.year], set: { text: input.text, updatedBy: tx.actor?.userId || null, updatedAt: tx.now() } });
    await recordAudit(tx, { action: 'reach.explanation_save', subjectType: 'activity', subjectId: activityId, details: { year, organisationId: orgId, length: input.text.length } });
    return { activityId, year, organisationId: orgId, text: input.text };
  });
}
