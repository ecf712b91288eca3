// The catalogue ("sociale kaart"): partner staff manage their organisation's activities; everyone searches the published ones.
// Ranking is the same for every organisation: text relevance, then a neutral tiebreak (first date, title, id).
import { and, asc, desc, eq, getTableColumns, inArray, isNull, lt, or, gt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { activities } from './schema.ts';
import { activityInput, pageInput, searchFilters, type ActivityInput, type ActivityView, type Occurrence, type PageInput, type SearchFilters } from './types.ts';
import { deriveSchedule, occurrences, utcToLocal, localToUtc, dayNumber } from './schedule.ts';
import { invalidateExports } from './export.ts';
import { searchTextQuery } from './text-query.ts';
import { columnsFor, dedupe, fieldLabelKeys, labelled, parse, referenceErrors, shapeErrors, wellFormedParts } from './input.ts';
import { loadRefs, cachedRefs } from './refs.ts';
import { AppError, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { cachedResult, invalidate, tag } from '../../platform/cache.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { managesActivityOf } from './policy.ts';
import { getOrganisationNames, organisationExists, organisationsTag } from '../network/service.ts';
import { getLocationSummaries, locationsTag } from '../places/service.ts';
import { frameworkTag } from '../framework/service.ts';

export { columnsFor, fieldLabelKeys, labelled };
export { deliversActivity, getActivitySummaries, listActivitySummaries, type ActivitySummary } from './delivery.ts';

const { searchVector: _sv, ...viewColumns } = getTableColumns(activities);
type Row = Omit<typeof activities.$inferSelect, 'searchVector'>;

// ------------------------------------------------------------------ access

const isAdmin = (ctx: ServiceContext) => hasRole(ctx.actor, 'administrator');

const requireManager = (ctx: ServiceContext) => requireRole(ctx, 'partner_staff', 'administrator');

/** May the actor manage activities of this organisation? Administrators: all; partner staff: their own. */
export function canManageActivity(ctx: ServiceContext, organisationId: string): boolean {
  return managesActivityOf(ctx.actor, organisationId);
}

async function rowById(ctx: ServiceContext, id: string): Promise<Row | null> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await ctx.db
    .select(viewColumns)
    .from(activities)
    .where(and(eq(activities.tenantId, ctx.tenant), eq(activities.id, id)));
  return row ?? null;
}

/** The row, if the actor may manage it; otherwise "not found" (no existence leak). */
async function rowForManage(ctx: ServiceContext, id: string): Promise<Row> {
  requireManager(ctx);
  const row = await rowById(ctx, id);
  if (!row || !canManageActivity(ctx, row.organisationId)) throw notFound();
  return row;
}

// ------------------------------------------------------------------ views

function toView(r: Row, orgName: string): ActivityView {
  return {
    id: r.id,
    organisationId: r.organisationId,
    organisationName: orgName,
    partnerOrganisationIds: r.partnerOrganisationIds,
    partnerOrganisations: [],
    title: r.title,
    description: r.description,
    kind: r.kind,
    themes: r.themes,
    subGoals: r.subGoals,
    principles: r.principles,
    targetGroups: r.targetGroups,
    districtCode: r.districtCode,
    neighbourhoodCode: r.neighbourhoodCode,
    locationId: r.locationId,
    locationName: r.locationName,
    locationAddress: r.locationAddress,
    schedule: { kind: r.scheduleKind, startDate: r.startDate, endDate: r.endDate, startTime: r.startTime, endTime: r.endTime, weekdays: r.weekdays, untilDate: r.untilDate, rrule: r.rrule },
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    lastEndsAt: r.lastEndsAt,
    days: r.days,
    dayparts: r.dayparts,
    costCents: r.costCents,
    free: r.isFree,
    haarlemPas: r.haarlemPas,
    wheelchairAccessible: r.wheelchairAccessible,
    accessibilityDetails: r.accessibilityDetails,
    languages: r.languages,
    howToJoin: r.howToJoin,
    contact: r.contact,
    sensitive: r.sensitive,
    status: r.status,
    publishedAt: r.publishedAt,
    endedAt: r.endedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** Views with organisation names and, for activities at a known place, that place's current name and address. */
async function toViews(ctx: ServiceContext, rows: Row[]): Promise<ActivityView[]> {
  const locationIds = rows.map((r) => r.locationId).filter((x): x is string => !!x);
  const [names, places] = await Promise.all([getOrganisationNames(ctx, [...new Set(rows.flatMap((r) => [r.organisationId, ...r.partnerOrganisationIds]))]), locationIds.length ? getLocationSummaries(ctx, locationIds) : new Map()]);
  return rows.map((r) => {
    const v = { ...toView(r, names.get(r.organisationId) ?? ''), partnerOrganisations: r.partnerOrganisationIds.map((id) => ({ id, name: names.get(id) ?? '' })) };
    const place = r.locationId ? places.get(r.locationId) : undefined;
    return place ? { ...v, locationName: place.name, locationAddress: place.address } : v;
  });
}

// ------------------------------------------------------------------ create and change

/** The cache tag of what is read from activities (shared search results). */
export const activitiesTag = (ctx: ServiceContext) => tag('activities', ctx.tenant);

/** A public search result shows activities, organisation names, places and (on the page) framework labels: a change to any drops it. */
export const searchTags = (ctx: ServiceContext) => [activitiesTag(ctx), organisationsTag(ctx), locationsTag(ctx), frameworkTag(ctx)];

/** A change in one transaction; once it is committed, shared search results are dropped so the next search sees it. */
async function changed<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T>): Promise<T> {
  const result = await inTransaction(ctx, async (tx) => {
    invalidate(tx, activitiesTag(tx));
    return fn(tx);
  });
  invalidateExports(ctx.db);
  return result;
}

/** The organisation an activity is saved for, or the field error that says why not (403 when the actor has none). */
async function organisationFor(ctx: ServiceContext, requested: string | null | undefined, current?: string): Promise<{ id: string } | { error: FieldError }> {
  if (isAdmin(ctx)) {
    const id = requested || current;
    if (!id) return { error: { field: 'organisationId', code: 'required', message: 'validation.required' } };
    if (id !== current && !(await organisationExists(ctx, id))) return { error: { field: 'organisationId', code: 'unknown_reference', message: 'error.unknownOrganisation' } };
    return { id };
  }
  const own = ctx.actor?.organisationId;
  if (!own) throw new AppError('forbidden', 'catalogue.error.noOrganisation');
  if (requested && requested !== own) return { error: { field: 'organisationId', code: 'not_allowed', message: 'catalogue.error.ownOrganisationOnly' } };
  return { id: current ?? own };
}

/** Joint delivery: each partner must be an existing organisation, not the activity's own, and listed once. */
async function partnerErrors(ctx: ServiceContext, ids: string[], own: string | undefined): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const exists = await Promise.all(ids.map((id) => organisationExists(ctx, id)));
  ids.forEach((id, i) => {
    const field = `partnerOrganisationIds.${i}`;
    if (!exists[i]) errors.push({ field, code: 'unknown_reference', message: 'error.unknownOrganisation' });
    else if (id === own) errors.push({ field, code: 'not_allowed', message: 'catalogue.error.partnerIsOwn' });
    else if (ids.indexOf(id) < i) errors.push({ field, code: 'duplicate', message: 'catalogue.error.partnerDuplicate' });
  });
  return errors;
}

/**
 * Checks an input in one pass — its shape, the references to the framework, the place and the organisation — and
 * throws every field error at once; returns what to store. `current`: the organisation of the activity being changed.
 */
async function prepare(ctx: ServiceContext, raw: ActivityInput, current?: string) {
  const parsed = activityInput.safeParse(raw);
  const parts = parsed.success ? parsed.data : wellFormedParts(raw);
  const errors: FieldError[] = parsed.success ? [] : shapeErrors(parsed.error);
  let place: { name: string; address: string; districtCode: string | null } | undefined;
  if (parts.locationId) {
    // A place from the places module: its name and address fill the free-text fields when those are empty.
    place = (await getLocationSummaries(ctx, [parts.locationId])).get(parts.locationId);
    if (!place) errors.push({ field: 'locationId', code: 'unknown_reference', message: 'catalogue.error.unknownLocation' });
  }
  const organisation = await organisationFor(ctx, parts.organisationId, current);
  if ('error' in organisation) errors.push(organisation.error);
  errors.push(...(await partnerErrors(ctx, parts.partnerOrganisationIds, 'id' in organisation ? organisation.id : undefined)));
  const refs = await loadRefs(ctx);
  if (!parsed.success) {
    errors.push(...referenceErrors({ ...parts, districtCode: parts.districtCode || place?.districtCode }, refs).errors);
    const schedule = parts.schedule && deriveSchedule(parts.schedule);
    if (schedule && !schedule.ok) errors.push(...schedule.errors);
    throw invalid(labelled(ctx, dedupe(errors)));
  }
  const data = parsed.data;
  if (place) {
    data.locationName ||= place.name;
    data.locationAddress ||= place.address;
    data.districtCode ||= place.districtCode;
  }
  const { values, errors: refErrors } = columnsFor(data, refs);
  errors.push(...refErrors);
  if (errors.length || 'error' in organisation) throw invalid(labelled(ctx, dedupe(errors)));
  return { data, values: { ...values, partnerOrganisationIds: data.partnerOrganisationIds }, organisationId: organisation.id };
}

/** Every field error the input has, without saving (forms use it to show all problems at once); message keys. */
export async function checkActivityInput(ctx: ServiceContext, raw: ActivityInput): Promise<FieldError[]> {
  requireManager(ctx);
  try {
    await prepare(ctx, raw);
    return [];
  } catch (err) {
    if (err instanceof AppError) return err.fields;
    throw err;
  }
}

/** A new activity, as a draft. */
export async function createActivity(ctx: ServiceContext, raw: ActivityInput): Promise<ActivityView> {
  requireManager(ctx);
  const { values, organisationId } = await prepare(ctx, raw);
  return changed(ctx, async (tx) => {
    const now = tx.now();
    const [row] = await tx.db
      .insert(activities)
      .values({ ...values, tenantId: tx.tenant, organisationId, status: 'draft', createdAt: now, updatedAt: now })
      .returning(viewColumns);
    await recordAudit(tx, { action: 'catalogue.activity_create', subjectType: 'activity', subjectId: row.id, details: { title: row.title, organisationId } });
    return (await toViews(tx, [row]))[0];
  });
}

export async function updateActivity(ctx: ServiceContext, id: string, raw: ActivityInput): Promise<ActivityView> {
  const current = await rowForManage(ctx, id);
  if (current.status === 'ended') throw new AppError('conflict', 'catalogue.error.endedReadOnly');
  const { values, organisationId } = await prepare(ctx, raw, isAdmin(ctx) ? undefined : current.organisationId);
  return changed(ctx, async (tx) => {
    const [row] = await tx.db
      .update(activities)
      .set({ ...values, organisationId, updatedAt: tx.now() })
      .where(and(eq(activities.tenantId, tx.tenant), eq(activities.id, current.id)))
      .returning(viewColumns);
    await recordAudit(tx, { action: 'catalogue.activity_update', subjectType: 'activity', subjectId: row.id, details: { title: row.title } });
    return (await toViews(tx, [row]))[0];
  });
}

async function transition(ctx: ServiceContext, id: string, from: Row['status'], to: Row['status'], message: 'catalogue.error.publishOnlyDraft' | 'catalogue.error.endOnlyPublished') {
  const current = await rowForManage(ctx, id);
  if (current.status !== from) throw new AppError('conflict', message);
  return changed(ctx, async (tx) => {
    const now = tx.now();
    const [row] = await tx.db
      .update(activities)
      .set(to === 'published' ? { status: to, publishedAt: now, updatedAt: now } : { status: to, endedAt: now, updatedAt: now })
      .where(and(eq(activities.tenantId, tx.tenant), eq(activities.id, current.id), eq(activities.status, from)))
      .returning(viewColumns);
    if (!row) throw new AppError('conflict', message);
    await recordAudit(tx, { action: to === 'published' ? 'catalogue.activity_publish' : 'catalogue.activity_end', subjectType: 'activity', subjectId: row.id, details: { title: row.title } });
    return (await toViews(tx, [row]))[0];
  });
}

/** Draft → published: visible in the public catalogue. */
export const publishActivity = (ctx: ServiceContext, id: string) => transition(ctx, id, 'draft', 'published', 'catalogue.error.publishOnlyDraft');
/** Published → ended: off the search results; its page stays, marked as ended. */
export const endActivity = (ctx: ServiceContext, id: string) => transition(ctx, id, 'published', 'ended', 'catalogue.error.endOnlyPublished');

/** One activity. Drafts only for their own organisation (and administrators); others get "not found". */
export async function getActivity(ctx: ServiceContext, id: string): Promise<ActivityView> {
  const row = await rowById(ctx, id);
  if (!row) throw notFound();
  if (row.status === 'draft' && !canManageActivity(ctx, row.organisationId)) throw notFound();
  return (await toViews(ctx, [row]))[0];
}

// ------------------------------------------------------------------ search

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: ActivityView[];
}

/** Checks filter values (unknown theme or district is bad input, not an empty list). */
export async function parseFilters(ctx: ServiceContext, raw: SearchFilters): Promise<z.output<typeof searchFilters>> {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Record<string, unknown>;
  const parsed = searchFilters.safeParse(given);
  const refs = await cachedRefs(ctx);
  const errors: FieldError[] = [];
  const str = (k: string) => (typeof given[k] === 'string' ? (given[k] as string) : undefined);
  if (str('theme') && !refs.themes.some((x) => x.slug === str('theme'))) errors.push({ field: 'theme', message: 'catalogue.error.unknownTheme' });
  if (str('district') && !refs.districts.some((x) => x.code === str('district'))) errors.push({ field: 'district', message: 'error.unknownDistrict' });
  if (str('targetGroup') && !refs.targetGroups.some((x) => x.key === str('targetGroup'))) errors.push({ field: 'targetGroup', message: 'catalogue.error.unknownTargetGroup' });
  if (str('neighbourhood') && !refs.neighbourhoods.some((x) => x.code === str('neighbourhood'))) errors.push({ field: 'neighbourhood', message: 'catalogue.error.unknownNeighbourhood' });
  const fields = labelled(ctx, [...(parsed.success ? [] : shapeErrors(parsed.error)), ...errors]);
  if (fields.length || !parsed.success) throw invalid(fields);
  return parsed.data;
}

/** Activities with an occurrence that ends after `at` (a series without end never is over). */
const notOverBy = (at: Date) => or(isNull(activities.lastEndsAt), gt(activities.lastEndsAt, at))!;

/** Which activities a search covers: these statuses, and with `notPastAt` only those with a date still to come then. */
interface Scope {
  statuses: Row['status'][];
  notPastAt?: Date;
}

function whereFor(ctx: ServiceContext, f: z.output<typeof searchFilters>, scope: Scope): { where: SQL; query: SQL | null } {
  const { statuses } = scope;
  const w: SQL[] = [eq(activities.tenantId, ctx.tenant), statuses.length === 1 ? eq(activities.status, statuses[0]) : inArray(activities.status, statuses)];
  if (scope.notPastAt) w.push(notOverBy(scope.notPastAt));
  const query = f.q ? searchTextQuery(f.q) : null;
  if (query) w.push(sql`${activities.searchVector} @@ ${query}`);
  if (f.theme) w.push(sql`${activities.themes} @> array[${f.theme}]::text[]`);
  if (f.targetGroup) w.push(sql`${activities.targetGroups} @> array[${f.targetGroup}]::text[]`);
  if (f.district) w.push(eq(activities.districtCode, f.district));
  if (f.neighbourhood) w.push(eq(activities.neighbourhoodCode, f.neighbourhood));
  if (f.day) w.push(sql`${activities.days} @> array[${f.day}]::int[]`);
  if (f.timeOfDay) w.push(sql`${activities.dayparts} @> array[${f.timeOfDay}]::text[]`);
  if (f.free !== undefined) w.push(eq(activities.isFree, f.free));
  if (f.haarlemPas) w.push(or(eq(activities.isFree, true), inArray(activities.haarlemPas, ['free', 'reduced']))!);
  if (f.wheelchair !== undefined) w.push(eq(activities.wheelchairAccessible, f.wheelchair));
  if (f.language) w.push(sql`${activities.languages} @> array[${f.language}]::text[]`);
  if (f.organisationId) w.push(eq(activities.organisationId, f.organisationId));
  return { where: and(...w)!, query };
}

async function runSearch(ctx: ServiceContext, f: z.output<typeof searchFilters>, page: z.output<typeof pageInput>, scope: Scope, recentFirst = false): Promise<SearchResult> {
  const { where, query } = whereFor(ctx, f, scope);
  // Level playing field: relevance first, then a neutral order. Never the organisation or its type.
  const order = [
    ...(query ? [desc(sql`ts_rank(${activities.searchVector}, ${query})`)] : []),
    ...(recentFirst ? [desc(activities.updatedAt)] : []),
    asc(activities.startsAt),
    asc(activities.title),
    asc(activities.id),
  ];
  const count = async () => (await ctx.db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(activities).where(where))[0]?.n ?? 0;
  // One round trip with the total on every row. Ranking by relevance reads every match anyway, so the total is a
  // window count; without a text query the page can use the (status, starts_at, title, id) index and stop early,
  // and the total is a separate count that PostgreSQL runs once.
  const totalOf = query ? sql`count(*) over ()` : sql`(select count(*) from ${activities} where ${where})`;
  const found = await ctx.db
    .select({ ...viewColumns, total: totalOf.mapWith(Number) })
    .from(activities)
    .where(where)
    .orderBy(...order)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const rows = found.map(({ total: _t, ...r }) => r as Row);
  // A page past the end has no row to carry the total.
  const total = found.length ? found[0].total : page.page === 1 ? 0 : await count();
  return { total, page: page.page, pageSize: page.pageSize, items: await toViews(ctx, rows) };
}

/** The public catalogue: published activities with a date still to come (a one-off of last month is no offer). */
const publicScope = (ctx: ServiceContext): Scope => ({ statuses: ['published'], notPastAt: ctx.now() });

/**
 * The public catalogue: published activities that are not past, filtered and ranked the same for every organisation.
 * Identical searches share one result for SEARCH_CACHE_SECONDS (the same for every visitor: only published
 * activities); a change to the catalogue through this process drops the shared results at once.
 * The result is shared: callers must not change it.
 */
export async function searchActivities(ctx: ServiceContext, filters: SearchFilters, pageRaw: PageInput = {}): Promise<SearchResult> {
  const f = await parseFilters(ctx, filters);
  const page = parse(ctx, pageInput, pageRaw);
  const key = `catalogue:search:${ctx.tenant}:${JSON.stringify([f, page.page, page.pageSize])}`;
  return cachedResult(ctx.db, key, searchTags(ctx), () => runSearch(ctx, f, page, publicScope(ctx)));
}

/** Activities the actor manages (every status, last changed first): their organisation's, or all for an administrator. */
export async function listManagedActivities(ctx: ServiceContext, filters: SearchFilters = {}, pageRaw: PageInput = {}): Promise<SearchResult> {
  requireManager(ctx);
  const f = await parseFilters(ctx, filters);
  const page = parse(ctx, pageInput, pageRaw);
  if (!isAdmin(ctx)) {
    if (!ctx.actor?.organisationId) return { total: 0, page: page.page, pageSize: page.pageSize, items: [] };
    f.organisationId = ctx.actor.organisationId;
  }
  return runSearch(ctx, f, page, { statuses: ['draft', 'published', 'ended'] }, true);
}

/** Every activity of the public catalogue matching the filters, for exports (capped). */
export async function exportActivities(ctx: ServiceContext, filters: SearchFilters, max = 20_000): Promise<ActivityView[]> {
  const f = await parseFilters(ctx, filters);
  return (await runSearch(ctx, f, { page: 1, pageSize: max }, publicScope(ctx))).items;
}

/** Published activities at a location with their occurrences in [from, to): the shared programme of a place. */
export async function listActivitiesForLocation(ctx: ServiceContext, locationId: string, window: { from: Date; to: Date }): Promise<{ activity: ActivityView; occurrences: Occurrence[] }[]> {
  if (!/^[0-9a-f-]{36}$/i.test(locationId)) return [];
  const rows = await ctx.db
    .select(viewColumns)
    .from(activities)
    .where(
      and(
        eq(activities.tenantId, ctx.tenant),
        eq(activities.locationId, locationId),
        eq(activities.status, 'published'),
        lt(activities.startsAt, window.to),
        notOverBy(window.from),
      ),
    )
    .orderBy(asc(activities.startsAt), asc(activities.title), asc(activities.id));
  const views = await toViews(ctx, rows);
  return views
    .map((activity) => ({ activity, occurrences: occurrences(activity.schedule, window.from, window.to) }))
    .filter((x) => x.occurrences.length > 0)
    .sort((a, b) => a.occurrences[0].start.getTime() - b.occurrences[0].start.getTime() || a.activity.title.localeCompare(b.activity.title, 'nl'));
}

/** Whether every date of a published activity lies before `now` (its page stays, the search leaves it out). */
export const isPast = (a: Pick<ActivityView, 'lastEndsAt'>, now: Date) => a.lastEndsAt !== null && a.lastEndsAt.getTime() <= now.getTime();

/** Upcoming occurrences of one activity (for its page). */
export function upcomingOccurrences(a: ActivityView, now: Date, n = 5): Occurrence[] {
  return occurrences(a.schedule, now, new Date(now.getTime() + 400 * 86_400_000), n);
}

// ------------------------------------------------------------------ for accountability (reach: sessions)

export type { ActivityView } from './types.ts';

/** The local (Amsterdam) calendar date of an instant, YYYY-MM-DD. */
export const localDateOf = (at: Date): string => utcToLocal(at).date;

/** Local dates (YYYY-MM-DD) of an activity's occurrences that start on a day from `from` to `to` (both included). */
export function occurrenceDates(a: Pick<ActivityView, 'schedule'>, from: string, to: string): string[] {
  if (dayNumber(to) < dayNumber(from)) return [];
  const start = localToUtc(from, '00:00');
  const end = localToUtc(to, '23:59');
  const dates = occurrences(a.schedule, start, new Date(end.getTime() + 60_000), 400).map((o) => utcToLocal(o.start).date);
  return [...new Set(dates)].filter((d) => d >= from && d <= to);
}

/** Hours of one occurrence (end time − start time; past midnight counts on). */
export function occurrenceHours(a: Pick<ActivityView, 'schedule'>): number {
  const mins = (t: string) => {
    const [h, m] = t.split(':').map(Number);
    return h * 60 + m;
  };
  let d = mins(a.schedule.endTime) - mins(a.schedule.startTime);
  if (d <= 0) d += 24 * 60;
  return Math.round((d / 60) * 100) / 100;
}

/**
 * Activities an organisation delivers, as owner or as one of its partner organisations (not drafts), by title.
 * Access is the caller's: the reach module checks that the actor registers for `organisationId`.
 */
export async function listDeliveredActivities(ctx: ServiceContext, organisationId: string): Promise<ActivityView[]> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organisationId)) return [];
  const rows = await ctx.db
    .select(viewColumns)
    .from(activities)
    .where(
      and(
        eq(activities.tenantId, ctx.tenant),
        sql`${activities.status} <> 'draft'`,
        or(eq(activities.organisationId, organisationId), sql`${activities.partnerOrganisationIds} @> array[${organisationId}]::uuid[]`),
      ),
    )
    .orderBy(asc(activities.title), asc(activities.id));
  return toViews(ctx, rows);
}
