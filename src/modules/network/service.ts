// Organisations in the social foundation. Other modules use these functions, never the table.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { organisations } from './schema.ts';
import { organisationTypeSchema, type OrganisationType } from './types.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';

export const organisationInput = z.object({
  name: z.string().trim().min(2).max(200),
  type: organisationTypeSchema,
});
export type OrganisationInput = z.input<typeof organisationInput>;

export interface OrganisationView {
  id: string;
  name: string;
  type: OrganisationType;
}

const view = (r: typeof organisations.$inferSelect): OrganisationView => ({ id: r.id, name: r.name, type: r.type as OrganisationType });

function requireAdmin(ctx: ServiceContext) {
  if (!ctx.actor) throw new AppError('unauthenticated', 'error.unauthenticated');
  if (!ctx.actor.roles.includes('administrator')) throw forbidden();
}

export async function listOrganisations(ctx: ServiceContext): Promise<OrganisationView[]> {
  const rows = await ctx.db.select().from(organisations).where(eq(organisations.tenantId, ctx.tenant)).orderBy(asc(organisations.name));
  return rows.map(view);
}

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

export async function getOrganisationNames(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.tenantId, ctx.tenant), inArray(organisations.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function assertNameFree(ctx: ServiceContext, name: string, exceptId?: string) {
  const [clash] = await ctx.db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.tenantId, ctx.tenant), eq(organisations.name, name)));
  if (clash && clash.id !== exceptId) throw new AppError('conflict', 'error.organisationNameTaken', [{ field: 'name', message: 'error.organisationNameTaken' }]);
}

export async function createOrganisation(ctx: ServiceContext, raw: OrganisationInput): Promise<OrganisationView> {
  requireAdmin(ctx);
  const input = organisationInput.parse(raw);
  return inTransaction(ctx, async (tx) => {
    await assertNameFree(tx, input.name);
    const [row] = await tx.db.insert(organisations).values({ tenantId: tx.tenant, ...input }).returning();
    await recordAudit(tx, { action: 'organisation.create', subjectType: 'organisation', subjectId: row.id, details: { name: row.name, type: row.type } });
    return view(row);
  });
}

export async function updateOrganisation(ctx: ServiceContext, id: string, raw: OrganisationInput): Promise<OrganisationView> {
  requireAdmin(ctx);
  const input = organisationInput.parse(raw);
  return inTransaction(ctx, async (tx) => {
    await getOrganisation(tx, id);
    await assertNameFree(tx, input.name, id);
    const [row] = await tx.db.update(organisations).set({ ...input, updatedAt: tx.now() }).where(and(eq(organisations.tenantId, tx.tenant), eq(organisations.id, id))).returning();
    await recordAudit(tx, { action: 'organisation.update', subjectType: 'organisation', subjectId: id, details: { name: row.name, type: row.type } });
    return view(row);
  });
}

/** Seed helper: creates the organisation when no organisation of that name exists. Idempotent. */
export async function ensureOrganisation(ctx: ServiceContext, input: { name: string; type: OrganisationType }): Promise<OrganisationView> {
  const [existing] = await ctx.db.select().from(organisations).where(and(eq(organisations.tenantId, ctx.tenant), eq(organisations.name, input.name)));
  if (existing) return view(existing);
  const [row] = await ctx.db.insert(organisations).values({ tenantId: ctx.tenant, ...input }).returning();
  return view(row);
}
