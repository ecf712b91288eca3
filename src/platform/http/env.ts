// Per-request state carried through Hono's context.
import type { ServiceContext } from '../context.ts';
import type { Lang } from '../i18n/index.ts';
import type { Database } from '../db/client.ts';
import type { Config } from '../../config.ts';

export interface AppDeps {
  database: Database;
  config: Config;
  /**
   * The clock every request's context reads (`ctx.now()`). Only code can pass one (the e2e harness, to test
   * deadlines on a chosen day); the server and the CLI never do, and no setting or request can change it.
   */
  clock?: () => Date;
}

export type AppEnv = {
  Variables: {
    deps: AppDeps;
    ctx: ServiceContext;
    lang: Lang;
    csrfToken: string;
    sessionId: string | null;
    requestId: string;
    /** The WWW-Authenticate challenge of a refused bearer token (RFC 6750), for the error response. */
    authChallenge?: string;
  };
};
