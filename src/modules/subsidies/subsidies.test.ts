// The subsidies services on both databases: the call and its tables, a joint application written by three
// organisations (with history), bad input (ceiling, deadline, negative amounts), submitting and returning, assessment
// with conflicts of interest, grants with adjustment and indexation, SROI.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { createOrganisation } from '../network/service.ts';
import { AppError } from '../../platform/http/errors.ts';
import { getCall, getTable, addTableNote, openCall } from './call-service.ts';
import { startApplication, getApplication, updateSection, saveBudget, submitApplication, returnApplication, listRevisions, addOwnSection } from './application-service.ts';
import { assignAssessor, saveScores, declareConflict, getAssessment, agreeAssessment } from './assessment-service.ts';
import { createGrant, adjustGrant, indexGrant, getGrant, listGrants, registerSroi } from './grant-service.ts';
import { ctxAt, makeUser, makeWorld, type World } from './test-helpers.ts';

const fieldsOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, key: e.messageKey, fields: e.fields.map((f) => `${f.field}:${f.message}`) };
    throw e;
  }
  throw new Error('expected an error');
};

describe.each(dbKinds)('subsidies (%s)', (kind) => {
  let db: TestDatabase;
  let w: World;
  let appId: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    w = await makeWorld(db);
  });
  afterAll(async () => db?.drop());

  it('opens a call from the framework of the period; bad input gets field messages', async () => {
    expect(w.call.criteria.map((c) => c.key)).toEqual(['criterium-1', 'criterium-2', 'criterium-3', 'criterium-4', 'criterium-5', 'criterium-6', 'criterium-7']);
    expect(w.call.tables.find((t) => t.themeSlug === 'waardevol-werk')!.ceilingCents).toBe(250_000_000);
    const bad = await fieldsOf(openCall(ctxAt(db, w.advisor), { periodCode: '2020-2023', applicationDeadline: '2019-10-01', decisionDeadline: '2019-09-01', themes: [{ slug: 'bestaat-niet', ceiling: -5 }] }));
    expect(bad.fields).toEqual(expect.arrayContaining(['themes.0.ceiling:subsidies.error.negative', 'decisionDeadline:subsidies.error.decisionBeforeApplication', 'periodCode:subsidies.error.callExists']));
    const theme = await fieldsOf(openCall(ctxAt(db, w.advisor), { periodCode: '2020-2023', applicationDeadline: '2019-10-01', decisionDeadline: '2019-12-01', themes: [{ slug: 'bestaat-niet', ceiling: '12,5' }] }));
    expect(theme.fields).toEqual(expect.arrayContaining(['themes.0.slug:subsidies.error.unknownTheme']));
    // partner staff cannot open calls
    expect((await fieldsOf(openCall(ctxAt(db, w.staff[0]), { periodCode: '2020-2023', applicationDeadline: '2019-10-01', decisionDeadline: '2019-12-01', themes: [] }))).code).toBe('forbidden');
  });

  it('tables: members see their table, others get not found; meeting records and reactions', async () => {
    const other = await createOrganisation(ctxFor(db, adminActor), { name: 'Buiten Tafel', type: 'core-partner' });
    const outsider = await makeUser(db, ['partner_staff'], other.id, 'Buiten');
    expect((await getCall(ctxAt(db, outsider), w.call.id)).tables).toEqual([]);
    expect((await fieldsOf(getTable(ctxAt(db, outsider), w.tableId))).code).toBe('not_found');
    const t = await getTable(ctxAt(db, w.staff[1]), w.tableId);
    expect(t.members).toHaveLength(3);
    expect(t.may.startApplication).toBe(true);
    await addTableNote(ctxAt(db, w.staff[1]), w.tableId, { kind: 'meeting', date: '2019-05-30', attendees: 'Alfa, Beta, Gamma', text: 'Taken verdeeld.' });
    expect((await fieldsOf(addTableNote(ctxAt(db, w.staff[1]), w.tableId, { kind: 'reaction', date: '2019-05-30', text: 'Alleen de gemeente.' }))).code).toBe('forbidden');
    await addTableNote(ctxAt(db, w.advisor), w.tableId, { kind: 'reaction', date: '2019-06-01', text: 'Concreter graag.' });
    expect((await getTable(ctxAt(db, w.advisor), w.tableId)).notes.map((n) => n.kind)).toEqual(['reaction', 'meeting']);
  });

  it('three organisations write one joint application together, with history', async () => {
    appId = (await startApplication(ctxAt(db, w.staff[0]), w.tableId)).id;
    expect((await fieldsOf(startApplication(ctxAt(db, w.staff[1]), w.tableId))).key).toBe('subsidies.error.applicationExists');
    let a = await getApplication(ctxAt(db, w.staff[2]), appId);
    expect(a.sections.map((s) => s.key)).toEqual([...w.call.criteria.map((c) => c.key), 'kwaliteit/toegankelijkheid', 'kwaliteit/diversiteit', 'kwaliteit/betaalbaarheid', 'kwaliteit/clientondersteuning', 'kwaliteit/privacy']);
    expect(a.years).toEqual([2020, 2021, 2022, 2023]);
    expect(a.plans.map((p) => p.plan)).toEqual([null, null, null, null]);
    // each organisation writes its sections; one section is edited twice by two organisations
    for (const [i, s] of a.sections.entries()) {
      const k = i % 3;
      await updateSection(ctxAt(db, w.staff[k], '2019-08-01'), appId, s.id, { body: `Tekst van ${w.orgs[k].name} over ${s.key}.`, status: 'done', organisationId: w.orgs[k].id });
    }
    await updateSection(ctxAt(db, w.staff[1], '2019-08-02'), appId, a.sections[0].id, { body: `Tekst van ${w.orgs[0].name} en aangevuld door Beta over criterium-1.`, status: 'done' });
    const revisions = await listRevisions(ctxAt(db, w.staff[0]), appId);
    const last = revisions.find((r) => r.what === 'section_save' && r.subject === 'criterium-1' && r.organisationName === w.orgs[1].name)!;
    expect(last.actorName).toBe(`Staf ${w.orgs[1].name}`);
    expect(last.before).toContain(`Tekst van ${w.orgs[0].name}`);
    expect(last.after).toContain('aangevuld door Beta');
    // an own section; done without text is refused
    const own = await addOwnSection(ctxAt(db, w.staff[2]), appId, { title: 'Schalkwijk' });
    expect((await fieldsOf(updateSection(ctxAt(db, w.staff[2]), appId, own.id, { body: '', status: 'done' }))).fields).toEqual(['body:subsidies.error.doneButEmpty']);
    await updateSection(ctxAt(db, w.staff[2]), appId, own.id, { body: 'Extra inzet in Schalkwijk.', status: 'done', organisationId: w.orgs[2].id });
    a = await getApplication(ctxAt(db, w.advisor), appId);
    expect(a.sections.every((s) => s.status === 'done')).toBe(true);
  });

  it('one save of a section is one revision (one version) with every field it changed', async () => {
    const ctx = ctxAt(db, w.staff[0], '2019-08-03');
    const s = (await getApplication(ctx, appId)).sections[1];
    expect(s).toMatchObject({ status: 'done', organisationId: w.orgs[1].id });
    const count = (await listRevisions(ctx, appId)).length;
    const version = (await getApplication(ctx, appId)).version;
    // text, status and lead in one save
    await updateSection(ctx, appId, s.id, { body: `${s.body} Aangevuld.`, status: 'in_progress', organisationId: w.orgs[0].id });
    let revisions = await listRevisions(ctx, appId);
    expect(revisions.length).toBe(count + 1);
    expect((await getApplication(ctx, appId)).version).toBe(version + 1);
    expect(revisions[0]).toMatchObject({ version: version + 1, what: 'section_save', subject: s.key, before: s.body, after: `${s.body} Aangevuld.`, organisationName: w.orgs[0].name });
    expect(revisions[0].fieldChanges).toEqual([
      { field: 'status', before: 'done', after: 'in_progress' },
      { field: 'organisationId', before: w.orgs[1].name, after: w.orgs[0].name },
    ]);
    // only the status: one revision, the text left out
    await updateSection(ctx, appId, s.id, { body: `${s.body} Aangevuld.`, status: 'done', organisationId: w.orgs[0].id });
    revisions = await listRevisions(ctx, appId);
    expect(revisions.length).toBe(count + 2);
    expect(revisions[0]).toMatchObject({ version: version + 2, before: '', after: '', fieldChanges: [{ field: 'status', before: 'in_progress', after: 'done' }] });
    // nothing changed: no revision, no new version
    await updateSection(ctx, appId, s.id, { body: `${s.body} Aangevuld.`, status: 'done', organisationId: w.orgs[0].id });
    expect((await listRevisions(ctx, appId)).length).toBe(count + 2);
    expect((await getApplication(ctx, appId)).version).toBe(version + 2);
  });

  it('budget: per organisation and year; negative amounts and amounts over the theme ceiling are refused', async () => {
    const years = [2020, 2021, 2022, 2023];
    const neg = await fieldsOf(saveBudget(ctxAt(db, w.staff[0]), appId, { organisationId: w.orgs[0].id, lines: years.map((year) => ({ year, wage: '-10', other: 'tien' })) }));
    expect(neg.fields).toEqual(expect.arrayContaining(['lines.0.wage:subsidies.error.negative', 'lines.0.other:subsidies.error.amount']));
    // staff cannot write another organisation's budget
    expect((await fieldsOf(saveBudget(ctxAt(db, w.staff[0]), appId, { organisationId: w.orgs[1].id, lines: [{ year: 2020, wage: 1, other: 1 }] }))).code).toBe('forbidden');
    await saveBudget(ctxAt(db, w.staff[0]), appId, { organisationId: w.orgs[0].id, lines: years.map((year) => ({ year, wage: '120.000', other: '30.000,50' })) });
    await saveBudget(ctxAt(db, w.staff[1]), appId, { organisationId: w.orgs[1].id, lines: years.map((year) => ({ year, wage: 5_000_000, other: 1_000_000 })) });
    const over = await fieldsOf(saveBudget(ctxAt(db, w.staff[2]), appId, { organisationId: w.orgs[2].id, lines: years.map((year) => ({ year, wage: 10_000_000, other: 0 })) }));
    expect(over.fields).toEqual(['lines:subsidies.error.overCeiling']);
    await saveBudget(ctxAt(db, w.staff[2]), appId, { organisationId: w.orgs[2].id, lines: years.map((year) => ({ year, wage: 2_000_000, other: 0 })) });
    const a = await getApplication(ctxAt(db, w.advisor), appId);
    expect(a.totalCents).toBe(4 * (15_000_050 + 6_000_000 + 2_000_000));
    expect(a.budget.find((b) => b.organisationId === w.orgs[0].id && b.year === 2021)).toMatchObject({ wageCents: 12_000_000, otherCents: 3_000_050 });
  });

  it('submitting after the deadline is refused; before it locks the version; the municipality can return it', async () => {
    const late = await fieldsOf(submitApplication(ctxAt(db, w.staff[0], '2019-10-02'), appId));
    expect(late.fields).toEqual(['deadline:subsidies.check.afterDeadline']);
    await submitApplication(ctxAt(db, w.staff[0], '2019-09-30'), appId);
    let a = await getApplication(ctxAt(db, w.staff[1]), appId);
    expect(a.status).toBe('submitted');
    expect(a.submittedVersion).toBe(a.version);
    expect(a.may.edit).toBe(false);
    expect((await fieldsOf(updateSection(ctxAt(db, w.staff[1]), appId, a.sections[1].id, { body: 'Later', status: 'done' }))).key).toBe('subsidies.error.locked');
    expect((await fieldsOf(returnApplication(ctxAt(db, w.staff[1]), appId, { comment: 'x' }))).code).toBe('forbidden');
    await returnApplication(ctxAt(db, w.advisor, '2019-09-30'), appId, { comment: 'Criterium 6 graag per wijk.' });
    a = await getApplication(ctxAt(db, w.staff[1]), appId);
    expect(a.status).toBe('returned');
    expect(a.returnComment).toBe('Criterium 6 graag per wijk.');
    await updateSection(ctxAt(db, w.staff[1], '2019-09-30'), appId, a.sections[5].id, { body: 'Per wijk: Boerhaavewijk, Meerwijk.', status: 'done' });
    await submitApplication(ctxAt(db, w.staff[1], '2019-10-01'), appId);
    expect((await getApplication(ctxAt(db, w.advisor), appId)).status).toBe('submitted');
  });

  it('assessment: conflicts of interest are enforced; others’ scores only after handing in; agreed assessment', async () => {
    const a1 = await makeUser(db, ['policy_advisor'], null, 'Beoordelaar Een');
    const a2 = await makeUser(db, ['policy_advisor'], null, 'Beoordelaar Twee');
    const member = await makeUser(db, ['partner_staff'], w.orgs[0].id, 'Beoordelaar Alfa');
    for (const u of [a1, a2, member]) await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId: u.userId });
    const criteria = w.call.criteria;
    const all = (score: number) => criteria.map((q) => ({ criterionKey: q.key, score, comment: `oordeel ${score}` }));
    // an assessor from a member organisation cannot assess this table
    const conflict = await fieldsOf(saveScores(ctxAt(db, member), appId, { scores: all(5), submit: true }));
    expect(conflict).toMatchObject({ code: 'forbidden', key: 'subsidies.error.conflictOfInterest' });
    expect((await getAssessment(ctxAt(db, member), appId)).conflict).toBe('member');
    // a declared conflict
    await declareConflict(ctxAt(db, a2), appId, { reason: 'Bestuurslid bij Beta.' });
    expect((await fieldsOf(saveScores(ctxAt(db, a2), appId, { scores: all(2), submit: false }))).key).toBe('subsidies.error.conflictOfInterest');
    // handing in needs every criterion; before handing in, the others are hidden
    expect((await fieldsOf(saveScores(ctxAt(db, a1), appId, { scores: all(4).slice(0, 3), submit: true }))).fields).toEqual(['scores:subsidies.error.scoreEveryCriterion']);
    const a3 = await makeUser(db, ['policy_advisor'], null, 'Beoordelaar Drie');
    await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId: a3.userId });
    await saveScores(ctxAt(db, a3), appId, { scores: all(3), submit: true });
    await saveScores(ctxAt(db, a1), appId, { scores: all(4), submit: false });
    expect((await getAssessment(ctxAt(db, a1), appId)).others).toBeNull();
    await saveScores(ctxAt(db, a1), appId, { scores: all(4), submit: true });
    const seen = await getAssessment(ctxAt(db, a1), appId);
    expect(seen.others!.map((o) => o.name)).toEqual(['Beoordelaar Drie']);
    expect((await fieldsOf(saveScores(ctxAt(db, a1), appId, { scores: all(1), submit: true }))).key).toBe('subsidies.error.scoresHandedIn');
    // an outside assessor (staff of an organisation not at the table) reads the submitted application and scores it
    const outside = await createOrganisation(ctxFor(db, adminActor), { name: 'Extern Bureau', type: 'chain-partner' });
    const ext = await makeUser(db, ['partner_staff'], outside.id, 'Extern');
    expect((await fieldsOf(getApplication(ctxAt(db, ext), appId))).code).toBe('not_found');
    await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId: ext.userId });
    expect((await getApplication(ctxAt(db, ext), appId)).sections).toHaveLength(13);
    await saveScores(ctxAt(db, ext), appId, { scores: all(3), submit: true });
    await agreeAssessment(ctxAt(db, w.advisor, '2019-11-01'), appId, { scores: all(4), conclusion: 'Voldoet.' });
    expect((await getApplication(ctxAt(db, w.advisor), appId)).status).toBe('assessed');
  });

  it('grants with adjustments and indexation; balance; negative results refused; SROI for a single grantee only', async () => {
    const years = [2020, 2021, 2022, 2023];
    const g = await createGrant(ctxAt(db, w.advisor, '2019-12-01'), { callId: w.call.id, organisationId: w.orgs[0].id, applicationId: appId, decidedOn: '2019-12-01', years: years.map((year) => ({ year, wage: 12_000_000, other: 3_000_050 })) });
    expect((await fieldsOf(createGrant(ctxAt(db, w.advisor), { callId: w.call.id, organisationId: w.orgs[0].id, applicationId: appId, decidedOn: '2019-12-01', years: [{ year: 2019, wage: 1, other: 0 }] }))).fields).toEqual(
      expect.arrayContaining(['years.0.year:subsidies.error.yearOutsideCall', 'years:subsidies.error.everyYearOnce']),
    );
    await adjustGrant(ctxAt(db, w.advisor, '2020-11-01'), g.id, { year: 2021, wage: '-2.000', other: 0, reason: 'Minder uren.', decidedOn: '2020-11-01' });
    await indexGrant(ctxAt(db, w.advisor, '2020-12-01'), g.id, { year: 2021, percentage: '2,5', decidedOn: '2020-12-01' });
    expect((await fieldsOf(adjustGrant(ctxAt(db, w.advisor), g.id, { year: 2022, wage: -99_000_000, other: 0, reason: 'x', decidedOn: '2020-11-01' }))).fields).toEqual(['wage:subsidies.error.negativeResult']);
    expect((await fieldsOf(indexGrant(ctxAt(db, w.advisor), g.id, { year: 2021, percentage: '2,555', decidedOn: '2020-12-01' }))).fields).toEqual(['percentage:subsidies.error.percentage']);
    const view = await getGrant(ctxAt(db, w.staff[0], '2021-05-01'), g.id);
    expect(view.decisionList.map((d) => [d.kind, d.reference])).toEqual([
      ['grant', view.reference],
      ['adjustment', `${view.reference}/2`],
      ['indexation', `${view.reference}/3`],
    ]);
    // 2021: wage 120,000 - 2,000 = 118,000 → +2.5 % = 120,950.00; other 30,000.50 → +750.0125 → 750.01 → 30,750.51
    expect(view.years.find((y) => y.year === 2021)).toEqual({ year: 2021, wageCents: 12_095_000, otherCents: 3_075_051 });
    const b2021 = view.balance.find((b) => b.year === 2021)!;
    expect(b2021).toMatchObject({ grantedCents: 15_000_050, adjustedCents: -200_000, indexedCents: 295_000 + 75_001, currentCents: 15_170_051 });
    expect(view.balance.find((b) => b.year === 2020)!.paidCents).toBe(15_000_050);
    expect(view.sroi).toEqual([]);
    expect((await fieldsOf(registerSroi(ctxAt(db, w.staff[0]), g.id, { year: 2021, kind: 'job', places: 1, value: 100 }))).key).toBe('subsidies.error.sroiJoint');
    // the grantee's staff see their own grant; another member does not
    expect((await fieldsOf(getGrant(ctxAt(db, w.staff[1]), g.id))).code).toBe('not_found');
    const listed = await listGrants(ctxAt(db, w.advisor), { organisation: w.orgs[0].id, year: 2021 });
    expect(listed.map((x) => x.years)).toEqual([[{ year: 2021, wageCents: 12_095_000, otherCents: 3_075_051 }]]);

    // a single grantee above EUR 500,000 in a year: 5 % of the wage part, shortfall flagged
    const single = await createGrant(ctxAt(db, w.advisor, '2019-12-02'), { callId: w.call.id, organisationId: w.orgs[2].id, decidedOn: '2019-12-02', years: years.map((year) => ({ year, wage: year === 2020 ? 45_000_000 : 40_000_000, other: year === 2020 ? 6_000_000 : 10_000_000 })) });
    let s = await getGrant(ctxAt(db, w.staff[2]), single.id);
    expect(s.sroi.map((x) => [x.year, x.obligationCents])).toEqual([[2020, 2_250_000]]);
    await registerSroi(ctxAt(db, w.staff[2]), single.id, { year: 2020, kind: 'work_experience', places: 2, value: '15.000' });
    expect((await fieldsOf(registerSroi(ctxAt(db, w.staff[2]), single.id, { year: 2021, kind: 'job', places: 1, value: 1 }))).fields).toEqual(['year:subsidies.error.sroiYear']);
    s = await getGrant(ctxAt(db, w.staff[2]), single.id);
    expect(s.sroi[0]).toMatchObject({ registeredCents: 1_500_000, shortfallCents: 750_000 });
  });
});
