// Stories ("vertellen"): what taking part meant for someone, recorded by staff with the resident's consent (what may
// be used, where, until when). Draft → submitted (after the anonymisation step) → approved | returned, reviewed by a
// second person. Withdrawing consent erases text and photo and keeps a tombstone row with the date.
import { and, desc, eq, gte, lte, or, sql, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsStories } from './schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { AppError, forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { listThemes, listDistricts } from '../framework/service.ts';
import { readsAllRegisters, readsRecordOf, registersRecordsFor, reviewsStory } from './policy.ts';
import { anonymisationWarnings, type AnonymisationWarning } from './story-anonymise.ts';
import { isIsoDate, localDate } from './complaint-deadline.ts';

export const storyStatuses = ['draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const;
export type StoryStatus = (typeof storyStatuses)[number];
export const consentMedia = ['text', 'photo'] as const;
export const consentUses = ['internal', 'council', 'public'] as const;
export type ConsentUse = (typeof consentUses)[number];
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' });
const noHtml = (s: string) => !/<\/?[a-z!][^>]*>/i.test(s);

export const storyInput = z.object({
  organisationId: z.uuid(),
  title: z.string().trim().max(200).default(''),
  body: z.string().trim().min(1).max(10_000).refine(noHtml, { message: 'effects.error.noHtml' }),
  storyDate: isoDate,
  themeSlug: z.string().trim().max(60).nullable().optional(),
  subGoals: z.array(z.string().max(80)).max(30).default([]),
  principles: z.array(z.string().max(80)).max(30).default([]),
  districtCode: z.string().trim().max(40).nullable().optional(),
  activityId: z.uuid().nullable().optional(),
  consentMedia: z.array(z.enum(consentMedia)).min(1),
  consentUses: z.array(z.enum(consentUses)).min(1),
  consentUntil: isoDate,
  photoAlt: z.string().trim().max(500).default(''),
  /** A new photo (JPEG or PNG, at most 5 MB); `removePhoto` drops the current one. */
  photo: z.object({ data: z.instanceof(Buffer), type: z.string() }).nullable().optional(),
  removePhoto: z.boolean().optional(),
});
export type StoryInput = z.input<typeof storyInput>;

export interface StoryView {
  id: string;
  organisationId: string;
  authorUserId: string;
  status: StoryStatus;
  title: string;
  body: string;
  storyDate: string;
  hasPhoto: boolean;
  photoAlt: string;
  consentMedia: string[];
  consentUses: string[];
  consentUntil: string | null;
  consentRecordedBy: string | null;
  consentRecordedAt: Date | null;
  themeSlug: string | null;
  subGoals: string[];
  principles: string[];
  districtCode: string | null;
  activityId: string | null;
  checkedAt: Date | null;
  reviewerUserId: string | null;
  reviewedAt: Date | null;
  reviewComment: string;
  withdrawnAt: Date | null;
}

const isUuid = (s: string) => z.uuid().safeParse(s).success;
const cols = { photo: sql<boolean>`${effectsStories.photo} is not null`.as('has_photo') };

type Row = Omit<typeof effectsStories.$inferSelect, 'photo'> & { hasPhoto: boolean };
const view = (r: Row): StoryView => ({
  id: r.id,
  organisationId: r.organisationId,
  authorUserId: r.authorUserId,
  status: r.status as StoryStatus,
  title: r.title,
  body: r.body,
  storyDate: r.storyDate,
  hasPhoto: r.hasPhoto,
  photoAlt: r.photoAlt,
  consentMedia: r.consentMedia,
  consentUses: r.consentUses,
  consentUntil: r.consentUntil,
  consentRecordedBy: r.consentRecordedBy,
  consentRecordedAt: r.consentRecordedAt,
  themeSlug: r.themeSlug,
  subGoals: r.subGoals,
  principles: r.principles,
  districtCode: r.districtCode,
  activityId: r.activityId,
  checkedAt: r.checkedAt,
  reviewerUserId: r.reviewerUserId,
  reviewedAt: r.reviewedAt,
  reviewComment: r.reviewComment,
  withdrawnAt: r.withdrawnAt,
});

async function selectStories(ctx: ServiceContext, where: SQL[], limit = 500): Promise<StoryView[]> {
  const rows = await ctx.db
    .select({
      id: effectsStories.id, tenantId: effectsStories.tenantId, organisationId: effectsStories.organisationId, authorUserId: effectsStories.authorUserId, status: effectsStories.status,
      title: effectsStories.title, body: effectsStories.body, storyDate: effectsStories.storyDate, photoType: effectsStories.photoType, photoAlt: effectsStories.photoAlt,
      consentMedia: effectsStories.consentMedia, consentUses: effectsStories.consentUses, consentUntil: effectsStories.consentUntil, consentRecordedBy: effectsStories.consentRecordedBy,
      consentRecordedAt: effectsStories.consentRecordedAt, themeSlug: effectsStories.themeSlug, subGoals: effectsStories.subGoals, principles: effectsStories.principles,
      districtCode: effectsStories.districtCode, activityId: effectsStories.activityId, checkedAt: effectsStories.checkedAt, reviewerUserId: effectsStories.reviewerUserId,
      reviewedAt: effectsStories.reviewedAt, reviewComment: effectsStories.reviewComment, withdrawnAt: effectsStories.withdrawnAt, createdAt: effectsStories.createdAt,
      updatedAt: effectsStories.updatedAt, hasPhoto: cols.photo,
    })
    .from(effectsStories)
    .where(and(eq(effectsStories.tenantId, ctx.tenant), ...where))
    .orderBy(desc(effectsStories.storyDate), desc(effectsStories.createdAt))
    .limit(limit);
  return rows.map(view);
}

export async function getStory(ctx: ServiceContext, id: string): Promise<StoryView> {
  requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [s] = await selectStories(ctx, [eq(effectsStories.id, id)], 1);
  if (!s || !readsRecordOf(ctx.actor, s.organisationId)) throw notFound();
  return s;
}

/** Stories one may read: the own organisation's (staff), or all (policy advisors, administrators). */
export async function listStories(ctx: ServiceContext, filter: { status?: StoryStatus; toReview?: boolean } = {}): Promise<StoryView[]> {
  const actor = requireActor(ctx);
  const where: SQL[] = [];
  if (!readsAllRegisters(actor)) {
    if (!actor.organisationId || !readsRecordOf(actor, actor.organisationId)) throw forbidden();
    where.push(eq(effectsStories.organisationId, actor.organisationId));
  }
  if (filter.status) where.push(eq(effectsStories.status, filter.status));
  const list = await selectStories(ctx, where);
  return filter.toReview ? list.filter((s) => s.status === 'submitted' && reviewsStory(actor, s)) : list;
}

/** JPEG or PNG by its first bytes, at most 5 MB. */
function checkPhoto(p: { data: Buffer; type: string } | null | undefined): FieldError[] {
  if (!p) return [];
  if (p.data.length > MAX_PHOTO_BYTES) return [{ field: 'photo', message: 'effects.story.error.photoSize', code: 'too_big' }];
  const jpeg = p.data[0] === 0xff && p.data[1] === 0xd8 && p.data[2] === 0xff;
  const png = p.data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return jpeg || png ? [] : [{ field: 'photo', message: 'effects.story.error.photoType', code: 'unsupported_media_type' }];
}
export const photoTypeOf = (data: Buffer) => (data[0] === 0xff ? 'image/jpeg' : 'image/png');

async function checkStory(ctx: ServiceContext, p: Partial<z.output<typeof storyInput>>, current: StoryView | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (p.organisationId && !registersRecordsFor(ctx.actor, p.organisationId)) errors.push({ field: 'organisationId', message: 'effects.error.notYourOrganisation', code: 'forbidden' });
  const themes = await listThemes(ctx);
  const theme = p.themeSlug ? themes.find((t) => t.slug === p.themeSlug) : undefined;
  if (p.themeSlug && !theme) errors.push({ field: 'themeSlug', message: 'effects.error.unknownKey', code: 'unknown_reference' });
  const subGoalKeys = new Set(themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key))));
  const principleKeys = new Set(themes.flatMap((t) => t.principleGroups.flatMap((g) => g.items.map((s) => s.key))));
  (p.subGoals ?? []).forEach((s, i) => !subGoalKeys.has(s) && errors.push({ field: `subGoals.${i}`, message: 'effects.error.unknownKey', code: 'unknown_reference' }));
  (p.principles ?? []).forEach((s, i) => !principleKeys.has(s) && errors.push({ field: `principles.${i}`, message: 'effects.error.unknownKey', code: 'unknown_reference' }));
  if (p.districtCode && !(await listDistricts(ctx)).some((d) => d.code === p.districtCode)) errors.push({ field: 'districtCode', message: 'effects.error.unknownKey', code: 'unknown_reference' });
  errors.push(...checkPhoto(p.photo));
  const hasPhoto = !!p.photo || (!!current?.hasPhoto && !p.removePhoto);
  if (hasPhoto && !p.photoAlt) errors.push({ field: 'photoAlt', message: 'effects.story.error.altRequired', code: 'required' });
  if (p.photo && p.consentMedia && !p.consentMedia.includes('photo')) errors.push({ field: 'consentMedia', message: 'effects.story.error.photoConsent', code: 'consent' });
  if (p.consentUntil && p.storyDate && p.consentUntil < p.storyDate) errors.push({ field: 'consentUntil', message: 'effects.story.error.consentBeforeStory', code: 'too_small' });
  return errors;
}

const values = (input: z.output<typeof storyInput>) => ({
  organisationId: input.organisationId,
  title: input.title,
  body: input.body,
  storyDate: input.storyDate,
  themeSlug: input.themeSlug || null,
  subGoals: input.subGoals,
  principles: input.principles,
  districtCode: input.districtCode || null,
  activityId: input.activityId || null,
  consentMedia: input.consentMedia,
  consentUses: input.consentUses,
  consentUntil: input.consentUntil,
  photoAlt: input.photoAlt,
});

/** Records a story as a draft, with the consent (recorded by the actor, now). */
export async function createStory(ctx: ServiceContext, raw: StoryInput): Promise<StoryView> {
  const actor = requireActor(ctx);
  if (!readsAllRegisters(actor) && !actor.organisationId) throw forbidden();
  const input = await parseChecked(storyInput, raw, (p) => checkStory(ctx, p, null));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(effectsStories)
      .values({
        tenantId: tx.tenant,
        ...values(input),
        authorUserId: actor.userId,
        photo: input.photo?.data ?? null,
        photoType: input.photo ? photoTypeOf(input.photo.data) : null,
        consentRecordedBy: actor.userId,
        consentRecordedAt: tx.now(),
      })
      .returning({ id: effectsStories.id });
    await recordAudit(tx, { action: 'effects.story.created', subjectType: 'effects_story', subjectId: row.id });
    return getStory(tx, row.id);
  });
}

/** Changes a draft or returned story (its organisation's staff). */
export async function updateStory(ctx: ServiceContext, id: string, raw: StoryInput): Promise<StoryView> {
  const current = await getStory(ctx, id);
  if (!registersRecordsFor(ctx.actor, current.organisationId)) throw notFound();
  if (current.status !== 'draft' && current.status !== 'returned') throw new AppError('conflict', 'effects.story.error.notEditable');
  const input = await parseChecked(storyInput, { ...raw, organisationId: current.organisationId }, (p) => checkStory(ctx, p, current));
  return inTransaction(ctx, async (tx) => {
    const photo = input.photo ? { photo: input.photo.data, photoType: photoTypeOf(input.photo.data) } : input.removePhoto ? { photo: null, photoType: null } : {};
    const consentChanged = current.consentUntil !== input.consentUntil || current.consentUses.join() !== input.consentUses.join() || current.consentMedia.join() !== input.consentMedia.join();
    await tx.db
      .update(effectsStories)
      .set({ ...values(input), ...photo, ...(consentChanged ? { consentRecordedBy: ctx.actor!.userId, consentRecordedAt: tx.now() } : {}), checkedAt: null, updatedAt: tx.now() })
      .where(and(eq(effectsStories.tenantId, tx.tenant), eq(effectsStories.id, id)));
    await recordAudit(tx, { action: 'effects.story.updated', subjectType: 'effects_story', subjectId: id });
    return getStory(tx, id);
  });
}

export class AnonymisationError extends AppError {
  constructor(public readonly warnings: AnonymisationWarning[]) {
    super('validation', 'error.validation', [{ field: 'checked', message: 'effects.story.error.checkWarnings', code: 'anonymisation', params: { n: warnings.length } }]);
  }
}

/**
 * Submits a story for review. The text is checked first: with warnings, the author must have confirmed "ik heb dit
 * gecontroleerd" (`checked`), else an AnonymisationError lists them.
 */
export async function submitStory(ctx: ServiceContext, id: string, opts: { checked?: boolean } = {}): Promise<StoryView> {
  const current = await getStory(ctx, id);
  if (!registersRecordsFor(ctx.actor, current.organisationId)) throw notFound();
  if (current.status !== 'draft' && current.status !== 'returned') throw new AppError('conflict', 'effects.story.error.notSubmittable');
  const warnings = anonymisationWarnings(`${current.title}\n${current.body}`);
  if (warnings.length && !opts.checked) throw new AnonymisationError(warnings);
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(effectsStories)
      .set({ status: 'submitted', checkedAt: tx.now(), reviewComment: '', updatedAt: tx.now() })
      .where(and(eq(effectsStories.tenantId, tx.tenant), eq(effectsStories.id, id)));
    await recordAudit(tx, { action: 'effects.story.submitted', subjectType: 'effects_story', subjectId: id, details: { warnings: warnings.map((w) => w.kind) } });
    return getStory(tx, id);
  });
}

export const reviewInput = z.object({ decision: z.enum(['approve', 'return']), comment: z.string().trim().max(2000).default('') });
export type ReviewInput = z.input<typeof reviewInput>;

/** Approves or returns a submitted story: a second person (never the author). Returning needs a comment. */
export async function reviewStory(ctx: ServiceContext, id: string, raw: ReviewInput): Promise<StoryView> {
  const current = await getStory(ctx, id);
  if (ctx.actor?.userId === current.authorUserId) throw new AppError('forbidden', 'effects.story.error.ownStory');
  if (!reviewsStory(ctx.actor, current)) throw forbidden();
  if (current.status !== 'submitted') throw new AppError('conflict', 'effects.story.error.notSubmitted');
  const input = await parseChecked(reviewInput, raw, (p) => (p.decision === 'return' && !p.comment ? [{ field: 'comment', message: 'effects.story.error.commentRequired', code: 'required' }] : []));
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(effectsStories)
      .set({ status: input.decision === 'approve' ? 'approved' : 'returned', reviewerUserId: ctx.actor!.userId, reviewedAt: tx.now(), reviewComment: input.comment, updatedAt: tx.now() })
      .where(and(eq(effectsStories.tenantId, tx.tenant), eq(effectsStories.id, id)));
    await recordAudit(tx, { action: 'effects.story.reviewed', subjectType: 'effects_story', subjectId: id, details: { decision: input.decision } });
    return getStory(tx, id);
  });
}

/** The resident withdrew consent: the story leaves every future report; text and photo are erased (a tombstone stays). */
export async function withdrawStoryConsent(ctx: ServiceContext, id: string): Promise<StoryView> {
  const current = await getStory(ctx, id);
  if (!registersRecordsFor(ctx.actor, current.organisationId) && !readsAllRegisters(ctx.actor)) throw notFound();
  if (current.status === 'withdrawn') return current;
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(effectsStories)
      .set({ status: 'withdrawn', title: '', body: '', photo: null, photoType: null, photoAlt: '', consentMedia: [], consentUses: [], withdrawnAt: tx.now(), updatedAt: tx.now() })
      .where(and(eq(effectsStories.tenantId, tx.tenant), eq(effectsStories.id, id)));
    await recordAudit(tx, { action: 'effects.story.consent_withdrawn', subjectType: 'effects_story', subjectId: id });
    return getStory(tx, id);
  });
}

/** The photo of a story, for readers of the story only. */
export async function getStoryPhoto(ctx: ServiceContext, id: string): Promise<{ data: Buffer; type: string }> {
  await getStory(ctx, id);
  const [row] = await ctx.db.select({ photo: effectsStories.photo, type: effectsStories.photoType }).from(effectsStories).where(and(eq(effectsStories.tenantId, ctx.tenant), eq(effectsStories.id, id)));
  if (!row?.photo || !row.type) throw notFound();
  return { data: row.photo, type: row.type };
}

export const reportableFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  theme: z.string().trim().max(60).optional(),
  subGoal: z.string().trim().max(80).optional(),
  district: z.string().trim().max(40).optional(),
  use: z.enum(consentUses).default('council'),
  /** The date the consent must still be valid on (default: today). */
  on: isoDate.optional(),
});
export type ReportableFilters = z.input<typeof reportableFilters>;

/**
 * Stories a report may use: approved, consent valid on the date (default today) and covering the use (default a
 * council document), told in the year. Text only with consent for text; `photo` tells whether the photo may be used.
 */
export async function listReportableStories(ctx: ServiceContext, raw: ReportableFilters) {
  const actor = requireActor(ctx);
  const f = await parseChecked(reportableFilters, raw, () => []);
  const on = f.on ?? localDate(ctx.now());
  const where: SQL[] = [
    eq(effectsStories.status, 'approved'),
    gte(effectsStories.consentUntil, on),
    sql`${f.use} = any(${effectsStories.consentUses})`,
    gte(effectsStories.storyDate, `${f.year}-01-01`),
    lte(effectsStories.storyDate, `${f.year}-12-31`),
  ];
  if (!readsAllRegisters(actor)) {
    if (!actor.organisationId || !readsRecordOf(actor, actor.organisationId)) throw forbidden();
    where.push(eq(effectsStories.organisationId, actor.organisationId));
  }
  if (f.theme) where.push(or(eq(effectsStories.themeSlug, f.theme), sql`exists (select 1 from unnest(${effectsStories.subGoals}) g where g like ${`${f.theme}/%`})`)!);
  if (f.subGoal) where.push(sql`${f.subGoal} = any(${effectsStories.subGoals})`);
  if (f.district) where.push(eq(effectsStories.districtCode, f.district));
  const list = await selectStories(ctx, where, 1000);
  return list.map((s) => ({
    id: s.id,
    organisationId: s.organisationId,
    title: s.consentMedia.includes('text') ? s.title : '',
    body: s.consentMedia.includes('text') ? s.body : '',
    photo: s.hasPhoto && s.consentMedia.includes('photo'),
    photoAlt: s.consentMedia.includes('photo') ? s.photoAlt : '',
    storyDate: s.storyDate,
    themeSlug: s.themeSlug,
    subGoals: s.subGoals,
    principles: s.principles,
    districtCode: s.districtCode,
    activityId: s.activityId,
    consentUntil: s.consentUntil,
  }));
}

export { invalid };
