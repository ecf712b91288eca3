// The survey builder: partner staff build their organisation's surveys, policy advisors the municipality's.
// Once a survey has responses its questions may only get text fixes (wording, labels, help, sub-goal links): their
// type, scale, options (number and order), required flag and place stay as they were, so every stored answer keeps
// meaning what it meant. A new question or another scale means a new survey (copy the questions by standard set).
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { surveys, surveySections, surveyQuestions, surveyResponseTallies } from './schema.ts';
import { surveyInput, questionInput, sectionInput, type SurveyInput, type QuestionInput, type SectionInput, type SurveyView, type SurveyFull, type QuestionView, type SectionView, type SurveyStatus, type QuestionParsed } from './survey-types.ts';
import { managesSurvey } from './policy.ts';
import { AppError, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { listThemes } from '../framework/service.ts';
import { organisationExists } from '../network/service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const builders = ['partner_staff', 'policy_advisor', 'administrator'] as const;
const requireBuilder = (ctx: ServiceContext) => requireRole(ctx, ...builders);

type SurveyRow = typeof surveys.$inferSelect;
type QuestionRow = typeof surveyQuestions.$inferSelect;

export function surveyView(r: SurveyRow): SurveyView {
  return {
    id: r.id,
    ownerOrganisationId: r.ownerOrganisationId,
    titleNl: r.titleNl,
    titleEn: r.titleEn,
    introNl: r.introNl,
    introEn: r.introEn,
    audience: r.audience as SurveyView['audience'],
    status: r.status as SurveyStatus,
    activityIds: r.activityIds,
    themeSlugs: r.themeSlugs,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    updatedAt: r.updatedAt,
  };
}

export const questionView = (q: QuestionRow): QuestionView => ({ ...q, type: q.type as QuestionView['type'] });

export async function surveyRow(ctx: ServiceContext, id: string): Promise<SurveyRow | null> {
  if (!UUID.test(id)) return null;
  const [row] = await ctx.db
    .select()
    .from(surveys)
    .where(and(eq(surveys.tenantId, ctx.tenant), eq(surveys.id, id)));
  return row ?? null;
}

/** The survey with its sections and questions in order, and how many responses it has. */
export async function loadFull(ctx: ServiceContext, row: SurveyRow): Promise<SurveyFull> {
  const [sections, questions, [{ n }]] = await sideBySide(ctx, [
    () =>
      ctx.db
        .select()
        .from(surveySections)
        .where(and(eq(surveySections.tenantId, ctx.tenant), eq(surveySections.surveyId, row.id)))
        .orderBy(asc(surveySections.position)),
    () =>
      ctx.db
        .select()
        .from(surveyQuestions)
        .where(and(eq(surveyQuestions.tenantId, ctx.tenant), eq(surveyQuestions.surveyId, row.id)))
        .orderBy(asc(surveyQuestions.position)),
    // responses counted from the running totals (result-tally.ts): a few rows, not every response
    () =>
      ctx.db
        .select({ n: sql<number>`coalesce(sum(${surveyResponseTallies.n}), 0)` })
        .from(surveyResponseTallies)
        .where(and(eq(surveyResponseTallies.tenantId, ctx.tenant), eq(surveyResponseTallies.surveyId, row.id))),
  ] as const);
  return { ...surveyView(row), sections: sections as SectionView[], questions: questions.map(questionView), responseCount: Number(n) };
}

/** A survey the actor builds; "not found" for anyone else's (no existence leak). */
async function managedRow(ctx: ServiceContext, id: string): Promise<SurveyRow> {
  requireBuilder(ctx);
  const row = await surveyRow(ctx, id);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  return row;
}

export async function getSurvey(ctx: ServiceContext, id: string): Promise<SurveyFull> {
  return loadFull(ctx, await managedRow(ctx, id));
}

/** The surveys the actor builds: administrators all; policy advisors the municipality's; partner staff their organisation's. */
export async function listSurveys(ctx: ServiceContext): Promise<(SurveyView & { responseCount: number })[]> {
  const actor = requireBuilder(ctx);
  const admin = hasRole(actor, 'administrator');
  const owners = [];
  if (!admin && hasRole(actor, 'policy_advisor')) owners.push(isNull(surveys.ownerOrganisationId));
  if (!admin && hasRole(actor, 'partner_staff') && actor.organisationId) owners.push(eq(surveys.ownerOrganisationId, actor.organisationId));
  if (!admin && owners.length === 0) return [];
  const rows = await ctx.db
    .select({ s: surveys, n: sql<number>`(select coalesce(sum(t.n), 0) from ${surveyResponseTallies} t where t.tenant_id = ${surveys.tenantId} and t.survey_id = ${surveys.id})` })
    .from(surveys)
    .where(and(eq(surveys.tenantId, ctx.tenant), admin ? undefined : owners.length === 1 ? owners[0] : sql`(${owners[0]} or ${owners[1]})`))
    .orderBy(asc(surveys.titleNl));
  return rows.map((r) => ({ ...surveyView(r.s), responseCount: Number(r.n) }));
}

// ------------------------------------------------------------------ surveys

/** The owner a new survey gets: partner staff their organisation, policy advisors the municipality, administrators their choice. */
function ownerFor(ctx: ServiceContext, asked: string | null | undefined): string | null {
  const actor = ctx.actor!;
  if (hasRole(actor, 'administrator')) return asked ?? null;
  if (asked === null && hasRole(actor, 'policy_advisor')) return null;
  if (hasRole(actor, 'partner_staff') && actor.organisationId && (asked === undefined || asked === actor.organisationId)) return actor.organisationId;
  if (hasRole(actor, 'policy_advisor')) return null;
  throw new AppError('forbidden', 'effects.survey.error.noOrganisation');
}

async function checkSurvey(ctx: ServiceContext, raw: SurveyInput) {
  return parseChecked(surveyInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.themeSlugs?.length) {
      const known = new Set((await listThemes(ctx)).map((t) => t.slug));
      p.themeSlugs.forEach((s, i) => !known.has(s) && errors.push({ field: `themeSlugs.${i}`, message: 'effects.survey.error.unknownTheme', params: { value: s }, code: 'unknown_reference' }));
    }
    if (p.opensOn && p.closesOn && p.closesOn < p.opensOn) errors.push({ field: 'closesOn', message: 'validation.endBeforeStart' });
    if (p.ownerOrganisationId && !(await organisationExists(ctx, p.ownerOrganisationId))) errors.push({ field: 'ownerOrganisationId', message: 'effects.survey.error.unknownOrganisation', code: 'unknown_reference' });
    return errors;
  });
}

export async function createSurvey(ctx: ServiceContext, raw: SurveyInput): Promise<SurveyFull> {
  requireBuilder(ctx);
  const input = await checkSurvey(ctx, raw);
  const owner = ownerFor(ctx, input.ownerOrganisationId);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(surveys)
      .values({ tenantId: ctx.tenant, ...input, ownerOrganisationId: owner, opensOn: input.opensOn ?? null, closesOn: input.closesOn ?? null, status: 'draft' })
      .returning();
    await recordAudit(tx, { action: 'survey.create', subjectType: 'survey', subjectId: row.id, ...(owner && owner !== ctx.actor?.organisationId ? { onBehalfOf: { organisationId: owner } } : {}) });
    return loadFull(tx, row);
  });
}

export async function updateSurvey(ctx: ServiceContext, id: string, raw: SurveyInput): Promise<SurveyFull> {
  const row = await managedRow(ctx, id);
  const input = await checkSurvey(ctx, { ...raw, ownerOrganisationId: undefined });
  return inTransaction(ctx, async (tx) => {
    const [saved] = await tx.db
      .update(surveys)
      .set({ ...input, ownerOrganisationId: row.ownerOrganisationId, opensOn: input.opensOn ?? null, closesOn: input.closesOn ?? null, updatedAt: ctx.now() })
      .where(and(eq(surveys.tenantId, ctx.tenant), eq(surveys.id, id)))
      .returning();
    await recordAudit(tx, { action: 'survey.update', subjectType: 'survey', subjectId: id });
    return loadFull(tx, saved);
  });
}

/** Opening needs at least one question; a closed survey may open again. */
export async function setSurveyStatus(ctx: ServiceContext, id: string, status: SurveyStatus): Promise<SurveyFull> {
  const row = await managedRow(ctx, id);
  const full = await loadFull(ctx, row);
  if (status === 'open' && full.questions.length === 0) throw new AppError('conflict', 'effects.survey.error.noQuestions');
  if (status === 'draft' && full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  return inTransaction(ctx, async (tx) => {
    const [saved] = await tx.db
      .update(surveys)
      .set({ status, updatedAt: ctx.now() })
      .where(and(eq(surveys.tenantId, ctx.tenant), eq(surveys.id, id)))
      .returning();
    await recordAudit(tx, { action: 'survey.status', subjectType: 'survey', subjectId: id, details: { status } });
    return loadFull(tx, saved);
  });
}

// ------------------------------------------------------------------ sections

export async function addSection(ctx: ServiceContext, surveyId: string, raw: SectionInput): Promise<SectionView> {
  const row = await managedRow(ctx, surveyId);
  const input = await parseChecked(sectionInput, raw, () => []);
  const full = await loadFull(ctx, row);
  return inTransaction(ctx, async (tx) => {
    const [s] = await tx.db
      .insert(surveySections)
      .values({ tenantId: ctx.tenant, surveyId, ...input, position: full.sections.length })
      .returning();
    await recordAudit(tx, { action: 'survey.update', subjectType: 'survey', subjectId: surveyId, details: { section: 'add' } });
    return s as SectionView;
  });
}

/** Removing a section keeps its questions (they move out of the section); not once there are responses. */
export async function deleteSection(ctx: ServiceContext, surveyId: string, sectionId: string): Promise<void> {
  const full = await loadFull(ctx, await managedRow(ctx, surveyId));
  if (!full.sections.some((s) => s.id === sectionId)) throw notFound();
  if (full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(surveyQuestions)
      .set({ sectionId: null })
      .where(and(eq(surveyQuestions.tenantId, ctx.tenant), eq(surveyQuestions.sectionId, sectionId)));
    await tx.db.delete(surveySections).where(and(eq(surveySections.tenantId, ctx.tenant), eq(surveySections.id, sectionId)));
    await recordAudit(tx, { action: 'survey.update', subjectType: 'survey', subjectId: surveyId, details: { section: 'delete' } });
  });
}

// ------------------------------------------------------------------ questions

const optionKeys = (n: number) => Array.from({ length: n }, (_, i) => `o${i + 1}`);

/** Every sub-goal key of the current framework (`<theme>/N`). */
export async function subGoalKeys(ctx: ServiceContext): Promise<Set<string>> {
  return new Set((await listThemes(ctx)).flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key))));
}

/** Shape, type rules and references of a question, all at once. */
export async function checkQuestion(ctx: ServiceContext, full: SurveyFull, raw: QuestionInput): Promise<QuestionParsed> {
  return parseChecked(questionInput, raw, async (p) => {
    const errors: FieldError[] = [];
    const withOptions = p.type === 'single' || p.type === 'multiple' || p.type === 'ranking';
    if (withOptions && (p.options?.length ?? 0) < 2) errors.push({ field: 'options', message: 'effects.survey.error.twoOptions' });
    if (p.type === 'ranking' && (p.options?.length ?? 0) > 10) errors.push({ field: 'options', message: 'validation.tooManyItems', params: { max: 10 } });
    if (!withOptions && p.type && (p.options?.length ?? 0) > 0) errors.push({ field: 'options', message: 'effects.survey.error.noOptionsForType' });
    if (p.type === 'scale') {
      if (p.scaleMin == null) errors.push({ field: 'scaleMin', message: 'validation.required' });
      if (p.scaleMax == null) errors.push({ field: 'scaleMax', message: 'validation.required' });
    }
    if (p.sectionId && !full.sections.some((s) => s.id === p.sectionId)) errors.push({ field: 'sectionId', message: 'effects.survey.error.unknownSection', code: 'unknown_reference' });
    if (p.subGoals?.length) {
      const known = await subGoalKeys(ctx);
      p.subGoals.forEach((k, i) => !known.has(k) && errors.push({ field: `subGoals.${i}`, message: 'effects.survey.error.unknownSubGoal', params: { value: k }, code: 'unknown_reference' }));
    }
    return errors;
  });
}

function questionValues(q: QuestionParsed) {
  const scale = q.type === 'scale';
  return {
    type: q.type,
    sectionId: q.sectionId ?? null,
    textNl: q.textNl,
    textEn: q.textEn,
    helpNl: q.helpNl,
    helpEn: q.helpEn,
    required: q.required,
    scaleMin: scale ? (q.scaleMin ?? 1) : null,
    scaleMax: scale ? (q.scaleMax ?? 10) : null,
    minLabelNl: scale ? q.minLabelNl : '',
    minLabelEn: scale ? q.minLabelEn : '',
    maxLabelNl: scale ? q.maxLabelNl : '',
    maxLabelEn: scale ? q.maxLabelEn : '',
    options: q.options.map((o, i) => ({ key: optionKeys(q.options.length)[i], nl: o.nl, en: o.en })),
    subGoals: [...new Set(q.subGoals)],
  };
}

/** With responses: only the wording may change. Field errors name what may not. */
function structuralChanges(old: QuestionView, next: ReturnType<typeof questionValues>): FieldError[] {
  const locked: FieldError[] = [];
  const lock = (field: string) => locked.push({ field, message: 'effects.survey.error.lockedByResponses', kind: 'conflict' });
  if (old.type !== next.type) lock('type');
  if (old.required !== next.required) lock('required');
  if (old.scaleMin !== next.scaleMin) lock('scaleMin');
  if (old.scaleMax !== next.scaleMax) lock('scaleMax');
  if (old.options.length !== next.options.length) lock('options');
  if ((old.sectionId ?? null) !== next.sectionId) lock('sectionId');
  return locked;
}

/** Adds a question (questionId null) at the end, or changes one. */
export async function saveQuestion(ctx: ServiceContext, surveyId: string, questionId: string | null, raw: QuestionInput): Promise<QuestionView> {
  const full = await loadFull(ctx, await managedRow(ctx, surveyId));
  const old = questionId ? full.questions.find((q) => q.id === questionId) : undefined;
  if (questionId && !old) throw notFound();
  if (!old && full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  const values = questionValues(await checkQuestion(ctx, full, raw));
  if (old && full.responseCount > 0) {
    const locked = structuralChanges(old, values);
    if (locked.length) throw new AppError('conflict', 'effects.survey.error.hasResponses', locked);
  }
  return inTransaction(ctx, async (tx) => {
    const [row] = old
      ? await tx.db
          .update(surveyQuestions)
          .set(values)
          .where(and(eq(surveyQuestions.tenantId, ctx.tenant), eq(surveyQuestions.id, old.id)))
          .returning()
      : await tx.db
          .insert(surveyQuestions)
          .values({ tenantId: ctx.tenant, surveyId, ...values, position: full.questions.length })
          .returning();
    await touch(tx, surveyId, old ? 'question.update' : 'question.add');
    return questionView(row);
  });
}

async function touch(ctx: ServiceContext, surveyId: string, what: string) {
  await ctx.db
    .update(surveys)
    .set({ updatedAt: ctx.now() })
    .where(and(eq(surveys.tenantId, ctx.tenant), eq(surveys.id, surveyId)));
  await recordAudit(ctx, { action: 'survey.update', subjectType: 'survey', subjectId: surveyId, details: { what } });
}

export async function deleteQuestion(ctx: ServiceContext, surveyId: string, questionId: string): Promise<void> {
  const full = await loadFull(ctx, await managedRow(ctx, surveyId));
  if (!full.questions.some((q) => q.id === questionId)) throw notFound();
  if (full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(surveyQuestions).where(and(eq(surveyQuestions.tenantId, ctx.tenant), eq(surveyQuestions.id, questionId)));
    await renumber(tx, full.questions.filter((q) => q.id !== questionId).map((q) => q.id));
    await touch(tx, surveyId, 'question.delete');
  });
}

/** Moves a question one place up or down (the order the form shows them in). */
export async function moveQuestion(ctx: ServiceContext, surveyId: string, questionId: string, direction: 'up' | 'down'): Promise<void> {
  const full = await loadFull(ctx, await managedRow(ctx, surveyId));
  const ids = full.questions.map((q) => q.id);
  const i = ids.indexOf(questionId);
  if (i < 0) throw notFound();
  if (full.responseCount > 0) throw new AppError('conflict', 'effects.survey.error.hasResponses');
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= ids.length) return;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  await inTransaction(ctx, async (tx) => {
    await renumber(tx, ids);
    await touch(tx, surveyId, 'question.move');
  });
}

async function renumber(ctx: ServiceContext, ids: string[]) {
  if (!ids.length) return;
  const cases = sql.join(
    ids.map((id, i) => sql`when ${id}::uuid then ${i}::int`),
    sql` `,
  );
  await ctx.db
    .update(surveyQuestions)
    .set({ position: sql`case ${surveyQuestions.id} ${cases} end` })
    .where(and(eq(surveyQuestions.tenantId, ctx.tenant), inArray(surveyQuestions.id, ids)));
}

