// Loads a municipality's framework from its seed file (seed/<municipality>/framework.json). Idempotent:
// what exists is left as it is, so edits made in the platform survive a second run.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { callPeriods, themes, themeVersions, districts, neighbourhoods, frameworkReports, frameworkTerms } from './schema.ts';
import {
  accountabilityLevelSchema,
  callSectionSchema,
  chairSchema,
  districtTaskSchema,
  passSchema,
  principleGroupSchema,
  principleSchema,
  qualityCriterionSchema,
  reportContentSchema,
  targetGroupTermSchema,
  type PeriodContent,
  type ThemeContent,
} from './types.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { invalidateFramework, isCurrentContent } from './service.ts';
import { readCbsAreaCsv } from './cbs-areas.ts';

const keyedOrText = <T extends z.ZodType>(keyed: T) => z.union([z.string(), keyed]);

const seedThemeSchema = z.object({
  slug: z.string(),
  position: z.number().int(),
  name: z.string(),
  mainGoal: z.string(),
  subGoalGroups: z.array(z.object({ title: z.string().nullable(), subGoals: z.array(z.string()) })),
  background: z.array(z.string()),
  /** Blocks under the source's headings; `districts` are codes from `districts` (empty: city-wide). */
  districtTasks: z.array(z.object({ heading: z.string().nullable(), districts: z.array(z.string()), tasks: z.array(keyedOrText(districtTaskSchema)) })),
  /** Items without a key get `slug/dN` in order; `groups` maps them onto the platform's target-group list. */
  targetGroups: z.array(
    z.object({
      heading: z.string().nullable(),
      items: z.array(keyedOrText(z.object({ key: z.string().optional(), text: z.string(), groups: z.array(z.string()).default([]) }))),
      note: z.string().nullable().optional(),
    }),
  ),
  /** Items without a key get `slug/pN` after the highest key given. */
  principleGroups: z.array(principleGroupSchema.extend({ items: z.array(keyedOrText(principleSchema.extend({ key: z.string().optional() }))).min(1) })),
  extra: z.array(z.string()).default([]),
});

export const frameworkSeedSchema = z.object({
  municipality: z.object({ code: z.string(), name: z.string() }),
  callPeriod: z.object({ code: z.string(), name: z.string(), startYear: z.number().int(), endYear: z.number().int().nullable(), source: z.string().optional() }),
  call: z.object({
    chair: chairSchema.optional(),
    sections: z.array(callSectionSchema).default([]),
    accountabilityLevels: z.array(accountabilityLevelSchema),
    qualityCriteria: z.array(qualityCriterionSchema),
  }),
  report: z.object({ code: z.string(), title: z.string(), year: z.number().int(), source: z.string() }).extend(reportContentSchema.shape).optional(),
  /** The platform's list of target groups; without one, activities have no target groups to choose from. */
  targetGroupList: z.object({ by: z.literal('platform'), note: z.string(), items: z.array(targetGroupTermSchema) }).default({ by: 'platform', note: '', items: [] }),
  pass: passSchema.nullable().optional(),
  themes: z.array(seedThemeSchema).min(1),
  districts: z.array(z.object({ code: z.string(), name: z.string() })),
  wijken: z.array(z.object({ code: z.string(), name: z.string(), district: z.string().nullable() })),
  mappingNote: z.string().optional(),
  buurten: z.array(z.object({ name: z.string(), wijk: z.string() })),
  // The network module loads these (its seed step checks the types and resolves the report's theme leads to them);
  // the framework only carries them. typeConfirmed false: the type was inferred, not stated in a source.
  organisations: z.array(z.object({ name: z.string(), type: z.string(), source: z.string().optional(), typeConfirmed: z.boolean().default(true) })),
});
export type FrameworkSeed = z.infer<typeof frameworkSeedSchema>;

function checkSeed(seed: FrameworkSeed) {
  const codes = new Set(seed.districts.map((d) => d.code));
  const groups = new Set(seed.targetGroupList.items.map((g) => g.key));
  for (const t of seed.themes) {
    const content = themeContentFromSeed(t);
    for (const d of content.districtTasks.flatMap((b) => [...b.districts, ...b.tasks.flatMap((x) => x.districts ?? [])])) if (!codes.has(d)) throw new Error(`seed: theme ${t.slug} names unknown district ${d}`);
    for (const g of content.targetGroups.flatMap((s) => s.items.flatMap((i) => i.groups))) if (!groups.has(g)) throw new Error(`seed: theme ${t.slug} maps onto unknown target group ${g}`);
    const keys = content.principleGroups.flatMap((g) => g.items.map((i) => i.key));
    if (new Set(keys).size !== keys.length) throw new Error(`seed: theme ${t.slug} has duplicate principle keys`);
  }
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

/** Highest number N among keys "slug/<prefix>N". */
const maxKey = (keys: (string | undefined)[], prefix: string) => Math.max(0, ...keys.map((k) => Number(k?.split('/')[1]?.replace(prefix, '')) || 0));

/** Turns the seed's theme into versioned content with stable keys: sub-goals "slug/N", principles "slug/pN", target groups "slug/dN". */
export function themeContentFromSeed(t: FrameworkSeed['themes'][number]): ThemeContent {
  let n = 0;
  const principleItems = t.principleGroups.flatMap((g) => g.items);
  let p = maxKey(principleItems.map((i) => (typeof i === 'string' ? undefined : i.key)), 'p');
  const targetItems = t.targetGroups.flatMap((g) => g.items);
  let d = maxKey(targetItems.map((i) => (typeof i === 'string' ? undefined : i.key)), 'd');
  return {
    name: t.name,
    mainGoal: t.mainGoal,
    subGoalGroups: t.subGoalGroups.map((g) => ({ title: g.title, subGoals: g.subGoals.map((text) => ({ key: `${t.slug}/${++n}`, text })) })),
    background: t.background,
    districtTasks: t.districtTasks.map((b) => ({ heading: b.heading, districts: b.districts, tasks: b.tasks.map((x) => (typeof x === 'string' ? { text: x } : x)) })),
    targetGroups: t.targetGroups.map((s) => ({
      heading: s.heading,
      note: s.note ?? null,
      items: s.items.map((i) => (typeof i === 'string' ? { key: `${t.slug}/d${++d}`, text: i, groups: [] } : { key: i.key ?? `${t.slug}/d${++d}`, text: i.text, groups: i.groups })),
    })),
    principleGroups: t.principleGroups.map((g) => ({
      title: g.title,
      intro: g.intro ?? null,
      listTitle: g.listTitle ?? null,
      note: g.note ?? null,
      appendix: g.appendix ?? null,
      items: g.items.map((i) => (typeof i === 'string' ? { key: `${t.slug}/p${++p}`, text: i } : { key: i.key ?? `${t.slug}/p${++p}`, text: i.text, description: i.description ?? null })),
    })),
    extra: t.extra,
  };
}

/** Content of the call period from the seed. */
const periodContentFromSeed = (seed: FrameworkSeed): PeriodContent => ({ source: seed.callPeriod.source, ...seed.call });

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
        .values({ tenantId: tx.tenant, code: seed.callPeriod.code, name: seed.callPeriod.name, startYear: seed.callPeriod.startYear, endYear: seed.callPeriod.endYear, content: periodContentFromSeed(seed) })
        .returning();
      created.push(`call period ${period.code}`);
    } else if (!isCurrentContent(period.content)) {
      // A database loaded before the call's §3–§5 and keyed lists were transcribed: fill them in (same call, same period).
      await db.update(callPeriods).set({ content: periodContentFromSeed(seed) }).where(eq(callPeriods.id, period.id));
      created.push(`call period ${period.code}: keyed levels, criteria and §3–§5`);
    }

    for (const t of seed.themes) {
      const [existing] = await db.select({ id: themes.id, currentVersion: themes.currentVersion }).from(themes).where(and(eq(themes.callPeriodId, period.id), eq(themes.slug, t.slug)));
      if (existing) {
        // Upgrade a theme nobody has edited yet (only versions by the seed, in the old unkeyed shape) to the complete
        // transcription, as a new version: history stays, platform edits are never overwritten.
        const versions = await db.select({ by: themeVersions.createdByLabel, content: themeVersions.content }).from(themeVersions).where(eq(themeVersions.themeId, existing.id));
        if (versions.every((v) => v.by === 'seed') && !versions.some((v) => isCurrentContent(v.content))) {
          const next = existing.currentVersion + 1;
          await db.insert(themeVersions).values({ tenantId: tx.tenant, themeId: existing.id, version: next, content: themeContentFromSeed(t), changeNote: 'Volledige transcriptie: principes, doelgroepen en gebiedsopgaven met vaste sleutels', createdByLabel: 'seed' });
          await db.update(themes).set({ currentVersion: next }).where(eq(themes.id, existing.id));
          created.push(`theme ${t.slug} version ${next}`);
        }
        continue;
      }
      const [theme] = await db.insert(themes).values({ tenantId: tx.tenant, callPeriodId: period.id, slug: t.slug, position: t.position, currentVersion: 1 }).returning();
      await db.insert(themeVersions).values({
        tenantId: tx.tenant,
        themeId: theme.id,
        version: 1,
        content: themeContentFromSeed(t),
        changeNote: `Overgenomen uit ${seed.callPeriod.name}`,
        createdByLabel: 'seed',
      });
      created.push(`theme ${t.slug}`);
    }

    if (seed.report) {
      const { code, title, year, source, ...content } = seed.report;
      const inserted = await db.insert(frameworkReports).values({ tenantId: tx.tenant, code, title, year, source, content }).onConflictDoNothing().returning({ id: frameworkReports.id });
      if (inserted.length) created.push(`report ${code}`);
    }
    const terms = [
      ...seed.targetGroupList.items.map((g, i) => ({ kind: 'target-group' as const, key: g.key, position: i, data: { name: g.name } })),
      ...(seed.pass ? [{ kind: 'pass' as const, key: seed.pass.key, position: 0, data: { ...seed.pass } }] : []),
    ];
    const addedTerms = terms.length
      ? await db
          .insert(frameworkTerms)
          .values(terms.map((x) => ({ tenantId: tx.tenant, ...x })))
          .onConflictDoNothing()
          .returning({ id: frameworkTerms.id })
      : [];
    if (addedTerms.length) created.push(`${addedTerms.length} terms`);

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
  // Theme leads are stored by organisation id: the network module's seed step resolves the report's names.
  return { created };
}
