// The only reader of process.env. Validated once at start-up; the process refuses to start on bad config.
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection string; when empty the embedded database (PGlite) is used. */
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  /** Folder for the embedded database. */
  DATA_DIR: z.string().default('./data/pglite'),
  /** Municipality (tenant) this server serves: the CBS municipality code. */
  TENANT: z.string().regex(/^GM\d{4}$/, 'TENANT moet een CBS-gemeentecode zijn, zoals GM0392').default('GM0392'),
  /** Public base URL, used in reset links and the OpenAPI servers list. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Connections in the PostgreSQL pool of one server process. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** How long one server process shares the results of identical public searches; 0 switches this off. */
  SEARCH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Ongeldige configuratie:\n${lines}`);
  }
  return parsed.data;
}
