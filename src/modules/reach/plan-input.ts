// Inputs of the accountability plan (zod, feeding the API's OpenAPI document too) and their checks against the
// framework (sub-goals and principles of the plan's theme, the keyed target-group list, districts) and the catalogue
// (the activity exists; the entry's organisation delivers it). Every problem is reported in one pass.
import { z } from '../../platform/zod.ts';
import type { FieldError } from '../../platform/http/errors.ts';

/** At most this many crucial choices per sub-goal: the call asks for "een beperkt aantal (soorten) activiteiten". */
export const MAX_CHOICES_PER_SUB_GOAL = 5;
/** At most this many reach rows (target group × district) per entry. */
export const MAX_TARGETS_PER_ENTRY = 40;

const reason = z.string().trim().min(1).max(1000).openapi({ description: 'Waarom deze wijziging (verplicht; staat in de geschiedenis van het plan)' });
const text = (max: number) => z.string().trim().max(max);

export const createPlanInput = z.object({
  theme: z.string().trim().min(1).max(100).openapi({ description: 'Slug van het thema (thematafel), zie GET /api/v1/themes' }),
  year: z.coerce.number().int().min(2000).max(2100),
  reason,
});
export type CreatePlanInput = z.input<typeof createPlanInput>;

export const choiceInput = z
  .object({
    subGoal: z.string().trim().min(1).max(100).openapi({ description: 'Sleutel van het subdoel van dit thema (thema/N)' }),
    activityId: z.uuid().nullish().openapi({ description: 'Een activiteit uit de catalogus; of laat leeg en beschrijf een soort activiteit' }),
    activityKind: text(300).default('').openapi({ description: 'Een soort activiteit in woorden, als het niet één activiteit uit de catalogus is' }),
    indicators: text(2000).min(1).openapi({ description: 'Welke indicatoren worden gemeten' }),
    method: text(2000).min(1).openapi({ description: 'Hoe ze worden gemeten' }),
    reason,
  })
  .openapi('PlanChoiceInput');
export type ChoiceInput = z.input<typeof choiceInput>;

export const targetInput = z.object({
  targetGroup: z.string().trim().max(60).default('').openapi({ description: "Sleutel uit GET /api/v1/target-groups; '' = alle inwoners" }),
  district: z.string().trim().max(40).default('').openapi({ description: "Code van het stadsdeel; '' = de hele stad" }),
  plannedResidents: z.coerce.number().int().min(0).max(1_000_000),
});

export const entryInput = z
  .object({
    activityId: z.uuid(),
    /** Administrators choose; partner staff always plan for their own organisation. */
    organisationId: z.uuid().nullish(),
    plannedSessions: z.coerce.number().int().min(0).max(10_000),
    plannedHours: z.coerce.number().min(0).max(100_000),
    subGoals: z.array(z.string().max(100)).max(60).default([]).openapi({ description: 'Sleutels van subdoelen van dit thema' }),
    principles: z.array(z.string().max(100)).max(60).default([]).openapi({ description: "Sleutels van 'wat werkt'-principes van dit thema (thema/pN)" }),
    targets: z.array(targetInput).max(MAX_TARGETS_PER_ENTRY).default([]).openapi({ description: 'Gepland bereik (unieke inwoners) per doelgroep en stadsdeel' }),
    reason,
  })
  .openapi('PlanEntryInput');
export type EntryInput = z.input<typeof entryInput>;
export type EntryData = z.output<typeof entryInput>;

export const removeInput = z.object({ reason });

/** What the checks need to know about the plan's theme and the framework. */
export interface PlanRefs {
  subGoals: Set<string>;
  principles: Set<string>;
  targetGroups: Set<string>;
  districts: Set<string>;
}

const unknown = (field: string, message: string): FieldError => ({ field, code: 'unknown_reference', message });

/** Sub-goals, principles and reach rows of an entry that do not exist in the framework, or rows given twice. */
export function entryReferenceErrors(parts: Partial<EntryData>, refs: PlanRefs): FieldError[] {
  const errors: FieldError[] = [];
  (parts.subGoals ?? []).forEach((k, i) => {
    if (!refs.subGoals.has(k)) errors.push(unknown(`subGoals.${i}`, 'reach.plan.error.unknownSubGoal'));
  });
  (parts.principles ?? []).forEach((k, i) => {
    if (!refs.principles.has(k)) errors.push(unknown(`principles.${i}`, 'reach.plan.error.unknownPrinciple'));
  });
  const seen = new Set<string>();
  (parts.targets ?? []).forEach((t, i) => {
    if (t.targetGroup && !refs.targetGroups.has(t.targetGroup)) errors.push(unknown(`targets.${i}.targetGroup`, 'reach.plan.error.unknownTargetGroup'));
    if (t.district && !refs.districts.has(t.district)) errors.push(unknown(`targets.${i}.district`, 'error.unknownDistrict'));
    const pair = `${t.targetGroup}\u0000${t.district}`;
    if (seen.has(pair)) errors.push({ field: `targets.${i}`, code: 'duplicate', message: 'reach.plan.error.duplicateTarget' });
    seen.add(pair);
  });
  return errors;
}

/** Field labels (message keys), so "Subdoel: bestaat niet" says which field. */
export const planFieldLabels = {
  theme: 'reach.plan.field.theme',
  year: 'reach.plan.field.year',
  reason: 'reach.plan.field.reason',
  subGoal: 'reach.plan.field.subGoal',
  activityId: 'reach.plan.field.activity',
  activityKind: 'reach.plan.field.activityKind',
  indicators: 'reach.plan.field.indicators',
  method: 'reach.plan.field.method',
  organisationId: 'reach.plan.field.organisation',
  plannedSessions: 'reach.plan.field.plannedSessions',
  plannedHours: 'reach.plan.field.plannedHours',
  subGoals: 'reach.plan.field.subGoals',
  principles: 'reach.plan.field.principles',
  targets: 'reach.plan.field.targets',
} as const;
