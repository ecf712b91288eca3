// What changed between two versions of an accountability plan, as readable lines (message keys with their values):
// choices added, removed or changed; entries added, removed, or changed field by field.
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { PlanSnapshot, EntryView, TargetView } from './plan-read.ts';

export interface ChangeLine {
  key: MessageKey;
  params: Record<string, string>;
}

export interface DiffLabels {
  subGoal: (key: string) => string;
  field: (name: 'plannedSessions' | 'plannedHours' | 'subGoals' | 'principles' | 'targets' | 'indicators' | 'method' | 'activity') => string;
  targets: (targets: TargetView[]) => string;
  list: (keys: string[]) => string;
}

const choiceWhat = (c: PlanSnapshot['choices'][number]) => c.activityTitle || c.activityKind;

/** The lines that turn `before` into `after` (before = null: the plan's first version). */
export function diffSnapshots(before: PlanSnapshot | null, after: PlanSnapshot, labels: DiffLabels): ChangeLine[] {
  if (!before) return [{ key: 'reach.history.created', params: {} }];
  const lines: ChangeLine[] = [];
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const oldChoices = byId(before.choices);
  const newChoices = byId(after.choices);
  for (const c of after.choices) {
    const o = oldChoices.get(c.id);
    if (!o) {
      lines.push({ key: 'reach.history.choiceAdded', params: { subGoal: labels.subGoal(c.subGoal), what: choiceWhat(c) } });
      continue;
    }
    const changes: string[] = [];
    if (choiceWhat(o) !== choiceWhat(c)) changes.push(`${labels.field('activity')}: ${choiceWhat(o)} → ${choiceWhat(c)}`);
    if (o.subGoal !== c.subGoal) changes.push(`${labels.subGoal(o.subGoal)} → ${labels.subGoal(c.subGoal)}`);
    if (o.indicators !== c.indicators) changes.push(`${labels.field('indicators')}: ${o.indicators} → ${c.indicators}`);
    if (o.method !== c.method) changes.push(`${labels.field('method')}: ${o.method} → ${c.method}`);
    if (changes.length) lines.push({ key: 'reach.history.choiceChanged', params: { subGoal: labels.subGoal(c.subGoal), what: changes.join('; ') } });
  }
  for (const o of before.choices) if (!newChoices.has(o.id)) lines.push({ key: 'reach.history.choiceRemoved', params: { subGoal: labels.subGoal(o.subGoal), what: choiceWhat(o) } });

  const oldEntries = byId(before.entries);
  const newEntries = byId(after.entries);
  const who = (e: EntryView) => ({ organisation: e.organisationName, activity: e.activityTitle });
  for (const e of after.entries) {
    const o = oldEntries.get(e.id);
    if (!o) {
      lines.push({ key: 'reach.history.entryAdded', params: who(e) });
      continue;
    }
    const fields: string[] = [];
    if (o.plannedSessions !== e.plannedSessions) fields.push(`${labels.field('plannedSessions')}: ${o.plannedSessions} → ${e.plannedSessions}`);
    if (o.plannedHours !== e.plannedHours) fields.push(`${labels.field('plannedHours')}: ${o.plannedHours} → ${e.plannedHours}`);
    if (o.subGoals.join() !== e.subGoals.join()) fields.push(`${labels.field('subGoals')}: ${labels.list(o.subGoals)} → ${labels.list(e.subGoals)}`);
    if (o.principles.join() !== e.principles.join()) fields.push(`${labels.field('principles')}: ${labels.list(o.principles)} → ${labels.list(e.principles)}`);
    if (labels.targets(o.targets) !== labels.targets(e.targets)) fields.push(`${labels.field('targets')}: ${labels.targets(o.targets)} → ${labels.targets(e.targets)}`);
    if (fields.length) lines.push({ key: 'reach.history.entryChanged', params: { ...who(e), fields: fields.join('; ') } });
  }
  for (const o of before.entries) if (!newEntries.has(o.id)) lines.push({ key: 'reach.history.entryRemoved', params: who(o) });
  return lines;
}
