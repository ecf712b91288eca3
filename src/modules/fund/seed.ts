// Reference data of the fund: the fund years a municipality's seed folder names (seed/<municipality>/fund.json;
// Haarlem: 2023, EUR 300,000, from the Gewoon in de Wijk letter). Safe to run again: a year that exists is left as is.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { findOrganisationIdsByName } from '../network/service.ts';
import { fundYears } from './schema.ts';
import { isIsoDate } from './years.ts';

const seedRoot = path.resolve(import.meta.dirname, '../../../seed');
const date = z.string().refine(isIsoDate);
export const fundSeedSchema = z.object({
  source: z.string(),
  years: z.array(
    z.object({
      year: z.number().int().min(2000).max(2100),
      budgetCents: z.number().int().min(0),
      /** Name of the organisation that runs the fund (network). */
      manager: z.string().nullable().optional(),
      opensOn: date,
      closesOn: date,
      decisionDeadline: date,
      /** The source's own words. */
      quote: z.string().default(''),
      note: z.string().default(''),
    }),
  ),
});
export type FundSeed = z.infer<typeof fundSeedSchema>;

export function readFundSeed(municipalityDir = 'haarlem'): FundSeed | null {
  const file = path.join(seedRoot, municipalityDir, 'fund.json');
  if (!fs.existsSync(file)) return null;
  return fundSeedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export async function seedFund(ctx: ServiceContext, opts: { municipalityDir: string }): Promise<string[]> {
  requireSystem(ctx);
  const seed = readFundSeed(opts.municipalityDir);
  if (!seed) return [];
  const managers = await findOrganisationIdsByName(ctx, seed.years.flatMap((y) => (y.manager ? [y.manager] : [])));
  let added = 0;
  await inTransaction(ctx, async (tx) => {
    for (const y of seed.years) {
      const [exists] = await tx.db.select({ id: fundYears.id }).from(fundYears).where(and(eq(fundYears.tenantId, tx.tenant), eq(fundYears.year, y.year)));
      if (exists) continue;
      await tx.db.insert(fundYears).values({
        tenantId: tx.tenant,
        year: y.year,
        budgetCents: y.budgetCents,
        opensOn: y.opensOn,
        closesOn: y.closesOn,
        decisionDeadline: y.decisionDeadline,
        managerOrganisationId: (y.manager && managers.get(y.manager.toLowerCase())) || null,
        source: y.quote ? `${seed.source}: "${y.quote}"` : seed.source,
        note: y.note,
      });
      added++;
    }
  });
  return [added ? `fonds: ${added} fondsjaar/jaren toegevoegd` : 'fonds: fondsjaren al aanwezig'];
}
