// The network's demo data: every type present, profiles and people filled in, the Driehoek per district; same seed → same data; safe to repeat.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { createRng } from '../../platform/rng.ts';
import { DEMO_SEED } from '../../platform/seed.ts';
import { organisationTypes } from './types.ts';
import { listOrganisations, listPeople, listDriehoek, findResponsibilities } from './service.ts';
import { seedNetworkDemo } from './demo.ts';
import type { ServiceContext } from '../../platform/context.ts';

const snapshot = async (ctx: ServiceContext) => {
  const orgs = await listOrganisations(ctx);
  const people = await listPeople(ctx);
  return {
    orgs: orgs.map((o) => `${o.name}|${o.type}|${o.districts}|${o.themes}|${o.contactEmail}`),
    people: people.map((p) => `${p.organisationName}|${p.name}|${p.jobTitle}|${p.specialisms}|${p.districts}|${p.driehoek.map((d) => d.district + d.role)}`),
  };
};

describe.each(dbKinds)('network demo data (%s)', (kind) => {
  let one: TestDatabase;
  let two: TestDatabase;
  let firstReport: string[];
  beforeAll(async () => {
    [one, two] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
    await Promise.all([seedFramework(one), seedFramework(two)]);
    // Database one gets the demo network at scale 1 here, so every test can rely on it whatever ran before.
    firstReport = await seedNetworkDemo(ctxFor(one), createRng(DEMO_SEED), 1);
  });
  afterAll(async () => {
    await one?.drop();
    await two?.drop();
  });

  it('makes a believable network, and adds nothing the second time', async () => {
    const ctx = ctxFor(one);
    expect(firstReport[0]).toMatch(/^netwerk: \d+ demo-organisaties toegevoegd/);
    const orgs = await listOrganisations(ctx);
    expect(orgs.length).toBeGreaterThanOrEqual(60);
    for (const type of organisationTypes) expect(orgs.some((o) => o.type === type), type).toBe(true);
    const subcontractors = orgs.filter((o) => o.type === 'subcontractor');
    expect(subcontractors).toHaveLength(15);
    expect(subcontractors.every((o) => o.name.endsWith(' (demo)'))).toBe(true);
    expect(new Set(subcontractors.flatMap((o) => o.districts)).size).toBe(5);
    for (const o of orgs) {
      expect(o.districts.length, o.name).toBeGreaterThan(0);
      expect(o.themes.length, o.name).toBeGreaterThan(0);
    }
    for (const o of orgs.filter((x) => x.type === 'subcontractor')) {
      const n = (await listPeople(ctx, { organisationId: o.id })).length;
      expect(n, o.name).toBeGreaterThanOrEqual(2);
      expect(n, o.name).toBeLessThanOrEqual(4);
    }
    for (const o of orgs.filter((x) => x.type === 'core-partner')) expect((await listPeople(ctx, { organisationId: o.id })).length, o.name).toBeGreaterThanOrEqual(2);
    // Placed by name: a wijkraad lies in the district of its wijk.
    expect(orgs.find((o) => o.name === 'Wijkraad Meerwijk')?.districts).toEqual(['schalkwijk']);
    // The Driehoek: in every district one of each role.
    const driehoek = await listDriehoek(ctx);
    for (const district of ['centrum', 'noord', 'oost', 'schalkwijk', 'zuid-west']) {
      expect(driehoek.filter((d) => d.district === district).map((d) => d.role).sort(), district).toEqual(['gebiedsverbinder', 'opbouwwerker', 'sociaal-wijkteam']);
    }
    expect(driehoek.filter((d) => d.role === 'gebiedsverbinder').every((d) => d.person.organisationName === 'Gemeente Haarlem')).toBe(true);
    expect(driehoek.filter((d) => d.role === 'sociaal-wijkteam').every((d) => d.person.organisationName === 'Sociaal Wijkteam Haarlem')).toBe(true);
    const r = await findResponsibilities(ctx, { theme: 'ontmoeten', district: 'schalkwijk' });
    expect(r.organisations.length).toBeGreaterThan(0);

    const before = await snapshot(ctx);
    expect(await seedNetworkDemo(ctx, createRng(DEMO_SEED), 1)).toEqual(['netwerk: al aanwezig']);
    expect(await snapshot(ctx)).toEqual(before);
  });

  it('gives the same data for the same seed; a larger scale adds to it', async () => {
    await seedNetworkDemo(ctxFor(two), createRng(DEMO_SEED), 2);
    const small = await snapshot(ctxFor(one));
    const large = await snapshot(ctxFor(two));
    expect((await listOrganisations(ctxFor(two))).filter((o) => o.type === 'subcontractor')).toHaveLength(30);
    expect(large.orgs).toEqual(expect.arrayContaining(small.orgs));
    expect(large.people).toEqual(expect.arrayContaining(small.people));
    expect(large.people.length).toBeGreaterThan(small.people.length);
  });
});
