// What the catalogue needs from the framework (themes, sub-goals, principles, districts, neighbourhoods),
// read through the framework's service. Search pages read it through the platform cache, under the framework's
// tag, so any change to the framework drops it; writes always read fresh.
import { listThemes, listDistricts, listNeighbourhoods, frameworkEntry } from '../framework/service.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { cached } from '../../platform/cache.ts';
import { AppError } from '../../platform/http/errors.ts';

export interface FrameworkRefs {
  themes: { slug: string; name: string; subGoals: { key: string; text: string }[]; principles: string[] }[];
  districts: { code: string; name: string }[];
  neighbourhoods: { code: string; name: string; kind: 'wijk' | 'buurt'; districtCode: string | null }[];
}

export async function loadRefs(ctx: ServiceContext): Promise<FrameworkRefs> {
  // A municipality without a call period yet has no themes; any other failure is a failure (never an empty list).
  const noPeriod = (err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') return [];
    throw err;
  };
  const [themes, districts, neighbourhoods] = await Promise.all([listThemes(ctx).catch(noPeriod), listDistricts(ctx), listNeighbourhoods(ctx)]);
  return {
    themes: themes.map((t) => ({
      slug: t.slug,
      name: t.name,
      subGoals: t.subGoalGroups.flatMap((g) => g.subGoals),
      principles: t.principleGroups.flatMap((g) => g.items),
    })),
    districts: districts.map((d) => ({ code: d.code, name: d.name })),
    neighbourhoods: neighbourhoods.map((n) => ({ code: n.code, name: n.name, kind: n.kind, districtCode: n.districtCode })),
  };
}

/** Framework lists for search forms and labels, cached with the framework (dropped by any change to it). */
export const cachedRefs = (ctx: ServiceContext): Promise<FrameworkRefs> => cached(ctx.db, frameworkEntry(ctx, ['catalogue-refs']), () => loadRefs(ctx));

export const themeName = (refs: FrameworkRefs, slug: string) => refs.themes.find((t) => t.slug === slug)?.name ?? slug;
export const districtName = (refs: FrameworkRefs, code: string | null) => (code ? (refs.districts.find((d) => d.code === code)?.name ?? code) : '');
export const neighbourhoodName = (refs: FrameworkRefs, code: string | null) => (code ? (refs.neighbourhoods.find((n) => n.code === code)?.name ?? code) : '');
export const subGoalText = (refs: FrameworkRefs, key: string) => refs.themes.flatMap((t) => t.subGoals).find((s) => s.key === key)?.text ?? key;
