// Framework content stored before terms had keys (principles and target groups as plain text, district tasks per
// district, unkeyed accountability levels and quality criteria) is read in today's shape. Keys given here follow the
// positions, the same way the migration that moved activity references to principle keys numbered them.
import type { AccountabilityLevel, PeriodContent, QualityCriterion, ThemeContent } from './types.ts';

type Loose = Record<string, unknown>;
const isObj = (x: unknown): x is Loose => typeof x === 'object' && x !== null;

/** Whether stored content already has today's keyed shape (theme content or call-period content). */
export function isCurrentContent(content: unknown): boolean {
  if (!isObj(content)) return false;
  if ('principleGroups' in content) {
    const groups = (content.principleGroups as Loose[]) ?? [];
    const tasks = (content.districtTasks as Loose[]) ?? [];
    return groups.every((g) => (g.items as unknown[]).every(isObj)) && tasks.every((t) => 'heading' in t) && ((content.targetGroups as unknown[]) ?? []).every(isObj);
  }
  const criteria = (content.qualityCriteria as unknown[]) ?? [];
  return criteria.every(isObj) && Array.isArray(content.sections);
}

export function normaliseThemeContent(slug: string, raw: ThemeContent | Loose): ThemeContent {
  const c = raw as Loose;
  if (isCurrentContent(c)) {
    const { leads: _leads, ...rest } = c as ThemeContent & { leads?: unknown };
    return rest;
  }
  let p = 0;
  const principleGroups = ((c.principleGroups as Loose[]) ?? [])
    .map((g) => ({
      title: (g.title as string | null) ?? null,
      intro: (g.intro as string | null) ?? null,
      listTitle: null,
      note: null,
      appendix: null,
      items: ((g.items as unknown[]) ?? []).map((i) => (isObj(i) ? (i as { key: string; text: string }) : { key: `${slug}/p${++p}`, text: String(i) })),
    }))
    // Old content could hold intro-only groups; today every group has items, so their intro joins the next group.
    .reduce<ThemeContent['principleGroups']>((out, g) => {
      const prev = out.at(-1);
      if (prev && prev.items.length === 0) out[out.length - 1] = { ...g, title: prev.title ?? g.title, intro: prev.intro ?? g.intro, listTitle: prev.title ? g.title : null };
      else out.push(g);
      return out;
    }, [])
    .filter((g) => g.items.length > 0);
  const districtTasks = ((c.districtTasks as Loose[]) ?? []).map((d) =>
    'heading' in d ? (d as ThemeContent['districtTasks'][number]) : { heading: null, districts: d.district ? [String(d.district)] : [], tasks: ((d.tasks as string[]) ?? []).map((text) => ({ text })) },
  );
  let n = 0;
  const rawGroups = (c.targetGroups as unknown[]) ?? [];
  const targetGroups = rawGroups.every(isObj)
    ? (rawGroups as ThemeContent['targetGroups'])
    : rawGroups.length
      ? [{ heading: null, note: null, items: rawGroups.map((text) => ({ key: `${slug}/d${++n}`, text: String(text), groups: [] })) }]
      : [];
  return {
    name: String(c.name),
    mainGoal: String(c.mainGoal),
    subGoalGroups: c.subGoalGroups as ThemeContent['subGoalGroups'],
    background: (c.background as string[]) ?? [],
    districtTasks,
    targetGroups,
    principleGroups,
    extra: (c.extra as string[]) ?? [],
  };
}

export function normalisePeriodContent(raw: PeriodContent | Loose): PeriodContent {
  const c = raw as Loose;
  const levels = ((c.accountabilityLevels as Loose[]) ?? []).map(
    (l): AccountabilityLevel => ({ key: (l.key as string) ?? `niveau-${String(l.level)}`, level: Number(l.level), text: String(l.text), items: (l.items as AccountabilityLevel['items']) ?? [] }),
  );
  const criteria = ((c.qualityCriteria as unknown[]) ?? []).map((q, i): QualityCriterion => (isObj(q) ? (q as QualityCriterion) : { key: `criterium-${i + 1}`, text: String(q) }));
  return {
    source: c.source as string | undefined,
    chair: c.chair as PeriodContent['chair'],
    sections: (c.sections as PeriodContent['sections']) ?? [],
    accountabilityLevels: levels,
    qualityCriteria: criteria,
  };
}
