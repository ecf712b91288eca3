// The reader of CBS area files, without a database: the layouts CBS publishes, and how problems are reported.
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseCbsAreaCsv, parseCbsAreaGeojson, readCbsAreaCsv } from './cbs-areas.ts';
import { SetupError } from './setup-error.ts';

const haarlemCsv = path.resolve(import.meta.dirname, '../../../seed/haarlem/cbs/wijken_haarlem_2024.csv');

function problemOf(fn: () => unknown): SetupError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SetupError) return err;
    throw err;
  }
  throw new Error('expected a SetupError');
}

describe('CBS area files', () => {
  it("reads Haarlem's 21 wijken with their population", () => {
    const { areas, skippedWater } = readCbsAreaCsv(haarlemCsv, 'GM0392');
    expect(skippedWater).toBe(0);
    expect(areas).toHaveLength(21);
    const { figures, ...first } = areas[0];
    expect(first).toEqual({ kind: 'wijk', code: 'WK039201', name: 'Oude Stad', wijkCode: 'WK039201', municipalityCode: 'GM0392', population: 14745, year: 2024, line: 2 });
    // every numeric key figure, not the identifying columns
    expect(Object.keys(figures)).toHaveLength(37);
    expect(figures).toMatchObject({ aantalInwoners: 14745, percentageEenpersoonshuishoudens: 58, gemiddeldeHuishoudsgrootte: 1.6, oppervlakteWaterInHa: 13 });
    expect(figures).not.toHaveProperty('jaar');
    expect(areas.reduce((sum, a) => sum + (a.population ?? 0), 0)).toBe(167635);
  });

  it('reads a semicolon-separated file with decimal commas in other columns', () => {
    const csv = 'wijkcode;wijknaam;gemeentecode;gemiddeldeHuishoudsgrootte;aantalInwoners\r\nWK999901;Oude Kern;GM9999;2,1;4210\r\n';
    expect(parseCbsAreaCsv(csv, { file: 'x.csv', municipalityCode: 'GM9999' }).areas.map((a) => [a.code, a.name, a.population, a.figures.gemiddeldeHuishoudsgrootte])).toEqual([['WK999901', 'Oude Kern', 4210, 2.1]]);
  });

  it('lists the first 25 problems and says how many more there are', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `WK9999${String(i).padStart(2, '0')},,GM9999`);
    const e = problemOf(() => parseCbsAreaCsv(['wijkcode,wijknaam,gemeentecode', ...rows].join('\n'), { file: 'leeg.csv', municipalityCode: 'GM9999' }));
    expect(e.problems).toHaveLength(30);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('leeg.csv bevat fouten; er is niets geladen.');
    expect(lines[1]).toBe('  - regel 2, kolom wijknaam: is verplicht');
    expect(lines).toHaveLength(1 + 25 + 1);
    expect(lines[26]).toBe('  … en nog 5 andere problemen');
  });

  it('accepts MultiPolygon boundaries and skips water-only features', () => {
    const { areas } = parseCbsAreaCsv('wijkcode,wijknaam,gemeentecode\nWK999901,Oude Kern,GM9999\n', { file: 'w.csv' });
    const square = [[[4, 52], [4.01, 52], [4.01, 52.01], [4, 52]]];
    const geojson = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { wijkcode: 'WK999901' }, geometry: { type: 'MultiPolygon', coordinates: [square, square] } },
        { type: 'Feature', properties: { wijkcode: 'WK999901', water: 'JA' }, geometry: { type: 'Polygon', coordinates: square } },
      ],
    };
    const boundaries = parseCbsAreaGeojson(JSON.stringify(geojson), { file: 'w.geojson', areas });
    expect([...boundaries.keys()]).toEqual(['WK999901']);
    expect(boundaries.get('WK999901')!.type).toBe('MultiPolygon');
    const open = { ...geojson, features: [{ ...geojson.features[0], geometry: { type: 'Polygon', coordinates: [[[4, 52], [4.01, 52], [4, 52]]] } }] };
    expect(problemOf(() => parseCbsAreaGeojson(JSON.stringify(open), { file: 'w.geojson', areas })).problems).toEqual(['features[0].geometry.coordinates[0]: een ring heeft minstens vier posities']);
    expect(problemOf(() => parseCbsAreaGeojson('{"type":"FeatureCollection","features":[]}', { file: 'w.geojson', areas })).problems).toEqual(['features: moet er minstens 1 hebben']);
  });

  it('reads the GeoJSON of the invented test municipality', () => {
    const dir = path.resolve(import.meta.dirname, '../../../test/fixtures/gm9999');
    const { areas } = readCbsAreaCsv(path.join(dir, 'wijken.csv'), 'GM9999');
    const boundaries = parseCbsAreaGeojson(fs.readFileSync(path.join(dir, 'wijken.geojson'), 'utf8'), { file: 'wijken.geojson', areas });
    expect([...boundaries.keys()]).toEqual(['WK999901', 'WK999902', 'WK999903']);
  });
});
