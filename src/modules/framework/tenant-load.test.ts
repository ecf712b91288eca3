// A second municipality next to Haarlem: created, its framework loaded from a file, its wijken and buurten from CBS
// area files; each municipality sees only its own framework and areas. Bad files are refused with every problem
// and where it is, and nothing of them is kept.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { dbKinds, adminActor, seedFramework } from '../../../test/db.ts';
import { SharedDatabase } from '../../../test/tenants.ts';
import { TestClient } from '../../../test/client.ts';
import { appErrorOf } from '../../../test/errors.ts';
import { systemContext, type ServiceContext } from '../../platform/context.ts';
import { maintain, queryRows } from '../../platform/db/client.ts';
import { createApp } from '../../platform/http/app.tsx';
import { modules, loadMunicipalityFile } from '../index.ts';
import { loadConfig } from '../../config.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import { createMunicipality } from './tenant-load.ts';
import { loadAreas } from './area-load.ts';
import { listThemes, listNeighbourhoods, listDistricts, getReport, listTargetGroups } from './service.ts';
import { SetupError } from './setup-error.ts';

const fixtures = path.resolve(import.meta.dirname, '../../../test/fixtures/gm9999');
const fixture = (f: string) => path.join(fixtures, f);
const haarlemCsv = path.resolve(import.meta.dirname, '../../../seed/haarlem/cbs/wijken_haarlem_2024.csv');

let tmp: string;
/** Writes a file with the given text to a temp folder and returns its path. */
const tempFile = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};
const fixtureJson = () => JSON.parse(fs.readFileSync(fixture('framework.json'), 'utf8'));

async function setupError(p: Promise<unknown>): Promise<SetupError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SetupError) return err;
    throw err;
  }
  throw new Error('expected a SetupError');
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-tenant-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The first four tests are one journey (create → framework → areas → what each municipality sees); the others
// each set up their own municipality.
describe.each(dbKinds)('a second municipality (%s)', (kind) => {
  // One database; row-level security shows a connection only its municipality's rows, so each municipality is
  // worked on through a connection opened as that municipality (as the command line does).
  let shared: SharedDatabase;
  const dbAs = (tenant: string) => shared.as(tenant);
  const as = async (tenant: string, actor: ServiceContext['actor'] = adminActor): Promise<ServiceContext> => ({ ...systemContext((await dbAs(tenant)).db, tenant), actor });
  const count = async (table: string, tenant: string) => (await queryRows<{ n: number }>((await dbAs(tenant)).db, sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenant}`))[0].n;
  const appFor = async (tenant: string) => createApp({ database: await dbAs(tenant), config: loadConfig({ TENANT: tenant, NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv) }, modules);

  beforeAll(async () => {
    shared = await SharedDatabase.create(kind, 'GM0392');
    await seedFramework(await dbAs('GM0392'));
  });
  afterAll(() => shared?.drop());

  it('creates GM9999 once; a bad code, an empty name, a second create and a non-administrator are refused in Dutch', async () => {
    expect(await createMunicipality(await as('GM9999'), { code: 'GM9999', name: ' Voorbeeldstad ' })).toEqual({ code: 'GM9999', name: 'Voorbeeldstad' });
    const dup = await setupError(createMunicipality(await as('GM9999'), { code: 'GM9999', name: 'Nog eens' }));
    expect(dup.message).toBe('Gemeente GM9999 bestaat al (Voorbeeldstad); er is niets veranderd. Laad haar kader en wijken met `tenant load-framework` en `tenant load-areas`.');
    const bad = await setupError(createMunicipality(await as('GM0392'), { code: 'gm363', name: '' }));
    expect(bad.problems).toEqual(['--code: moet een CBS-gemeentecode zijn: GM gevolgd door vier cijfers, bijvoorbeeld GM0363', '--name: is verplicht']);
    expect((await appErrorOf(createMunicipality(await as('GM0392', null), { code: 'GM9998', name: 'X' }))).code).toBe('unauthenticated');
    expect((await appErrorOf(createMunicipality(await as('GM0392', { ...adminActor, roles: ['policy_advisor'] }), { code: 'GM9998', name: 'X' }))).code).toBe('forbidden');
    const names = await queryRows<{ code: string; name: string }>((await dbAs('GM0392')).db, sql`select code, name from municipalities order by code`);
    expect(names).toEqual([
      { code: 'GM0392', name: 'Haarlem' },
      { code: 'GM9999', name: 'Voorbeeldstad' },
    ]);
    expect((await findAuditEvents(await as('GM9999'), { action: 'tenant.created' })).map((e) => e.subjectId)).toEqual(['GM9999']);
  });

  it('loads the framework file into GM9999 only, and a second load adds nothing', async () => {
    const first = await loadMunicipalityFile(await as('GM9999'), fixture('framework.json'));
    expect(first.added).toEqual({ callPeriods: 1, themes: 2, districts: 2, wijken: 2, buurten: 1, organisations: 3 });
    const again = await loadMunicipalityFile(await as('GM9999'), fixture('framework.json'));
    expect(again.added).toEqual({ callPeriods: 0, themes: 0, districts: 0, wijken: 0, buurten: 0, organisations: 0 });

    const mine = await listThemes(await as('GM9999'));
    expect(mine.map((t) => [t.slug, t.name])).toEqual([
      ['ontmoeten', 'Elkaar ontmoeten in Voorbeeldstad'],
      ['samen-sporten', 'Samen sporten'],
    ]);
    // The report's theme leads are resolved to GM9999's own organisation by the network module, in the same load.
    const [welzijn] = await queryRows<{ id: string }>((await dbAs('GM9999')).db, sql`select id from organisations where tenant_id = 'GM9999' and name = 'Welzijn Voorbeeldstad'`);
    expect((await getReport(await as('GM9999')))!.content.themeLeads).toEqual([expect.objectContaining({ themeSlug: 'ontmoeten', organisations: ['Welzijn Voorbeeldstad'], organisationIds: [welzijn.id] })]);
    expect((await listTargetGroups(await as('GM9999'))).map((g) => g.key)).toEqual(['iedereen', 'kinderen', 'ouderen', 'nieuwkomers']);
    expect(mine[0].principleGroups[0].items).toMatchObject([{ key: 'ontmoeten/p1', text: 'Laagdrempelige inloop zonder aanmelding.' }]);
    const haarlem = await listThemes(await as('GM0392'));
    expect(haarlem).toHaveLength(7);
    expect(haarlem.find((t) => t.slug === 'ontmoeten')!.name).not.toContain('Voorbeeldstad');
    expect((await listDistricts(await as('GM9999'))).map((d) => d.code)).toEqual(['haven', 'binnenstad']);
    expect((await findAuditEvents(await as('GM9999'), { action: 'framework.file_loaded' })).length).toBe(2);
  });

  it('loads wijken with boundaries and then buurten from CBS files; repeating changes nothing; the district mapping stays', async () => {
    const wijken = await loadAreas(await as('GM9999'), { csvFile: fixture('wijken.csv'), geojsonFile: fixture('wijken.geojson') });
    // Two wijken came with the framework file (names and districts), the third is new.
    expect(wijken).toEqual({ kind: 'wijk', added: 1, updated: 2, unchanged: 0, skippedWater: 0, boundaries: 3 });
    const buurten = await loadAreas(await as('GM9999'), { csvFile: fixture('buurten.csv') });
    expect(buurten).toEqual({ kind: 'buurt', added: 3, updated: 0, unchanged: 0, skippedWater: 0, boundaries: 0 });
    expect(await loadAreas(await as('GM9999'), { csvFile: fixture('wijken.csv'), geojsonFile: fixture('wijken.geojson') })).toMatchObject({ added: 0, updated: 0, unchanged: 3 });
    // Without the GeoJSON the stored boundaries are kept.
    expect(await loadAreas(await as('GM9999'), { csvFile: fixture('wijken.csv') })).toMatchObject({ added: 0, updated: 0, unchanged: 3 });

    const ns = await listNeighbourhoods(await as('GM9999'));
    const wijkRows = ns.filter((n) => n.kind === 'wijk');
    expect(wijkRows.map((w) => [w.code, w.name, w.population, w.districtCode])).toEqual([
      ['WK999901', 'Oude Kern', 4210, 'binnenstad'],
      ['WK999902', 'Havenkwartier', 2985, 'haven'],
      ['WK999903', 'Polderrand', 1530, null],
    ]);
    expect(ns.filter((n) => n.parentCode === 'WK999901').map((b) => b.code)).toEqual(['BU99990101', 'BU99990102']);
    const [stored] = await queryRows<{ boundary: unknown; source: string }>((await dbAs('GM9999')).db, sql`select boundary, source from neighbourhoods where tenant_id = 'GM9999' and code = 'WK999903'`);
    const geojson = JSON.parse(fs.readFileSync(fixture('wijken.geojson'), 'utf8'));
    expect(stored).toEqual({ boundary: geojson.features[2].geometry, source: 'Kadaster / CBS, 2024' });
    expect((await findAuditEvents(await as('GM9999'), { action: 'framework.areas_loaded' })).length).toBe(4);
  });

  it('each municipality sees only its own framework and areas, in services, API and pages', async () => {
    const haarlemCodes = (await listNeighbourhoods(await as('GM0392'))).map((n) => n.code);
    expect(haarlemCodes.length).toBeGreaterThan(21);
    expect(haarlemCodes.some((c) => c.startsWith('WK9999') || c.startsWith('BU9999'))).toBe(false);
    expect((await listNeighbourhoods(await as('GM9999'))).every((n) => n.code.startsWith('WK9999') || n.code.startsWith('BU9999'))).toBe(true);

    const other = new TestClient(await appFor('GM9999'));
    const themes = (await (await other.get('/api/v1/themes')).json()) as { slug: string; name: string }[];
    expect(themes.map((t) => t.slug)).toEqual(['ontmoeten', 'samen-sporten']);
    const ontmoeten = (await (await other.get('/api/v1/themes/ontmoeten')).json()) as { mainGoal: string };
    expect(ontmoeten.mainGoal).toBe('Inwoners van Voorbeeldstad kennen hun buren en hebben een plek om elkaar te zien.');
    expect((await other.get('/api/v1/themes/waardevol-werk')).status).toBe(404);
    const districts = (await (await other.get('/api/v1/districts')).json()) as { code: string; wijken: { code: string; buurten: { code: string }[] }[] }[];
    expect(districts.map((d) => [d.code, d.wijken.map((w) => w.code)])).toEqual([
      ['haven', ['WK999902']],
      ['binnenstad', ['WK999901']],
    ]);
    const page = await (await other.get('/wijken')).text();
    expect(page).toContain('Havenkwartier');
    expect(page).not.toContain('Schalkwijk');
    const orgs = await (await other.get('/organisaties')).text();
    expect(orgs).toContain('Welzijn Voorbeeldstad');
    expect(orgs).not.toContain('DOCK Haarlem');

    const haarlem = new TestClient(await appFor('GM0392'));
    const haarlemThemes = await (await haarlem.get('/api/v1/themes')).text();
    expect(haarlemThemes).not.toContain('Voorbeeldstad');
    expect((await haarlem.get('/api/v1/themes/samen-sporten')).status).toBe(404);
    const haarlemAreas = await (await haarlem.get('/api/v1/neighbourhoods')).text();
    expect(haarlemAreas).toContain('WK039201');
    expect(haarlemAreas).not.toContain('WK9999');
    expect(await (await haarlem.get('/wijken')).text()).not.toContain('Havenkwartier');
  });

  it('refuses to load into a municipality that was not created, and creates nothing', async () => {
    const json = fixtureJson();
    json.municipality = { code: 'GM9998', name: 'Nergensdorp' };
    json.wijken = [];
    json.buurten = [];
    const e = await setupError(loadMunicipalityFile(await as('GM9998'), tempFile('gm9998.json', JSON.stringify(json))));
    expect(e.message).toContain('Gemeente GM9998 bestaat nog niet in deze database; er is niets geladen. Maak haar eerst aan met: sociale-basis tenant create --code GM9998');
    const a = await setupError(loadAreas(await as('GM9998'), { csvFile: fixture('wijken.csv') }));
    expect(a.message).toContain('Gemeente GM9998 bestaat nog niet in deze database; er is niets geladen.');
    expect(await queryRows((await dbAs('GM9998')).db, sql`select code from municipalities where code = 'GM9998'`)).toEqual([]);
  });

  it('names every problem of a bad framework file by its JSON path, and loads nothing of it', async () => {
    await createMunicipality(await as('GM9997'), { code: 'GM9997', name: 'Proefdorp' });
    const json = fixtureJson();
    json.municipality.code = 'GM9997';
    json.wijken = [{ code: 'WK999701', name: 'Dorp', district: 'haven' }];
    json.buurten = [];
    delete json.themes[0].mainGoal;
    json.themes[1].subGoalGroups[1].subGoals = 'geen lijst';
    json.organisations[2].type = 'vereniging';
    const shape = await setupError(loadMunicipalityFile(await as('GM9997'), tempFile('shape.json', JSON.stringify(json))));
    expect(shape.message.split('\n')[0]).toBe('shape.json heeft niet de vorm van een kaderbestand (zoals seed/haarlem/framework.json); er is niets geladen.');
    expect(shape.problems).toEqual([
      'themes[0].mainGoal: is verplicht',
      'themes[1].subGoalGroups[1].subGoals: heeft een verkeerde soort waarde (verwacht: array)',
      expect.stringMatching(/^organisations\[2\]\.type: moet een van deze waarden zijn: municipality, cooperative, /),
    ]);

    const refs = fixtureJson();
    refs.municipality.code = 'GM9997';
    refs.themes[1].slug = 'Samen Sporten';
    refs.themes[0].districtTasks[1].districts = ['dijk'];
    refs.themes[1].targetGroups[0].items[0].groups = ['bestaat-niet'];
    refs.themes[0].subGoalGroups[0].subGoals[1] = '';
    refs.wijken = [{ code: 'WK999701', name: 'Dorp', district: 'polder' }, { code: 'WK039201', name: 'Verkeerd', district: null }];
    refs.buurten = [{ name: 'Ergens', wijk: 'WK999799' }];
    refs.report.themeLeads[0].themeSlug = 'bestaat-niet';
    const crossed = await setupError(loadMunicipalityFile(await as('GM9997'), tempFile('refs.json', JSON.stringify(refs))));
    expect(crossed.problems).toEqual([
      'themes[0].districtTasks[1].districts[0]: stadsdeel "dijk" staat niet in districts',
      'themes[0].subGoalGroups[0].subGoals[1]: is verplicht',
      'themes[1].slug: "Samen Sporten" mag alleen kleine letters, cijfers en streepjes bevatten',
      'themes[1].targetGroups[0].items[0].groups[0]: doelgroep "bestaat-niet" staat niet in targetGroupList',
      'wijken[0].district: stadsdeel "polder" staat niet in districts',
      'wijken[1].code: "WK039201" is geen CBS-wijkcode van GM9997 (WK9997 en twee cijfers)',
      'buurten[0].wijk: wijk "WK999799" staat niet in wijken',
      'report.themeLeads[0].themeSlug: thema "bestaat-niet" staat niet in themes',
      'report.societalGoals[1].themeSlug: thema "samen-sporten" staat niet in themes',
    ]);

    const notJson = await setupError(loadMunicipalityFile(await as('GM9997'), tempFile('kapot.json', '{ "municipality": ')));
    expect(notJson.message).toMatch(/^kapot\.json is geen geldige JSON; er is niets geladen\.\n {2}- /);
    const missing = await setupError(loadMunicipalityFile(await as('GM9997'), path.join(tmp, 'bestaat-niet.json')));
    expect(missing.message).toBe(`Kaderbestand niet gevonden: ${path.join(tmp, 'bestaat-niet.json')}`);
    const wrongTenant = await setupError(loadMunicipalityFile(await as('GM9997'), fixture('framework.json')));
    expect(wrongTenant.problems).toEqual(['municipality.code: het bestand is voor GM9999 (Voorbeeldstad), niet voor GM9997']);

    for (const table of ['call_periods', 'themes', 'districts', 'neighbourhoods', 'organisations']) expect(await count(table, 'GM9997'), table).toBe(0);
  });

  it('keeps nothing of a framework file when the database refuses one of its rows (one transaction)', async () => {
    await createMunicipality(await as('GM9995'), { code: 'GM9995', name: 'Weigerstad' });
    const json = fixtureJson();
    json.municipality.code = 'GM9995';
    json.wijken = [{ code: 'WK999501', name: 'Dorp', district: 'haven' }, { code: 'WK999502', name: 'Weigerdorp', district: null }];
    json.buurten = [];
    // A trigger is the tables' owner's business (the app's role may not create one).
    const owner = (await dbAs('GM9995')).db;
    await maintain(owner, [
      `create function refuse_wk999502() returns trigger language plpgsql as $$ begin if new.code = 'WK999502' then raise exception 'geweigerd'; end if; return new; end $$`,
      'create trigger refuse_wk999502 before insert on neighbourhoods for each row execute function refuse_wk999502()',
    ]);
    try {
      await expect(loadMunicipalityFile(await as('GM9995'), tempFile('half.json', JSON.stringify(json)))).rejects.toThrow();
    } finally {
      await maintain(owner, ['drop trigger refuse_wk999502 on neighbourhoods', 'drop function refuse_wk999502()']);
    }
    for (const table of ['call_periods', 'themes', 'districts', 'neighbourhoods', 'organisations', 'audit_events']) expect(await count(table, 'GM9995'), table).toBe(table === 'audit_events' ? 1 : 0 /* tenant.created only */);
    // The same file loads once the database accepts it.
    expect((await loadMunicipalityFile(await as('GM9995'), tempFile('half.json', JSON.stringify(json)))).added).toMatchObject({ themes: 2, wijken: 2 });
  });

  it('names every problem of a bad CBS area file by line and column, and loads nothing of it', async () => {
    const haarlem = await setupError(loadAreas(await as('GM9999'), { csvFile: haarlemCsv }));
    expect(haarlem.problems).toEqual(['kolom gemeentecode: het bestand hoort bij GM0392 (Haarlem), niet bij GM9999']);

    const csv = ['wijkcode;wijknaam;gemeentecode;aantalInwoners', 'WK999904;Nieuwbouw;GM9999;12,5', 'WK99905;Te kort;GM9999;10', 'WK039201;Haarlems;GM9999;10', 'WK999906;;GM9999;10', 'WK999904;Dubbel;GM9999;10', 'WK999907;Water;GM0392;10'].join('\n');
    const rows = await setupError(loadAreas(await as('GM9999'), { csvFile: tempFile('fout.csv', csv) }));
    expect(rows.problems).toEqual([
      'regel 2, kolom aantalInwoners: "12,5" is geen geheel getal',
      'regel 3, kolom wijkcode: "WK99905" is geen CBS-wijkcode (WK en zes cijfers)',
      'regel 4, kolom wijkcode: WK039201 hoort niet bij gemeente GM9999',
      'regel 5, kolom wijknaam: is verplicht',
      'regel 6, kolom wijkcode: WK999904 staat ook op regel 2',
      'regel 7, kolom gemeentecode: deze regel hoort bij GM0392, maar u laadt gebieden voor GM9999',
      'regel 7, kolom wijkcode: WK999907 hoort niet bij gemeente GM0392',
    ]);
    const header = await setupError(loadAreas(await as('GM9999'), { csvFile: tempFile('kop.csv', 'code,naam\nWK999904,Nieuwbouw\n') }));
    expect(header.problems[0]).toMatch(/^kopregel: de kolommen wijkcode, wijknaam, gemeentecode ontbreken/);
    const ragged = await setupError(loadAreas(await as('GM9999'), { csvFile: tempFile('rafel.csv', 'wijkcode,wijknaam,gemeentecode\nWK999904,Nieuwbouw\n') }));
    expect(ragged.message).toBe('rafel.csv is geen leesbaar CSV-bestand.\n  - regel 2: het aantal kolommen verschilt van de kopregel');

    const geo = JSON.parse(fs.readFileSync(fixture('wijken.geojson'), 'utf8'));
    geo.features[0].properties.wijkcode = 'WK999909';
    geo.features[1].geometry.coordinates[0][2] = [104000, 488000];
    geo.features[2].geometry.type = 'Point';
    const shapes = await setupError(loadAreas(await as('GM9999'), { csvFile: fixture('wijken.csv'), geojsonFile: tempFile('fout.geojson', JSON.stringify(geo)) }));
    expect(shapes.problems).toEqual([expect.stringMatching(/^features\[2\]\.geometry\.type: moet een van deze waarden zijn: Polygon, MultiPolygon/)]);
    geo.features[2].geometry.type = 'Polygon';
    const coords = await setupError(loadAreas(await as('GM9999'), { csvFile: fixture('wijken.csv'), geojsonFile: tempFile('fout.geojson', JSON.stringify(geo)) }));
    expect(coords.problems).toEqual([
      'features[0].properties.wijkcode: WK999909 staat niet in het CSV-bestand',
      'features[1].geometry.coordinates[0][2]: [104000, 488000] is geen WGS84-coördinaat (GeoJSON volgens RFC 7946; RD-coördinaten eerst omrekenen)',
    ]);

    await createMunicipality(await as('GM9996'), { code: 'GM9996', name: 'Leegdorp' });
    const orphan = await setupError(loadAreas(await as('GM9996'), { csvFile: tempFile('buurten.csv', 'buurtcode,buurtnaam,wijkcode,gemeentecode\nBU99960101,Kern,WK999601,GM9996\n') }));
    expect(orphan.problems).toEqual(['regel 2, kolom wijkcode: wijk WK999601 bestaat nog niet; laad eerst het wijkenbestand']);
    const misplaced = await setupError(loadAreas(await as('GM9996'), { csvFile: tempFile('buurten.csv', 'buurtcode,buurtnaam,wijkcode,gemeentecode\nBU99960201,Rand,WK999601,GM9996\n') }));
    expect(misplaced.problems).toEqual(['regel 2, kolom buurtcode: BU99960201 ligt niet in wijk WK999601']);
    expect(await count('neighbourhoods', 'GM9996')).toBe(0);
    expect((await listNeighbourhoods(await as('GM9999'))).map((n) => n.code)).not.toContain('WK999904');
  });

  it('reads BOM, semicolons, CBS secrecy values and water rows as CBS writes them', async () => {
    await createMunicipality(await as('GM9994'), { code: 'GM9994', name: 'Waterland-Voorbeeld' });
    const csv = '\uFEFFwijkcode;wijknaam;gemeentecode;water;aantalInwoners;jaar\nWK999401;Kern;GM9994;NEE;-99997;2023\nWK999401;Kern (water);GM9994;JA;0;2023\nWK999402;Rand;GM9994;NEE;;2023\n';
    expect(await loadAreas(await as('GM9994'), { csvFile: tempFile('cbs.csv', csv) })).toEqual({ kind: 'wijk', added: 2, updated: 0, unchanged: 0, skippedWater: 1, boundaries: 0 });
    const rows = await queryRows<{ code: string; name: string; population: number | null; source: string }>((await dbAs('GM9994')).db, sql`select code, name, population, source from neighbourhoods where tenant_id = 'GM9994' order by code`);
    expect(rows).toEqual([
      { code: 'WK999401', name: 'Kern', population: null, source: 'Kadaster / CBS, 2023' },
      { code: 'WK999402', name: 'Rand', population: null, source: 'Kadaster / CBS, 2023' },
    ]);
  });
});
