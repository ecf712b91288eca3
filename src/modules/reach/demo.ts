// Demo data of the reach module, from a seeded generator: the same seed, scale and day give the same data (the
// pseudonyms depend on the municipality's key as well). Built on the demo organisations and the published weekly
// activities of the catalogue: plans for each theme for the current year, and for the activities the plans chose
// (only those need accounting, the call says) the sessions of the 52 weeks before today and the attendance of a
// pool of synthetic residents. Volumes grow linearly with the scale: at scale 1
// about 30,000 attendance rows, at scale 34 (the benchmark) about 1,000,000.
// Seeding again adds nothing: a plan that exists for a theme and year is skipped, and so are the sessions and
// attendance of an activity that already has sessions.
import { sql } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { maintain, queryRows } from '../../platform/db/client.ts';
import { createRng, type Rng } from '../../platform/rng.ts';
import { loadDemoWorld, localDate } from './demo-world.ts';
import { seedDemoPlans } from './demo-plans.ts';
import { popularityOf, seedDemoSessionsAndAttendance } from './demo-attendance.ts';

const fmt = (n: number) => n.toLocaleString('nl-NL');

export async function seedReachDemo(ctx: ServiceContext, rng: Rng, scale: number): Promise<string[]> {
  requireSystem(ctx);
  const world = await loadDemoWorld(ctx);
  if (!world || world.activities.length === 0) return ['verantwoording: geen kader of geen wekelijkse activiteiten, geen demodata'];
  // Each part draws from its own generator, so a change in one part leaves the others' data as it was.
  const base = rng.int(1, 2 ** 30);
  const part = (n: number) => createRng((base + n * 7919) >>> 0);
  const today = localDate(ctx.now());
  const year = Number(today.slice(0, 4));
  const popularity = popularityOf(part(1), world);
  const plans = await seedDemoPlans(ctx, part(2), world, year, scale, popularity);
  const skip = new Set((await queryRows<{ activity_id: string }>(ctx.db, sql`select distinct activity_id from reach_sessions where tenant_id = ${ctx.tenant}`)).map((r) => r.activity_id));
  const accounted = { ...world, activities: world.activities.filter((a) => plans.chosen.has(a.id)) };
  const stats = await inTransaction(ctx, (tx) => seedDemoSessionsAndAttendance(tx, part(3), accounted, today, scale, popularity, skip));
  if (stats.sessions > 0) await maintain(ctx.db, ['vacuum analyze reach_sessions', 'vacuum analyze reach_attendance']);
  const lines: string[] = [];
  lines.push(plans.plans ? `verantwoording: ${plans.plans} plannen voor ${year} (${fmt(plans.choices)} keuzes, ${fmt(plans.entries)} activiteiten, ${fmt(plans.targets)} bereikdoelen)` : `verantwoording: plannen voor ${year} al aanwezig`);
  lines.push(
    stats.sessions
      ? `verantwoording: ${fmt(stats.sessions)} bijeenkomsten (${fmt(stats.cancelled)} afgelast) en ${fmt(stats.attendance)} bezoeken van ${fmt(stats.residents)} demobewoners toegevoegd`
      : 'verantwoording: bijeenkomsten en bezoeken al aanwezig',
  );
  return lines;
}
