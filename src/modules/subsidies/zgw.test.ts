// Contract test of the Common Ground adapter: the zaak and besluit it makes are checked against a JSON schema of
// the ZGW resource fields (zgw-schemas.json), for ordinary and extreme input (long names, many organisations),
// and the RSIN passes the eleven-test the ZGW APIs apply. No Open Zaak server involved.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import { z } from 'zod';
import fc from 'fast-check';
import { applicationToZaak, decisionToBesluit, type ZgwSettings } from './zgw.ts';
import type { ApplicationView } from './application-service.ts';
import type { GrantView, DecisionView } from './grant-service.ts';

const schemas = JSON.parse(fs.readFileSync(new URL('./zgw-schemas.json', import.meta.url), 'utf8')) as { zaak: object; besluit: object };
const zaakSchema = z.fromJSONSchema(schemas.zaak as never);
const besluitSchema = z.fromJSONSchema(schemas.besluit as never);
const settings: ZgwSettings = { rsin: '123456782', zaaktype: 'https://catalogi.example.nl/api/v1/zaaktypen/3f2a', besluittype: 'https://catalogi.example.nl/api/v1/besluittypen/9c1d' };

/** The eleven-test of an RSIN (as the ZGW APIs validate bronorganisatie and verantwoordelijkeOrganisatie). */
const elfproef = (rsin: string) => /^\d{9}$/.test(rsin) && [...rsin].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0) % 11 === 0;

const application = (name: string, members: number, id = '5d3e8f0a-1b2c-4d5e-8f90-123456789abc'): ApplicationView =>
  ({
    id,
    status: 'submitted',
    version: 12,
    submittedVersion: 12,
    submittedAt: new Date('2019-09-30T10:00:00Z'),
    returnComment: '',
    table: { id, themeSlug: `thema-${name.toLowerCase().replace(/\W+/g, '-')}`, themeName: name, ceilingCents: 1, chairKind: 'municipality', chairName: '', members: Array.from({ length: members }, (_, i) => ({ id: `${i}`, name: `Organisatie ${i} ${name}` })), application: null },
    call: { id, periodCode: '2020-2023', title: 'Uitvraag', startYear: 2020, endYear: 2023, applicationDeadline: '2019-10-01', decisionDeadline: '2019-12-15', open: false, ceilingCents: 1, tableCount: 7, criteria: [] },
    years: [2020, 2021, 2022, 2023],
    sections: [],
    budget: [],
    totalCents: 504_000_000,
    plans: [],
    may: { edit: false, editBudgetFor: [], submit: false, return: false },
  }) as ApplicationView;

const decision = (kind: DecisionView['kind'], reason = ''): DecisionView => ({ number: kind === 'grant' ? 1 : 3, kind, reference: kind === 'grant' ? 'SB-2020-2023-0001' : 'SB-2020-2023-0001/3', year: kind === 'grant' ? null : 2021, basisPoints: kind === 'indexation' ? 250 : null, reason, decidedOn: '2020-12-01', decidedBy: 'Bram', deltaCents: 1_962_500, years: [], totalCents: 308_462_500 });
const grant = { organisationName: 'DOCK Haarlem', years: [2020, 2021, 2022, 2023].map((year) => ({ year, wageCents: 1, otherCents: 1 })) } as GrantView;

describe('Common Ground adapter (contract)', () => {
  it('an application is a valid Zaak', () => {
    const zaak = applicationToZaak(application('Ontmoeten', 3), settings, new Date('2020-01-01T00:00:00Z'));
    expect(zaakSchema.safeParse(zaak).error?.issues ?? []).toEqual([]);
    expect(zaak).toMatchObject({ bronorganisatie: settings.rsin, zaaktype: settings.zaaktype, startdatum: '2019-09-30', uiterlijkeEinddatumAfdoening: '2019-12-15' });
    expect(elfproef(zaak.bronorganisatie)).toBe(true);
    // the schema is not a formality: a field too long or a wrong date is caught
    expect(zaakSchema.safeParse({ ...zaak, omschrijving: 'x'.repeat(81) }).success).toBe(false);
    expect(zaakSchema.safeParse({ ...zaak, startdatum: '30-09-2019' }).success).toBe(false);
    expect(zaakSchema.safeParse({ ...zaak, zaaktype: undefined }).success).toBe(false);
  });

  it('every decision is a valid Besluit', () => {
    for (const kind of ['grant', 'adjustment', 'indexation'] as const) {
      const b = decisionToBesluit(grant, decision(kind, 'Jaarlijkse indexering.'), settings);
      expect(besluitSchema.safeParse(b).error?.issues ?? [], kind).toEqual([]);
      expect(b.uiterlijkeReactiedatum).toBe('2021-01-12');
    }
    expect(decisionToBesluit(grant, decision('grant'), settings)).toMatchObject({ vervaldatum: '2023-12-31', vervalreden: 'tijdelijk' });
  });

  it('stays within the lengths for any names and reasons', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 120 }), fc.string({ maxLength: 3000 }), (name, members, reason) => {
        expect(zaakSchema.safeParse(applicationToZaak(application(name, members), settings, new Date())).success).toBe(true);
        expect(besluitSchema.safeParse(decisionToBesluit({ ...grant, organisationName: name }, decision('adjustment', reason), settings)).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('the example RSINs pass the eleven-test', () => {
    expect(elfproef('123456782')).toBe(true);
    expect(elfproef('123456789')).toBe(false);
  });
});
