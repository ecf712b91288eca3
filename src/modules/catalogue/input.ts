// Input checks of the catalogue: labelled Dutch (or English) field messages, and references to the framework.
import { ZodError, type z } from 'zod';
import { activities } from './schema.ts';
import type { ActivityData } from './types.ts';
import { deriveSchedule } from './schedule.ts';
import type { FrameworkRefs } from './refs.ts';
import { invalid, zodFields, type FieldError } from '../../platform/http/errors.ts';
import { localiseFields } from '../../platform/http/problem.ts';
import { t } from '../../platform/i18n/index.ts';
import type { ServiceContext } from '../../platform/context.ts';

/** Field labels, so every message says which field it is about. */
export const fieldLabelKeys = {
  organisationId: 'catalogue.field.organisation',
  title: 'catalogue.field.title',
  description: 'catalogue.field.description',
  kind: 'catalogue.field.kind',
  themes: 'catalogue.field.themes',
  subGoals: 'catalogue.field.subGoals',
  principles: 'catalogue.field.principles',
  targetGroups: 'catalogue.field.targetGroups',
  districtCode: 'catalogue.field.district',
  neighbourhoodCode: 'catalogue.field.neighbourhood',
  locationId: 'catalogue.field.location',
  locationName: 'catalogue.field.locationName',
  locationAddress: 'catalogue.field.locationAddress',
  'schedule.kind': 'catalogue.field.scheduleKind',
  'schedule.startDate': 'catalogue.field.startDate',
  'schedule.endDate': 'catalogue.field.endDate',
  'schedule.startTime': 'catalogue.field.startTime',
  'schedule.endTime': 'catalogue.field.endTime',
  'schedule.weekdays': 'catalogue.field.weekdays',
  'schedule.untilDate': 'catalogue.field.untilDate',
  'schedule.rrule': 'catalogue.field.rrule',
  costCents: 'catalogue.field.cost',
  haarlemPas: 'catalogue.field.haarlemPas',
  wheelchairAccessible: 'catalogue.field.wheelchair',
  accessibilityDetails: 'catalogue.field.accessibilityDetails',
  languages: 'catalogue.field.languages',
  howToJoin: 'catalogue.field.howToJoin',
  contact: 'catalogue.field.contact',
  sensitive: 'catalogue.field.sensitive',
  q: 'catalogue.filter.q',
  theme: 'catalogue.filter.theme',
  targetGroup: 'catalogue.filter.targetGroup',
  district: 'catalogue.filter.district',
  neighbourhood: 'catalogue.filter.neighbourhood',
  day: 'catalogue.filter.day',
  timeOfDay: 'catalogue.filter.timeOfDay',
  language: 'catalogue.filter.language',
  page: 'catalogue.filter.page',
  pageSize: 'catalogue.filter.pageSize',
} as const;

/** Field errors with the field's label in front: "Titel: is verplicht". */
export function labelled(ctx: ServiceContext, fields: FieldError[]): FieldError[] {
  return localiseFields(fields, ctx.lang).map((f) => {
    const key = fieldLabelKeys[f.field as keyof typeof fieldLabelKeys];
    return key && !f.message.includes(': ') ? { ...f, message: `${t(ctx.lang, key)}: ${f.message}` } : f;
  });
}

export const labelMap = (ctx: ServiceContext) => Object.fromEntries(Object.entries(fieldLabelKeys).map(([k, v]) => [k, t(ctx.lang, v)]));

/** Parses with zod; failures become one labelled Dutch (or English) message per field. */
export function parse<S extends z.ZodType>(ctx: ServiceContext, schema: S, raw: unknown): z.output<S> {
  try {
    return schema.parse(raw);
  } catch (err) {
    if (err instanceof ZodError) throw invalid(zodFields(err, ctx.lang, labelMap(ctx)));
    throw err;
  }
}

/** Checks references against the framework and derives the stored columns. */
export function columnsFor(data: ActivityData, refs: FrameworkRefs): { values: Omit<typeof activities.$inferInsert, 'tenantId' | 'organisationId'>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const themes = new Set(data.themes);
  const bySlug = new Map(refs.themes.map((th) => [th.slug, th]));
  data.themes.forEach((slug, i) => {
    if (!bySlug.has(slug)) errors.push({ field: 'themes', message: 'catalogue.error.unknownTheme', code: `themes.${i}` });
  });
  data.subGoals.forEach((key) => {
    const slug = key.split('/')[0];
    if (!bySlug.get(slug)?.subGoals.some((s) => s.key === key)) errors.push({ field: 'subGoals', message: 'catalogue.error.unknownSubGoal' });
    else themes.add(slug);
  });
  const principles = new Set(refs.themes.flatMap((th) => th.principles.map((p) => p.key)));
  if (data.principles.some((p) => !principles.has(p))) errors.push({ field: 'principles', message: 'catalogue.error.unknownPrinciple' });
  const groups = new Set(refs.targetGroups.map((g) => g.key));
  if (data.targetGroups.some((g) => !groups.has(g))) errors.push({ field: 'targetGroups', message: 'catalogue.error.unknownTargetGroup' });
  let districtCode = data.districtCode || null;
  const neighbourhoodCode = data.neighbourhoodCode || null;
  if (districtCode && !refs.districts.some((d) => d.code === districtCode)) errors.push({ field: 'districtCode', message: 'error.unknownDistrict' });
  if (neighbourhoodCode) {
    const n = refs.neighbourhoods.find((x) => x.code === neighbourhoodCode);
    if (!n) errors.push({ field: 'neighbourhoodCode', message: 'catalogue.error.unknownNeighbourhood' });
    else if (districtCode && n.districtCode && n.districtCode !== districtCode) errors.push({ field: 'neighbourhoodCode', message: 'catalogue.error.neighbourhoodNotInDistrict' });
    else districtCode ??= n.districtCode;
  }
  const derived = deriveSchedule(data.schedule);
  if (!derived.ok) errors.push(...derived.errors);
  if (errors.length || !derived.ok) return { values: undefined as never, errors: dedupe(errors) };
  const s = data.schedule;
  const d = derived.value;
  const dedup = <T>(xs: T[]) => [...new Set(xs)];
  return {
    errors,
    values: {
      title: data.title,
      description: data.description,
      kind: data.kind,
      themes: [...themes].filter((x) => bySlug.has(x)),
      subGoals: dedup(data.subGoals),
      principles: dedup(data.principles),
      targetGroups: dedup(data.targetGroups),
      districtCode,
      neighbourhoodCode,
      locationId: data.locationId ?? null,
      locationName: data.locationName,
      locationAddress: data.locationAddress,
      scheduleKind: s.kind,
      startDate: s.startDate,
      endDate: s.kind === 'one-off' && s.endDate && s.endDate !== s.startDate ? s.endDate : null,
      startTime: s.startTime,
      endTime: s.endTime,
      weekdays: s.kind === 'weekly' ? dedup(s.weekdays).sort() : [],
      untilDate: s.kind === 'weekly' ? (s.untilDate ?? null) : null,
      rrule: d.rrule,
      startsAt: d.first.start,
      endsAt: d.first.end,
      lastEndsAt: d.lastEndsAt,
      days: d.days,
      dayparts: d.dayparts,
      costCents: data.costCents,
      isFree: data.costCents === 0,
      haarlemPas: data.costCents === 0 ? 'none' : data.haarlemPas,
      wheelchairAccessible: data.wheelchairAccessible,
      accessibilityDetails: data.accessibilityDetails,
      languages: dedup(data.languages),
      howToJoin: data.howToJoin,
      contact: data.contact,
      sensitive: data.sensitive,
    },
  };
}

const dedupe = (errors: FieldError[]) => errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);

