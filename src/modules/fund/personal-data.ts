// What the fund holds about one person ("Mijn gegevens"): the applications that name them (contact person, who
// started, sent or decided it). Year, organisation, status and dates; the answers are on the application itself.
import { and, desc, eq, or } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import type { PersonalDataSection } from '../../platform/module.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { fundApplications, fundYears } from './schema.ts';
import { getOrganisationNames } from '../network/service.ts';

/** The module contract's `personalData`: a section only when there are rows. */
export async function fundPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const a = fundApplications;
  const rows = await ctx.db
    .select({ year: fundYears.year, organisationId: a.organisationId, status: a.status, contact: a.contactUserId, createdBy: a.createdBy, submittedBy: a.submittedBy, decidedBy: a.decidedBy, submittedAt: a.submittedAt, decidedOn: a.decidedOn })
    .from(a)
    .innerJoin(fundYears, and(eq(fundYears.tenantId, a.tenantId), eq(fundYears.id, a.fundYearId)))
    .where(and(eq(a.tenantId, ctx.tenant), or(eq(a.contactUserId, userId), eq(a.createdBy, userId), eq(a.submittedBy, userId), eq(a.decidedBy, userId))))
    .orderBy(desc(fundYears.year));
  if (!rows.length) return [];
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.organisationId))]);
  const roles = (r: (typeof rows)[number]) =>
    (
      [
        [r.contact, 'fund.mydata.role.contact'],
        [r.createdBy, 'fund.mydata.role.created'],
        [r.submittedBy, 'fund.mydata.role.submitted'],
        [r.decidedBy, 'fund.mydata.role.decided'],
      ] as const
    )
      .filter(([id]) => id === userId)
      .map(([, key]) => l(key))
      .join(', ');
  return [
    {
      key: 'fund.applications',
      title: l('fund.mydata.title'),
      explanation: l('fund.mydata.explanation'),
      columns: [l('fund.mydata.col.year'), l('fund.mydata.col.organisation'), l('fund.status'), l('fund.mydata.col.role'), l('fund.mydata.col.submitted'), l('fund.mydata.col.decided')],
      rows: rows.map((r) => [r.year, names.get(r.organisationId) ?? null, t(ctx.lang, `fund.status.${r.status}` as MessageKey), roles(r), r.submittedAt, r.decidedOn]),
    },
  ];
}
