// Shapes of the framework ("kader") content, shared by seed, service, API and pages.
import { z } from '../../platform/zod.ts';

const text = z.string().trim().min(1).max(5000);

export const subGoalSchema = z.object({
  /** Stable key (e.g. "ontmoeten/3"); other modules refer to sub-goals by it across versions. */
  key: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  text,
});

export const themeContentSchema = z.object({
  name: z.string().trim().min(1).max(200),
  mainGoal: text,
  subGoalGroups: z.array(z.object({ title: z.string().trim().max(500).nullable(), subGoals: z.array(subGoalSchema).min(1) })).min(1),
  background: z.array(z.string().max(20000)),
  /** district: a district code, or null for text that applies city-wide. */
  districtTasks: z.array(z.object({ district: z.string().nullable(), tasks: z.array(text) })),
  targetGroups: z.array(text),
  principleGroups: z.array(z.object({ title: z.string().nullable(), intro: z.string().nullable(), items: z.array(text) })),
  extra: z.array(z.string()),
  /** Organisations that lead ("regie") this theme, by name. */
  leads: z.array(z.string()),
});
export type ThemeContent = z.infer<typeof themeContentSchema>;
export type SubGoal = z.infer<typeof subGoalSchema>;

export const periodContentSchema = z.object({
  source: z.string().optional(),
  societalGoals: z.array(z.object({ number: z.number().int(), text: z.string(), themeSlug: z.string().nullable() })),
  welfareRoles: z.array(z.object({ name: z.string(), description: z.string() })),
  driehoek: z.object({ description: z.string(), roles: z.array(z.string()) }).nullable(),
  accountabilityLevels: z.array(z.object({ level: z.number().int(), text: z.string() })),
  qualityCriteria: z.array(z.string()),
  themeLeadSources: z.array(z.object({ themeSlug: z.string(), quote: z.string(), source: z.string() })).default([]),
});
export type PeriodContent = z.infer<typeof periodContentSchema>;
