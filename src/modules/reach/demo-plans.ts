// Demo accountability plans: per theme table, for the current year, a limited number of crucial activities per
// sub-goal (the call: "per subdoel kiezen de partners een beperkt aantal cruciale activiteiten"), each with its
// organisation's part: planned sessions and hours, sub-goals and principles, and planned reach per target group
// and district. One revision per plan ("Demodata"). A plan that already exists for a theme and year is left alone.
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../../platform/rng.ts';
import { reachPlans, reachPlanChoices, reachPlanEntries, reachPlanTargets, reachPlanRevisions } from './schema.ts';
import type { DemoActivity, DemoWorld } from './demo-world.ts';

/** Crucial activities chosen per sub-goal, per unit of scale (about 300 activities): a limited number. */
export const choicesPerSubGoal = (scale: number) => 2 * scale;

const indicators = [
  'Aantal bijeenkomsten; aantal unieke deelnemers; aantal bezoeken',
  'Aantal unieke deelnemers per wijk; aandeel deelnemers dat vaker dan vijf keer komt',
  'Aantal uitgevoerde bijeenkomsten en uren; aantal actieve vrijwilligers',
  'Aantal unieke deelnemers per doelgroep; aantal nieuwe deelnemers per kwartaal',
];
const methods = [
  'Presentielijst met HaarlemPas-nummer, maandelijks geïmporteerd',
  'Turven bij binnenkomst (inloop) en een deelnemerslijst voor vaste deelnemers',
  'Registratie in het eigen systeem, gekoppeld via de API',
  'Deelnemerslijst met naam en geboortedatum, per kwartaal geïmporteerd',
];

export interface PlanStats {
  plans: number;
  choices: number;
  entries: number;
  targets: number;
  /** The activities chosen (also when their plan was there already): only these get sessions and attendance. */
  chosen: Set<string>;
}

/** Generates the plans (always the same draws for the same world) and inserts those not there yet. */
export async function seedDemoPlans(ctx: ServiceContext, rng: Rng, world: DemoWorld, year: number, scale: number, popularity: Map<string, number>): Promise<PlanStats> {
  const stats: PlanStats = { plans: 0, choices: 0, entries: 0, targets: 0, chosen: new Set() };
  for (const theme of world.themes) {
    const inTheme = world.activities.filter((a) => a.theme === theme.slug);
    const choices: { subGoalKey: string; activity: DemoActivity | null; kind: string; indicators: string; method: string }[] = [];
    for (const sg of theme.subGoals) {
      const candidates = inTheme.filter((a) => a.subGoals.includes(sg));
      const picked = rng.sample(candidates, choicesPerSubGoal(scale));
      for (const a of picked) choices.push({ subGoalKey: sg, activity: a, kind: '', indicators: rng.pick(indicators), method: rng.pick(methods) });
      if (picked.length === 0) choices.push({ subGoalKey: sg, activity: null, kind: 'Activiteiten van bewonersinitiatieven in de wijken (nog te kiezen)', indicators: rng.pick(indicators), method: rng.pick(methods) });
    }
    // One entry per chosen activity and its organisation, serving every sub-goal it was chosen for.
    const entries = new Map<string, { activity: DemoActivity; subGoals: Set<string> }>();
    for (const c of choices) {
      if (!c.activity) continue;
      const e = entries.get(c.activity.id) ?? { activity: c.activity, subGoals: new Set<string>() };
      e.subGoals.add(c.subGoalKey);
      entries.set(c.activity.id, e);
      stats.chosen.add(c.activity.id);
    }
    const planned = [...entries.values()].map(({ activity: a, subGoals }) => {
      const sessions = Math.round(a.weekdays.length * rng.int(40, 52));
      const principles = a.principles.length ? a.principles : rng.sample(theme.principles, rng.int(1, 2));
      const expected = Math.max(5, Math.round(12 * (popularity.get(a.id) ?? 1) * (0.7 + 0.6 * rng.next())));
      const targets = [{ targetGroup: '', districtCode: '', plannedResidents: expected }];
      for (const g of rng.sample(a.targetGroups.filter((k) => world.targetGroups.includes(k) && k !== 'iedereen'), 2)) {
        targets.push({ targetGroup: g, districtCode: a.districtCode ?? '', plannedResidents: Math.max(3, Math.round(expected * (0.3 + 0.4 * rng.next()))) });
      }
      return { activity: a, subGoals: [...subGoals], principles, sessions, hours: Math.round(sessions * a.hours * 100) / 100, targets };
    });

    await inTransaction(ctx, async ({ db: tx }) => {
      const [plan] = await tx
        .insert(reachPlans)
        .values({ tenantId: ctx.tenant, themeSlug: theme.slug, year, periodCode: world.periodCode, version: 1 })
        .onConflictDoNothing()
        .returning({ id: reachPlans.id });
      if (!plan) return;
      stats.plans++;
      const choiceRows = choices.map((c, i) => ({ tenantId: ctx.tenant, planId: plan.id, subGoalKey: c.subGoalKey, activityId: c.activity?.id ?? null, activityKind: c.kind, indicators: c.indicators, method: c.method, position: i }));
      for (let i = 0; i < choiceRows.length; i += 500) await tx.insert(reachPlanChoices).values(choiceRows.slice(i, i + 500));
      stats.choices += choiceRows.length;
      const snapshot: unknown[] = [];
      for (let i = 0; i < planned.length; i += 500) {
        const part = planned.slice(i, i + 500);
        const ids = await tx
          .insert(reachPlanEntries)
          .values(part.map((p) => ({ tenantId: ctx.tenant, planId: plan.id, activityId: p.activity.id, organisationId: p.activity.organisationId, plannedSessions: p.sessions, plannedHours: p.hours, subGoals: p.subGoals, principles: p.principles })))
          .returning({ id: reachPlanEntries.id, activityId: reachPlanEntries.activityId });
        const idOf = new Map(ids.map((r) => [r.activityId, r.id]));
        const targetRows = part.flatMap((p) => p.targets.map((t) => ({ tenantId: ctx.tenant, entryId: idOf.get(p.activity.id)!, ...t })));
        await tx.insert(reachPlanTargets).values(targetRows);
        stats.entries += part.length;
        stats.targets += targetRows.length;
        for (const p of part) snapshot.push({ activityId: p.activity.id, organisationId: p.activity.organisationId, plannedSessions: p.sessions, plannedHours: p.hours, subGoals: p.subGoals, principles: p.principles, targets: p.targets });
      }
      await tx.insert(reachPlanRevisions).values({
        tenantId: ctx.tenant,
        planId: plan.id,
        version: 1,
        actorName: 'Demodata',
        reason: 'Demoplan: per subdoel een paar cruciale activiteiten gekozen.',
        snapshot: { choices: choices.map((c) => ({ subGoalKey: c.subGoalKey, activityId: c.activity?.id ?? null, activityKind: c.kind, indicators: c.indicators, method: c.method })), entries: snapshot },
      });
    });
  }
  return stats;
}

