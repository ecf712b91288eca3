// Demo data of the fund, from a seeded generator, relative to today's year C: the fund of year C (every demo volunteer
// organisation applied the autumn before, all decided, extra budget for some after a conversation, paid in January)
// and of year C + 1 (once its window — September of year C — has passed: some decided with last year's amount
// guaranteed, one still waiting and overdue after 31 October, one draft), support given, and a demo account of a
// volunteer organisation. Safe to run again: a year that exists is left as is.
import { and, eq } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../../platform/rng.ts';
import { users } from '../../platform/auth/schema.ts';
import { createUser } from '../../platform/auth/service.ts';
import { DEMO_PASSWORD, findOrganisationIdsByName, listOrganisations } from '../network/service.ts';
import { fundApplications, fundExtraBudgets, fundPayments, fundSupport, fundYears } from './schema.ts';
import { today } from './years.ts';

export const DEMO_VOLUNTEER_ORGANISATION_EMAIL = 'vrijwilligersorganisatie@demo.sociale-basis.nl';
const BUDGET = 30_000_000; // EUR 300,000 a year (the Gewoon in de Wijk letter)

const letter = (org: string, year: number, cents: number) =>
  `Beste ${org},\n\nU krijgt voor ${year} een bijdrage van € ${(cents / 100).toLocaleString('nl-NL')} uit het fonds voor vrijwilligersorganisaties zonder personeel. ` +
  `In november nodigen wij u uit voor een persoonlijk gesprek over uw plannen en de ondersteuning die u daarbij nodig hebt.\n\nMet vriendelijke groet,\nhet fonds voor vrijwilligersorganisaties (demo)`;

export async function seedFundDemo(ctx: ServiceContext, rng: Rng): Promise<string[]> {
  requireSystem(ctx);
  const C = Number(today(ctx).slice(0, 4));
  const orgs = (await listOrganisations(ctx, { type: 'volunteer-organisation' })).filter((o) => o.name.endsWith(' (demo)')).slice(0, 6);
  if (orgs.length < 3) return ['fonds: te weinig demo-vrijwilligersorganisaties'];
  const manager = [...(await findOrganisationIdsByName(ctx, ['VanHier'])).values()][0] ?? null;
  const [advisor] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, 'beleid@demo.sociale-basis.nl')));
  const report: string[] = [];

  const existing = new Set((await ctx.db.select({ year: fundYears.year }).from(fundYears).where(eq(fundYears.tenantId, ctx.tenant))).map((r) => r.year));
  const totals = new Map<string, number>();
  await inTransaction(ctx, async (tx) => {
    const addYear = async (year: number) =>
      (
        await tx.db
          .insert(fundYears)
          .values({ tenantId: tx.tenant, year, budgetCents: BUDGET, opensOn: `${year - 1}-09-01`, closesOn: `${year - 1}-09-30`, decisionDeadline: `${year - 1}-10-31`, managerOrganisationId: manager, source: 'demo', note: 'Demogegevens.' })
          .returning({ id: fundYears.id })
      )[0].id;

    // Year C: all decided, some extra budget, all paid.
    if (!existing.has(C)) {
      const fundId = await addYear(C);
      for (const [i, o] of orgs.entries()) {
        const requested = rng.int(20, 120) * 10_000;
        const [a] = await tx.db
          .insert(fundApplications)
          .values({
            tenantId: tx.tenant,
            fundYearId: fundId,
            organisationId: o.id,
            status: 'decided',
            whoWeAre: `${o.name.replace(' (demo)', '')}: een vereniging van vrijwilligers uit de buurt, zonder betaalde krachten.`,
            whatWeDo: 'Wekelijkse activiteiten voor bewoners, georganiseerd door vrijwilligers.',
            forWhom: 'Bewoners uit de wijk, vooral wie weinig contacten heeft.',
            requestedCents: requested,
            guaranteedCents: 0,
            contactUserId: advisor?.id ?? null,
            submittedAt: new Date(`${C - 1}-09-${String(10 + i).padStart(2, '0')}T10:00:00Z`),
            grantedCents: requested,
            letterText: letter(o.name, C, requested),
            decidedOn: `${C - 1}-10-${String(10 + i).padStart(2, '0')}`,
          })
          .returning({ id: fundApplications.id });
        let total = requested;
        if (i % 3 === 0) {
          const extra = rng.int(5, 15) * 10_000;
          total += extra;
          await tx.db.insert(fundExtraBudgets).values({ tenantId: tx.tenant, applicationId: a.id, conversationOn: `${C - 1}-11-${String(10 + i).padStart(2, '0')}`, notes: 'Plannen voor een extra activiteit in de zomer besproken.', agreedCents: extra });
        }
        await tx.db.insert(fundPayments).values({ tenantId: tx.tenant, applicationId: a.id, paidOn: `${C}-01-15`, amountCents: total, reference: `demo-${C}-${i + 1}` });
        totals.set(o.id, total);
      }
      const kinds = ['fundraising', 'network-meeting', 'training'] as const;
      for (const [i, o] of orgs.slice(0, 3).entries()) {
        await tx.db.insert(fundSupport).values({ tenantId: tx.tenant, fundYearId: fundId, organisationId: o.id, kind: kinds[i], givenOn: `${C}-0${3 + i}-12`, description: ['Hulp bij een aanvraag bij een vermogensfonds.', 'Netwerkbijeenkomst van vrijwilligersorganisaties.', 'Training werven en behouden van vrijwilligers.'][i] });
      }
      report.push(`fonds: ${C} met ${orgs.length} besloten aanvragen`);
    }

    // Year C + 1: only once its window (September of year C) is over.
    if (!existing.has(C + 1) && today(ctx) >= `${C}-10-01`) {
      const fundId = await addYear(C + 1);
      for (const [i, o] of orgs.slice(0, 5).entries()) {
        const guaranteed = totals.get(o.id) ?? 0;
        const requested = guaranteed + (i === 1 ? 150_000 : 0);
        const status = i < 3 ? 'decided' : i === 3 ? 'submitted' : 'draft';
        await tx.db.insert(fundApplications).values({
          tenantId: tx.tenant,
          fundYearId: fundId,
          organisationId: o.id,
          status,
          whoWeAre: `${o.name.replace(' (demo)', '')}: een vereniging van vrijwilligers uit de buurt, zonder betaalde krachten.`,
          whatWeDo: status === 'draft' ? '' : 'Wekelijkse activiteiten voor bewoners, georganiseerd door vrijwilligers.',
          forWhom: status === 'draft' ? '' : 'Bewoners uit de wijk, vooral wie weinig contacten heeft.',
          requestedCents: status === 'draft' ? null : requested,
          guaranteedCents: guaranteed,
          contactUserId: advisor?.id ?? null,
          submittedAt: status === 'draft' ? null : new Date(`${C}-09-${String(10 + i).padStart(2, '0')}T10:00:00Z`),
          grantedCents: status === 'decided' ? requested : null,
          letterText: status === 'decided' ? letter(o.name, C + 1, requested) : '',
          decidedOn: status === 'decided' ? `${C}-10-${String(10 + i).padStart(2, '0')}` : null,
        });
      }
      report.push(`fonds: ${C + 1} met 5 aanvragen`);
    }
  });

  // A demo account of the first demo volunteer organisation (when the network made the demo accounts).
  const [admin] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, 'beheerder@demo.sociale-basis.nl')));
  const [mine] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, DEMO_VOLUNTEER_ORGANISATION_EMAIL)));
  if (admin && !mine) {
    const seedAdmin: ServiceContext = { ...ctx, actor: { userId: '', name: 'seed', email: 'seed', roles: ['administrator'], organisationId: null } };
    await createUser(seedAdmin, { email: DEMO_VOLUNTEER_ORGANISATION_EMAIL, name: 'Vera Vrijwilligersorganisatie', roles: ['volunteer'], password: DEMO_PASSWORD, organisationId: orgs[0].id });
    report.push(`fonds: demo-account ${DEMO_VOLUNTEER_ORGANISATION_EMAIL} (${orgs[0].name})`);
  }
  return report.length ? report : ['fonds: al aanwezig'];
}
