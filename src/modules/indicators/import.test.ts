// The indicator import (PGlite, and PostgreSQL when DATABASE_URL is set): long and wide layouts, CSV and XLSX, the
// CBS file itself, benchmarks, every kind of bad input with its row and column (nothing stored), idempotent
// re-import, and the stored import run by the background job.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { JobRegistry, JobWorker, platformJobs } from '../../platform/jobs/index.ts';
import { modules } from '../index.ts';
import { listIndicatorValues } from './service.ts';
import { importValuesFile, startImport, getImport } from './import-records.ts';
import { advisor, auditor, as, buildIndicator } from './test-factory.ts';

const csv = (lines: string[]) => Buffer.from(lines.join('\n'), 'utf8');
const reasons = (r: { errors: { row: number; column: string; reason: string }[] }) => r.errors.map((e) => `${e.row}:${e.column}:${e.reason.replace('indicators.import.error.', '')}`);

describe.each(dbKinds)('indicator import (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let key: string;
  let key2: string;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = as({ ...ctxFor(database), now: () => new Date('2026-06-01T10:00:00Z') }, advisor);
    key = (await buildIndicator(ctx)).key;
    key2 = (await buildIndicator(ctx, { unit: 'personen' })).key;
  }, 120_000);
  afterAll(() => database?.drop());

  it('imports a long file (semicolons, decimal commas) and again without change', async () => {
    const file = csv(['indicator;gebied;periode;waarde', `${key};WK039201;2022;10,5`, `${key};WK039202;2022;11`, `${key};GM0392;2022;9`]);
    const r = await importValuesFile(ctx, { fileName: 'lang.csv', content: file });
    expect(r).toMatchObject({ status: 'imported', layout: 'long', added: 3, errors: [] });
    const again = await importValuesFile(ctx, { fileName: 'lang.csv', content: file });
    expect(again).toMatchObject({ status: 'imported', added: 0, replaced: 0, unchanged: 3 });
    expect((await listIndicatorValues(ctx, key, { from: '2022', to: '2022' })).map((v) => v.value)).toEqual([9, 10.5, 11]);
  });

  it('imports a wide XLSX with a period column, by indicator key, with benchmarks of another municipality', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['gebied', 'gebiedsnaam', 'jaar', key, key2]);
    ws.addRow(['WK039203', 'Zijlwegkwartier', 2023, 12, 1500]);
    ws.addRow(['GM0363', 'Amsterdam', 2023, 14.25, null]);
    const r = await importValuesFile(ctx, { fileName: 'breed.xlsx', content: Buffer.from(await wb.xlsx.writeBuffer()) });
    expect(r).toMatchObject({ status: 'imported', layout: 'wide', added: 3, benchmarks: 1 });
    const values = await listIndicatorValues(ctx, key, { benchmarks: true, from: '2023' });
    expect(values.map((v) => [v.areaCode, v.areaName, v.value, v.benchmark])).toEqual([
      ['WK039203', 'Zijlwegkwartier', 12, false],
      ['GM0363', 'Amsterdam', 14.25, true],
    ]);
  });

  it('reads the CBS wijken file itself (wide, CBS column names, period from jaar)', async () => {
    const content = fs.readFileSync(path.resolve(import.meta.dirname, '../../../seed/haarlem/cbs/wijken_haarlem_2024.csv'));
    const r = await importValuesFile(ctx, { fileName: 'wijken_haarlem_2024.csv', content });
    // The seed loaded the same figures: nothing changes.
    expect(r).toMatchObject({ status: 'imported', layout: 'wide', added: 0, replaced: 0, unchanged: 21 * 37 });
  });

  it('reports every bad row with its row and column and stores nothing', async () => {
    const file = csv([
      'indicator,gebied,periode,waarde',
      `${key},WK039299,2021,1`, // unknown area of this municipality
      `${key},XX12,2021,1`, // not an area code
      `${key},WK039201,2021-13,1`, // not a period
      `${key},WK039201,2031,1`, // not yet begun
      `${key},WK039201,2021-Q1,1`, // other kind of period than the indicator's years
      `${key},WK039201,2021,abc`, // not a number
      `${key},WK039201,2021,"1.234,5"`, // thousands separator: ambiguous, refused
      `onbekend,WK039201,2021,1`, // unknown indicator
      `${key},WK039202,2021,`, // value missing
      `${key},WK039203,2021,2`,
      `${key},WK039203,2021,3`, // duplicate
    ]);
    const r = await importValuesFile(ctx, { fileName: 'fout.csv', content: file });
    expect(r.status).toBe('rejected');
    expect(reasons(r)).toEqual([
      '2:gebied:unknownArea',
      '3:gebied:notAreaCode',
      '4:periode:periodFormat',
      '5:periode:periodFuture',
      '6:periode:periodKind',
      '7:waarde:notNumber',
      '8:waarde:notNumber',
      '9:indicator:unknownIndicator',
      '10:waarde:valueMissing',
      '12:waarde:duplicate',
    ]);
    expect(await listIndicatorValues(ctx, key, { from: '2021', to: '2021' })).toEqual([]);
  });

  it('refuses a file for another municipality unless it is a benchmark file', async () => {
    const file = csv(['indicator;gebied;periode;waarde', `${key};GM0363;2020;5`, `${key};WK036301;2020;6`]);
    const r = await importValuesFile(ctx, { fileName: 'amsterdam.csv', content: file });
    expect(r).toMatchObject({ status: 'rejected', fileError: { message: 'indicators.import.error.otherMunicipality', params: { codes: 'GM0363', tenant: 'GM0392' } } });
    expect(await listIndicatorValues(ctx, key, { benchmarks: true, from: '2020', to: '2020' })).toEqual([]);
    const b = await importValuesFile(ctx, { fileName: 'amsterdam.csv', content: file, benchmarkFile: true });
    expect(b).toMatchObject({ status: 'imported', benchmarks: 2 });
  });

  it('refuses header problems and unreadable files', async () => {
    expect(reasons(await importValuesFile(ctx, { fileName: 'a.csv', content: csv(['gebied;jaar;onbekende-kolom', 'WK039201;2024;1']) }))).toEqual(['1:onbekende-kolom:unknownIndicatorColumn']);
    expect(reasons(await importValuesFile(ctx, { fileName: 'a.csv', content: csv([`gebied;${key}`, 'WK039201;1']) }))).toEqual(['1:periode:periodColumnMissing']);
    const withPeriod = await importValuesFile(ctx, { fileName: 'a.csv', content: csv([`gebied;${key}`, 'WK039201;1']), period: '2019' });
    expect(withPeriod).toMatchObject({ status: 'imported', added: 1 });
    expect((await appErrorOf(importValuesFile(ctx, { fileName: 'x.xls', content: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]) }))).messageKey).toBe('import.error.oldExcel');
  });

  it('runs an uploaded file as a job; only advisors and administrators import', async () => {
    const imp = await startImport(ctx, { fileName: 'lang.csv', content: csv(['indicator;gebied;periode;waarde', `${key};WK039201;2018;1`, `${key};WK039298;2018;1`]) });
    expect(imp.status).toBe('queued');
    const worker = new JobWorker({ db: database.db, tenant: database.tenant, registry: new JobRegistry([...platformJobs, ...modules.flatMap((m) => m.jobs)]) });
    await worker.runOnce();
    const done = await getImport(ctx, imp.id);
    expect(done).toMatchObject({ status: 'rejected', errorCount: 1, errors: [{ row: 3, column: 'gebied', value: 'WK039298', reason: 'indicators.import.error.unknownArea' }] });
    expect((await appErrorOf(startImport(as(ctx, auditor), { fileName: 'a.csv', content: csv(['a']) }))).code).toBe('forbidden');
  });
});
