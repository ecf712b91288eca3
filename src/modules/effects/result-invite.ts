// Invitation lists with response-rate tracking (for consultations of organisations, like the 2021 report's stakeholder
// survey: 187 organisations approached). Staff add invitees — an organisation's name and a role e-mail address, no
// personal names — and each gets a personal one-time link. Only the token's SHA-256 is stored: a link is shown once,
// when it is made (staff can make new links, which end the old ones). The platform sends no e-mail: staff copy the
// links or download them as CSV for a mail merge. The list shows whether an invitee responded, never which answers.
import crypto from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, invalid, notFound, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { tallyResponse } from './result-tally.ts';
import { surveyInvitations, surveyResponses, surveyAnswers } from './schema.ts';
import { managesSurvey } from './policy.ts';
import { loadFull, surveyRow } from './survey-service.ts';
import { isOpen } from './survey-answer.ts';
import { checkAnswers, type RawAnswers } from './survey-check.ts';
import type { SurveyFull } from './survey-types.ts';

export const MAX_INVITEES = 1000;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;
const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const newToken = () => crypto.randomBytes(24).toString('base64url');
export const TOKEN_PATTERN = '[A-Za-z0-9_-]{32}';

export interface Invitee {
  organisationName: string;
  email: string;
}
export interface IssuedLink extends Invitee {
  id: string;
  /** the one-time token (shown once; only its hash is stored) */
  token: string;
}

async function managed(ctx: ServiceContext, surveyId: string) {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !managesSurvey(ctx.actor, row.ownerOrganisationId)) throw notFound();
  return row;
}

/** Lines "organisation; e-mail" (or a tab or comma) → invitees; errors name the line. */
export function parseInvitees(text: string): { invitees: Invitee[]; errors: FieldError[] } {
  const invitees: Invitee[] = [];
  const errors: FieldError[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  lines.forEach((line, i) => {
    if (!line) return;
    const parts = line.split(/[;\t]|,(?=[^,]*@)/).map((p) => p.trim());
    const email = parts.pop() ?? '';
    const organisationName = parts.join(' ').trim();
    if (!organisationName || organisationName.length > 200 || !EMAIL.test(email) || email.length > 200) errors.push({ field: 'invitees', message: 'effects.invite.error.line', params: { line: String(i + 1) } } as FieldError);
    else invitees.push({ organisationName, email: email.toLowerCase() });
  });
  if (!invitees.length && !errors.length) errors.push({ field: 'invitees', message: 'validation.required' });
  if (invitees.length > MAX_INVITEES) errors.push({ field: 'invitees', message: 'effects.invite.error.tooMany' });
  return { invitees, errors };
}

/** Adds invitees to a survey and returns their links (once). */
export async function addInvitations(ctx: ServiceContext, surveyId: string, text: string): Promise<IssuedLink[]> {
  await managed(ctx, surveyId);
  const { invitees, errors } = parseInvitees(text);
  if (errors.length) throw invalid(errors);
  return inTransaction(ctx, async (tx) => {
    const issued = invitees.map((i) => ({ ...i, token: newToken() }));
    const rows = await tx.db
      .insert(surveyInvitations)
      .values(issued.map((i) => ({ tenantId: ctx.tenant, surveyId, organisationName: i.organisationName, email: i.email, tokenHash: hash(i.token) })))
      .returning({ id: surveyInvitations.id });
    await recordAudit(tx, { action: 'survey.invite', subjectType: 'survey', subjectId: surveyId, details: { added: issued.length } });
    return issued.map((i, k) => ({ ...i, id: rows[k].id }));
  });
}

/** New links for the invitees who have not responded (the old links stop working). */
export async function renewInvitationLinks(ctx: ServiceContext, surveyId: string): Promise<IssuedLink[]> {
  await managed(ctx, surveyId);
  return inTransaction(ctx, async (tx) => {
    const open = await tx.db
      .select()
      .from(surveyInvitations)
      .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId), isNull(surveyInvitations.respondedAt)))
      .orderBy(asc(surveyInvitations.organisationName));
    const out: IssuedLink[] = [];
    for (const i of open) {
      const token = newToken();
      await tx.db
        .update(surveyInvitations)
        .set({ tokenHash: hash(token) })
        .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.id, i.id)));
      out.push({ id: i.id, organisationName: i.organisationName, email: i.email, token });
    }
    await recordAudit(tx, { action: 'survey.invite', subjectType: 'survey', subjectId: surveyId, details: { renewed: out.length } });
    return out;
  });
}

/** The list: who was invited and whether they responded (not which answers), with the response rate. */
export async function listInvitations(ctx: ServiceContext, surveyId: string) {
  await managed(ctx, surveyId);
  const rows = await ctx.db
    .select({ id: surveyInvitations.id, organisationName: surveyInvitations.organisationName, email: surveyInvitations.email, respondedAt: surveyInvitations.respondedAt, createdAt: surveyInvitations.createdAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId)))
    .orderBy(asc(surveyInvitations.organisationName), asc(surveyInvitations.email));
  const responded = rows.filter((r) => r.respondedAt).length;
  return { invitations: rows.map((r) => ({ id: r.id, organisationName: r.organisationName, email: r.email, responded: r.respondedAt !== null })), invited: rows.length, responded, rate: rows.length ? Math.round((responded / rows.length) * 1000) / 10 : null };
}

/** Removes invitees who have not responded (a responded invitee stays: it counts in the response rate). */
export async function deleteInvitation(ctx: ServiceContext, surveyId: string, invitationId: string): Promise<void> {
  await managed(ctx, surveyId);
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .delete(surveyInvitations)
      .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId), inArray(surveyInvitations.id, [invitationId]), isNull(surveyInvitations.respondedAt)))
      .returning({ id: surveyInvitations.id });
    if (!gone.length) throw notFound();
    await recordAudit(tx, { action: 'survey.invite', subjectType: 'survey', subjectId: surveyId, details: { deleted: 1 } });
  });
}

/** The survey behind a personal link (public): not found for an unknown link; `used` once it was answered. */
export async function invitationSurvey(ctx: ServiceContext, surveyId: string, token: string): Promise<{ survey: SurveyFull; open: boolean; used: boolean }> {
  const row = await surveyRow(ctx, surveyId);
  if (!row || row.status === 'draft') throw notFound();
  const [inv] = await ctx.db
    .select({ respondedAt: surveyInvitations.respondedAt })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.tokenHash, hash(token))));
  if (!inv) throw notFound();
  const survey = await loadFull(ctx, row);
  return { survey, open: isOpen(survey, ctx.now()), used: inv.respondedAt !== null };
}

/** Answers through a personal link, once (channel 'invitation'): the invitation is marked responded in the same transaction. */
export async function submitInvitationResponse(ctx: ServiceContext, surveyId: string, token: string, raw: RawAnswers): Promise<void> {
  const { survey, open } = await invitationSurvey(ctx, surveyId, token);
  if (!open) throw new AppError('conflict', 'effects.answer.closed');
  const { answers, errors } = checkAnswers(survey.questions, raw ?? {});
  if (errors.length) throw invalid(errors);
  await inTransaction(ctx, async (tx) => {
    const now = ctx.now();
    const used = await tx.db
      .update(surveyInvitations)
      .set({ respondedAt: now })
      .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId), eq(surveyInvitations.tokenHash, hash(token)), isNull(surveyInvitations.respondedAt)))
      .returning({ id: surveyInvitations.id });
    if (!used.length) throw new AppError('conflict', 'effects.answer.alreadySent');
    const context = { activityId: survey.activityIds.length === 1 ? survey.activityIds[0] : null, themeSlug: survey.themeSlugs.length === 1 ? survey.themeSlugs[0] : null };
    const [response] = await tx.db
      .insert(surveyResponses)
      .values({ tenantId: ctx.tenant, surveyId, channel: 'invitation', ...context, answeredOn: now.toISOString().slice(0, 10), submittedAt: now })
      .returning({ id: surveyResponses.id });
    if (answers.length) await tx.db.insert(surveyAnswers).values(answers.map((a) => ({ tenantId: ctx.tenant, surveyId, responseId: response.id, submittedAt: now, ...a })));
    await tallyResponse(tx, surveyId, response.id);
  });
}

/** The links as CSV for a mail merge (organisation; e-mail; link). */
export const linksCsv = (links: IssuedLink[], linkOf: (token: string) => string) =>
  Buffer.from('\uFEFF' + ['organisatie;e-mail;link', ...links.map((l) => [l.organisationName.replace(/^[=+\-@]/, "'$&"), l.email, linkOf(l.token)].map((c) => (/[;"]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(';'))].join('\r\n') + '\r\n', 'utf8');
