// Demo data of the network module, from a seeded generator (same seed → same data).
import type { ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../demo/rng.ts';

export async function seedNetworkDemo(_ctx: ServiceContext, _rng: Rng, _scale: number): Promise<string[]> {
  return [];
}
