// Reference data of the contracts module: the contracts a municipality's seed folder names
// (seed/<municipality>/contracts.json; Haarlem: Gewoon in de Wijk with VanHier and the contracting round for 2023,
// from the letter). Safe to run again: a contract or round that exists is left as is.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { findOrganisationIdsByName } from '../network/service.ts';
import { contracts, contractRounds } from './schema.ts';

const seedRoot = path.resolve(import.meta.dirname, '../../../seed');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const contractsSeedSchema = z.object({
  source: z.string(),
  contracts: z.array(
    z.object({
      name: z.string(),
      contractor: z.string(),
      signedOn: date.nullable(),
      startsOn: date,
      endsOn: date.nullable(),
      quote: z.string().default(''),
      note: z.string().default(''),
      rounds: z.array(z.object({ year: z.number().int(), proposalFrom: date, proposalTo: date, conversationsFrom: date, conversationsTo: date, decisionFrom: date, decisionTo: date, note: z.string().default('') })),
    }),
  ),
});

export function readContractsSeed(municipalityDir = 'haarlem') {
  const file = path.join(seedRoot, municipalityDir, 'contracts.json');
  if (!fs.existsSync(file)) return null;
  return contractsSeedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export async function seedContracts(ctx: ServiceContext, opts: { municipalityDir: string }): Promise<string[]> {
  requireSystem(ctx);
  const seed = readContractsSeed(opts.municipalityDir);
  if (!seed) return [];
  const ids = await findOrganisationIdsByName(ctx, seed.contracts.map((c) => c.contractor));
  let added = 0;
  await inTransaction(ctx, async (tx) => {
    for (const c of seed.contracts) {
      const contractorId = ids.get(c.contractor.toLowerCase());
      if (!contractorId) continue;
      let [row] = await tx.db.select({ id: contracts.id }).from(contracts).where(and(eq(contracts.tenantId, tx.tenant), eq(contracts.name, c.name)));
      if (!row) {
        [row] = await tx.db
          .insert(contracts)
          .values({ tenantId: tx.tenant, name: c.name, contractorOrganisationId: contractorId, signedOn: c.signedOn, startsOn: c.startsOn, endsOn: c.endsOn, source: c.quote ? `${seed.source}: "${c.quote}"` : seed.source, note: c.note })
          .returning({ id: contracts.id });
        added++;
      }
      for (const r of c.rounds) {
        const [exists] = await tx.db.select({ id: contractRounds.id }).from(contractRounds).where(and(eq(contractRounds.tenantId, tx.tenant), eq(contractRounds.contractId, row.id), eq(contractRounds.year, r.year)));
        if (!exists) await tx.db.insert(contractRounds).values({ tenantId: tx.tenant, contractId: row.id, ...r });
      }
    }
  });
  return [added ? `opdrachten: ${added} opdracht(en) toegevoegd` : 'opdrachten: al aanwezig'];
}
