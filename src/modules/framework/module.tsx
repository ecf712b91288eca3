/** @jsxImportSource hono/jsx */
// The framework module as the platform sees it: themes, goals, districts and wijken of a call period.
import type { Module } from '../../platform/module.ts';
import { H2, P, A, UL } from '../../platform/ui/page.tsx';
import * as schema from './schema.ts';
import { frameworkRoutes } from './policy.ts';
import { registerFramework } from './routes.ts';
import { listThemes } from './service.ts';
import { loadFramework, readFrameworkSeed } from './seed.ts';

export const frameworkAuditActions = ['framework.theme_edit', 'framework.period_start', 'framework.wijk_district', 'tenant.created', 'framework.file_loaded', 'framework.areas_loaded'] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    framework: (typeof frameworkAuditActions)[number];
  }
}

export const frameworkModule: Module = {
  name: 'framework',
  apiTag: { name: 'kader', description: 'Thema’s, doelen, stadsdelen en wijken' },
  routes: { rules: frameworkRoutes, register: registerFramework },
  schema,
  nav: [
    { href: '/themas', label: 'nav.themes', order: 40 },
    { href: '/kader', label: 'nav.framework', order: 50 },
    { href: '/wijken', label: 'nav.districts', order: 60 },
  ],
  admin: [{ href: '/beheer/wijken', label: 'admin.wijken', order: 30 }],
  home: async (ctx, v) => {
    const themes = await listThemes(ctx);
    return (
      <>
        <H2>{v.t('nav.themes')}</H2>
        <UL items={themes.map((t) => <A href={`/themas/${t.slug}`}>{t.name}</A>)} />
        <P>
          <A href="/kader">{v.t('home.frameworkLink')}</A>
        </P>
      </>
    );
  },
  seed: async (ctx, { municipalityDir }) => {
    const fw = await loadFramework(ctx, readFrameworkSeed(municipalityDir), municipalityDir);
    return [fw.created.length ? `kader: ${fw.created.length} onderdelen toegevoegd` : 'kader: al aanwezig'];
  },
  jobs: [],
  auditActions: frameworkAuditActions,
};
