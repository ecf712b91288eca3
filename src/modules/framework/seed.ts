// Loads a municipality's framework from its seed file (seed/<municipality>/framework.json). Idempotent:
// what exists is left as it is, so edits made in the platform survive a second run.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { callPeriods, themes, themeVersions, districts, neighbourhoods } from './schema.ts';
import { periodContentSchema, type ThemeContent } from './types.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { invalidateFramework } from './service.ts';
import { readCbsAreaCsv } from './cbs-areas.ts';

const seedThemeSchema = z.object({
  slug: z.string(),
  position: z.number().int(),
  name: z.string(),
  mainGoal: z.string(),
  subGoalGroups: z.array(z.object({ title: z.string().nullable(), subGoals: z.array(z.string()) })),
  background: z.array(z.string()),
  /** district: a code from `districts`, or null for city-wide text. */
  districtTasks: z.array(z.object({ district: z.string().nullable(), tasks: z.array(z.string()) })),
  targetGroups: z.array(z.string()),
  principleGroups: z.array(z.object({ title: z.string().nullable(), intro: z.string().nullable().optional(), items: z.array(z.string()) })),
  extra: z.array(z.string()).default([]),
});

export const frameworkSeedSchema = z.object({
  municipality: z.object({ code: z.string(), name: z.string() }),
  callPeriod: z.object({ code: z.string(), name: z.string(), startYear: z.number().int(), endYear: z.number().int().nullable(), source: z.string().optional() }),
  themes: z.array(seedThemeSchema).length(7),
  societalGoals: periodContentSchema.shape.societalGoals,
  themeLeads: z.array(z.object({ themeSlug: z.string(), organisations: z.array(z.string()), source: z.string(), quote: z.string() })),
  welfareRoles: periodContentSchema.shape.welfareRoles,
  driehoek: periodContentSchema.shape.driehoek,
  accountabilityLevels: periodContentSchema.shape.accountabilityLevels,
  qualityCriteria: z.array(z.string()),
  districts: z.array(z.object({ code: z.string(), name: z.string() })),
  wijken: z.array(z.object({ code: z.string(), name: z.string(), district: z.string().nullable() })),
  mappingNote: z.string().optional(),
  buurten: z.array(z.object({ name: z.string(), wijk: z.string() })),
  // The network module loads these (its seed step checks the types); the framework only carries them.
  organisations: z.array(z.object({ name: z.string(), type: z.string(), source: z.string().optional() })),
});
export type FrameworkSeed = z.infer<typeof frameworkSeedSchema>;

function checkSeed(seed: FrameworkSeed) {
  const codes = new Set(seed.districts.map((d) => d.code));
  for (const t of seed.themes) for (const d of t.districtTasks) if (d.district && !codes.has(d.district)) throw new Error(`seed: theme ${t.slug} names unknown district ${d.district}`);
  for (const w of seed.wijken) if (w.district && !codes.has(w.district)) throw new Error(`seed: wijk ${w.code} names unknown district ${w.district}`);
  return seed;
}

export const seedRoot = path.resolve(import.meta.dirname, '../../../seed');

export function readFrameworkSeed(municipalityDir = 'haarlem'): FrameworkSeed {
  const file = path.join(seedRoot, municipalityDir, 'framework.json');
  return checkSeed(frameworkSeedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))));
}

/** CBS kerncijfers per wijk (population), from the CSV next to the seed (null: none, e.g. a file loaded by the CLI). */
function readWijkPopulation(municipalityDir: string | null): Map<string, number> {
  const file = municipalityDir && path.join(seedRoot, municipalityDir, 'cbs', 'wijken_haarlem_2024.csv');
  if (!file || !fs.existsSync(file)) return new Map();
  return new Map(readCbsAreaCsv(file).areas.flatMap((a) => (a.population === null ? [] : [[a.code, a.population] as const])));
}

/** Turns the seed's theme into versioned content with stable sub-goal keys ("slug/1", "slug/2", ...). */
export function themeContentFromSeed(t: FrameworkSeed['themes'][number], leads: string[]): ThemeContent {
  let n = 0;
  return {
    name: t.name,
    mainGoal: t.mainGoal,
    subGoalGroups: t.subGoalGroups.map((g) => ({ title: g.title, subGoals: g.subGoals.map((text) => ({ key: `${t.slug}/${++n}`, text })) })),
    background: t.background,
    districtTasks: t.districtTasks,
    targetGroups: t.targetGroups,
    principleGroups: t.principleGroups.map((g) => ({ title: g.title, intro: g.intro ?? null, items: g.items })),
    extra: t.extra,
    leads,
  };
}

export async function loadFramework(ctx: ServiceContext, seed: FrameworkSeed, municipalityDir: string | null = 'haarlem'): Promise<{ created: string[] }> {
  requireSystem(ctx);
  const created: string[] = [];
  const population = readWijkPopulation(municipalityDir);
  await inTransaction(ctx, async (tx) => {
    const db = tx.db;
    await db.insert(municipalities).values({ code: seed.municipality.code, name: seed.municipality.name }).onConflictDoNothing();

    let [period] = await db.select().from(callPeriods).where(and(eq(callPeriods.tenantId, tx.tenant), eq(callPeriods.code, seed.callPeriod.code)));
    if (!period) {
      [period] = await db
        .insert(callPeriods)
        .values({
          tenantId: tx.tenant,
          code: seed.callPeriod.code,
          name: seed.callPeriod.name,
          startYear: seed.callPeriod.startYear,
          endYear: seed.callPeriod.endYear,
          content: {
            source: seed.callPeriod.source,
            societalGoals: seed.societalGoals,
            welfareRoles: seed.welfareRoles,
            driehoek: seed.driehoek,
            accountabilityLevels: seed.accountabilityLevels,
            qualityCriteria: seed.qualityCriteria,
            themeLeadSources: seed.themeLeads.map((l) => ({ themeSlug: l.themeSlug, quote: l.quote, source: l.source })),
          },
        })
        .returning();
      created.push(`call period ${period.code}`);
    }

    for (const t of seed.themes) {
      const [existing] = await db.select({ id: themes.id }).from(themes).where(and(eq(themes.callPeriodId, period.id), eq(themes.slug, t.slug)));
      if (existing) continue;
      const leads = seed.themeLeads.filter((l) => l.themeSlug === t.slug).flatMap((l) => l.organisations);
      const [theme] = await db.insert(themes).values({ tenantId: tx.tenant, callPeriodId: period.id, slug: t.slug, position: t.position, currentVersion: 1 }).returning();
      await db.insert(themeVersions).values({
        tenantId: tx.tenant,
        themeId: theme.id,
        version: 1,
        content: themeContentFromSeed(t, leads),
        changeNote: `Overgenomen uit ${seed.callPeriod.name}`,
        createdByLabel: 'seed',
      });
      created.push(`theme ${t.slug}`);
    }

    const districtIds = new Map<string, string>();
    for (const [i, d] of seed.districts.entries()) {
      await db.insert(districts).values({ tenantId: tx.tenant, code: d.code, name: d.name, position: i }).onConflictDoNothing();
      const [row] = await db.select().from(districts).where(and(eq(districts.tenantId, tx.tenant), eq(districts.code, d.code)));
      districtIds.set(d.code, row.id);
    }
    const wijkIds = new Map<string, string>();
    for (const w of seed.wijken) {
      await db
        .insert(neighbourhoods)
        .values({
          tenantId: tx.tenant,
          code: w.code,
          name: w.name,
          kind: 'wijk',
          districtId: w.district ? (districtIds.get(w.district) ?? null) : null,
          population: population.get(w.code) ?? null,
          source: 'Kadaster / CBS, 2024',
        })
        .onConflictDoNothing();
      const [row] = await db.select().from(neighbourhoods).where(and(eq(neighbourhoods.tenantId, tx.tenant), eq(neighbourhoods.code, w.code)));
      wijkIds.set(w.code, row.id);
    }
    for (const b of seed.buurten) {
      const code = `${b.wijk}-${b.name.toLowerCase().normalize('NFD').replace(/[^a-z0-9]+/g, '-')}`;
      await db
        .insert(neighbourhoods)
        .values({ tenantId: tx.tenant, code, name: b.name, kind: 'buurt', parentId: wijkIds.get(b.wijk) ?? null, source: 'seed' })
        .onConflictDoNothing();
    }
  });
  invalidateFramework(ctx);
  return { created };
}
