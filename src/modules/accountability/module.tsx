/** @jsxImportSource hono/jsx */
// The accountability module as the platform sees it: the yearly accountability document per theme table (levels
// 1–4 per sub-goal with the table's narratives, workflow, versions, PDF/XLSX/HTML, the council bundle) and the
// dashboards per theme and per district. The council member (auditor) has it as the main page.
import type { Module, JobDefinition } from '../../platform/module.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { H2, P } from '../../platform/ui/page.tsx';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { accountabilityRoutes } from './policy.ts';
import { registerAccountability } from './routes.ts';
import { renderJob } from './exports.ts';
import { accountabilityPersonalData } from './personal-data.ts';
import { listDocuments } from './document-service.ts';
import { readsDocuments } from './figures.ts';
import { DashboardLinks, DocumentList } from './document-pages.tsx';

export const accountabilityAuditActions = ['accountability.narrative_save', 'accountability.submit', 'accountability.decide', 'accountability.export'] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    accountability: (typeof accountabilityAuditActions)[number];
  }
}

export const accountabilityModule: Module = {
  name: 'accountability',
  apiTag: { name: 'verantwoording-raad', description: 'Het jaarlijkse verantwoordingsdocument per thematafel (niveau 1–4), de bundel voor de raad en de dashboards' },
  routes: { rules: accountabilityRoutes, register: registerAccountability },
  schema,
  messages,
  nav: [{ href: '/verantwoording/documenten', label: 'accountability.nav', order: 42, show: (a) => hasRole(a, 'auditor', 'policy_advisor', 'contract_manager') }],
  // The council member's main page: this year's documents and the dashboards, first on the home page.
  homeFirst: (a) => hasRole(a, 'auditor'),
  home: async (ctx, v) => {
    if (!ctx.actor || !readsDocuments(ctx) || !hasRole(ctx.actor, 'auditor', 'policy_advisor')) return null;
    const year = ctx.now().getUTCFullYear();
    const docs = await listDocuments(ctx, year);
    return (
      <section aria-labelledby="verantwoording-raad">
        <H2 id="verantwoording-raad">{v.t('accountability.home.title')}</H2>
        <P>{v.t('accountability.home.intro')}</P>
        {docs.length ? <DocumentList v={v} year={year} docs={docs} /> : null}
        <DashboardLinks v={v} year={year}>
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href="/verantwoording/documenten">
              {v.t('accountability.list.title')}
            </a>
          </li>
        </DashboardLinks>
      </section>
    );
  },
  jobs: [renderJob as unknown as JobDefinition],
  auditActions: accountabilityAuditActions,
  personalData: accountabilityPersonalData,
};
