// Demo data of the catalogue module, from a seeded generator (same seed → same data); seeding again adds nothing.
// 300 activities × scale over all themes and districts, by the demo organisations, partly at the demo locations.
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { maintain } from '../../platform/db/client.ts';
import type { Rng } from '../../platform/rng.ts';
import { activities } from './schema.ts';
import { columnsFor } from './service.ts';
import { loadRefs, type FrameworkRefs } from './refs.ts';
import { demoTemplates, type DemoTemplate } from './demo-templates.ts';
import { languageCodes, type ActivityData } from './types.ts';
import { listOrganisations } from '../network/service.ts';
import { listLocations } from '../places/service.ts';

export const ACTIVITIES_PER_SCALE = 300;
const BATCH = 500;
const preferredTypes = ['core-partner', 'subcontractor', 'volunteer-organisation', 'resident-initiative'];
const startTimes: Record<DemoTemplate['daypart'], string[]> = { ochtend: ['09:00', '09:30', '10:00', '10:30'], middag: ['13:00', '13:30', '14:00', '15:00'], avond: ['19:00', '19:30', '20:00'] };
const customRules = ['FREQ=MONTHLY;BYDAY=1TU', 'FREQ=MONTHLY;BYDAY=-1FR', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE', 'FREQ=MONTHLY;BYDAY=2SA', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'FREQ=MONTHLY;BYMONTHDAY=15'];
const streets = ['Floris van Adrichemlaan', 'Van Zeggelenplein', 'Boerhaavelaan', 'Kennemerplein', 'Rijksstraatweg', 'Zaanenstraat', 'Amsterdamstraat', 'Spaarndamseweg', 'Europaweg', 'Zijlweg', 'Leidsevaart', 'Gedempte Oude Gracht'];

const addMinutes = (time: string, minutes: number) => {
  const total = Math.min(23 * 60 + 45, Number(time.slice(0, 2)) * 60 + Number(time.slice(3)) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
};
const dateFrom = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Demo dates run from the Monday nine weeks before the day of seeding, so the demo city always has a believable
 * mix: most one-off activities still to come, a few already past. The same seed on the same day gives the same data.
 */
function demoSeasonStart(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - (sinceMonday + 63) * 86_400_000).toISOString().slice(0, 10);
}
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

interface Generated {
  key: string;
  organisationId: string;
  status: 'draft' | 'published' | 'ended';
  data: ActivityData;
}

/** The i-th demo activity. Only the rng's sequence decides, so activity i is the same at every scale. */
function generate(i: number, rng: Rng, refs: FrameworkRefs, orgIds: string[], places: { id: string; name: string; address: string; districtCode: string | null }[], season: string): Generated {
  const theme = refs.themes[i % refs.themes.length];
  const district = refs.districts[Math.floor(i / refs.themes.length) % refs.districts.length];
  const tpl = rng.pick(demoTemplates[theme.slug] ?? Object.values(demoTemplates).flat());
  const wijken = refs.neighbourhoods.filter((n) => n.kind === 'wijk' && n.districtCode === district.code);
  const wijk = wijken.length ? rng.pick(wijken) : null;
  const subGoals = rng.sample(theme.subGoals, rng.int(1, 2));
  const principles = rng.sample(theme.principles, rng.int(0, 2)).map((p) => p.key);
  const localPlaces = places.filter((p) => p.districtCode === district.code);
  const place = localPlaces.length && rng.chance(0.6) ? rng.pick(localPlaces) : null;
  const where = wijk?.name ?? district.name;
  const title = tpl.title.replace('{wijk}', where);
  const goals = subGoals.map((s) => lower(s.text.replace(/\.$/, ''))).join('; ');
  const description = `${tpl.description}\n\nDit draagt bij aan: ${goals}.`;
  const start = rng.pick(startTimes[tpl.daypart]);
  const end = addMinutes(start, tpl.minutes);
  const offset = rng.int(0, 300);
  const roll = rng.next();
  // Weekly activities have run for a year or more (their sessions of the past year are in the reach demo); one-off
  // and custom ones start within the next ten months.
  const startDate = roll < 0.7 ? dateFrom(season, -365 - Math.floor(offset / 3)) : dateFrom(season, offset);
  const schedule: ActivityData['schedule'] =
    roll < 0.7
      ? { kind: 'weekly', startDate, startTime: start, endTime: end, weekdays: rng.sample([1, 2, 3, 4, 5, 6], rng.chance(0.8) ? 1 : 2).sort(), untilDate: rng.chance(0.2) ? dateFrom(season, rng.int(120, 360)) : null, endDate: null, rrule: null }
      : roll < 0.85
        ? { kind: 'one-off', startDate, startTime: start, endTime: end, weekdays: [], endDate: null, untilDate: null, rrule: null }
        : { kind: 'custom', startDate, startTime: start, endTime: end, weekdays: [], rrule: rng.pick(customRules), endDate: null, untilDate: null };
  const paid = tpl.paid ? rng.chance(0.8) : rng.chance(0.15);
  const costCents = paid ? rng.pick([150, 250, 300, 500, 750, 1000, 1500]) : 0;
  const others = languageCodes.filter((l) => l !== 'nl');
  const languages = ['nl', ...(rng.chance(0.3) ? rng.sample(others, rng.int(1, 2)) : [])] as ActivityData['languages'];
  const status = rng.chance(0.05) ? 'draft' : rng.chance(0.03) ? 'ended' : 'published';
  const organisationId = rng.pick(orgIds);
  const wheelchair = place ? rng.chance(0.85) : rng.chance(0.6);
  return {
    key: `demo-${i}`,
    organisationId,
    status,
    data: {
      organisationId,
      partnerOrganisationIds: [],
      title,
      description,
      kind: tpl.kind ?? 'activity',
      themes: [theme.slug],
      subGoals: subGoals.map((s) => s.key),
      principles,
      targetGroups: tpl.targetGroups.filter((g) => refs.targetGroups.some((x) => x.key === g)),
      districtCode: district.code,
      neighbourhoodCode: wijk?.code ?? null,
      locationId: place?.id ?? null,
      locationName: place ? place.name : `Buurtcentrum ${where} (demo)`,
      locationAddress: place ? place.address : `${rng.pick(streets)} ${rng.int(1, 180)}, Haarlem`,
      schedule,
      costCents,
      haarlemPas: paid ? rng.pick(['free', 'reduced', 'none'] as const) : 'none',
      wheelchairAccessible: wheelchair,
      accessibilityDetails: wheelchair ? rng.pick(['Drempelvrij, met invalidentoilet.', 'Ingang zonder drempels; lift naar de eerste verdieping.', 'Gelijkvloers, ringleiding aanwezig.']) : rng.pick(['', 'Trap naar de eerste verdieping, geen lift.']),
      languages,
      howToJoin: tpl.join,
      contact: rng.pick(['Bel 023 543 00 00 of loop binnen.', 'Mail naar info@wijkcentrum.example.nl.', 'Vraag naar de coördinator in het Huis van de Wijk.', 'Aanmelden via de website of bij de balie.']),
      sensitive: !!tpl.sensitive,
    },
  };
}

/** After a bulk load: move GIN pending entries into the indexes, refresh statistics and the visibility map, so search is fast at once. */
async function refreshSearchIndexes(ctx: ServiceContext) {
  // Maintenance is the tables' owner's business (the app's role may not do it). VACUUM also sets the visibility
  // map, so counts can use index-only scans; it cannot run inside a transaction.
  await maintain(ctx.db, [
    "select gin_clean_pending_list(c.oid) from pg_class c where c.relname in ('activities_search_idx', 'activities_themes_idx', 'activities_target_groups_idx', 'activities_languages_idx', 'activities_days_idx')",
    'vacuum analyze activities',
  ]);
}

export async function seedCatalogueDemo(ctx: ServiceContext, rng: Rng, scale: number): Promise<string[]> {
  requireSystem(ctx);
  const wanted = ACTIVITIES_PER_SCALE * Math.max(1, scale);
  const refs = await loadRefs(ctx);
  if (refs.themes.length === 0 || refs.districts.length === 0) return ['aanbod: geen kader, geen demo-activiteiten'];
  const organisations = await listOrganisations(ctx);
  const preferred = organisations.filter((o) => preferredTypes.includes(o.type));
  const orgIds = (preferred.length ? preferred : organisations).map((o) => o.id);
  if (orgIds.length === 0) return ['aanbod: geen organisaties, geen demo-activiteiten'];
  const places = (await listLocations(ctx)).map((l) => ({ id: l.id, name: l.name, address: l.address, districtCode: l.districtCode }));
  const existing = new Set(
    (await ctx.db.select({ key: activities.seedKey }).from(activities).where(and(eq(activities.tenantId, ctx.tenant), isNotNull(activities.seedKey)))).map((r) => r.key),
  );
  const season = demoSeasonStart(ctx.now());
  const at = new Date(`${dateFrom(season, -14)}T08:00:00Z`);
  let added = 0;
  let batch: (typeof activities.$inferInsert)[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await ctx.db.insert(activities).values(batch);
    added += batch.length;
    batch = [];
  };
  for (let i = 0; i < wanted; i++) {
    const g = generate(i, rng, refs, orgIds, places, season);
    if (existing.has(g.key)) continue;
    const { values, errors } = columnsFor(g.data, refs);
    if (errors.length) throw new Error(`demo activity ${g.key} is invalid: ${JSON.stringify(errors)}`);
    batch.push({
      ...values,
      tenantId: ctx.tenant,
      organisationId: g.organisationId,
      status: g.status,
      publishedAt: g.status === 'draft' ? null : at,
      endedAt: g.status === 'ended' ? at : null,
      seedKey: g.key,
      createdAt: at,
      updatedAt: at,
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (added) await refreshSearchIndexes(ctx);
  return [added ? `aanbod: ${added} demo-activiteiten toegevoegd (${wanted} in totaal)` : 'aanbod: demo-activiteiten al aanwezig'];
}
