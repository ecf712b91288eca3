// Service tests of the network module against a real database (PGlite, and PostgreSQL when DATABASE_URL is set).
import { formErrors } from '../../platform/ui/forms.ts';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import { t } from '../../platform/i18n/index.ts';
import { zodFields } from '../../platform/http/errors.ts';
import { ZodError } from 'zod';
import {
  findOrganisations,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
  updateOrganisationProfile,
  createPerson,
  updatePerson,
  deletePerson,
  getPerson,
  listPeople,
  findResponsibilities,
  type OrganisationView,
} from './service.ts';
import { adminActor, as, buildOrganisation, partnerActor, personFor } from './test-helpers.ts';

async function fails(p: Promise<unknown>): Promise<AppError | ZodError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError || err instanceof ZodError) return err;
    throw err;
  }
  throw new Error('expected an error');
}
const fieldsOf = (e: AppError | ZodError) => (e instanceof ZodError ? zodFields(e, 'nl') : e.fields).map((f) => f.field);

describe.each(dbKinds)('network service (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let admin: ServiceContext;
  let orgA: OrganisationView;
  let orgB: OrganisationView;
  let partnerA: ServiceContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database);
    admin = as(ctx, adminActor);
    orgA = await buildOrganisation(ctx, 'subcontractor');
    orgB = await buildOrganisation(ctx, 'volunteer-organisation');
    partnerA = as(ctx, partnerActor(orgA.id, 'Anna'));
    // Organisation A works on finances in Schalkwijk: every test may rely on this, whatever ran before it.
    await updateOrganisationProfile(admin, orgA.id, { districts: ['schalkwijk'], themes: ['financien-op-orde'] });
  });
  afterAll(async () => database?.drop());

  it('keeps the existing organisations and their profile fields working', async () => {
    const all = await listOrganisations(ctx);
    expect(all.length).toBeGreaterThan(150);
    // A seeded organisation that no test in this file changes.
    const seeded = all.find((o) => o.name === 'Leger des Heils')!;
    expect(seeded).toMatchObject({ type: 'core-partner', districts: [], themes: [], description: '' });
  });

  it('lets partner staff edit their own profile, and nobody else’s', async () => {
    const saved = await updateOrganisationProfile(partnerA, orgA.id, {
      description: 'Wij helpen bij de thuisadministratie.',
      website: 'https://thuisadministratie.example',
      contactEmail: 'info@thuisadministratie.example',
      contactPhone: '023 000 1234',
      districts: ['schalkwijk', 'centrum', 'schalkwijk'],
      themes: ['financien-op-orde'],
    });
    // De-duplicated and in the framework's order.
    expect(saved.districts).toEqual(['centrum', 'schalkwijk']);
    expect(saved.contactEmail).toBe('info@thuisadministratie.example');
    await expect(updateOrganisationProfile(partnerA, orgB.id, { description: 'Overgenomen' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateOrganisation(partnerA, orgB.id, { name: orgB.name, type: orgB.type, description: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    // Partner staff cannot change the name or type (the type decides rates and funding rules).
    const e = await fails(updateOrganisation(partnerA, orgA.id, { name: orgA.name, type: 'volunteer-organisation' }));
    expect(e).toMatchObject({ code: 'forbidden', messageKey: 'network.onlyAdminNameType' });
    // A partner without an organisation, a resident and an anonymous visitor may not either.
    await expect(updateOrganisationProfile(as(ctx, { ...partnerActor(orgA.id), organisationId: null }), orgA.id, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateOrganisationProfile(as(ctx, { ...partnerActor(orgA.id), roles: ['resident'] }), orgA.id, {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateOrganisationProfile(ctx, orgA.id, {})).rejects.toMatchObject({ code: 'unauthenticated' });
    // The administrator may change everything; fields left out stay as they are.
    const renamed = await updateOrganisation(admin, orgB.id, { name: `${orgB.name} hernoemd`, type: 'resident-initiative' });
    expect(renamed).toMatchObject({ type: 'resident-initiative' });
    const kept = await updateOrganisation(admin, orgA.id, { name: orgA.name, type: orgA.type });
    expect(kept.description).toBe('Wij helpen bij de thuisadministratie.');
    expect((await getOrganisation(ctx, orgA.id)).districts).toEqual(['centrum', 'schalkwijk']);
  });

  it('refuses bad profile input with field messages', async () => {
    const e1 = await fails(updateOrganisationProfile(partnerA, orgA.id, { themes: ['bestaat-niet'], districts: ['atlantis'] }));
    expect(e1).toBeInstanceOf(AppError);
    expect(fieldsOf(e1).sort()).toEqual(['districts', 'themes']);
    const e2 = await fails(updateOrganisationProfile(partnerA, orgA.id, { website: 'javascript:alert(1)', contactEmail: 'geen-adres', contactPhone: 'bel me', description: '<script>alert(1)</script>' }));
    expect(fieldsOf(e2).sort()).toEqual(['contactEmail', 'contactPhone', 'description', 'website']);
    const messages = formErrors(e2, 'nl', { description: 'Beschrijving' });
    expect(messages.find((m) => m.field === 'description')?.message).toBe(`Beschrijving: ${t('nl', 'network.noHtml')}`);
    const e3 = await fails(updateOrganisationProfile(partnerA, orgA.id, { description: 'x'.repeat(5001) }));
    expect(fieldsOf(e3)).toEqual(['description']);
  });

  it('filters organisations by type, theme and district, paginated; unknown filters are bad input', async () => {
    const page = await findOrganisations(ctx, { theme: 'financien-op-orde', district: 'schalkwijk' });
    expect(page.items.map((o) => o.id)).toContain(orgA.id);
    expect(page.total).toBe(page.items.length);
    expect((await findOrganisations(ctx, { type: 'subcontractor', district: 'noord' })).items.map((o) => o.id)).not.toContain(orgA.id);
    const p1 = await findOrganisations(ctx, { pageSize: 10, page: 1 });
    const p2 = await findOrganisations(ctx, { pageSize: 10, page: 2 });
    expect(p1.total).toBeGreaterThan(20);
    expect(p1.items).toHaveLength(10);
    expect(p2.items[0].name >= p1.items[9].name || p2.items[0].name.localeCompare(p1.items[9].name) !== 0).toBe(true);
    expect(new Set([...p1.items, ...p2.items].map((o) => o.id)).size).toBe(20);
    expect((await findOrganisations(ctx, { q: 'dock' })).items.map((o) => o.name)).toContain('DOCK Haarlem');
    expect((await findOrganisations(ctx, { q: '%' })).total).toBe(0);
    expect(fieldsOf(await fails(findOrganisations(ctx, { theme: 'onbekend' })))).toEqual(['theme']);
    expect(fieldsOf(await fails(findOrganisations(ctx, { district: 'onbekend' })))).toEqual(['district']);
    expect(fieldsOf(await fails(findOrganisations(ctx, { type: 'bank' as never })))).toEqual(['type']);
  });

  it('audits every change to a person, with the changed fields but not their values', async () => {
    const p = await createPerson(partnerA, orgA.id, personFor({ specialisms: ['schulden', 'Taal', 'schulden'] }));
    expect(p).toMatchObject({ organisationId: orgA.id, organisationName: orgA.name, specialisms: ['schulden', 'taal'], districts: ['schalkwijk'] });
    const updated = await updatePerson(partnerA, orgA.id, p.id, personFor({ jobTitle: 'Schuldhulpverlener', driehoek: [{ district: 'noord', role: 'opbouwwerker' }] }));
    // A Driehoek role in a district means working there.
    expect(updated.districts).toEqual(['noord', 'schalkwijk']);
    expect(updated.driehoek).toEqual([{ district: 'noord', role: 'opbouwwerker' }]);
    await deletePerson(partnerA, orgA.id, p.id);
    await expect(getPerson(ctx, p.id)).rejects.toMatchObject({ code: 'not_found' });
    const events = await findAuditEvents(admin, { subjectType: 'organisation_person', subjectId: p.id });
    expect(events.map((e) => e.action).reverse()).toEqual(['network.person_create', 'network.person_update', 'network.person_delete']);
    const update = events.find((e) => e.action === 'network.person_update')!;
    expect(update.actorLabel).toBe('anna@test.nl');
    expect(update.details).toEqual({ organisationId: orgA.id, fields: ['jobTitle', 'specialisms', 'districts', 'driehoek'] });
    expect(JSON.stringify(events)).not.toContain('Fatima');
  });

  it('keeps partner staff out of other organisations’ people', async () => {
    const inB = await createPerson(admin, orgB.id, personFor({ name: 'Bert Bakker' }));
    await expect(createPerson(partnerA, orgB.id, personFor())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updatePerson(partnerA, orgB.id, inB.id, personFor())).rejects.toMatchObject({ code: 'forbidden' });
    await expect(deletePerson(partnerA, orgB.id, inB.id)).rejects.toMatchObject({ code: 'forbidden' });
    // Through their own organisation, someone else's person is simply not found.
    await expect(updatePerson(partnerA, orgA.id, inB.id, personFor())).rejects.toMatchObject({ code: 'not_found' });
    await expect(deletePerson(partnerA, orgA.id, inB.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getPerson(ctx, inB.id)).name).toBe('Bert Bakker');
    // Nothing was written for the refused attempts.
    expect((await findAuditEvents(admin, { subjectType: 'organisation_person', subjectId: inB.id })).map((e) => e.action)).toEqual(['network.person_create']);
  });

  it('refuses bad person input with field messages', async () => {
    const e = await fails(createPerson(partnerA, orgA.id, personFor({ name: '', jobTitle: '<b>baas</b>', workEmail: 'nee', specialisms: [], themes: ['x'] })));
    // The unknown theme is reported in the same pass as the shape errors (not in a second round).
    expect(fieldsOf(e).sort()).toEqual(['jobTitle', 'name', 'specialisms', 'themes', 'workEmail']);
    const e2 = await fails(createPerson(partnerA, orgA.id, personFor({ specialisms: ['dit is een veel te lang specialisme van meer dan veertig tekens'] })));
    expect(fieldsOf(e2)).toEqual(['specialisms.0']);
    const e3 = await fails(createPerson(partnerA, orgA.id, personFor({ themes: ['x'], districts: ['y'] })));
    expect(fieldsOf(e3).sort()).toEqual(['districts', 'themes']);
    const e4 = await fails(
      createPerson(partnerA, orgA.id, personFor({ driehoek: [{ district: 'noord', role: 'opbouwwerker' }, { district: 'noord', role: 'gebiedsverbinder' }] })),
    );
    expect(e4).toMatchObject({ fields: [{ field: 'driehoek', message: 'network.oneRolePerDistrict' }] });
    const e5 = await fails(createPerson(partnerA, orgA.id, personFor({ driehoek: [{ district: 'noord', role: 'burgemeester' as never }] })));
    expect(fieldsOf(e5)).toEqual(['driehoek.0.role']);
  });

  it('answers who is responsible for what per theme and district', async () => {
    const dock = (await listOrganisations(ctx)).find((o) => o.name === 'DOCK Haarlem')!;
    await updateOrganisation(admin, dock.id, { name: dock.name, type: dock.type, districts: ['schalkwijk'], themes: ['financien-op-orde'] });
    const gemeente = (await listOrganisations(ctx)).find((o) => o.type === 'municipality')!;
    const connector = await createPerson(admin, gemeente.id, personFor({ name: 'Gerda Gebied', jobTitle: 'Gebiedsverbinder', specialisms: ['wonen'], themes: [], driehoek: [{ district: 'schalkwijk', role: 'gebiedsverbinder' }] }));
    const builder = await createPerson(admin, dock.id, personFor({ name: 'Otto Opbouw', jobTitle: 'Opbouwwerker', driehoek: [{ district: 'schalkwijk', role: 'opbouwwerker' }] }));
    const elsewhere = await createPerson(admin, dock.id, personFor({ name: 'Nina Noord', districts: ['noord'] }));

    const r = await findResponsibilities(ctx, { theme: 'financien-op-orde', district: 'schalkwijk' });
    expect(r.theme).toEqual({ slug: 'financien-op-orde', name: expect.any(String) });
    expect(r.leads).toEqual([{ theme: r.theme, organisations: [{ name: 'DOCK Haarlem', id: dock.id }] }]);
    expect(r.driehoek).toHaveLength(1);
    const roles = Object.fromEntries(r.driehoek[0].roles.map((x) => [x.role, x.people.map((p) => p.name)]));
    expect(roles).toEqual({ gebiedsverbinder: ['Gerda Gebied'], 'sociaal-wijkteam': [], opbouwwerker: ['Otto Opbouw'] });
    expect(r.driehoekDescription).toContain('Driehoek');
    expect(r.organisations.map((o) => o.id)).toEqual(expect.arrayContaining([dock.id, orgA.id]));
    expect(r.organisations.map((o) => o.id)).not.toContain(gemeente.id);
    const names = r.people.map((p) => p.name);
    expect(names).toContain('Otto Opbouw');
    expect(names).not.toContain('Nina Noord');
    expect(names).not.toContain('Gerda Gebied'); // works in Schalkwijk, but not on this theme
    expect(connector.districts).toEqual(['schalkwijk']);

    // With a specialism: only people who have it.
    const debts = await findResponsibilities(ctx, { district: 'schalkwijk', expertise: 'Wonen' });
    expect(debts.people.map((p) => p.name)).toEqual(['Gerda Gebied']);
    // Without a choice: the overview of leads and Driehoek for every theme and district, no long lists.
    const all = await findResponsibilities(ctx, {});
    expect(all.filtered).toBe(false);
    expect(all.leads).toHaveLength(7);
    expect(all.driehoek).toHaveLength(5);
    expect(all.organisations).toEqual([]);
    expect(fieldsOf(await fails(findResponsibilities(ctx, { theme: 'nope', district: 'nope' }))).sort()).toEqual(['district', 'theme']);
    expect((await listPeople(ctx, { district: 'schalkwijk', driehoekOnly: true })).map((p) => p.id).sort()).toEqual([connector.id, builder.id].sort());
    expect(elsewhere.driehoek).toEqual([]);
  });
});
