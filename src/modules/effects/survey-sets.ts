// Standard question sets: shipped as data (survey-sets.json), loaded into `survey_question_sets` by the module's seed
// step (idempotent, keyed), and copied into a survey by the builder's "voeg standaardset toe".
import fs from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { surveyQuestionSets, surveySections, surveyQuestions } from './schema.ts';
import { standardSet, type StandardSet } from './survey-types.ts';
import { getSurvey, subGoalKeys } from './survey-service.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireSystem } from '../../platform/auth/require.ts';

const file = new URL('./survey-sets.json', import.meta.url);

export function readStandardSets(): StandardSet[] {
  return z.object({ sets: z.array(standardSet) }).parse(JSON.parse(fs.readFileSync(file, 'utf8'))).sets;
}

/** Seed step: writes every set by key (insert or update), so running it again changes nothing. */
export async function seedSurveySets(ctx: ServiceContext): Promise<string[]> {
  requireSystem(ctx);
  const sets = readStandardSets();
  const known = await subGoalKeys(ctx);
  for (const s of sets)
    for (const q of s.questions)
      for (const k of q.subGoals) if (!known.has(k)) throw new Error(`survey-sets.json: ${s.key}/${q.key} names unknown sub-goal ${k}`);
  await inTransaction(ctx, async (tx) => {
    for (const s of sets)
      await tx.db
        .insert(surveyQuestionSets)
        .values({ tenantId: ctx.tenant, key: s.key, audience: s.audience, content: s })
        .onConflictDoUpdate({ target: [surveyQuestionSets.tenantId, surveyQuestionSets.key], set: { audience: s.audience, content: s, updatedAt: ctx.now() } });
  });
  return [`Enquêtes: ${sets.length} standaardsets met vragen`];
}

export async function listStandardSets(ctx: ServiceContext): Promise<StandardSet[]> {
  const rows = await ctx.db
    .select({ content: surveyQuestionSets.content })
    .from(surveyQuestionSets)
    .where(eq(surveyQuestionSets.tenantId, ctx.tenant))
    .orderBy(asc(surveyQuestionSets.key));
  return rows.map((r) => r.content as StandardSet);
}

/**
 * Copies a standard set into a survey: a new section with the set's questions at the end, each with its sub-goal
 * links, its source ('platform' for the platform's wording) and `setKey` = `<set>/<question>`.
 */
export async function addStandardSet(ctx: ServiceContext, surveyId: string, setKey: string): Promise<number> {
  const full = await getSurvey(ctx, surveyId);
  if (full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  const [row] = await ctx.db
    .select({ content: surveyQuestionSets.content })
    .from(surveyQuestionSets)
    .where(and(eq(surveyQuestionSets.tenantId, ctx.tenant), eq(surveyQuestionSets.key, setKey)));
  if (!row) throw notFound();
  const set = row.content as StandardSet;
  return inTransaction(ctx, async (tx) => {
    const [section] = await tx.db
      .insert(surveySections)
      .values({ tenantId: ctx.tenant, surveyId, titleNl: set.sectionNl, titleEn: set.sectionEn, position: full.sections.length })
      .returning();
    await tx.db.insert(surveyQuestions).values(
      set.questions.map((q, i) => ({
        tenantId: ctx.tenant,
        surveyId,
        sectionId: section.id,
        type: q.type,
        textNl: q.textNl,
        textEn: q.textEn,
        required: q.required,
        scaleMin: q.type === 'scale' ? (q.scaleMin ?? 1) : null,
        scaleMax: q.type === 'scale' ? (q.scaleMax ?? 10) : null,
        minLabelNl: q.minLabelNl,
        minLabelEn: q.minLabelEn,
        maxLabelNl: q.maxLabelNl,
        maxLabelEn: q.maxLabelEn,
        options: q.options.map((o, j) => ({ key: `o${j + 1}`, nl: o.nl, en: o.en })),
        subGoals: q.subGoals,
        source: q.source,
        setKey: `${set.key}/${q.key}`,
        position: full.questions.length + i,
      })),
    );
    await recordAudit(tx, { action: 'survey.update', subjectType: 'survey', subjectId: surveyId, details: { standardSet: set.key } });
    return set.questions.length;
  });
}
