// Regression tests of the catalogue's cached copy of the framework: a rename shows at once in the same process,
// and a transient database error is never remembered as "no themes".
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { editTheme, getTheme } from '../framework/service.ts';
import { dropTags, tag } from '../../platform/cache.ts';
import { cachedRefs, themeName } from './refs.ts';
import { searchActivities } from './service.ts';
import type { ServiceContext } from '../../platform/context.ts';

describe.each(dbKinds)('catalogue framework cache (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database, adminActor);
  });
  afterAll(async () => database?.drop());

  it('shows a renamed theme at once in the process that renamed it', async () => {
    expect(themeName(await cachedRefs(ctx), 'ontmoeten')).toBe('Ontmoeten');
    const { id: _i, slug: _s, position: _p, version, period: _pe, updatedAt: _u, updatedBy: _b, ...content } = await getTheme(ctx, 'ontmoeten');
    await editTheme(ctx, 'ontmoeten', { content: { ...content, name: 'Elkaar ontmoeten' }, changeNote: 'Naam aangepast', baseVersion: version });
    expect(themeName(await cachedRefs(ctx), 'ontmoeten')).toBe('Elkaar ontmoeten');
  });

  it('does not remember a transient database error as an empty theme list', async () => {
    dropTags(database.db, [tag('framework', TENANT)]); // start from a cold cache
    const select = vi.spyOn(database.db, 'select').mockImplementationOnce(() => {
      throw new Error('connection reset');
    });
    try {
      await expect(searchActivities(ctx, { theme: 'ontmoeten' })).rejects.toThrow('connection reset');
    } finally {
      select.mockRestore();
    }
    // The next search with a theme works, instead of "unknown theme" until the cache expires.
    await expect(searchActivities(ctx, { theme: 'ontmoeten' })).resolves.toMatchObject({ total: 0 });
    expect((await cachedRefs(ctx)).themes).toHaveLength(7);
  });
});
