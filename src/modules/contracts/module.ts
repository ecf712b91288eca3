// The integral contract (opdracht) as the platform sees it: contracts with their contractor, contracting rounds,
// the contractor's decisions per subcontractor and the transfer of residents when one stops.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { contractRoutes } from './policy.ts';
import { registerContracts } from './routes.tsx';
import { seedContracts } from './seed.ts';
import { seedContractsDemo } from './demo.ts';

export const contractsAuditActions = ['contracts.contract.created', 'contracts.contract.updated', 'contracts.round.created', 'contracts.round.updated', 'contracts.subcontractor.added', 'contracts.subcontractor.decided', 'contracts.transfer.updated'] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    contracts: (typeof contractsAuditActions)[number];
  }
}

export const contractsModule: Module = {
  name: 'contracts',
  apiTag: { name: 'opdrachten', description: 'De integrale opdracht, de contracteringsrondes en de onderaannemers' },
  routes: { rules: contractRoutes, register: registerContracts },
  schema,
  messages,
  nav: [{ href: '/opdrachten', label: 'contracts.nav', order: 56, show: (a) => !!a?.roles.some((r) => r === 'policy_advisor' || r === 'contract_manager' || r === 'administrator' || r === 'auditor') }],
  seed: seedContracts,
  demo: seedContractsDemo,
  demoProgress: 'Demodata: onderaannemers van de opdracht…',
  jobs: [],
  auditActions: contractsAuditActions,
};
export { DEMO_CONTRACTOR_EMAIL } from './demo.ts';
