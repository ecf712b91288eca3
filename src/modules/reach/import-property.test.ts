// Property (fast-check), on both databases: for any generated attendance — residents written in varied spellings
// (case, spaces, dashes, accents, date formats), several sessions, repeats — the unique count after importing
// equals the number of distinct normalised identifiers, and visits equal the distinct (resident, session) pairs.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { importAttendanceFile } from './import-engine.ts';
import { identifierOf } from './identity.ts';
import { csv, figures, importSetup } from './test-imports.ts';

type Resident = { kind: 'pas'; pass: string } | { kind: 'naam'; first: string; last: string; dob: [number, number, number] };

const firsts = ['Zoë', 'Anaïs', 'Jan', 'Özlem', 'Sjoerd', 'Fatima', 'Chloé', 'Ruud', 'Noël'];
const lasts = ['de Vries', 'van ’t Hof', 'El Amrani', 'Müller', 'Brouwer', 'Çelik'];

const resident: fc.Arbitrary<Resident> = fc.oneof(
  fc.stringMatching(/^[0-9A-Z]{4,10}$/).map((s): Resident => ({ kind: 'pas', pass: `HP${s}` })),
  fc.record({ first: fc.constantFrom(...firsts), last: fc.constantFrom(...lasts), dob: fc.tuple(fc.integer({ min: 1930, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })) }).map((r): Resident => ({ kind: 'naam', ...r })),
);

/** How one row writes the resident: a different spelling each time. */
const spelling = fc.record({ upper: fc.boolean(), lower: fc.boolean(), spaces: fc.boolean(), dashes: fc.boolean(), stripAccents: fc.boolean(), dateFormat: fc.integer({ min: 0, max: 4 }) });
type Spelling = { upper: boolean; lower: boolean; spaces: boolean; dashes: boolean; stripAccents: boolean; dateFormat: number };

const pad = (n: number) => String(n).padStart(2, '0');
function write(r: Resident, s: Spelling): { pasnummer: string; naam: string; geboortedatum: string } {
  const cased = (x: string) => (s.upper ? x.toUpperCase() : s.lower ? x.toLowerCase() : x);
  if (r.kind === 'pas') {
    let p = cased(r.pass);
    if (s.spaces) p = p.replace(/(.{3})/g, '$1 ').trim();
    if (s.dashes) p = p.replace(/^(..)/, '$1-');
    return { pasnummer: p, naam: '', geboortedatum: '' };
  }
  let name = `${r.first} ${r.last}`;
  if (s.stripAccents) name = name.normalize('NFKD').replace(/\p{M}/gu, '');
  if (s.spaces) name = `  ${name.replace(/ /g, '   ')} `;
  const [y, m, d] = r.dob;
  const dates = [`${y}-${pad(m)}-${pad(d)}`, `${d}-${m}-${y}`, `${pad(d)}/${pad(m)}/${y}`, `${pad(d)}.${pad(m)}.${y}`, `${y}${pad(m)}${pad(d)}`];
  return { pasnummer: '', naam: cased(name), geboortedatum: dates[s.dateFormat] };
}

const canonical = (r: Resident) => {
  const id = identifierOf(r.kind === 'pas' ? { passNumber: r.pass } : { name: `${r.first} ${r.last}`, birthDate: `${r.dob[0]}-${pad(r.dob[1])}-${pad(r.dob[2])}` });
  if (id.kind !== 'identified') throw new Error('generator made an invalid resident');
  return id.identifier;
};

describe.each(dbKinds)('unique residents, property (%s)', (kind) => {
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

  it('counts each normalised identifier once, however it is written', async () => {
    const sessions = ['2026-01-05', '2026-01-12', '2026-01-19'];
    await fc.assert(
      fc.asyncProperty(fc.array(resident, { minLength: 1, maxLength: 12 }), fc.array(fc.tuple(fc.nat(), spelling, fc.nat({ max: 2 })), { minLength: 1, maxLength: 40 }), async (residents, visits) => {
        const a = setup.activity.id;
        await ctx.db.execute(sql`delete from reach_sessions where tenant_id = ${ctx.tenant} and activity_id = ${a}`);
        const rows = visits.map(([i, s, day]) => {
          const w = write(residents[i % residents.length], s);
          return [a, sessions[day], w.pasnummer, w.naam, w.geboortedatum, '', '', ''];
        });
        const r = await importAttendanceFile(setup.staffCtx, { organisationId: setup.org.id, fileName: 'p.csv', content: csv(rows) });
        expect(r.status, JSON.stringify(r.errors)).toBe('imported');
        const expectedUnique = new Set(visits.map(([i]) => canonical(residents[i % residents.length]))).size;
        const expectedVisits = new Set(visits.map(([i, , day]) => `${canonical(residents[i % residents.length])}|${day}`)).size;
        const f = await figures(ctx, a);
        expect(f.unique).toBe(expectedUnique);
        expect(f.visits).toBe(expectedVisits);
        // Importing the same file again changes nothing.
        expect((await importAttendanceFile(setup.staffCtx, { organisationId: setup.org.id, fileName: 'p.csv', content: csv(rows) })).newVisits).toBe(0);
      }),
      { numRuns: 25 },
    );
  });
});
