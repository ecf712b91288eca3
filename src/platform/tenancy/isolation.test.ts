// Tenants are isolated by the database: two municipalities in one database, each read through every GET route of
// every module as the other, and through raw SQL on the app's connection. Also: a server for a municipality that
// has no data (or does not exist yet) on a database holding Haarlem's demo data shows none of it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { dbKinds } from '../../../test/db.ts';
import { clientAs, testApp, TestClient } from '../../../test/client.ts';
import { SharedDatabase, HAARLEM, TESTDORP, loadHaarlem, loadTestdorp, fingerprint, nowhere, fillPath, tenantTables, type Fingerprint } from '../../../test/tenants.ts';
import { queryRows } from '../db/client.ts';
import { tenancyGaps } from '../db/tenancy.ts';
import { municipalities } from './schema.ts';
import type { App } from '../http/app.tsx';

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Every GET route a module registered (static files excluded). */
const getRoutes = (app: App) => [...new Set(app.routes.filter((r) => r.method === 'GET' && !r.path.endsWith('*') && !r.path.startsWith('/assets/')).map((r) => r.path))];

/** The other municipality's ids and names that occur in a response body (not counting what the request itself names). */
function leaks(body: string, other: Fingerprint, requested = ''): string[] {
  const asked = decodeURIComponent(requested).toLowerCase();
  const found = [...new Set((body.match(uuidPattern) ?? []).map((s) => s.toLowerCase()).filter((id) => other.ids.has(id) && !asked.includes(id)))];
  return [...found, ...other.texts.filter((t) => body.includes(t) && !asked.includes(t.toLowerCase()))];
}

async function bodyOf(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  return type.includes('pdf') || type.includes('spreadsheet') ? '' : await res.text();
}

describe.each(dbKinds)('tenant isolation (%s)', (kind) => {
  let shared: SharedDatabase;
  const prints = new Map<string, Fingerprint>();

  beforeAll(async () => {
    shared = await SharedDatabase.create(kind, HAARLEM);
    await loadHaarlem(await shared.as(HAARLEM));
    await loadTestdorp(await shared.as(TESTDORP));
    for (const t of [TESTDORP, HAARLEM]) prints.set(t, await fingerprint(await shared.as(t)));
    // Names that also occur in the other's own data (Testdorp's framework is Haarlem's text) identify nothing.
    for (const [t, f] of prints) {
      const other = prints.get(t === HAARLEM ? TESTDORP : HAARLEM)!;
      f.texts = f.texts.filter((x) => x.length >= 8 && !other.corpus.includes(x));
    }
  }, 300_000);
  afterAll(() => shared?.drop());

  it('isolates every table with a tenant_id column: row-level security enabled, forced, with the tenant policy for reads and writes', async () => {
    const db = await shared.as(HAARLEM);
    const rows = await tenantTables(db);
    expect(rows.length).toBeGreaterThanOrEqual(17);
    expect(tenancyGaps(rows)).toEqual([]);
    expect(rows.every((r) => r.granted)).toBe(true);
    // The check itself fails on a table whose protection is missing or weaker.
    const ok = rows[0];
    expect(tenancyGaps([{ ...ok, forced: false }, { ...ok, table: 'b', enabled: false }, { ...ok, table: 'c', withCheck: null }, { ...ok, table: 'd', using: `${ok.using} OR true` }])).toEqual([ok.table, 'b', 'c', 'd']);
  });

  it('keys every table with a tenant_id column for a distributed PostgreSQL: primary key, unique, exclusion and foreign keys include tenant_id', async () => {
    const db = await shared.as(HAARLEM);
    const tables = (await tenantTables(db)).map((r) => r.table);
    const cols = (rel: string, keys: string) => `(select array_agg(a.attname::text) from pg_attribute a where a.attrelid = ${rel} and a.attnum = any(${keys}))`;
    const uniques = await queryRows<{ t: string; name: string; pk: boolean; cols: string[] }>(
      db.db,
      sql.raw(`select c.relname as t, i.relname as name, x.indisprimary as pk, ${cols('c.oid', 'x.indkey')} as cols from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and x.indisunique`),
    );
    const constraints = await queryRows<{ t: string; name: string; kind: string; target: string | null; cols: string[] }>(
      db.db,
      sql.raw(`select c.relname as t, p.conname as name, p.contype::text as kind, f.relname as target, ${cols('p.conrelid', 'p.conkey')} as cols from pg_constraint p join pg_class c on c.oid = p.conrelid left join pg_class f on f.oid = p.confrelid join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and p.contype in ('f', 'x')`),
    );
    const problems = [
      ...tables.filter((t) => !uniques.some((u) => u.t === t && u.pk && u.cols[0] !== undefined && u.cols.includes('tenant_id'))).map((t) => `${t}: no primary key with tenant_id`),
      ...uniques.filter((u) => tables.includes(u.t) && !u.cols.includes('tenant_id')).map((u) => `${u.t}: unique ${u.name} without tenant_id`),
      ...constraints.filter((c) => tables.includes(c.t) && (c.kind === 'x' || tables.includes(c.target ?? '')) && !c.cols.includes('tenant_id')).map((c) => `${c.t}: ${c.name} without tenant_id`),
    ];
    expect(problems).toEqual([]);
    expect(constraints.filter((c) => c.kind === 'f' && tables.includes(c.target ?? '')).length).toBeGreaterThanOrEqual(15);
  });

  it('a raw select * through the app connection returns only the current municipality’s rows, and writes for another are refused', async () => {
    for (const tenant of [HAARLEM, TESTDORP]) {
      const db = await shared.as(tenant);
      let seen = 0;
      for (const { table } of await tenantTables(db)) {
        const rows = await queryRows<{ tenant_id: string }>(db.db, sql.raw(`select * from "${table}"`));
        expect(rows.filter((r) => r.tenant_id !== tenant), `${table} as ${tenant}`).toEqual([]);
        seen += rows.length;
      }
      expect(seen).toBeGreaterThan(50);
      for (const table of ['organisations', 'activities', 'locations', 'rooms', 'bookings', 'users', 'themes', 'districts']) {
        const [{ n }] = await queryRows<{ n: number }>(db.db, sql.raw(`select count(*)::int as n from "${table}"`));
        expect(n, `${table} as ${tenant}`).toBeGreaterThan(0);
      }
      const other = tenant === HAARLEM ? TESTDORP : HAARLEM;
      await expect(db.db.execute(sql`insert into organisations (tenant_id, name, type) values (${other}, 'Ingeschoven', 'subcontractor')`)).rejects.toThrow();
      const updated = await queryRows<{ id: string }>(db.db, sql`update organisations set name = name where tenant_id = ${other} returning id`);
      expect(updated).toEqual([]);
      // The app's role bypasses nothing: no superuser, no BYPASSRLS, owner of no table.
      const [me] = await queryRows<{ role: string; rolsuper: boolean; rolbypassrls: boolean; owns: number }>(
        db.db,
        sql`select current_user as role, r.rolsuper, r.rolbypassrls, (select count(*)::int from pg_class c where c.relowner = r.oid and c.relkind = 'r') as owns from pg_roles r where r.rolname = current_user`,
      );
      expect(me).toEqual({ role: 'sociale_basis_app', rolsuper: false, rolbypassrls: false, owns: 0 });
      if (kind === 'postgres') {
        // Each pooled connection starts as the app's role: RESET ROLE does not leave it.
        const role = await db.db.transaction(async (tx) => {
          await tx.execute(sql`reset role`);
          return (await tx.execute(sql`select current_user as role`)) as unknown as { rows: { role: string }[] };
        });
        expect(role.rows[0].role).toBe('sociale_basis_app');
      }
    }
  });

  it('every GET route of every module, read as each municipality, shows none of the other’s rows; the other’s ids are not found', async () => {
    const problems: string[] = [];
    let requests = 0;
    let foreignChecked = 0;
    for (const [self, other] of [[HAARLEM, TESTDORP], [TESTDORP, HAARLEM]]) {
      const db = await shared.as(self);
      const app = testApp(db);
      const own = prints.get(self)!;
      const theirs = prints.get(other)!;
      const clients: [string, TestClient][] = [['anonymous', new TestClient(app)], ['administrator', await clientAs(app, db, ['administrator'], `admin-${self.toLowerCase()}@test.nl`)]];
      const routes = getRoutes(app);
      expect(routes.length).toBeGreaterThan(60);
      for (const [who, client] of clients) {
        const check = async (label: string, path: string) => {
          const res = await client.get(path);
          requests++;
          if (res.status >= 500) problems.push(`${self} ${who} ${label} ${path}: ${res.status}`);
          const found = leaks(await bodyOf(res), theirs, path);
          if (found.length) problems.push(`${self} ${who} ${label} ${path}: shows ${other}'s ${found.slice(0, 3).join(', ')}`);
          return res.status;
        };
        for (const route of routes) {
          const ownStatus = await check('own', fillPath(route, own.params));
          if (!route.includes(':') || route.startsWith('/taal/')) continue;
          // The other municipality's record answers exactly as a record that exists nowhere (404 for ids).
          const foreign = await check('foreign', fillPath(route, theirs.params));
          const missing = (await client.get(fillPath(route, nowhere(own)))).status;
          if (foreign !== missing) problems.push(`${self} ${who} ${route}: the other's record gives ${foreign}, a missing one ${missing}`);
          // Where this client may see its own municipality's record, the other's is simply not found.
          if (/:(id|personId)\b/.test(route) && ownStatus === 200 && foreign !== 404) problems.push(`${self} ${who} ${route}: the other's id gives ${foreign}, not 404`);
          if (ownStatus === 200) foreignChecked++;
        }
        // Searches, filters and exports asked for the other's names and records.
        const name = theirs.texts.find((t) => /[a-z]{5}/i.test(t))!;
        for (const path of [
          `/activiteiten?q=${encodeURIComponent(name)}`,
          `/api/v1/activities?q=${encodeURIComponent(name)}`,
          `/activiteiten/export.csv?q=${encodeURIComponent(name)}`,
          `/organisaties?q=${encodeURIComponent(name)}`,
          `/api/v1/organisations?q=${encodeURIComponent(name)}`,
          `/boekingen/overzicht?organisatie=${theirs.params.organisation}&maand=${theirs.params.month}`,
          `/boekingen/overzicht.csv?organisatie=${theirs.params.organisation}&maand=${theirs.params.month}`,
          `/api/v1/bookings?organisationId=${theirs.params.organisation}`,
          `/api/v1/locations/${theirs.params.location}/programme`,
          `/locaties?district=noord`,
          `/wie-doet-wat?thema=${theirs.params.slug}`,
          `/api/v1/audit-events`,
        ])
          await check('query', path);
      }
    }
    expect(requests).toBeGreaterThan(400);
    expect(foreignChecked).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  }, 600_000);

  describe('a server for another municipality on this database', () => {
    const AMSTERDAM = 'GM0363';
    const pages = ['/', '/themas', '/kader', '/wijken', '/organisaties', '/wie-doet-wat', '/activiteiten', '/locaties', '/activiteiten/export.csv', '/api/v1/themes', '/api/v1/activities', '/api/v1/organisations', '/api/v1/locations', '/api/v1/districts', '/api/v1/call-periods'];

    it('answers every page and API route with a clear "not set up yet" while the municipality does not exist', async () => {
      const db = await shared.as(AMSTERDAM);
      const app = testApp(db);
      const client = new TestClient(app);
      for (const route of getRoutes(app).filter((r) => !r.includes(':'))) {
        const res = await client.get(route);
        if (['/health', '/bare', '/favicon.ico', '/api/v1/openapi.json', '/api/docs'].includes(route)) {
          expect(res.status, route).toBeLessThan(400);
          continue;
        }
        expect(res.status, route).toBe(503);
        const body = await res.text();
        expect(body, route).toContain('Gemeente GM0363 is nog niet ingericht op dit platform');
        expect(leaks(body, prints.get(HAARLEM)!, route), route).toEqual([]);
      }
      const api = await client.request('/api/v1/activities', { headers: { accept: 'application/json' } });
      expect(api.headers.get('content-type')).toContain('application/problem+json');
      const english = new TestClient(app);
      await english.get('/taal/en');
      expect(await (await english.get('/themas')).text()).toContain('Municipality GM0363 has not been set up on this platform yet');
    });

    it('shows none of Haarlem’s data once it exists without data of its own', async () => {
      const db = await shared.as(AMSTERDAM);
      await db.db.insert(municipalities).values({ code: AMSTERDAM, name: 'Amsterdam' });
      const app = testApp(db);
      const haarlem = prints.get(HAARLEM)!;
      for (const [who, client] of [['anonymous', new TestClient(app)], ['administrator', await clientAs(app, db, ['administrator'], 'admin-amsterdam@test.nl')]] as const) {
        for (const route of [...getRoutes(app).map((r) => fillPath(r, haarlem.params)), ...pages, '/activiteiten?q=koffie', '/api/v1/activities?q=taal']) {
          const res = await client.get(route);
          expect(res.status, `${who} ${route}`).toBeLessThan(500);
          expect(leaks(await bodyOf(res), haarlem, route), `${who} ${route}`).toEqual([]);
        }
        const [{ n }] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from activities`);
        expect(n).toBe(0);
      }
      const api = await new TestClient(app).get('/api/v1/activities');
      expect(((await api.json()) as { total: number }).total).toBe(0);
    });
  });
});
