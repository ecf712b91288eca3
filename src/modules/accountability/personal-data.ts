// What the accountability module holds about one person ("Mijn gegevens"): the workflow steps they took and the
// narratives they changed last.
import { and, desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { withRows, type PersonalDataSection } from '../../platform/module.ts';
import { isMessageKey, t, type MessageKey } from '../../platform/i18n/index.ts';
import { accountabilityDocuments, accountabilityEvents, accountabilityNarratives } from './schema.ts';

/** The module contract's `personalData`: sections only when there are rows. */
export async function accountabilityPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const doc = (documentId: typeof accountabilityEvents.documentId | typeof accountabilityNarratives.documentId) => and(eq(accountabilityDocuments.tenantId, ctx.tenant), eq(accountabilityDocuments.id, documentId));
  const steps = await ctx.db
    .select({ theme: accountabilityDocuments.themeSlug, year: accountabilityDocuments.year, version: accountabilityEvents.version, kind: accountabilityEvents.kind, comment: accountabilityEvents.comment, at: accountabilityEvents.createdAt })
    .from(accountabilityEvents)
    .innerJoin(accountabilityDocuments, doc(accountabilityEvents.documentId))
    .where(and(eq(accountabilityEvents.tenantId, ctx.tenant), eq(accountabilityEvents.actorUserId, userId)))
    .orderBy(desc(accountabilityEvents.createdAt));
  const narratives = await ctx.db
    .select({ theme: accountabilityDocuments.themeSlug, year: accountabilityDocuments.year, section: accountabilityNarratives.section, at: accountabilityNarratives.updatedAt })
    .from(accountabilityNarratives)
    .innerJoin(accountabilityDocuments, doc(accountabilityNarratives.documentId))
    .where(and(eq(accountabilityNarratives.tenantId, ctx.tenant), eq(accountabilityNarratives.updatedBy, userId)))
    .orderBy(desc(accountabilityNarratives.updatedAt));
  const step = (kind: string) => {
    const key = `accountability.event.${kind}`;
    return isMessageKey(key) ? t(ctx.lang, key) : kind;
  };
  return withRows([
    {
      key: 'accountability.steps',
      title: l('accountability.mydata.steps.title'),
      explanation: l('accountability.mydata.steps.explanation'),
      columns: [l('accountability.mydata.col.theme'), l('accountability.mydata.col.year'), l('accountability.mydata.col.version'), l('accountability.mydata.col.step'), l('accountability.mydata.col.comment'), l('accountability.mydata.col.when')],
      rows: steps.map((s) => [s.theme, s.year, s.version, step(s.kind), s.comment || null, s.at]),
    },
    {
      key: 'accountability.narratives',
      title: l('accountability.mydata.narratives.title'),
      explanation: l('accountability.mydata.narratives.explanation'),
      columns: [l('accountability.mydata.col.theme'), l('accountability.mydata.col.year'), l('accountability.mydata.col.section'), l('accountability.mydata.col.when')],
      rows: narratives.map((n) => [n.theme, n.year, n.section, n.at]),
    },
  ]);
}
