import { z } from 'zod';

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
