// Level 2: the reach report. Unique residents (count of distinct pseudonyms), visits (identified + headcount +
// imported anonymous, held sessions only), sessions held and cancelled, planned reach from the plan targets, and
// realised vs planned per theme, sub-goal, target group (of the participant), district and wijk (of residence;
// a visitor without a known wijk, and every anonymous visit, counts under the activity's district and "wijk
// onbekend"), month and quarter, and per organisation with the overlap: residents reached by more than one
// organisation. The small-cell rule (disclosure.ts) is applied for the reader before anything leaves this file.
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { reportScope, activityMeta, matchingActivities, type ReportFiltersInput, type ReportFilters } from './report-filters.ts';
import { attendanceFigures, sessionGroups, organisationsInRange, planTargets, plannedFor, UNKNOWN, type Dim, type AttendanceScope } from './report-query.ts';
import { discloseCount, discloseColumn, type Count, type Disclosure } from './disclosure.ts';
import { getOrganisationNames } from '../network/service.ts';
import { localeOf, dateFormat } from '../../platform/i18n/intl.ts';

export interface BreakdownRow {
  key: string;
  label: string;
  residents: Count;
  visits: Count;
  /** Planned unique residents (plan figures, not counts of people: never suppressed); null when the plan has no such figure. */
  planned: number | null;
}

export interface OrganisationRow {
  organisationId: string;
  name: string;
  residents: Count;
  visits: Count;
  /** Of this organisation's residents: those also reached by another organisation. */
  alsoReachedByOthers: Count;
  sessionsHeld: number;
  planned: number | null;
}

export type BreakdownName = 'theme' | 'subGoal' | 'targetGroup' | 'district' | 'wijk' | 'month' | 'quarter';
export const breakdownNames: BreakdownName[] = ['theme', 'subGoal', 'targetGroup', 'district', 'wijk', 'month', 'quarter'];

export interface ReachReport {
  filters: ReportFilters;
  from: string;
  to: string;
  disclosure: Disclosure;
  uniqueResidents: Count;
  visits: Count;
  identifiedVisits: Count;
  anonymousVisits: Count;
  sessions: number;
  sessionsCancelled: number;
  plannedReach: number | null;
  /** Residents reached by two or more organisations. */
  overlap: Count;
  organisations: OrganisationRow[];
  breakdowns: Record<BreakdownName, BreakdownRow[]>;
}

const QUARTERS = [1, 2, 3, 4];
/** One collator for the sort (what `localeCompare(…, 'nl')` does, without building one per comparison). */
const byDutchName = new Intl.Collator('nl');

/** The reach report for the reader (`ctx.actor`), with the small-cell rule applied unless the figures are the reader's own. */
export async function reachReport(ctx: ServiceContext, raw: ReportFiltersInput): Promise<ReachReport> {
  const scope = await reportScope(ctx, raw);
  const { filters: f, refs, from, to } = scope;
  const exact = scope.disclosure.exact;
  // Independent reads side by side (on PostgreSQL each on its own connection of the pool; PGlite runs them in turn;
  // inside a transaction one after another: one connection takes one query at a time).
  const [meta, orgIds, targets] = await sideBySide(ctx, [() => activityMeta(ctx, f.year, from, to), () => organisationsInRange(ctx, from, to), () => planTargets(ctx, f.year)]);
  const activityIds = matchingActivities(meta, f);
  const s: AttendanceScope = { filters: f, from, to, refs, meta, activityIds, orgIds };
  const residentSide = !!(f.wijk || f.targetGroup); // filters that anonymous visits cannot match
  const [figures, sessions] = await sideBySide(ctx, [() => attendanceFigures(ctx, s), () => sessionGroups(ctx, s)]);

  // Unique residents and identified visits per category (one walk over the grouped attendance, report-query.ts);
  // anonymous visits (sessions) are added below, attributed through the activity.
  const { residents, orgOverlap, unique, identified, overlap } = figures;
  const orgCount = { get: (o: string) => residents.get(`organisation:${o}`) };
  const visitCount = figures.visits;
  const addVisits = (dim: Dim, key: string, n: number) => visitCount.set(`${dim}:${key}`, (visitCount.get(`${dim}:${key}`) ?? 0) + n);
  const metaById = new Map(meta.map((a) => [a.id, a]));
  const byActivity = (activityId: string, n: number) => {
    const a = metaById.get(activityId);
    for (const t of a?.themes ?? []) addVisits('theme', t, n);
    for (const g of a?.subGoals ?? []) addVisits('subGoal', g, n);
    addVisits('district', a?.districtCode ?? UNKNOWN, n);
  };
  let anonymous = 0;
  let held = 0;
  let cancelled = 0;
  const heldByOrg = new Map<string, number>();
  for (const g of sessions) {
    held += g.held;
    cancelled += g.cancelled;
    heldByOrg.set(g.organisationId, (heldByOrg.get(g.organisationId) ?? 0) + g.held);
    if (residentSide || g.anonymous === 0) continue;
    anonymous += g.anonymous;
    byActivity(g.activityId, g.anonymous);
    addVisits('wijk', UNKNOWN, g.anonymous);
    addVisits('organisation', g.organisationId, g.anonymous);
    addVisits('month', String(g.month), g.anonymous);
    addVisits('quarter', String(Math.ceil(g.month / 3)), g.anonymous);
  }

  // Planned reach: the plan targets of the entries the filters select.
  const tgt = targets.filter((t) => (!f.theme || t.theme === f.theme) && (!f.subGoal || t.subGoals.includes(f.subGoal)) && (!f.activity || t.activityId === f.activity) && (!f.organisation || t.organisationId === f.organisation));
  const wantBase = { targetGroup: f.targetGroup, district: f.district };
  const planned = f.wijk ? null : plannedFor(tgt, wantBase);

  const table = (dim: BreakdownName, items: { key: string; label: string; planned: number | null }[]): BreakdownRow[] => {
    const rawRes = items.map((i) => residents.get(`${dim}:${i.key}`) ?? 0);
    const rawVis = items.map((i) => visitCount.get(`${dim}:${i.key}`) ?? 0);
    const res = discloseColumn(rawRes, exact);
    const vis = discloseColumn(rawVis, exact);
    return items.map((i, n) => ({ key: i.key, label: i.label, residents: res[n], visits: vis[n], planned: i.planned })).filter((r, n) => rawRes[n] + rawVis[n] > 0 || (r.planned ?? 0) > 0);
  };
  const lang = ctx.lang;
  const monthName = (m: number) => dateFormat(localeOf(lang), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  const unknownLabel = lang === 'nl' ? 'Onbekend' : 'Unknown';
  const plannedWith = (extra: Partial<{ theme: string; subGoal: string; targetGroup: string; district: string }>) => {
    if (f.wijk) return null;
    let rows = tgt;
    if (extra.theme) rows = rows.filter((t) => t.theme === extra.theme);
    if (extra.subGoal) rows = rows.filter((t) => t.subGoals.includes(extra.subGoal!));
    return plannedFor(rows, { targetGroup: extra.targetGroup ?? f.targetGroup, district: extra.district ?? f.district });
  };
  const breakdowns: Record<BreakdownName, BreakdownRow[]> = {
    theme: table('theme', refs.themes.map((t) => ({ key: t.slug, label: t.name, planned: plannedWith({ theme: t.slug }) }))),
    subGoal: table('subGoal', refs.subGoals.map((g) => ({ key: g.key, label: `${g.key} ${g.text}`, planned: plannedWith({ subGoal: g.key }) }))),
    targetGroup: table('targetGroup', refs.targetGroups.map((g) => ({ key: g.key, label: g.name, planned: plannedWith({ targetGroup: g.key }) }))),
    district: table('district', [...refs.districts.map((d) => ({ key: d.code, label: d.name, planned: plannedWith({ district: d.code }) })), { key: UNKNOWN, label: unknownLabel, planned: null }]),
    wijk: table('wijk', [...refs.wijken.map((w) => ({ key: w.code, label: `${w.name} (${w.code})`, planned: null })), { key: UNKNOWN, label: unknownLabel, planned: null }]),
    month: table('month', Array.from({ length: 12 }, (_, i) => ({ key: String(i + 1), label: monthName(i + 1), planned: null }))),
    quarter: table('quarter', QUARTERS.map((q) => ({ key: String(q), label: `Q${q}`, planned: null }))),
  };

  // Per organisation, with the overlap ("also reached by others").
  const orgKeys = [...new Set([...orgIds.filter((o) => (orgCount.get(o) ?? 0) + (visitCount.get(`organisation:${o}`) ?? 0) + (heldByOrg.get(o) ?? 0) > 0)])];
  const names = await getOrganisationNames(ctx, orgKeys);
  const orgRes = discloseColumn(orgKeys.map((o) => orgCount.get(o) ?? 0), exact);
  const orgVis = discloseColumn(orgKeys.map((o) => visitCount.get(`organisation:${o}`) ?? 0), exact);
  const orgOv = discloseColumn(orgKeys.map((o) => orgOverlap.get(o) ?? 0), exact);
  const organisations = orgKeys
    .map((o, i) => ({ organisationId: o, name: names.get(o) ?? o, residents: orgRes[i], visits: orgVis[i], alsoReachedByOthers: orgOv[i], sessionsHeld: heldByOrg.get(o) ?? 0, planned: f.wijk ? null : plannedFor(tgt.filter((t) => t.organisationId === o), wantBase) }))
    .sort((a, b) => byDutchName.compare(a.name, b.name));

  // Visits = identified + anonymous: a table with a total, so one suppressed part hides the other too.
  const visitParts = discloseColumn([identified, anonymous], exact);
  return {
    filters: f,
    from,
    to,
    disclosure: scope.disclosure,
    uniqueResidents: discloseCount(unique, exact),
    visits: discloseCount(identified + anonymous, exact),
    identifiedVisits: visitParts[0],
    anonymousVisits: visitParts[1],
    sessions: held,
    sessionsCancelled: cancelled,
    plannedReach: planned,
    overlap: discloseCount(overlap, exact),
    organisations,
    breakdowns,
  };
}
