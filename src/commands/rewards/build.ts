/** `rewards`: an epoch's fees and emission split among compute nodes, validators and the treasury. */
import { InputError } from '../../core/errors.js';
import { displayUnits, toUnits } from '../../core/amount.js';
import { formatPercent, type Rational } from '../../core/rational.js';
import { epochRewards } from '../../core/rewards.js';
import { DEFAULT_SPLIT } from '../../core/fees.js';
import { col, type Report } from '../../core/table.js';
import type { Model } from '../../params/model.js';
import { loadNodes } from '../../inputs/nodes.js';
import type { Builder } from '../env.js';
import type { spec } from './spec.js';

export const buildRewards: Builder<typeof spec> = (m: Model, o): Report => {
  const r = m.params.rewards;
  if (!r)
    throw new InputError(
      `${m.file} has no rewards section; ai-econ rewards needs one (see ai-econ init for a commented example)`,
    );
  const split = r.split ?? m.params.fees?.split ?? DEFAULT_SPLIT;
  // The split adding up: checked when the file loads (src/params/model.ts).
  const tokens = (flag: string, v: Rational | undefined): bigint | undefined => {
    if (v === undefined) return undefined;
    try {
      return toUnits(v, m.decimals, 'the amount');
    } catch (e) {
      throw new InputError(`option ${flag}: ${(e as Error).message}`);
    }
  };
  const fees = tokens('--fees', o.fees) ?? (r.epochFees ? toUnits(r.epochFees, m.decimals) : 0n);
  const emission = tokens('--emission', o.emission) ?? toUnits(r.emissionPerEpoch, m.decimals);
  const nodes = loadNodes(m, o.nodes);
  const res = epochRewards(nodes, {
    fees,
    emission,
    split,
    minUptime: r.minUptime,
    stakeMin: toUnits(r.stakeMin, m.decimals),
    slashRate: r.slashing.rate,
    slashTo: r.slashing.destination,
    decimals: m.decimals,
  });
  const pct = (x: Rational) => formatPercent(x, 4);
  const tok = (u: bigint) => `${displayUnits(u, m.decimals, 2)} ${m.symbol}`;
  const treasury = res.treasuryFees + res.treasuryUnclaimed;
  const rewards = res.rewardsCompute + res.rewardsValidators;
  return {
    command: 'rewards',
    params: { nodes: o.nodes ?? 'config nodes' },
    decimals: m.decimals,
    tables: [
      {
        name: 'nodes',
        title: `Epoch rewards: ${tok(fees)} fees + ${tok(emission)} emission, ${nodes.length} nodes — ${m.file}`,
        columns: [
          col('id'),
          col('role'),
          col('score', 'number', 4),
          col('share_pct', 'pct', 4),
          col('reward', 'token'),
          col('slashed', 'token'),
          col('stake_after', 'token'),
          col('status'),
        ],
        rows: res.nodes.map((n) => ({
          id: n.id,
          role: n.role,
          score: n.score,
          share_pct: n.share,
          reward: n.reward,
          slashed: n.slashed,
          stake_after: n.stakeAfter,
          status: n.status,
        })),
        terminal: ['id', 'role', 'reward', 'slashed', 'stake_after', 'status', 'share_pct'],
        totals: {
          id: 'total',
          reward: rewards,
          slashed: res.nodes.reduce((a, n) => a + n.slashed, 0n),
          stake_after: res.nodes.reduce((a, n) => a + n.stakeAfter, 0n),
        },
        notes: [
          `Compute nodes share fees × ${pct(split.nodes)} + emission by score = tasks × quality × uptime; validators share fees × ${pct(split.validators)} pro rata to ${nodes.some((n) => n.role === 'validator' && n.verifications !== undefined) ? 'verifications' : 'stake'}; the treasury gets fees × ${pct(split.treasury)}.`,
          `No reward for uptime below ${pct(r.minUptime)}, stake below ${displayUnits(toUnits(r.stakeMin, m.decimals), m.decimals, 0)} ${m.symbol}, or any failed check; each failed check slashes ${pct(r.slashing.rate)} of the stake (capped at the stake), sent to the ${r.slashing.destination === 'burn' ? 'burn address' : 'treasury'}.`,
          "Rounding: every pool is split by largest remainder to the base unit; a pool with no eligible node goes to the treasury. share_pct is of the node's pool.",
        ],
      },
      {
        name: 'totals',
        title: 'Reconciliation: fees + emission = rewards + treasury',
        columns: [col('metric'), col('value', 'token')],
        rows: [
          { metric: 'fees', value: fees },
          { metric: 'emission', value: emission },
          { metric: 'compute_pool', value: res.computePool },
          { metric: 'validator_pool', value: res.validatorPool },
          { metric: 'rewards_compute', value: res.rewardsCompute },
          { metric: 'rewards_validators', value: res.rewardsValidators },
          { metric: 'treasury_fee_share', value: res.treasuryFees },
          { metric: 'treasury_unclaimed', value: res.treasuryUnclaimed },
          { metric: 'treasury_total', value: treasury },
          { metric: 'fees_plus_emission', value: fees + emission },
          { metric: 'rewards_plus_treasury', value: rewards + treasury },
          { metric: 'slashed_to_treasury', value: res.slashedToTreasury },
          { metric: 'slashed_burned', value: res.slashedBurned },
        ],
        notes: [
          fees + emission === rewards + treasury
            ? 'Balanced to the base unit.'
            : 'NOT BALANCED — please report this.',
        ],
      },
    ],
  };
};
