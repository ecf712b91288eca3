// Demo data of the contracts module: the demo subcontractors of the network in the seeded contracting round (the
// first round of the first contract), with kinds of provider after the letter (the largest reduction among small
// providers of ambulatory support and day care; (middle-)large providers mostly with a transition year), proposed
// and final decisions along the timeline (a few dates outside it, one round still without a final decision), and
// transfers for the ones that stop. A demo account for the contractor's staff. Safe to run again.
import { and, asc, eq } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../../platform/rng.ts';
import { users } from '../../platform/auth/schema.ts';
import { createUser } from '../../platform/auth/service.ts';
import { DEMO_PASSWORD, listOrganisations } from '../network/service.ts';
import { contracts, contractRounds, contractSubcontractors } from './schema.ts';
import { addDays, today } from './contracts.ts';
import { residentsReachedBy } from '../reach/service.ts';

export const DEMO_CONTRACTOR_EMAIL = 'opdrachtnemer@demo.sociale-basis.nl';

/** Kinds of provider named in the letter. */
const kinds = ['Ambulante begeleiding (kleine aanbieder)', 'Dagopvang als maatwerkvoorziening (kleine aanbieder)', '(Middel)grote aanbieder'] as const;

export async function seedContractsDemo(ctx: ServiceContext, rng: Rng): Promise<string[]> {
  requireSystem(ctx);
  const [contract] = await ctx.db.select().from(contracts).where(eq(contracts.tenantId, ctx.tenant)).orderBy(asc(contracts.startsOn)).limit(1);
  if (!contract) return ['opdrachten: geen opdracht om demodata bij te maken'];
  const [round] = await ctx.db.select().from(contractRounds).where(and(eq(contractRounds.tenantId, ctx.tenant), eq(contractRounds.contractId, contract.id))).orderBy(asc(contractRounds.year)).limit(1);
  const report: string[] = [];
  if (round) {
    const [any] = await ctx.db.select({ id: contractSubcontractors.id }).from(contractSubcontractors).where(and(eq(contractSubcontractors.tenantId, ctx.tenant), eq(contractSubcontractors.roundId, round.id))).limit(1);
    const subs = (await listOrganisations(ctx, { type: 'subcontractor' })).filter((o) => o.name.endsWith(' (demo)'));
    if (!any && subs.length) {
      // The transfers agreed are at most the residents each reached in the last year (reach, as the platform counts them).
      const seedAdmin: ServiceContext = { ...ctx, actor: { userId: '', name: 'seed', email: 'seed', roles: ['administrator'], organisationId: null } };
      const day = today(ctx);
      const reached = await residentsReachedBy(seedAdmin, subs.map((o) => o.id), addDays(day, -365), day);
      await inTransaction(ctx, async (tx) => {
        for (const [i, o] of subs.entries()) {
          const kind = kinds[i % 5 < 2 ? 0 : i % 5 < 4 ? 1 : 2];
          const small = kind !== kinds[2];
          // The letter: the largest reduction among the small providers; (middle-)large ones mostly with a transition year.
          const r = rng.next();
          const decision = small ? (r < 0.45 ? 'stop' : r < 0.6 ? 'transition' : 'continue') : r < 0.25 ? 'transition' : r < 0.35 ? 'stop' : 'continue';
          const proposedOn = addDays(round.proposalFrom, rng.int(0, 9));
          const conversationOn = i === 3 ? addDays(round.conversationsTo, 4) : addDays(round.conversationsFrom, rng.int(0, 14));
          const open = i === subs.length - 1; // one still without a final decision: shown as late
          const finalOn = open ? null : addDays(round.decisionFrom, rng.int(0, 9));
          const stopping = decision !== 'continue';
          const count = reached.get(o.id)?.residents ?? 0;
          const affected = stopping ? (typeof count === 'number' ? count : 2) : 0;
          const same = Math.round(affected * 0.7);
          const changed = affected - same;
          await tx.db.insert(contractSubcontractors).values({
            tenantId: tx.tenant,
            roundId: round.id,
            organisationId: o.id,
            providerKind: kind,
            proposedDecision: decision,
            proposedOn,
            conversationOn,
            concerns: stopping ? 'Zorgen over de inwoners die nu ondersteuning krijgen en over de eigen medewerkers.' : '',
            wishes: stopping ? 'Medewerkers graag laten overnemen; de overgang samen met de inwoners voorbereiden.' : 'Graag ook samenwerken in de Huizen van de Wijk.',
            finalDecision: open ? null : decision,
            finalOn,
            transferSameWorker: stopping ? same : 0,
            transferNewWorker: stopping ? changed : 0,
            transferCompleted: stopping ? rng.int(0, affected) : 0,
          });
        }
      });
      report.push(`opdrachten: ${subs.length} onderaannemers in ronde ${round.year}`);
    }
  }
  // A demo account for the contractor's staff (when the network made the demo accounts).
  const [admin] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, 'beheerder@demo.sociale-basis.nl')));
  const [mine] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, DEMO_CONTRACTOR_EMAIL)));
  if (admin && !mine) {
    const seedAdmin: ServiceContext = { ...ctx, actor: { userId: '', name: 'seed', email: 'seed', roles: ['administrator'], organisationId: null } };
    await createUser(seedAdmin, { email: DEMO_CONTRACTOR_EMAIL, name: 'Otto Opdrachtnemer', roles: ['contract_manager'], password: DEMO_PASSWORD, organisationId: contract.contractorOrganisationId });
    report.push(`opdrachten: demo-account ${DEMO_CONTRACTOR_EMAIL}`);
  }
  return report.length ? report : ['opdrachten: al aanwezig'];
}
