// Login throttling as OWASP asks: atomic under parallel attempts, device cookies against lock-out by others,
// the same work for unknown addresses, throttling summarised in the audit log, and the current-password check limited.
import { describe, it, expect, beforeAll, afterAll, vi } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, clientAs, TEST_PASSWORD } from '../../../test/client.ts';
import { AppError } from '../http/errors.ts';
import { createUser, login, passwordCheck } from './service.ts';
import { findAuditEvents } from '../audit/service.ts';
import { queryRows } from '../db/client.ts';
import { sql } from 'drizzle-orm';
import type { App } from '../http/app.tsx';

const checks = vi.spyOn(passwordCheck, 'verify');
const passwordChecks = () => checks.mock.calls.length;

describe.each(dbKinds)('login throttling (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  const user = (email: string) => createUser(ctxFor(db, adminActor), { email, name: email, roles: ['resident'], password: TEST_PASSWORD });
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
  });
  afterAll(() => db?.drop());

  it('checks at most five passwords of 60 parallel attempts; the correct 60th is refused; one audit row counts the rest', { timeout: 120_000 }, async () => {
    await user('race@test.nl');
    const before = passwordChecks();
    const attempt = (password: string) => login(ctxFor(db), { email: 'race@test.nl', password, clientKey: 'race-client' }, 1).then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));
    const outcomes = await Promise.all(Array.from({ length: 59 }, (_, i) => attempt(`fout-${i}`)));
    expect(passwordChecks() - before).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o === 'validation').length).toBeLessThanOrEqual(5);
    expect(outcomes.filter((o) => o !== 'validation' && o !== 'rate_limited')).toEqual([]);
    expect(await attempt(TEST_PASSWORD)).toBe('rate_limited');
    const throttled = outcomes.filter((o) => o === 'rate_limited').length + 1;
    const rows = await findAuditEvents(ctxFor(db, adminActor), { action: 'auth.login_throttled' });
    expect(rows.length).toBe(1);
    expect(rows[0].details.count).toBe(throttled);
  });

  it('does the same password work for an unknown address as for a known one', async () => {
    await user('bekend@test.nl');
    let before = passwordChecks();
    await expect(login(ctxFor(db), { email: 'onbekend@test.nl', password: 'iets', clientKey: 'timing' }, 1)).rejects.toThrow();
    expect(passwordChecks() - before).toBe(1);
    before = passwordChecks();
    await expect(login(ctxFor(db), { email: 'bekend@test.nl', password: 'iets', clientKey: 'timing' }, 1)).rejects.toThrow();
    expect(passwordChecks() - before).toBe(1);
  });

  it('lets a browser that logged in before through while others have locked the account; its own failures still count', async () => {
    await user('ilse@test.nl');
    const trusted = new TestClient(app);
    const first = await trusted.login('ilse@test.nl', TEST_PASSWORD);
    expect(first.status).toBe(303);
    const device = first.headers.getSetCookie().find((c) => c.startsWith('sb_device='))!;
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/Path=\/inloggen/i);
    await trusted.postForm('/uitloggen', {}, '/account');

    const attacker = new TestClient(app);
    for (let i = 0; i < 5; i++) expect((await attacker.login('ilse@test.nl', `fout-${i}`)).status).toBe(400);
    expect((await attacker.login('ilse@test.nl', TEST_PASSWORD)).status).toBe(429);
    expect((await new TestClient(app).login('ilse@test.nl', TEST_PASSWORD)).status).toBe(429);

    expect((await trusted.login('ilse@test.nl', TEST_PASSWORD)).status).toBe(303);
    await trusted.postForm('/uitloggen', {}, '/account');
    for (let i = 0; i < 5; i++) expect((await trusted.login('ilse@test.nl', `mis-${i}`)).status).toBe(400);
    expect((await trusted.login('ilse@test.nl', TEST_PASSWORD)).status).toBe(429);
  });

  it('limits the current-password check on /account/wachtwoord', async () => {
    const c = await clientAs(app, db, ['resident'], 'wissel@test.nl');
    const change = (current: string) => c.postForm('/account/wachtwoord', { currentPassword: current, newPassword: 'een-nieuw-wachtwoord', confirmPassword: 'een-nieuw-wachtwoord' });
    for (let i = 0; i < 5; i++) expect((await change(`fout-${i}`)).status).toBe(400);
    const blocked = await change(TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Te veel mislukte pogingen');
    expect((await new TestClient(app).login('wissel@test.nl', TEST_PASSWORD)).status).toBe(303);
  });

  it('stores no row per throttled attempt', async () => {
    const [r] = await queryRows<{ n: number; total: number }>(db.db, sql`select count(*)::int as n, sum(count)::int as total from login_attempts where client_key = 'race-client'`);
    expect(Number(r.n)).toBeLessThanOrEqual(5);
    expect(Number(r.total)).toBe(60);
  });

  it('30 failures from one address lock out untrusted logins from there, but not a browser that logged in before', async () => {
    await user('kantoor@test.nl');
    const ctx = ctxFor(db);
    const { deviceToken } = await login(ctx, { email: 'kantoor@test.nl', password: TEST_PASSWORD, clientKey: 'kantoor' }, 1);
    for (let i = 0; i < 30; i++) await expect(login(ctx, { email: `junk-${i}@test.nl`, password: 'x', clientKey: 'kantoor' }, 1)).rejects.toThrow('error.loginFailed');
    await expect(login(ctx, { email: 'kantoor@test.nl', password: TEST_PASSWORD, clientKey: 'kantoor' }, 1)).rejects.toThrow('error.tooManyAttempts');
    await expect(login(ctx, { email: 'kantoor@test.nl', password: TEST_PASSWORD, clientKey: 'kantoor', deviceToken }, 1)).resolves.toMatchObject({ deviceToken });
    // A made-up device cookie is no trusted device, and is not adopted when its browser logs in.
    const madeUp = 'A'.repeat(43);
    await expect(login(ctx, { email: 'kantoor@test.nl', password: TEST_PASSWORD, clientKey: 'kantoor', deviceToken: madeUp }, 1)).rejects.toThrow('error.tooManyAttempts');
    await user('elders@test.nl');
    const elsewhere = await login(ctx, { email: 'elders@test.nl', password: TEST_PASSWORD, clientKey: 'elders', deviceToken: madeUp }, 1);
    expect(elsewhere.deviceToken).not.toBe(madeUp);
    // One browser, two accounts: its cookie is kept and trusted for both.
    const second = await login(ctx, { email: 'elders@test.nl', password: TEST_PASSWORD, clientKey: 'elders', deviceToken }, 1);
    expect(second.deviceToken).toBe(deviceToken);
  });
});
