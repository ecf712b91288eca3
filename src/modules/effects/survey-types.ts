// Shapes of surveys: the builder's inputs (zod, also for the API) and the views the pages and API render.
import { z } from '../../platform/zod.ts';

export const audiences = ['resident', 'professional', 'organisation'] as const;
export const surveyStatuses = ['draft', 'open', 'closed'] as const;
export const questionTypes = ['scale', 'agree', 'single', 'multiple', 'ranking', 'text'] as const;
export const channels = ['public', 'kiosk', 'paper', 'invitation'] as const;
export type Audience = (typeof audiences)[number];
export type SurveyStatus = (typeof surveyStatuses)[number];
export type QuestionType = (typeof questionTypes)[number];
export type Channel = (typeof channels)[number];

/** The 5 points of an agree question, stored as 1..5. */
export const agreePoints = [1, 2, 3, 4, 5] as const;
/** Longest open answer (characters). */
export const TEXT_MAX = 2000;
/** How long a submission token of the public form stays valid. */
export const TOKEN_HOURS = 24;
/** How long a kiosk stays valid after a staff member started it. */
export const KIOSK_HOURS = 12;

const day = z.iso.date().nullable().optional();
const shortText = (max: number) => z.string().trim().max(max);

export const surveyInput = z.object({
  titleNl: z.string().trim().min(1).max(200),
  titleEn: shortText(200).default(''),
  introNl: shortText(2000).default(''),
  introEn: shortText(2000).default(''),
  audience: z.enum(audiences),
  /** Administrators choose; partner staff always get their own organisation, policy advisors the municipality (null). */
  ownerOrganisationId: z.uuid().nullable().optional(),
  activityIds: z.array(z.uuid()).max(50).default([]),
  themeSlugs: z.array(z.string().max(100)).max(20).default([]),
  opensOn: day,
  closesOn: day,
});
export type SurveyInput = z.input<typeof surveyInput>;

export const optionInput = z.object({ nl: z.string().trim().min(1).max(200), en: shortText(200).default('') });

export const questionInput = z.object({
  type: z.enum(questionTypes),
  sectionId: z.uuid().nullable().optional(),
  textNl: z.string().trim().min(1).max(500),
  textEn: shortText(500).default(''),
  helpNl: shortText(1000).default(''),
  helpEn: shortText(1000).default(''),
  required: z.boolean().default(false),
  scaleMin: z.number().int().min(0).max(1).nullable().optional(),
  scaleMax: z.number().int().min(2).max(10).nullable().optional(),
  minLabelNl: shortText(100).default(''),
  minLabelEn: shortText(100).default(''),
  maxLabelNl: shortText(100).default(''),
  maxLabelEn: shortText(100).default(''),
  options: z.array(optionInput).max(20).default([]),
  subGoals: z.array(z.string().max(120)).max(20).default([]),
});
export type QuestionInput = z.input<typeof questionInput>;
export type QuestionParsed = z.output<typeof questionInput>;

export const sectionInput = z.object({ titleNl: z.string().trim().min(1).max(200), titleEn: shortText(200).default('') });
export type SectionInput = z.input<typeof sectionInput>;

export interface OptionView {
  key: string;
  nl: string;
  en: string;
}

export interface QuestionView {
  id: string;
  sectionId: string | null;
  type: QuestionType;
  textNl: string;
  textEn: string;
  helpNl: string;
  helpEn: string;
  required: boolean;
  scaleMin: number | null;
  scaleMax: number | null;
  minLabelNl: string;
  minLabelEn: string;
  maxLabelNl: string;
  maxLabelEn: string;
  options: OptionView[];
  subGoals: string[];
  source: string | null;
  setKey: string | null;
  position: number;
}

export interface SectionView {
  id: string;
  titleNl: string;
  titleEn: string;
  position: number;
}

export interface SurveyView {
  id: string;
  ownerOrganisationId: string | null;
  titleNl: string;
  titleEn: string;
  introNl: string;
  introEn: string;
  audience: Audience;
  status: SurveyStatus;
  activityIds: string[];
  themeSlugs: string[];
  opensOn: string | null;
  closesOn: string | null;
  updatedAt: Date;
}

export interface SurveyFull extends SurveyView {
  sections: SectionView[];
  questions: QuestionView[];
  responseCount: number;
}

/** The context keys a response carries, for results by activity, theme, district and target group. */
export interface ResponseContext {
  activityId: string | null;
  themeSlug: string | null;
  districtCode: string | null;
  targetGroup: string | null;
}

/** One checked answer, in the typed column it is stored in. */
export interface CheckedAnswer {
  questionId: string;
  valueNumber: number | null;
  valueOption: string | null;
  valueOptions: string[] | null;
  valueText: string | null;
}

/** A standard question set (survey-sets.json). `source`: 'platform' for the platform's own wording. */
export const standardQuestion = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  type: z.enum(questionTypes),
  textNl: z.string().min(1),
  textEn: z.string().min(1),
  required: z.boolean().default(false),
  scaleMin: z.number().int().optional(),
  scaleMax: z.number().int().optional(),
  minLabelNl: z.string().default(''),
  minLabelEn: z.string().default(''),
  maxLabelNl: z.string().default(''),
  maxLabelEn: z.string().default(''),
  options: z.array(z.object({ nl: z.string(), en: z.string() })).default([]),
  subGoals: z.array(z.string()).default([]),
  source: z.string().min(1),
});
export const standardSet = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  audience: z.enum(audiences),
  titleNl: z.string().min(1),
  titleEn: z.string().min(1),
  /** Where the set's purpose comes from (the sources' words), shown in the builder. */
  basis: z.array(z.object({ source: z.string(), quote: z.string() })),
  sectionNl: z.string().min(1),
  sectionEn: z.string().min(1),
  questions: z.array(standardQuestion).min(1),
});
export type StandardSet = z.output<typeof standardSet>;
