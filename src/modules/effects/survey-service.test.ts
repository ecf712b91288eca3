// Survey builder and answering against a real database (PGlite, and PostgreSQL when DATABASE_URL is set).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';
import { createSurvey, getSurvey, listSurveys, saveQuestion, setSurveyStatus, moveQuestion, deleteQuestion, addSection } from './survey-service.ts';
import { addStandardSet, listStandardSets, seedSurveySets, readStandardSets } from './survey-sets.ts';
import { issueSubmissionToken, submitResponse, startKiosk, endKiosk, listConsents, deleteConsent } from './survey-answer.ts';
import { advisorActor, buildOpenSurvey, typicalAnswers } from './test-survey-factory.ts';
import { surveyConsents, surveyResponses, surveyAnswers, surveyTokens } from './schema.ts';
import { purgeSurveyTokens } from './survey-jobs.ts';

describe.each(dbKinds)('surveys (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let advisor: ServiceContext;
  let partnerA: ServiceContext;
  let partnerB: ServiceContext;
  let anonymous: ServiceContext;
  let orgA: { id: string };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database);
    orgA = await buildOrganisation(ctx, 'core-partner');
    const orgB = await buildOrganisation(ctx, 'core-partner');
    advisor = ctxFor(database, advisorActor);
    partnerA = ctxFor(database, partnerActor(orgA.id, 'Anna'));
    partnerB = ctxFor(database, partnerActor(orgB.id, 'Bob'));
    anonymous = { ...ctxFor(database), system: undefined };
  });
  afterAll(async () => database?.drop());

  describe('builder', () => {
    it('gives partner staff their own organisation and advisors the municipality', async () => {
      const a = await createSurvey(partnerA, { titleNl: 'Buurtkoffie', audience: 'resident' });
      expect(a.ownerOrganisationId).toBe(orgA.id);
      const m = await createSurvey(advisor, { titleNl: 'Raadpleging organisaties', audience: 'organisation' });
      expect(m.ownerOrganisationId).toBeNull();
      expect((await listSurveys(partnerA)).map((s) => s.id)).toContain(a.id);
      expect((await listSurveys(partnerA)).map((s) => s.id)).not.toContain(m.id);
      expect((await listSurveys(advisor)).map((s) => s.id)).toContain(m.id);
    });

    it("answers 'not found' for another organisation's survey", async () => {
      const a = await createSurvey(partnerA, { titleNl: 'Alleen van A', audience: 'resident' });
      expect((await appErrorOf(getSurvey(partnerB, a.id))).code).toBe('not_found');
      expect((await appErrorOf(saveQuestion(partnerB, a.id, null, { type: 'text', textNl: 'Vraag?' }))).code).toBe('not_found');
      expect((await appErrorOf(getSurvey(advisor, a.id))).code).toBe('not_found');
      expect((await appErrorOf(startKiosk(partnerB, a.id))).code).toBe('not_found');
    });

    it('checks every question rule at once: options, scale, sub-goal keys, section', async () => {
      const s = await createSurvey(partnerA, { titleNl: 'Validatie', audience: 'resident' });
      const err = await appErrorOf(saveQuestion(partnerA, s.id, null, { type: 'ranking', textNl: 'Zet in volgorde', options: [{ nl: 'Eén' }], subGoals: ['ontmoeten/1', 'ontmoeten/99'], sectionId: '00000000-0000-4000-8000-000000000000' }));
      expect(err.code).toBe('validation');
      expect(err.fields.map((f) => f.field).sort()).toEqual(['options', 'sectionId', 'subGoals.1']);
      const scale = await appErrorOf(saveQuestion(partnerA, s.id, null, { type: 'scale', textNl: 'Cijfer?', scaleMin: 1, scaleMax: 11 }));
      expect(scale.fields.map((f) => f.field)).toEqual(['scaleMax']);
      const empty = await appErrorOf(saveQuestion(partnerA, s.id, null, { type: 'text', textNl: '  ' }));
      expect(empty.fields.map((f) => f.field)).toEqual(['textNl']);
      expect((await appErrorOf(createSurvey(partnerA, { titleNl: 'x', audience: 'resident', themeSlugs: ['bestaat-niet'], opensOn: '2026-02-01', closesOn: '2026-01-01' }))).fields.map((f) => f.field).sort()).toEqual(['closesOn', 'themeSlugs.0']);
    });

    it('orders questions, moves and removes them; opening needs a question', async () => {
      const s = await createSurvey(partnerA, { titleNl: 'Volgorde', audience: 'resident' });
      expect((await appErrorOf(setSurveyStatus(partnerA, s.id, 'open'))).code).toBe('conflict');
      const sec = await addSection(partnerA, s.id, { titleNl: 'Deel 1' });
      const a = await saveQuestion(partnerA, s.id, null, { type: 'text', textNl: 'A', sectionId: sec.id });
      const b = await saveQuestion(partnerA, s.id, null, { type: 'agree', textNl: 'B', required: true });
      await moveQuestion(partnerA, s.id, b.id, 'up');
      expect((await getSurvey(partnerA, s.id)).questions.map((q) => q.textNl)).toEqual(['B', 'A']);
      await deleteQuestion(partnerA, s.id, b.id);
      const after = await getSurvey(partnerA, s.id);
      expect(after.questions.map((q) => [q.textNl, q.position, q.sectionId])).toEqual([['A', 0, sec.id]]);
      expect(a.id).toBe(after.questions[0].id);
      expect((await setSurveyStatus(partnerA, s.id, 'open')).status).toBe('open');
    });

    it('with responses allows text fixes only', async () => {
      const s = await buildOpenSurvey(partnerA, { titleNl: 'Vergrendeld' });
      const { token } = await issueSubmissionToken(anonymous, s.id);
      await submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s) });
      const q = s.questions.find((x) => x.type === 'single')!;
      const fixed = await saveQuestion(partnerA, s.id, q.id, { type: 'single', textNl: 'Hoe vaak doet u mee? (verbeterd)', options: q.options.map((o) => ({ nl: `${o.nl}!` })), required: q.required });
      expect(fixed.textNl).toContain('verbeterd');
      expect(fixed.options.map((o) => o.key)).toEqual(q.options.map((o) => o.key));
      const structural = await appErrorOf(saveQuestion(partnerA, s.id, q.id, { type: 'multiple', textNl: 'x', options: [{ nl: 'a' }, { nl: 'b' }], required: true }));
      expect(structural.code).toBe('conflict');
      expect(structural.fields.map((f) => f.field).sort()).toEqual(['options', 'required', 'type']);
      expect((await appErrorOf(saveQuestion(partnerA, s.id, null, { type: 'text', textNl: 'Nieuw' }))).code).toBe('conflict');
      expect((await appErrorOf(deleteQuestion(partnerA, s.id, q.id))).code).toBe('conflict');
    });
  });

  describe('standard sets', () => {
    it('are seeded once per key (idempotent) with valid sub-goal keys', async () => {
      await seedSurveySets(ctx);
      const sets = await listStandardSets(ctx);
      expect(sets.map((s) => s.key)).toEqual(readStandardSets().map((s) => s.key).sort());
      expect(sets.flatMap((s) => s.questions).every((q) => q.source === 'platform')).toBe(true);
    });

    it('copies a set into a survey with its sub-goal links and source', async () => {
      const s = await createSurvey(partnerA, { titleNl: 'Met standaardset', audience: 'resident' });
      await saveQuestion(partnerA, s.id, null, { type: 'text', textNl: 'Eigen vraag eerst' });
      const n = await addStandardSet(partnerA, s.id, 'inwoner-ervaren-effect');
      const full = await getSurvey(partnerA, s.id);
      expect(full.questions).toHaveLength(n + 1);
      expect(full.sections).toHaveLength(1);
      const contact = full.questions.find((q) => q.setKey === 'inwoner-ervaren-effect/contact')!;
      expect(contact).toMatchObject({ type: 'agree', subGoals: ['ontmoeten/1'], source: 'platform', sectionId: full.sections[0].id, position: 1 });
      expect(full.questions.find((q) => q.setKey === 'inwoner-ervaren-effect/cijfer')).toMatchObject({ scaleMin: 1, scaleMax: 10 });
      expect((await appErrorOf(addStandardSet(partnerA, s.id, 'bestaat-niet'))).code).toBe('not_found');
    });
  });

  describe('answering', () => {
    it('stores one response with typed answers and marks the token used; a replay is refused', async () => {
      const s = await buildOpenSurvey(advisor, { titleNl: 'Eenmalig' });
      const { token } = await issueSubmissionToken(anonymous, s.id);
      const { responseId } = await submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s), context: { districtCode: 'noord', targetGroup: 'ouderen', activityId: 'onzin' } });
      const rows = await database.db.select().from(surveyAnswers).where(sql`${surveyAnswers.responseId} = ${responseId}`);
      expect(rows).toHaveLength(s.questions.length);
      const [resp] = await database.db.select().from(surveyResponses).where(sql`${surveyResponses.id} = ${responseId}`);
      expect(resp).toMatchObject({ channel: 'public', themeSlug: 'ontmoeten', districtCode: 'noord', targetGroup: 'ouderen', activityId: null });
      const replay = await appErrorOf(submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s) }));
      expect([replay.code, replay.messageKey]).toEqual(['conflict', 'effects.answer.alreadySent']);
      expect((await getSurvey(advisor, s.id)).responseCount).toBe(1);
    });

    it('two submissions with one token at once store one response', async () => {
      const s = await buildOpenSurvey(advisor, { titleNl: 'Gelijktijdig' });
      const { token } = await issueSubmissionToken(anonymous, s.id);
      const results = await Promise.allSettled([1, 2, 3].map(() => submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s) })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await getSurvey(advisor, s.id)).responseCount).toBe(1);
    });

    it('refuses invalid answers without using the token, an expired token, and a closed survey', async () => {
      const s = await buildOpenSurvey(advisor, { titleNl: 'Fouten' });
      const { token } = await issueSubmissionToken(anonymous, s.id);
      const bad = await appErrorOf(submitResponse(anonymous, s.id, 'public', { token, answers: { ...typicalAnswers(s), [s.questions[1].id]: '12' } }));
      expect(bad.code).toBe('validation');
      await submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s) });
      const later = { ...anonymous, now: () => new Date(Date.now() + 25 * 3600_000) };
      const old = await issueSubmissionToken(anonymous, s.id);
      expect((await appErrorOf(submitResponse(later, s.id, 'public', { token: old.token, answers: typicalAnswers(s) }))).messageKey).toBe('effects.answer.tokenExpired');
      expect((await appErrorOf(submitResponse(anonymous, s.id, 'public', { token: 'verzonnen', answers: typicalAnswers(s) }))).code).toBe('conflict');
      await setSurveyStatus(advisor, s.id, 'closed');
      expect((await appErrorOf(issueSubmissionToken(anonymous, s.id))).messageKey).toBe('effects.answer.closed');
    });

    it('the daily clean-up removes tokens a day after they expired', async () => {
      const s = await buildOpenSurvey(advisor, { titleNl: 'Opruimen' });
      await issueSubmissionToken(anonymous, s.id);
      const count = async () => (await database.db.select().from(surveyTokens).where(sql`${surveyTokens.surveyId} = ${s.id}`)).length;
      await purgeSurveyTokens({ ...ctx, now: () => new Date(Date.now() + 47 * 3600_000) });
      expect(await count()).toBe(1);
      await purgeSurveyTokens({ ...ctx, now: () => new Date(Date.now() + 49 * 3600_000) });
      expect(await count()).toBe(0);
    });

    it('a draft survey is not found for the public', async () => {
      const s = await createSurvey(advisor, { titleNl: 'Concept', audience: 'resident' });
      expect((await appErrorOf(issueSubmissionToken(anonymous, s.id))).code).toBe('not_found');
    });

    it('kiosk: repeats allowed without a token, only with a running kiosk of that survey', async () => {
      const s = await buildOpenSurvey(partnerA, { titleNl: 'Kiosk' });
      const other = await buildOpenSurvey(partnerA, { titleNl: 'Andere' });
      const { token } = await startKiosk(partnerA, s.id, { districtCode: 'oost' });
      await submitResponse(anonymous, s.id, 'kiosk', { kioskToken: token, answers: typicalAnswers(s) });
      await submitResponse(anonymous, s.id, 'kiosk', { kioskToken: token, answers: typicalAnswers(s, 1) });
      const full = await getSurvey(partnerA, s.id);
      expect(full.responseCount).toBe(2);
      const rows = await database.db.select().from(surveyResponses).where(sql`${surveyResponses.surveyId} = ${s.id}`);
      expect(rows.map((r) => [r.channel, r.districtCode])).toEqual([['kiosk', 'oost'], ['kiosk', 'oost']]);
      expect((await appErrorOf(submitResponse(anonymous, s.id, 'kiosk', { kioskToken: undefined, answers: typicalAnswers(s) }))).code).toBe('forbidden');
      expect((await appErrorOf(submitResponse(anonymous, other.id, 'kiosk', { kioskToken: token, answers: typicalAnswers(other) }))).code).toBe('forbidden');
      await endKiosk(anonymous, s.id, token);
      expect((await appErrorOf(submitResponse(anonymous, s.id, 'kiosk', { kioskToken: token, answers: typicalAnswers(s) }))).code).toBe('forbidden');
    });

    it('paper forms: staff of the survey only, with the date on the form', async () => {
      const s = await buildOpenSurvey(partnerA, { titleNl: 'Papier' });
      await submitResponse(partnerA, s.id, 'paper', { answeredOn: '2026-01-15', answers: typicalAnswers(s) });
      expect((await appErrorOf(submitResponse(partnerB, s.id, 'paper', { answeredOn: '2026-01-15', answers: typicalAnswers(s) }))).code).toBe('not_found');
      expect((await appErrorOf(submitResponse(anonymous, s.id, 'paper', { answeredOn: '2026-01-15', answers: typicalAnswers(s) }))).code).toBe('not_found');
      const future = await appErrorOf(submitResponse(partnerA, s.id, 'paper', { answeredOn: '2999-01-01', answers: typicalAnswers(s) }));
      expect(future.fields.map((f) => f.field)).toEqual(['answeredOn']);
      const [row] = await database.db.select().from(surveyResponses).where(sql`${surveyResponses.surveyId} = ${s.id}`);
      expect([row.channel, row.answeredOn]).toEqual(['paper', '2026-01-15']);
    });

    it('stores consent apart: no column links it to a response, only the day; staff may delete it', async () => {
      const s = await buildOpenSurvey(partnerA, { titleNl: 'Toestemming' });
      const { token } = await issueSubmissionToken(anonymous, s.id);
      await submitResponse(anonymous, s.id, 'public', { token, answers: typicalAnswers(s), consent: { contact: 'jan@example.nl', name: 'Jan' } });
      const cols = await database.db.execute(sql`select column_name from information_schema.columns where table_name = 'survey_consents' order by column_name`);
      const names = ((cols as unknown as { rows?: { column_name: string }[] }).rows ?? (cols as unknown as { column_name: string }[])).map((r) => r.column_name);
      expect(names).toEqual(['contact', 'given_on', 'id', 'name', 'survey_id', 'tenant_id']);
      const respCols = await database.db.execute(sql`select column_name from information_schema.columns where table_name = 'survey_responses'`);
      const respNames = ((respCols as unknown as { rows?: { column_name: string }[] }).rows ?? (respCols as unknown as { column_name: string }[])).map((r) => r.column_name);
      expect(respNames.some((n) => /consent|contact|name|email/.test(n))).toBe(false);
      const consents = await listConsents(partnerA, s.id);
      expect(consents).toEqual([{ id: expect.any(String), contact: 'jan@example.nl', name: 'Jan', givenOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
      expect((await appErrorOf(listConsents(partnerB, s.id))).code).toBe('not_found');
      const second = await issueSubmissionToken(anonymous, s.id);
      const bad = await appErrorOf(submitResponse(anonymous, s.id, 'public', { token: second.token, answers: typicalAnswers(s), consent: { contact: 'geen adres' } }));
      expect(bad.fields.map((f) => f.field)).toEqual(['consent.contact']);
      await deleteConsent(partnerA, s.id, consents[0].id);
      expect(await database.db.select().from(surveyConsents).where(sql`${surveyConsents.surveyId} = ${s.id}`)).toEqual([]);
    });
  });
});
