// The in-memory counting of the report's grouped attendance (countAttendance), against a plain count of the rows.
import { describe, it, expect } from 'vitest';
import { countAttendance, type Level1 } from './report-query.ts';
import type { ReportRefs } from './report-filters.ts';

const refs: ReportRefs = {
  themes: [{ slug: 'ontmoeten', name: 'Ontmoeten' }],
  subGoals: [{ key: 'ontmoeten/1', theme: 'ontmoeten', text: '' }],
  targetGroups: [{ key: 'ouderen', name: 'Ouderen' }],
  districts: [{ code: 'noord', name: 'Noord' }],
  wijken: [
    { code: 'WK01', name: 'Een', districtCode: 'noord' },
    { code: 'WK02', name: 'Twee', districtCode: null },
  ],
  organisationName: (id) => id,
};
const meta = [
  { id: 'a1', title: '', organisationId: 'o1', themes: ['ontmoeten'], subGoals: ['ontmoeten/1'], districtCode: 'noord' },
  { id: 'a2', title: '', organisationId: 'o2', themes: [], subGoals: [], districtCode: null },
];
// Visits per month in 5-bit fields: months 1–6 in ma, 7–12 in mb.
const months = (counts: Record<number, number>) => {
  let ma = 0;
  let mb = 0;
  for (const [m, n] of Object.entries(counts).map(([m, n]) => [Number(m), n])) {
    if (m <= 6) ma += n * 2 ** ((m - 1) * 5);
    else mb += n * 2 ** ((m - 7) * 5);
  }
  return { ma, mb };
};
const row = (rid: number, activity_id: string, organisation_id: string, wijk_code: string | null, target_groups: string[], perMonth: Record<number, number>): Level1 => ({
  rid,
  activity_id,
  organisation_id,
  wijk_code,
  target_groups,
  v: Object.values(perMonth).reduce((a, b) => a + b, 0),
  ...months(perMonth),
});

describe('countAttendance', () => {
  const rows = [
    // Resident 1: two organisations (overlap), known wijk in noord, ouderen, months 1 and 12.
    row(1, 'a1', 'o1', 'WK01', ['ouderen'], { 1: 3 }),
    row(1, 'a2', 'o2', 'WK01', [], { 12: 31 }),
    // Resident 2: unknown wijk → the activity's district; a wijk without district → district unknown.
    row(2, 'a1', 'o1', null, ['ouderen', 'onbekend'], { 4: 1 }),
    row(2, 'a1', 'o1', 'WK02', [], { 4: 1, 5: 2 }),
    // Resident 3: an activity the report does not know, unknown wijk; an organisation outside the range's list.
    row(3, 'zz', 'o9', 'WK99', [], { 7: 2 }),
  ];
  const f = countAttendance({ refs, meta, orgIds: ['o1', 'o2'] }, rows);

  it('counts each resident once per category, with the overlap between organisations', () => {
    expect(f.unique).toBe(3);
    expect(f.identified).toBe(40);
    expect(f.overlap).toBe(1);
    expect(Object.fromEntries(f.orgOverlap)).toEqual({ o1: 1, o2: 1 });
    expect(Object.fromEntries(f.residents)).toEqual({
      'theme:ontmoeten': 2,
      'subGoal:ontmoeten/1': 2,
      'organisation:o1': 2,
      'organisation:o2': 1,
      'wijk:WK01': 1,
      'wijk:WK02': 1,
      'wijk:': 2,
      'district:noord': 2,
      'district:': 2,
      'month:1': 1,
      'month:12': 1,
      'month:4': 1,
      'month:5': 1,
      'month:7': 1,
      'quarter:1': 1,
      'quarter:2': 1,
      'quarter:3': 1,
      'quarter:4': 1,
      'targetGroup:ouderen': 2,
    });
  });

  it('adds the identified visits per category, month fields up to 31', () => {
    expect(Object.fromEntries(f.visits)).toEqual({
      'theme:ontmoeten': 7,
      'subGoal:ontmoeten/1': 7,
      'organisation:o1': 7,
      'organisation:o2': 31,
      'organisation:o9': 2,
      'wijk:WK01': 34,
      'wijk:WK02': 3,
      'wijk:': 3,
      'district:noord': 35,
      'district:': 5,
      'month:1': 3,
      'month:12': 31,
      'month:4': 2,
      'month:5': 2,
      'month:7': 2,
      'quarter:1': 3,
      'quarter:4': 31,
      'quarter:2': 4,
      'quarter:3': 2,
      'targetGroup:ouderen': 4,
      'targetGroup:onbekend': 1,
    });
  });

  it('keeps counting past its first thousand categories', () => {
    const many = Array.from({ length: 1500 }, (_, i) => row(i, 'a2', `o${i}`, 'WK01', [], { 2: 1 }));
    const g = countAttendance({ refs, meta, orgIds: many.map((r) => r.organisation_id) }, many);
    expect(g.unique).toBe(1500);
    expect(g.residents.get('organisation:o1499')).toBe(1);
    expect(g.visits.get('organisation:o0')).toBe(1);
    expect(g.residents.get('month:2')).toBe(1500);
    expect(g.overlap).toBe(0);
  });
});
