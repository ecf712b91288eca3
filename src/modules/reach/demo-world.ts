// What the reach demo generator builds on, read through the other modules' service.ts: the published weekly
// activities of the catalogue (in an order that does not depend on random ids, so the same seed gives the same
// data in every database), the framework's themes, wijken and target groups.
import type { ServiceContext } from '../../platform/context.ts';
import { listThemes, listNeighbourhoods, listTargetGroups, getPeriod } from '../framework/service.ts';
import { exportActivities } from '../catalogue/service.ts';

export interface DemoActivity {
  id: string;
  organisationId: string;
  theme: string;
  subGoals: string[];
  principles: string[];
  targetGroups: string[];
  districtCode: string | null;
  /** ISO weekdays, 1 = Monday. */
  weekdays: number[];
  /** The schedule's first and (if any) last date: sessions fall between them. */
  startDate: string;
  untilDate: string | null;
  /** Hours of one session (end time − start time). */
  hours: number;
}

export interface DemoTheme {
  slug: string;
  subGoals: string[];
  principles: string[];
}

export interface DemoWorld {
  periodCode: string;
  themes: DemoTheme[];
  /** Weekly activities, published, in a stable order. */
  activities: DemoActivity[];
  wijken: { code: string; districtCode: string | null; weight: number }[];
  targetGroups: string[];
}

export function hoursBetween(start: string, end: string): number {
  const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  let d = mins(end) - mins(start);
  if (d <= 0) d += 24 * 60;
  return Math.round((d / 60) * 100) / 100;
}

export async function loadDemoWorld(ctx: ServiceContext): Promise<DemoWorld | null> {
  const themes = await listThemes(ctx).catch(() => []);
  if (themes.length === 0) return null;
  const period = await getPeriod(ctx);
  const published = await exportActivities(ctx, {}, 1_000_000);
  const stableKey = (a: (typeof published)[number]) => [a.title, a.organisationName, a.schedule.startDate, a.schedule.startTime, a.schedule.weekdays.join(','), a.locationAddress, a.locationName, a.description.length, a.id].join('\u0000');
  const weekly = published
    .filter((a) => a.status === 'published' && a.schedule.kind === 'weekly' && a.schedule.weekdays.length > 0 && a.themes.length > 0)
    .map((a) => ({ key: stableKey(a), a }))
    .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0))
    .map(({ a }) => ({
      id: a.id,
      organisationId: a.organisationId,
      theme: a.themes[0],
      subGoals: a.subGoals,
      principles: a.principles,
      targetGroups: a.targetGroups,
      districtCode: a.districtCode,
      weekdays: [...a.schedule.weekdays].sort(),
      startDate: a.schedule.startDate,
      untilDate: a.schedule.untilDate ?? null,
      hours: hoursBetween(a.schedule.startTime, a.schedule.endTime),
    }));
  const wijken = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'wijk').map((n) => ({ code: n.code, districtCode: n.districtCode, weight: n.population ?? 1000 }));
  return {
    periodCode: period.code,
    themes: themes.map((t) => ({ slug: t.slug, subGoals: t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)), principles: t.principleGroups.flatMap((g) => g.items.map((p) => p.key)) })),
    activities: weekly,
    wijken,
    targetGroups: (await listTargetGroups(ctx)).map((g) => g.key),
  };
}

/** Today's date in Amsterdam (YYYY-MM-DD). */
export const localDate = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

const DAY = 86_400_000;
export const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
export const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** ISO weekday of a day number: 1 = Monday … 7 = Sunday. */
export const isoWeekday = (day: number) => ((((day + 3) % 7) + 7) % 7) + 1;
