// Survey results on hand-built data (PGlite, and PostgreSQL when DATABASE_URL is set): exact figures for the survey's
// own staff (distribution, mean, sd, median, quartiles, shares, Borda count and mean rank, cross-tabs, filters), the
// small-cell rule for outsiders, who may see results at all, and invitation lists with their one-time links.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';
import { surveyResponses, surveyAnswers } from './schema.ts';
import { advisorActor, buildOpenSurvey, typicalAnswers } from './test-survey-factory.ts';
import { getSurveyResults, statsOf } from './result-service.ts';
import { periodRange } from './result-query.ts';
import { recountTallies } from './result-tally.ts';
import { submitResponse } from './survey-answer.ts';
import { sql } from 'drizzle-orm';
import { addInvitations, listInvitations, submitInvitationResponse, renewInvitationLinks, parseInvitees } from './result-invite.ts';
import { resultRows } from './result-export.ts';
import type { SurveyFull } from './survey-types.ts';

describe('statistics from counts per value', () => {
  it('gives mean, sample sd, median and quartiles', () => {
    const s = statsOf([1, 2, 3, 4, 5].map((value) => ({ value, n: value === 5 ? 3 : 1 })))!;
    expect(s.mean).toBeCloseTo(25 / 7, 10);
    expect(s.sd).toBeCloseTo(Math.sqrt(15.714285714 / 6), 6);
    expect([s.median, s.q1, s.q3]).toEqual([4, 2.5, 5]);
    expect(statsOf([{ value: 3, n: 0 }])).toBeNull();
    expect(statsOf([{ value: 3, n: 1 }])!.sd).toBeNull();
  });
  it('reads periods', () => {
    expect(periodRange('2026')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(periodRange('2026-12')).toEqual({ from: '2026-12-01', to: '2027-01-01' });
    expect(periodRange('2026-Q2')).toEqual({ from: '2026-04-01', to: '2026-07-01' });
    expect(periodRange('2026-13')).toBeNull();
  });
  it('reads invitation lines', () => {
    const r = parseInvitees('De Brug; INFO@debrug.nl\n\nZonder adres\nWijkteam Noord\tteam@noord.nl');
    expect(r.invitees).toEqual([
      { organisationName: 'De Brug', email: 'info@debrug.nl' },
      { organisationName: 'Wijkteam Noord', email: 'team@noord.nl' },
    ]);
    expect(r.errors.map((e) => e.params)).toEqual([{ line: '3' }]);
  });
});

describe.each(dbKinds)('survey results (%s)', (kind) => {
  let database: TestDatabase;
  let owner: ServiceContext;
  let advisor: ServiceContext;
  let other: ServiceContext;
  let survey: SurveyFull;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    const ctx = ctxFor(database);
    const orgA = await buildOrganisation(ctx, 'core-partner');
    const orgB = await buildOrganisation(ctx, 'core-partner');
    owner = ctxFor(database, partnerActor(orgA.id, 'Anna'));
    other = ctxFor(database, partnerActor(orgB.id, 'Bob'));
    advisor = ctxFor(database, advisorActor);
    survey = await buildOpenSurvey(owner);
    const [agree, scale, single, multiple, ranking, text] = survey.questions;
    const [A, B, C] = ranking.options.map((o) => o.key);
    const o = (q: typeof single, i: number) => q.options[i].key;
    // 7 responses: 5 in centrum in January, 2 in noord in April.
    const rows = [
      { agree: 1, scale: 10, single: 0, multiple: [0, 1], rank: [A, B, C], district: 'centrum', on: '2026-01-05', text: 'Fijn' },
      { agree: 2, scale: 8, single: 0, multiple: [0, 1], rank: [A, B, C], district: 'centrum', on: '2026-01-06', text: '' },
      { agree: 3, scale: 8, single: 0, multiple: [0, 1], rank: [A, B, C], district: 'centrum', on: '2026-01-07', text: '' },
      { agree: 4, scale: 6, single: 0, multiple: [0], rank: [A, B, C], district: 'centrum', on: '2026-01-08', text: '' },
      { agree: 5, scale: 7, single: 1, multiple: [0], rank: [B, A, C], district: 'centrum', on: '2026-01-09', text: '' },
      { agree: 5, scale: null, single: 1, multiple: [0], rank: [B, A, C], district: 'noord', on: '2026-04-01', text: 'Te druk' },
      { agree: 5, scale: 9, single: 1, multiple: [0], rank: [C, B, A], district: 'noord', on: '2026-04-02', text: '' },
    ];
    for (const [i, r] of rows.entries()) {
      const [resp] = await ctx.db
        .insert(surveyResponses)
        .values({ tenantId: ctx.tenant, surveyId: survey.id, channel: i < 6 ? 'public' : 'paper', districtCode: r.district, answeredOn: r.on, submittedAt: new Date(`${r.on}T10:00:00Z`) })
        .returning();
      const base = { tenantId: ctx.tenant, surveyId: survey.id, responseId: resp.id };
      await ctx.db.insert(surveyAnswers).values([
        { ...base, questionId: agree.id, valueNumber: r.agree },
        ...(r.scale === null ? [] : [{ ...base, questionId: scale.id, valueNumber: r.scale }]),
        { ...base, questionId: single.id, valueOption: o(single, r.single) },
        { ...base, questionId: multiple.id, valueOptions: r.multiple.map((k) => o(multiple, k)) },
        { ...base, questionId: ranking.id, valueOptions: r.rank },
        ...(r.text ? [{ ...base, questionId: text.id, valueText: r.text }] : []),
      ]);
    }
    // stored straight into the tables (not through submitting), so the running totals are made from them
    await recountTallies(ctx, survey.id);
  });
  afterAll(async () => database?.drop());

  it('gives the survey’s own staff exact figures', async () => {
    const r = await getSurveyResults(owner, survey.id);
    expect(r.exact).toBe(true);
    expect(r.responses).toBe(7);
    expect(r.breakdown.district).toEqual([
      { key: 'centrum', n: 5 },
      { key: 'noord', n: 2 },
    ]);
    expect(r.breakdown.quarter).toEqual([
      { key: '2026-Q1', n: 5 },
      { key: '2026-Q2', n: 2 },
    ]);
    expect(r.breakdown.channel).toEqual([
      { key: 'paper', n: 1 },
      { key: 'public', n: 6 },
    ]);
    const [agree, scale, single, multiple, ranking, text] = r.questions;
    expect(agree.answered).toBe(7);
    expect(agree.scale!.distribution.map((d) => d.n)).toEqual([1, 1, 1, 1, 3]);
    expect(agree.scale!.stats).toEqual({ mean: 3.57, sd: 1.62, median: 4, q1: 2.5, q3: 5 });
    expect(agree.scale!.crossTabs.district).toEqual([
      { key: 'centrum', n: 5, mean: 3 },
      { key: 'noord', n: 2, mean: 5 },
    ]);
    expect(agree.scale!.crossTabs.month.map((c) => c.key)).toEqual(['2026-01', '2026-04']);
    expect(scale.answered).toBe(6);
    expect(scale.scale!.stats!.mean).toBe(8);
    expect(scale.scale!.stats!.median).toBe(8);
    expect(single.options!.map((o) => [o.n, o.share])).toEqual([
      [4, 57.14],
      [3, 42.86],
      [0, 0],
    ]);
    expect(multiple.options!.map((o) => [o.n, o.share])).toEqual([
      [7, 100],
      [3, 42.86],
      [0, 0],
    ]);
    // Borda (3 options: place 1 = 2 points, place 2 = 1, place 3 = 0) and mean rank.
    expect(ranking.ranking!.map((o) => [o.nl, o.borda, o.meanRank, o.firsts])).toEqual([
      ['Contact', 10, 1.57, 4],
      ['Leren', 9, 1.71, 2],
      ['Bewegen', 2, 2.71, 1],
    ]);
    expect(text.texts!.map((t) => t.text)).toEqual(['Te druk', 'Fijn']);
  });

  it('filters by period, district and channel', async () => {
    const q2 = await getSurveyResults(owner, survey.id, { period: '2026-Q2' });
    expect(q2.responses).toBe(2);
    expect(q2.questions[0].scale!.stats!.mean).toBe(5);
    expect((await getSurveyResults(owner, survey.id, { districtCode: 'centrum' })).responses).toBe(5);
    expect((await getSurveyResults(owner, survey.id, { channel: 'paper' })).responses).toBe(1);
    expect((await getSurveyResults(owner, survey.id, { period: '2026-01' })).responses).toBe(5);
    const bad = await appErrorOf(getSurveyResults(owner, survey.id, { period: 'gisteren' }));
    expect(bad.status).toBe(400);
    expect(bad.fields[0].field).toBe('period');
  });

  it('applies the small-cell rule for advisors of another organisation’s survey', async () => {
    const r = await getSurveyResults(advisor, survey.id);
    expect(r.exact).toBe(false);
    expect(r.responses).toBe(5); // 7 rounded to a multiple of 5
    // complementary suppression: centrum = total − noord, so it is hidden too ("x")
    expect(r.breakdown.district).toEqual([
      { key: 'centrum', n: 'x' },
      { key: 'noord', n: '< 5' },
    ]);
    const [agree, , single, , ranking, text] = r.questions;
    expect(agree.scale!.stats!.mean).toBe(3.57); // 7 answers: shown
    expect(agree.scale!.crossTabs.district).toEqual([
      { key: 'centrum', n: 'x', mean: null },
      { key: 'noord', n: '< 5', mean: null },
    ]);
    expect(single.options!.map((o) => [o.n, o.share])).toEqual([
      ['< 5', null],
      ['< 5', null],
      [0, null],
    ]);
    expect(ranking.ranking!.map((o) => o.firsts)).toEqual(['< 5', '< 5', '< 5']);
    expect(ranking.ranking![0].borda).toBe(10);
    expect(text.texts).toHaveLength(2);
    // a group under 5: no statistics, no open answers (not in the export either)
    const noord = await getSurveyResults(advisor, survey.id, { districtCode: 'noord' });
    expect(noord.responses).toBe('< 5');
    expect(noord.questions[0].scale!.stats).toBeNull();
    expect(noord.questions[5].texts).toBeNull();
    expect(resultRows(noord, 'nl', (_d, k) => k ?? '').flat()).not.toContain('Te druk');
    expect((await getSurveyResults(owner, survey.id, { districtCode: 'noord' })).questions[5].texts!.map((t) => t.text)).toEqual(['Te druk']);
  });

  it('keeps running totals while responses arrive that equal a recount from the answers', async () => {
    const s = await buildOpenSurvey(owner, { titleNl: 'Lopende tellingen' });
    const [agree, scale, single, multiple, ranking, text] = s.questions;
    const districts = ['centrum', 'noord', null];
    for (let i = 0; i < 12; i++) {
      const answers = typicalAnswers(s, i);
      answers[multiple.id] = multiple.options.filter((_, k) => (i >> k) & 1 || k === 2).map((o) => o.key);
      answers[ranking.id] = ranking.options.map((_, k) => ranking.options[(k + i) % ranking.options.length].key);
      if (i % 4 === 0) delete answers[single.id];
      if (i % 2) answers[text.id] = '';
      await submitResponse(owner, s.id, 'paper', { answeredOn: `2026-0${1 + (i % 5)}-1${i % 10}`, answers, context: { districtCode: districts[i % 3] } });
    }
    const links = await addInvitations(owner, s.id, 'De Brug; info@debrug.nl');
    await submitInvitationResponse(ctxFor(database), s.id, links[0].token, { [agree.id]: '2', [scale.id]: '3' });
    const snapshot = async () => [
      await database.db.execute(sql`select channel, activity, district, target, month, n from survey_response_tallies where survey_id = ${s.id} order by 1, 2, 3, 4, 5`),
      await database.db.execute(sql`select question_id, channel, activity, district, target, month, key, place, n, total from survey_answer_tallies where survey_id = ${s.id} order by 1, 2, 3, 4, 5, 6, 7, 8`),
    ].map((r) => (r as unknown as { rows: unknown[] }).rows);
    const running = await snapshot();
    const before = await getSurveyResults(owner, s.id);
    const beforeQ2 = await getSurveyResults(owner, s.id, { period: '2026-Q2', districtCode: 'noord' });
    await recountTallies(ctxFor(database), s.id);
    expect(await snapshot()).toEqual(running);
    expect(running[0].length).toBeGreaterThan(3);
    expect(await getSurveyResults(owner, s.id)).toEqual(before);
    expect(await getSurveyResults(owner, s.id, { period: '2026-Q2', districtCode: 'noord' })).toEqual(beforeQ2);
    expect(before.responses).toBe(13);
    expect(before.questions[0].answered).toBe(13);
    expect(before.questions[2].answered).toBe(9);
  });

  it('answers "not found" to staff of another organisation', async () => {
    expect((await appErrorOf(getSurveyResults(other, survey.id))).status).toBe(404);
    expect((await appErrorOf(listInvitations(other, survey.id))).status).toBe(404);
  });

  it('tracks invitations: one-time links, responded yes/no and the response rate', async () => {
    const s = await buildOpenSurvey(owner, { titleNl: 'Raadpleging partners', audience: 'organisation' });
    const links = await addInvitations(owner, s.id, 'De Brug; info@debrug.nl\nWijkteam; team@wijkteam.nl\nBibliotheek; info@bieb.nl');
    expect(links).toHaveLength(3);
    expect(links[0].token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const answers = Object.fromEntries(s.questions.filter((q) => q.required).map((q) => [q.id, q.type === 'agree' ? '4' : '7']));
    await submitInvitationResponse(ctxFor(database), s.id, links[1].token, answers);
    const again = await appErrorOf(submitInvitationResponse(ctxFor(database), s.id, links[1].token, answers));
    expect(again.status).toBe(409);
    const list = await listInvitations(owner, s.id);
    expect([list.invited, list.responded, list.rate]).toEqual([3, 1, 33.3]);
    expect(list.invitations.find((i) => i.organisationName === 'Wijkteam')!.responded).toBe(true);
    const r = await getSurveyResults(owner, s.id);
    expect(r.invitations).toEqual({ invited: 3, responded: 1, rate: 33.33 });
    expect(r.breakdown.channel).toEqual([{ key: 'invitation', n: 1 }]);
    // new links for those who did not respond; the old ones stop working
    const renewed = await renewInvitationLinks(owner, s.id);
    expect(renewed.map((l) => l.organisationName).sort()).toEqual(['Bibliotheek', 'De Brug']);
    expect((await appErrorOf(submitInvitationResponse(ctxFor(database), s.id, links[0].token, answers))).status).toBe(404);
    const bad = await appErrorOf(addInvitations(owner, s.id, 'Geen adres'));
    expect(bad.status).toBe(400);
  });
});
