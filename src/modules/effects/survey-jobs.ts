// Daily clean-up of surveys: submission tokens a day after they expired (used ones too: until then a replay still
// gets "Dit formulier is al verstuurd"), and kiosks that ended or expired. Idempotent.
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { DAY, defineJob } from '../../platform/jobs/define.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { surveyKiosks, surveyTokens } from './schema.ts';

export async function purgeSurveyTokens(ctx: ServiceContext): Promise<{ tokens: number; kiosks: number }> {
  const before = new Date(ctx.now().getTime() - DAY * 1000);
  const tokens = await ctx.db
    .delete(surveyTokens)
    .where(and(eq(surveyTokens.tenantId, ctx.tenant), lt(surveyTokens.expiresAt, before)))
    .returning({ id: surveyTokens.id });
  const kiosks = await ctx.db
    .delete(surveyKiosks)
    .where(and(eq(surveyKiosks.tenantId, ctx.tenant), or(lt(surveyKiosks.expiresAt, before), and(isNotNull(surveyKiosks.endedAt), lt(surveyKiosks.endedAt, before)))))
    .returning({ id: surveyKiosks.id });
  return { tokens: tokens.length, kiosks: kiosks.length };
}

export const surveyTokensJob = defineJob({
  id: 'effects.survey-tokens',
  payload: z.object({}).strict(),
  schedules: [{ name: 'survey-tokens-daily', everySeconds: DAY, payload: {} }],
  handler: ({ ctx }) => purgeSurveyTokens(ctx),
});
