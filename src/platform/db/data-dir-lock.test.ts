// The embedded database folder's lock, in-process: refused while held, taken over when its owner is dead.
import { describe, it, expect, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockDataDir, lockPathOf, DataDirLockedError } from './data-dir-lock.ts';
import { openPglite } from './client.ts';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-lock-'));
  dirs.push(d);
  return path.join(d, 'pglite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** The pid of a process that has certainly ended. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('data folder lock', () => {
  it('refuses a second holder with a Dutch message naming the owner and what to do, and frees the folder on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir, 'serve');
    expect(fs.existsSync(lockPathOf(dir))).toBe(true);
    let err: unknown;
    try {
      lockDataDir(`${dir}/`, 'user reset-link');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataDirLockedError);
    const msg = (err as Error).message;
    expect(msg).toContain(`proces ${process.pid} (sociale-basis serve)`);
    expect(msg).toContain('Stop eerst de server');
    expect(msg).toContain('DATABASE_URL');
    lock.release();
    expect(fs.existsSync(lockPathOf(dir))).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock whose process has died, and one left by an earlier process with our pid', () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    const stale = { pid: deadPid(), start: '1', host: os.hostname(), command: 'serve', since: '2020-01-01T00:00:00Z', id: 'dood' };
    fs.writeFileSync(lockPathOf(dir), JSON.stringify(stale));
    const lock = lockDataDir(dir, 'migrate');
    expect(JSON.parse(fs.readFileSync(lockPathOf(dir), 'utf8')).pid).toBe(process.pid);
    lock.release();
    fs.writeFileSync(lockPathOf(dir), JSON.stringify({ ...stale, pid: process.pid, id: 'vorig-leven' }));
    lockDataDir(dir).release();
  });

  it('counts a lock of a live process as held, even an unreadable one that is being written', () => {
    const dir = tempDir();
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // pid 1 is alive on every Unix system.
    fs.writeFileSync(lockPathOf(dir), JSON.stringify({ pid: 1, start: null, host: os.hostname(), command: 'serve', since: 'nu', id: 'x' }));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(lockPathOf(dir), '{"pid":');
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('is taken by the embedded database for as long as it is open', async () => {
    const dir = tempDir();
    const db = await openPglite(dir, {}, 'serve');
    try {
      await expect(openPglite(dir)).rejects.toThrow(DataDirLockedError);
    } finally {
      await db.close();
    }
    expect(fs.existsSync(lockPathOf(dir))).toBe(false);
    const again = await openPglite(dir);
    await again.close();
  }, 120_000);
});
