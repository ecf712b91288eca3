// The sociale-basis command: help for every command, and user create / reset-link against a real embedded database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../bin/sociale-basis.js');
let dataDir: string;
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'error' }, encoding: 'utf8' });

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-'));
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('sociale-basis CLI', () => {
  it('has help for every command', { timeout: 120_000 }, () => {
    for (const cmd of [[], ['serve'], ['migrate'], ['seed'], ['user', 'create'], ['user', 'reset-link'], ['tenant'], ['tenant', 'create'], ['tenant', 'load-framework'], ['tenant', 'load-areas'], ['bench']]) {
      const r = run(...cmd, '--help');
      expect(r.status, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain('Usage: sociale-basis');
    }
  });

  it('creates a user and issues a one-time reset link; clear messages on bad input', { timeout: 300_000 }, () => {
    expect(run('seed').status).toBe(0);
    const created = run('user', 'create', '--email', 'Beleid@Gemeente.nl', '--name', 'Beleid', '--role', 'policy_advisor');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('beleid@gemeente.nl (policy_advisor)');
    const dup = run('user', 'create', '--email', 'beleid@gemeente.nl', '--name', 'Nog een');
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('Er is al een gebruiker met dit e-mailadres.');
    const link = run('user', 'reset-link', '--email', 'beleid@gemeente.nl');
    expect(link.status).toBe(0);
    expect(link.stdout).toMatch(/^http:\/\/localhost:3000\/wachtwoord-herstellen\/[A-Za-z0-9_-]{40,}\n/);
    const unknown = run('user', 'reset-link', '--email', 'niemand@gemeente.nl');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Er is geen gebruiker met dit e-mailadres.');
    expect(unknown.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

// A second municipality set up with the tenant commands, exactly as README "Your own municipality" describes, on
// its own embedded database; then a server for it.
describe('sociale-basis tenant', () => {
  const fixtures = path.resolve(import.meta.dirname, '../test/fixtures/gm9999');
  let dir: string;
  const env = (extra: Record<string, string> = {}) => ({ ...process.env, DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'error', PORT: '0', HOST: '127.0.0.1', ...extra });
  const cli = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { env: env(extra), encoding: 'utf8' });
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-cli-tenant-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  // One journey, in the order of the README: the steps build on each other.
  it('refuses to serve a municipality that does not exist; creates one, loads its framework, wijken and buurten and its first administrator, then serves it; bad input is refused in Dutch without a stack trace', { timeout: 600_000 }, async () => {
    const notThere = cli(['serve'], { TENANT: 'GM9999' });
    expect(notThere.status).toBe(1);
    expect(notThere.stderr).toContain('Fout: Gemeente GM9999 (TENANT) staat niet in deze database; de server start niet.');
    expect(notThere.stderr).toContain('sociale-basis tenant create --code GM9999');
    const seedOther = cli(['serve', '--seed-if-empty'], { TENANT: 'GM9999' });
    expect(seedOther.status).toBe(1);
    expect(seedOther.stderr).toContain('--seed-if-empty laadt alleen de voorbeeldgemeente Haarlem, GM0392.');

    const created = cli(['tenant', 'create', '--code', 'GM9999', '--name', 'Voorbeeldstad']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('Gemeente aangemaakt: GM9999 Voorbeeldstad');
    const dup = cli(['tenant', 'create', '--code', 'GM9999', '--name', 'Nog eens']);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain('Fout: Gemeente GM9999 bestaat al (Voorbeeldstad); er is niets veranderd.');
    const badCode = cli(['tenant', 'create', '--code', 'GM363', '--name', 'Amsterdam']);
    expect(badCode.status).toBe(1);
    expect(badCode.stderr).toContain('--code: moet een CBS-gemeentecode zijn: GM gevolgd door vier cijfers, bijvoorbeeld GM0363');

    const fw = cli(['tenant', 'load-framework', '--code', 'GM9999', '--file', path.join(fixtures, 'framework.json')]);
    expect(fw.status, fw.stderr).toBe(0);
    expect(fw.stdout).toContain("Toegevoegd: 1 uitvraagperiode(n), 2 thema('s), 2 stadsdeel/stadsdelen, 2 wijk(en), 1 buurt(en), 3 organisatie(s).");
    const again = cli(['tenant', 'load-framework', '--code', 'GM9999', '--file', path.join(fixtures, 'framework.json')]);
    expect(again.stdout).toContain('Toegevoegd: niets; alles stond er al');
    const bad = path.join(dir, 'kader.json');
    const json = JSON.parse(fs.readFileSync(path.join(fixtures, 'framework.json'), 'utf8'));
    delete json.themes[1].name;
    fs.writeFileSync(bad, JSON.stringify(json));
    const refused = cli(['tenant', 'load-framework', '--code', 'GM9999', '--file', bad]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('kader.json heeft niet de vorm van een kaderbestand');
    expect(refused.stderr).toContain('themes[1].name: is verplicht');
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    const notCreated = cli(['tenant', 'load-framework', '--code', 'GM0363', '--file', path.join(fixtures, 'framework.json')]);
    expect(notCreated.status).toBe(1);
    expect(notCreated.stderr).toContain('Gemeente GM0363 bestaat nog niet in deze database; er is niets geladen.');

    const wijken = cli(['tenant', 'load-areas', '--code', 'GM9999', '--file', path.join(fixtures, 'wijken.csv'), '--geojson', path.join(fixtures, 'wijken.geojson')]);
    expect(wijken.status, wijken.stderr).toBe(0);
    expect(wijken.stdout).toContain('Wijken van GM9999 geladen uit wijken.csv: 1 toegevoegd, 2 bijgewerkt, 0 ongewijzigd.');
    expect(wijken.stdout).toContain('Grenzen opgeslagen voor 3 wijken.');
    const buurten = cli(['tenant', 'load-areas', '--code', 'GM9999', '--file', path.join(fixtures, 'buurten.csv')]);
    expect(buurten.stdout).toContain('Buurten van GM9999 geladen uit buurten.csv: 3 toegevoegd, 0 bijgewerkt, 0 ongewijzigd.');
    const haarlem = cli(['tenant', 'load-areas', '--code', 'GM9999', '--file', path.resolve(import.meta.dirname, '../seed/haarlem/cbs/wijken_haarlem_2024.csv')]);
    expect(haarlem.status).toBe(1);
    expect(haarlem.stderr).toContain('kolom gemeentecode: het bestand hoort bij GM0392 (Haarlem), niet bij GM9999');

    expect(cli(['seed']).status).toBe(0); // Haarlem in the same database
    const admin = cli(['user', 'create', '--email', 'beheer@voorbeeldstad.nl', '--name', 'Beheerder', '--role', 'administrator', '--password', 'voorbeeld-wachtwoord-1'], { TENANT: 'GM9999' });
    expect(admin.status, admin.stderr).toBe(0);
    const link = cli(['user', 'reset-link', '--email', 'beheer@voorbeeldstad.nl'], { TENANT: 'GM9999', PUBLIC_URL: 'http://localhost:3000' });
    expect(link.stdout).toMatch(/^http:\/\/localhost:3000\/wachtwoord-herstellen\//);
    // The administrator belongs to Voorbeeldstad, not to Haarlem.
    expect(cli(['user', 'reset-link', '--email', 'beheer@voorbeeldstad.nl']).stderr).toContain('Er is geen gebruiker met dit e-mailadres.');
    const tsx = path.resolve(import.meta.dirname, '../node_modules/tsx/dist/cli.mjs');
    // serve says where it listens in its log (stderr) at level info.
    const server = spawn(process.execPath, [tsx, path.resolve(import.meta.dirname, 'cli.ts'), 'serve'], { env: env({ TENANT: 'GM9999', LOG_LEVEL: 'info' }), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const port = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stderr!.on('data', (b: Buffer) => {
          out += b.toString();
          const m = out.match(/draait op http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/);
          if (m) resolve(m[1]);
        });
        server.once('exit', (code) => reject(new Error(`server stopped (${code}): ${out}`)));
      });
      const themes = (await (await fetch(`http://127.0.0.1:${port}/api/v1/themes`)).json()) as { slug: string; name: string }[];
      expect(themes.map((t) => t.name)).toEqual(['Elkaar ontmoeten in Voorbeeldstad', 'Samen sporten']);
      const areas = await (await fetch(`http://127.0.0.1:${port}/api/v1/neighbourhoods`)).text();
      expect(areas).toContain('WK999903');
      expect(areas).not.toContain('WK0392');
      const page = await (await fetch(`http://127.0.0.1:${port}/themas`)).text();
      expect(page).toContain('Samen sporten');
      expect(page).not.toContain('Waardevol werk');

      // The first administrator logs in and sees Voorbeeldstad's users only.
      const base = `http://127.0.0.1:${port}`;
      const jar = new Map<string, string>();
      const keep = (res: Response) => {
        for (const c of res.headers.getSetCookie()) {
          const [pair] = c.split(';');
          jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
        }
        return res;
      };
      const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const form = await keep(await fetch(`${base}/inloggen`)).text();
      const csrf = form.match(/name="_csrf" value="([^"]+)"/)![1];
      const body = new URLSearchParams({ _csrf: csrf, email: 'beheer@voorbeeldstad.nl', password: 'voorbeeld-wachtwoord-1' });
      const login = keep(await fetch(`${base}/inloggen`, { method: 'POST', body, headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' }));
      expect(login.status).toBe(303);
      const users = (await (await fetch(`${base}/api/v1/users`, { headers: { cookie: cookie() } })).json()) as { items?: { email: string }[] } | { email: string }[];
      const emails = (Array.isArray(users) ? users : (users.items ?? [])).map((u) => u.email);
      expect(emails).toEqual(['beheer@voorbeeldstad.nl']);
    } finally {
      process.kill(-server.pid!, 'SIGTERM');
      await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(null)));
    }
  });
});
