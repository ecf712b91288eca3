// Input checks of the catalogue: field errors as message keys with the field's label key (translated at the edge),
// and references to the framework, checked in the same pass as the shape so every problem is reported at once.
import { ZodError, type z } from 'zod';
import { activities } from './schema.ts';
import { activityInput, scheduleInput, type ActivityData } from './types.ts';
import { deriveSchedule } from './schedule.ts';
import type { FrameworkRefs } from './refs.ts';
import { invalid, zodIssueFields, type FieldError } from '../../platform/http/errors.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import type { ServiceContext } from '../../platform/context.ts';

/** Field labels, so every message says which field it is about. */
export const fieldLabelKeys = {
  organisationId: 'catalogue.field.organisation',
  partnerOrganisationIds: 'catalogue.field.partnerOrganisations',
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
  schedule: 'catalogue.field.schedule',
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

/** Field errors with the field's label key (by path, else by its first part), so the edge says "Titel: is verplicht". */
export function labelled(_ctx: ServiceContext, fields: FieldError[]): FieldError[] {
  return fields.map((f) => {
    const key = (fieldLabelKeys as Record<string, MessageKey>)[f.field] ?? (fieldLabelKeys as Record<string, MessageKey>)[f.field.split('.')[0]];
    return key && !f.label ? { ...f, label: key } : f;
  });
}

export const labelMap = (ctx: ServiceContext) => Object.fromEntries(Object.entries(fieldLabelKeys).map(([k, v]) => [k, t(ctx.lang, v)]));

/** zod issues as labelled field errors (message keys). */
export const shapeErrors = (err: ZodError | { issues: z.core.$ZodIssue[] }) => zodIssueFields(err, fieldLabelKeys);

/** Parses with zod; failures become one labelled field error per field. */
export function parse<S extends z.ZodType>(_ctx: ServiceContext, schema: S, raw: unknown): z.output<S> {
  try {
    return schema.parse(raw);
  } catch (err) {
    if (err instanceof ZodError) throw invalid(shapeErrors(err));
    throw err;
  }
}

/** The references of an activity that are checked against the framework. */
export type ActivityRefs = Pick<ActivityData, 'themes' | 'subGoals' | 'principles' | 'targetGroups' | 'districtCode' | 'neighbourhoodCode'>;

/**
 * The parts of an input that are well-formed, each field on its own, with an empty value for the rest: so that
 * when the shape has errors the references can still be checked in the same pass.
 */
export function wellFormedParts(raw: unknown): ActivityRefs & { locationId?: string | null; organisationId?: string | null; partnerOrganisationIds: string[]; schedule?: ActivityData['schedule'] } {
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const shape = activityInput.shape;
  const part = <K extends keyof typeof shape>(k: K, empty: z.output<(typeof shape)[K]>): z.output<(typeof shape)[K]> => {
    const r = shape[k].safeParse(obj[k]);
    return r.success ? (r.data as z.output<(typeof shape)[K]>) : empty;
  };
  const schedule = scheduleInput.safeParse(obj.schedule);
  return {
    themes: part('themes', []),
    subGoals: part('subGoals', []),
    principles: part('principles', []),
    targetGroups: part('targetGroups', []),
    districtCode: part('districtCode', null),
    neighbourhoodCode: part('neighbourhoodCode', null),
    locationId: part('locationId', null),
    organisationId: part('organisationId', null),
    partnerOrganisationIds: part('partnerOrganisationIds', []),
    schedule: schedule.success ? schedule.data : undefined,
  };
}

/** References to the framework that do not exist: code `unknown_reference` (or `not_in_district`), path as field. */
export function referenceErrors(data: ActivityRefs, refs: FrameworkRefs): { errors: FieldError[]; districtCode: string | null } {
  const errors: FieldError[] = [];
  const bySlug = new Map(refs.themes.map((th) => [th.slug, th]));
  const unknown = (field: string, message: string) => errors.push({ field, code: 'unknown_reference', message });
  data.themes.forEach((slug, i) => {
    if (!bySlug.has(slug)) unknown(`themes.${i}`, 'catalogue.error.unknownTheme');
  });
  data.subGoals.forEach((key, i) => {
    if (!bySlug.get(key.split('/')[0])?.subGoals.some((s) => s.key === key)) unknown(`subGoals.${i}`, 'catalogue.error.unknownSubGoal');
  });
  const principles = new Set(refs.themes.flatMap((th) => th.principles.map((p) => p.key)));
  data.principles.forEach((p, i) => {
    if (!principles.has(p)) unknown(`principles.${i}`, 'catalogue.error.unknownPrinciple');
  });
  const groups = new Set(refs.targetGroups.map((g) => g.key));
  data.targetGroups.forEach((g, i) => {
    if (!groups.has(g)) unknown(`targetGroups.${i}`, 'catalogue.error.unknownTargetGroup');
  });
  let districtCode = data.districtCode || null;
  const neighbourhoodCode = data.neighbourhoodCode || null;
  if (districtCode && !refs.districts.some((d) => d.code === districtCode)) unknown('districtCode', 'error.unknownDistrict');
  if (neighbourhoodCode) {
    const n = refs.neighbourhoods.find((x) => x.code === neighbourhoodCode);
    if (!n) unknown('neighbourhoodCode', 'catalogue.error.unknownNeighbourhood');
    else if (districtCode && n.districtCode && n.districtCode !== districtCode) errors.push({ field: 'neighbourhoodCode', code: 'not_in_district', message: 'catalogue.error.neighbourhoodNotInDistrict' });
    else districtCode ??= n.districtCode;
  }
  return { errors, districtCode };
}

/** Checks references against the framework and derives the stored columns. */
export function columnsFor(data: ActivityData, refs: FrameworkRefs): { values: Omit<typeof activities.$inferInsert, 'tenantId' | 'organisationId'>; errors: FieldError[] } {
  const { errors, districtCode } = referenceErrors(data, refs);
  const bySlug = new Map(refs.themes.map((th) => [th.slug, th]));
  const themes = new Set([...data.themes, ...data.subGoals.map((key) => key.split('/')[0])]);
  const neighbourhoodCode = data.neighbourhoodCode || null;
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

/** One error per field (the first), in the order found. */
export const dedupe = (errors: FieldError[]) => errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);

