// Changing a contract and a contracting round after they were recorded. The same people as create them (policy
// advisors and administrators: managesContracts), the same checks (the contractor exists, the period does not end
// before it starts, a round's timeline in order), and one more: the contractor cannot change once subcontractors are
// recorded under the contract — their decisions were the contractor's to make. A change writes one audit row naming
// the fields that changed, with their values before and after; a save that changes nothing writes none. The timeline
// warnings of the subcontractors follow a changed timeline at once (they are computed when read).
import { and, eq, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { forbidden, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { contracts, contractRounds, contractSubcontractors } from './schema.ts';
import { managesContracts } from './policy.ts';
import { contractInput, contractChecks, contractViews, readableContract, readableRound, roundInput, roundView, timelineChecks, isoDate, optionalDate, type ContractView, type RoundView } from './contracts.ts';

/** The fields of a contract one may change; absent fields stay as they are (PATCH). */
export const contractPatch = z
  .object({
    name: z.string().trim().min(2).max(200),
    contractorOrganisationId: z.uuid(),
    signedOn: optionalDate,
    startsOn: isoDate,
    endsOn: optionalDate,
    source: z.string().trim().max(500),
    note: z.string().trim().max(5000),
  })
  .partial()
  .strict();
export type ContractPatch = z.input<typeof contractPatch>;

/** The fields of a round one may change: its timeline and note (the year names the round and stays). */
export const roundPatch = z
  .object({
    proposalFrom: isoDate,
    proposalTo: isoDate,
    conversationsFrom: isoDate,
    conversationsTo: isoDate,
    decisionFrom: isoDate,
    decisionTo: isoDate,
    note: z.string().trim().max(5000),
  })
  .partial()
  .strict();
export type RoundPatch = z.input<typeof roundPatch>;

const given = <T extends object>(patch: T): Partial<T> => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The fields whose value differs, with before and after (for the audit row). */
function changes<T extends Record<string, unknown>>(before: T, after: T, keys: readonly (keyof T & string)[]): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) if ((before[k] ?? null) !== (after[k] ?? null)) out[k] = { before: before[k] ?? null, after: after[k] ?? null };
  return out;
}

const contractKeys = ['name', 'contractorOrganisationId', 'signedOn', 'startsOn', 'endsOn', 'source', 'note'] as const;
const roundKeys = ['proposalFrom', 'proposalTo', 'conversationsFrom', 'conversationsTo', 'decisionFrom', 'decisionTo', 'note'] as const;

/** How many subcontractors are recorded under a contract, over all its rounds (no access check: callers check). */
export async function subcontractorCount(ctx: ServiceContext, contractId: string): Promise<number> {
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(contractSubcontractors)
    .innerJoin(contractRounds, and(eq(contractRounds.tenantId, contractSubcontractors.tenantId), eq(contractRounds.id, contractSubcontractors.roundId)))
    .where(and(eq(contractSubcontractors.tenantId, ctx.tenant), eq(contractRounds.contractId, contractId)));
  return Number(n);
}

/** Changes a contract's name, contractor, dates, source or note (policy advisors, administrators). */
export async function updateContract(ctx: ServiceContext, id: string, patch: ContractPatch): Promise<ContractView> {
  const actor = requireActor(ctx);
  const current = await readableContract(ctx, id);
  if (!managesContracts(actor)) throw forbidden();
  const merged = {
    name: current.name,
    contractorOrganisationId: current.contractorOrganisationId,
    signedOn: current.signedOn,
    startsOn: current.startsOn,
    endsOn: current.endsOn,
    source: current.source,
    note: current.note,
    ...given(patch ?? {}),
  };
  const input = await parseChecked(contractInput, merged, async (p) => {
    const e = await contractChecks(ctx, p);
    if (p.contractorOrganisationId && p.contractorOrganisationId !== current.contractorOrganisationId && (await subcontractorCount(ctx, id)) > 0)
      e.push({ field: 'contractorOrganisationId', message: 'contracts.error.contractorFixed', code: 'not_allowed' });
    return e;
  });
  const after = { ...input, signedOn: input.signedOn ?? null, endsOn: input.endsOn ?? null };
  const changed = changes(current, after, contractKeys);
  if (!Object.keys(changed).length) return (await contractViews(ctx, [current]))[0];
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(contracts)
      .set({ ...after, updatedAt: tx.now() })
      .where(and(eq(contracts.tenantId, tx.tenant), eq(contracts.id, id)))
      .returning();
    await recordAudit(tx, { action: 'contracts.contract.updated', subjectType: 'contract', subjectId: id, details: { changes: changed } });
    return (await contractViews(tx, [row]))[0];
  });
}

/** Changes a round's timeline or note (policy advisors, administrators). */
export async function updateRound(ctx: ServiceContext, id: string, patch: RoundPatch): Promise<RoundView> {
  const actor = requireActor(ctx);
  const { round: current } = await readableRound(ctx, id);
  if (!managesContracts(actor)) throw forbidden();
  const merged = { ...current, ...given(patch ?? {}) };
  const input = await parseChecked(roundInput, merged, (p) => timelineChecks(p) satisfies FieldError[]);
  const changed = changes(current, { ...current, ...input, year: current.year }, roundKeys);
  if (!Object.keys(changed).length) return current;
  return inTransaction(ctx, async (tx) => {
    const { year: _year, ...values } = input;
    const [row] = await tx.db
      .update(contractRounds)
      .set({ ...values, updatedAt: tx.now() })
      .where(and(eq(contractRounds.tenantId, tx.tenant), eq(contractRounds.id, id)))
      .returning();
    await recordAudit(tx, { action: 'contracts.round.updated', subjectType: 'contract_round', subjectId: id, details: { year: current.year, changes: changed } });
    return roundView(row);
  });
}
