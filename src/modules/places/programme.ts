// The shared programme of a location: the week's activities of all partners in it, per day.
// Places sits below the catalogue (docs/ARCHITECTURE.md), so it does not import it: a module above provides the
// activities through `addProgrammeSource` (the catalogue, wired in src/modules/index.ts).
import { invalid } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { getLocation } from './locations.ts';
import { addDays, isoWeekOf, localParts, mondayOfIsoWeek, weekdays, zonedTime } from './time.ts';
import type { Weekday } from './schema.ts';

export interface ProgrammeItem {
  activityId: string;
  title: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
  free: boolean;
  wheelchairAccessible: boolean;
}

export interface LocationProgramme {
  locationId: string;
  /** ISO week, e.g. "2026-W09" */
  week: string;
  previousWeek: string;
  nextWeek: string;
  days: { date: string; weekday: Weekday; items: ProgrammeItem[] }[];
}

/** What happens at a location in a time window: activities with their occurrences. */
export type ProgrammeSource = (
  ctx: ServiceContext,
  locationId: string,
  window: { from: Date; to: Date },
) => Promise<{ activity: { id: string; title: string; organisationName: string; free: boolean; wheelchairAccessible: boolean }; occurrences: { start: Date; end: Date }[] }[]>;

const sources: ProgrammeSource[] = [];

/** Adds a source of the programme (called once by the composition point; a repeated call is ignored). */
export function addProgrammeSource(source: ProgrammeSource): void {
  if (!sources.includes(source)) sources.push(source);
}

/** The programme of one week (ISO week "YYYY-Www"; default: the current week). */
export async function listLocationProgramme(ctx: ServiceContext, locationId: string, week?: string): Promise<LocationProgramme> {
  const location = await getLocation(ctx, locationId);
  const current = isoWeekOf(localParts(ctx.now()).date);
  const wanted = week && week.trim() ? week.trim() : current;
  const monday = mondayOfIsoWeek(wanted);
  if (!monday) throw invalid([{ field: 'week', message: 'places.error.week' }]);
  const from = zonedTime(monday, '00:00');
  const to = zonedTime(addDays(monday, 7), '00:00');
  const found = (await Promise.all(sources.map((source) => source(ctx, location.id, { from, to })))).flat();
  const items: ProgrammeItem[] = found.flatMap(({ activity, occurrences }) =>
    occurrences.map((o) => ({
      activityId: activity.id,
      title: activity.title,
      organisationName: activity.organisationName,
      startsAt: o.start,
      endsAt: o.end,
      free: activity.free,
      wheelchairAccessible: activity.wheelchairAccessible,
    })),
  );
  items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title, 'nl'));
  const days = weekdays.map((weekday, i) => {
    const date = addDays(monday, i);
    return { date, weekday, items: items.filter((it) => localParts(it.startsAt).date === date) };
  });
  return { locationId: location.id, week: wanted, previousWeek: isoWeekOf(addDays(monday, -7)), nextWeek: isoWeekOf(addDays(monday, 7)), days };
}
