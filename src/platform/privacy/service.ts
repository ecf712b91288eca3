// "Mijn gegevens": everything the platform holds about the signed-in person, for their own view and export. The
// platform writes the sections of its own tables (account, sessions, devices, reset links, API tokens, audit log);
// each module adds its own through the module contract (`personalData`). Every read is audit-logged.
import { and, asc, desc, eq, ne, or, isNull } from 'drizzle-orm';
import type { ServiceContext } from '../context.ts';
import { requireActor } from '../auth/require.ts';
import { users, userRoles, sessions, trustedDevices, passwordResetTokens, apiTokens } from '../auth/schema.ts';
import { auditEvents } from '../audit/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { auditActionLabel } from '../audit/labels.ts';
import { modulePersonalData, organisationDirectory, type PersonalDataSection, type PersonalDataCell } from '../module.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { AppError } from '../http/errors.ts';

export type { PersonalDataSection, PersonalDataCell };

/** How the person read their data: the page, the download or the API (recorded in the audit row). */
export type PersonalDataVia = 'page' | 'download' | 'api';

export interface PersonalData {
  generatedAt: Date;
  user: { id: string; name: string; email: string };
  sections: PersonalDataSection[];
}

/**
 * Everything held about the signed-in person: the platform's sections, then the modules' in the order of the module
 * list. Writes one `account.personal_data_read` row (how it was read, how many sections and rows).
 */
export async function readPersonalData(ctx: ServiceContext, via: PersonalDataVia): Promise<PersonalData> {
  const actor = requireActor(ctx);
  const [user] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, actor.userId)));
  if (!user) throw new AppError('not_found', 'error.notFound');
  const sections = [...(await platformSections(ctx, user)), ...(await modulePersonalData(ctx, user.id))];
  await recordAudit(ctx, {
    action: 'account.personal_data_read',
    subjectType: 'user',
    subjectId: user.id,
    details: { via, sections: sections.length, rows: sections.reduce((n, s) => n + s.rows.length, 0) },
  });
  return { generatedAt: ctx.now(), user: { id: user.id, name: user.name, email: user.email }, sections };
}

/** The platform's own sections about one user (their account row is given). */
async function platformSections(ctx: ServiceContext, user: typeof users.$inferSelect): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const tenant = ctx.tenant;
  const roles = await ctx.db.select({ role: userRoles.role }).from(userRoles).where(and(eq(userRoles.tenantId, tenant), eq(userRoles.userId, user.id))).orderBy(asc(userRoles.role));
  const orgName = user.organisationId ? ((await organisationDirectory()?.names(ctx, [user.organisationId]))?.get(user.organisationId) ?? null) : null;
  const [lastLogin] = await ctx.db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenant), eq(auditEvents.actorUserId, user.id), eq(auditEvents.action, 'auth.login')))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  const account: PersonalDataSection = {
    key: 'account.account',
    title: l('mydata.account.title'),
    explanation: l('mydata.account.explanation'),
    columns: [l('mydata.col.item'), l('mydata.col.value')],
    rows: [
      [l('field.name'), user.name],
      [l('field.email'), user.email],
      [l('field.roles'), roles.map((r) => t(ctx.lang, `role.${r.role}` as MessageKey)).join(', ')],
      [l('mydata.account.organisation'), orgName],
      [l('mydata.account.language'), user.locale === 'en' || user.locale === 'nl' ? l(`mydata.language.${user.locale}`) : user.locale],
      [l('mydata.account.password'), user.passwordHash ? l('mydata.yes') : l('mydata.no')],
      [l('mydata.account.created'), user.createdAt],
      [l('mydata.account.lastLogin'), lastLogin?.at ?? null],
      ...(user.disabledAt ? [[l('mydata.account.disabled'), user.disabledAt]] : []),
    ],
  };

  const sessionRows = await ctx.db
    .select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(and(eq(sessions.tenantId, tenant), eq(sessions.userId, user.id)))
    .orderBy(desc(sessions.createdAt));
  const deviceRows = await ctx.db
    .select({ createdAt: trustedDevices.createdAt, expiresAt: trustedDevices.expiresAt })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tenantId, tenant), eq(trustedDevices.userId, user.id)))
    .orderBy(desc(trustedDevices.createdAt));
  const resetRows = await ctx.db
    .select({ createdAt: passwordResetTokens.createdAt, expiresAt: passwordResetTokens.expiresAt, usedAt: passwordResetTokens.usedAt })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tenantId, tenant), eq(passwordResetTokens.userId, user.id)))
    .orderBy(desc(passwordResetTokens.createdAt));
  const tokenRows = await ctx.db
    .select({ name: apiTokens.name, scopes: apiTokens.scopes, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tenantId, tenant), eq(apiTokens.userId, user.id)))
    .orderBy(desc(apiTokens.createdAt));
  const own = await ctx.db
    .select({ at: auditEvents.at, action: auditEvents.action, subjectType: auditEvents.subjectType, subjectId: auditEvents.subjectId, details: auditEvents.details })
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenant), eq(auditEvents.actorUserId, user.id)))
    .orderBy(desc(auditEvents.id));
  const about = await ctx.db
    .select({ at: auditEvents.at, action: auditEvents.action, details: auditEvents.details })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenant),
        eq(auditEvents.subjectType, 'user'),
        eq(auditEvents.subjectId, user.id),
        or(isNull(auditEvents.actorUserId), ne(auditEvents.actorUserId, user.id)),
      ),
    )
    .orderBy(desc(auditEvents.id));

  const details = (d: Record<string, unknown>) => (Object.keys(d).length ? JSON.stringify(d) : null);
  const subject = (type: string | null, id: string | null) => (type ? (id ? `${type} ${id}` : type) : null);
  const sections: PersonalDataSection[] = [
    account,
    {
      key: 'account.sessions',
      title: l('mydata.sessions.title'),
      explanation: l('mydata.sessions.explanation'),
      columns: [l('mydata.col.created'), l('mydata.col.expires')],
      rows: sessionRows.map((r) => [r.createdAt, r.expiresAt]),
    },
    {
      key: 'account.devices',
      title: l('mydata.devices.title'),
      explanation: l('mydata.devices.explanation'),
      columns: [l('mydata.col.created'), l('mydata.col.expires')],
      rows: deviceRows.map((r) => [r.createdAt, r.expiresAt]),
    },
    {
      key: 'account.password_resets',
      title: l('mydata.resets.title'),
      explanation: l('mydata.resets.explanation'),
      columns: [l('mydata.col.created'), l('mydata.col.expires'), l('mydata.col.used')],
      rows: resetRows.map((r) => [r.createdAt, r.expiresAt, r.usedAt]),
    },
    {
      key: 'account.api_tokens',
      title: l('mydata.tokens.title'),
      explanation: l('mydata.tokens.explanation'),
      columns: [l('mydata.col.name'), l('mydata.col.scopes'), l('mydata.col.created'), l('mydata.col.expires'), l('mydata.col.lastUsed'), l('mydata.col.revoked')],
      rows: tokenRows.map((r) => [r.name, r.scopes.map((s) => t(ctx.lang, `tokens.scopeShort.${s}` as MessageKey)).join(', '), r.createdAt, r.expiresAt, r.lastUsedAt, r.revokedAt]),
    },
    {
      key: 'account.audit',
      title: l('mydata.audit.title'),
      explanation: l('mydata.audit.explanation'),
      columns: [l('mydata.col.when'), l('mydata.col.action'), l('mydata.col.actionName'), l('mydata.col.subject'), l('mydata.col.details')],
      rows: own.map((r) => [r.at, auditActionLabel(ctx.lang, r.action), r.action, subject(r.subjectType, r.subjectId), details(r.details)]),
    },
    {
      key: 'account.audit_about',
      title: l('mydata.auditAbout.title'),
      explanation: l('mydata.auditAbout.explanation'),
      columns: [l('mydata.col.when'), l('mydata.col.action'), l('mydata.col.actionName'), l('mydata.col.details')],
      rows: about.map((r) => [r.at, auditActionLabel(ctx.lang, r.action), r.action, details(r.details)]),
    },
  ];
  // The account is always shown; the other platform sections only when they hold rows.
  return sections.filter((s, i) => i === 0 || s.rows.length > 0);
}

/** A cell as JSON: moments as ISO 8601. */
export const cellJson = (c: PersonalDataCell): string | number | null => (c instanceof Date ? c.toISOString() : c);

/** The export: the same data with moments as ISO 8601 strings. */
export function personalDataJson(d: PersonalData) {
  return {
    generatedAt: d.generatedAt.toISOString(),
    user: d.user,
    sections: d.sections.map((s) => ({ key: s.key, title: s.title, ...(s.explanation ? { explanation: s.explanation } : {}), columns: s.columns, rows: s.rows.map((r) => r.map(cellJson)) })),
  };
}
