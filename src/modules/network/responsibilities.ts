// "Wie doet wat": per theme the lead organisation(s), per district the Driehoek, and the organisations and people working on both.
import { z } from '../../platform/zod.ts';
import { getReport } from '../framework/service.ts';
import { invalid, type FieldError } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { driehoekRoles, type DriehoekRole } from './types.ts';
import { frameworkRefs } from './refs.ts';
import { listOrganisations, type OrganisationView } from './organisations.ts';
import { listDriehoek, listPeople, type PersonView } from './people.ts';

export const responsibilityQuery = z.object({
  theme: z.string().trim().max(100).optional(),
  district: z.string().trim().max(100).optional(),
  expertise: z.string().trim().toLowerCase().max(40).optional(),
});
export type ResponsibilityQuery = z.input<typeof responsibilityQuery>;

export interface ThemeLeads {
  theme: { slug: string; name: string };
  /** Lead organisations according to the 2021 report: its wording, and the organisation's id in the network. */
  organisations: { name: string; id: string | null }[];
}

export interface DistrictDriehoek {
  district: { code: string; name: string };
  roles: { role: DriehoekRole; people: PersonView[] }[];
}

export interface Responsibilities {
  theme: { slug: string; name: string } | null;
  district: { code: string; name: string } | null;
  expertise: string | null;
  /** The Driehoek as the 2021 report describes it; null for a municipality without one. */
  driehoekDescription: string | null;
  leads: ThemeLeads[];
  driehoek: DistrictDriehoek[];
  /** Organisations and people active on the chosen theme and district; empty until something is chosen. */
  filtered: boolean;
  organisations: OrganisationView[];
  people: PersonView[];
}

export async function findResponsibilities(ctx: ServiceContext, raw: ResponsibilityQuery): Promise<Responsibilities> {
  const q = responsibilityQuery.parse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined)));
  const refs = await frameworkRefs(ctx);
  const errors: FieldError[] = [];
  if (q.theme && !refs.themes.has(q.theme)) errors.push({ field: 'theme', message: 'network.unknownTheme', code: 'unknown' });
  if (q.district && !refs.districts.has(q.district)) errors.push({ field: 'district', message: 'error.unknownDistrict', code: 'unknown' });
  if (errors.length) throw invalid(errors);

  const themeSlugs = q.theme ? [q.theme] : [...refs.themes.keys()];
  const leads = themeSlugs.map((slug) => ({ theme: { slug, name: refs.themes.get(slug)!.name }, organisations: refs.themes.get(slug)!.leads }));

  const driehoekDescription = (await getReport(ctx))?.content.driehoek?.description ?? null;
  const assignments = await listDriehoek(ctx, q.district);
  const districtCodes = q.district ? [q.district] : [...refs.districts.keys()];
  const driehoek = districtCodes.map((code) => ({
    district: { code, name: refs.districts.get(code)! },
    roles: driehoekRoles.map((role) => ({
      role,
      people: assignments.filter((a) => a.district === code && a.role === role).map((a) => a.person),
    })),
  }));

  const filtered = !!(q.theme || q.district || q.expertise);
  const organisations = filtered && !q.expertise ? await listOrganisations(ctx, { theme: q.theme, district: q.district }) : [];
  const people = filtered ? await listPeople(ctx, { theme: q.theme, district: q.district, expertise: q.expertise }) : [];
  return {
    theme: q.theme ? { slug: q.theme, name: refs.themes.get(q.theme)!.name } : null,
    district: q.district ? { code: q.district, name: refs.districts.get(q.district)! } : null,
    expertise: q.expertise ?? null,
    driehoekDescription,
    leads,
    driehoek,
    filtered,
    organisations,
    people,
  };
}
