// The contracts services on both databases: the seeded contract and round from the letter, decisions per subcontractor
// with timeline warnings, the reduction per kind of provider, residents affected from reach (small-cell rule except
// for the organisation itself), transfers as counts, and access per role.
import crypto from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createOrganisation, findOrganisationIdsByName } from '../network/service.ts';
import { seedReachWorld } from './test-reach.ts';
import { residentsReachedBy } from '../reach/service.ts';
import { listContracts, getContract, createContract, createRound, getRound, addSubcontractor, recordDecision, recordTransfer, timelineWarnings, reductionByKind, type RoundView } from './contracts.ts';

const at = (db: TestDatabase, actor: Actor | null, day = '2022-10-20'): ServiceContext => ({ ...ctxFor(db, actor), now: () => new Date(`${day}T10:00:00Z`) });
const person = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: crypto.randomUUID(), name: 'Tester', email: 't@test.nl', roles, organisationId });

async function fieldsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.fields.map((f) => `${f.field}:${f.message}`);
    throw e;
  }
  throw new Error('expected an error');
}

const round: RoundView = { id: 'r', contractId: 'c', year: 2023, proposalFrom: '2022-09-11', proposalTo: '2022-09-20', conversationsFrom: '2022-09-16', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01', decisionTo: '2022-10-10', note: '' };

describe('timeline and reduction (pure)', () => {
  it('warns about dates outside the timeline, out of order, missing conversations and late steps', () => {
    const ok = { proposedDecision: 'stop', proposedOn: '2022-09-15', conversationOn: '2022-09-22', finalDecision: 'stop', finalOn: '2022-10-03' };
    expect(timelineWarnings(round, ok, '2022-12-01')).toEqual([]);
    expect(timelineWarnings(round, { ...ok, proposedOn: '2022-09-25', conversationOn: '2022-09-23', finalOn: '2022-09-20' }, '2022-12-01')).toEqual(['proposalOutside', 'decisionOutside', 'conversationBeforeProposal', 'decisionBeforeConversation']);
    expect(timelineWarnings(round, { ...ok, conversationOn: null }, '2022-12-01')).toEqual(['decisionWithoutConversation']);
    expect(timelineWarnings(round, { proposedDecision: null, proposedOn: null, conversationOn: null, finalDecision: null, finalOn: null }, '2022-10-11')).toEqual(['proposalLate', 'decisionLate']);
    expect(timelineWarnings(round, { proposedDecision: null, proposedOn: null, conversationOn: null, finalDecision: null, finalOn: null }, '2022-09-01')).toEqual([]);
  });
  it('counts the reduction per kind of provider, largest first', () => {
    const r = reductionByKind([
      { providerKind: 'Dagopvang', decision: 'stop' },
      { providerKind: 'Dagopvang', decision: 'transition' },
      { providerKind: 'Dagopvang', decision: 'continue' },
      { providerKind: 'Groot', decision: 'continue' },
      { providerKind: 'Groot', decision: null },
    ]);
    expect(r).toEqual([
      { providerKind: 'Dagopvang', total: 3, continue: 1, transition: 1, stop: 1, undecided: 0, reduction: 2 / 3 },
      { providerKind: 'Groot', total: 2, continue: 1, transition: 0, stop: 0, undecided: 1, reduction: 0 },
    ]);
  });
});

describe.each(dbKinds)('integral contract (%s)', (kind) => {
  let db: TestDatabase;
  let vanHier: string;
  let advisor: Actor;
  let contractor: Actor;
  let stopping: { id: string; reached: number };
  let small: { id: string; reached: number };
  let continuing: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    vanHier = (await findOrganisationIdsByName(ctxFor(db), ['VanHier'])).get('vanhier')!;
    advisor = person(['policy_advisor']);
    contractor = person(['contract_manager'], vanHier);
    const admin = ctxFor(db, adminActor);
    const a = await createOrganisation(admin, { name: 'Dagopvang De Linde', type: 'subcontractor' });
    const b = await createOrganisation(admin, { name: 'Begeleiding Klein', type: 'subcontractor' });
    continuing = (await createOrganisation(admin, { name: 'Groot Welzijn', type: 'subcontractor' })).id;
    // Residents reached in the last year: 12 at the first, 3 at the second (pseudonymous attendance).
    await seedReachWorld(db, [
      { organisationId: a.id, residents: 12, date: '2022-06-01' },
      { organisationId: b.id, residents: 3, date: '2022-06-01' },
    ]);
    stopping = { id: a.id, reached: 12 };
    small = { id: b.id, reached: 3 };
  });
  afterAll(async () => db?.drop());

  it('seeds Gewoon in de Wijk with VanHier and the 2023 round on the letter’s timeline', async () => {
    const [k] = await listContracts(at(db, advisor));
    expect(k).toMatchObject({ name: 'Gewoon in de Wijk', contractorOrganisationId: vanHier, signedOn: '2022-06-17', startsOn: '2023-01-01' });
    const { rounds } = await getContract(at(db, advisor), k.id);
    expect(rounds[0]).toMatchObject({ year: 2023, proposalFrom: '2022-09-11', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01' });
    expect(rounds[0].note).toContain('Medio september');
  });

  it('records decisions with warnings, counts residents affected, tracks transfers', async () => {
    const [k] = await listContracts(at(db, advisor));
    const r = (await getContract(at(db, advisor), k.id)).rounds[0];
    const s1 = await addSubcontractor(at(db, contractor), r.id, { organisationId: stopping.id, providerKind: 'Dagopvang als maatwerkvoorziening' });
    const s2 = await addSubcontractor(at(db, contractor), r.id, { organisationId: small.id, providerKind: 'Ambulante begeleiding' });
    const s3 = await addSubcontractor(at(db, advisor), r.id, { organisationId: continuing, providerKind: 'Ambulante begeleiding' });
    // Bad input: the contractor itself, twice the same, a decision without its date.
    expect(await fieldsOf(addSubcontractor(at(db, contractor), r.id, { organisationId: vanHier, providerKind: 'x y' }))).toEqual(['organisationId:contracts.error.contractorItself']);
    expect(await fieldsOf(addSubcontractor(at(db, contractor), r.id, { organisationId: stopping.id, providerKind: 'Dagopvang' }))).toEqual(['organisationId:contracts.error.duplicate']);
    expect(await fieldsOf(recordDecision(at(db, contractor), s1.id, { providerKind: 'Dagopvang als maatwerkvoorziening', proposedDecision: 'stop', finalOn: '2022-10-03' }))).toEqual(['proposedOn:contracts.error.dateRequired', 'finalDecision:contracts.error.decisionRequired']);
    // Stop, with the conversation after the timeline: a warning, not a refusal.
    const d1 = await recordDecision(at(db, contractor), s1.id, { providerKind: 'Dagopvang als maatwerkvoorziening', proposedDecision: 'stop', proposedOn: '2022-09-15', conversationOn: '2022-10-05', concerns: 'De bezoekers', wishes: 'Medewerkers overnemen', finalDecision: 'stop', finalOn: '2022-10-07' });
    expect(d1.warnings).toEqual(['conversationOutside']);
    await recordDecision(at(db, contractor), s2.id, { providerKind: 'Ambulante begeleiding', proposedDecision: 'transition', proposedOn: '2022-09-15', conversationOn: '2022-09-20', finalDecision: 'transition', finalOn: '2022-10-03' });
    await recordDecision(at(db, contractor), s3.id, { providerKind: 'Ambulante begeleiding', proposedDecision: 'continue', proposedOn: '2022-09-15', conversationOn: '2022-09-20', finalDecision: 'continue', finalOn: '2022-10-03' });
    // Residents affected, for the contractor: the small-cell rule (12 → 10, 3 → "< 5"); the continuing one: none.
    const seen = await getRound(at(db, contractor), r.id);
    const by = new Map(seen.subcontractors.map((s) => [s.organisationId, s]));
    expect(by.get(stopping.id)!.residentsAffected).toBe(10);
    expect(by.get(small.id)!.residentsAffected).toBe('< 5');
    expect(by.get(continuing)!.residentsAffected).toBeNull();
    expect(seen.transfers.affected).toBe('x');
    expect(seen.byKind.map((x) => [x.providerKind, x.total, x.stop, x.transition, x.continue])).toEqual([
      ['Dagopvang als maatwerkvoorziening', 1, 1, 0, 0],
      ['Ambulante begeleiding', 2, 0, 1, 1],
    ]);
    // The organisation itself sees its own exact count.
    const own = await getRound(at(db, person(['partner_staff'], small.id)), r.id).catch((e) => e);
    expect(own).toMatchObject({ code: 'not_found' }); // a subcontractor does not read the whole round
    const exact = await residentsReachedBy(at(db, person(['partner_staff'], small.id)), [small.id, stopping.id], '2021-10-20', '2022-10-20');
    expect([exact.get(small.id)!.residents, exact.get(stopping.id)!.residents]).toEqual([3, 10]);
    // Transfers as counts: completed cannot exceed agreed; only for one that stops.
    expect(await fieldsOf(recordTransfer(at(db, contractor), s1.id, { sameWorker: 5, newWorker: 2, completed: 8 }))).toEqual(['completed:contracts.error.completedOverAgreed']);
    expect(await fieldsOf(recordTransfer(at(db, contractor), s1.id, { sameWorker: -1, newWorker: 2, completed: 0 }))).toEqual(['sameWorker:validation.tooSmall']);
    await expect(recordTransfer(at(db, contractor), s3.id, { sameWorker: 1, newWorker: 0, completed: 0 })).rejects.toMatchObject({ code: 'conflict' });
    const t = await recordTransfer(at(db, contractor), s1.id, { sameWorker: 8, newWorker: 4, completed: 5 });
    expect(t.transfer).toEqual({ sameWorker: 8, newWorker: 4, completed: 5, agreed: 12, inProgress: 7 });
    expect((await getRound(at(db, advisor), r.id)).transfers).toMatchObject({ sameWorker: 8, newWorker: 4, completed: 5, inProgress: 7 });
  });

  it('keeps roles apart: the contractor decides, the advisor manages, others read or see nothing', async () => {
    const [k] = await listContracts(at(db, advisor));
    const r = (await getContract(at(db, advisor), k.id)).rounds[0];
    const [s] = (await getRound(at(db, advisor), r.id)).subcontractors;
    await expect(recordDecision(at(db, advisor), s.id, { providerKind: 'x y' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(recordDecision(at(db, person(['contract_manager'], continuing)), s.id, { providerKind: 'x y' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(createRound(at(db, contractor), k.id, { year: 2024, proposalFrom: '2023-09-11', proposalTo: '2023-09-20', conversationsFrom: '2023-09-16', conversationsTo: '2023-09-30', decisionFrom: '2023-10-01', decisionTo: '2023-10-10' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await listContracts(at(db, person(['partner_staff'], continuing)))).toEqual([]);
    expect((await listContracts(at(db, person(['auditor'])))).length).toBe(1);
    const gemeente = (await findOrganisationIdsByName(ctxFor(db), ['Gemeente Haarlem'])).get('gemeente haarlem')!;
    expect((await listContracts(at(db, person(['contract_manager'], gemeente)))).length).toBe(1);
    // A round's timeline must be in order; a year twice is a conflict.
    expect((await fieldsOf(createRound(at(db, advisor), k.id, { year: 2024, proposalFrom: '2023-09-20', proposalTo: '2023-09-11', conversationsFrom: '2023-09-01', conversationsTo: '2023-09-30', decisionFrom: '2023-10-01', decisionTo: '2023-10-10' }))).sort()).toEqual([
      'conversationsFrom:contracts.error.conversationsBeforeProposal',
      'proposalTo:contracts.error.windowOrder',
    ]);
    await expect(createRound(at(db, advisor), k.id, { year: 2023, proposalFrom: '2022-09-11', proposalTo: '2022-09-20', conversationsFrom: '2022-09-16', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01', decisionTo: '2022-10-10' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await fieldsOf(createContract(at(db, advisor), { name: 'Nieuw', contractorOrganisationId: crypto.randomUUID(), startsOn: '2024-01-01', endsOn: '2023-01-01' }))).toEqual(['contractorOrganisationId:contracts.error.unknownOrganisation', 'endsOn:contracts.error.endBeforeStart']);
  });
});
