// The subsidies demo: a person opening the demo's joint application sees, per year of the call, the table's planned
// activities and reach per member organisation — the table's plans (reach), written before the application was
// submitted, so the submitted version refers to them; the plans say their numbers are demo numbers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase, seedFramework, ctxFor, dbKinds, adminActor, type TestDatabase } from '../../../test/db.ts';
import { createRng } from '../../platform/rng.ts';
import { seedNetworkDemoWithAccounts } from '../network/seed.ts';
import { seedPlacesDemo } from '../places/demo.ts';
import { seedCatalogueDemo } from '../catalogue/demo.ts';
import { listPlanRevisions } from '../reach/plans.ts';
import { seedSubsidiesDemo } from './demo.ts';
import { listCalls, getCall } from './call-service.ts';
import { getApplication } from './application-service.ts';
import { subsidySubmissions } from './schema.ts';

describe.each(dbKinds)('subsidies demo data (%s)', (kind) => {
  let db: TestDatabase;
  let report: string[];

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    const ctx = ctxFor(db);
    await seedNetworkDemoWithAccounts(ctx, createRng(1), 1);
    await seedPlacesDemo(ctx, createRng(2), 1);
    await seedCatalogueDemo(ctx, createRng(3), 1);
    report = await seedSubsidiesDemo(ctx, createRng(9), 1);
  });
  afterAll(async () => db?.drop());

  it('the demo application of 2020–2023 shows the planned activities and reach of its member organisations', async () => {
    expect(report.join('\n')).toMatch(/plannen 2020–2023 van de tafel Ontmoeten: 4 plannen/);
    const ctx = ctxFor(db, adminActor);
    const [call] = await listCalls(ctx);
    const table = (await getCall(ctx, call.id)).tables.find((t) => t.themeSlug === 'ontmoeten')!;
    const a = await getApplication(ctx, table.application!.id);
    expect(a.years).toEqual([2020, 2021, 2022, 2023]);
    const members = new Set(a.table.members.map((m) => m.id));
    for (const p of a.plans) {
      expect(p.plan, String(p.year)).not.toBeNull();
      const orgs = new Set(p.plan!.entries.map((e) => e.organisationId));
      expect(orgs.size, String(p.year)).toBeGreaterThanOrEqual(2);
      expect([...orgs].every((o) => members.has(o))).toBe(true);
      expect(p.plan!.entries.every((e) => e.plannedSessions > 0 && e.plannedResidents > 0 && e.activityTitle)).toBe(true);
    }
    // The submitted version refers to the plan versions it was submitted with.
    const [submission] = await db.db.select().from(subsidySubmissions).where(and(eq(subsidySubmissions.tenantId, db.tenant), eq(subsidySubmissions.applicationId, a.id)));
    expect((submission.snapshot as { plans: { year: number; version: number | null }[] }).plans.map((p) => [p.year, p.version! > 0])).toEqual([
      [2020, true],
      [2021, true],
      [2022, true],
      [2023, true],
    ]);
    // Demo numbers say so, in every version of the plan.
    const revisions = await listPlanRevisions(ctx, 'ontmoeten', 2021);
    expect(revisions.length).toBeGreaterThan(1);
    expect(revisions.every((r) => r.reason.startsWith('Demodata'))).toBe(true);
  });

  it('is safe to run again', async () => {
    expect(await seedSubsidiesDemo(ctxFor(db), createRng(9), 1)).toEqual([]);
  });
});
