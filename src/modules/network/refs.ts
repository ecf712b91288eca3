// The framework data the network refers to (district codes, theme slugs and their lead organisations), read through the framework's service.
import { getReport, listDistricts, listNeighbourhoods, listThemes } from '../framework/service.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';

export interface FrameworkRefs {
  /** District code → name, in the framework's order. */
  districts: Map<string, string>;
  /** Wijk code (CBS) → the district it belongs to. */
  wijken: Map<string, string | null>;
  /** Wijk code (CBS) → name. */
  wijkNames: Map<string, string>;
  /** Theme slug → name and the organisations that lead it according to the 2021 report (its wording, and the id it resolves to). */
  themes: Map<string, { name: string; leads: { name: string; id: string | null }[] }>;
}

export async function frameworkRefs(ctx: ServiceContext): Promise<FrameworkRefs> {
  const ds = await listDistricts(ctx);
  let ts: Awaited<ReturnType<typeof listThemes>> = [];
  try {
    ts = await listThemes(ctx);
  } catch (err) {
    // A municipality without a call period yet has no themes.
    if (!(err instanceof AppError && err.code === 'not_found')) throw err;
  }
  const [report, neighbourhoods] = await Promise.all([getReport(ctx), listNeighbourhoods(ctx)]);
  const leadsOf = (slug: string) =>
    (report?.content.themeLeads ?? []).filter((l) => l.themeSlug === slug).flatMap((l) => l.organisations.map((name, i) => ({ name, id: l.organisationIds?.[i] ?? null })));
  return {
    districts: new Map(ds.map((d) => [d.code, d.name])),
    wijken: new Map(neighbourhoods.filter((n) => n.kind === 'wijk').map((n) => [n.code, n.districtCode])),
    wijkNames: new Map(neighbourhoods.filter((n) => n.kind === 'wijk').map((n) => [n.code, n.name])),
    themes: new Map(ts.map((t) => [t.slug, { name: t.name, leads: leadsOf(t.slug) }])),
  };
}

/** Field errors for unknown district codes and theme slugs. */
export function checkRefs(refs: FrameworkRefs, input: { districts?: string[]; themes?: string[] }, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  const badDistrict = (input.districts ?? []).find((d) => !refs.districts.has(d));
  if (badDistrict !== undefined) out.push({ field: `${prefix}districts`, message: 'error.unknownDistrict', code: 'unknown' });
  const badTheme = (input.themes ?? []).find((t) => !refs.themes.has(t));
  if (badTheme !== undefined) out.push({ field: `${prefix}themes`, message: 'network.unknownTheme', code: 'unknown' });
  return out;
}

/** Sorted like the framework lists them, without duplicates. */
export const inFrameworkOrder = (codes: string[], order: Map<string, unknown>) => {
  const keys = [...order.keys()];
  return [...new Set(codes)].sort((a, b) => keys.indexOf(a) - keys.indexOf(b));
};

/** Themes led by an organisation according to the 2021 report (by organisation id). */
export const themesLedBy = (refs: FrameworkRefs, organisationId: string) => [...refs.themes].filter(([, t]) => t.leads.some((l) => l.id === organisationId)).map(([slug, t]) => ({ slug, name: t.name }));
