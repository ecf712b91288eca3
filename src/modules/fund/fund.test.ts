// The fund's services on both databases: a year, the short application with last year's amount guaranteed, the
// window, decisions within the budget, extra budget, payments, support, overdue applications, access per role.
import crypto from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createOrganisation } from '../network/service.ts';
import { createFundYear, updateFundYear, getFundOverview, getFundYear, recordSupport, listSupport } from './years.ts';
import { startApplication, saveAnswer, submitApplication, decideApplication, recordExtraBudget, recordPayment, getApplication, listApplications, getOwnApplication, setContact, listContactCandidates } from './applications.ts';
import { createUser } from '../../platform/auth/service.ts';

const at = (db: TestDatabase, actor: Actor | null, day: string): ServiceContext => ({ ...ctxFor(db, actor), now: () => new Date(`${day}T10:00:00Z`) });
const person = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: crypto.randomUUID(), name: 'Tester', email: 't@test.nl', roles, organisationId });

/** The error's field codes and message keys, for assertions. */
async function fieldsOf(p: Promise<unknown>): Promise<{ status: number; key: string; fields: string[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { status: e.status, key: e.messageKey, fields: e.fields.map((f) => `${f.field}:${f.message}`) };
    throw e;
  }
  throw new Error('expected an error');
}

describe.each(dbKinds)('volunteer-organisation fund (%s)', (kind) => {
  let db: TestDatabase;
  let advisor: Actor;
  let member: Actor;
  let other: Actor;
  let orgId: string;
  let otherOrgId: string;
  let coreId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    const admin = ctxFor(db, adminActor);
    orgId = (await createOrganisation(admin, { name: 'Buurtmoestuin Test', type: 'volunteer-organisation' })).id;
    otherOrgId = (await createOrganisation(admin, { name: 'Wandelclub Test', type: 'volunteer-organisation' })).id;
    coreId = (await createOrganisation(admin, { name: 'Welzijn Test', type: 'core-partner' })).id;
    const u = await createUser(admin, { email: 'beleid@test.nl', name: 'Bea Beleid', roles: ['policy_advisor'], password: 'test-wachtwoord-123', organisationId: null });
    advisor = { ...person(['policy_advisor']), userId: u.id };
    member = person(['volunteer'], orgId);
    other = person(['partner_staff'], otherOrgId);
  });
  afterAll(async () => db?.drop());

  it('loads the 2023 fund from the letter as reference data: EUR 300,000, run by VanHier', async () => {
    const f = await getFundYear(at(db, advisor, '2026-03-01'), 2023);
    expect(f.budgetCents).toBe(30_000_000);
    expect(f.managerOrganisationId).not.toBeNull();
    expect(f.source).toContain('€ 300.000 per jaar geormerkt');
  });

  it('runs a year: apply one question at a time, guarantee, decide, extra budget, pay; the figures add up', async () => {
    const sept = '2030-09-10';
    await createFundYear(at(db, advisor, sept), { year: 2030, budgetCents: 1_000_000, opensOn: '2029-09-01', closesOn: '2029-09-30', decisionDeadline: '2029-10-31' });
    await createFundYear(at(db, advisor, sept), { year: 2031, budgetCents: 1_000_000, opensOn: '2030-09-01', closesOn: '2030-09-30', decisionDeadline: '2030-10-31' });
    // 2030: applied in September 2029 and granted 4,000 + 500 extra.
    const ctx29 = at(db, member, '2029-09-05');
    await startApplication(ctx29, 2030);
    await saveAnswer(ctx29, 2030, 'wie', { whoWeAre: 'Buurtmoestuin van vrijwilligers' });
    await saveAnswer(ctx29, 2030, 'wat', { whatWeDo: 'Samen tuinieren' });
    await saveAnswer(ctx29, 2030, 'voor-wie', { forWhom: 'Bewoners van de Vogelbuurt' });
    await saveAnswer(ctx29, 2030, 'bedrag', { requestedCents: 400_000 });
    const sent = await submitApplication(ctx29, 2030);
    expect(sent.status).toBe('submitted');
    // The member cannot decide; another organisation does not see it.
    await expect(decideApplication(at(db, member, '2029-10-01'), sent.id, { grantedCents: 400_000, letterText: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getApplication(at(db, other, '2029-10-01'), sent.id)).rejects.toMatchObject({ code: 'not_found' });
    const decided = await decideApplication(at(db, advisor, '2029-10-05'), sent.id, { grantedCents: 400_000, letterText: 'U krijgt € 4.000.' });
    expect(decided.grantedCents).toBe(400_000);
    expect(decided.decidedOn).toBe('2029-10-05');
    await recordExtraBudget(at(db, advisor, '2029-11-15'), sent.id, { conversationOn: '2029-11-14', notes: 'Zomerprogramma', agreedCents: 50_000 });
    // The applicant sees the decision and the agreed amount, not the conversation notes.
    const seen = await getApplication(at(db, member, '2029-11-20'), sent.id);
    expect(seen.letterText).toBe('U krijgt € 4.000.');
    expect(seen.extraBudgets).toEqual([expect.objectContaining({ agreedCents: 50_000, notes: null })]);
    await recordPayment(at(db, advisor, '2030-01-15'), sent.id, { paidOn: '2030-01-15', amountCents: 300_000 });
    const over = await fieldsOf(recordPayment(at(db, advisor, '2030-01-16'), sent.id, { paidOn: '2030-01-16', amountCents: 200_000 }));
    expect(over.fields).toEqual(['amountCents:fund.error.overGranted']);
    const o = await getFundOverview(at(db, advisor, '2030-02-01'), 2030);
    expect(o.figures).toMatchObject({ budgetCents: 1_000_000, grantedCents: 400_000, extraCents: 50_000, committedCents: 450_000, paidCents: 300_000, remainingCents: 550_000 });

    // 2031: last year's total (4,500) is guaranteed and filled in.
    const ctx30 = at(db, member, '2030-09-02');
    const started = await startApplication(ctx30, 2031);
    expect(started.guaranteedCents).toBe(450_000);
    expect(started.requestedCents).toBe(450_000);
    // Negative or zero amounts, and more than the fund has left, are refused with the field named.
    expect((await fieldsOf(saveAnswer(ctx30, 2031, 'bedrag', { requestedCents: -5 }))).fields).toEqual(['requestedCents:fund.error.negative']);
    expect((await fieldsOf(saveAnswer(ctx30, 2031, 'bedrag', { requestedCents: 0 }))).fields).toEqual(['requestedCents:fund.error.amountZero']);
    expect((await fieldsOf(saveAnswer(ctx30, 2031, 'bedrag', { requestedCents: 2_000_000 }))).fields).toEqual(['requestedCents:fund.error.overRemaining']);
    // Sending with unanswered questions names each of them.
    const missing = await fieldsOf(submitApplication(ctx30, 2031));
    expect(missing.fields).toEqual(['whoWeAre:fund.error.unanswered', 'whatWeDo:fund.error.unanswered', 'forWhom:fund.error.unanswered']);
    for (const [step, v] of [['wie', { whoWeAre: 'Wij' }], ['wat', { whatWeDo: 'Tuinieren' }], ['voor-wie', { forWhom: 'Buren' }]] as const) await saveAnswer(ctx30, 2031, step, v);
    // After the window: no more sending.
    const late = await fieldsOf(submitApplication(at(db, member, '2030-10-01'), 2031));
    expect(late).toMatchObject({ status: 409, key: 'fund.error.windowClosed' });
    const a = await submitApplication(ctx30, 2031);
    // Below the guarantee is refused; over the remaining budget too.
    expect((await fieldsOf(decideApplication(at(db, advisor, '2030-10-10'), a.id, { grantedCents: 100_000, letterText: 'Te weinig' }))).fields).toEqual(['grantedCents:fund.error.belowGuaranteed']);
    expect((await fieldsOf(decideApplication(at(db, advisor, '2030-10-10'), a.id, { grantedCents: 2_000_000, letterText: 'Te veel' }))).fields).toEqual(['grantedCents:fund.error.overRemaining']);
    // Past the deadline without an answer: overdue, flagged in the list and the figures.
    const nov = at(db, advisor, '2030-11-02');
    expect((await listApplications(nov, 2031, { overdue: true })).map((x) => x.id)).toEqual([a.id]);
    expect((await getFundOverview(nov, 2031)).figures.applications.overdue).toBe(1);
    await decideApplication(nov, a.id, { grantedCents: 450_000, letterText: 'Toegekend' });
    expect((await listApplications(nov, 2031, { overdue: true })).length).toBe(0);
    // A second start returns the same application; the budget cannot drop below what is committed.
    expect((await startApplication(at(db, member, '2030-09-03'), 2031)).id).toBe(a.id);
    expect((await fieldsOf(updateFundYear(nov, 2031, { budgetCents: 100_000, opensOn: '2030-09-01', closesOn: '2030-09-30', decisionDeadline: '2030-10-31' }))).fields).toEqual(['budgetCents:fund.error.budgetBelowCommitted']);
  });

  it('refuses applications from organisations that are not volunteer organisations, and before the window opens', async () => {
    await expect(startApplication(at(db, person(['partner_staff'], coreId), '2030-09-05'), 2031)).rejects.toMatchObject({ code: 'forbidden', messageKey: 'fund.error.notVolunteerOrganisation' });
    await expect(startApplication(at(db, person(['partner_staff']), '2030-09-05'), 2031)).rejects.toMatchObject({ code: 'forbidden', messageKey: 'fund.error.noOrganisation' });
    await expect(startApplication(at(db, other, '2029-08-01'), 2030)).rejects.toMatchObject({ code: 'conflict', messageKey: 'fund.error.notYetOpen' });
    const own = await getOwnApplication(at(db, other, '2030-09-05'), 2031);
    expect(own).toMatchObject({ application: null, guaranteedCents: 0 });
  });

  it('checks a new year: window order, duplicate year, unknown manager', async () => {
    const bad = await fieldsOf(createFundYear(at(db, advisor, '2026-01-01'), { year: 2040, budgetCents: 100, opensOn: '2039-09-30', closesOn: '2039-09-01', decisionDeadline: '2039-08-01', managerOrganisationId: crypto.randomUUID() }));
    expect(bad.fields.sort()).toEqual(['closesOn:fund.error.closesBeforeOpens', 'decisionDeadline:fund.error.deadlineBeforeClose', 'managerOrganisationId:fund.error.unknownOrganisation']);
    expect((await fieldsOf(createFundYear(at(db, advisor, '2026-01-01'), { year: 2030, budgetCents: 100, opensOn: '2029-09-01', closesOn: '2029-09-30', decisionDeadline: '2029-10-31' }))).status).toBe(409);
    await expect(createFundYear(at(db, member, '2026-01-01'), { year: 2041, budgetCents: 100, opensOn: '2040-09-01', closesOn: '2040-09-30', decisionDeadline: '2040-10-31' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('never commits beyond the budget, also when two managers decide at the same moment', async () => {
    await createFundYear(at(db, advisor, '2031-09-10'), { year: 2033, budgetCents: 100_000, opensOn: '2032-09-01', closesOn: '2032-09-30', decisionDeadline: '2032-10-31' });
    const ids: string[] = [];
    for (const m of [member, other]) {
      const c = at(db, m, '2032-09-05');
      await startApplication(c, 2033);
      for (const [step, v] of [['wie', { whoWeAre: 'Wij' }], ['wat', { whatWeDo: 'Dit' }], ['voor-wie', { forWhom: 'Buren' }], ['bedrag', { requestedCents: 80_000 }]] as const) await saveAnswer(c, 2033, step, v);
      ids.push((await submitApplication(c, 2033)).id);
    }
    const results = await Promise.allSettled(ids.map((id) => decideApplication(at(db, advisor, '2032-10-02'), id, { grantedCents: 80_000, letterText: 'Toegekend' })));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'validation', fields: [expect.objectContaining({ field: 'grantedCents', message: 'fund.error.overRemaining' })] });
    expect((await getFundOverview(at(db, advisor, '2032-10-03'), 2033)).figures).toMatchObject({ committedCents: 80_000, remainingCents: 20_000 });
  });

  it('records support per organisation and a named contact person', async () => {
    const s = await recordSupport(at(db, advisor, '2030-03-01'), 2030, { organisationId: orgId, kind: 'fundraising', givenOn: '2030-03-01', description: 'Aanvraag bij een vermogensfonds' });
    expect((await listSupport(at(db, advisor, '2030-03-02'), 2030)).map((x) => x.id)).toContain(s.id);
    expect((await fieldsOf(recordSupport(at(db, advisor, '2030-03-01'), 2030, { organisationId: coreId, kind: 'training', givenOn: '2030-03-01' }))).fields).toEqual(['organisationId:fund.error.notVolunteerOrganisation']);
    await expect(recordSupport(at(db, member, '2030-03-01'), 2030, { organisationId: orgId, kind: 'training', givenOn: '2030-03-01' })).rejects.toMatchObject({ code: 'forbidden' });
    const [app] = await listApplications(at(db, advisor, '2030-03-01'), 2030);
    const contact = (await listContactCandidates(at(db, advisor, '2030-03-01')))[0];
    const withContact = await setContact(at(db, advisor, '2030-03-01'), app.id, { contactUserId: contact.id });
    expect(withContact.contact?.name).toBe('Bea Beleid');
    expect((await getApplication(at(db, member, '2030-03-01'), app.id)).support.map((x) => x.kind)).toEqual(['fundraising']);
    expect((await fieldsOf(setContact(at(db, advisor, '2030-03-01'), app.id, { contactUserId: crypto.randomUUID() }))).fields).toEqual(['contactUserId:fund.error.unknownContact']);
  });
});
