// Errors of setting up a municipality (tenant create, load-framework, load-areas): one Dutch heading and every
// problem found at once, each saying where (a JSON path, or a line and column of a CSV file) and why.
import type { core } from 'zod';
import { zodFields } from '../../platform/http/errors.ts';

const MAX_SHOWN = 25;

export class SetupError extends Error {
  constructor(
    public readonly heading: string,
    public readonly problems: string[] = [],
  ) {
    const shown = problems.slice(0, MAX_SHOWN).map((p) => `  - ${p}`);
    if (problems.length > MAX_SHOWN) shown.push(`  … en nog ${problems.length - MAX_SHOWN} andere problemen`);
    super([heading, ...shown].join('\n'));
    this.name = 'SetupError';
  }
}

/** ['themes', 0, 'name'] → "themes[0].name", the way a person finds the place in the file. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(het hele bestand)';
}

/** zod issues as Dutch lines "themes[0].name: is verplicht". */
export function zodProblems(issues: core.$ZodIssue[]): string[] {
  const labels = Object.fromEntries(issues.map((i) => [i.path.map(String).join('.') || 'body', jsonPath(i.path)]));
  return zodFields({ issues }, 'nl', labels).map((f) => f.message);
}
