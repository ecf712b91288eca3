// GET /api/v1/themes is serialised once per version of the themes and language, and a change to a theme drops it.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { REFERENCE_TTL_MS } from '../../platform/cache.ts';
import { editTheme, getTheme } from './service.ts';

describe.each(dbKinds)('themes JSON (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
  });
  afterAll(async () => db?.drop());

  const themesSerialised = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([v]) => Array.isArray(v) && v.length === 7 && (v[0] as { slug?: string }).slug).length;

  it('is not serialised again while the themes are unchanged, even after the reference data was reloaded', async () => {
    const first = await (await new TestClient(app).get('/api/v1/themes')).text();
    // Longer than reference data lives: the theme list is read again from the database, but it has the same versions.
    await new Promise((r) => setTimeout(r, REFERENCE_TTL_MS + 200));
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      const again = await new TestClient(app).get('/api/v1/themes');
      expect(again.status).toBe(200);
      expect(await again.text()).toBe(first);
      const english = new TestClient(app);
      english.cookies.set('sb_lang', 'en');
      await english.get('/api/v1/themes'); // another language: serialised once for it
      await english.get('/api/v1/themes');
      expect(themesSerialised(stringify)).toBe(1);
    } finally {
      stringify.mockRestore();
    }
  }, 20_000);

  it('shows a changed theme at once (the serialised JSON goes with the old version)', async () => {
    const before = (await (await new TestClient(app).get('/api/v1/themes')).json()) as { slug: string; name: string }[];
    const admin = ctxFor(db, adminActor);
    const { id: _i, slug: _s, position: _p, version, period: _pe, updatedAt: _u, updatedBy: _b, ...content } = await getTheme(admin, 'gezonde-leefstijl');
    await editTheme(admin, 'gezonde-leefstijl', { content: { ...content, name: `${content.name} (gewijzigd)` }, changeNote: 'Naam aangepast', baseVersion: version });
    const after = (await (await new TestClient(app).get('/api/v1/themes')).json()) as { slug: string; name: string; version: number }[];
    expect(after.find((t) => t.slug === 'gezonde-leefstijl')).toMatchObject({ name: `${before.find((t) => t.slug === 'gezonde-leefstijl')!.name} (gewijzigd)`, version: version + 1 });
  });
});
