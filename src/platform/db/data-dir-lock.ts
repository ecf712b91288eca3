// An exclusive lock on the embedded database folder, held by one process for its whole life.
// PGlite keeps its own copy of the database in memory and writes it back to the folder: two processes on one folder
// each see only their own writes and overwrite each other's. So the second process is refused at once.
//
// The lock is a file beside the folder (`<DATA_DIR>.lock`), created with O_EXCL, holding the owner's pid, the
// process start time (from /proc, so a reused pid is not mistaken for the owner), host, command and a random id.
// A lock whose process has died (kill -9, power loss) is stale and is taken over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';

export interface LockHolder {
  pid: number;
  start: string | null;
  host: string;
  command: string;
  since: string;
  id: string;
}

export class DataDirLockedError extends Error {
  constructor(
    public readonly dataDir: string,
    public readonly holder: LockHolder | null,
  ) {
    const who = holder ? `proces ${holder.pid}${holder.command ? ` (sociale-basis ${holder.command})` : ''}${holder.host !== os.hostname() ? ` op ${holder.host}` : ''}, sinds ${holder.since}` : 'een ander proces';
    super(
      `De ingebouwde database in ${dataDir} is al in gebruik door ${who}. Twee processen tegelijk op deze map verliezen gegevens, daarom is dit geweigerd. ` +
        `Stop eerst de server (Ctrl+C waar hij draait) en voer de opdracht daarna opnieuw uit, of gebruik PostgreSQL via DATABASE_URL: dan kunnen de server en de opdrachten tegelijk draaien.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export const lockPathOf = (dataDir: string) => `${path.resolve(dataDir).replace(/[\\/]+$/, '')}.lock`;

/** Field 22 of /proc/<pid>/stat: when the process started (clock ticks since boot); null where /proc is absent. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Ids of the locks this process holds (a second open of the same folder in this process is refused too). */
const heldIds = new Set<string>();

/** Whether the lock's owner still runs. A lock from another host cannot be checked and counts as held. */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== os.hostname()) return true;
  if (h.pid === process.pid) return heldIds.has(h.id); // our pid but not our lock: left by an earlier life of this pid
  if (!processAlive(h.pid)) return false;
  const start = startTimeOf(h.pid);
  return !(h.start && start && h.start !== start);
}

function parseHolder(raw: string): LockHolder | null {
  try {
    const h = JSON.parse(raw) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.id === 'string' ? h : null;
  } catch {
    return null;
  }
}

const readRaw = (file: string): string | null => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export interface DataDirLock {
  file: string;
  release(): void;
}

/**
 * Takes the folder's lock or throws DataDirLockedError. `command` names what holds it, for the message another
 * process shows (never arguments: they may hold e-mail addresses).
 */
export function lockDataDir(dataDir: string, command = ''): DataDirLock {
  const file = lockPathOf(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const me: LockHolder = { pid: process.pid, start: startTimeOf(process.pid), host: os.hostname(), command, since: new Date().toISOString(), id: crypto.randomUUID() };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return held(file, me.id);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const raw = readRaw(file);
    if (raw === null) continue; // released between our attempt and the read
    const holder = parseHolder(raw);
    if (!holder) {
      // Being written this instant, or a torn file from a crash: wait briefly before calling it stale.
      if (Date.now() - fs.statSync(file).mtimeMs < 2000) {
        pause(100);
        continue;
      }
    } else if (holderAlive(holder)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    // Stale: move it aside atomically, and only remove it if what we moved is what we judged stale.
    const aside = `${file}.stale-${me.id}`;
    try {
      fs.renameSync(file, aside);
    } catch {
      continue;
    }
    if (readRaw(aside) !== raw) {
      try {
        fs.linkSync(aside, file); // a fresh lock slipped in: put it back
      } catch {
        /* another lock exists again; ours to try for */
      }
    }
    fs.rmSync(aside, { force: true });
  }
  const raw = readRaw(file);
  throw new DataDirLockedError(dataDir, raw ? parseHolder(raw) : null);
}

function held(file: string, id: string): DataDirLock {
  let released = false;
  heldIds.add(id);
  const release = () => {
    if (released) return;
    released = true;
    heldIds.delete(id);
    process.off('exit', release);
    const raw = readRaw(file);
    if (raw && parseHolder(raw)?.id === id) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return { file, release };
}
