// Demo data of the catalogue module, from a seeded generator (same seed → same data).
import type { ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../demo/rng.ts';

export async function seedCatalogueDemo(_ctx: ServiceContext, _rng: Rng, _scale: number): Promise<string[]> {
  return [];
}
