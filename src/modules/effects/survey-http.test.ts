// Surveys over HTTP (in-process): the builder without JavaScript, the public form with its one-time token, the
// kiosk cookie, paper entry, the JSON API (form → token → response), access to another organisation's survey.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { clientFor } from '../places/test-http.ts';
import { buildOrganisation } from '../catalogue/test-factory.ts';
import { getSurvey } from './survey-service.ts';
import { buildOpenSurvey, typicalAnswers } from './test-survey-factory.ts';
import type { SurveyFull } from './survey-types.ts';

const idFrom = (location: string | null) => location!.match(/enquetes\/([0-9a-f-]{36})/)![1];
const tokenOf = (html: string) => html.match(/name="token" value="([^"]+)"/)![1];

/** The HTML form fields for valid answers (ranking: a place per option). */
function formAnswers(s: SurveyFull): Record<string, string | string[]> {
  const raw = typicalAnswers(s);
  const out: Record<string, string | string[]> = {};
  for (const q of s.questions) {
    if (q.type === 'ranking') (raw[q.id] as string[]).forEach((k, i) => (out[`answers.${q.id}.${k}`] = String(i + 1)));
    else out[`answers.${q.id}`] = raw[q.id] as string | string[];
  }
  return out;
}

describe.each(dbKinds)('surveys over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let staffA: TestClient;
  let staffB: TestClient;
  let orgA: { id: string };
  let survey: SurveyFull;

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    orgA = await buildOrganisation(ctxFor(db), 'core-partner');
    const orgB = await buildOrganisation(ctxFor(db), 'core-partner');
    staffA = await clientFor(app, db, ['partner_staff'], orgA.id);
    staffB = await clientFor(app, db, ['partner_staff'], orgB.id);
    survey = await buildOpenSurvey(ctxFor(db, { userId: '', name: 'A', email: 'a@test', roles: ['partner_staff'], organisationId: orgA.id }), { titleNl: 'HTTP-enquête' });
  });
  afterAll(async () => db?.drop());

  it('builds a survey with forms: details, a question with plain-language tips, a standard set, open', async () => {
    const created = await staffA.postForm('/effecten/enquetes/nieuw', { titleNl: 'Buurtkamer', audience: 'resident', themeSlugs: 'ontmoeten' }, '/effecten/enquetes/nieuw');
    expect(created.status).toBe(303);
    const id = idFrom(created.headers.get('location'));
    const long = 'Wij willen graag van u weten hoe u de activiteit in het buurthuis hebt ervaren en of u het de komende tijd nog eens zou doen?';
    const q = await staffA.postForm(`/effecten/enquetes/${id}/vragen/nieuw`, { type: 'single', textNl: long, options: 'Ja | Yes\nNee | No', subGoals: 'ontmoeten/2', required: 'true' }, `/effecten/enquetes/${id}/vragen/nieuw`);
    expect(q.status).toBe(303);
    const page = await (await staffA.get(`/effecten/enquetes/${id}`)).text();
    expect(page).toContain('Tip voor eenvoudige taal');
    expect(page).toContain('26 woorden');
    expect((await staffA.postForm(`/effecten/enquetes/${id}/standaardset`, { set: 'inwoner-ervaren-effect' }, `/effecten/enquetes/${id}`)).headers.get('location')).toContain('?set=8');
    expect((await staffA.postForm(`/effecten/enquetes/${id}/status`, { status: 'open' }, `/effecten/enquetes/${id}`)).status).toBe(303);
    const full = await getSurvey(ctxFor(db, { userId: '', name: 'A', email: 'a@test', roles: ['partner_staff'], organisationId: orgA.id }), id);
    expect(full.status).toBe('open');
    expect(full.questions[0]).toMatchObject({ type: 'single', required: true, subGoals: ['ontmoeten/2'], options: [{ key: 'o1', nl: 'Ja', en: 'Yes' }, { key: 'o2', nl: 'Nee', en: 'No' }] });
  });

  it('shows field errors for a bad question, and hides the survey from another organisation', async () => {
    const bad = await staffA.postForm(`/effecten/enquetes/${survey.id}/vragen/nieuw`, { type: 'ranking', textNl: '', options: 'Alleen één', subGoals: 'ontmoeten/99' }, `/effecten/enquetes/${survey.id}`);
    // the survey has responses? not yet: the form answers 400 with every problem
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('geef minstens 2 keuzes');
    expect(html).toContain('het subdoel ontmoeten/99 bestaat niet');
    expect((await staffB.get(`/effecten/enquetes/${survey.id}`)).status).toBe(404);
    expect((await staffB.get(`/api/v1/surveys/${survey.id}`)).status).toBe(404);
    expect((await staffA.get(`/api/v1/surveys/${survey.id}`)).status).toBe(200);
    expect((await new TestClient(app).get('/effecten/enquetes')).status).toBe(303);
  });

  it('public link: error summary, then one response; a replayed token is refused', async () => {
    const anon = new TestClient(app);
    const form = await anon.get(`/enquete/${survey.id}?stadsdeel=noord`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const token = tokenOf(html);
    expect(html).toContain('name="stadsdeel" value="noord"');
    const missing = await anon.postForm(`/enquete/${survey.id}`, { token }, `/enquete/${survey.id}`);
    expect(missing.status).toBe(400);
    const errors = await missing.text();
    expect(errors).toContain('Vraag 1: geef een antwoord.');
    expect(errors).toContain('Vraag 2: geef een antwoord.');
    expect(errors).toContain(`name="token" value="${token}"`);
    const range = await anon.postForm(`/enquete/${survey.id}`, { token, ...formAnswers(survey), [`answers.${survey.questions[1].id}`]: '11', [`answers.${survey.questions[5].id}`]: 'x'.repeat(2001) }, `/enquete/${survey.id}`);
    const rangeHtml = await range.text();
    expect(rangeHtml).toContain('Vraag 2: kies een getal van 1 tot en met 10.');
    expect(rangeHtml).toContain('Vraag 6: uw antwoord is te lang');
    const ok = await anon.postForm(`/enquete/${survey.id}`, { token, ...formAnswers(survey) }, `/enquete/${survey.id}`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/enquete/${survey.id}/bedankt`);
    const replay = await anon.postForm(`/enquete/${survey.id}`, { token, ...formAnswers(survey) }, `/enquete/${survey.id}`);
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain('Dit formulier is al verstuurd');
  });

  it('kiosk: refused without the kiosk cookie; answers twice once a staff member started it', async () => {
    expect((await new TestClient(app).get(`/enquete/${survey.id}/kiosk`)).status).toBe(403);
    const started = await staffA.postForm(`/effecten/enquetes/${survey.id}/kiosk`, {}, `/effecten/enquetes/${survey.id}`);
    expect(started.status).toBe(303);
    const cookie = started.headers.getSetCookie().find((c) => c.startsWith('sb_kiosk='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toContain(`Path=/enquete/${survey.id}/kiosk`);
    const tablet = new TestClient(app);
    tablet.cookies.set('sb_kiosk', staffA.cookies.get('sb_kiosk')!);
    for (let i = 0; i < 2; i++) {
      const res = await tablet.postForm(`/enquete/${survey.id}/kiosk`, formAnswers(survey), `/enquete/${survey.id}/kiosk`);
      expect(res.status).toBe(303);
      const next = await (await tablet.get(res.headers.get('location')!)).text();
      expect(next).toContain('Het formulier is weer leeg');
    }
    const stop = await tablet.postForm(`/enquete/${survey.id}/kiosk/stoppen`, {}, `/enquete/${survey.id}/kiosk`);
    expect(stop.status).toBe(200);
    expect((await tablet.get(`/enquete/${survey.id}/kiosk`)).status).toBe(403);
  });

  it('paper entry by staff, and the API flow: form → token → response; replay 409; bad answers 400', async () => {
    const paper = await staffA.postForm(`/effecten/enquetes/${survey.id}/papier`, { answeredOn: '2026-01-10', doelgroep: 'ouderen', ...formAnswers(survey) }, `/effecten/enquetes/${survey.id}/papier`);
    expect(paper.status).toBe(303);
    expect((await staffB.get(`/effecten/enquetes/${survey.id}/papier`)).status).toBe(404);
    const anon = new TestClient(app);
    const form = await anon.get(`/api/v1/surveys/${survey.id}/form`);
    expect(form.status).toBe(200);
    const { token, survey: s } = (await form.json()) as { token: string; survey: SurveyFull };
    const bad = await anon.json(`/api/v1/surveys/${survey.id}/responses`, 'POST', { token, answers: { [s.questions[0].id]: '9' } });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string; code: string }[] };
    expect(problem.invalidParams.map((p) => `${p.name}:${p.code}`)).toEqual([`answers.${s.questions[0].id}:out_of_range`, `answers.${s.questions[1].id}:required`]);
    const body = { token, answers: typicalAnswers(survey), consent: { contact: '06 12345678' } };
    expect((await anon.json(`/api/v1/surveys/${survey.id}/responses`, 'POST', body)).status).toBe(201);
    expect((await anon.json(`/api/v1/surveys/${survey.id}/responses`, 'POST', body)).status).toBe(409);
    const full = await getSurvey(ctxFor(db, { userId: '', name: 'A', email: 'a@test', roles: ['partner_staff'], organisationId: orgA.id }), survey.id);
    expect(full.responseCount).toBe(5);
    expect(await (await staffA.get(`/effecten/enquetes/${survey.id}/toestemming`)).text()).toContain('06 12345678');
  });

  it('documents the two-step public flow in OpenAPI', async () => {
    const doc = (await (await new TestClient(app).get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { summary?: string; security?: unknown }>> };
    const path = (end: string) => Object.entries(doc.paths).find(([k]) => k.endsWith(end))?.[1];
    expect(path('/surveys/{id}/form')?.get?.summary).toContain('eenmalig verzendtoken');
    expect(path('/surveys/{id}/responses')?.post?.summary).toContain('token uit stap 1');
    expect(path('/surveys/{id}')?.get?.security).toBeTruthy();
  });
});
