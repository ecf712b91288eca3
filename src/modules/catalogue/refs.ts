// What the catalogue needs from the framework (themes, sub-goals, principles, districts, neighbourhoods),
// read through the framework's service. Search pages use a short-lived cache; writes always read fresh.
import { listThemes, listDistricts, listNeighbourhoods } from '../framework/service.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { cached } from '../../platform/cache.ts';

export interface FrameworkRefs {
  themes: { slug: string; name: string; subGoals: { key: string; text: string }[]; principles: string[] }[];
  districts: { code: string; name: string }[];
  neighbourhoods: { code: string; name: string; kind: 'wijk' | 'buurt'; districtCode: string | null }[];
}

export async function loadRefs(ctx: ServiceContext): Promise<FrameworkRefs> {
  const [themes, districts, neighbourhoods] = await Promise.all([listThemes(ctx).catch(() => []), listDistricts(ctx), listNeighbourhoods(ctx)]);
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

/** Framework lists for search forms and labels, cached for half a minute per database and tenant. */
export const cachedRefs = (ctx: ServiceContext): Promise<FrameworkRefs> => cached(ctx.db, `catalogue:refs:${ctx.tenant}`, 30_000, () => loadRefs(ctx));

export const themeName = (refs: FrameworkRefs, slug: string) => refs.themes.find((t) => t.slug === slug)?.name ?? slug;
export const districtName = (refs: FrameworkRefs, code: string | null) => (code ? (refs.districts.find((d) => d.code === code)?.name ?? code) : '');
export const neighbourhoodName = (refs: FrameworkRefs, code: string | null) => (code ? (refs.neighbourhoods.find((n) => n.code === code)?.name ?? code) : '');
export const subGoalText = (refs: FrameworkRefs, key: string) => refs.themes.flatMap((t) => t.subGoals).find((s) => s.key === key)?.text ?? key;
