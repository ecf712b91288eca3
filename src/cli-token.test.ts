// sociale-basis token create | list | revoke against a real embedded database; the printed token works on the API.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { openPglite, queryRows } from './platform/db/client.ts';
import { testApp } from '../test/client.ts';
import { sha256 } from './platform/auth/tokens.ts';

const bin = path.resolve(import.meta.dirname, '../bin/sociale-basis.js');
let dataDir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error', PUBLIC_URL: 'https://sociale-basis.example.nl' }, encoding: 'utf8' });

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-token-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A request to the API of an app on the same embedded database (opened only while the CLI is not using it). */
async function callApi(token: string): Promise<number> {
  const database = await openPglite(dataDir, { tenant: 'GM0392' });
  try {
    return (await testApp(database).request('/api/v1/activities', { headers: { authorization: `Bearer ${token}` } })).status;
  } finally {
    await database.close();
  }
}

describe('sociale-basis token', () => {
  it('has help for every token command', { timeout: 60_000 }, () => {
    for (const cmd of [['token'], ['token', 'create'], ['token', 'list'], ['token', 'revoke']]) {
      const r = run(...cmd, '--help');
      expect(r.status, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: sociale-basis token');
    }
  });

  it('creates a token printed once (stored as a hash), lists it, revokes it; bad input gets a Dutch message', { timeout: 300_000 }, async () => {
    expect(run('seed').status).toBe(0);
    expect(run('user', 'create', '--email', 'systeem@dock.nl', '--name', 'Systeem DOCK', '--role', 'partner_staff', '--organisation', 'DOCK Haarlem').status).toBe(0);
    expect(run('user', 'create', '--email', 'bewoner@haarlem.nl', '--name', 'Bewoner', '--role', 'resident').status).toBe(0);

    const created = run('token', 'create', '--email', 'Systeem@DOCK.nl', '--name', 'Ledenadministratie', '--scopes', 'read,write', '--expires', '2099-01-01');
    expect(created.status).toBe(1);
    expect(created.stderr).toContain('mag hoogstens 730 dagen na vandaag liggen');

    const ok = run('token', 'create', '--email', 'Systeem@DOCK.nl', '--name', 'Ledenadministratie', '--scopes', 'read,write');
    expect(ok.status, ok.stderr).toBe(0);
    const token = ok.stdout.trim();
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(ok.stderr).toContain('Token "Ledenadministratie" voor systeem@dock.nl (read, write), geldig tot en met ');
    expect(ok.stderr).toContain(`Gebruik: curl -H "Authorization: Bearer ${token}" https://sociale-basis.example.nl/api/v1/activities`);

    const database = await openPglite(dataDir, { tenant: 'GM0392' });
    const rows = await queryRows<{ id: string; token_hash: string; v: string }>(database.db, sql`select id, token_hash, t::text as v from api_tokens t`);
    await database.close();
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).toBe(sha256(token));
    expect(rows[0].v).not.toContain(token);
    expect(await callApi(token)).toBe(200);

    const list = run('token', 'list', '--email', 'systeem@dock.nl');
    expect(list.status).toBe(0);
    expect(list.stdout).toContain(`${rows[0].id}  ${token.slice(0, 10)}…  Ledenadministratie  [read,write]`);
    expect(list.stdout).not.toContain(token);
    expect(list.stdout).toContain('actief');

    const resident = run('token', 'create', '--email', 'bewoner@haarlem.nl', '--name', 'Mag niet');
    expect(resident.status).toBe(1);
    expect(resident.stderr).toContain('alleen medewerkers van een organisatie en beheerders kunnen een API-token hebben');
    const unknown = run('token', 'create', '--email', 'niemand@haarlem.nl', '--name', 'X');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Er is geen gebruiker met dit e-mailadres.');
    expect(unknown.stderr).not.toMatch(/at .*\.ts:\d+/);

    const revoked = run('token', 'revoke', '--id', rows[0].id);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toContain('Token "Ledenadministratie" (');
    expect(revoked.stdout).toContain('is ingetrokken');
    expect(run('token', 'list', '--email', 'systeem@dock.nl').stdout).toContain('ingetrokken');
    expect(await callApi(token)).toBe(401);
    expect(run('token', 'revoke', '--id', 'bestaat-niet').status).toBe(1);
  });
});
