// The integral contract and its subcontractors. A policy advisor records the contract with its contractor and a
// contracting round per coming year with the source's timeline; the contractor's staff record per subcontractor the
// proposed decision (continue, stop, one more transition year), the personal conversation and the final decision;
// dates outside the timeline are warned about, never refused. For a subcontractor that stops (now or after its
// transition year) the residents affected are counted from reach (no identities; small-cell rule), and the agreed
// transfer — same worker taken over, or a careful change agreed with the resident — is tracked as counts.
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { AppError, forbidden, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { getOrganisation, getOrganisationNames, organisationExists } from '../network/service.ts';
import { residentsReachedBy, type Count } from '../reach/service.ts';
import { contracts, contractRounds, contractSubcontractors } from './schema.ts';
import { decidesSubcontractors, managesContracts, readsContract } from './policy.ts';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
export const today = (ctx: ServiceContext): string => dayFormat.format(ctx.now());
const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' }).openapi({ format: 'date' });
const blank = (v: unknown) => (v === '' ? null : v);
export const optionalDate = z.preprocess(blank, isoDate.nullable().optional());
export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const decisions = ['continue', 'stop', 'transition'] as const;
export type Decision = (typeof decisions)[number];
const optionalDecision = z.preprocess(blank, z.enum(decisions).nullable().optional());

export interface ContractView {
  id: string;
  name: string;
  contractorOrganisationId: string;
  contractorName: string;
  signedOn: string | null;
  startsOn: string;
  endsOn: string | null;
  source: string;
  note: string;
}
export interface RoundView {
  id: string;
  contractId: string;
  year: number;
  proposalFrom: string;
  proposalTo: string;
  conversationsFrom: string;
  conversationsTo: string;
  decisionFrom: string;
  decisionTo: string;
  note: string;
}
export interface Warning {
  key: 'proposalOutside' | 'conversationOutside' | 'decisionOutside' | 'conversationBeforeProposal' | 'decisionBeforeConversation' | 'decisionWithoutConversation' | 'proposalLate' | 'decisionLate';
}
export interface SubcontractorView {
  id: string;
  roundId: string;
  organisationId: string;
  organisationName: string;
  providerKind: string;
  proposedDecision: Decision | null;
  proposedOn: string | null;
  conversationOn: string | null;
  concerns: string;
  wishes: string;
  finalDecision: Decision | null;
  finalOn: string | null;
  /** The final decision, or else the proposed one. */
  decision: Decision | null;
  warnings: Warning['key'][];
  /** Residents reached in the last year (from reach, small-cell rule) when the subcontractor stops; null otherwise. */
  residentsAffected: Count | null;
  residentsExact: boolean;
  transfer: { sameWorker: number; newWorker: number; completed: number; agreed: number; inProgress: number };
}
export interface KindOverview {
  providerKind: string;
  total: number;
  continue: number;
  transition: number;
  stop: number;
  undecided: number;
  /** Parties that stop now or after their transition year, as a share of the kind's parties (0–1). */
  reduction: number;
}

export type ContractRow = typeof contracts.$inferSelect;
export type RoundRow = typeof contractRounds.$inferSelect;
type SubRow = typeof contractSubcontractors.$inferSelect;

async function actorOrgType(ctx: ServiceContext, actor: Actor): Promise<string | null> {
  if (!actor.organisationId) return null;
  return (await getOrganisation(ctx, actor.organisationId).catch(() => null))?.type ?? null;
}

export const roundView = (r: RoundRow): RoundView => ({ id: r.id, contractId: r.contractId, year: r.year, proposalFrom: r.proposalFrom, proposalTo: r.proposalTo, conversationsFrom: r.conversationsFrom, conversationsTo: r.conversationsTo, decisionFrom: r.decisionFrom, decisionTo: r.decisionTo, note: r.note });

export async function contractViews(ctx: ServiceContext, rows: ContractRow[]): Promise<ContractView[]> {
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.contractorOrganisationId))]);
  return rows.map((r) => ({ id: r.id, name: r.name, contractorOrganisationId: r.contractorOrganisationId, contractorName: names.get(r.contractorOrganisationId) ?? '', signedOn: r.signedOn, startsOn: r.startsOn, endsOn: r.endsOn, source: r.source, note: r.note }));
}

const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** The contracts the actor may read. */
export async function listContracts(ctx: ServiceContext): Promise<ContractView[]> {
  const actor = requireActor(ctx);
  const type = await actorOrgType(ctx, actor);
  const rows = (await ctx.db.select().from(contracts).where(eq(contracts.tenantId, ctx.tenant)).orderBy(asc(contracts.startsOn))).filter((r) => readsContract(actor, r, type));
  return contractViews(ctx, rows);
}

export async function readableContract(ctx: ServiceContext, id: string): Promise<ContractRow> {
  const actor = requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [r] = await ctx.db.select().from(contracts).where(and(eq(contracts.tenantId, ctx.tenant), eq(contracts.id, id)));
  if (!r || !readsContract(actor, r, await actorOrgType(ctx, actor))) throw notFound();
  return r;
}

/** One contract with its rounds, newest year first. */
export async function getContract(ctx: ServiceContext, id: string): Promise<{ contract: ContractView; rounds: RoundView[] }> {
  const r = await readableContract(ctx, id);
  const rounds = await ctx.db.select().from(contractRounds).where(and(eq(contractRounds.tenantId, ctx.tenant), eq(contractRounds.contractId, id))).orderBy(asc(contractRounds.year));
  return { contract: (await contractViews(ctx, [r]))[0], rounds: rounds.map(roundView).reverse() };
}

export const contractInput = z.object({
  name: z.string().trim().min(2).max(200),
  contractorOrganisationId: z.uuid(),
  signedOn: optionalDate,
  startsOn: isoDate,
  endsOn: optionalDate,
  source: z.string().trim().max(500).default(''),
  note: z.string().trim().max(5000).default(''),
});
export type ContractInput = z.input<typeof contractInput>;

/** The checks of a contract beyond its shape: the contractor exists, the period does not end before it starts. */
export async function contractChecks(ctx: ServiceContext, p: Partial<z.output<typeof contractInput>>): Promise<FieldError[]> {
  const e: FieldError[] = [];
  if (p.contractorOrganisationId && !(await organisationExists(ctx, p.contractorOrganisationId))) e.push({ field: 'contractorOrganisationId', message: 'contracts.error.unknownOrganisation', code: 'unknown_reference' });
  if (p.startsOn && p.endsOn && p.endsOn < p.startsOn) e.push({ field: 'endsOn', message: 'contracts.error.endBeforeStart', code: 'too_small' });
  return e;
}

/** Records a contract with its contractor (policy advisors, administrators). */
export async function createContract(ctx: ServiceContext, raw: ContractInput): Promise<ContractView> {
  const actor = requireActor(ctx);
  if (!managesContracts(actor)) throw forbidden();
  const input = await parseChecked(contractInput, raw, (p) => contractChecks(ctx, p));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.insert(contracts).values({ tenantId: tx.tenant, ...input, signedOn: input.signedOn ?? null, endsOn: input.endsOn ?? null }).returning();
    await recordAudit(tx, { action: 'contracts.contract.created', subjectType: 'contract', subjectId: row.id });
    return (await contractViews(tx, [row]))[0];
  });
}

export const roundInput = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  proposalFrom: isoDate,
  proposalTo: isoDate,
  conversationsFrom: isoDate,
  conversationsTo: isoDate,
  decisionFrom: isoDate,
  decisionTo: isoDate,
  note: z.string().trim().max(5000).default(''),
});
export type RoundInput = z.input<typeof roundInput>;

/** The order of a round's timeline: each window ends after it starts; conversations after proposals, decisions after conversations. */
export function timelineChecks(p: Partial<Pick<z.output<typeof roundInput>, 'proposalFrom' | 'proposalTo' | 'conversationsFrom' | 'conversationsTo' | 'decisionFrom' | 'decisionTo'>>): FieldError[] {
  const e: FieldError[] = [];
  const order = (field: string, from?: string, to?: string) => from && to && to < from && e.push({ field, message: 'contracts.error.windowOrder', code: 'too_small' });
  order('proposalTo', p.proposalFrom, p.proposalTo);
  order('conversationsTo', p.conversationsFrom, p.conversationsTo);
  order('decisionTo', p.decisionFrom, p.decisionTo);
  if (p.conversationsFrom && p.proposalFrom && p.conversationsFrom < p.proposalFrom) e.push({ field: 'conversationsFrom', message: 'contracts.error.conversationsBeforeProposal', code: 'too_small' });
  if (p.decisionFrom && p.conversationsFrom && p.decisionFrom < p.conversationsFrom) e.push({ field: 'decisionFrom', message: 'contracts.error.decisionBeforeConversations', code: 'too_small' });
  return e;
}

/** Opens a contracting round for a year with its timeline (policy advisors, administrators). */
export async function createRound(ctx: ServiceContext, contractId: string, raw: RoundInput): Promise<RoundView> {
  const actor = requireActor(ctx);
  await readableContract(ctx, contractId);
  if (!managesContracts(actor)) throw forbidden();
  const input = await parseChecked(roundInput, raw, timelineChecks);
  return inTransaction(ctx, async (tx) => {
    const [exists] = await tx.db.select({ id: contractRounds.id }).from(contractRounds).where(and(eq(contractRounds.tenantId, tx.tenant), eq(contractRounds.contractId, contractId), eq(contractRounds.year, input.year)));
    if (exists) throw new AppError('conflict', 'contracts.error.roundExists', [{ field: 'year', message: 'contracts.error.roundExists', code: 'duplicate', params: { year: input.year } }], { year: input.year });
    const [row] = await tx.db.insert(contractRounds).values({ tenantId: tx.tenant, contractId, ...input }).returning();
    await recordAudit(tx, { action: 'contracts.round.created', subjectType: 'contract_round', subjectId: row.id, details: { year: input.year } });
    return roundView(row);
  });
}

/** The timeline warnings of one subcontractor (dates outside the round's windows, out of order, late). */
export function timelineWarnings(round: RoundView, s: Pick<SubRow, 'proposedDecision' | 'proposedOn' | 'conversationOn' | 'finalDecision' | 'finalOn'>, day: string): Warning['key'][] {
  const w: Warning['key'][] = [];
  const outside = (d: string | null, from: string, to: string) => !!d && (d < from || d > to);
  if (outside(s.proposedOn, round.proposalFrom, round.proposalTo)) w.push('proposalOutside');
  if (outside(s.conversationOn, round.conversationsFrom, round.conversationsTo)) w.push('conversationOutside');
  if (outside(s.finalOn, round.decisionFrom, round.decisionTo)) w.push('decisionOutside');
  if (s.conversationOn && s.proposedOn && s.conversationOn < s.proposedOn) w.push('conversationBeforeProposal');
  if (s.finalOn && s.conversationOn && s.finalOn < s.conversationOn) w.push('decisionBeforeConversation');
  if (s.finalDecision && !s.conversationOn) w.push('decisionWithoutConversation');
  if (!s.proposedDecision && day > round.proposalTo) w.push('proposalLate');
  if (!s.finalDecision && day > round.decisionTo) w.push('decisionLate');
  return w;
}

/** What the reduction per kind of provider comes to (final decision, else the proposed one). */
export function reductionByKind(subs: Pick<SubcontractorView, 'providerKind' | 'decision'>[]): KindOverview[] {
  const by = new Map<string, KindOverview>();
  for (const s of subs) {
    const k = by.get(s.providerKind) ?? { providerKind: s.providerKind, total: 0, continue: 0, transition: 0, stop: 0, undecided: 0, reduction: 0 };
    k.total++;
    if (s.decision) k[s.decision]++;
    else k.undecided++;
    by.set(s.providerKind, k);
  }
  const list = [...by.values()].map((k) => ({ ...k, reduction: k.total ? (k.stop + k.transition) / k.total : 0 }));
  return list.sort((a, b) => b.reduction - a.reduction || a.providerKind.localeCompare(b.providerKind, 'nl'));
}

async function subViews(ctx: ServiceContext, round: RoundView, rows: SubRow[]): Promise<SubcontractorView[]> {
  const day = today(ctx);
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.organisationId))]);
  const stopping = rows.filter((r) => (r.finalDecision ?? r.proposedDecision) === 'stop' || (r.finalDecision ?? r.proposedDecision) === 'transition');
  const reach = await residentsReachedBy(ctx, stopping.map((r) => r.organisationId), addDays(day, -365), day);
  return rows
    .map((r) => {
      const decision = (r.finalDecision ?? r.proposedDecision) as Decision | null;
      const reached = reach.get(r.organisationId);
      const agreed = r.transferSameWorker + r.transferNewWorker;
      return {
        id: r.id,
        roundId: r.roundId,
        organisationId: r.organisationId,
        organisationName: names.get(r.organisationId) ?? '',
        providerKind: r.providerKind,
        proposedDecision: r.proposedDecision as Decision | null,
        proposedOn: r.proposedOn,
        conversationOn: r.conversationOn,
        concerns: r.concerns,
        wishes: r.wishes,
        finalDecision: r.finalDecision as Decision | null,
        finalOn: r.finalOn,
        decision,
        warnings: timelineWarnings(round, r, day),
        residentsAffected: reached ? reached.residents : null,
        residentsExact: reached?.exact ?? false,
        transfer: { sameWorker: r.transferSameWorker, newWorker: r.transferNewWorker, completed: r.transferCompleted, agreed, inProgress: agreed - r.transferCompleted },
      };
    })
    .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'nl'));
}

export async function readableRound(ctx: ServiceContext, id: string): Promise<{ contract: ContractRow; round: RoundView }> {
  if (!isUuid(id)) throw notFound();
  requireActor(ctx);
  const [r] = await ctx.db.select().from(contractRounds).where(and(eq(contractRounds.tenantId, ctx.tenant), eq(contractRounds.id, id)));
  if (!r) throw notFound();
  return { contract: await readableContract(ctx, r.contractId), round: roundView(r) };
}

export interface RoundDetail {
  contract: ContractView;
  round: RoundView;
  subcontractors: SubcontractorView[];
  byKind: KindOverview[];
  totals: KindOverview;
  transfers: { affected: Count; sameWorker: number; newWorker: number; completed: number; inProgress: number };
}

/** A round with its subcontractors, their warnings and residents affected, and the reduction per kind of provider. */
export async function getRound(ctx: ServiceContext, id: string): Promise<RoundDetail> {
  const { contract, round } = await readableRound(ctx, id);
  const rows = await ctx.db.select().from(contractSubcontractors).where(and(eq(contractSubcontractors.tenantId, ctx.tenant), eq(contractSubcontractors.roundId, id)));
  const subs = await subViews(ctx, round, rows);
  const byKind = reductionByKind(subs);
  const [totals] = reductionByKind(subs.map((s) => ({ ...s, providerKind: '' })));
  const sum = (f: (s: SubcontractorView) => number) => subs.reduce((n, s) => n + f(s), 0);
  // The affected residents in total: exact numbers add up; a sum of disclosed counts would not be disclosed itself.
  const counts = subs.filter((s) => s.residentsAffected !== null);
  const exactTotal = counts.every((s) => typeof s.residentsAffected === 'number' && s.residentsExact);
  const raw = counts.reduce((n, s) => n + (typeof s.residentsAffected === 'number' ? s.residentsAffected : 0), 0);
  const anySuppressed = counts.some((s) => typeof s.residentsAffected !== 'number');
  const affected: Count = exactTotal ? raw : anySuppressed ? 'x' : Math.round(raw / 5) * 5;
  return {
    contract: (await contractViews(ctx, [contract]))[0],
    round,
    subcontractors: subs,
    byKind,
    totals: totals ?? { providerKind: '', total: 0, continue: 0, transition: 0, stop: 0, undecided: 0, reduction: 0 },
    transfers: { affected, sameWorker: sum((s) => s.transfer.sameWorker), newWorker: sum((s) => s.transfer.newWorker), completed: sum((s) => s.transfer.completed), inProgress: sum((s) => s.transfer.inProgress) },
  };
}

export const addSubcontractorInput = z.object({ organisationId: z.uuid(), providerKind: z.string().trim().min(1).min(2).max(100) });
export type AddSubcontractorInput = z.input<typeof addSubcontractorInput>;

/** Adds a subcontractor to a round (the contractor's staff, policy advisors, administrators). */
export async function addSubcontractor(ctx: ServiceContext, roundId: string, raw: AddSubcontractorInput): Promise<SubcontractorView> {
  const actor = requireActor(ctx);
  const { contract, round } = await readableRound(ctx, roundId);
  if (!managesContracts(actor) && !decidesSubcontractors(actor, contract)) throw forbidden();
  const input = await parseChecked(addSubcontractorInput, raw, async (p) => {
    if (!p.organisationId) return [];
    if (!(await organisationExists(ctx, p.organisationId))) return [{ field: 'organisationId', message: 'contracts.error.unknownOrganisation', code: 'unknown_reference' }];
    if (p.organisationId === contract.contractorOrganisationId) return [{ field: 'organisationId', message: 'contracts.error.contractorItself', code: 'not_allowed' }];
    return [];
  });
  return inTransaction(ctx, async (tx) => {
    const [dup] = await tx.db.select({ id: contractSubcontractors.id }).from(contractSubcontractors).where(and(eq(contractSubcontractors.tenantId, tx.tenant), eq(contractSubcontractors.roundId, roundId), eq(contractSubcontractors.organisationId, input.organisationId)));
    if (dup) throw new AppError('conflict', 'contracts.error.duplicate', [{ field: 'organisationId', message: 'contracts.error.duplicate', code: 'duplicate' }]);
    const [row] = await tx.db.insert(contractSubcontractors).values({ tenantId: tx.tenant, roundId, ...input }).returning();
    await recordAudit(tx, { action: 'contracts.subcontractor.added', subjectType: 'contract_subcontractor', subjectId: row.id, details: { roundId } });
    return (await subViews(tx, round, [row]))[0];
  });
}

async function readableSub(ctx: ServiceContext, id: string) {
  if (!isUuid(id)) throw notFound();
  requireActor(ctx);
  const [r] = await ctx.db.select().from(contractSubcontractors).where(and(eq(contractSubcontractors.tenantId, ctx.tenant), eq(contractSubcontractors.id, id)));
  if (!r) throw notFound();
  const { contract, round } = await readableRound(ctx, r.roundId);
  return { row: r, contract, round };
}

/** One subcontractor of a round, with its contract and round. */
export async function getSubcontractor(ctx: ServiceContext, id: string): Promise<{ contract: ContractView; round: RoundView; subcontractor: SubcontractorView }> {
  const { row, contract, round } = await readableSub(ctx, id);
  return { contract: (await contractViews(ctx, [contract]))[0], round, subcontractor: (await subViews(ctx, round, [row]))[0] };
}

export const decisionInput = z.object({
  providerKind: z.string().trim().min(1).min(2).max(100),
  proposedDecision: optionalDecision,
  proposedOn: optionalDate,
  conversationOn: optionalDate,
  concerns: z.string().trim().max(5000).default(''),
  wishes: z.string().trim().max(5000).default(''),
  finalDecision: optionalDecision,
  finalOn: optionalDate,
});
export type DecisionInput = z.input<typeof decisionInput>;

/** Records the contractor's proposed decision, the conversation and the final decision (the contractor's staff). */
export async function recordDecision(ctx: ServiceContext, id: string, raw: DecisionInput): Promise<SubcontractorView> {
  const actor = requireActor(ctx);
  const { contract, round } = await readableSub(ctx, id);
  if (!decidesSubcontractors(actor, contract)) throw forbidden();
  const input = await parseChecked(decisionInput, raw, (p) => {
    const e: FieldError[] = [];
    const pair = (decision: string, dateField: string, d: unknown, on: unknown) => {
      if (d && !on) e.push({ field: dateField, message: 'contracts.error.dateRequired', code: 'required' });
      if (on && !d) e.push({ field: decision, message: 'contracts.error.decisionRequired', code: 'required' });
    };
    pair('proposedDecision', 'proposedOn', p.proposedDecision, p.proposedOn);
    pair('finalDecision', 'finalOn', p.finalDecision, p.finalOn);
    return e;
  });
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .update(contractSubcontractors)
      .set({ ...input, proposedDecision: input.proposedDecision ?? null, proposedOn: input.proposedOn ?? null, conversationOn: input.conversationOn ?? null, finalDecision: input.finalDecision ?? null, finalOn: input.finalOn ?? null, updatedAt: tx.now() })
      .where(and(eq(contractSubcontractors.tenantId, tx.tenant), eq(contractSubcontractors.id, id)))
      .returning();
    await recordAudit(tx, { action: 'contracts.subcontractor.decided', subjectType: 'contract_subcontractor', subjectId: id, details: { proposed: input.proposedDecision ?? null, final: input.finalDecision ?? null } });
    return (await subViews(tx, round, [row]))[0];
  });
}

const count = z.coerce.number().int().min(0).max(100_000);
export const transferInput = z.object({ sameWorker: count, newWorker: count, completed: count });
export type TransferInput = z.input<typeof transferInput>;

/** The agreed transfer of a stopping subcontractor's residents, as counts (the contractor's staff). */
export async function recordTransfer(ctx: ServiceContext, id: string, raw: TransferInput): Promise<SubcontractorView> {
  const actor = requireActor(ctx);
  const { row, contract, round } = await readableSub(ctx, id);
  if (!decidesSubcontractors(actor, contract)) throw forbidden();
  const decision = row.finalDecision ?? row.proposedDecision;
  if (decision !== 'stop' && decision !== 'transition') throw new AppError('conflict', 'contracts.error.transferNotStopping');
  const input = await parseChecked(transferInput, raw, (p) =>
    p.completed !== undefined && p.sameWorker !== undefined && p.newWorker !== undefined && p.completed > p.sameWorker + p.newWorker ? [{ field: 'completed', message: 'contracts.error.completedOverAgreed', code: 'too_big' }] : [],
  );
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(contractSubcontractors)
      .set({ transferSameWorker: input.sameWorker, transferNewWorker: input.newWorker, transferCompleted: input.completed, updatedAt: tx.now() })
      .where(and(eq(contractSubcontractors.tenantId, tx.tenant), eq(contractSubcontractors.id, id)))
      .returning();
    await recordAudit(tx, { action: 'contracts.transfer.updated', subjectType: 'contract_subcontractor', subjectId: id, details: input });
    return (await subViews(tx, round, [updated]))[0];
  });
}
