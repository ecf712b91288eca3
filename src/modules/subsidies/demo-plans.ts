// The demo table's plans for the years of the call: the planned activities and reach of its joint application. A
// plan of a theme table *is* the application's planned activities (reach module), so the demo writes them through
// the reach module's own functions, as the table would have in the summer of 2019 before submitting: the
// municipality (which chairs the table) chooses per sub-goal a few crucial activities of the member organisations,
// and each member enters its planned sessions, hours and residents. Which activities: the members' own published
// activities in the catalogue (the theme's first). The numbers are demo numbers, and every plan revision says so.
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { Rng } from '../../platform/rng.ts';
import { listThemes } from '../framework/service.ts';
import { listActivitySummaries } from '../catalogue/service.ts';
import { addChoice, createPlan, listPlans, saveEntry } from '../reach/service.ts';

const REASON = 'Demodata: plan van de tafel bij de gezamenlijke aanvraag; de aantallen zijn demo-aantallen.';
/** Activities per member organisation in a plan: "een beperkt aantal cruciale activiteiten". */
const PER_MEMBER = 2;

export interface TablePlanStats {
  plans: number;
  entries: number;
  organisations: number;
}

/**
 * Writes the plans of a table for the given years (a year that has a plan already is left alone). `at(actor, iso)`
 * gives the service context of an actor on a day; `staffOf(org)` a staff member of a member organisation.
 */
export async function seedTablePlans(
  ctx: ServiceContext,
  rng: Rng,
  opts: { periodCode: string; themeSlug: string; years: number[]; members: string[]; advisor: Actor; staffOf: (organisationId: string) => Actor; at: (actor: Actor, iso: string) => ServiceContext; day: string },
): Promise<TablePlanStats> {
  const theme = (await listThemes(ctx, opts.periodCode)).find((t) => t.slug === opts.themeSlug);
  const subGoals = theme ? theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)) : [];
  if (!theme || !subGoals.length) return { plans: 0, entries: 0, organisations: 0 };
  // Per member: its own published activities (not those it only joins), the theme's first; a stable order.
  const picked: { organisationId: string; activityId: string }[] = [];
  for (const org of opts.members) {
    const own = (await listActivitySummaries(ctx, { organisationId: org })).filter((a) => a.status === 'published' && a.organisationId === org);
    const ordered = [...own.filter((a) => a.themes.includes(opts.themeSlug)), ...own.filter((a) => !a.themes.includes(opts.themeSlug))];
    for (const a of ordered.slice(0, PER_MEMBER)) picked.push({ organisationId: org, activityId: a.id });
  }
  picked.splice(subGoals.length * 3); // at most three choices per sub-goal (the reach module allows five)
  const stats: TablePlanStats = { plans: 0, entries: 0, organisations: new Set(picked.map((p) => p.organisationId)).size };
  if (!picked.length) return stats;
  const advisorCtx = opts.at(opts.advisor, opts.day);
  const existing = new Set((await listPlans(advisorCtx, { theme: opts.themeSlug })).map((p) => p.year));
  for (const year of opts.years) {
    if (existing.has(year)) continue;
    await createPlan(advisorCtx, { theme: opts.themeSlug, year, reason: REASON });
    stats.plans++;
    // One choice per activity, the sub-goals in turn (at most a few per sub-goal).
    for (const [i, p] of picked.entries()) {
      await addChoice(advisorCtx, opts.themeSlug, year, {
        subGoal: subGoals[i % subGoals.length],
        activityId: p.activityId,
        indicators: 'Aantal bijeenkomsten; aantal unieke deelnemers',
        method: 'Presentielijst, per kwartaal geïmporteerd',
        reason: REASON,
      });
    }
    for (const [i, p] of picked.entries()) {
      const sessions = rng.int(36, 50);
      const residents = rng.int(15, 60);
      await saveEntry(opts.at(opts.staffOf(p.organisationId), opts.day), opts.themeSlug, year, {
        activityId: p.activityId,
        plannedSessions: sessions,
        plannedHours: sessions * 2,
        subGoals: [subGoals[i % subGoals.length]],
        principles: [],
        targets: [{ targetGroup: '', district: '', plannedResidents: residents }],
        reason: REASON,
      });
      stats.entries++;
    }
  }
  return stats;
}
