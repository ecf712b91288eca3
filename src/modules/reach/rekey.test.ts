// Re-keying on both databases: every pseudonym is replaced in one transaction, the key file gains the new key
// (written after the commit), the same identifier gives the same new pseudonym, and unique counts do not change.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { importAttendanceFile } from './import-engine.ts';
import { identifierOf, pseudonymOf } from './identity.ts';
import { clearKeyCache, keyFilePath, pseudonymKeys } from './keys.ts';
import { rekeyPseudonyms } from './rekey.ts';
import { as, csv, figures, importSetup } from './test-imports.ts';

describe.each(dbKinds)('reach rekey (%s)', (kind) => {
  let db: TestDatabase;
  let ctx: ServiceContext;
  let setup: Awaited<ReturnType<typeof importSetup>>;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    ctx = ctxFor(db);
    setup = await importSetup(ctx);
  });
  afterAll(async () => db?.drop());

  it('re-keys every pseudonym: same identifier → same new pseudonym, counts unchanged, key file extended', async () => {
    const a = setup.activity.id;
    const rows = [
      [a, '2026-01-05', 'RK000001', '', '', '', '', ''],
      [a, '2026-01-05', '', 'Zoë de Vries', '1-2-1950', '', '', ''],
      [a, '2026-01-12', 'rk 000001', '', '', '', '', ''],
      [a, '2026-01-12', 'RK000002', '', '', '', '', ''],
    ];
    await importAttendanceFile(setup.staffCtx, { organisationId: setup.org.id, fileName: 'r.csv', content: csv(rows) });
    const [session] = await queryRows<{ id: string }>(ctx.db, sql`select id from reach_sessions where activity_id = ${a} and date = '2026-01-05'`);
    const volunteerBefore = pseudonymOf(ctx.tenant, 'pas:VRIJWILLIGER1');
    await ctx.db.execute(sql`insert into reach_session_volunteers (tenant_id, session_id, pseudonym, hours) values (${ctx.tenant}, ${session.id}, decode(${volunteerBefore.toString('hex')}, 'hex'), 2)`);
    const before = await figures(ctx, a);
    const file = keyFilePath(ctx.tenant);
    const keysBefore = pseudonymKeys(ctx.tenant).length;
    const oldPseudonym = pseudonymOf(ctx.tenant, 'pas:RK000001');

    await expect(rekeyPseudonyms(as(ctx, setup.staff))).rejects.toMatchObject({ code: 'forbidden' });
    const r = await rekeyPseudonyms(ctx);
    expect(r).toMatchObject({ attendance: 4, volunteers: 1, keys: keysBefore + 1, file });
    expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(keysBefore + 1);
    expect(fs.readdirSync(path.dirname(file)).filter((f: string) => f.includes('.nieuw-'))).toEqual([]);

    clearKeyCache();
    const newPseudonym = pseudonymOf(ctx.tenant, 'pas:RK000001');
    expect(newPseudonym.equals(oldPseudonym)).toBe(false);
    const stored = await queryRows<{ p: string }>(ctx.db, sql`select encode(pseudonym, 'hex') as p from reach_attendance where activity_id = ${a}`);
    expect(stored.map((s) => s.p)).toContain(newPseudonym.toString('hex'));
    expect(stored.map((s) => s.p)).not.toContain(oldPseudonym.toString('hex'));
    const name = identifierOf({ name: 'zoe  DE vries', birthDate: '1950-02-01' });
    expect(stored.map((s) => s.p)).toContain(pseudonymOf(ctx.tenant, (name as { identifier: string }).identifier).toString('hex'));
    const [vol] = await queryRows<{ p: string }>(ctx.db, sql`select encode(pseudonym, 'hex') as p from reach_session_volunteers where session_id = ${session.id}`);
    expect(vol.p).toBe(pseudonymOf(ctx.tenant, 'pas:VRIJWILLIGER1').toString('hex'));
    expect(await figures(ctx, a)).toEqual(before);
    // Importing the same residents again after re-keying counts nobody twice.
    const again = await importAttendanceFile(setup.staffCtx, { organisationId: setup.org.id, fileName: 'r.csv', content: csv(rows) });
    expect(again.newVisits).toBe(0);
    expect(await figures(ctx, a)).toEqual(before);
  });
});
