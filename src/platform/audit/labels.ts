// Audit actions in plain language. Whoever declares an action owns its label: the platform's are `audit.label.<action>`
// (src/platform/audit/messages.ts); a module's are in its own messages under its name, `<module>.audit.<action>` with
// the module's name left off the front of the action when it starts with it (`reach.subject_access` →
// `reach.audit.subject_access`, `survey.create` of effects → `effects.audit.survey.create`).
import { t, isMessageKey, hasMessage, langs, type Lang } from '../i18n/index.ts';
import { declaredAuditActions, installedModules } from '../module.ts';
import { platformAuditActions } from './actions.ts';

/** The message key of an action's label; undefined when neither the platform nor an installed module declares it. */
export function auditLabelKey(action: string): string | undefined {
  if ((platformAuditActions as readonly string[]).includes(action)) return `audit.label.${action}`;
  const owner = installedModules().find((m) => m.auditActions.includes(action));
  if (!owner) return undefined;
  const prefix = `${owner.name}.`;
  return `${owner.name}.audit.${action.startsWith(prefix) ? action.slice(prefix.length) : action}`;
}

/** An action as people read it (“Ingelogd” for `auth.login`); the technical name when it has no label. */
export function auditActionLabel(lang: Lang, action: string): string {
  const key = auditLabelKey(action);
  return key && isMessageKey(key) ? t(lang, key) : action;
}

/** Every declared action (the platform's and the installed modules') that lacks a label in Dutch or English. */
export function auditActionsWithoutLabel(): string[] {
  return [...platformAuditActions, ...declaredAuditActions()].filter((action) => {
    const key = auditLabelKey(action);
    return !key || langs.some((lang) => !hasMessage(lang, key));
  });
}
