import { describe, expect, test } from '@jest/globals';
import { grantVesting } from '../../src/core/grants.js';
import { vestingSchedule, type Vesting } from '../../src/core/vesting.js';
import { rat } from '../../src/core/rational.js';

const team: Vesting = {
  start: '2026-04-29',
  cliff: { n: 12, unit: 'month' },
  atCliff: { kind: 'share', r: rat(1n, 4n) },
  linear: { n: 36, unit: 'month' },
  every: 'month',
};

describe('grant vesting', () => {
  test('a grant with no terms of its own vests like its category', () => {
    expect(grantVesting(team, {})).toBe(team);
  });
  test("own fields replace the category's, the rest stay", () => {
    const v = grantVesting(team, {
      start: '2026-06-01',
      linear: { n: 12, unit: 'month' },
      every: 'quarter',
    });
    expect(v).toEqual({
      ...team,
      start: '2026-06-01',
      linear: { n: 12, unit: 'month' },
      every: 'quarter',
      tranches: undefined,
      segments: undefined,
    });
    // 1,000 units: 250 at the cliff 2027-06-01, then 750 in 4 quarterly steps of 187/188
    const u = vestingSchedule(1000n, v);
    expect(u.map((x) => [x.date, x.amount])).toEqual([
      ['2027-06-01', 250n],
      ['2027-09-01', 187n],
      ['2027-12-01', 188n],
      ['2028-03-01', 187n],
      ['2028-06-01', 188n],
    ]);
  });
  test('own linear terms replace category tranches and segments', () => {
    const tranches: Vesting = {
      start: '2026-01-01',
      tranches: [
        {
          at: { kind: 'after', span: { n: 1, unit: 'month' } },
          share: { kind: 'share', r: rat(1n) },
        },
      ],
    };
    expect(grantVesting(tranches, { linear: { n: 2, unit: 'month' } }).tranches).toBeUndefined();
    expect(
      vestingSchedule(10n, grantVesting(tranches, { linear: { n: 2, unit: 'month' } })).map(
        (x) => x.amount,
      ),
    ).toEqual([5n, 5n]);
  });
});
