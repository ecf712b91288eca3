// Audit actions are a typed list: the platform declares its own here, each module declares its list and adds it
// to `AuditActions` (declare module '../../platform/audit/actions.ts' { interface AuditActions { m: (typeof list)[number] } }).
// recordAudit accepts only declared actions, so a typo is a type error.

export const platformAuditActions = [
  'user.list',
  'user.read',
  'user.create',
  'user.update',
  'user.roles_change',
  'auth.login',
  'auth.login_failed',
  'auth.login_throttled',
  'auth.logout',
  'auth.password_change',
  'auth.password_change_failed',
  'auth.reset_link_issued',
  'auth.password_reset',
  'audit.read',
  'job.cancel',
  'api_token.create',
  'api_token.revoke',
  'account.personal_data_read',
] as const;

export interface AuditActions {
  platform: (typeof platformAuditActions)[number];
}

export type AuditAction = AuditActions[keyof AuditActions];
