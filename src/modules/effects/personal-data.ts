// What the effects module holds about one person ("Mijn gegevens"): stories they wrote, reviewed or recorded
// consent for, complaints they handle or entered, and trajectories they registered. Titles and dates, not contents.
import { and, desc, eq, or } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { withRows, type PersonalDataSection } from '../../platform/module.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { effectsStories, effectsComplaints, effectsComplaintTypes, effectsTrajectories } from './schema.ts';

/** The module contract's `personalData`: sections only when there are rows. */
export async function effectsPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const status = (s: string) => t(ctx.lang, `effects.story.status.${s}` as MessageKey);
  const story = { title: effectsStories.title, status: effectsStories.status, storyDate: effectsStories.storyDate, createdAt: effectsStories.createdAt, reviewedAt: effectsStories.reviewedAt, consentRecordedAt: effectsStories.consentRecordedAt };
  const stories = (column: typeof effectsStories.authorUserId | typeof effectsStories.reviewerUserId | typeof effectsStories.consentRecordedBy) =>
    ctx.db.select(story).from(effectsStories).where(and(eq(effectsStories.tenantId, ctx.tenant), eq(column, userId))).orderBy(desc(effectsStories.createdAt));
  const written = await stories(effectsStories.authorUserId);
  const reviewed = await stories(effectsStories.reviewerUserId);
  const consents = await stories(effectsStories.consentRecordedBy);
  const complaints = await ctx.db
    .select({ receivedDate: effectsComplaints.receivedDate, status: effectsComplaints.status, handler: effectsComplaints.handlerUserId, createdBy: effectsComplaints.createdBy, typeNl: effectsComplaintTypes.nameNl, typeEn: effectsComplaintTypes.nameEn, typeKey: effectsComplaints.typeKey })
    .from(effectsComplaints)
    .leftJoin(effectsComplaintTypes, and(eq(effectsComplaintTypes.tenantId, effectsComplaints.tenantId), eq(effectsComplaintTypes.key, effectsComplaints.typeKey)))
    .where(and(eq(effectsComplaints.tenantId, ctx.tenant), or(eq(effectsComplaints.handlerUserId, userId), eq(effectsComplaints.createdBy, userId))))
    .orderBy(desc(effectsComplaints.receivedDate));
  const trajectories = await ctx.db
    .select({ startDate: effectsTrajectories.startDate, endDate: effectsTrajectories.endDate, kindKey: effectsTrajectories.kindKey, themeSlug: effectsTrajectories.themeSlug })
    .from(effectsTrajectories)
    .where(and(eq(effectsTrajectories.tenantId, ctx.tenant), eq(effectsTrajectories.createdBy, userId)))
    .orderBy(desc(effectsTrajectories.startDate));

  const storyColumns = [l('effects.mydata.col.title'), l('effects.story.status'), l('effects.mydata.col.date')];
  return withRows([
    { key: 'effects.stories', title: l('effects.mydata.stories.title'), explanation: l('effects.mydata.stories.explanation'), columns: storyColumns, rows: written.map((s) => [s.title, status(s.status), s.storyDate]) },
    {
      key: 'effects.stories_reviewed',
      title: l('effects.mydata.reviewed.title'),
      explanation: l('effects.mydata.reviewed.explanation'),
      columns: [...storyColumns, l('effects.mydata.col.reviewed')],
      rows: reviewed.map((s) => [s.title, status(s.status), s.storyDate, s.reviewedAt]),
    },
    {
      key: 'effects.story_consents',
      title: l('effects.mydata.consent.title'),
      explanation: l('effects.mydata.consent.explanation'),
      columns: [...storyColumns, l('effects.mydata.col.recorded')],
      rows: consents.map((s) => [s.title, status(s.status), s.storyDate, s.consentRecordedAt]),
    },
    {
      key: 'effects.complaints',
      title: l('effects.mydata.complaints.title'),
      explanation: l('effects.mydata.complaints.explanation'),
      columns: [l('effects.mydata.col.kind'), l('effects.mydata.col.received'), l('effects.complaint.status'), l('effects.mydata.col.role')],
      rows: complaints.map((c) => [
        (ctx.lang === 'en' ? c.typeEn : c.typeNl) ?? c.typeKey,
        c.receivedDate,
        t(ctx.lang, `effects.complaint.status.${c.status}` as MessageKey),
        l(c.handler === userId && c.createdBy === userId ? 'effects.mydata.role.both' : c.handler === userId ? 'effects.mydata.role.handler' : 'effects.mydata.role.registered'),
      ]),
    },
    {
      key: 'effects.trajectories',
      title: l('effects.mydata.trajectories.title'),
      explanation: l('effects.mydata.trajectories.explanation'),
      columns: [l('effects.mydata.col.start'), l('effects.mydata.col.kind'), l('effects.mydata.col.theme'), l('effects.mydata.col.end')],
      rows: trajectories.map((r) => [r.startDate, r.kindKey, r.themeSlug, r.endDate]),
    },
  ]);
}
