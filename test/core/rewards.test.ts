import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  computeScore,
  epochRewards,
  slashAmount,
  type EpochNode,
  type EpochParams,
} from '../../src/core/rewards.js';
import { parseDecimal as d, rat } from '../../src/core/rational.js';

const P: EpochParams = {
  fees: 1000n,
  emission: 9000n,
  split: { nodes: d('0.8'), validators: d('0.15'), treasury: d('0.05') },
  minUptime: d('0.9'),
  stakeMin: 100n,
  slashRate: d('0.1'),
  slashTo: 'treasury',
  decimals: 0,
};
const node = (id: string, over: Partial<EpochNode> = {}): EpochNode => ({
  id,
  role: 'compute',
  stake: 1000n,
  tasks: 10n,
  quality: d('1'),
  uptime: d('1'),
  failedChecks: 0n,
  ...over,
});

describe('epoch rewards, hand-computed', () => {
  test('fees split 800/150/50; compute pool 800 + 9,000 emission shared 3:1 by score; validators 2:1 by stake', () => {
    const r = epochRewards(
      [
        node('a', { tasks: 30n }),
        node('b', { tasks: 10n }),
        node('v1', { role: 'validator', stake: 2000n }),
        node('v2', { role: 'validator', stake: 1000n }),
      ],
      P,
    );
    expect(r.computePool).toBe(9800n);
    expect(r.nodes.map((n) => n.reward)).toEqual([7350n, 2450n, 100n, 50n]);
    expect(r.treasuryFees).toBe(50n);
    expect(r.nodes[0]!.share).toEqual(rat(3n, 4n));
  });
  test('excluded and slashed nodes: low uptime, low stake, failed checks', () => {
    const r = epochRewards(
      [
        node('ok', { tasks: 5n, quality: d('0.9'), uptime: d('0.95') }), // score 4.275
        node('flaky', { uptime: d('0.89') }),
        node('small', { stake: 99n }),
        node('cheat', { failedChecks: 3n, stake: 1000n }), // slashed 3 × 10% = 300
        node('v', { role: 'validator' }),
      ],
      P,
    );
    expect(r.nodes.map((n) => [n.id, n.status, n.reward, n.slashed, n.stakeAfter])).toEqual([
      ['ok', 'ok', 9800n, 0n, 1000n],
      ['flaky', 'uptime below minimum', 0n, 0n, 1000n],
      ['small', 'stake below minimum', 0n, 0n, 99n],
      ['cheat', 'failed 3 checks', 0n, 300n, 700n],
      ['v', 'ok', 150n, 0n, 1000n],
    ]);
    expect(r.nodes[0]!.score).toEqual(d('4.275'));
    expect(r.slashedToTreasury).toBe(300n);
  });
  test('slashing is capped at the stake', () => {
    expect(slashAmount(1000n, d('0.3'), 5n)).toBe(1000n);
    expect(slashAmount(1005n, d('0.1'), 1n)).toBe(100n);
  });
  test('a zero-score epoch: every pool goes to the treasury', () => {
    const r = epochRewards(
      [node('idle', { tasks: 0n }), node('v', { role: 'validator', uptime: d('0.5') })],
      P,
    );
    expect(r.rewardsCompute + r.rewardsValidators).toBe(0n);
    expect(r.treasuryUnclaimed).toBe(9950n);
    expect(r.treasuryFees + r.treasuryUnclaimed).toBe(10_000n);
  });
  test('validators share by verifications when given', () => {
    const r = epochRewards(
      [
        node('v1', { role: 'validator', verifications: 1n }),
        node('v2', { role: 'validator', verifications: 2n, stake: 5000n }),
      ],
      { ...P, emission: 0n },
    );
    expect(r.nodes.map((n) => n.reward)).toEqual([50n, 100n]);
  });
});

const nodeArb = fc.record({
  id: fc.uuid(),
  role: fc.constantFrom<'compute' | 'validator'>('compute', 'validator'),
  stake: fc.bigInt({ min: 0n, max: 10n ** 24n }),
  tasks: fc.bigInt({ min: 0n, max: 10_000n }),
  quality: fc.integer({ min: 0, max: 100 }).map((x) => rat(BigInt(x), 100n)),
  uptime: fc.integer({ min: 0, max: 1000 }).map((x) => rat(BigInt(x), 1000n)),
  failedChecks: fc.constantFrom(0n, 0n, 0n, 1n, 4n),
});
const paramsArb = fc.record({
  fees: fc.bigInt({ min: 0n, max: 10n ** 27n }),
  emission: fc.bigInt({ min: 0n, max: 10n ** 27n }),
  a: fc.integer({ min: 0, max: 100 }),
  b: fc.integer({ min: 0, max: 100 }),
});
const params = (x: { fees: bigint; emission: bigint; a: number; b: number }): EpochParams => {
  const [lo, hi] = x.a <= x.b ? [x.a, x.b] : [x.b, x.a];
  return {
    ...P,
    fees: x.fees,
    emission: x.emission,
    stakeMin: 10n ** 18n,
    decimals: 18,
    split: {
      nodes: rat(BigInt(lo), 100n),
      validators: rat(BigInt(hi - lo), 100n),
      treasury: rat(BigInt(100 - hi), 100n),
    },
  };
};

describe('epoch rewards, properties', () => {
  test('rewards + treasury = fees + emission exactly, for any node set and amounts', () => {
    fc.assert(
      fc.property(fc.array(nodeArb, { maxLength: 30 }), paramsArb, (nodes, x) => {
        const p = params(x);
        const r = epochRewards(nodes, p);
        const rewards = r.nodes.reduce((a, n) => a + n.reward, 0n);
        expect(rewards + r.treasuryFees + r.treasuryUnclaimed).toBe(p.fees + p.emission);
        r.nodes.forEach((n, i) => {
          expect(n.stakeAfter + n.slashed).toBe(nodes[i]!.stake);
          if (!n.eligible) expect(n.reward).toBe(0n);
        });
      }),
    );
  });
  test("a node's reward never decreases when its tasks, quality or uptime rise", () => {
    fc.assert(
      fc.property(
        fc.array(nodeArb, { minLength: 1, maxLength: 12 }),
        paramsArb,
        fc.nat(),
        fc.constantFrom('tasks', 'quality', 'uptime'),
        fc.integer({ min: 1, max: 50 }),
        (nodes, x, pick, what, step) => {
          const p = params(x);
          const i = pick % nodes.length;
          const base = nodes.map((n, j) => (j === i ? { ...n, role: 'compute' as const } : n));
          const before = epochRewards(base, p).nodes[i]!.reward;
          const up = base.map((n, j) => {
            if (j !== i) return n;
            if (what === 'tasks') return { ...n, tasks: n.tasks + BigInt(step) };
            const bump = (r: { n: bigint; d: bigint }) =>
              r.n * 100n + BigInt(step) * r.d >= r.d * 100n
                ? rat(1n)
                : rat(r.n * 100n + BigInt(step) * r.d, r.d * 100n);
            return what === 'quality'
              ? { ...n, quality: bump(n.quality) }
              : { ...n, uptime: bump(n.uptime) };
          });
          expect(epochRewards(up, p).nodes[i]!.reward >= before).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
  test('score is tasks × quality × uptime', () => {
    expect(computeScore({ tasks: 120n, quality: d('0.98'), uptime: d('0.995') })).toEqual(
      d('117.012'),
    );
  });
});
