import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents } from './schema.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../auth/require.ts';
import { platformAuditActions, type AuditAction } from './actions.ts';
import { declaredAuditActions } from '../module.ts';

export type { AuditAction };

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
    details: input.details ?? {},
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

/** Administrators read the audit log. */
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
