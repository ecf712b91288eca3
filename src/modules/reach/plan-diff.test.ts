// The readable list of changes between two versions of a plan.
import { describe, it, expect } from 'vitest';
import { diffSnapshots, type DiffLabels } from './plan-diff.ts';
import type { PlanSnapshot } from './plan-read.ts';

const labels: DiffLabels = {
  subGoal: (k) => `subdoel ${k}`,
  field: (f) => f,
  targets: (ts) => ts.map((t) => `${t.targetGroup || 'alle'}/${t.district || 'stad'}=${t.plannedResidents}`).join(' ') || '—',
  list: (ks) => ks.join(', ') || '—',
};
const choice = { id: 'c1', subGoal: 'ontmoeten/1', activityId: 'a1', activityTitle: 'Koffie', activityKind: '', indicators: 'Deelnemers', method: 'Lijst' };
const entry = { id: 'e1', activityId: 'a1', activityTitle: 'Koffie', organisationId: 'o1', organisationName: 'Buurthuis', plannedSessions: 40, plannedHours: 80, subGoals: ['ontmoeten/1'], principles: [], targets: [{ targetGroup: 'ouderen', district: 'noord', plannedResidents: 30 }] };
const v1: PlanSnapshot = { choices: [choice], entries: [entry] };

describe('diffSnapshots', () => {
  it('says the first version created the plan, and that an unchanged plan has no lines', () => {
    expect(diffSnapshots(null, v1, labels)).toEqual([{ key: 'reach.history.created', params: {} }]);
    expect(diffSnapshots(v1, v1, labels)).toEqual([]);
  });

  it('lists added, removed and changed choices and entries with old and new values', () => {
    const v2: PlanSnapshot = {
      choices: [{ ...choice, indicators: 'Unieke deelnemers' }, { ...choice, id: 'c2', activityId: null, activityTitle: '', activityKind: 'Huiskamers' }],
      entries: [{ ...entry, plannedSessions: 44, targets: [{ targetGroup: 'ouderen', district: 'noord', plannedResidents: 35 }] }, { ...entry, id: 'e2', organisationId: 'o2', organisationName: 'Vrijwilligers' }],
    };
    const lines = diffSnapshots(v1, v2, labels);
    expect(lines).toEqual([
      { key: 'reach.history.choiceChanged', params: { subGoal: 'subdoel ontmoeten/1', what: 'indicators: Deelnemers → Unieke deelnemers' } },
      { key: 'reach.history.choiceAdded', params: { subGoal: 'subdoel ontmoeten/1', what: 'Huiskamers' } },
      { key: 'reach.history.entryChanged', params: { organisation: 'Buurthuis', activity: 'Koffie', fields: 'plannedSessions: 40 → 44; targets: ouderen/noord=30 → ouderen/noord=35' } },
      { key: 'reach.history.entryAdded', params: { organisation: 'Vrijwilligers', activity: 'Koffie' } },
    ]);
    expect(diffSnapshots(v2, v1, labels).map((l) => l.key)).toEqual(['reach.history.choiceChanged', 'reach.history.choiceRemoved', 'reach.history.entryChanged', 'reach.history.entryRemoved']);
  });
});
