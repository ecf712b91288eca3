// Setting up a municipality (tenant) besides Haarlem: create it by its CBS code, then load its framework from a
// JSON file in the format of seed/haarlem/framework.json. Used by `sociale-basis tenant …`. Every function works
// on ctx.tenant through the normal service context, so the database's tenant isolation applies to it as to any
// other service.
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.ts';
import { z } from '../../platform/zod.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { frameworkSeedSchema, loadFramework, themeContentFromSeed, type FrameworkSeed } from './seed.ts';
import { themeContentSchema } from './types.ts';
import { invalidateFramework } from './service.ts';
import { readTextFile } from './cbs-areas.ts';
import { SetupError, jsonPath, zodProblems } from './setup-error.ts';

export const municipalityCodePattern = /^GM\d{4}$/;

const createMunicipalityInput = z.object({
  code: z.string().trim().regex(municipalityCodePattern, 'moet een CBS-gemeentecode zijn: GM gevolgd door vier cijfers, bijvoorbeeld GM0363'),
  name: z.string().trim().min(1, 'is verplicht').max(100, 'mag hoogstens 100 tekens hebben'),
});
export type CreateMunicipalityInput = z.input<typeof createMunicipalityInput>;

export interface MunicipalityView {
  code: string;
  name: string;
}

/** Creates a municipality (tenant) by its CBS code; refuses a code that exists. Administrators only; audited. */
export async function createMunicipality(ctx: ServiceContext, raw: CreateMunicipalityInput): Promise<MunicipalityView> {
  requireRole(ctx, 'administrator');
  const parsed = createMunicipalityInput.safeParse(raw);
  if (!parsed.success) throw new SetupError('De gemeente is niet aangemaakt.', parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`));
  const { code, name } = parsed.data;
  return inTransaction({ ...ctx, tenant: code }, async (tx) => {
    const [row] = await tx.db.insert(municipalities).values({ code, name }).onConflictDoNothing().returning();
    if (!row) {
      const [existing] = await tx.db.select().from(municipalities).where(eq(municipalities.code, code));
      throw new SetupError(`Gemeente ${code} bestaat al (${existing?.name ?? 'onbekende naam'}); er is niets veranderd. Laad haar kader en wijken met \`tenant load-framework\` en \`tenant load-areas\`.`);
    }
    await recordAudit(tx, { action: 'tenant.created', subjectType: 'municipality', subjectId: code, details: { name } });
    return { code: row.code, name: row.name };
  });
}

/** The municipality of ctx.tenant, or null when it has not been created. */
export async function findMunicipality(ctx: ServiceContext): Promise<MunicipalityView | null> {
  const [row] = await ctx.db.select({ code: municipalities.code, name: municipalities.name }).from(municipalities).where(eq(municipalities.code, ctx.tenant));
  return row ?? null;
}

export const createFirstHint = (code: string) => `Maak haar eerst aan met: sociale-basis tenant create --code ${code} --name "<naam van de gemeente>" (zie README, "Your own municipality").`;

export async function requireMunicipality(ctx: ServiceContext): Promise<MunicipalityView> {
  const m = await findMunicipality(ctx);
  if (!m) throw new SetupError(`Gemeente ${ctx.tenant} bestaat nog niet in deze database; er is niets geladen. ${createFirstHint(ctx.tenant)}`);
  return m;
}

/** The file format: the one of seed/haarlem/framework.json, with any number of themes (at least one). */
const frameworkFileSchema = frameworkSeedSchema.extend({ themes: z.array(frameworkSeedSchema.shape.themes.element).min(1) });

const slugPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** What zod cannot see: references inside the file, codes, and whether each theme is valid platform content. */
function crossCheck(seed: FrameworkSeed, tenant: string): string[] {
  const problems: string[] = [];
  const duplicates = <T>(items: T[], key: (t: T) => string, at: (i: number) => string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) problems.push(`${at(i)}: ${what} "${k}" komt ook voor in ${at(seen.get(k)!)}`);
      else seen.set(k, i);
    });
  };
  if (seed.municipality.code !== tenant) return [`municipality.code: het bestand is voor ${seed.municipality.code} (${seed.municipality.name}), niet voor ${tenant}`];
  if (!/^\d{4}-(\d{4})?$/.test(seed.callPeriod.code)) problems.push(`callPeriod.code: "${seed.callPeriod.code}" moet de vorm 2024-2027 hebben (of 2024- als het einde nog open is)`);
  if (seed.callPeriod.endYear !== null && seed.callPeriod.endYear < seed.callPeriod.startYear) problems.push('callPeriod.endYear: mag niet vóór startYear liggen');

  const slugs = new Set(seed.themes.map((t) => t.slug));
  const districtCodes = new Set(seed.districts.map((d) => d.code));
  const wijkCodes = new Set(seed.wijken.map((w) => w.code));
  duplicates(seed.themes, (t) => t.slug, (i) => `themes[${i}].slug`, 'slug');
  duplicates(seed.districts, (d) => d.code, (i) => `districts[${i}].code`, 'code');
  duplicates(seed.wijken, (w) => w.code, (i) => `wijken[${i}].code`, 'code');
  seed.themes.forEach((t, i) => {
    if (!slugPattern.test(t.slug)) problems.push(`themes[${i}].slug: "${t.slug}" mag alleen kleine letters, cijfers en streepjes bevatten`);
    t.districtTasks.forEach((d, j) => {
      if (d.district !== null && !districtCodes.has(d.district)) problems.push(`themes[${i}].districtTasks[${j}].district: stadsdeel "${d.district}" staat niet in districts`);
    });
    const leads = seed.themeLeads.filter((l) => l.themeSlug === t.slug).flatMap((l) => l.organisations);
    const content = themeContentSchema.safeParse(themeContentFromSeed(t, leads));
    if (!content.success) {
      for (const issue of content.error.issues) {
        // Leads are checked through themeLeads, sub-goal keys follow from the slug (checked above).
        if (issue.path[0] === 'leads' || issue.path[issue.path.length - 1] === 'key') continue;
        const at = issue.path.filter((p, k, all) => !(k === all.length - 1 && p === 'text'));
        problems.push(...zodProblems([{ ...issue, path: ['themes', i, ...at] }]));
      }
    }
  });
  seed.districts.forEach((d, i) => {
    if (!slugPattern.test(d.code)) problems.push(`districts[${i}].code: "${d.code}" mag alleen kleine letters, cijfers en streepjes bevatten`);
  });
  const wijkPrefix = `WK${tenant.slice(2)}`;
  seed.wijken.forEach((w, i) => {
    if (!/^WK\d{6}$/.test(w.code) || !w.code.startsWith(wijkPrefix)) problems.push(`wijken[${i}].code: "${w.code}" is geen CBS-wijkcode van ${tenant} (${wijkPrefix} en twee cijfers)`);
    if (w.district !== null && !districtCodes.has(w.district)) problems.push(`wijken[${i}].district: stadsdeel "${w.district}" staat niet in districts`);
  });
  seed.buurten.forEach((b, i) => {
    if (!wijkCodes.has(b.wijk)) problems.push(`buurten[${i}].wijk: wijk "${b.wijk}" staat niet in wijken`);
  });
  seed.themeLeads.forEach((l, i) => {
    if (!slugs.has(l.themeSlug)) problems.push(`themeLeads[${i}].themeSlug: thema "${l.themeSlug}" staat niet in themes`);
  });
  seed.societalGoals.forEach((g, i) => {
    if (g.themeSlug !== null && !slugs.has(g.themeSlug)) problems.push(`societalGoals[${i}].themeSlug: thema "${g.themeSlug}" staat niet in themes`);
  });
  return problems;
}

/** Reads and checks a framework file for ctx.tenant; throws a SetupError with every problem and its JSON path. */
export function readFrameworkFile(file: string, tenant: string, otherChecks?: (json: unknown) => string[]): FrameworkSeed {
  const name = path.basename(file);
  const text = readTextFile(file, 'Kaderbestand');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SetupError(`${name} is geen geldige JSON; er is niets geladen.`, [(err as Error).message]);
  }
  const parsed = frameworkFileSchema.safeParse(json, { reportInput: true });
  const others = otherChecks?.(json) ?? [];
  if (!parsed.success) throw new SetupError(`${name} heeft niet de vorm van een kaderbestand (zoals seed/haarlem/framework.json); er is niets geladen.`, [...zodProblems(parsed.error.issues), ...others]);
  const problems = [...crossCheck(parsed.data, tenant), ...others];
  if (problems.length) throw new SetupError(`${name} bevat fouten; er is niets geladen.`, problems);
  return parsed.data;
}

export interface FrameworkCounts {
  callPeriods: number;
  themes: number;
  districts: number;
  wijken: number;
  buurten: number;
  organisations: number;
}

/** How many rows of each part of the framework ctx.tenant has. */
async function countFramework(ctx: ServiceContext): Promise<FrameworkCounts> {
  const [r] = await queryRows<Record<keyof FrameworkCounts, number>>(ctx.db, sql`
    select (select count(*)::int from call_periods where tenant_id = ${ctx.tenant}) as "callPeriods",
           (select count(*)::int from themes where tenant_id = ${ctx.tenant}) as "themes",
           (select count(*)::int from districts where tenant_id = ${ctx.tenant}) as "districts",
           (select count(*)::int from neighbourhoods where tenant_id = ${ctx.tenant} and kind = 'wijk') as "wijken",
           (select count(*)::int from neighbourhoods where tenant_id = ${ctx.tenant} and kind = 'buurt') as "buurten",
           (select count(*)::int from organisations where tenant_id = ${ctx.tenant}) as "organisations"`);
  return r;
}

/**
 * Loads ctx.tenant's framework from a file: call period, themes (version 1), districts, wijken, buurten and the
 * organisations it names. All or nothing; safe to repeat: what exists is kept as it is (edits made in the platform
 * survive), only what is new is added. Returns how many of each were added. Administrators only; audited.
 */
export async function loadFrameworkFile(
  ctx: ServiceContext,
  file: string,
  /** What other modules check in and load from the same file (network: its organisations), in the same transaction. */
  others?: { check(json: unknown): string[]; load(tx: ServiceContext, seed: FrameworkSeed): Promise<unknown> },
): Promise<{ municipality: MunicipalityView; added: FrameworkCounts }> {
  requireRole(ctx, 'administrator');
  const municipality = await requireMunicipality(ctx);
  const seed = readFrameworkFile(file, ctx.tenant, others?.check);
  const added = await inTransaction(ctx, async (tx) => {
    const before = await countFramework(tx);
    await loadFramework(tx, seed, null);
    if (others) await others.load(tx, seed);
    const after = await countFramework(tx);
    const diff = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - before[k as keyof FrameworkCounts]])) as unknown as FrameworkCounts;
    await recordAudit(tx, { action: 'framework.file_loaded', subjectType: 'municipality', subjectId: tx.tenant, details: { file: path.basename(file), added: diff } });
    return diff;
  });
  invalidateFramework(ctx);
  return { municipality, added };
}
