// The framework ("kader"): call periods, themes with their versioned text, districts and neighbourhoods.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { callPeriods, themes, themeVersions, districts, neighbourhoods } from './schema.ts';
import { themeContentSchema, type ThemeContent, type PeriodContent } from './types.ts';
import { normalisePeriodContent, normaliseThemeContent } from './normalise.ts';
import { listTargetGroups } from './terms.ts';

export { isCurrentContent } from './normalise.ts';
export { listTargetGroups, getPass, getReport, setThemeLeadIds, type ReportView } from './terms.ts';
import { AppError, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { queryRows } from '../../platform/db/client.ts';
import { cached } from '../../platform/cache.ts';
import { frameworkEntry, invalidateFramework } from './cache-entry.ts';

export { frameworkTag, frameworkEntry, VERSIONED_TTL_MS, invalidateFramework } from './cache-entry.ts';


export interface PeriodView {
  id: string;
  code: string;
  name: string;
  startYear: number;
  endYear: number | null;
  content: PeriodContent;
}

export interface ThemeView extends ThemeContent {
  id: string;
  slug: string;
  position: number;
  version: number;
  period: { code: string; name: string };
  updatedAt: Date;
  updatedBy: string;
}

export interface ThemeVersionSummary {
  version: number;
  changeNote: string;
  createdBy: string;
  createdAt: Date;
}

const periodView = (r: typeof callPeriods.$inferSelect): PeriodView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  startYear: r.startYear,
  endYear: r.endYear,
  content: normalisePeriodContent(r.content),
});

export function listPeriods(ctx: ServiceContext): Promise<PeriodView[]> {
  return cached(ctx.db, frameworkEntry(ctx, ['periods']), () => loadPeriods(ctx));
}

async function loadPeriods(ctx: ServiceContext): Promise<PeriodView[]> {
  const rows = await ctx.db.select().from(callPeriods).where(eq(callPeriods.tenantId, ctx.tenant)).orderBy(desc(callPeriods.startYear));
  return rows.map(periodView);
}

/** The period asked for by code, or the latest one. */
export function getPeriod(ctx: ServiceContext, code?: string): Promise<PeriodView> {
  return cached(ctx.db, frameworkEntry(ctx, ['period', code]), () => loadPeriod(ctx, code));
}

async function loadPeriod(ctx: ServiceContext, code?: string): Promise<PeriodView> {
  const where = code ? and(eq(callPeriods.tenantId, ctx.tenant), eq(callPeriods.code, code)) : eq(callPeriods.tenantId, ctx.tenant);
  const [row] = await ctx.db.select().from(callPeriods).where(where).orderBy(desc(callPeriods.startYear)).limit(1);
  if (!row) throw notFound();
  return periodView(row);
}

function themeSelect(ctx: ServiceContext) {
  return ctx.db
    .select({ theme: themes, version: themeVersions, period: { code: callPeriods.code, name: callPeriods.name } })
    .from(themes)
    .innerJoin(callPeriods, eq(callPeriods.id, themes.callPeriodId))
    .innerJoin(themeVersions, and(eq(themeVersions.themeId, themes.id), eq(themeVersions.version, themes.currentVersion)));
}

type ThemeRow = { theme: typeof themes.$inferSelect; version: typeof themeVersions.$inferSelect; period: { code: string; name: string } };

const themeView = (r: ThemeRow): ThemeView => ({
  ...normaliseThemeContent(r.theme.slug, r.version.content),
  id: r.theme.id,
  slug: r.theme.slug,
  position: r.theme.position,
  version: r.version.version,
  period: r.period,
  updatedAt: r.version.createdAt,
  updatedBy: r.version.createdByLabel,
});

export function listThemes(ctx: ServiceContext, periodCode?: string): Promise<ThemeView[]> {
  return cached(ctx.db, frameworkEntry(ctx, ['themes', periodCode]), () => loadThemes(ctx, periodCode));
}

async function loadThemes(ctx: ServiceContext, periodCode?: string): Promise<ThemeView[]> {
  const period = await getPeriod(ctx, periodCode);
  const rows = await themeSelect(ctx).where(and(eq(themes.tenantId, ctx.tenant), eq(themes.callPeriodId, period.id))).orderBy(asc(themes.position));
  return rows.map(themeView);
}

/** One theme, current text or an earlier version. */
export async function getTheme(ctx: ServiceContext, slug: string, opts: { period?: string; version?: number } = {}): Promise<ThemeView> {
  const current = (await listThemes(ctx, opts.period)).find((t) => t.slug === slug);
  if (!current) throw notFound();
  if (opts.version === undefined || opts.version === current.version) return current;
  if (!Number.isSafeInteger(opts.version) || opts.version < 1 || opts.version > 2_147_483_647) throw notFound(); // beyond the integer column: no such version
  const [old] = await ctx.db
    .select()
    .from(themeVersions)
    .where(and(eq(themeVersions.tenantId, ctx.tenant), eq(themeVersions.themeId, current.id), eq(themeVersions.version, opts.version)));
  if (!old) throw notFound();
  return { ...normaliseThemeContent(current.slug, old.content), id: current.id, slug: current.slug, position: current.position, version: old.version, period: current.period, updatedAt: old.createdAt, updatedBy: old.createdByLabel };
}

export async function listThemeVersions(ctx: ServiceContext, slug: string, periodCode?: string): Promise<ThemeVersionSummary[]> {
  const theme = await getTheme(ctx, slug, { period: periodCode });
  const rows = await ctx.db
    .select({ version: themeVersions.version, changeNote: themeVersions.changeNote, createdBy: themeVersions.createdByLabel, createdAt: themeVersions.createdAt })
    .from(themeVersions)
    .where(and(eq(themeVersions.tenantId, ctx.tenant), eq(themeVersions.themeId, theme.id)))
    .orderBy(desc(themeVersions.version));
  return rows;
}

export const editThemeInput = z.object({
  content: themeContentSchema,
  changeNote: z.string().trim().min(1).min(3).max(1000),
  /** The version the editor started from; a concurrent edit makes this one fail instead of being overwritten. */
  baseVersion: z.number().int().min(1),
});
export type EditThemeInput = z.input<typeof editThemeInput>;

const requireFrameworkEditor = (ctx: ServiceContext) => requireRole(ctx, 'policy_advisor', 'administrator');

/** Saves an edit as a new version. Sub-goal keys stay stable; new sub-goals get new keys. */
export async function editTheme(ctx: ServiceContext, slug: string, raw: EditThemeInput, periodCode?: string): Promise<ThemeView> {
  requireFrameworkEditor(ctx);
  const [districtCodes, groupKeys] = await Promise.all([
    listDistricts(ctx).then((ds) => new Set(ds.map((d) => d.code))),
    listTargetGroups(ctx).then((gs) => new Set(gs.map((g) => g.key))),
  ]);
  // Shape, keys, districts and target groups in one pass: every problem at once.
  const input = await parseChecked(editThemeInput, raw, (p) => (p.content ? themeContentErrors(slug, p.content, districtCodes, groupKeys) : []));
  const saved = await inTransaction(ctx, async (tx) => {
    const current = await getTheme(tx, slug, { period: periodCode });
    const next = current.version + 1;
    const bumped = await tx.db
      .update(themes)
      .set({ currentVersion: next })
      .where(and(eq(themes.id, current.id), eq(themes.currentVersion, input.baseVersion)))
      .returning({ id: themes.id });
    if (bumped.length === 0) throw new AppError('conflict', 'error.editConflict', [{ field: 'baseVersion', message: 'error.editConflict' }]);
    await tx.db.insert(themeVersions).values({
      tenantId: tx.tenant,
      themeId: current.id,
      version: next,
      content: input.content,
      changeNote: input.changeNote,
      createdByUserId: tx.actor!.userId || null,
      createdByLabel: tx.actor!.name,
      createdAt: tx.now(),
    });
    await recordAudit(tx, { action: 'framework.theme_edit', subjectType: 'theme', subjectId: current.id, details: { slug, version: next, changeNote: input.changeNote } });
    return getTheme(tx, slug, { period: periodCode });
  });
  invalidateFramework(ctx);
  return saved;
}

export const startCallPeriodInput = z
  .object({
    code: z.string().trim().min(1).regex(/^\d{4}-(\d{4})?$/, 'validation.periodCode'),
    name: z.string().trim().min(1).min(3).max(200),
    startYear: z.number().int().min(2000).max(2100),
    endYear: z.number().int().min(2000).max(2100).nullable(),
  })
  .refine((p) => p.endYear === null || p.endYear >= p.startYear, { path: ['endYear'], message: 'validation.endBeforeStart' });
export type StartCallPeriodInput = z.input<typeof startCallPeriodInput>;

/**
 * Starts a new call period: the themes of the latest period are copied as version 1 of the new one, to be edited
 * there. The old period and all its versions stay as they were.
 */
export async function startCallPeriod(ctx: ServiceContext, raw: StartCallPeriodInput): Promise<PeriodView> {
  requireFrameworkEditor(ctx);
  const input = startCallPeriodInput.parse(raw);
  const created = await inTransaction(ctx, async (tx) => {
    const previous = await getPeriod(tx);
    if (input.startYear <= previous.startYear) throw invalid([{ field: 'startYear', message: 'error.periodNotLater' }]);
    const [clash] = await tx.db.select({ id: callPeriods.id }).from(callPeriods).where(and(eq(callPeriods.tenantId, tx.tenant), eq(callPeriods.code, input.code)));
    if (clash) throw new AppError('conflict', 'error.periodExists', [{ field: 'code', message: 'error.periodExists' }]);
    const [period] = await tx.db.insert(callPeriods).values({ tenantId: tx.tenant, ...input, content: previous.content }).returning();
    for (const t of await listThemes(tx, previous.code)) {
      const { id: _id, slug, position, version: _v, period: _p, updatedAt: _u, updatedBy: _b, ...content } = t;
      const [theme] = await tx.db.insert(themes).values({ tenantId: tx.tenant, callPeriodId: period.id, slug, position, currentVersion: 1 }).returning();
      await tx.db.insert(themeVersions).values({
        tenantId: tx.tenant,
        themeId: theme.id,
        version: 1,
        content,
        changeNote: `Overgenomen uit ${previous.name}`,
        createdByUserId: tx.actor!.userId || null,
        createdByLabel: tx.actor!.name,
        createdAt: tx.now(),
      });
    }
    await recordAudit(tx, { action: 'framework.period_start', subjectType: 'call_period', subjectId: period.id, details: { code: input.code, from: previous.code } });
    return periodView(period);
  });
  invalidateFramework(ctx);
  return created;
}

/**
 * Keys are unique within a theme and start with its slug (sub-goals, principles, target groups); district codes and
 * target-group codes must exist.
 */
/** Keys of the theme's own (unique, with its slug), districts and target groups that exist: field errors with codes. */
function themeContentErrors(slug: string, content: ThemeContent, districtCodes: Set<string>, groupKeys: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const prefix = `${slug}/`;
  const lists: [string, string[], string, string][] = [
    ['content.subGoalGroups', content.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)), 'error.duplicateSubGoalKey', 'error.subGoalKeyTheme'],
    ['content.principleGroups', content.principleGroups.flatMap((g) => g.items.map((s) => s.key)), 'error.duplicateKey', 'error.keyTheme'],
    ['content.targetGroups', content.targetGroups.flatMap((g) => g.items.map((s) => s.key)), 'error.duplicateKey', 'error.keyTheme'],
  ];
  for (const [field, keys, dup, theme] of lists) {
    if (new Set(keys).size !== keys.length) errors.push({ field, code: 'duplicate', message: dup });
    if (keys.some((k) => !k.startsWith(prefix))) errors.push({ field, code: 'invalid_key', message: theme });
  }
  content.districtTasks.forEach((b, i) => {
    const codes = [...b.districts, ...b.tasks.flatMap((t) => t.districts ?? [])];
    if (codes.some((d) => !districtCodes.has(d))) errors.push({ field: `content.districtTasks.${i}.districts`, code: 'unknown_reference', message: 'error.unknownDistrict' });
  });
  content.targetGroups.forEach((s, i) => {
    if (s.items.some((it) => it.groups.some((g) => !groupKeys.has(g)))) errors.push({ field: `content.targetGroups.${i}.items`, code: 'unknown_reference', message: 'error.unknownTargetGroup' });
  });
  return errors;
}

/** Next free key "slug/<prefix>N" among the given keys (principles "p", target groups "d"). */
export function nextKey(keys: string[], slug: string, prefix: 'p' | 'd'): string {
  const used = keys.map((k) => Number(k.split('/')[1]?.replace(prefix, '')) || 0);
  return `${slug}/${prefix}${Math.max(0, ...used) + 1}`;
}

/** Next free key for a new sub-goal of a theme ("slug/N"). */
export function nextSubGoalKey(theme: Pick<ThemeContent, 'subGoalGroups'>, slug: string): string {
  const used = theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => Number(s.key.split('/')[1]) || 0));
  return `${slug}/${Math.max(0, ...used) + 1}`;
}

// ---------------------------------------------------------------- districts and neighbourhoods

export interface NeighbourhoodView {
  id: string;
  code: string;
  name: string;
  kind: 'wijk' | 'buurt';
  population: number | null;
  districtCode: string | null;
  parentCode: string | null;
}

export interface DistrictView {
  id: string;
  code: string;
  name: string;
  wijken: (NeighbourhoodView & { buurten: NeighbourhoodView[] })[];
}

export function listNeighbourhoods(ctx: ServiceContext): Promise<NeighbourhoodView[]> {
  return cached(ctx.db, frameworkEntry(ctx, ['neighbourhoods']), () => loadNeighbourhoods(ctx));
}

async function loadNeighbourhoods(ctx: ServiceContext): Promise<NeighbourhoodView[]> {
  const rows = await queryRows<{ id: string; code: string; name: string; kind: 'wijk' | 'buurt'; population: number | null; district_code: string | null; parent_code: string | null }>(ctx.db, sql`
    select n.id, n.code, n.name, n.kind, n.population, d.code as district_code, p.code as parent_code
    from neighbourhoods n
    left join districts d on d.id = coalesce(n.district_id, (select pp.district_id from neighbourhoods pp where pp.id = n.parent_id))
    left join neighbourhoods p on p.id = n.parent_id
    where n.tenant_id = ${ctx.tenant}
    order by n.code`);
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, kind: r.kind, population: r.population, districtCode: r.district_code, parentCode: r.parent_code }));
}

export function listDistricts(ctx: ServiceContext): Promise<DistrictView[]> {
  return cached(ctx.db, frameworkEntry(ctx, ['districts']), () => loadDistricts(ctx));
}

async function loadDistricts(ctx: ServiceContext): Promise<DistrictView[]> {
  const ds = await ctx.db.select().from(districts).where(eq(districts.tenantId, ctx.tenant)).orderBy(asc(districts.position), asc(districts.name));
  const ns = await listNeighbourhoods(ctx);
  return ds.map((d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    wijken: ns
      .filter((n) => n.kind === 'wijk' && n.districtCode === d.code)
      .map((w) => ({ ...w, buurten: ns.filter((b) => b.kind === 'buurt' && b.parentCode === w.code) })),
  }));
}

export const setWijkDistrictInput = z.object({ wijkCode: z.string().min(1).max(20), districtCode: z.string().min(1).max(40).nullable() });

/** Municipal data: which wijk belongs to which district. Administrators only; audited. */
export async function setWijkDistrict(ctx: ServiceContext, raw: z.input<typeof setWijkDistrictInput>): Promise<void> {
  requireRole(ctx, 'administrator');
  const input = setWijkDistrictInput.parse(raw);
  await inTransaction(ctx, async (tx) => {
    const [wijk] = await tx.db.select().from(neighbourhoods).where(and(eq(neighbourhoods.tenantId, tx.tenant), eq(neighbourhoods.code, input.wijkCode), eq(neighbourhoods.kind, 'wijk')));
    const [d] = input.districtCode ? await tx.db.select().from(districts).where(and(eq(districts.tenantId, tx.tenant), eq(districts.code, input.districtCode))) : [];
    // Both references at once.
    const errors: FieldError[] = [];
    if (!wijk) errors.push({ field: 'wijkCode', code: 'unknown_reference', message: 'error.unknownWijk' });
    if (input.districtCode && !d) errors.push({ field: 'districtCode', code: 'unknown_reference', message: 'error.unknownDistrict' });
    if (errors.length || !wijk) throw invalid(errors);
    const districtId: string | null = d?.id ?? null;
    await tx.db.update(neighbourhoods).set({ districtId, updatedAt: tx.now() }).where(eq(neighbourhoods.id, wijk.id));
    await recordAudit(tx, { action: 'framework.wijk_district', subjectType: 'neighbourhood', subjectId: wijk.code, details: { districtCode: input.districtCode } });
  });
  invalidateFramework(ctx);
}

// The seed file is part of the public entry: other modules load their part of it (network: the organisations).
export { readFrameworkSeed, type FrameworkSeed } from './seed.ts';
export { loadFrameworkFile } from './tenant-load.ts';
// Area files: the CBS reader (key figures per wijk or buurt) and boundaries (the indicators module draws maps with them).
export { readCbsAreaCsv, cbsIdentifyingColumns, type CbsArea, type AreaBoundary } from './cbs-areas.ts';
export { SetupError } from './setup-error.ts';
export { loadAreaBoundaries, listAreaBoundaries } from './area-load.ts';
