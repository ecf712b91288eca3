// Organisations in the social foundation: profile (description, website, contact point, districts, themes) and search.
import { and, arrayContains, asc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import { ZodError } from 'zod';
import { z, type Unchecked } from '../../platform/zod.ts';
import { organisations } from './schema.ts';
import { organisationTypes, organisationTypeSchema, organisationProfileShape, requiredText, type OrganisationType } from './types.ts';
import { AppError, invalid, notFound, parseChecked } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { invalidate, lookupCached, tag, REFERENCE_TTL_MS } from '../../platform/cache.ts';
import { isAdmin, requireAdmin, requireOrganisationManager } from './policy.ts';
import { checkRefs, frameworkRefs, inFrameworkOrder } from './refs.ts';

/** Create or change an organisation. Fields left out of a change stay as they are. */
export const organisationInput = z.object({
  name: requiredText(2, 200),
  type: organisationTypeSchema,
  ...organisationProfileShape,
});
export type OrganisationInput = z.input<typeof organisationInput>;

/** The part of an organisation its own partner staff may change. */
export const organisationProfileInput = z.object(organisationProfileShape);
export type OrganisationProfileInput = z.input<typeof organisationProfileInput>;

export interface OrganisationView {
  id: string;
  name: string;
  type: OrganisationType;
  description: string;
  website: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  districts: string[];
  themes: string[];
  updatedAt: Date;
}

type Row = typeof organisations.$inferSelect;
const view = (r: Row): OrganisationView => ({
  id: r.id,
  name: r.name,
  type: r.type as OrganisationType,
  description: r.description,
  website: r.website,
  contactEmail: r.contactEmail,
  contactPhone: r.contactPhone,
  districts: r.districts,
  themes: r.themes,
  updatedAt: r.updatedAt,
});

export interface OrganisationFilter {
  type?: OrganisationType;
  theme?: string;
  district?: string;
  /** Part of the name. */
  q?: string;
}

function filterWhere(ctx: ServiceContext, f: OrganisationFilter): SQL {
  const where: SQL[] = [eq(organisations.tenantId, ctx.tenant)];
  if (f.type) where.push(eq(organisations.type, f.type));
  if (f.theme) where.push(arrayContains(organisations.themes, [f.theme]));
  if (f.district) where.push(arrayContains(organisations.districts, [f.district]));
  if (f.q) where.push(ilike(organisations.name, `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`));
  return and(...where)!;
}

/** All organisations (optionally filtered), by name. */
export async function listOrganisations(ctx: ServiceContext, filter: OrganisationFilter = {}): Promise<OrganisationView[]> {
  const rows = await ctx.db.select().from(organisations).where(filterWhere(ctx, filter)).orderBy(asc(organisations.name));
  return rows.map(view);
}

export const organisationQuery = z.object({
  type: organisationTypeSchema.optional(),
  theme: z.string().trim().max(100).optional(),
  district: z.string().trim().max(100).optional(),
  q: z.string().trim().max(200).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrganisationQuery = Unchecked<z.input<typeof organisationQuery>>;

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** Organisations filtered by type, theme and district; unknown themes or districts are bad input, not an empty list. */
export async function findOrganisations(ctx: ServiceContext, raw: OrganisationQuery, opts: { groupByType?: boolean } = {}): Promise<Page<OrganisationView>> {
  const parsed = organisationQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined)));
  const refs = await frameworkRefs(ctx);
  const theme = typeof raw.theme === 'string' ? raw.theme.trim() : '';
  const district = typeof raw.district === 'string' ? raw.district.trim() : '';
  const errors = checkRefs(refs, { districts: district ? [district] : [], themes: theme ? [theme] : [] }).map((e) => ({ ...e, field: e.field.replace(/s$/, '') }));
  // Report every bad filter at once: bad values of the query and unknown themes or districts together.
  if (!parsed.success) throw new ZodError([...parsed.error.issues, ...errors.map((e) => ({ code: 'custom' as const, path: [e.field], message: e.message, input: e.field === 'theme' ? theme : district }))]);
  if (errors.length) throw invalid(errors);
  const q = parsed.data;
  const where = filterWhere(ctx, q);
  const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(organisations).where(where);
  const rows = await ctx.db
    .select()
    .from(organisations)
    .where(where)
    .orderBy(...(opts.groupByType ? [typeOrder] : []), asc(organisations.name), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: Number(total), page: q.page, pageSize: q.pageSize, items: rows.map(view) };
}

/** The order of organisationTypes, for lists grouped by type. */
const typeOrder = sql.raw(`case type ${organisationTypes.map((t, i) => `when '${t}' then ${i}`).join(' ')} else ${organisationTypes.length} end`);

export async function getOrganisation(ctx: ServiceContext, id: string): Promise<OrganisationView> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await ctx.db.select().from(organisations).where(and(eq(organisations.tenantId, ctx.tenant), eq(organisations.id, id)));
  if (!row) throw notFound();
  return view(row);
}

export async function organisationExists(ctx: ServiceContext, id: string): Promise<boolean> {
  return getOrganisation(ctx, id).then(
    () => true,
    () => false,
  );
}

/** Names by id, from a briefly cached list (names show on every catalogue result); renames here invalidate it. */
export async function getOrganisationNames(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  const query = async (only?: string[]) => {
    const rows = await ctx.db
      .select({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .where(only ? and(eq(organisations.tenantId, ctx.tenant), inArray(organisations.id, only)) : eq(organisations.tenantId, ctx.tenant));
    return new Map(rows.map((r) => [r.id, r.name]));
  };
  const entry = { key: `network:${ctx.tenant}:organisation-names`, tags: [organisationsTag(ctx)], ttlMs: REFERENCE_TTL_MS };
  return lookupCached(ctx.db, entry, () => query(), (only) => query(only), ids);
}

/** The cache tag of what is read from organisations (names on catalogue results); renames drop it. */
export const organisationsTag = (ctx: ServiceContext) => tag('organisations', ctx.tenant);

/** Organisation ids by name (case-insensitive), e.g. to link the framework's lead organisations. */
export async function findOrganisationIdsByName(ctx: ServiceContext, names: string[]): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const lower = [...new Set(names.map((n) => n.toLowerCase()))];
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.tenantId, ctx.tenant), inArray(sql<string>`lower(${organisations.name})`, lower)));
  return new Map(rows.map((r) => [r.name.toLowerCase(), r.id]));
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: string) {
  const [clash] = await ctx.db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.tenantId, ctx.tenant), eq(organisations.name, name)));
  if (clash && clash.id !== exceptId) throw new AppError('conflict', 'error.organisationNameTaken', [{ field: 'name', message: 'error.organisationNameTaken' }]);
}

type Profile = z.output<typeof organisationProfileInput>;

/** Validates district codes and theme slugs against the framework; returns them de-duplicated in framework order. */
/** An organisation input: shape and references (themes, districts) checked in one pass, every problem at once. */
async function checkedOrganisation(ctx: ServiceContext, raw: unknown) {
  const refs = await frameworkRefs(ctx);
  return checkedProfile(ctx, await parseChecked(organisationInput, raw, (p) => checkRefs(refs, p)));
}

async function checkedProfile<T extends Profile>(ctx: ServiceContext, input: T): Promise<T> {
  const refs = await frameworkRefs(ctx);
  const errors = checkRefs(refs, input);
  if (errors.length) throw invalid(errors);
  return {
    ...input,
    ...(input.districts ? { districts: inFrameworkOrder(input.districts, refs.districts) } : {}),
    ...(input.themes ? { themes: inFrameworkOrder(input.themes, refs.themes) } : {}),
  };
}

/** Only the columns given: a change leaves the others as they are. */
const profileColumns = (p: Profile) => {
  const out: Partial<typeof organisations.$inferInsert> = {};
  if (p.description !== undefined) out.description = p.description;
  if (p.website !== undefined) out.website = p.website;
  if (p.contactEmail !== undefined) out.contactEmail = p.contactEmail;
  if (p.contactPhone !== undefined) out.contactPhone = p.contactPhone;
  if (p.districts !== undefined) out.districts = p.districts;
  if (p.themes !== undefined) out.themes = p.themes;
  return out;
};

export async function createOrganisation(ctx: ServiceContext, raw: OrganisationInput): Promise<OrganisationView> {
  requireAdmin(ctx);
  const input = await checkedOrganisation(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const [row] = await tx.db
      .insert(organisations)
      .values({ tenantId: tx.tenant, name: input.name, type: input.type, ...profileColumns(input) })
      .returning();
    await recordAudit(tx, { action: 'organisation.create', subjectType: 'organisation', subjectId: row.id, details: { name: row.name, type: row.type } });
    return view(row);
  });
}

/**
 * Changes an organisation. Administrators may change everything; partner staff only their own organisation's
 * profile — a different name or type from them is refused (type decides room rates and funding rules).
 */
export async function updateOrganisation(ctx: ServiceContext, id: string, raw: OrganisationInput): Promise<OrganisationView> {
  requireOrganisationManager(ctx, id);
  const input = await checkedOrganisation(ctx, raw);
  const updated = await inTransaction(ctx, async (tx) => {
    const current = await getOrganisation(tx, id);
    if (!isAdmin(tx) && (input.name !== current.name || input.type !== current.type)) {
      throw new AppError('forbidden', 'network.onlyAdminNameType', [{ field: input.name !== current.name ? 'name' : 'type', message: 'network.onlyAdminNameType' }]);
    }
    await assertNameFree(tx, input.name, id);
    const [row] = await tx.db
      .update(organisations)
      .set({ name: input.name, type: input.type, ...profileColumns(input), updatedAt: tx.now() })
      .where(and(eq(organisations.tenantId, tx.tenant), eq(organisations.id, id)))
      .returning();
    await recordAudit(tx, { action: 'organisation.update', subjectType: 'organisation', subjectId: id, details: { name: row.name, type: row.type, fields: Object.keys(profileColumns(input)) } });
    return view(row);
  });
  invalidate(ctx, organisationsTag(ctx));
  return updated;
}

/** Changes the profile only (what partner staff edit on "Mijn organisatie"). */
export async function updateOrganisationProfile(ctx: ServiceContext, id: string, raw: OrganisationProfileInput): Promise<OrganisationView> {
  requireOrganisationManager(ctx, id);
  const current = await getOrganisation(ctx, id);
  const refs = await frameworkRefs(ctx);
  const profile = await parseChecked(organisationProfileInput, raw, (p) => checkRefs(refs, p));
  return updateOrganisation(ctx, id, { ...profile, name: current.name, type: current.type });
}

/** Seed helper: creates the organisations whose name does not exist yet, in one statement. Idempotent. */
export async function ensureOrganisations(ctx: ServiceContext, list: { name: string; type: OrganisationType }[]): Promise<void> {
  requireSystem(ctx);
  if (list.length === 0) return;
  await ctx.db
    .insert(organisations)
    .values(list.map((o) => ({ tenantId: ctx.tenant, name: o.name, type: o.type })))
    .onConflictDoNothing({ target: [organisations.tenantId, organisations.name] });
}
