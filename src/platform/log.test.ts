// The logger: one format (readable on a terminal, JSON otherwise), and failed queries without their parameters.
import { describe, it, expect, afterAll, vi } from 'vitest';
import { configureLog, formatLine, log } from './log.ts';
import { internalProblem } from './http/problem.ts';
import { createTestDatabase } from '../../test/db.ts';
import { users } from './auth/schema.ts';
import { municipalities } from './tenancy/schema.ts';
import type { Context } from 'hono';

afterAll(() => configureLog({ LOG_LEVEL: 'silent', LOG_FORMAT: 'auto' }));

describe('log format', () => {
  it('writes readable lines on a terminal and JSON lines otherwise or when asked', () => {
    const at = new Date(2026, 0, 2, 9, 5, 7);
    expect(formatLine('text', 'info', 'Migraties uitvoeren…', {}, at)).toBe('09:05:07 Migraties uitvoeren…');
    expect(formatLine('text', 'error', 'unhandled error', { ref: 'abc', path: '/x y' }, at)).toBe('09:05:07 FOUT unhandled error ref=abc path="/x y"');
    expect(JSON.parse(formatLine('json', 'info', 'klaar', { n: 1 }, at))).toEqual({ t: at.toISOString(), level: 'info', msg: 'klaar', n: 1 });
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true));
    try {
      configureLog({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, true);
      log.info('op een terminal');
      configureLog({ LOG_LEVEL: 'info', LOG_FORMAT: 'auto' }, false);
      log.info('in een bestand');
      configureLog({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' }, true);
      log.info('gevraagd');
      configureLog({ LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, true);
      log.info('te laag');
    } finally {
      spy.mockRestore();
    }
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d op een terminal\n$/);
    expect(JSON.parse(lines[1]).msg).toBe('in een bestand');
    expect(JSON.parse(lines[2]).msg).toBe('gevraagd');
    expect(lines).toHaveLength(3);
  });
});

describe('failed queries in the log', () => {
  it('never show the parameters (a password hash, an e-mail address, a name)', async () => {
    const db = await createTestDatabase('pglite');
    try {
      await db.db.insert(municipalities).values({ code: 'GM0392', name: 'Haarlem' }).onConflictDoNothing();
      const row = { tenantId: 'GM0392', email: 'geheim.adres@test.nl', name: 'Geheime Naam', passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$geheimehash' };
      await db.db.insert(users).values(row);
      const err = await db.db.insert(users).values(row).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(Error);
      const lines: string[] = [];
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (lines.push(String(s)), true));
      try {
        configureLog({ LOG_LEVEL: 'error', LOG_FORMAT: 'json' });
        internalProblem({ req: { path: '/api/v1/users', method: 'POST' } } as unknown as Context, err, 'nl');
      } finally {
        spy.mockRestore();
      }
      const out = lines.join('');
      expect(out).toContain('Failed query: insert into \\"users\\"');
      expect(out).toContain('users_tenant_email_uq');
      for (const secret of ['geheim.adres', 'Geheime Naam', 'geheimehash']) expect(out).not.toContain(secret);
    } finally {
      await db.drop();
    }
  }, 60_000);
});
