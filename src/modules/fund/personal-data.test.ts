// The fund's part of "Mijn gegevens": the applications that name a person (contact, started, sent, decided), with
// their role — and nothing for someone the fund does not name.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { createOrganisation } from '../network/service.ts';
import { createFundYear } from './years.ts';
import { startApplication, saveAnswer, submitApplication, decideApplication, setContact } from './applications.ts';
import { fundPersonalData } from './personal-data.ts';

describe.each(dbKinds)('fund personal data (%s)', (kind) => {
  let db: TestDatabase;
  let advisor: Actor;
  let member: Actor;
  let contact: Actor;
  let bystander: Actor;
  const at = (actor: Actor, day: string): ServiceContext => ({ ...ctxFor(db, actor), now: () => new Date(`${day}T10:00:00Z`) });
  const user = async (email: string, name: string, roles: Role[], organisationId: string | null): Promise<Actor> => {
    const u = await createUser(ctxFor(db, adminActor), { email, name, roles, password: 'test-wachtwoord-123', organisationId });
    return { userId: u.id, name, email, roles, organisationId };
  };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    const orgId = (await createOrganisation(ctxFor(db, adminActor), { name: 'Buurtmoestuin Gegevens', type: 'volunteer-organisation' })).id;
    advisor = await user('beleid@test.nl', 'Bea Beleid', ['policy_advisor'], null);
    contact = await user('contact@test.nl', 'Carla Contact', ['policy_advisor'], null);
    bystander = await user('ander@test.nl', 'Olaf Ander', ['policy_advisor'], null);
    member = await user('lid@test.nl', 'Lotte Lid', ['volunteer'], orgId);
    await createFundYear(at(advisor, '2029-08-01'), { year: 2030, budgetCents: 1_000_000, opensOn: '2029-09-01', closesOn: '2029-09-30', decisionDeadline: '2029-10-31' });
    const ctx = at(member, '2029-09-05');
    await startApplication(ctx, 2030);
    await saveAnswer(ctx, 2030, 'wie', { whoWeAre: 'Buurtmoestuin van vrijwilligers' });
    await saveAnswer(ctx, 2030, 'wat', { whatWeDo: 'Samen tuinieren' });
    await saveAnswer(ctx, 2030, 'voor-wie', { forWhom: 'Bewoners van de Vogelbuurt' });
    await saveAnswer(ctx, 2030, 'bedrag', { requestedCents: 400_000 });
    const sent = await submitApplication(ctx, 2030);
    await setContact(at(advisor, '2029-09-10'), sent.id, { contactUserId: contact.userId });
    await decideApplication(at(advisor, '2029-10-05'), sent.id, { grantedCents: 400_000, letterText: 'U krijgt € 4.000.' });
  });
  afterAll(async () => db?.drop());

  it('names each person’s role in the application', async () => {
    const rows = async (a: Actor) => (await fundPersonalData(at(a, '2030-01-01'), a.userId)).flatMap((s) => s.rows);
    expect(await rows(member)).toEqual([[2030, 'Buurtmoestuin Gegevens', 'Besloten', 'begonnen, verstuurd', new Date('2029-09-05T10:00:00Z'), '2029-10-05']]);
    expect(await rows(contact)).toEqual([[2030, 'Buurtmoestuin Gegevens', 'Besloten', 'contactpersoon', new Date('2029-09-05T10:00:00Z'), '2029-10-05']]);
    expect((await rows(advisor))[0][3]).toBe('besloten');
    expect(await fundPersonalData(at(bystander, '2030-01-01'), bystander.userId)).toEqual([]);
  });
});
