// Shapes of the catalogue: input schemas, the fixed lists (target groups, languages, parts of the day) and views.
import { z, type Unchecked } from '../../platform/zod.ts';

export const activityKinds = ['activity', 'service'] as const;
export const scheduleKinds = ['one-off', 'weekly', 'custom'] as const;
export const haarlemPasOptions = ['none', 'free', 'reduced'] as const;
export const joinOptions = ['walk-in', 'sign-up', 'referral'] as const;
export const statuses = ['draft', 'published', 'ended'] as const;
export const dayparts = ['ochtend', 'middag', 'avond'] as const;
/** Languages an activity can be in (ISO 639-1); Dutch first. */
export const languageCodes = ['nl', 'en', 'ar', 'tr', 'pl', 'ti', 'uk', 'fy', 'de', 'fr', 'es', 'pap', 'so', 'fa', 'zh'] as const;

export type ActivityKind = (typeof activityKinds)[number];
export type ScheduleKind = (typeof scheduleKinds)[number];
export type HaarlemPas = (typeof haarlemPasOptions)[number];
export type HowToJoin = (typeof joinOptions)[number];
export type ActivityStatus = (typeof statuses)[number];
export type Daypart = (typeof dayparts)[number];

/** Dates the schedule can work with: from 1970 up to and including 2199. */
export const MIN_DATE = '1970-01-01';
export const MAX_DATE = '2199-12-31';
const dateStr = z.iso.date().refine((d) => d >= MIN_DATE && d <= MAX_DATE, { message: 'catalogue.error.dateRange' });
const timeStr = z.string().refine((v) => /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'catalogue.error.time' });
const text = (max: number) => z.string().trim().max(max);

export const scheduleInput = z.object({
  kind: z.enum(scheduleKinds),
  /** One-off and custom: the (first) date; weekly: the date from which it runs. */
  startDate: dateStr,
  /** One-off: the last day, when it lasts several days. */
  endDate: dateStr.nullish(),
  startTime: timeStr,
  endTime: timeStr,
  /** Weekly: ISO weekdays 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7).default([]),
  /** Weekly: the last date (optional). */
  untilDate: dateStr.nullish(),
  /** Custom: an RFC 5545 RRULE, for example FREQ=MONTHLY;BYDAY=1TU. */
  rrule: z.string().trim().max(500).nullish(),
});
export type ScheduleInput = z.input<typeof scheduleInput>;
export type Schedule = z.output<typeof scheduleInput>;

export const activityInput = z.object({
  /** Administrators choose the organisation; partner staff always publish for their own. */
  organisationId: z.uuid().nullish(),
  /** Other organisations that deliver this activity jointly (network organisations; not the activity's own). */
  partnerOrganisationIds: z.array(z.uuid()).max(20).default([]),
  title: text(200).min(3),
  description: text(10_000).min(1),
  kind: z.enum(activityKinds).default('activity'),
  themes: z.array(z.string().max(100)).min(1).max(7),
  subGoals: z.array(z.string().max(100)).max(60).default([]),
  /** Keys of 'wat werkt'-principles (e.g. "ontmoeten/p3"). */
  principles: z.array(z.string().max(100)).max(60).default([]),
  /** Keys of the framework's target-group list (e.g. "ouderen"). */
  targetGroups: z.array(z.string().max(60)).max(60).default([]),
  districtCode: z.string().max(40).nullish(),
  neighbourhoodCode: z.string().max(40).nullish(),
  locationId: z.uuid().nullish(),
  locationName: text(200).default(''),
  locationAddress: text(300).default(''),
  schedule: scheduleInput,
  /** Price in euro cents; 0 = free. */
  costCents: z.number().int().min(0).max(100_000_00).default(0),
  haarlemPas: z.enum(haarlemPasOptions).default('none'),
  wheelchairAccessible: z.boolean().default(false),
  accessibilityDetails: text(2000).default(''),
  languages: z.array(z.enum(languageCodes)).max(languageCodes.length).default(['nl']),
  howToJoin: z.enum(joinOptions),
  contact: text(1000).default(''),
  sensitive: z.boolean().default(false),
});
export type ActivityInput = Unchecked<z.input<typeof activityInput>>;
export type ActivityData = z.output<typeof activityInput>;

/** Filters of the public search (pages, exports and the API share them). */
export const searchFilters = z.object({
  q: z.string().trim().max(200).optional(),
  theme: z.string().max(100).optional(),
  targetGroup: z.string().max(60).optional(),
  district: z.string().max(40).optional(),
  neighbourhood: z.string().max(40).optional(),
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  day: z.coerce.number().int().min(1).max(7).optional(),
  timeOfDay: z.enum(dayparts).optional(),
  free: z.boolean().optional(),
  haarlemPas: z.boolean().optional(),
  wheelchair: z.boolean().optional(),
  language: z.enum(languageCodes).optional(),
  organisationId: z.uuid().optional(),
});
export type SearchFilters = Unchecked<z.input<typeof searchFilters>>;

export const pageInput = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export type PageInput = z.input<typeof pageInput>;

export interface ActivityView {
  id: string;
  organisationId: string;
  organisationName: string;
  /** Organisations that deliver the activity jointly with `organisationId` (joint delivery), with their names. */
  partnerOrganisationIds: string[];
  partnerOrganisations: { id: string; name: string }[];
  title: string;
  description: string;
  kind: ActivityKind;
  themes: string[];
  subGoals: string[];
  principles: string[];
  targetGroups: string[];
  districtCode: string | null;
  neighbourhoodCode: string | null;
  locationId: string | null;
  locationName: string;
  locationAddress: string;
  schedule: Schedule;
  startsAt: Date;
  endsAt: Date;
  lastEndsAt: Date | null;
  days: number[];
  dayparts: string[];
  costCents: number;
  free: boolean;
  haarlemPas: HaarlemPas;
  wheelchairAccessible: boolean;
  accessibilityDetails: string;
  languages: string[];
  howToJoin: HowToJoin;
  contact: string;
  sensitive: boolean;
  status: ActivityStatus;
  publishedAt: Date | null;
  endedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Occurrence {
  start: Date;
  end: Date;
}
