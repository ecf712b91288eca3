// Tenant isolation enforced by the database: PostgreSQL row-level security on `tenant_id`, on PGlite and PostgreSQL.
//
// - The app's queries run as the role APP_ROLE: no superuser, not the owner of any table, no BYPASSRLS.
// - The municipality a server serves is a session setting of each connection (`app.tenant`), set once when the
//   connection opens, so no query pays for it.
// - Every table with a `tenant_id` column gets RLS enabled and forced, with the policy TENANT_POLICY:
//   rows are visible and writable only when `tenant_id = current_setting('app.tenant')`. `applyTenancy` runs after
//   every migration and finds those tables itself, so a new module's tables are covered without extra work.
// A query that forgets its `tenant_id = …` filter therefore still sees only the current municipality's rows.
/** The role the app's queries run as (cluster-wide: shared by every database of the PostgreSQL server). */
export const APP_ROLE = 'sociale_basis_app';
/** Name of the policy on every table with a tenant_id column. */
export const TENANT_POLICY = 'tenant_isolation';
/** The session setting that holds the current municipality's CBS code. */
export const TENANT_SETTING = 'app.tenant';

/** A tenant key as it may appear in a connection's start-up options: letters, digits, `_` and `-`. */
export function assertTenantKey(tenant: string): string {
  if (!/^[A-Za-z0-9_-]{1,32}$/.test(tenant)) throw new Error(`Ongeldige gemeentecode voor de database: ${JSON.stringify(tenant)}`);
  return tenant;
}

/** The policy's condition: the row's tenant is the connection's. */
const tenantCondition = `tenant_id = (select current_setting('${TENANT_SETTING}'))`;
/** How PostgreSQL (15 and later, PGlite) prints tenantCondition back. */
export const POLICY_EXPRESSION = `(tenant_id = ( SELECT current_setting('${TENANT_SETTING}'::text) AS current_setting))`;
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Creates APP_ROLE if it does not exist and lets the connecting user switch to it. Idempotent and safe when
 * several processes or test databases do it at once (roles are cluster-wide: a concurrent creation may end in
 * duplicate_object or in a unique violation of the catalogue; both mean the role is there).
 */
export const ensureAppRoleSql = `DO $$
BEGIN
  BEGIN
    CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AND NOT pg_has_role(current_user, '${APP_ROLE}', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END $$`;

/**
 * Run after the migrations, as the owner of the tables (idempotent; one process at a time per database):
 * grants APP_ROLE the use of the tables, and enables and forces row-level security with TENANT_POLICY on every
 * table in `public` that has a tenant_id column. A policy with another condition is replaced.
 *
 * Where the owner is a superuser (PGlite; a self-managed PostgreSQL), the operators of the indexed filters
 * (full text `@@`, array `@>` and `&&`) are marked LEAKPROOF. Row-level security makes PostgreSQL check the
 * policy before any filter that is not leakproof, which keeps such filters from using their indexes; these
 * operators reveal nothing about rows beyond their result, so the app's queries keep their index plans.
 */
export const applyTenancySql = `DO $$
DECLARE
  t record;
  cond text := ${quoted(tenantCondition)};
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('sociale_basis.tenancy'));
  EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', '${APP_ROLE}');
  EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO %I', '${APP_ROLE}');
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO %I', '${APP_ROLE}');
  FOR t IN
    SELECT c.oid, c.relname, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
  LOOP
    IF NOT t.relrowsecurity THEN EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname); END IF;
    IF NOT t.relforcerowsecurity THEN EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname); END IF;
    IF NOT EXISTS (
      SELECT 1 FROM pg_policy p
      WHERE p.polrelid = t.oid AND p.polname = '${TENANT_POLICY}' AND p.polcmd = '*' AND p.polpermissive
        AND pg_get_expr(p.polqual, p.polrelid) = pg_get_expr(p.polwithcheck, p.polrelid)
        AND pg_get_expr(p.polqual, p.polrelid) = ${quoted(POLICY_EXPRESSION)}
    ) THEN
      EXECUTE format('DROP POLICY IF EXISTS ${TENANT_POLICY} ON public.%I', t.relname);
      EXECUTE format('CREATE POLICY ${TENANT_POLICY} ON public.%I FOR ALL USING (%s) WITH CHECK (%s)', t.relname, cond, cond);
    END IF;
  END LOOP;
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
    ALTER FUNCTION pg_catalog.arraycontains(anyarray, anyarray) LEAKPROOF;
    ALTER FUNCTION pg_catalog.arrayoverlap(anyarray, anyarray) LEAKPROOF;
  END IF;
END $$`;

/** One row per table with a tenant_id column that the database does not isolate (an empty list is the goal). */
export const tenancyGapsSql = `
  SELECT c.relname AS "table",
         c.relrowsecurity AS "enabled",
         c.relforcerowsecurity AS "forced",
         (SELECT pg_get_expr(p.polqual, p.polrelid) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '${TENANT_POLICY}') AS "using",
         (SELECT pg_get_expr(p.polwithcheck, p.polrelid) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '${TENANT_POLICY}') AS "withCheck",
         has_table_privilege('${APP_ROLE}', c.oid, 'SELECT') AS "granted"
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
    AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
  ORDER BY c.relname`;

export interface TenancyRow {
  table: string;
  enabled: boolean;
  forced: boolean;
  using: string | null;
  withCheck: string | null;
  granted: boolean;
}

/** The tables of `rows` that are not isolated: RLS off or not forced, or no policy on the tenant setting for reads and writes. */
export function tenancyGaps(rows: TenancyRow[]): string[] {
  const onTenant = (e: string | null) => e === POLICY_EXPRESSION;
  return rows.filter((r) => !r.enabled || !r.forced || !onTenant(r.using) || !onTenant(r.withCheck)).map((r) => r.table);
}
