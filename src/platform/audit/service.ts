import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from './schema.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../auth/require.ts';
import { platformAuditActions, type AuditAction } from './actions.ts';
import { declaredAuditActions } from '../module.ts';

export type { AuditAction };
import { z } from '../zod.ts';

export interface AuditInput {
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  /** The organisation the actor acted for when it is not their own (e.g. an administrator booking for a partner). */
  onBehalfOf?: { organisationId: string };
  details?: Record<string, unknown>;
  /** For events without a logged-in actor (e.g. a failed login, the CLI). */
  actorLabel?: string;
}

/** Writes one audit row. Call it with the transaction's ctx so the row commits with the change. */
export async function recordAudit(ctx: ServiceContext, input: AuditInput): Promise<void> {
  // The type admits only declared actions; this also stops one built at run time that no module declared.
  if (!(platformAuditActions as readonly string[]).includes(input.action) && !declaredAuditActions().has(input.action)) {
    throw new Error(`Audit action ${input.action} is not declared by the platform or an installed module.`);
  }
  await ctx.db.insert(auditEvents).values({
    tenantId: ctx.tenant,
    at: ctx.now(),
    actorUserId: ctx.actor?.userId || null,
    actorLabel: input.actorLabel ?? ctx.actor?.email ?? 'anoniem',
    action: input.action,
    subjectType: input.subjectType ?? null,
    subjectId: input.subjectId ?? null,
    onBehalfOf: input.onBehalfOf?.organisationId ?? null,
    details: ctx.apiTokenId ? { ...input.details, viaApiToken: ctx.apiTokenId } : (input.details ?? {}),
  });
}

export interface AuditQuery {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  actorUserId?: string;
  before?: number;
  limit?: number;
}

/** The audit log's filters as a reader sends them (query strings): checked, so bad values are a 400, not a 500. */
export const auditQueryInput = z.object({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  /** Paging: only events with a lower id. */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQueryInput = z.input<typeof auditQueryInput>;

/**
 * The audit log for administrators, newest first (the page and the API). Reading it is itself audited: one
 * `audit.read` row per page read, with the filters used and the number of rows shown.
 */
export async function readAuditLog(ctx: ServiceContext, raw: AuditQueryInput) {
  requireRole(ctx, 'administrator');
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '' && v !== undefined));
  const q = auditQueryInput.parse(given);
  const events = await findAuditEvents(ctx, q);
  const filters = Object.fromEntries(Object.entries({ action: q.action, subjectType: q.subjectType, subjectId: q.subjectId, before: q.before }).filter(([, v]) => v !== undefined));
  await recordAudit(ctx, { action: 'audit.read', details: { filters, count: events.length } });
  return events;
}

/** The query behind the audit log (administrators), without an audit row of the read. */
export async function findAuditEvents(ctx: ServiceContext, q: AuditQuery = {}) {
  requireRole(ctx, 'administrator');
  const where: SQL[] = [eq(auditEvents.tenantId, ctx.tenant)];
  if (q.action) where.push(sql`${auditEvents.action} like ${q.action.replace(/[\\%_]/g, (m) => '\\' + m) + '%'}`);
  if (q.subjectType) where.push(eq(auditEvents.subjectType, q.subjectType));
  if (q.subjectId) where.push(eq(auditEvents.subjectId, q.subjectId));
  if (q.actorUserId) where.push(eq(auditEvents.actorUserId, q.actorUserId));
  if (q.before) where.push(lt(auditEvents.id, q.before));
  return ctx.db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.id))
    .limit(Math.min(q.limit ?? 50, 500));
}
