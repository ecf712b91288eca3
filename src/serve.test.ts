// One process per embedded data folder, with real processes: while `serve` runs, a second server and the CLI
// commands are refused at once with a Dutch message; a second server on a taken port names the port and leaves the
// data folder alone; after the server stops, the README's reset-link workflow works.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsx = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src', 'cli.ts')];
let base: string;
let dataDir: string;
const env = (extra: Record<string, string> = {}) => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_FORMAT: 'json', LOG_LEVEL: 'info', NODE_ENV: 'production', ...extra });
const run = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [...tsx, ...args], { env: env(extra), encoding: 'utf8', cwd: root });

/** Starts `serve` and resolves with the child and its port once it says it is listening. */
function startServe(extra: Record<string, string> = {}, args: string[] = []): Promise<{ child: ChildProcess; port: number; stderr: () => string; arrivals: { line: string; at: number }[] }> {
  const child = spawn(process.execPath, [...tsx, 'serve', ...args], { env: env({ PORT: '0', HOST: '127.0.0.1', ...extra }), cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const arrivals: { line: string; at: number }[] = [];
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      for (const line of d.toString().split('\n').filter(Boolean)) arrivals.push({ line, at: Date.now() });
      const m = err.match(/draait op http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) resolve({ child, port: Number(m[1]), stderr: () => err, arrivals });
    });
    child.once('exit', (code) => reject(new Error(`serve stopped (${code}): ${err}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

const refusedForLock = (r: { status: number | null; stderr: string }) => {
  expect(r.status).toBe(1);
  expect(r.stderr).toContain('is al in gebruik door proces');
  expect(r.stderr).toContain('Stop eerst de server');
  expect(r.stderr).toContain('DATABASE_URL');
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-serve-'));
  dataDir = path.join(base, 'pglite');
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

describe('one process per embedded data folder', () => {
  it('refuses a second server and the CLI while serve runs; a taken port is named; after stopping, a reset link works', { timeout: 600_000 }, async () => {
    expect(run(['seed']).status).toBe(0);
    const created = run(['user', 'create', '--email', 'ilse@test.nl', '--name', 'Ilse']);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const first = await startServe();
    try {
      expect((await fetch(`http://127.0.0.1:${first.port}/health`)).status).toBe(200);
      // Each of these used to open the live folder and silently lose writes.
      refusedForLock(run(['user', 'reset-link', '--email', 'ilse@test.nl']));
      refusedForLock(run(['user', 'create', '--email', 'piet@test.nl', '--name', 'Piet']));
      refusedForLock(run(['migrate']));
      refusedForLock(run(['seed']));
      refusedForLock(run(['serve'], { PORT: '0', HOST: '127.0.0.1' }));

      // A second server on the taken port: one Dutch line naming the port, and its (fresh) folder untouched.
      const otherDir = path.join(base, 'ander');
      const taken = run(['serve'], { PORT: String(first.port), HOST: '127.0.0.1', DATA_DIR: otherDir });
      expect(taken.status).toBe(1);
      expect(taken.stderr.trim()).toBe(`Fout: Poort ${first.port} is al in gebruik (adres 127.0.0.1): draait Sociale Basis hier al, of een ander programma? Stop dat eerst, of kies een andere poort met PORT=…`);
      expect(fs.existsSync(otherDir)).toBe(false);
      expect(fs.existsSync(`${otherDir}.lock`)).toBe(false);
    } finally {
      expect(await stop(first.child)).toBe(0);
    }
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);

    // The README's workflow: with the server stopped, print a link; start the server; the link works there.
    const link = run(['user', 'reset-link', '--email', 'ilse@test.nl']);
    expect(link.status).toBe(0);
    const linkPath = new URL(link.stdout.split('\n')[0]).pathname;
    const second = await startServe();
    try {
      expect((await fetch(`http://127.0.0.1:${second.port}${linkPath}`)).status).toBe(200);
    } finally {
      await stop(second.child);
    }
  });

  it('says what a first start is doing as it happens, one line per step, then the address and the full demo addresses', { timeout: 600_000 }, async () => {
    const dir = path.join(base, 'eerste');
    const s = await startServe({ DATA_DIR: dir }, ['--seed-if-empty']);
    await new Promise((r) => setTimeout(r, 500));
    await stop(s.child);
    const lines = s.arrivals.map((a) => ({ ...a, msg: (JSON.parse(a.line) as { msg: string }).msg }));
    const msgs = lines.map((l) => l.msg);
    expect(msgs[0]).toBe(`Database openen: ingebouwd (PGlite) in ${dir}`);
    expect(msgs[1]).toBe('Migraties uitvoeren…');
    for (const step of ['Kader laden: thema’s, doelen, wijken en organisaties…', 'Demodata: organisaties, mensen en demo-accounts…', 'Demodata: activiteiten…']) expect(msgs).toContain(step);
    const listening = msgs.findIndex((m) => /^Sociale Basis draait op http:\/\/127\.0\.0\.1:\d+ \(database: ingebouwd\)$/.test(m));
    expect(listening).toBeGreaterThan(msgs.indexOf('Demodata: activiteiten…'));
    expect(msgs[listening + 1]).toContain('beheerder@demo.sociale-basis.nl, beleid@demo.sociale-basis.nl, partner@demo.sociale-basis.nl');
    // As it happens: the first line arrived well before the server was ready, not all at once at the end.
    expect(lines[listening].at - lines[0].at).toBeGreaterThan(1000);
  });
});
