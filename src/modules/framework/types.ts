// Shapes of the framework ("kader") content, shared by seed, service, API and pages.
// Every selectable term carries a stable key, so other modules refer to it across versions and rewordings:
// sub-goals `slug/N`, principles `slug/pN`, the call's target groups per theme `slug/dN`, accountability levels
// `niveau-N` (items `niveau-N/M`), quality criteria `criterium-N`, target groups of the platform's list by code.
import { z } from '../../platform/zod.ts';

const text = z.string().trim().min(1).max(5000);
const termKey = z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/);
/** Who wrote a text: 'platform' marks the platform's own summary or choice, not a source's words. */
const by = z.literal('platform');

export const subGoalSchema = z.object({
  /** Stable key (e.g. "ontmoeten/3"); other modules refer to sub-goals by it across versions. */
  key: termKey,
  text,
});

export const principleSchema = z.object({
  /** Stable key (e.g. "ontmoeten/p3"); rewording the text keeps the key, so activities keep their reference. */
  key: termKey,
  text,
  /** A longer explanation under the short name (the BUUV principles of appendix I). */
  description: z.string().trim().max(5000).nullable().optional(),
});

export const principleGroupSchema = z.object({
  title: z.string().trim().max(500).nullable(),
  intro: z.string().trim().max(5000).nullable(),
  /** A lead-in line right above the list, when the source has one under a heading and intro. */
  listTitle: z.string().trim().max(500).nullable().optional(),
  items: z.array(principleSchema).min(1),
  /** A closing line of the source under the list (e.g. "Voorbeeldaanpakken: …"); not a principle. */
  note: z.string().trim().max(5000).nullable().optional(),
  /** Where the group stands in the source when not in the theme's text (e.g. "Bijlage I"). */
  appendix: z.string().trim().max(100).nullable().optional(),
});

export const districtTaskSchema = z.object({
  text,
  /** When a task under a combined heading concerns fewer districts than the heading names. */
  districts: z.array(z.string()).optional(),
});

export const districtTaskBlockSchema = z.object({
  /** The heading as in the source ("Oost/Schalkwijk:"), or null for text that applies city-wide. */
  heading: z.string().trim().max(200).nullable(),
  /** District codes the heading names (empty: city-wide). */
  districts: z.array(z.string()),
  tasks: z.array(districtTaskSchema).min(1),
});

export const themeTargetGroupSchema = z.object({
  key: termKey,
  text,
  /** Codes of the platform's target-group list this group of the call is counted under (the platform's mapping). */
  groups: z.array(z.string()),
});

export const targetGroupSectionSchema = z.object({
  /** Sub-heading as in the source ("Algemeen:", "Potentiele risicogroepen:"), or null. */
  heading: z.string().trim().max(200).nullable(),
  items: z.array(themeTargetGroupSchema),
  /** A sentence of the source under the list that is not itself a target group. */
  note: z.string().trim().max(2000).nullable().optional(),
});

export const themeContentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mainGoal: text,
  subGoalGroups: z.array(z.object({ title: z.string().trim().max(500).nullable(), subGoals: z.array(subGoalSchema).min(1) })).min(1),
  background: z.array(z.string().max(20000)),
  districtTasks: z.array(districtTaskBlockSchema),
  targetGroups: z.array(targetGroupSectionSchema),
  principleGroups: z.array(principleGroupSchema),
  extra: z.array(z.string()),
});
export type ThemeContent = z.infer<typeof themeContentSchema>;
export type SubGoal = z.infer<typeof subGoalSchema>;
export type Principle = z.infer<typeof principleSchema>;
export type PrincipleGroup = z.infer<typeof principleGroupSchema>;
export type DistrictTaskBlock = z.infer<typeof districtTaskBlockSchema>;
export type TargetGroupSection = z.infer<typeof targetGroupSectionSchema>;

// ---------------------------------------------------------------- the call (period-wide)

const keyedText = z.object({ key: z.string(), text: z.string(), label: z.string().optional() });
export const callBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('list'), items: z.array(keyedText) }),
]);
export const callSectionSchema = z.object({
  key: z.string(),
  title: z.string(),
  blocks: z.array(callBlockSchema),
  parts: z.array(z.object({ key: z.string(), title: z.string(), blocks: z.array(callBlockSchema) })).optional(),
  /** The platform's own remark on what of the section is transcribed. */
  platformNote: z.string().optional(),
});
export type CallSection = z.infer<typeof callSectionSchema>;
export type CallBlock = z.infer<typeof callBlockSchema>;

export const accountabilityLevelSchema = z.object({ key: z.string(), level: z.number().int(), text: z.string(), items: z.array(z.object({ key: z.string(), text: z.string() })) });
export type AccountabilityLevel = z.infer<typeof accountabilityLevelSchema>;
export const qualityCriterionSchema = z.object({ key: z.string(), text: z.string() });
export type QualityCriterion = z.infer<typeof qualityCriterionSchema>;

export const chairSchema = z.object({ text: z.string(), quote: z.string(), source: z.string(), section: z.string(), by });

/** Period-wide text of the call. Older rows also hold the 2021 report's data and unkeyed lists; the service normalises them. */
export const periodContentSchema = z.object({
  source: z.string().optional(),
  chair: chairSchema.optional(),
  sections: z.array(callSectionSchema).default([]),
  accountabilityLevels: z.array(accountabilityLevelSchema),
  qualityCriteria: z.array(qualityCriterionSchema),
});
export type PeriodContent = z.infer<typeof periodContentSchema>;

// ---------------------------------------------------------------- the 2021 report ("Samen sterker in de sociale basis in Haarlem")

export const reportContentSchema = z.object({
  note: z.string(),
  societalGoals: z.array(z.object({ number: z.number().int(), text: z.string(), themeSlug: z.string().nullable() })),
  /** The goal → theme mapping is the platform's own; the report does not make it. */
  goalThemeMappingBy: by,
  welfareRoles: z.array(z.object({ name: z.string(), description: z.string(), descriptionBy: by })),
  driehoek: z.object({ description: z.string(), roles: z.array(z.string()), levels: z.array(z.enum(['district', 'wijk'])), quotes: z.array(z.object({ text: z.string(), source: z.string() })) }).nullable(),
  /** Theme leads as the report names them; `organisations` are the names in the report, ids are resolved by the network module. */
  themeLeads: z.array(z.object({ themeSlug: z.string(), organisations: z.array(z.string()), organisationIds: z.array(z.string().nullable()).optional(), source: z.string(), quote: z.string() })),
  /** The college's answer: what "regie" means is not yet clear. */
  leadNote: z.object({ text: z.string(), source: z.string() }).nullable(),
});
export type ReportContent = z.infer<typeof reportContentSchema>;

// ---------------------------------------------------------------- terms of the municipality

export const targetGroupTermSchema = z.object({ key: z.string().regex(/^[a-z0-9-]+$/), name: z.object({ nl: z.string().min(1), en: z.string().min(1) }) });
export type TargetGroupTerm = z.infer<typeof targetGroupTermSchema>;
export const passSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  quote: z.string(),
  source: z.string(),
  description: z.object({ nl: z.string(), en: z.string() }),
  descriptionBy: by,
});
export type MunicipalPass = z.infer<typeof passSchema>;
