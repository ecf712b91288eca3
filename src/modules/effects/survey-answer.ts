// Answering a survey: the public link (anonymous, with a one-time submission token), the kiosk (a tablet a staff
// member started for one survey: a kiosk cookie, no token, repeats allowed) and paper forms entered by staff.
// A response holds no personal data; consent for follow-up is stored apart (survey_consents: no reference to the
// response, only the day).
import crypto from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { tallyResponse } from './result-tally.ts';
import { surveyTokens, surveyResponses, surveyAnswers, surveyConsents, surveyKiosks } from './schema.ts';
import { KIOSK_HOURS, TOKEN_HOURS, type Channel, type ResponseContext, type SurveyFull } from './survey-types.ts';
import { checkAnswers, type RawAnswers } from './survey-check.ts';
import { loadFull, surveyRow } from './survey-service.ts';
import { managesSurvey } from './policy.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { listDistricts, listTargetGroups } from '../framework/service.ts';

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newToken = () => crypto.randomBytes(32).toString('base64url');
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Open now: status open, and today within its opening and closing days (when set). */
export const isOpen = (s: Pick<SurveyFull, 'status' | 'opensOn' | 'closesOn'>, now: Date) =>
  s.status === 'open' && (!s.opensOn || s.opensOn <= dayOf(now)) && (!s.closesOn || s.closesOn >= dayOf(now));

/** A survey as the public sees it: not found while it is a draft; `open` says whether it takes answers now. */
export async function getPublicSurvey(ctx: ServiceContext, id: string): Promise<{ survey: SurveyFull; open: boolean }> {
  const row = await surveyRow(ctx, id);
  if (!row || row.status === 'draft') throw notFound();
  const survey = await loadFull(ctx, row);
  return { survey, open: isOpen(survey, ctx.now()) };
}

/** A fresh one-time submission token for the public form (only its hash is stored; valid for TOKEN_HOURS). */
export async function issueSubmissionToken(ctx: ServiceContext, surveyId: string): Promise<{ token: string; expiresAt: Date }> {
  const { open } = await getPublicSurvey(ctx, surveyId);
  if (!open) throw new AppError('conflict', 'effects.answer.closed');
  const token = newToken();
  const expiresAt = new Date(ctx.now().getTime() + TOKEN_HOURS * 3600_000);
  await ctx.db.insert(surveyTokens).values({ tenantId: ctx.tenant, surveyId, tokenHash: hash(token), expiresAt });
  return { token, expiresAt };
}

// ------------------------------------------------------------------ context and consent

export const contextInput = z.object({
  activityId: z.string().max(40).nullable().optional(),
  themeSlug: z.string().max(100).nullable().optional(),
  districtCode: z.string().max(40).nullable().optional(),
  targetGroup: z.string().max(60).nullable().optional(),
});
export type ContextInput = z.input<typeof contextInput>;

/**
 * The context keys of a response, kept only when they are known: the activity among the survey's activities, the
 * theme among its themes (its only theme when it has one), a district code and a target-group key of the framework.
 */
export async function cleanContext(ctx: ServiceContext, survey: SurveyFull, raw: ContextInput = {}): Promise<ResponseContext> {
  const c = contextInput.catch({}).parse(raw);
  const [districts, groups] = await sideBySide(ctx, [() => (c.districtCode ? listDistricts(ctx) : Promise.resolve([])), () => (c.targetGroup ? listTargetGroups(ctx) : Promise.resolve([]))] as const);
  return {
    activityId: c.activityId && survey.activityIds.includes(c.activityId) ? c.activityId : survey.activityIds.length === 1 ? survey.activityIds[0] : null,
    themeSlug: c.themeSlug && survey.themeSlugs.includes(c.themeSlug) ? c.themeSlug : survey.themeSlugs.length === 1 ? survey.themeSlugs[0] : null,
    districtCode: c.districtCode && districts.some((d) => d.code === c.districtCode) ? c.districtCode : null,
    targetGroup: c.targetGroup && groups.some((g) => g.key === c.targetGroup) ? c.targetGroup : null,
  };
}

export const consentInput = z.object({
  contact: z
    .string()
    .trim()
    .max(200)
    .refine((s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) || /^\+?[\d\s-]{8,20}$/.test(s), 'effects.answer.error.contact'),
  name: z.string().trim().max(200).default(''),
});
export type ConsentInput = z.input<typeof consentInput>;

// ------------------------------------------------------------------ submitting

export interface SubmitInput {
  answers: RawAnswers;
  context?: ContextInput;
  /** public: the one-time token from the form. */
  token?: string;
  /** kiosk: the kiosk cookie. */
  kioskToken?: string;
  /** paper: the day on the form (YYYY-MM-DD). */
  answeredOn?: string;
  /** public: optional consent for follow-up, stored apart. */
  consent?: ConsentInput | null;
}

/** Checks answers (and consent) and stores one response with its answers in one transaction. */
export async function submitResponse(ctx: ServiceContext, surveyId: string, channel: Exclude<Channel, 'invitation'>, input: SubmitInput): Promise<{ responseId: string }> {
  const row = await surveyRow(ctx, surveyId);
  if (!row) throw notFound();
  if (channel === 'paper' && !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  if (channel !== 'paper' && row.status === 'draft') throw notFound();
  const survey = await loadFull(ctx, row);
  if (channel !== 'paper' && !isOpen(survey, ctx.now())) throw new AppError('conflict', 'effects.answer.closed');
  if (channel === 'paper' && survey.status === 'draft') throw new AppError('conflict', 'effects.answer.closed');

  const { answers, errors } = checkAnswers(survey.questions, input.answers ?? {});
  let answeredOn = dayOf(ctx.now());
  if (channel === 'paper') {
    const d = z.iso.date().safeParse(input.answeredOn);
    if (!d.success) errors.push({ field: 'answeredOn', message: 'validation.date' });
    else if (d.data > answeredOn) errors.push({ field: 'answeredOn', message: 'effects.answer.error.future' });
    else answeredOn = d.data;
  }
  let consent: z.output<typeof consentInput> | null = null;
  if (channel === 'public' && input.consent && (input.consent.contact || input.consent.name)) {
    const c = consentInput.safeParse(input.consent);
    if (c.success) consent = c.data;
    else errors.push({ field: 'consent.contact', message: 'effects.answer.error.contact' });
  }
  if (errors.length) throw invalid(errors);
  const context = await cleanContext(ctx, survey, input.context);

  return inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    if (channel === 'public') await useToken(tx, surveyId, input.token ?? '', now);
    const kiosk = channel === 'kiosk' ? await kioskOf(tx, surveyId, input.kioskToken) : null;
    if (channel === 'kiosk' && !kiosk) throw new AppError('forbidden', 'effects.kiosk.notStarted');
    const place = kiosk ? { activityId: kiosk.activityId ?? context.activityId, districtCode: kiosk.districtCode ?? context.districtCode } : {};
    const [response] = await tx.db
      .insert(surveyResponses)
      .values({ tenantId: ctx.tenant, surveyId, channel, ...context, ...place, answeredOn, submittedAt: now })
      .returning({ id: surveyResponses.id });
    if (answers.length) await tx.db.insert(surveyAnswers).values(answers.map((a) => ({ tenantId: ctx.tenant, surveyId, responseId: response.id, submittedAt: now, ...a })));
    await tallyResponse(tx, surveyId, response.id);
    if (consent) await tx.db.insert(surveyConsents).values({ tenantId: ctx.tenant, surveyId, contact: consent.contact, name: consent.name, givenOn: dayOf(now) });
    if (channel === 'paper') await recordAudit(tx, { action: 'survey.paper', subjectType: 'survey', subjectId: surveyId });
    return { responseId: response.id };
  });
}

/** Marks the token used, once: a replay (or two at once) finds it used and gets "Dit formulier is al verstuurd". */
async function useToken(ctx: ServiceContext, surveyId: string, token: string, now: Date) {
  const tokenHash = hash(token);
  const used = await ctx.db
    .update(surveyTokens)
    .set({ usedAt: now })
    .where(and(eq(surveyTokens.tenantId, ctx.tenant), eq(surveyTokens.surveyId, surveyId), eq(surveyTokens.tokenHash, tokenHash), isNull(surveyTokens.usedAt), gt(surveyTokens.expiresAt, now)))
    .returning({ id: surveyTokens.id });
  if (used.length) return;
  const [known] = await ctx.db
    .select({ usedAt: surveyTokens.usedAt })
    .from(surveyTokens)
    .where(and(eq(surveyTokens.tenantId, ctx.tenant), eq(surveyTokens.surveyId, surveyId), eq(surveyTokens.tokenHash, tokenHash)));
  if (known?.usedAt) throw new AppError('conflict', 'effects.answer.alreadySent', [{ field: 'token', message: 'effects.answer.alreadySent', code: 'token_used', kind: 'conflict' }]);
  throw new AppError('conflict', 'effects.answer.tokenExpired', [{ field: 'token', message: 'effects.answer.tokenExpired', code: 'token_expired', kind: 'conflict' }]);
}

// ------------------------------------------------------------------ kiosk

/** Starts a kiosk for one open survey: returns the kiosk cookie's value (only its hash is stored). */
export async function startKiosk(ctx: ServiceContext, surveyId: string, raw: ContextInput = {}): Promise<{ token: string; expiresAt: Date }> {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  const survey = await loadFull(ctx, row);
  if (!isOpen(survey, ctx.now())) throw new AppError('conflict', 'effects.answer.closed');
  const context = await cleanContext(ctx, survey, raw);
  const token = newToken();
  const expiresAt = new Date(ctx.now().getTime() + KIOSK_HOURS * 3600_000);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(surveyKiosks).values({ tenantId: ctx.tenant, surveyId, tokenHash: hash(token), startedBy: ctx.actor?.userId || null, activityId: context.activityId, districtCode: context.districtCode, expiresAt });
    await recordAudit(tx, { action: 'survey.kiosk', subjectType: 'survey', subjectId: surveyId, details: { kiosk: 'start' } });
  });
  return { token, expiresAt };
}

/** The running kiosk this cookie belongs to, for this survey; null when none (wrong survey, ended, expired). */
export async function kioskOf(ctx: ServiceContext, surveyId: string, token: string | undefined) {
  if (!token) return null;
  const [k] = await ctx.db
    .select()
    .from(surveyKiosks)
    .where(and(eq(surveyKiosks.tenantId, ctx.tenant), eq(surveyKiosks.surveyId, surveyId), eq(surveyKiosks.tokenHash, hash(token)), isNull(surveyKiosks.endedAt), gt(surveyKiosks.expiresAt, ctx.now())));
  return k ?? null;
}

/** Ends the kiosk of this cookie (from the tablet itself). */
export async function endKiosk(ctx: ServiceContext, surveyId: string, token: string | undefined): Promise<void> {
  const k = await kioskOf(ctx, surveyId, token);
  if (!k) return;
  await ctx.db
    .update(surveyKiosks)
    .set({ endedAt: ctx.now() })
    .where(and(eq(surveyKiosks.tenantId, ctx.tenant), eq(surveyKiosks.id, k.id)));
}

// ------------------------------------------------------------------ consents

/** Consents for follow-up of a survey (staff who build it): contact, name and day only. */
export async function listConsents(ctx: ServiceContext, surveyId: string) {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  return ctx.db
    .select({ id: surveyConsents.id, contact: surveyConsents.contact, name: surveyConsents.name, givenOn: surveyConsents.givenOn })
    .from(surveyConsents)
    .where(and(eq(surveyConsents.tenantId, ctx.tenant), eq(surveyConsents.surveyId, surveyId)));
}

export async function deleteConsent(ctx: ServiceContext, surveyId: string, consentId: string): Promise<void> {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .delete(surveyConsents)
      .where(and(eq(surveyConsents.tenantId, ctx.tenant), eq(surveyConsents.surveyId, surveyId), eq(surveyConsents.id, consentId)))
      .returning({ id: surveyConsents.id });
    if (!gone.length) throw notFound();
    await recordAudit(tx, { action: 'survey.consentDelete', subjectType: 'survey', subjectId: surveyId });
  });
}
