// Route registration with access rules. Every route is registered through `guardedApp`, which binds the access
// rule its owner declared for it; the access middleware reads the rule of the route that actually answers.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import type { Role } from '../auth/roles.ts';

/** "public" = anyone, also without logging in; "authenticated" = any logged-in user; otherwise the roles listed. */
export type Access = 'public' | 'authenticated' | readonly Role[];
/** Access rules of one owner (a module or the platform), keyed `METHOD /full/path` as Hono routes them. */
export type RouteRules = Record<string, Access>;

export const routeKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/** Every route of the app with its rule and owner. Two owners declaring the same route fail at start-up. */
export class RouteTable {
  readonly #rules = new Map<string, { access: Access; owner: string }>();

  add(key: string, access: Access, owner: string): void {
    const prev = this.#rules.get(key);
    if (prev) throw new Error(`Route ${key} is declared twice: by ${prev.owner} and by ${owner}.`);
    this.#rules.set(key, { access, owner });
  }

  get(key: string): { access: Access; owner: string } | undefined {
    return this.#rules.get(key);
  }

  entries(): [string, Access][] {
    return [...this.#rules].map(([k, r]) => [k, r.access]);
  }
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Registration calls that would add a route without one method and path of its own, so without a rule. */
const refused = new Set(['all', 'on', 'use', 'route', 'mount', 'basePath', 'doc', 'doc31']);

interface GuardOptions {
  owner: string;
  rules: RouteRules;
  table: RouteTable;
  /** Where this app is mounted ('/api/v1' for the JSON API), so keys are the paths that are served. */
  base?: string;
}

/**
 * The app as a module sees it: get/post/put/patch/delete and openapi register the route and bind the rule the
 * owner declared for it. A route without a rule, and all()/on()/use()/route(), fail at start-up.
 */
export function guardedApp(app: OpenAPIHono<AppEnv>, opts: GuardOptions, used: Set<string>): OpenAPIHono<AppEnv> {
  const bind = (method: string, path: string) => {
    const key = routeKey(method, `${opts.base ?? ''}${path}`);
    const access = opts.rules[key];
    if (access === undefined) throw new Error(`${opts.owner}: route ${key} has no access rule in its policy.`);
    opts.table.add(key, access, opts.owner);
    used.add(key);
  };
  const proxy: OpenAPIHono<AppEnv> = new Proxy(app, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && (methods as readonly string[]).includes(prop)) {
        return (path: string, ...handlers: unknown[]) => {
          if (typeof path !== 'string') throw new Error(`${opts.owner}: ${prop}() needs a path, so the route has an access rule.`);
          bind(prop, path);
          (target[prop as (typeof methods)[number]] as (...a: unknown[]) => unknown)(path, ...handlers);
          return proxy;
        };
      }
      if (prop === 'openapi') {
        return (route: { method: string; getRoutingPath(): string }, ...rest: unknown[]) => {
          bind(route.method, route.getRoutingPath());
          (target.openapi as (...a: unknown[]) => unknown)(route, ...rest);
          return proxy;
        };
      }
      if (typeof prop === 'string' && refused.has(prop)) {
        return () => {
          throw new Error(`${opts.owner}: ${prop}() is not allowed; register each route with its method and path so it has an access rule.`);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return proxy;
}

/** Registers an owner's routes and checks that every rule it declared belongs to a route it registered. */
export function registerOwned(
  targets: { app: OpenAPIHono<AppEnv>; api: OpenAPIHono<AppEnv> },
  owner: string,
  rules: RouteRules,
  table: RouteTable,
  register: (app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) => void,
): void {
  const used = new Set<string>();
  register(guardedApp(targets.app, { owner, rules, table }, used), guardedApp(targets.api, { owner, rules, table, base: '/api/v1' }, used));
  const stale = Object.keys(rules).filter((k) => !used.has(k));
  if (stale.length) throw new Error(`${owner}: access rules without a route: ${stale.join(', ')}`);
}
