// Input of the session part (level 1 and attendance by hand): one session, a month of sessions, an identified
// participant or volunteer. Shapes only; the checks against the activity, the calendar and the framework are in
// sessions.ts and attendance.ts. Numbers may arrive as text from a form ("1,5"); '' means "not given".
import { z, type Unchecked } from '../../platform/zod.ts';

export const sessionStatuses = ['held', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];
export const ageBands = ['0-11', '12-17', '18-26', '27-44', '45-64', '65-79', '80+'] as const;

/** A form's text → number ('' and null → not given; a comma is a decimal point). */
const toNumber = (v: unknown) => {
  if (v === '' || v === null || v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = v.trim().replace(',', '.');
    return t === '' ? undefined : /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  }
  return v;
};

const count = (max: number) =>
  z.preprocess(toNumber, z.number({ error: 'reach.session.error.number' }).int({ error: 'reach.session.error.whole' }).min(0, { error: 'reach.session.error.negative' }).max(max).optional());
const amount = (max: number) => z.preprocess(toNumber, z.number({ error: 'reach.session.error.number' }).min(0, { error: 'reach.session.error.negative' }).max(max).optional());
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDate = z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' });

/** What is registered for one session; `date` comes from the path in the API. */
export const sessionFields = {
  status: z.enum(sessionStatuses).default('held'),
  cancelReason: z.string().trim().max(500).default(''),
  /** Default: the activity's duration. */
  hours: amount(24),
  volunteers: count(1000),
  volunteerHours: amount(10_000),
  /** Keys of the activity's themes' principles (`slug/pN`). */
  principles: z.array(z.string().max(60)).max(60).default([]),
  /** Anonymous visitors (walk-in), entered by hand. */
  headcount: count(100_000),
  note: z.string().trim().max(2000).default(''),
  /** The registering organisation (administrators; others register for their own). */
  organisationId: z.preprocess(blankToUndefined, z.uuid({ error: 'reach.session.error.organisation' }).optional()),
};

export const sessionInput = z.object({ date: isoDate, ...sessionFields });
export type SessionInput = Unchecked<z.input<typeof sessionInput>>;
export type SessionData = z.output<typeof sessionInput>;

export const sessionBody = z.object(sessionFields);

/** One row of the month form: a status of '' leaves the date unregistered. */
export const monthRowInput = z.object({
  date: isoDate,
  status: z.enum(['', ...sessionStatuses]).default(''),
  cancelReason: z.string().trim().max(500).default(''),
  hours: amount(24),
  volunteers: count(1000),
  headcount: count(100_000),
  /** Keep this session's own principles instead of the month's. */
  keepPrinciples: z.boolean().default(false),
});
export type MonthRowInput = Unchecked<z.input<typeof monthRowInput>>;

export const monthInput = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'reach.session.error.month' }),
  principles: z.array(z.string().max(60)).max(60).default([]),
  organisationId: z.preprocess(blankToUndefined, z.uuid({ error: 'reach.session.error.organisation' }).optional()),
  rows: z.array(z.unknown()).max(62),
});
export type MonthInput = { month: string; principles?: string[]; organisationId?: string; rows: MonthRowInput[] };

/** A resident identified at a session: pass number, or name + date of birth; and coarse attributes only. */
export const participantInput = z.object({
  passNumber: z.string().max(40).optional(),
  name: z.string().max(200).optional(),
  birthDate: z.string().max(20).optional().openapi({ format: 'date', description: 'Geboortedatum (1950-03-15; ook 15-03-1950): alleen voor het pseudoniem, nooit bewaard' }),
  birthYear: z.preprocess(toNumber, z.number({ error: 'reach.session.error.number' }).int({ error: 'reach.session.error.whole' }).min(1900, { error: 'reach.attendance.error.birthYear' }).max(2199).optional()),
  ageBand: z.preprocess(blankToUndefined, z.enum(ageBands).optional()),
  wijkCode: z.preprocess(blankToUndefined, z.string().max(20).optional()),
  targetGroups: z.array(z.string().max(40)).max(20).default([]),
});
export type ParticipantInput = Unchecked<z.input<typeof participantInput>>;

export const volunteerInput = z.object({
  passNumber: z.string().max(40).optional(),
  name: z.string().max(200).optional(),
  birthDate: z.string().max(20).optional().openapi({ format: 'date', description: 'Geboortedatum (1950-03-15; ook 15-03-1950): alleen voor het pseudoniem, nooit bewaard' }),
  hours: amount(24),
});
export type VolunteerInput = Unchecked<z.input<typeof volunteerInput>>;

/** Label keys of the fields, for messages ("Reden: is verplicht"). */
export const sessionLabelKeys = {
  date: 'reach.session.date',
  status: 'reach.session.status',
  cancelReason: 'reach.session.cancelReason',
  hours: 'reach.session.hours',
  volunteers: 'reach.session.volunteers',
  volunteerHours: 'reach.session.volunteerHours',
  principles: 'reach.session.principles',
  headcount: 'reach.session.headcount',
  note: 'reach.session.note',
  organisationId: 'reach.session.organisation',
  month: 'reach.month.month',
  passNumber: 'reach.attendance.passNumber',
  name: 'reach.attendance.name',
  birthDate: 'reach.attendance.birthDate',
  birthYear: 'reach.attendance.birthYear',
  ageBand: 'reach.attendance.ageBand',
  wijkCode: 'reach.attendance.wijk',
  targetGroups: 'reach.attendance.targetGroups',
} as const;
