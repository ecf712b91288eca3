// Survey results over HTTP (in-process, both databases): the results page (charts as accessible SVG without inline
// style, data tables, filters in the URL), CSV/XLSX/SVG downloads, the JSON API with the small-cell rule, the poster
// PDF, invitation lists (links shown once, CSV for a mail merge, answering through a personal link) and /effecten.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { clientFor } from '../places/test-http.ts';
import { buildOrganisation } from '../catalogue/test-factory.ts';
import { buildOpenSurvey, typicalAnswers } from './test-survey-factory.ts';
import { issueSubmissionToken, submitResponse } from './survey-answer.ts';
import type { SurveyFull } from './survey-types.ts';

describe.each(dbKinds)('survey results over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let staffA: TestClient;
  let staffB: TestClient;
  let advisor: TestClient;
  let survey: SurveyFull;

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const orgA = await buildOrganisation(ctxFor(db), 'core-partner');
    const orgB = await buildOrganisation(ctxFor(db), 'core-partner');
    staffA = await clientFor(app, db, ['partner_staff'], orgA.id);
    staffB = await clientFor(app, db, ['partner_staff'], orgB.id);
    advisor = await clientFor(app, db, ['policy_advisor'], null as unknown as string);
    survey = await buildOpenSurvey(ctxFor(db, { userId: '', name: 'A', email: 'a@test', roles: ['partner_staff'], organisationId: orgA.id }), { titleNl: 'Resultaten-enquête' });
    const anon = ctxFor(db);
    for (let i = 0; i < 6; i++) {
      const { token } = await issueSubmissionToken(anon, survey.id);
      await submitResponse(anon, survey.id, 'public', { token, answers: typicalAnswers(survey, i) });
    }
  });
  afterAll(async () => db?.drop());

  it('shows the results page with accessible charts and a data table beside each', async () => {
    const res = await staffA.get(`/effecten/enquetes/${survey.id}/resultaten?periode=&kanaal=public`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Reacties');
    expect(html).toMatch(/<svg[^>]*aria-labelledby="grafiek-[^"]+-titel grafiek-[^"]+-uitleg"[^>]*role="img"/);
    expect(html).toContain('<title id="grafiek-');
    expect(html).not.toMatch(/<svg[\s\S]*<style/);
    expect(html).toContain('Borda-punten');
    expect(html).toContain('Gezellig.');
    expect(html).toContain('name="kanaal"');
    const bad = await staffA.get(`/effecten/enquetes/${survey.id}/resultaten?periode=vorige-week`);
    expect(bad.status).toBe(400);
  });

  it('downloads CSV, XLSX and a chart as SVG', async () => {
    const csv = await staffA.get(`/effecten/enquetes/${survey.id}/resultaten.csv`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Reacties;;;Totaal;6');
    const xlsx = await staffA.get(`/effecten/enquetes/${survey.id}/resultaten.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    expect(wb.worksheets[0].getRow(2).getCell(5).value).toBe(6);
    const svg = await staffA.get(`/effecten/enquetes/${survey.id}/grafiek/${survey.questions[0].id}`);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toMatch(/^<\?xml[\s\S]*<svg[^>]*role="img"/);
  });

  it('answers the API with the small-cell rule for outsiders, and 404 to another organisation', async () => {
    const own = (await (await staffA.get(`/api/v1/surveys/${survey.id}/results`)).json()) as { responses: unknown; exact: boolean; questions: { options?: { n: unknown }[] }[] };
    expect(own).toMatchObject({ responses: 6, exact: true });
    const out = await advisor.get(`/api/v1/surveys/${survey.id}/results?channel=public`);
    expect(out.status).toBe(200);
    const body = (await out.json()) as typeof own;
    expect(body).toMatchObject({ responses: 5, exact: false });
    expect(body.questions[2].options!.map((o) => o.n)).toEqual(['< 5', '< 5', '< 5']);
    expect((await staffB.get(`/api/v1/surveys/${survey.id}/results`)).status).toBe(404);
    expect((await staffB.get(`/effecten/enquetes/${survey.id}/resultaten`)).status).toBe(404);
    expect((await staffA.get(`/api/v1/surveys/${survey.id}/results?period=x`)).status).toBe(400);
  });

  it('makes a poster PDF', async () => {
    const pdf = await staffA.get(`/effecten/enquetes/${survey.id}/poster.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await staffB.get(`/effecten/enquetes/${survey.id}/poster.pdf`)).status).toBe(404);
  });

  it('invitation lists: links once, CSV for a mail merge, one response per link, the rate', async () => {
    const base = `/effecten/enquetes/${survey.id}/uitnodigingen`;
    const shown = await staffA.postForm(base, { invitees: 'De Brug; info@debrug.nl', as: 'page' }, base);
    expect(shown.status).toBe(200);
    const link = (await shown.text()).match(/\/enquete\/[0-9a-f-]{36}\/uitnodiging\/([A-Za-z0-9_-]{32})/)![0];
    const csv = await staffA.postForm(base, { invitees: 'Wijkteam; team@wijkteam.nl', as: 'csv' }, base);
    expect(csv.headers.get('content-disposition')).toContain('uitnodigingslinks.csv');
    expect(await csv.text()).toMatch(/Wijkteam;team@wijkteam\.nl;http.*\/uitnodiging\/[A-Za-z0-9_-]{32}/);
    const invitee = new TestClient(app);
    const form = await invitee.get(link);
    expect(form.status).toBe(200);
    const answers: Record<string, string | string[]> = {};
    for (const q of survey.questions.filter((x) => x.required)) answers[`answers.${q.id}`] = q.type === 'agree' ? '4' : '7';
    expect((await invitee.postForm(link, answers, link)).status).toBe(303);
    expect((await invitee.get(link)).status).toBe(409);
    const list = await (await staffA.get(base)).text();
    expect(list).toContain('Uitgenodigd: 2. Gereageerd: 1. Respons: 50%.');
    expect(list).not.toContain('/uitnodiging/');
    const bad = await staffA.postForm(base, { invitees: 'zonder adres', as: 'page' }, base);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Regel 1');
  });

  it('shows the /effecten landing page with the call’s level 3', async () => {
    const html = await (await staffA.get('/effecten')).text();
    expect(html).toContain('Niveau 3: het gewenste en gerealiseerde effect');
    for (const href of ['/effecten/enquetes', '/effecten/trajecten', '/effecten/verhalen', '/effecten/klachten']) expect(html).toContain(`href="${href}"`);
  });
});
