// Test data for the reach reports: activities through the catalogue's factory, and plans, sessions, attendance and
// volunteers inserted directly (the other parts' services are built in parallel). Pseudonyms come from identity.ts
// with a fixed test key, so the same identifier is the same resident everywhere in a test.
import crypto from 'node:crypto';
import type { ServiceContext } from '../../platform/context.ts';
import { createActivity } from '../catalogue/service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';
import type { ActivityInput } from '../catalogue/types.ts';
import { pseudonymOf } from './identity.ts';
import { reachPlans, reachPlanEntries, reachPlanTargets, reachSessions, reachAttendance, reachSessionVolunteers } from './schema.ts';

export { buildOrganisation, partnerActor };

export const TEST_KEY = [Buffer.alloc(32, 7)];
export const pseudonym = (ctx: ServiceContext, identifier: string) => pseudonymOf(ctx.tenant, identifier, TEST_KEY);

export async function buildActivity(ctx: ServiceContext, organisationId: string, overrides: Partial<ActivityInput> = {}) {
  return createActivity({ ...ctx, actor: partnerActor(organisationId) }, activityInputFor(overrides));
}

export interface SessionSpec {
  activityId: string;
  organisationId: string;
  date: string;
  status?: 'held' | 'cancelled';
  hours?: number;
  volunteers?: number;
  volunteerHours?: number;
  headcount?: number;
  importedAnonymous?: number;
  /** Identified visitors: identifier (any string), wijk, target groups. */
  visitors?: { id: string; wijk?: string | null; targetGroups?: string[]; birthYear?: number }[];
  /** Identified volunteers (identifiers). */
  volunteerIds?: string[];
}

export async function insertSession(ctx: ServiceContext, s: SessionSpec): Promise<string> {
  const [row] = await ctx.db
    .insert(reachSessions)
    .values({
      tenantId: ctx.tenant,
      activityId: s.activityId,
      organisationId: s.organisationId,
      date: s.date,
      status: s.status ?? 'held',
      cancelReason: s.status === 'cancelled' ? 'Ziekte' : '',
      hours: s.hours ?? 2,
      volunteers: s.volunteers ?? 0,
      volunteerHours: s.volunteerHours ?? 0,
      headcount: s.headcount ?? 0,
      importedAnonymous: s.importedAnonymous ?? 0,
      source: 'form',
    })
    .returning({ id: reachSessions.id });
  if (s.visitors?.length) {
    await ctx.db
      .insert(reachAttendance)
      .values(
        s.visitors.map((v) => ({
          tenantId: ctx.tenant,
          sessionId: row.id,
          pseudonym: pseudonym(ctx, v.id),
          activityId: s.activityId,
          organisationId: s.organisationId,
          date: s.date,
          birthYear: v.birthYear ?? null,
          wijkCode: v.wijk ?? null,
          targetGroups: v.targetGroups ?? [],
        })),
      )
      .onConflictDoNothing();
  }
  if (s.volunteerIds?.length) {
    await ctx.db.insert(reachSessionVolunteers).values(s.volunteerIds.map((id) => ({ tenantId: ctx.tenant, sessionId: row.id, pseudonym: pseudonym(ctx, `vrijwilliger:${id}`), hours: 2 })));
  }
  return row.id;
}

export interface PlanEntrySpec {
  activityId: string;
  organisationId: string;
  plannedSessions?: number;
  plannedHours?: number;
  subGoals?: string[];
  targets?: { targetGroup?: string; district?: string; planned: number }[];
}

/** A plan of a theme table for a year with its entries and targets (one insert each). */
export async function insertPlan(ctx: ServiceContext, theme: string, year: number, entries: PlanEntrySpec[]): Promise<string> {
  const [plan] = await ctx.db.insert(reachPlans).values({ tenantId: ctx.tenant, themeSlug: theme, year, periodCode: '2020-2023' }).returning({ id: reachPlans.id });
  for (const e of entries) {
    const [entry] = await ctx.db
      .insert(reachPlanEntries)
      .values({ tenantId: ctx.tenant, planId: plan.id, activityId: e.activityId, organisationId: e.organisationId, plannedSessions: e.plannedSessions ?? 0, plannedHours: e.plannedHours ?? 0, subGoals: e.subGoals ?? [] })
      .returning({ id: reachPlanEntries.id });
    if (e.targets?.length) await ctx.db.insert(reachPlanTargets).values(e.targets.map((t) => ({ tenantId: ctx.tenant, entryId: entry.id, targetGroup: t.targetGroup ?? '', districtCode: t.district ?? '', plannedResidents: t.planned })));
  }
  return plan.id;
}

/** n distinct test identifiers with a prefix. */
export const residents = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}-${crypto.createHash('sha1').update(prefix).digest('hex').slice(0, 4)}`);
