// Job definitions and the registry a worker runs. A definition is `{ id, payload, handler }`: `id` is the job's type
// name, `payload` a zod schema the stored payload must pass, `handler` does the work. Handlers must be idempotent:
// a job whose worker died is run again, and a failed job is retried.
import type { z } from 'zod';
import type { ServiceContext } from '../context.ts';

/** What a handler gets besides its payload. */
export interface JobRun<P> {
  /** A system context of the job's municipality (no actor), with the worker's clock. */
  ctx: ServiceContext;
  payload: P;
  job: { id: string; type: string; attempt: number; maxAttempts: number };
  /** Aborted when someone cancels the job (or the worker lost it); stop soon after. */
  signal: AbortSignal;
  /** Throws when the job was cancelled: call it between steps. */
  throwIfCancelled(): void;
  /** Stores progress (done of total, and what is happening) and checks for cancellation on the way. */
  progress(done: number, total?: number | null, message?: string | null): Promise<void>;
}

/** Recurring runs, as data: every so many seconds (e.g. `DAY`), the first one `firstAfterSeconds` after the schedule is created. */
export interface JobSchedule<P> {
  /** Unique per municipality, e.g. `retention-daily`. */
  name: string;
  everySeconds: number;
  firstAfterSeconds?: number;
  payload: P;
}

export interface JobDefinition<S extends z.ZodType = z.ZodType> {
  id: string;
  payload: S;
  /** Returns the job's result (stored as JSON) or nothing. */
  handler: (run: JobRun<z.output<S>>) => Promise<unknown>;
  /** Tries before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** First retry delay; each next retry waits twice as long, up to an hour (default 30 s). */
  backoffMs?: number;
  schedules?: JobSchedule<z.input<S>>[];
}

export const HOUR = 3600;
export const DAY = 24 * HOUR;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 3_600_000;

export function defineJob<S extends z.ZodType>(def: JobDefinition<S>): JobDefinition<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(def.id)) throw new Error(`Job id "${def.id}" must look like "module.name"`);
  return def;
}

/** Delay before try `attempt + 1` after try `attempt` failed: backoff, 2×, 4×, … capped at an hour. */
export function retryDelayMs(def: Pick<JobDefinition, 'backoffMs'>, attempt: number): number {
  const base = def.backoffMs ?? DEFAULT_BACKOFF_MS;
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.max(0, attempt - 1));
}

/** The jobs a worker knows. Any caller (the platform, a module) adds its definitions; two with one id are refused. */
export class JobRegistry {
  private readonly byId = new Map<string, JobDefinition>();

  constructor(defs: readonly JobDefinition[] = []) {
    this.register(...defs);
  }

  register(...defs: readonly JobDefinition[]): this {
    for (const def of defs) {
      if (this.byId.has(def.id)) throw new Error(`Job "${def.id}" is registered twice`);
      this.byId.set(def.id, def as JobDefinition);
    }
    return this;
  }

  get(id: string): JobDefinition | undefined {
    return this.byId.get(id);
  }

  get types(): string[] {
    return [...this.byId.keys()];
  }

  get definitions(): JobDefinition[] {
    return [...this.byId.values()];
  }
}
