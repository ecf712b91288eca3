// Fault test, on both databases: the CLI imports a generated 100,000-row file and is killed (SIGKILL) halfway
// through storing it. Afterwards the database holds all or none of that file's rows; running the import again
// stores it exactly once, and a third run adds nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { openPglite, openPostgres, queryRows, type Database } from '../../platform/db/client.ts';
import { csv, importSetup } from './test-imports.ts';

const ROWS = 100_000;
const root = path.resolve(import.meta.dirname, '../../..');
// One process (node --import tsx), so SIGKILL hits the process that holds the transaction.
const cliArgs = ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'import', 'attendance'];

describe.each(dbKinds)('import killed halfway (%s)', (kind) => {
  let dir: string;
  let db: TestDatabase | null = null;
  let env: NodeJS.ProcessEnv;
  let file: string;
  let orgName: string;
  let activityId: string;

  /** The database opened again, as the CLI's run left it. */
  async function open(): Promise<Database> {
    return kind === 'pglite' ? openPglite(path.join(dir, 'pglite'), { tenant: TENANT }) : openPostgres(db!.url!, 2, { tenant: TENANT });
  }
  async function stored(): Promise<number> {
    const d = await open();
    try {
      const [r] = await queryRows<{ n: number }>(d.db, sql`select count(*)::int as n from reach_attendance where tenant_id = ${TENANT} and activity_id = ${activityId}`);
      return Number(r.n);
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-import-fault-'));
    let d: Database;
    if (kind === 'pglite') {
      d = await openPglite(path.join(dir, 'pglite'), { tenant: TENANT });
      await d.migrate();
    } else {
      db = await createTestDatabase('postgres');
      d = db;
    }
    await seedFramework(d);
    const s = await importSetup(ctxFor(d));
    orgName = s.org.name;
    activityId = s.activity.id;
    if (kind === 'pglite') await d.close();
    // 100,000 residents, each once, over four sessions.
    const dates = ['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26'];
    const rows = Array.from({ length: ROWS }, (_, i) => [activityId, dates[i % 4], `FT${String(i).padStart(8, '0')}`, '', '', '', '', '']);
    file = path.join(dir, 'bezoek-100k.csv');
    fs.writeFileSync(file, csv(rows));
    env = { ...process.env, TENANT, DATA_DIR: path.join(dir, 'pglite'), DATABASE_URL: kind === 'postgres' ? db!.url! : '', LOG_LEVEL: 'error', NODE_ENV: 'test' };
  });
  afterAll(async () => {
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds all or none of the file after SIGKILL, and imports it exactly once when run again', async () => {
    const child = spawn(process.execPath, [...cliArgs, file, '--org', orgName], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let killedAt = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      // Kill once storing is at least halfway ("Bezoek opslaan: 50000/100000").
      const m = [...err.matchAll(/Bezoek opslaan: (\d+)\/(\d+)/g)].at(-1);
      if (!killedAt && m && Number(m[1]) * 2 >= Number(m[2])) {
        killedAt = m[0];
        child.kill('SIGKILL');
      }
    });
    const exit = await new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    expect(exit.signal, `not killed; stderr: ${err.slice(-2000)}`).toBe('SIGKILL');
    expect(killedAt).toMatch(/Bezoek opslaan/);
    // All or none: the transaction did not commit, so none.
    expect([0, ROWS]).toContain(await stored());
    expect(await stored()).toBe(0);

    const again = spawnSync(process.execPath, [...cliArgs, file, '--org', orgName], { env, encoding: 'utf8', timeout: 280_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout, again.stdout).toContain(`Ingelezen: ${ROWS} nieuwe bezoeken, 4 nieuwe bijeenkomsten`);
    expect(await stored()).toBe(ROWS);

    const third = spawnSync(process.execPath, [...cliArgs, file, '--org', orgName], { env, encoding: 'utf8', timeout: 280_000 });
    expect(third.status, third.stderr).toBe(0);
    expect(third.stdout).toContain('Ingelezen: 0 nieuwe bezoeken, 0 nieuwe bijeenkomsten');
    expect(await stored()).toBe(ROWS);
  }, 600_000);

  it('exits with 1, the first errors and a hint when rows are rejected', () => {
    const bad = path.join(dir, 'fout.csv');
    fs.writeFileSync(bad, csv([[activityId, '2099-01-01', 'GEHEIM0001', '', '', '', '', '']]));
    const r = spawnSync(process.execPath, [...cliArgs, bad, '--org', orgName], { env, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('regel 2, kolom datum (2099-01-01): De datum ligt in de toekomst.');
    expect(r.stderr).toContain('--accept-valid');
    expect(r.stderr + r.stdout).not.toContain('GEHEIM0001');
  }, 180_000);
});
