// The module contract: everything a domain module adds to the platform. The platform knows no module by name;
// the composition point (src/modules/index.ts) lists the modules and hands them over with `installModules`.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Child } from 'hono/jsx';
import type { AppEnv } from './http/env.ts';
import type { RouteRules } from './http/routes.ts';
import type { ServiceContext } from './context.ts';
import type { Actor } from './auth/roles.ts';
import type { MessageKey } from './i18n/index.ts';
import type { View } from './ui/page.tsx';
import type { Rng } from './rng.ts';
import { addMessages } from './i18n/index.ts';

export interface NavEntry {
  href: string;
  label: MessageKey;
  /** Place in the main navigation (lower first); the platform's own entries use 10, 20, … */
  order: number;
  show?: (actor: Actor | null) => boolean;
}

export interface AdminEntry {
  href: string;
  label: MessageKey;
  order: number;
}

/** Reference data a module loads for a municipality (idempotent), in the order of the module list. */
export type SeedStep = (ctx: ServiceContext, opts: { municipalityDir: string }) => Promise<string[]>;
/** Demo data: a seeded generator per module, so the same seed and scale always give the same data. */
export type DemoStep = (ctx: ServiceContext, rng: Rng, scale: number) => Promise<string[]>;

/** A background job (src/platform/jobs, `defineJob`): the queue runs these; declared by the module that owns the work. */
export type { JobDefinition } from './jobs/define.ts';
import type { JobDefinition } from './jobs/define.ts';

/**
 * Who belongs to which organisation. The platform keeps a generic actor (`actor.organisationId` is an opaque id);
 * the module that owns organisations answers these questions for the user administration.
 */
export interface OrganisationDirectory {
  list(ctx: ServiceContext): Promise<{ id: string; name: string }[]>;
  names(ctx: ServiceContext, ids: string[]): Promise<Map<string, string>>;
  exists(ctx: ServiceContext, id: string): Promise<boolean>;
}

/** One cell of a personal-data table: text, a number, a moment (shown in the reader's language; ISO 8601 in JSON) or empty. */
export type PersonalDataCell = string | number | Date | null;

/**
 * Part of what the platform holds about one person ("Mijn gegevens", /account/gegevens): a titled table. The title,
 * explanation and column names are already translated (ctx.lang); `key` is stable (`<module>.<what>`) for the export.
 */
export interface PersonalDataSection {
  key: string;
  title: string;
  explanation?: string;
  columns: string[];
  rows: PersonalDataCell[][];
}

export interface Module {
  /** Folder name under src/modules. */
  name: string;
  /** OpenAPI tag of the module's API operations. */
  apiTag?: { name: string; description: string };
  /** Page and API routes with their access rules: every registered route needs a rule, every rule a route. */
  routes?: { rules: RouteRules; register(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>): void };
  /** The module's tables (its schema.ts), for drizzle-kit and the schema check. */
  schema?: Record<string, unknown>;
  /** UI text; `en` must have exactly the keys of `nl`. */
  messages?: { nl: Record<string, string>; en: Record<string, string> };
  nav?: NavEntry[];
  admin?: AdminEntry[];
  /** Sections of the home page, below its introduction. */
  home?: (ctx: ServiceContext, v: View) => Promise<Child>;
  /** Whether the module's home section comes first for this reader (it is that reader's main page). */
  homeFirst?: (actor: Actor | null) => boolean;
  seed?: SeedStep;
  demo?: DemoStep;
  /** The progress line shown while the demo step runs (Dutch, e.g. "Demodata: activiteiten…"). */
  demoProgress?: string;
  jobs: JobDefinition[];
  /**
   * Routes that take a larger request body than the platform's 2 MB (file uploads), keyed like the route rules
   * (`POST /path`), with the limit and the message shown when a body is larger still.
   */
  uploadLimits?: Record<string, { maxBytes: number; message: MessageKey; params?: Record<string, string | number> }>;
  /** Every audit action the module records (its `AuditActions` declaration types them). */
  auditActions: readonly string[];
  organisations?: OrganisationDirectory;
  /**
   * What the module holds about one person (rows that point at their user id), for the person's own view and export.
   * Called with the person's own ctx; return no section when there are no rows.
   */
  personalData?: (ctx: ServiceContext, userId: string) => Promise<PersonalDataSection[]>;
}

let installed: readonly Module[] = [];

/** Makes the modules known to the platform: their messages, navigation, directory and audit actions. */
export function installModules(modules: readonly Module[]): void {
  if (installed === modules) return;
  const names = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`Module ${m.name} is listed twice.`);
    names.add(m.name);
  }
  for (const m of modules) if (m.messages && !installed.includes(m)) addMessages(m.name, m.messages);
  installed = modules;
}

export const installedModules = (): readonly Module[] => installed;

export const navEntries = (): NavEntry[] => installed.flatMap((m) => m.nav ?? []);
export const adminEntries = (): AdminEntry[] => installed.flatMap((m) => m.admin ?? []);

/** The organisation directory one module provides (none: users cannot belong to an organisation). */
export function organisationDirectory(): OrganisationDirectory | null {
  const providers = installed.filter((m) => m.organisations);
  if (providers.length > 1) throw new Error(`Only one module may provide organisations (${providers.map((m) => m.name).join(', ')}).`);
  return providers[0]?.organisations ?? null;
}

export const declaredAuditActions = (): Set<string> => new Set(installed.flatMap((m) => m.auditActions));

/** The sections that have rows (a module names no part of which it holds nothing). */
export const withRows = (sections: PersonalDataSection[]): PersonalDataSection[] => sections.filter((s) => s.rows.length > 0);

/** Every installed module's sections about one person, in the order of the module list. */
export async function modulePersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const out: PersonalDataSection[] = [];
  for (const m of installed) if (m.personalData) out.push(...(await m.personalData(ctx, userId)));
  return out;
}
