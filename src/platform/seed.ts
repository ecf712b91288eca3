// Seeding runs every module's steps in the order of the module list (a module's data may need the modules below
// it): first the reference data of a municipality, then, on request, the demo data.
import type { ServiceContext } from './context.ts';
import type { Module } from './module.ts';
import { requireSystem } from './auth/require.ts';
import { createRng } from './rng.ts';

/** Seed of the demo generator: the same seed and scale always give the same data (repeatable benchmarks). */
export const DEMO_SEED = 20201001;

export interface SeedOptions {
  demo: boolean;
  /** Multiplies the demo data set (organisations, activities, locations). */
  scale?: number;
  /** Folder under seed/ with the municipality's data (default haarlem). */
  municipalityDir?: string;
  /** Called as each step starts, so a first start can say what it is doing. */
  onProgress?: (step: string) => void;
}

export async function seedModules(ctx: ServiceContext, modules: readonly Module[], opts: SeedOptions): Promise<string[]> {
  requireSystem(ctx);
  const report: string[] = [];
  const municipalityDir = opts.municipalityDir ?? 'haarlem';
  const step = (s: string | undefined) => s && opts.onProgress?.(s);
  step('Kader laden: thema’s, doelen, wijken en organisaties…');
  for (const m of modules) if (m.seed) report.push(...(await m.seed(ctx, { municipalityDir })));
  if (opts.demo) {
    const scale = Math.max(1, Math.floor(opts.scale ?? 1));
    // Each module with demo data gets its own generator: DEMO_SEED, DEMO_SEED + 1, … in list order.
    let n = 0;
    for (const m of modules) {
      if (!m.demo) continue;
      step(m.demoProgress);
      report.push(...(await m.demo(ctx, createRng(DEMO_SEED + n++), scale)));
    }
  }
  return report;
}
