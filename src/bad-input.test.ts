// Client input is answered with a 4xx, never a 500: every public GET route (and a few signed-in ones) is called
// with each of its query parameters set to a NUL byte, huge numbers, odd dates and repeated values.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../test/db.ts';
import { openSeededApp, clientAs, TestClient } from '../test/client.ts';
import type { App } from './platform/http/app.tsx';
import { buildOrganisation, activityInputFor, partnerActor } from './modules/catalogue/test-factory.ts';
import { createActivity, publishActivity } from './modules/catalogue/service.ts';
import { createLocation } from './modules/places/locations.ts';

/** Values a careless or hostile client sends. */
const nasty = ['a\u0000b', '3000000000', '99999999999999999999', '-1', '1.5', '1e400', 'NaN', '0', '0000-00-00', '1969-12-31', '2201-01-01', '9999-W99', '2026-13', '2026-W00', '%', '\r\nX: y', '/\\evil.example', 'x'.repeat(5000)];

/** Public GET routes and the query parameters they read (from the pages and the OpenAPI document). */
const catalogueParams = ['q', 'theme', 'targetGroup', 'district', 'neighbourhood', 'day', 'timeOfDay', 'free', 'haarlemPas', 'wheelchair', 'language', 'page', 'pageSize'];
function routes(ids: { org: string; activity: string; location: string }): [string, string[]][] {
  return [
    ['/', ['terug']],
    ['/activiteiten', catalogueParams],
    ['/activiteiten/export.csv', catalogueParams],
    ['/activiteiten/export.xlsx', catalogueParams],
    [`/activiteiten/${ids.activity}`, ['terug']],
    [`/activiteiten/${ids.activity}/agenda.ics`, []],
    ['/api/v1/activities', catalogueParams],
    [`/api/v1/activities/${ids.activity}`, []],
    ['/themas', ['periode']],
    ['/themas/ontmoeten', ['versie', 'periode']],
    ['/themas/ontmoeten/versies', ['periode']],
    ['/kader', ['periode']],
    ['/wijken', ['stadsdeel']],
    ['/api/v1/themes', ['period']],
    ['/api/v1/themes/ontmoeten', ['period', 'version']],
    ['/api/v1/themes/ontmoeten/versions', ['period']],
    ['/api/v1/call-periods', []],
    ['/api/v1/districts', []],
    ['/api/v1/neighbourhoods', ['district']],
    ['/organisaties', ['q', 'type', 'theme', 'district', 'pagina']],
    [`/organisaties/${ids.org}`, []],
    ['/wie-doet-wat', ['theme', 'district', 'expertise', 'thema', 'stadsdeel']],
    ['/api/v1/organisations', ['q', 'type', 'theme', 'district', 'page', 'pageSize']],
    [`/api/v1/organisations/${ids.org}`, []],
    [`/api/v1/organisations/${ids.org}/people`, []],
    ['/api/v1/responsibilities', ['theme', 'district', 'expertise']],
    ['/locaties', ['stadsdeel', 'district']],
    [`/locaties/${ids.location}`, ['week']],
    ['/api/v1/locations', ['district']],
    [`/api/v1/locations/${ids.location}`, []],
    [`/api/v1/locations/${ids.location}/programme`, ['week']],
    ['/taal/en', ['terug']],
    ['/inloggen', ['terug']],
  ];
}

const signedIn: [string, string[]][] = [
  ['/beheer/audit', ['voor', 'actie', 'action', 'before', 'pagina']],
  ['/api/v1/audit-events', ['before', 'action', 'limit', 'subjectType', 'actor']],
  ['/beheer/gebruikers', ['q', 'pagina']],
  ['/api/v1/users', []],
  ['/mijn-activiteiten', ['page', 'q', 'organisatie']],
  ['/mijn-boekingen', []],
  ['/beheer/boekingen', ['status', 'locatie']],
  ['/boekingen/overzicht', ['maand', 'organisatie', 'format']],
  ['/api/v1/bookings', ['from', 'to', 'status', 'organisationId', 'locationId']],
];

describe.each(dbKinds)('bad input is a client error, never a 500 (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let ids: { org: string; activity: string; location: string };
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const admin = ctxFor(db, adminActor);
    const org = await buildOrganisation(admin);
    const partner = ctxFor(db, partnerActor(org.id));
    const activity = await createActivity(partner, activityInputFor());
    await publishActivity(partner, activity.id);
    const location = await createLocation(admin, { name: 'Huis van de Wijk Fuzz', address: 'Straat 1', districtCode: 'noord' });
    ids = { org: org.id, activity: activity.id, location: location.id };
  });
  afterAll(async () => db?.drop());

  const check = async (client: TestClient, list: [string, string[]][]) => {
    const failures: string[] = [];
    for (const [path, params] of list) {
      for (const name of [...params, 'onbekend']) {
        for (const value of nasty) {
          const url = `${path}?${new URLSearchParams([[name, value]])}`;
          const res = await client.get(url);
          if (res.status >= 500) failures.push(`${res.status} ${url.slice(0, 120)}`);
          await res.arrayBuffer();
        }
        const twice = `${path}?${name}=1&${name}=2`;
        const res = await client.get(twice);
        if (res.status >= 500) failures.push(`${res.status} ${twice}`);
        await res.arrayBuffer();
      }
      const nulPath = await client.get(`${path}%00x`);
      if (nulPath.status >= 500) failures.push(`${nulPath.status} ${path}%00x`);
    }
    return failures;
  };

  it('public GET routes', { timeout: 600_000 }, async () => {
    expect(await check(new TestClient(app), routes(ids))).toEqual([]);
  });

  it('signed-in GET routes (administrator)', { timeout: 600_000 }, async () => {
    const admin = await clientAs(app, db, ['administrator']);
    expect(await check(admin, signedIn)).toEqual([]);
  });

  it('a NUL byte in a query parameter, a form field or a JSON string: 400 naming it', async () => {
    const anon = new TestClient(app);
    const q = await anon.get('/activiteiten?q=a%00b');
    expect(q.status).toBe(400);
    expect(await q.text()).toContain('Parameter q bevat een ongeldig teken (NUL, %00).');
    const api = await anon.request('/api/v1/activities?theme=x%00', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(400);
    expect(await api.json()).toMatchObject({ status: 400, invalidParams: [{ name: 'theme', code: 'nul_byte' }] });
    const partner = await clientAs(app, db, ['partner_staff']);
    const json = await partner.json('/api/v1/activities', 'POST', { ...activityInputFor(), title: 'Koffie\u0000ochtend' });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ invalidParams: [{ name: 'title', code: 'nul_byte', reason: 'Parameter title bevat een ongeldig teken (NUL, %00). Laat dat teken weg.' }] });
    const form = await partner.postForm('/activiteiten/nieuw', { title: 'Koffie\u0000ochtend' }, '/activiteiten/nieuw');
    expect(form.status).toBe(400);
    expect(await form.text()).toContain('Parameter title bevat een ongeldig teken');
  });

  it('API writes that are not JSON: 415 problem details', async () => {
    const partner = await clientAs(app, db, ['partner_staff']);
    for (const type of ['application/jsonx', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await partner.request('/api/v1/activities', { method: 'POST', body: '{}', headers: { 'content-type': type } });
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ status: 415, detail: 'Stuur de gegevens als JSON (Content-Type: application/json).' });
    }
    const charset = await partner.request('/api/v1/activities', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(charset.status).toBe(400); // JSON, but an empty activity: field errors
  });

  it('paging the audit log with a bad "voor" is a 400 naming the parameter', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const res = await admin.get('/beheer/audit?voor=1.5');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Parameter voor (bladeren): ');
    expect((await admin.get('/api/v1/audit-events?before=1e400')).status).toBe(400);
    expect((await admin.get('/themas/ontmoeten?versie=3000000000')).status).toBe(404);
  });
});
