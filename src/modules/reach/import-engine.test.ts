// The import engine on both databases: good files (CSV in several dialects, XLSX), bad files (Windows-1252,
// formulas, empty and duplicate rows, a 50 MB file, a BSN column) with clear messages and nothing partly stored,
// re-imports that count nothing twice, and error reports without identifier values.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { queryRows } from '../../platform/db/client.ts';
import { listNeighbourhoods } from '../framework/service.ts';
import { importAttendanceFile } from './import-engine.ts';
import { decodeText, detectDelimiter } from './import-parse.ts';
import { as, csv, figures, importSetup, xlsx, HEADER } from './test-imports.ts';

/** Runs an import expecting a whole-file refusal; returns the message (Dutch). */
async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return t('nl', e.messageKey, e.params);
}

describe('file decoding', () => {
  it('reads Windows-1252 (é, ë, ï, ö, €, curly quotes) and UTF-8 with or without BOM', () => {
    const cp1252 = Buffer.from([0x5a, 0x6f, 0xeb, 0x20, 0x80, 0x20, 0xe9, 0xef, 0xf6, 0x20, 0x92, 0x74]);
    expect(decodeText(cp1252)).toEqual({ text: 'Zoë € éïö ’t', encoding: 'windows-1252' });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Zoë €', 'utf8')]))).toEqual({ text: 'Zoë €', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('Zoë €', 'utf8')).text).toBe('Zoë €');
  });
  it('detects ; , and tab separators, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1;2;3')).toBe(';');
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"x;y;z",b,c')).toBe(',');
  });
});

describe.each(dbKinds)('attendance import (%s)', (kind) => {
  let db: TestDatabase;
  let ctx: ServiceContext;
  let setup: Awaited<ReturnType<typeof importSetup>>;
  let wijk: { code: string; name: string };

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    ctx = ctxFor(db);
    setup = await importSetup(ctx);
    const w = (await listNeighbourhoods(ctx)).find((n) => n.kind === 'wijk');
    wijk = { code: w!.code, name: w!.name };
  });
  afterAll(async () => db?.drop());

  const run = (content: Buffer, extra: { acceptValid?: boolean; mapping?: Record<string, string> } = {}, c?: ServiceContext) =>
    importAttendanceFile(c ?? setup.staffCtx, { organisationId: setup.org.id, fileName: 'bezoek.csv', content, ...extra });

  it('imports a semicolon CSV: pass numbers in any spelling count once, names with accents too, anonymous rows in the headcount', async () => {
    const a = setup.activity.id;
    const before = await figures(ctx, a);
    const file = csv([
      [a, '2026-03-02', 'HP-1234 567', '', '', '', wijk.code, 'ouderen'],
      [a, '2-3-2026', 'hp1234567', '', '', '', '', ''], // same resident, same session
      [a, '02.03.2026', '', 'Zoë van ’t Hof', '1-2-1950', '', wijk.name, ''],
      [a, '2026-03-02', '', 'zoe van t hof', '01/02/1950', '', '', ''], // same resident
      [a, '2026-03-02', '', '', '', '1980', '', ''], // anonymous
      [a, '2026-03-02', '', '', '', '', '', ''], // anonymous
      ['', '', '', '', '', '', '', ''], // empty row: skipped
      [a, '2026-03-09', 'HP1234567', '', '', '', '', ''],
    ]);
    const r = await run(file);
    expect(r).toMatchObject({ status: 'imported', totalRows: 7, validRows: 7, newSessions: 2, errors: [] });
    const after = await figures(ctx, a);
    expect(after.visits - before.visits).toBe(3); // two on 2 March, one on 9 March
    expect(after.anonymous - before.anonymous).toBe(2);
    expect(r.newVisits).toBe(5);
    const [s] = await queryRows<{ hours: string; status: string; source: string; organisation_id: string }>(ctx.db, sql`select hours::text, status, source, organisation_id from reach_sessions where activity_id = ${a} and date = '2026-03-02'`);
    expect(s).toMatchObject({ status: 'held', source: 'import', organisation_id: setup.org.id });
    expect(Number(s.hours)).toBe(1.5);
    const [att] = await queryRows<{ wijk_code: string | null; target_groups: string[]; birth_year: number | null }>(ctx.db, sql`select wijk_code, target_groups, birth_year from reach_attendance where activity_id = ${a} and date = '2026-03-02' and wijk_code is not null and birth_year is null`);
    expect(att).toMatchObject({ wijk_code: wijk.code, target_groups: ['ouderen'] });

    // The same file again, and an overlapping one: nothing counted twice, anonymous visits replaced, not added.
    const again = await run(file);
    expect(again).toMatchObject({ status: 'imported', newVisits: 0, newSessions: 0 });
    expect(await figures(ctx, a)).toEqual(after);
    const overlap = await run(csv([[a, '2026-03-09', 'hp 1234567', '', '', '', '', ''], [a, '2026-03-09', 'XY99887766', '', '', '', '', ''], [a, '2026-03-16', 'XY99887766', '', '', '', '', '']]));
    expect(overlap).toMatchObject({ status: 'imported', newVisits: 2, newSessions: 1 });
    const last = await figures(ctx, a);
    expect(last.visits - after.visits).toBe(2);
    expect(last.unique - after.unique).toBe(1);
  });

  it('reads comma and tab separated files, Windows-1252 and UTF-8 with BOM alike', async () => {
    const a = setup.activity.id;
    const comma = csv([[a, '2026-04-06', 'TAB12345', '', '', '', '', '']], HEADER, ',');
    expect((await run(comma)).status).toBe('imported');
    const tab = csv([[a, '2026-04-06', 'tab 12345', '', '', '', '', '']], HEADER, '\t');
    expect(await run(tab)).toMatchObject({ status: 'imported', newVisits: 0 });
    // Windows-1252: the name decodes to the same resident as its UTF-8 spelling; € in a wijk shows in the report.
    const utf8 = await run(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv([[a, '2026-04-06', '', 'Anaïs Möller', '3-4-1961', '', '', '']])]));
    expect(utf8).toMatchObject({ status: 'imported', newVisits: 1 });
    const latin = Buffer.from(`${HEADER}\r\n${a};2026-04-06;;Anaïs Möller;3-4-1961;;;\r\n${a};2026-04-06;;;;;Wijk €uro;\r\n`, 'latin1');
    latin[latin.indexOf(Buffer.from('Wijk ')) + 5] = 0x80;
    const r = await run(latin);
    expect(r.status).toBe('rejected');
    expect(r.errors).toEqual([{ row: 3, column: 'wijk', value: 'Wijk €uro', reason: t('nl', 'reach.import.reason.wijk') }]);
    expect((await run(latin, { acceptValid: true })).newVisits).toBe(0);
  });

  it('reads XLSX: dates, numbers as text, rich text, formulas by their result; a formula without result is a row error', async () => {
    const a = setup.activity.id;
    const head = ['Activiteit', 'Datum', 'Pasnummer', 'Naam', 'Geboortedatum', 'Wijk'];
    const file = await xlsx(head, [
      [a, new Date(Date.UTC(2026, 4, 4)), 98765432, null, null, null],
      [a, 46146, '98765432', null, null, null], // Excel serial of 2026-05-04, pass number as text: same visit
      [a, '4-5-2026', null, { richText: [{ text: 'Jan ' }, { text: 'Jansen' }] }, new Date(Date.UTC(1970, 0, 1)), { formula: 'UPPER("x")', result: wijk.code }],
      [a, { formula: 'TODAY()', result: new Date(Date.UTC(2026, 4, 11)) }, 'XL-555-666', null, null, null],
      [a, { formula: 'TODAY()' }, 'XL555667', null, null, null], // no cached result
      [null, null, null, null, null, null],
    ]);
    const r = await run(file);
    expect(r.status).toBe('rejected');
    expect(r.errors, JSON.stringify(r.errors)).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 6, column: 'Datum', value: '=TODAY()', reason: t('nl', 'reach.import.reason.formula') });
    const before = await figures(ctx, a);
    const ok = await run(file, { acceptValid: true });
    expect(ok).toMatchObject({ status: 'imported', totalRows: 5, validRows: 4, newSessions: 2 });
    const after = await figures(ctx, a);
    expect(after.visits - before.visits).toBe(3);
  });

  it('refuses a BSN column by its name or its values, and a pass-number column full of BSNs, storing nothing', async () => {
    const a = setup.activity.id;
    const before = await figures(ctx, a);
    const byName = await refusal(run(csv([[a, '2026-05-11', 'PAS1111', '111222333']], 'activiteit;datum;pasnummer;BSN')));
    expect(byName).toMatch(/^Een BSN mag niet worden ingelezen: de kolom "BSN"/);
    const values = ['111222333', '123456782', '999999990'].map((b) => [a, '2026-05-11', '', b]);
    expect(await refusal(run(csv(values, 'activiteit;datum;pasnummer;klantcode')))).toMatch(/^Een BSN mag niet worden ingelezen: de kolom "klantcode" bevat vooral/);
    const passes = ['111222333', '123456782', '999999990', 'HP0001'].map((b) => [a, '2026-05-11', b]);
    expect(await refusal(run(csv(passes, 'activiteit;datum;pasnummer')))).toMatch(/kolom "pasnummer" bevat vooral burgerservicenummers/);
    // The message never echoes a value.
    expect(byName).not.toContain('111222333');
    expect(await figures(ctx, a)).toEqual(before);
  });

  it('refuses a 50 MB file, an old .xls and a file without the required columns with a clear message', async () => {
    const line = Buffer.from(`${setup.activity.id};2026-05-11;HP12345678;;;;;\r\n`);
    const big = Buffer.alloc(50 * 1024 * 1024, line);
    expect(await refusal(run(big))).toBe('Het bestand is 50 MB; de grens is 25 MB. Splits het bestand in kleinere delen (bijvoorbeeld per maand) en lees ze apart in.');
    expect(await refusal(run(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toMatch(/oud Excel-bestand/);
    expect(await refusal(run(csv([['x', 'y']], 'wat;wanneer')))).toMatch(/^Verplichte kolom ontbreekt: activiteit, datum\. Gevonden kolommen: wat, wanneer/);
    expect(await refusal(run(Buffer.alloc(0)))).toMatch(/leeg/);
  });

  it('rejects the whole file when a row is wrong (unless the valid rows are chosen) and never shows identifier values', async () => {
    const a = setup.activity.id;
    const before = await figures(ctx, a);
    const file = csv([
      [a, '2026-06-01', 'GOOD0001', '', '', '', '', ''],
      [a, '2099-01-01', 'SECRET01', '', '', '', '', ''], // future
      [a, '31-02-2026', '', 'Geheime Naam', '', '', '', ''], // bad date and a name without date of birth
      [setup.otherActivity.id, '2026-06-01', 'SECRET02', '', '', '', '', ''], // not ours
      ['00000000-0000-4000-8000-000000000000', '2026-06-01', '', '', '', '', '', ''], // unknown
      ['koffie', '2026-06-01', '!!', '', '', '', '', ''], // not an id, bad pass
      [a, '2026-06-01', '', 'Iemand Anders', '1-1-1990', '1890', 'Nergenshuizen', 'ouderen, marsmannetjes'],
      [a, '2026-06-01', '', 'Iemand Derde', '45-13-1990', '', '', ''],
    ]);
    const r = await run(file);
    expect(r.status).toBe('rejected');
    expect(await figures(ctx, a)).toEqual(before);
    const where = r.errors.map((e) => `${e.row}:${e.column}`);
    expect(where).toEqual(['3:datum', '4:datum', '4:geboortedatum', '5:activiteit', '6:activiteit', '7:activiteit', '7:pasnummer', '8:geboortejaar', '8:wijk', '8:doelgroepen', '9:geboortedatum']);
    const report = JSON.stringify(r.errors);
    for (const secret of ['SECRET', 'Geheime', 'Iemand', '1-1-1990', '45-13-1990', '!!']) expect(report).not.toContain(secret);
    expect(r.errors.find((e) => e.column === 'pasnummer')?.value).toBe('(niet getoond)');
    expect(r.errors.find((e) => e.column === 'wijk')?.value).toBe('Nergenshuizen');
    expect(r.errors.find((e) => e.column === 'doelgroepen')?.value).toBe('marsmannetjes');
    const en = await importAttendanceFile({ ...setup.staffCtx, lang: 'en' }, { organisationId: setup.org.id, fileName: 'x.csv', content: file });
    expect(en.errors[0].reason).toBe('The date is in the future.');
    expect(en.errors.find((e) => e.column === 'pasnummer')?.value).toBe('(not shown)');
    const some = await run(file, { acceptValid: true });
    expect(some).toMatchObject({ status: 'imported', totalRows: 8, validRows: 1, newVisits: 1 });
  });

  it('uses a column mapping, and names a mapped header that is missing', async () => {
    const a = setup.activity.id;
    const file = csv([[a, '7-6-2026', 'MAP00001']], 'Activiteit-ID;Datum bezoek;Klantnummer');
    const mapping = { activiteit: 'Activiteit-ID', datum: 'datum bezoek', pasnummer: 'Klantnummer' };
    expect(await run(file, { mapping })).toMatchObject({ status: 'imported', newVisits: 1 });
    expect(await refusal(run(file, { mapping: { ...mapping, wijk: 'Woonwijk' } }))).toBe(
      'De gekozen kolomkoppeling noemt een kolom die niet in het bestand staat: "Woonwijk" (wijk). Kies een andere koppeling of pas het bestand aan.',
    );
  });

  it('lets only the organisation’s staff and administrators import for it', async () => {
    const file = csv([[setup.activity.id, '2026-06-08', 'ACC00001']]);
    await expect(run(file, {}, as(ctx, setup.otherStaff))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(run(file, {}, as(ctx, null))).rejects.toMatchObject({ code: 'unauthenticated' });
    const admin = as(ctx, { userId: '', name: 'Beheer', email: 'b@test', roles: ['administrator'], organisationId: null });
    expect((await run(file, {}, admin)).status).toBe('imported');
  });
});
