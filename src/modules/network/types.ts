// Shapes of the network module shared by service, API, pages and demo data.
import { z } from '../../platform/zod.ts';

export const organisationTypes = [
  'municipality',
  'cooperative',
  'core-partner',
  'subcontractor',
  'volunteer-organisation',
  'resident-initiative',
  'chain-partner',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];
export const organisationTypeSchema = z.enum(organisationTypes);

/** The three roles of the Driehoek per district: area connector, district team contact, community worker. */
export const driehoekRoles = ['gebiedsverbinder', 'sociaal-wijkteam', 'opbouwwerker'] as const;
export type DriehoekRole = (typeof driehoekRoles)[number];
export const driehoekRoleSchema = z.enum(driehoekRoles);

/**
 * Suggested areas of expertise (shown as checkboxes). People may also have other tags:
 * a specialism is any short lower-case tag, e.g. "schulden" or "laaggeletterdheid".
 */
export const expertiseAreas = ['schulden', 'opvoeding', 'jeugd', 'eenzaamheid', 'mantelzorg', 'werk', 'gezondheid', 'taal', 'vrijwilligerswerk', 'wonen', 'ouderen', 'armoede'] as const;

/** Rejects HTML tags in plain text fields: a clear message instead of silently stored markup. */
const noHtml = (s: string) => !/<\/?[a-z!][^>]*>/i.test(s);
export const plainText = (max: number) => z.string().trim().max(max).refine(noHtml, { message: 'network.noHtml' });
export const requiredText = (min: number, max: number) => z.string().trim().min(1).min(min).max(max).refine(noHtml, { message: 'network.noHtml' });

/** Empty string → null, so optional form fields can be left blank. */
const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
export const optionalEmail = z.preprocess(blankToNull, z.email().max(200).nullable().optional());
export const optionalPhone = z.preprocess(blankToNull, z.string().trim().refine((s) => /^\+?[0-9][0-9 ()-]{5,19}$/.test(s), { message: 'network.phoneFormat' }).nullable().optional());
/** Only http(s) links: a website is shown as a link, so javascript: and similar are refused. */
export const optionalWebsite = z.preprocess(blankToNull, z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).max(300).nullable().optional());

export const tag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => /^[a-z0-9à-ÿ][a-z0-9à-ÿ -]{0,39}$/.test(s), { message: 'network.tagFormat' });
const codeList = (max: number) => z.array(z.string().trim().min(1).max(100)).max(max);

export const organisationProfileShape = {
  description: plainText(5000).optional(),
  website: optionalWebsite,
  contactEmail: optionalEmail,
  contactPhone: optionalPhone,
  /** District codes (framework) where the organisation is active. */
  districts: codeList(50).optional(),
  /** Theme slugs (framework, latest call period) the organisation works on. */
  themes: codeList(50).optional(),
};

export const personInput = z.object({
  name: requiredText(2, 200),
  jobTitle: requiredText(2, 200),
  workEmail: optionalEmail,
  workPhone: optionalPhone,
  /** The broad base of the T: e.g. "Sociaal werk", "Jongerenwerk". */
  generalistArea: requiredText(2, 100),
  /** The deep part of the T: one or more specialisms (tags). */
  specialisms: z.array(tag).min(1).max(10),
  districts: codeList(50).default([]),
  themes: codeList(50).default([]),
  /** At most one Driehoek role per district. */
  /** `wijk`: the CBS wijk code when the role is for one wijk of the district (the sources work per district and per wijk). */
  driehoek: z.array(z.object({ district: z.string().trim().min(1).max(100), role: driehoekRoleSchema, wijk: z.string().trim().max(20).nullish() })).max(50).default([]),
});
export type PersonInput = z.input<typeof personInput>;
