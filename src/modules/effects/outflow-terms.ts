// The keyed lists of the registers (trajectory kinds, reasons of ending, life domains) and the complaint types with
// their deadlines: loaded from seed/effects-registers.json by the module's seed step (idempotent: existing keys keep
// the names an administrator gave them), read by the forms and reports, and the domains editable by an administrator.
import fs from 'node:fs';
import path from 'node:path';
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsTerms, effectsComplaintTypes } from './schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireSystem, requireRole } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { invalid, notFound, parseChecked } from '../../platform/http/errors.ts';
import type { Lang } from '../../platform/i18n/index.ts';

export const termLists = ['trajectory_kind', 'ending_reason', 'domain'] as const;
export type TermList = (typeof termLists)[number];

export interface TermView {
  key: string;
  nameNl: string;
  nameEn: string;
  position: number;
  active: boolean;
}
export const termName = (t: { nameNl: string; nameEn: string }, lang: Lang) => (lang === 'en' ? t.nameEn : t.nameNl);

export interface ComplaintTypeView {
  key: string;
  nameNl: string;
  nameEn: string;
  deadlineDays: number;
  extensionDays: number;
  legalBasis: string;
}

const named = z.object({ key: z.string().regex(/^[a-z0-9-]{1,40}$/), nl: z.string().min(1).max(200), en: z.string().min(1).max(200) });
const seedSchema = z.object({
  trajectoryKinds: z.array(named),
  endingReasons: z.array(named),
  domains: z.array(named),
  complaintTypes: z.array(named.extend({ deadlineDays: z.number().int().min(1).max(365), extensionDays: z.number().int().min(0).max(365), legalBasis: z.string().max(500) })),
  firstNames: z.array(z.string().min(2).max(40)),
});
export type RegistersSeed = z.infer<typeof seedSchema>;

export const registersSeedFile = path.resolve(import.meta.dirname, '../../../seed/effects-registers.json');
let seedCache: RegistersSeed | null = null;
export function readRegistersSeed(): RegistersSeed {
  seedCache ??= seedSchema.parse(JSON.parse(fs.readFileSync(registersSeedFile, 'utf8')));
  return seedCache;
}

/** Seed step: adds the keyed lists and complaint types a municipality does not have yet. */
export async function seedRegisters(ctx: ServiceContext): Promise<string[]> {
  requireSystem(ctx);
  const s = readRegistersSeed();
  const lists: [TermList, z.infer<typeof named>[]][] = [
    ['trajectory_kind', s.trajectoryKinds],
    ['ending_reason', s.endingReasons],
    ['domain', s.domains],
  ];
  let added = 0;
  await inTransaction(ctx, async (tx) => {
    for (const [list, items] of lists) {
      const rows = items.map((t, i) => ({ tenantId: tx.tenant, list, key: t.key, nameNl: t.nl, nameEn: t.en, position: i }));
      added += (await tx.db.insert(effectsTerms).values(rows).onConflictDoNothing().returning({ key: effectsTerms.key })).length;
    }
    const types = s.complaintTypes.map((t) => ({ tenantId: tx.tenant, key: t.key, nameNl: t.nl, nameEn: t.en, deadlineDays: t.deadlineDays, extensionDays: t.extensionDays, legalBasis: t.legalBasis }));
    added += (await tx.db.insert(effectsComplaintTypes).values(types).onConflictDoNothing().returning({ key: effectsComplaintTypes.key })).length;
  });
  return [`effecten: ${added} nieuwe termen en klachtsoorten (trajecten, leefgebieden, klachten en bezwaren)`];
}

export async function listTerms(ctx: ServiceContext, list: TermList, opts: { activeOnly?: boolean } = {}): Promise<TermView[]> {
  const where = [eq(effectsTerms.tenantId, ctx.tenant), eq(effectsTerms.list, list)];
  if (opts.activeOnly) where.push(eq(effectsTerms.active, true));
  const rows = await ctx.db.select().from(effectsTerms).where(and(...where)).orderBy(asc(effectsTerms.position), asc(effectsTerms.key));
  return rows.map((r) => ({ key: r.key, nameNl: r.nameNl, nameEn: r.nameEn, position: r.position, active: r.active }));
}

export async function listComplaintTypes(ctx: ServiceContext): Promise<ComplaintTypeView[]> {
  const rows = await ctx.db.select().from(effectsComplaintTypes).where(eq(effectsComplaintTypes.tenantId, ctx.tenant)).orderBy(asc(effectsComplaintTypes.key));
  return rows.map((r) => ({ key: r.key, nameNl: r.nameNl, nameEn: r.nameEn, deadlineDays: r.deadlineDays, extensionDays: r.extensionDays, legalBasis: r.legalBasis }));
}

export const domainInput = z.object({
  key: z.string().trim().regex(/^[a-z0-9-]{1,40}$/, 'effects.outflow.error.key'),
  nameNl: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  active: z.boolean().default(true),
});
export type DomainInput = z.input<typeof domainInput>;

/** Adds a life domain, or renames / (de)activates an existing one (administrators). Keys never change: scores keep them. */
export async function saveDomain(ctx: ServiceContext, raw: DomainInput): Promise<TermView> {
  requireRole(ctx, 'administrator');
  const input = await parseChecked(domainInput, raw, () => []);
  return inTransaction(ctx, async (tx) => {
    const existing = await listTerms(tx, 'domain');
    const position = existing.find((d) => d.key === input.key)?.position ?? existing.length;
    await tx.db
      .insert(effectsTerms)
      .values({ tenantId: tx.tenant, list: 'domain', key: input.key, nameNl: input.nameNl, nameEn: input.nameEn, active: input.active, position })
      .onConflictDoUpdate({ target: [effectsTerms.tenantId, effectsTerms.list, effectsTerms.key], set: { nameNl: input.nameNl, nameEn: input.nameEn, active: input.active, updatedAt: tx.now() } });
    await recordAudit(tx, { action: 'effects.domain.saved', subjectType: 'effects_domain', details: { key: input.key, nameNl: input.nameNl, active: input.active } });
    const saved = (await listTerms(tx, 'domain')).find((d) => d.key === input.key);
    if (!saved) throw notFound();
    return saved;
  });
}

/** Field error when `key` is not an (active) term of the list. */
export async function checkTerm(ctx: ServiceContext, list: TermList, key: string | null | undefined, field: string) {
  if (!key) return [];
  const terms = await listTerms(ctx, list, { activeOnly: true });
  return terms.some((t) => t.key === key) ? [] : [{ field, message: 'effects.error.unknownKey', code: 'unknown_reference' }];
}

export { invalid };
