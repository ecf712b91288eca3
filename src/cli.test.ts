// The sociale-basis command: help for every command, and user create / reset-link against a real embedded database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
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
    for (const cmd of [[], ['serve'], ['migrate'], ['seed'], ['user', 'create'], ['user', 'reset-link'], ['bench']]) {
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
