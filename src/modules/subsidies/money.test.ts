// The arithmetic of grants, with properties (fast-check): after any sequence of adjustments and indexations the sum
// of the yearly amounts equals the granted total plus every decision's recorded change; indexation rounds half a
// cent away from zero; advances add up exactly; euro input parses to the right cents.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { advances, applyChange, indexYear, mulDivRound, sroiObligation, sumYears, totalOf, type Change, type YearAmount } from './money.ts';

const yearsArb = fc.array(fc.record({ wageCents: fc.integer({ min: 0, max: 200_000_000 }), otherCents: fc.integer({ min: 0, max: 200_000_000 }) }), { minLength: 1, maxLength: 6 }).map((ys) => ys.map((y, i) => ({ year: 2020 + i, ...y })));
const changeArb = (n: number): fc.Arbitrary<Change> =>
  fc.oneof(
    fc.record({ kind: fc.constant('adjustment' as const), year: fc.integer({ min: 2020, max: 2020 + n - 1 }), wageDeltaCents: fc.integer({ min: -50_000_000, max: 50_000_000 }), otherDeltaCents: fc.integer({ min: -50_000_000, max: 50_000_000 }) }),
    fc.record({ kind: fc.constant('indexation' as const), year: fc.integer({ min: 2020, max: 2020 + n - 1 }), basisPoints: fc.integer({ min: 1, max: 2500 }) }),
  );

describe('grant arithmetic', () => {
  it('the sum of the yearly amounts after any sequence of decisions equals the decided totals', () => {
    fc.assert(
      fc.property(
        yearsArb.chain((ys) => fc.tuple(fc.constant(ys), fc.array(changeArb(ys.length), { maxLength: 30 }))),
        ([initial, changes]) => {
          let years: YearAmount[] = initial;
          let decided = sumYears(initial);
          for (const c of changes) {
            const r = applyChange(years, c);
            if (!r.ok) {
              // refused decisions change nothing (only a negative result can be refused here)
              expect(r.reason).toBe('negative_result');
              continue;
            }
            decided += r.deltaCents;
            years = r.years;
            // the change is exactly the difference of that year, and every amount stays whole and non-negative
            expect(years.every((y) => Number.isSafeInteger(y.wageCents) && Number.isSafeInteger(y.otherCents) && y.wageCents >= 0 && y.otherCents >= 0)).toBe(true);
          }
          expect(sumYears(years)).toBe(decided);
          expect(years.map((y) => y.year)).toEqual(initial.map((y) => y.year));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('indexation: per part, whole cents, half a cent away from zero, equal to exact rational rounding', () => {
    expect(indexYear({ year: 2021, wageCents: 11_800_000, otherCents: 3_000_050 }, 250)).toEqual({ result: { year: 2021, wageCents: 12_095_000, otherCents: 3_075_051 }, deltaCents: 295_000 + 75_001 });
    expect(mulDivRound(2, 2500, 10_000)).toBe(1); // 0.5 → 1
    expect(mulDivRound(-2, 2500, 10_000)).toBe(-1); // -0.5 → -1
    expect(mulDivRound(1, 4999, 10_000)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 1, max: 2500 }), (x, bp) => {
        const exact = (BigInt(x) * BigInt(bp) * 2n + 10_000n) / 20_000n;
        expect(BigInt(mulDivRound(x, bp, 10_000))).toBe(exact);
        const lower = (x * bp) / 10_000;
        expect(Math.abs(mulDivRound(x, bp, 10_000) - lower)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('advances add up to the amount exactly, the remainder on the first', () => {
    expect(advances(1001, 4)).toEqual([251, 250, 250, 250]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000_000 }), fc.constantFrom(1, 4, 12), (amount, n) => {
        const parts = advances(amount, n);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThan(n);
      }),
    );
  });

  it('SROI: 5 % of the wage part for a single grantee with more than EUR 500,000 in the year, never for joint ones', () => {
    const y = (wage: number, other: number) => ({ year: 2020, wageCents: wage, otherCents: other });
    expect(sroiObligation(false, y(45_000_000, 6_000_000))).toBe(2_250_000);
    expect(sroiObligation(false, y(45_000_000, 5_000_000))).toBe(0); // exactly EUR 500,000 is not "meer dan"
    expect(sroiObligation(true, y(90_000_000, 0))).toBe(0);
    expect(sroiObligation(false, y(50_000_001, 0))).toBe(2_500_000);
    expect(totalOf(y(1, 2))).toBe(3);
  });
});
