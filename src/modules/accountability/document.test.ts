// The accountability document on a fixed seeded data set, on PGlite and PostgreSQL:
// - golden: every figure of the generated document equals an independent SQL computation of the same figure (with
//   the reach module's small-cell rule applied to counts of people and visits, as the document does);
// - the workflow: narratives by the table's organisations only, submit, return with a comment, submit again,
//   accept; every version kept with its snapshot; who may do what;
// - the outputs: XLSX with the same figures, HTML; the PDF's tables of contents give the pages their sections start
//   on, as read back from the PDF's text by poppler's pdftotext (independent of how the printing finds them).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { queryRows } from '../../platform/db/client.ts';
import { buildOrganisation, buildActivity, insertSession, insertPlan, residents, pseudonym } from '../reach/test-factory.ts';
import { saveExplanation } from '../reach/delivery.ts';
import { discloseColumn, discloseCount } from '../reach/disclosure.ts';
import { buildOpenSurvey } from '../effects/test-survey-factory.ts';
import { effectsStories, effectsTrajectories, surveyAnswers, surveyResponses } from '../effects/schema.ts';
import { buildIndicator, advisor as indicatorAdvisor, as as asIndicator } from '../indicators/test-factory.ts';
import { writeIndicatorValues, saveIndicatorTarget } from '../indicators/service.ts';
import { documentFigures } from './figures.ts';
import { saveNarratives, submitDocument, decideDocument, getVersion, documentState, getDocument, listDocuments } from './document-service.ts';
import { renderAccountability } from './exports.ts';
import { recountTallies } from '../effects/result-tally.ts';
import { closeChromium } from '../../platform/chromium.ts';
import { appErrorOf } from '../../../test/errors.ts';

const YEAR = 2026;
const NOW = new Date('2026-11-15T10:00:00Z');
const NOORD = 'WK039210';
const OOST = 'WK039206';
/** The text of every page of a PDF (pdftotext -layout; pages end with a form feed). */
function pdfPages(pdf: Buffer): string[] {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sb-pdf-')), 'doc.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('pdftotext is needed to read the PDF back: apt-get install poppler-utils');
    throw e;
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

/** Every table of contents ("Inhoud" and the numbered entries under it): the page it is on, and per entry its title and page. */
function contentsOf(pages: string[]) {
  const tocs: { page: number; entries: { title: string; page: number | null }[] }[] = [];
  pages.forEach((text, i) => {
    const lines = text.split('\n');
    lines.forEach((l, at) => {
      if (l.trim() !== 'Inhoud') return;
      const entries: { title: string; page: number | null }[] = [];
      for (const line of lines.slice(at + 1)) {
        if (!line.trim()) {
          if (entries.length) break;
          continue;
        }
        const start = /^\s*\d+\.\s+(.*)$/.exec(line);
        if (!start && !entries.length) break;
        const end = /\s{2,}(\d+)\s*$/.exec(line);
        const words = (start ? start[1] : line).replace(/\s{2,}\d+\s*$/, '').trim();
        if (start) entries.push({ title: words, page: null });
        else entries[entries.length - 1].title += ` ${words}`; // an entry over two lines
        if (end) entries[entries.length - 1].page = Number(end[1]);
      }
      tocs.push({ page: i + 1, entries });
    });
  });
  return tocs;
}

/** The first page from `from` on with a heading line of the title (the title, or its first words up to a line break), 1-based. */
const pageOfHeading = (pages: string[], title: string, from: number) => {
  const full = title.replace(/…$/, '');
  const isHeading = (line: string) => {
    const l = line.trim();
    return l.length >= Math.min(12, full.length) && !/^\d+\.\s/.test(l) && (full === l || full.startsWith(`${l} `) || (title.endsWith('…') && l.startsWith(full)));
  };
  for (let p = from; p <= pages.length; p++) if (pages[p - 1].split('\n').some(isHeading)) return p;
  return null;
};

const person = (roles: Role[], organisationId: string | null = null, name = roles.join(' ')): Actor => ({ userId: crypto.randomUUID(), name, email: `${roles[0]}@test`, roles, organisationId });

describe.each(dbKinds)('accountability document (%s)', (kind) => {
  let db: TestDatabase;
  let sys: ServiceContext;
  let as: (a: Actor) => ServiceContext;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let a1: string;
  let a2: string;
  let a3: string;
  let surveyId: string;
  let indicatorKey: string;
  const rows = <T,>(q: ReturnType<typeof sql>) => queryRows<T>(db.db, q);

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    sys = { ...ctxFor(db), now: () => NOW };
    as = (a) => ({ ...ctxFor(db, a), system: undefined, now: () => NOW });
    orgA = (await buildOrganisation(sys)).id;
    orgB = (await buildOrganisation(sys)).id;
    orgC = (await buildOrganisation(sys)).id;
    a1 = (await buildActivity(sys, orgA, { title: 'Koffie in Noord', themes: ['ontmoeten'], subGoals: ['ontmoeten/1'], districtCode: 'noord' })).id;
    a2 = (await buildActivity(sys, orgB, { title: 'Buurtmaaltijd Oost', themes: ['ontmoeten'], subGoals: [], districtCode: 'oost' })).id;
    a3 = (await buildActivity(sys, orgC, { title: 'Wandelen', themes: ['gezonde-leefstijl'], subGoals: [], districtCode: 'oost' })).id;
    const many = residents('noord', 23);
    const visitor = (id: string, wijk: string | null = NOORD, targetGroups: string[] = []) => ({ id, wijk, targetGroups });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-01-12', headcount: 4, visitors: many.slice(0, 15).map((r, i) => visitor(r, NOORD, i < 6 ? ['ouderen'] : [])) });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-03-09', visitors: many.slice(8, 23).map((r) => visitor(r)) });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-05-04', status: 'cancelled' });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2025-12-29', visitors: many.slice(0, 3).map((r) => visitor(r)) });
    await insertSession(sys, { activityId: a2, organisationId: orgB, date: '2026-02-02', hours: 3, importedAnonymous: 2, visitors: [visitor(many[0]), visitor('oost-1', OOST), visitor('oost-2', OOST)], volunteerIds: ['v1', 'v2'], volunteers: 2, volunteerHours: 6 });
    await insertSession(sys, { activityId: a3, organisationId: orgC, date: '2026-02-03', visitors: residents('wandel', 9).map((r) => visitor(r, OOST)) });
    await insertPlan(sys, 'ontmoeten', YEAR, [
      { activityId: a1, organisationId: orgA, plannedSessions: 4, plannedHours: 8, subGoals: ['ontmoeten/1'], targets: [{ planned: 30 }, { targetGroup: 'ouderen', planned: 10 }] },
      { activityId: a2, organisationId: orgB, plannedSessions: 2, plannedHours: 6, subGoals: ['ontmoeten/2', 'ontmoeten/3'], targets: [{ district: 'oost', planned: 12 }] },
    ]);
    await insertPlan(sys, 'gezonde-leefstijl', YEAR, [{ activityId: a3, organisationId: orgC, plannedSessions: 1, plannedHours: 2 }]);
    await saveExplanation(as(person(['partner_staff'], orgA)), { activityId: a1, year: YEAR }, { text: 'Eén keer afgelast door ziekte.' });

    // level 3: a survey question on ontmoeten/1 answered 7 times in the year (and once in 2025)
    const survey = await buildOpenSurvey(sys);
    surveyId = survey.id;
    const agree = survey.questions.find((q) => q.type === 'agree')!;
    const answer = async (on: string, value: number) => {
      const [r] = await db.db.insert(surveyResponses).values({ tenantId: sys.tenant, surveyId, channel: 'paper', answeredOn: on, submittedAt: NOW }).returning({ id: surveyResponses.id });
      await db.db.insert(surveyAnswers).values({ tenantId: sys.tenant, responseId: r.id, surveyId, questionId: agree.id, valueNumber: value });
    };
    for (const v of [5, 4, 4, 3, 2, 5, 4]) await answer('2026-04-01', v);
    await answer('2025-04-01', 1);
    // written straight into the tables here, so the running totals that submitting keeps are made once (as the bench does)
    await recountTallies(sys, surveyId);
    const trajectory = (result: string | null, end: string | null, subGoals = ['ontmoeten/1']) =>
      db.db.insert(effectsTrajectories).values({ tenantId: sys.tenant, organisationId: orgA, pseudonym: pseudonym(sys, `t-${Math.random()}`), kindKey: 'coaching', themeSlug: 'ontmoeten', subGoals, startDate: '2025-06-01', endDate: end, result });
    for (const r of ['reached', 'reached', 'reached', 'partly', 'partly', 'not']) await trajectory(r, '2026-06-30');
    await trajectory(null, null);
    await trajectory('reached', '2025-10-01');
    await trajectory('reached', '2026-02-01', ['ontmoeten/2']);
    const story = (title: string, over: Partial<typeof effectsStories.$inferInsert> = {}) =>
      db.db.insert(effectsStories).values({ tenantId: sys.tenant, organisationId: orgA, authorUserId: crypto.randomUUID(), status: 'approved', title, body: `${title}: tekst.`, storyDate: '2026-05-01', consentMedia: ['text'], consentUses: ['council'], consentUntil: '2027-12-31', themeSlug: 'ontmoeten', subGoals: ['ontmoeten/1'], ...over });
    await story('Voor de raad');
    await story('Alleen intern', { consentUses: ['internal'] });
    await story('Nog niet beoordeeld', { status: 'submitted' });
    await story('Toestemming verlopen', { consentUntil: '2026-10-01' });

    // level 4: an indicator on ontmoeten/2 with a municipal trend, a benchmark and a wijk target
    const ind = await buildIndicator(sys, { subGoalKeys: ['ontmoeten/2'], direction: 'down' });
    indicatorKey = ind.key;
    const cols = { indicator: 'indicator', area: 'gebied', period: 'periode', value: 'waarde' };
    const val = (row: number, area: string, period: string, value: number) => ({ row, indicator: ind.key, area, period, value, columns: cols });
    const written = await writeIndicatorValues(asIndicator(sys, indicatorAdvisor), [val(2, 'GM0392', '2024', 30), val(3, 'GM0392', '2025', 28), val(5, 'WK039201', '2025', 40), val(6, 'GM0363', '2025', 25)], { origin: 'test' });
    expect(written.errors).toEqual([]);
    expect(written.status).toBe('imported');
    await saveIndicatorTarget(asIndicator(sys, indicatorAdvisor), { indicatorKey: ind.key, areaCode: 'WK039201', subGoalKeys: ['ontmoeten/2'], baselineValue: 45, baselinePeriod: '2023', targetValue: 35, targetYear: 2027 });
  }, 180_000);
  afterAll(async () => {
    await closeChromium();
    await db?.drop();
  });

  it('golden: every figure equals an independent SQL computation', async () => {
    const doc = await documentFigures(as(person(['auditor'])), 'ontmoeten', YEAR);
    const t = sys.tenant;
    const keys = doc.subGoals.map((s) => s.key);
    expect(keys).toEqual(['ontmoeten/1', 'ontmoeten/2', 'ontmoeten/3']);
    expect(doc.organisations.map((o) => o.id).sort()).toEqual([orgA, orgB].sort());

    // the activities counted under each sub-goal: the activity's own sub-goals and those of its plan entries
    const subGoalActivities = async (key: string) =>
      (
        await rows<{ id: string }>(sql`
          select a.id from activities a where a.tenant_id = ${t} and (${key} = any(a.sub_goals) or exists (
            select 1 from reach_plan_entries e join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id
            where e.tenant_id = ${t} and e.activity_id = a.id and p.year = ${YEAR} and ${key} = any(e.sub_goals)))`)
      ).map((r) => r.id);

    // level 1 per sub-goal: planned from the plan entries of the theme's plan, held sessions of those activities
    for (const s of doc.subGoals) {
      const [l1] = await rows<{ planned: number; held: number; cancelled: number; hours: number }>(sql`
        with e as (
          select e.activity_id, e.organisation_id, e.planned_sessions from reach_plan_entries e
          join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id
          join activities a on a.tenant_id = e.tenant_id and a.id = e.activity_id
          where e.tenant_id = ${t} and p.year = ${YEAR} and p.theme_slug = 'ontmoeten' and (${s.key} = any(e.sub_goals) or ${s.key} = any(a.sub_goals)))
        select coalesce((select sum(planned_sessions) from e), 0)::float8 as planned,
               (select count(*) from reach_sessions x join e on e.activity_id = x.activity_id and e.organisation_id = x.organisation_id
                 where x.tenant_id = ${t} and x.status = 'held' and x.date between '2026-01-01' and '2026-12-31')::int as held,
               (select count(*) from reach_sessions x join e on e.activity_id = x.activity_id and e.organisation_id = x.organisation_id
                 where x.tenant_id = ${t} and x.status = 'cancelled' and x.date between '2026-01-01' and '2026-12-31')::int as cancelled,
               (select coalesce(sum(x.hours), 0) from reach_sessions x join e on e.activity_id = x.activity_id and e.organisation_id = x.organisation_id
                 where x.tenant_id = ${t} and x.status = 'held' and x.date between '2026-01-01' and '2026-12-31')::float8 as hours`);
      expect(s.level1.total).toMatchObject({ plannedSessions: Number(l1.planned), heldSessions: Number(l1.held), cancelledSessions: Number(l1.cancelled), heldHours: Number(l1.hours) });
    }
    expect(doc.subGoals[0].level1.rows).toEqual([expect.objectContaining({ activityId: a1, plannedSessions: 4, heldSessions: 2, cancelledSessions: 1, deviation: 'under', explanation: 'Eén keer afgelast door ziekte.' })]);

    // level 2 per sub-goal: distinct residents and visits (identified + counted + imported anonymous), held sessions in the year
    const rawRes: number[] = [];
    const rawVis: number[] = [];
    for (const key of keys) {
      const ids = await subGoalActivities(key);
      const [r] = await rows<{ residents: number; visits: number }>(sql`
        select (select count(distinct x.pseudonym) from reach_attendance x join reach_sessions s on s.tenant_id = x.tenant_id and s.id = x.session_id
                 where x.tenant_id = ${t} and s.status = 'held' and x.date between '2026-01-01' and '2026-12-31' and x.activity_id::text = any(${`{${ids.join(',')}}`}::text[]))::int as residents,
               ((select count(*) from reach_attendance x join reach_sessions s on s.tenant_id = x.tenant_id and s.id = x.session_id
                 where x.tenant_id = ${t} and s.status = 'held' and x.date between '2026-01-01' and '2026-12-31' and x.activity_id::text = any(${`{${ids.join(',')}}`}::text[]))
               + (select coalesce(sum(s.headcount + s.imported_anonymous), 0) from reach_sessions s
                 where s.tenant_id = ${t} and s.status = 'held' and s.date between '2026-01-01' and '2026-12-31' and s.activity_id::text = any(${`{${ids.join(',')}}`}::text[])))::int as visits`);
      rawRes.push(Number(r.residents));
      rawVis.push(Number(r.visits));
    }
    expect(rawRes).toEqual([23, 3, 3]);
    expect(doc.subGoals.map((s) => s.level2.residents)).toEqual(discloseColumn(rawRes, false));
    expect(doc.subGoals.map((s) => s.level2.visits)).toEqual(discloseColumn(rawVis, false));
    expect(doc.subGoals.map((s) => s.level2.planned)).toEqual([30, 12, 12]);

    // totals of the theme
    const themeIds = [...new Set([...(await subGoalActivities('ontmoeten/1')), ...(await subGoalActivities('ontmoeten/2'))])];
    const [tot] = await rows<{ residents: number; planned: number }>(sql`
      select (select count(distinct x.pseudonym) from reach_attendance x join reach_sessions s on s.tenant_id = x.tenant_id and s.id = x.session_id
               where x.tenant_id = ${t} and s.status = 'held' and x.date between '2026-01-01' and '2026-12-31' and x.activity_id::text = any(${`{${themeIds.join(',')}}`}::text[]))::int as residents,
             (select sum(g.planned_residents) from reach_plan_targets g join reach_plan_entries e on e.tenant_id = g.tenant_id and e.id = g.entry_id
               join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id where g.tenant_id = ${t} and p.year = ${YEAR} and p.theme_slug = 'ontmoeten'
               and g.target_group = '' and g.district_code = '')::int as planned`);
    expect(doc.total.residents).toBe(discloseCount(Number(tot.residents), false));
    expect(doc.total.plannedResidents).toBe(Number(tot.planned) + 12);
    const [vol] = await rows<{ n: number }>(sql`select count(distinct v.pseudonym)::int as n from reach_session_volunteers v join reach_sessions s on s.tenant_id = v.tenant_id and s.id = v.session_id where v.tenant_id = ${t} and s.activity_id::text = any(${`{${themeIds.join(',')}}`}::text[])`);
    expect(doc.total.volunteers).toBe(discloseCount(Number(vol.n), false));

    // level 3: the agree question of ontmoeten/1 (answers in the year), outflow, stories for the council
    const [q] = await rows<{ n: number; mean: number; agree: number }>(sql`
      select count(*)::int as n, avg(a.value_number)::float8 as mean, count(*) filter (where a.value_number >= 4)::int as agree
      from survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
      join survey_questions sq on sq.tenant_id = a.tenant_id and sq.id = a.question_id
      where a.tenant_id = ${t} and 'ontmoeten/1' = any(sq.sub_goals) and r.answered_on between '2026-01-01' and '2026-12-31'`);
    const ql = doc.subGoals[0].level3.questions;
    expect(ql).toHaveLength(1);
    expect(ql[0]).toMatchObject({ surveyId, answered: discloseCount(Number(q.n), false), mean: Math.round(Number(q.mean) * 100) / 100, agreePct: Math.round((Number(q.agree) / Number(q.n)) * 1000) / 10 });
    // a range of whole months reads the running totals, any other range the answers: the same figures
    const partMonth = await documentFigures(as(person(['auditor'])), 'ontmoeten', YEAR, { from: '2026-01-02', to: '2026-12-30' });
    expect(partMonth.subGoals[0].level3.questions).toEqual(ql);
    const [o] = await rows<{ ended: number; reached: number; partly: number; not_r: number }>(sql`
      select count(*)::int as ended, count(*) filter (where result = 'reached')::int as reached, count(*) filter (where result = 'partly')::int as partly, count(*) filter (where result = 'not')::int as not_r
      from effects_trajectories where tenant_id = ${t} and 'ontmoeten/1' = any(sub_goals) and end_date between '2026-01-01' and '2026-12-31'`);
    const shown = discloseColumn([Number(o.reached), Number(o.partly), Number(o.not_r)], false);
    expect(doc.subGoals[0].level3.outflow).toEqual({ ended: discloseCount(Number(o.ended), false), reached: shown[0], partly: shown[1], not: shown[2], reachedPct: 50 });
    expect(doc.subGoals[1].level3.outflow.ended).toBe('< 5');
    const stories = await rows<{ id: string }>(sql`
      select id from effects_stories where tenant_id = ${t} and status = 'approved' and 'council' = any(consent_uses) and consent_until >= '2026-11-15' and 'ontmoeten/1' = any(sub_goals)`);
    expect(doc.subGoals[0].level3.stories.map((s) => s.id)).toEqual(stories.map((s) => s.id));
    expect(doc.subGoals[0].level3.stories[0].title).toBe('Voor de raad');

    // level 4: the indicator of ontmoeten/2: trend up to the year, change judged by the direction, benchmark, target
    // the indicators linked to each sub-goal (the seeded CBS/source series too), in the indicators' order
    for (const sg of doc.subGoals) {
      const linked = await rows<{ key: string }>(sql`select key from indicators where tenant_id = ${t} and ${sg.key} = any(sub_goal_keys) order by position, key`);
      expect(sg.level4.map((l) => l.key)).toEqual(linked.map((r) => r.key));
    }
    const l4 = doc.subGoals[1].level4.filter((l) => l.key === indicatorKey);
    expect(l4).toHaveLength(1);
    const own = await rows<{ period: string; value: number }>(sql`
      select v.period, v.value::float8 as value from indicator_values v join indicators i on i.tenant_id = v.tenant_id and i.id = v.indicator_id
      where v.tenant_id = ${t} and i.key = ${indicatorKey} and v.area_code = ${t} and not v.benchmark and left(v.period, 4)::int <= ${YEAR} order by v.period`);
    expect(l4[0].trend).toEqual(own.map((r) => ({ period: r.period, value: Number(r.value) })));
    expect(l4[0]).toMatchObject({ latest: { period: '2025', value: 28 }, previous: { period: '2024', value: 30 }, judgement: 'better', benchmarks: [{ areaCode: 'GM0363', period: '2025', value: 25 }] });
    expect(l4[0].targets).toEqual([expect.objectContaining({ areaCode: 'WK039201', baselineValue: 45, targetValue: 35, targetYear: 2027, current: { period: '2025', value: 40 }, progressPct: 50 })]);
  });

  it('workflow: narratives by the table, submit, return with a comment, submit again, accept; every version kept', async () => {
    const staffA = as(person(['partner_staff'], orgA, 'Anna'));
    const staffC = as(person(['partner_staff'], orgC, 'Cas'));
    const advisor = as(person(['policy_advisor'], null, 'Bea'));
    const auditor = as(person(['auditor'], null, 'Raadslid'));
    const resident = as(person(['resident']));
    expect((await appErrorOf(documentState(resident, 'ontmoeten', YEAR))).code).toBe('not_found');
    expect((await appErrorOf(documentState(auditor, 'onbekend', YEAR))).code).toBe('not_found');
    expect((await appErrorOf(saveNarratives(staffC, 'ontmoeten', YEAR, { intro: 'x' }))).code).toBe('not_found');
    expect((await appErrorOf(saveNarratives(auditor, 'ontmoeten', YEAR, { intro: 'x' }))).code).toBe('not_found');
    const bad = await appErrorOf(saveNarratives(staffA, 'ontmoeten', YEAR, { 'ontmoeten/9#1': 'x', intro: 'y'.repeat(10_001) }));
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['intro', 'ontmoeten/9#1']);

    const s1 = await saveNarratives(staffA, 'ontmoeten', YEAR, { intro: 'Een goed jaar.', 'ontmoeten/1#1': 'Bijna alles gedaan.' });
    expect(s1).toMatchObject({ status: 'draft', version: 0, may: { write: true, submit: true, decide: false } });
    expect(s1.narratives.intro.by).toBe('Anna');
    expect((await appErrorOf(decideDocument(advisor, 'ontmoeten', YEAR, { decision: 'accept' }))).code).toBe('conflict');

    const submitted = await submitDocument(staffA, 'ontmoeten', YEAR);
    expect(submitted).toMatchObject({ status: 'submitted', version: 1 });
    expect((await appErrorOf(saveNarratives(staffA, 'ontmoeten', YEAR, { intro: 'later' }))).code).toBe('conflict');
    expect((await appErrorOf(decideDocument(staffA, 'ontmoeten', YEAR, { decision: 'accept' }))).code).toBe('not_found');
    expect((await appErrorOf(decideDocument(advisor, 'ontmoeten', YEAR, { decision: 'return', comment: '' }))).fields[0]).toMatchObject({ field: 'comment' });

    const returned = await decideDocument(advisor, 'ontmoeten', YEAR, { decision: 'return', comment: 'Graag meer over subdoel 2.' });
    expect(returned.status).toBe('returned');
    await saveNarratives(staffA, 'ontmoeten', YEAR, { 'ontmoeten/2#2': 'Weinig bereik in Oost: nieuwe locatie.', intro: 'Een goed jaar, met leerpunten.' });
    await submitDocument(staffA, 'ontmoeten', YEAR);
    const accepted = await decideDocument(advisor, 'ontmoeten', YEAR, { decision: 'accept', comment: 'Dank.' });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2, may: { write: false, submit: false, decide: false } });
    expect(accepted.events.map((e) => `${e.version}:${e.kind}`)).toEqual(['1:submitted', '1:returned', '2:submitted', '2:accepted']);

    const v1 = await getVersion(auditor, 'ontmoeten', YEAR, 1);
    expect(v1.snapshot.narratives).toEqual({ intro: 'Een goed jaar.', 'ontmoeten/1#1': 'Bijna alles gedaan.' });
    expect(v1.decision).toMatchObject({ kind: 'returned', comment: 'Graag meer over subdoel 2.' });
    const v2 = await getVersion(auditor, 'ontmoeten', YEAR, 2);
    expect(v2.snapshot.narratives['ontmoeten/2#2']).toBe('Weinig bereik in Oost: nieuwe locatie.');
    expect(v2.snapshot.figures.subGoals[0].level1.total.heldSessions).toBe(2);
    expect((await appErrorOf(getVersion(auditor, 'ontmoeten', YEAR, 3))).code).toBe('not_found');
    const audit = await rows<{ action: string }>(sql`select action from audit_events where tenant_id = ${sys.tenant} and action like 'accountability.%' order by at`);
    expect(audit.map((a) => a.action)).toEqual(['accountability.narrative_save', 'accountability.submit', 'accountability.decide', 'accountability.narrative_save', 'accountability.submit', 'accountability.decide']);
  });

  it('outputs: the XLSX holds the same figures as the document; the HTML is standalone', async () => {
    const auditor = as(person(['auditor']));
    const doc = await getDocument(auditor, 'ontmoeten', YEAR);
    const xlsx = await renderAccountability(auditor, { slug: 'ontmoeten', year: YEAR, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const level1 = wb.getWorksheet('Niveau 1 uitvoering')!;
    const total = level1.getRows(2, level1.rowCount - 1)!.find((r) => r.getCell(2).value === 'ontmoeten/1' && r.getCell(3).value === 'Totaal')!;
    expect(total.getCell(6).value).toBe(doc.figures.subGoals[0].level1.total.heldSessions);
    const level2 = wb.getWorksheet('Niveau 2 bereik')!;
    expect(level2.getRow(2).getCell(4).value).toBe(doc.figures.subGoals[0].level2.residents);
    const html = await renderAccountability(auditor, { slug: 'ontmoeten', year: YEAR, format: 'html' });
    const text = html.content.toString('utf8');
    expect(text).toContain('Verantwoording Ontmoeten 2026');
    expect(text).toContain('Weinig bereik in Oost: nieuwe locatie.');
    expect(text).not.toContain('href="/verantwoording/');
  });

  it.runIf(kind === dbKinds[0])('PDF: the table of contents gives the page each section starts on (a document and the council bundle)', async () => {
    const auditor = as(person(['auditor']));
    const doc = await getDocument(auditor, 'ontmoeten', YEAR);
    const one = pdfPages((await renderAccountability(auditor, { slug: 'ontmoeten', year: YEAR, format: 'pdf' })).content);
    const [toc] = contentsOf(one);
    expect(toc.page).toBe(1);
    expect(toc.entries.map((e) => e.title)).toEqual(['Samenvatting', ...doc.figures.subGoals.map((s) => `Subdoel ${s.key} ${s.text}`), 'Over deze cijfers']);
    // every sub-goal starts on a new page, so the numbers differ and the last is the document's last page or before
    expect(new Set(toc.entries.map((e) => e.page)).size).toBe(toc.entries.length);
    expect(one.length).toBeGreaterThan(doc.figures.subGoals.length);
    for (const e of toc.entries) expect({ entry: e.title, page: e.page }).toEqual({ entry: e.title, page: pageOfHeading(one, e.title, e.title === 'Samenvatting' ? toc.page : toc.page + 1) });

    const bundle = pdfPages((await renderAccountability(auditor, { slug: null, year: YEAR, format: 'pdf' })).content);
    const tocs = contentsOf(bundle);
    const listed = await listDocuments(auditor, YEAR);
    expect(listed.length).toBeGreaterThan(1);
    expect(tocs.length).toBe(1 + listed.length); // the bundle's own and one per document
    expect(tocs[0].entries.map((e) => e.title)).toEqual(['Samenvatting', ...listed.map((d) => expect.stringMatching(new RegExp(`^Verantwoording ${d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)))]);
    for (const t of tocs) {
      expect(t.entries.every((e) => e.page !== null && e.page >= t.page)).toBe(true);
      for (const e of t.entries) expect({ entry: e.title, page: e.page }).toEqual({ entry: e.title, page: pageOfHeading(bundle, e.title, t.page + (e.title === 'Samenvatting' ? 0 : 1)) });
    }
    // the documents follow one another: each one's contents are on the page the bundle's contents give for it
    expect(tocs.slice(1).map((t) => t.page)).toEqual(tocs[0].entries.slice(1).map((e) => e.page));
  });
});
