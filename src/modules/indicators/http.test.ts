// The indicators over HTTP (in-process, both databases): public reading (pages and API, also for the council
// member), the batch API (all or nothing, 400 with the place of every error), the import upload → job → error
// report → fixed file, the map and its downloads, the definition and target forms, and who may write.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parseHTML } from 'linkedom';
import { dbKinds, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, clientAs, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { JobRegistry, JobWorker, platformJobs } from '../../platform/jobs/index.ts';
import { modules } from '../index.ts';
import { listNeighbourhoods, listAreaBoundaries } from '../framework/service.ts';
import { renderIndicatorMap } from './map.ts';

describe.each(dbKinds)('indicators over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let advisor: TestClient;
  let auditor: TestClient;
  let partner: TestClient;
  let anonymous: TestClient;
  const work = () => new JobWorker({ db: db.db, tenant: db.tenant, registry: new JobRegistry([...platformJobs, ...modules.flatMap((m) => m.jobs)]) }).runOnce();
  const json = (client: TestClient, path: string, body: unknown) => client.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    advisor = await clientAs(app, db, ['policy_advisor']);
    auditor = await clientAs(app, db, ['auditor']);
    partner = await clientAs(app, db, ['partner_staff']);
    anonymous = new TestClient(app);
  }, 120_000);
  afterAll(async () => db?.drop());

  it('lets anyone read indicators, values and targets (pages and API)', async () => {
    for (const client of [anonymous, auditor]) {
      const list = await client.request('/api/v1/indicators?theme=ontmoeten');
      expect(list.status).toBe(200);
      const keys = ((await list.json()) as { key: string }[]).map((i) => i.key);
      expect(keys).toContain('eenzaamheid-volwassenen');
      expect(keys).not.toContain('cbs-mannen');
      const values = (await (await client.request('/api/v1/indicators/segregatie-index/values?benchmarks=true')).json()) as { areaCode: string; value: number }[];
      expect(values.map((v) => [v.areaCode, v.value])).toEqual([['GM0392', 38], ['GM0344', 34], ['GM0363', 34], ['GM0599', 31]]);
      const one = (await (await client.request('/api/v1/indicators/cbs-aantal-inwoners/values?area=WK039201&period=2024')).json()) as { value: number }[];
      expect(one.map((v) => v.value)).toEqual([14745]);
      expect((await client.request('/indicatoren')).status).toBe(200);
      const page = await (await client.request('/indicatoren/eenzaamheid-volwassenen')).text();
      expect(page).toContain('role="img"');
      expect(page).toContain('Schalkwijk');
      expect((await client.request('/indicatoren/kaart?indicator=cbs-aantal-inwoners&periode=2024')).status).toBe(200);
      expect((await client.request('/indicatoren/doelen')).status).toBe(200);
    }
    expect((await anonymous.request('/api/v1/indicators/bestaat-niet')).status).toBe(404);
    expect((await anonymous.request('/api/v1/indicators/cbs-mannen/values?from=2024&to=2020')).status).toBe(400);
  });

  it('draws the map with its table and downloads', async () => {
    const page = await (await anonymous.request('/indicatoren/kaart?indicator=cbs-percentage-eenpersoonshuishoudens&periode=2024&niveau=wijk')).text();
    expect(page).toMatch(/<svg[^>]*role="img"/);
    expect(page).toContain('<title id="kaart-cbs-percentage-eenpersoonshuishoudens-titel">');
    expect(page).toContain('Klasse 1');
    expect(page).toContain('Oude Stad');
    const svg = await anonymous.request('/indicatoren/kaart.svg?indicator=cbs-percentage-eenpersoonshuishoudens&periode=2024&niveau=wijk');
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const csv = await (await anonymous.request('/indicatoren/kaart.csv?indicator=cbs-percentage-eenpersoonshuishoudens&periode=2024&niveau=wijk')).text();
    expect(csv).toContain('WK039201;Oude Stad;2024;58;');
  });

  it('draws a district on the map: its wijken classed and numbered, the rest of the city grey, dashed and unnumbered', async () => {
    const ctx = ctxFor(db);
    const wijken = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'wijk');
    const noord = wijken.filter((n) => n.districtCode === 'noord').map((n) => n.code);
    const withBoundary = await listAreaBoundaries(ctx, 'wijk');
    expect(noord.length).toBeGreaterThan(1);
    const map = await renderIndicatorMap(ctx, { key: 'cbs-aantal-inwoners', period: '2024', areaLevel: 'wijk', lang: 'nl', focus: { codes: noord, name: 'stadsdeel Noord' } });
    // the table and the classes are the district's: its wijken only, the class bounds from their values
    expect(map.rows.map((r) => r.areaCode).sort()).toEqual([...noord].sort());
    const values = map.rows.map((r) => r.value!);
    expect(map.classes[0].from).toBe(Math.min(...values));
    expect(map.classes.at(-1)!.to).toBe(Math.max(...values));
    const all = await renderIndicatorMap(ctx, { key: 'cbs-aantal-inwoners', period: '2024', areaLevel: 'wijk', lang: 'nl' });
    expect(all.rows.length).toBe(wijken.length);
    expect(all.classes[0].from).toBeLessThanOrEqual(map.classes[0].from);
    // drawn: the other wijken in one grey, dashed layer; a number in each wijk of the district and nowhere else
    const svg = parseHTML(`<html><body>${map.svg}</body></html>`).document.querySelector('svg')!;
    const grey = svg.querySelector('g[fill="#f2f2f2"][stroke-dasharray]');
    expect(grey?.querySelectorAll('path').length).toBe(wijken.filter((w) => !noord.includes(w.code) && withBoundary.has(w.code)).length);
    const numbers = [...svg.querySelectorAll('text')].filter((t) => !t.closest('.sb-map-legend')).map((t) => t.textContent);
    expect(numbers.length).toBe(noord.filter((c) => withBoundary.has(c)).length);
    expect(new Set(numbers)).toEqual(new Set(map.classes.map((c) => String(c.n))));
    // the legend and the description say what the grey is
    expect(svg.querySelector('.sb-map-legend')!.textContent).toContain('Buiten stadsdeel Noord: niet ingedeeld');
    expect(svg.querySelector('title')!.textContent).toBe('Aantal inwoners per wijk in stadsdeel Noord, 2024');
    expect(svg.querySelector('desc')!.textContent).toMatch(/De \d+ gebieden rondom stadsdeel Noord staan ter oriëntatie lichtgrijs/);
  });

  it('takes a batch over the API: all or nothing, every error with its place', async () => {
    const bad = await json(advisor, '/api/v1/indicator-values', { values: [{ indicator: 'segregatie-index', area: 'GM0392', period: '2019', value: 37 }, { indicator: 'segregatie-index', area: 'WK039201', period: 'x', value: 'veel' }] });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['values.1.area', 'values.1.period', 'values.1.value']);
    expect((await (await anonymous.request('/api/v1/indicators/segregatie-index/values?period=2019')).json()) as unknown[]).toEqual([]);
    const other = await json(advisor, '/api/v1/indicator-values', { values: [{ indicator: 'segregatie-index', area: 'GM0363', period: '2019', value: 33 }] });
    expect(other.status).toBe(400);
    const ok = await json(advisor, '/api/v1/indicator-values', { values: [{ indicator: 'segregatie-index', area: 'GM0392', period: 2019, value: 37 }, { indicator: 'segregatie-index', area: 'GM0363', areaName: 'Amsterdam', period: '2019', value: '33,5' }] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'imported', added: 2, benchmarks: 1 });
    expect((await json(auditor, '/api/v1/indicator-values', { values: [{ indicator: 'segregatie-index', area: 'GM0392', period: 2019, value: 1 }] })).status).toBe(403);
    expect((await json(anonymous, '/api/v1/indicator-values', { values: [{ indicator: 'segregatie-index', area: 'GM0392', period: 2019, value: 1 }] })).status).toBe(401);
  });

  it('imports an uploaded file as a job, shows the row errors and their report, then the fixed file', async () => {
    const upload = async (lines: string[]) => {
      const form = new FormData();
      form.append('_csrf', await advisor.csrf('/indicatoren/import'));
      form.append('layout', 'auto');
      form.append('file', new File([lines.join('\n')], 'eenzaamheid.csv', { type: 'text/csv' }));
      const res = await advisor.request('/indicatoren/import', { method: 'POST', body: form });
      expect(res.status).toBe(303);
      await work();
      return res.headers.get('location')!;
    };
    const at = await upload(['indicator;gebied;periode;waarde', 'eenzaamheid-volwassenen;noord;2022;41', 'eenzaamheid-volwassenen;nooord;2022;44']);
    const page = await (await advisor.request(at)).text();
    expect(page).toContain('afgekeurd');
    expect(page).toContain('nooord');
    expect(page).toContain('Geen gebiedscode');
    const report = await (await advisor.request(`${at}/fouten.csv`)).text();
    expect(report).toContain('3;gebied;nooord;Geen gebiedscode');
    expect((await advisor.request(`${at}/fouten.xlsx`)).status).toBe(200);
    const fixed = await upload(['indicator;gebied;periode;waarde', 'eenzaamheid-volwassenen;noord;2022;41', 'eenzaamheid-volwassenen;oost;2022;44']);
    expect(await (await advisor.request(fixed)).text()).toContain('Ingelezen: 2 nieuwe waarden');
    const values = (await (await anonymous.request('/api/v1/indicators/eenzaamheid-volwassenen/values?period=2022')).json()) as { areaCode: string; value: number }[];
    expect(values.map((v) => [v.areaCode, v.value])).toEqual([['noord', 41], ['oost', 44]]);
    // the import pages are for advisors and administrators
    expect((await partner.request('/indicatoren/import')).status).toBe(403);
    expect((await auditor.request(at)).status).toBe(403);
  });

  it('edits a definition as a new version, and sets a target per wijk', async () => {
    const form = await advisor.postForm('/indicatoren/werklozen/bewerken', { name: 'Werkloze Haarlemmers', source: 'Uitvraag', unit: 'personen', direction: 'down', areaLevels: ['gemeente'], themeSlugs: ['waardevol-werk'], changeNote: 'Naam korter', baseVersion: '1' }, '/indicatoren/werklozen/bewerken');
    expect(form.status).toBe(303);
    const page = await (await anonymous.request('/indicatoren/werklozen')).text();
    expect(page).toContain('Werkloze Haarlemmers');
    expect(page).toContain('Naam korter');
    const bad = await advisor.postForm('/indicatoren/doelen/nieuw', { indicatorKey: 'cbs-percentage-eenpersoonshuishoudens', areaCode: 'WK039201', baselineValue: 'veel', baselinePeriod: '2024', targetValue: '55', targetYear: '2023' }, '/indicatoren/doelen/nieuw');
    expect(bad.status).toBe(400);
    const good = await advisor.postForm('/indicatoren/doelen/nieuw', { indicatorKey: 'eenzaamheid-volwassenen', areaCode: 'schalkwijk', baselineValue: '55', baselinePeriod: '2016', targetValue: '45', targetYear: '2027', subGoalKeys: ['ontmoeten/2'] }, '/indicatoren/doelen/nieuw');
    expect(good.status).toBe(303);
    const targets = (await (await auditor.request('/api/v1/indicator-targets?theme=ontmoeten')).json()) as { areaCode: string; targetValue: number }[];
    expect(targets).toEqual([expect.objectContaining({ areaCode: 'schalkwijk', targetValue: 45 })]);
    expect((await partner.postForm('/indicatoren/doelen/nieuw', { indicatorKey: 'werklozen', areaCode: 'GM0392', baselineValue: '1', baselinePeriod: '2020', targetValue: '1', targetYear: '2027' }, '/indicatoren/doelen')).status).toBe(403);
  });
});
