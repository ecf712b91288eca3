// Figures on complaints and objections per year of receipt: numbers per type, organisation, theme and activity (a
// complaint about an activity counts for the activity's organisation and theme when it names none), the median
// handling time (days from receipt to decision, handled cases) and the share handled within the deadline.
// Partner staff see their own organisation's figures; policy advisors, contract managers, administrators and
// auditors see all (aggregates only: no single case).
import { z } from '../../platform/zod.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { forbidden, parseChecked } from '../../platform/http/errors.ts';
import { readsRegisterFigures } from './policy.ts';
import { effectsComplaints } from './schema.ts';
import { and, eq, gte, lte, type SQL } from 'drizzle-orm';
import { listComplaintTypes } from './outflow-terms.ts';
import { getActivitySummaries } from '../catalogue/service.ts';
import { daysBetween, handledInTime, isOverdue, localDate, median } from './complaint-deadline.ts';

export interface ComplaintFigures {
  key: string | null;
  received: number;
  handled: number;
  open: number;
  overdue: number;
  medianDays: number | null;
  inTimeShare: number | null;
}

export interface ComplaintReport {
  year: number;
  total: ComplaintFigures;
  byType: ComplaintFigures[];
  byOrganisation: ComplaintFigures[];
  byTheme: ComplaintFigures[];
  /** per activity of the activity map (complaints about an activity) */
  byActivity: ComplaintFigures[];
}

export const complaintReportFilters = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

interface Case {
  typeKey: string;
  organisationId: string | null;
  themeSlug: string | null;
  activityId: string | null;
  handled: boolean;
  overdue: boolean;
  days: number | null;
  inTime: boolean | null;
}

function figures(key: string | null, cs: Case[]): ComplaintFigures {
  const handled = cs.filter((c) => c.handled);
  const timed = handled.filter((c) => c.inTime !== null);
  return {
    key,
    received: cs.length,
    handled: handled.length,
    open: cs.length - handled.length,
    overdue: cs.filter((c) => c.overdue).length,
    medianDays: median(handled.flatMap((c) => (c.days === null ? [] : [c.days]))),
    inTimeShare: timed.length ? Math.round((timed.filter((c) => c.inTime).length / timed.length) * 10000) / 10000 : null,
  };
}

const groupBy = (cs: Case[], key: (c: Case) => string | null) => {
  const keys = [...new Set(cs.map(key))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return keys.map((k) => figures(k, cs.filter((c) => key(c) === k)));
};

export async function complaintReport(ctx: ServiceContext, raw: { year: number | string }): Promise<ComplaintReport> {
  const actor = requireActor(ctx);
  if (!readsRegisterFigures(actor)) throw forbidden();
  const { year } = await parseChecked(complaintReportFilters, raw, () => []);
  const where: SQL[] = [eq(effectsComplaints.tenantId, ctx.tenant), gte(effectsComplaints.receivedDate, `${year}-01-01`), lte(effectsComplaints.receivedDate, `${year}-12-31`)];
  if (!hasRole(actor, 'policy_advisor', 'contract_manager', 'administrator', 'auditor')) {
    if (!actor.organisationId) throw forbidden();
    where.push(eq(effectsComplaints.organisationId, actor.organisationId));
  }
  const rows = await ctx.db.select().from(effectsComplaints).where(and(...where));
  const types = new Map((await listComplaintTypes(ctx)).map((t) => [t.key, t]));
  const today = localDate(ctx.now());
  // a case about an activity without its organisation or theme counts for those of the activity (catalogue)
  const activities = await getActivitySummaries(ctx, rows.flatMap((r) => (r.activityId ? [r.activityId] : [])));
  const cases: Case[] = rows.map((r) => {
    const activity = r.activityId ? activities.get(r.activityId) : undefined;
    const facts = { receivedDate: r.receivedDate, deadlineDays: types.get(r.typeKey)?.deadlineDays ?? 42, extensionDays: r.extensionDays, status: r.status, decidedDate: r.decidedDate };
    return {
      typeKey: r.typeKey,
      organisationId: r.organisationId ?? activity?.organisationId ?? null,
      themeSlug: r.themeSlug ?? (activity?.themes.length === 1 ? activity.themes[0] : null),
      activityId: r.activityId,
      handled: r.status === 'handled',
      overdue: isOverdue(facts, today),
      days: r.status === 'handled' && r.decidedDate ? daysBetween(r.receivedDate, r.decidedDate) : null,
      inTime: handledInTime(facts),
    };
  });
  return {
    year,
    total: figures(null, cases),
    byType: groupBy(cases, (c) => c.typeKey),
    byOrganisation: groupBy(cases, (c) => c.organisationId),
    byTheme: groupBy(cases, (c) => c.themeSlug),
    byActivity: groupBy(cases, (c) => c.activityId),
  };
}
