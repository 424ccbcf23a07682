/**
 * Epoch rewards (SPEC §4 rewards): the epoch's fees split by the fee split; compute nodes share
 * fees × nodes + emission by score = tasks × quality × uptime; validators share fees × validators
 * pro rata to stake (or verifications); the treasury keeps its fee share and any pool nobody is
 * eligible for. Failed checks slash stake. Every split is largest remainder, to the base unit.
 */
import { allocate } from './allocate.js';
import { weightsOf } from './fees.js';
import { type Rational, rat, cmp, mul, mulFloor, ZERO } from './rational.js';

export type Role = 'compute' | 'validator';

export interface EpochNode {
  id: string;
  role: Role;
  stake: bigint;
  tasks: bigint;
  quality: Rational;
  uptime: Rational;
  failedChecks: bigint;
  verifications?: bigint;
}

export interface EpochParams {
  fees: bigint;
  emission: bigint;
  split: { nodes: Rational; validators: Rational; treasury: Rational };
  minUptime: Rational;
  stakeMin: bigint;
  slashRate: Rational;
  slashTo: 'treasury' | 'burn';
  /** Token decimals: a validator's stake-based score is shown in whole tokens. */
  decimals: number;
}

export interface NodeResult {
  id: string;
  role: Role;
  eligible: boolean;
  /** Why a node earns nothing, or 'ok'. */
  status: string;
  score: Rational;
  /** Share of its pool (compute or validators). */
  share: Rational;
  reward: bigint;
  slashed: bigint;
  stakeAfter: bigint;
}

export interface EpochResult {
  nodes: NodeResult[];
  computePool: bigint;
  validatorPool: bigint;
  rewardsCompute: bigint;
  rewardsValidators: bigint;
  treasuryFees: bigint;
  /** Pools with no eligible recipient, kept by the treasury. */
  treasuryUnclaimed: bigint;
  slashedToTreasury: bigint;
  slashedBurned: bigint;
}

/** Slash for n failed checks: min(stake, floor(stake × rate × n)) — linear per check, capped at the stake. */
export function slashAmount(stake: bigint, rate: Rational, failedChecks: bigint): bigint {
  const s = mulFloor(stake * failedChecks, rate);
  return s > stake ? stake : s;
}

/** A compute node's score: tasks × quality × uptime. */
export const computeScore = (n: Pick<EpochNode, 'tasks' | 'quality' | 'uptime'>): Rational =>
  mul(rat(n.tasks), mul(n.quality, n.uptime));

function status(n: EpochNode, p: EpochParams): string {
  if (n.failedChecks > 0n) return `failed ${n.failedChecks} check${n.failedChecks > 1n ? 's' : ''}`;
  if (cmp(n.uptime, p.minUptime) < 0) return 'uptime below minimum';
  if (n.stake < p.stakeMin) return 'stake below minimum';
  return 'ok';
}

/** Split `pool` by `scores`; a pool with no positive score is left over (returned as `unclaimed`). */
function share(pool: bigint, scores: Rational[]): { parts: bigint[]; unclaimed: bigint } {
  const w = weightsOf(scores);
  if (!w.some((x) => x > 0n)) return { parts: scores.map(() => 0n), unclaimed: pool };
  return { parts: allocate(pool, w), unclaimed: 0n };
}

/**
 * The epoch's pools: fees split nodes / validators / treasury by largest remainder; the compute
 * nodes' pool adds the emission.
 */
export function epochPools(
  fees: bigint,
  emission: bigint,
  split: EpochParams['split'],
): { computePool: bigint; validatorPool: bigint; treasuryFees: bigint } {
  const [feeNodes = 0n, validatorPool = 0n, treasuryFees = 0n] = allocate(
    fees,
    weightsOf([split.nodes, split.validators, split.treasury]),
  );
  return { computePool: feeNodes + emission, validatorPool, treasuryFees };
}

export function epochRewards(nodes: readonly EpochNode[], p: EpochParams): EpochResult {
  const { computePool, validatorPool, treasuryFees } = epochPools(p.fees, p.emission, p.split);
  const st = nodes.map((n) => status(n, p));
  const byVerifications = nodes.some(
    (n) => n.role === 'validator' && n.verifications !== undefined,
  );
  const scores = nodes.map((n, i): Rational => {
    if (st[i] !== 'ok') return ZERO;
    if (n.role === 'compute') return computeScore(n);
    return byVerifications ? rat(n.verifications ?? 0n) : rat(n.stake, 10n ** BigInt(p.decimals));
  });
  const idx = (role: Role) => nodes.map((n, i) => (n.role === role ? i : -1)).filter((i) => i >= 0);
  const ci = idx('compute');
  const vi = idx('validator');
  const c = share(
    computePool,
    ci.map((i) => scores[i]!),
  );
  const v = share(
    validatorPool,
    vi.map((i) => scores[i]!),
  );
  const reward = nodes.map(() => 0n);
  ci.forEach((i, k) => (reward[i] = c.parts[k]!));
  vi.forEach((i, k) => (reward[i] = v.parts[k]!));
  const slashed = nodes.map((n) => slashAmount(n.stake, p.slashRate, n.failedChecks));
  const totalSlashed = slashed.reduce((a, b) => a + b, 0n);
  return {
    nodes: nodes.map((n, i) => ({
      id: n.id,
      role: n.role,
      eligible: st[i] === 'ok',
      status: st[i]!,
      score: scores[i]!,
      share:
        (n.role === 'compute' ? computePool : validatorPool) > 0n
          ? rat(reward[i]!, n.role === 'compute' ? computePool : validatorPool)
          : ZERO,
      reward: reward[i]!,
      slashed: slashed[i]!,
      stakeAfter: n.stake - slashed[i]!,
    })),
    computePool,
    validatorPool,
    rewardsCompute: c.parts.reduce((a, b) => a + b, 0n),
    rewardsValidators: v.parts.reduce((a, b) => a + b, 0n),
    treasuryFees,
    treasuryUnclaimed: c.unclaimed + v.unclaimed,
    slashedToTreasury: p.slashTo === 'treasury' ? totalSlashed : 0n,
    slashedBurned: p.slashTo === 'burn' ? totalSlashed : 0n,
  };
}
