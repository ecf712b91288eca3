// Shared exports: identical requests share one file, at most MAX_CONCURRENT_EXPORTS are made at once (the rest get
// 503), and a change to the catalogue means the next export is made afresh.
import { describe, it, expect } from 'vitest';
import { sharedExport, invalidateExports, MAX_CONCURRENT_EXPORTS } from './export.ts';
import { appErrorOf } from '../../../test/errors.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const deferred = () => {
  let resolve!: (v: Uint8Array<ArrayBuffer>) => void;
  const promise = new Promise<Uint8Array<ArrayBuffer>>((r) => (resolve = r));
  return { promise, resolve };
};

describe('shared exports', () => {
  it('makes an identical export once while it is being made and while it is kept', async () => {
    const db = {};
    let made = 0;
    const d = deferred();
    const make = () => {
      made++;
      return d.promise;
    };
    const a = sharedExport(db, 'csv:nl:{}', 10_000, make);
    const b = sharedExport(db, 'csv:nl:{}', 10_000, make);
    d.resolve(bytes('x'));
    expect(await a).toBe(await b);
    expect(await sharedExport(db, 'csv:nl:{}', 10_000, make)).toBe(await a);
    expect(made).toBe(1);
    // With sharing switched off (SEARCH_CACHE_SECONDS=0) a finished export is not kept.
    await sharedExport(db, 'xlsx:nl:{}', 0, async () => bytes('y'));
    let again = 0;
    await sharedExport(db, 'xlsx:nl:{}', 0, async () => (again++, bytes('y')));
    expect(again).toBe(1);
  });

  it(`makes at most ${MAX_CONCURRENT_EXPORTS} different exports at once; a further one gets 503 with a Dutch message`, async () => {
    const db = {};
    const running = Array.from({ length: MAX_CONCURRENT_EXPORTS }, () => deferred());
    const busy = running.map((d, i) => sharedExport(db, `k${i}`, 10_000, () => d.promise));
    const refused = await appErrorOf(sharedExport(db, 'another', 10_000, async () => bytes('z')));
    expect(refused.status).toBe(503);
    expect(refused.messageKey).toBe('catalogue.error.exportBusy');
    expect(refused.params.seconds).toBeGreaterThan(0);
    running.forEach((d) => d.resolve(bytes('done')));
    await Promise.all(busy);
    expect(await sharedExport(db, 'another', 10_000, async () => bytes('z'))).toEqual(bytes('z'));
  });

  it('after a change: the kept file is dropped and one being made is neither joined nor kept', async () => {
    const db = {};
    await sharedExport(db, 'k', 10_000, async () => bytes('old'));
    invalidateExports(db);
    expect(new TextDecoder().decode(await sharedExport(db, 'k', 10_000, async () => bytes('new')))).toBe('new');
    const slow = deferred();
    const before = sharedExport(db, 'j', 10_000, () => slow.promise);
    invalidateExports(db);
    const after = sharedExport(db, 'j', 10_000, async () => bytes('fresh'));
    slow.resolve(bytes('stale'));
    expect(new TextDecoder().decode(await before)).toBe('stale');
    expect(new TextDecoder().decode(await after)).toBe('fresh');
    expect(new TextDecoder().decode(await sharedExport(db, 'j', 10_000, async () => bytes('again')))).toBe('fresh');
  });
});
