// The only reader of process.env. Validated once at start-up; the process refuses to start on bad config.
import net from 'node:net';
import { z } from 'zod';

/**
 * Which reverse proxies may tell us the client's address (X-Forwarded-For): none (default: the socket address),
 * a number of proxy hops in front of the server, or a comma-separated list of proxy addresses and subnets.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; list: string[] };

const trustProxySchema = z
  .string()
  .optional()
  .transform((raw, ctx): TrustProxy => {
    const v = (raw ?? '').trim();
    if (v === '' || v === 'false' || v === '0') return { kind: 'none' };
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops > 10) ctx.addIssue({ code: 'custom', message: 'hoogstens 10 proxy’s' });
      return { kind: 'hops', hops };
    }
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    for (const item of list) {
      const [addr, bits, extra] = item.split('/');
      const family = net.isIP(addr);
      const max = family === 6 ? 128 : 32;
      if (!family || extra !== undefined || (bits !== undefined && !(/^\d+$/.test(bits) && Number(bits) <= max))) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is geen IP-adres of subnet (zoals 10.0.0.1 of 10.0.0.0/8); of geef het aantal proxy’s als getal` });
      }
    }
    return { kind: 'addresses', list };
  });

const configSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** PostgreSQL connection string; when empty the embedded database (PGlite) is used. */
    DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
    /** Folder for the embedded database. */
    DATA_DIR: z.string().default('./data/pglite'),
    /** Municipality (tenant) this server serves: the CBS municipality code. */
    TENANT: z.string().regex(/^GM\d{4}$/, 'TENANT moet een CBS-gemeentecode zijn, zoals GM0392').default('GM0392'),
    /** Public base URL, used in reset links and the OpenAPI servers list; default http://localhost:<PORT>. */
    PUBLIC_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
    /** Reverse proxies whose X-Forwarded-For header names the client (login throttling); default none. */
    TRUST_PROXY: trustProxySchema,
    /** Connections in the PostgreSQL pool of one server process. */
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** How long one server process shares the results of identical public searches; 0 switches this off. */
    SEARCH_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    /** How long one server process keeps a district dashboard (per district, year, language and map indicator); 0 switches this off. */
    DASHBOARD_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    /**
     * The municipality's secret key for resident pseudonyms (reach): base64 or hex, at least 32 bytes; after a
     * re-keying, the keys oldest first, separated by commas. When empty, the key file in PSEUDONYM_KEY_DIR is used.
     */
    PSEUDONYM_KEY: z.string().optional().or(z.literal('').transform(() => undefined)),
    /** Folder of the key files `<municipality code>.key` (one key per line, oldest first); created on first use. */
    PSEUDONYM_KEY_DIR: z.string().default('./data/keys'),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /** Default: info (silent when NODE_ENV=test). */
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
    /** auto: readable lines on a terminal, JSON lines otherwise. */
    LOG_FORMAT: z.enum(['auto', 'text', 'json']).default('auto'),
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** The Chromium that prints the accountability documents as PDF (and chart PNGs). */
    CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
    /** Common Ground export of subsidy applications (zaak) and decisions (besluit): the municipality's RSIN and the type URLs in its catalogue. Optional; without them the export answers 409 naming the missing settings. */
    ZGW_RSIN: z.string().regex(/^\d{9}$/, 'ZGW_RSIN is een RSIN van 9 cijfers').refine((r) => [...r].reduce((s, d, i) => s + Number(d) * (i === 8 ? -1 : 9 - i), 0) % 11 === 0, 'ZGW_RSIN voldoet niet aan de elfproef').optional().or(z.literal('').transform(() => undefined)),
    ZGW_ZAAKTYPE: z.string().url().optional().or(z.literal('').transform(() => undefined)),
    ZGW_BESLUITTYPE: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  })
  .transform((c) => ({
    ...c,
    PUBLIC_URL: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    LOG_LEVEL: c.LOG_LEVEL ?? (c.NODE_ENV === 'test' ? 'silent' : 'info'),
  }));

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Ongeldige configuratie:\n${lines}`);
  }
  return parsed.data;
}
