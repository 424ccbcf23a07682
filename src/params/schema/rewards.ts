import { z } from 'zod';
import { parseInteger } from '../../core/units.js';
import { amount, scalar, share } from './fields.js';
import { integerJson } from './patterns.js';
import { SplitSchema } from './fees.js';

const unitFraction = share;
const count = (description: string) =>
  scalar((t) => BigInt(parseInteger(t)), 'a whole number', description, integerJson());

export const RewardsSchema = z
  .strictObject({
    emissionPerEpoch: amount(
      "Compute-mining emission per epoch in tokens, paid to compute nodes (from the treasury's incentive budget)",
    ),
    epochFees: amount('Fees collected in an epoch, in tokens (the --fees default)').optional(),
    minUptime: share('Nodes below this uptime earn nothing this epoch, e.g. 90%'),
    stakeMin: amount('Nodes staking less than this earn nothing this epoch, in tokens'),
    slashing: z
      .strictObject({
        rate: share('Share of its stake a node loses per failed verification check, e.g. 10%'),
        destination: z
          .enum(['treasury', 'burn'])
          .describe('Where slashed stake goes: treasury | burn'),
      })
      .describe('Slashing for failed verification checks (capped at the stake)'),
    split: SplitSchema.optional().describe(
      'Fee split for rewards (default: fees.split, else 80% / 15% / 5%)',
    ),
  })
  .describe(
    'Epoch reward parameters for `ai-econ rewards`. Cross-field rules: split (or fees.split) adds up to exactly 100%; amounts have at most token.decimals decimal places',
  );

/** One node, as a row of a node file or an item of `nodes:`; columns as in the CSV. */
export const NodeSchema = z.strictObject({
  id: z
    .union([z.string().min(1), z.number()], { error: 'expected a node id' })
    .transform(String)
    .describe('Node id'),
  role: z
    .enum(['compute', 'validator'], {
      error: (iss) => `expected compute or validator; found ${JSON.stringify(iss.input)}`,
    })
    .describe('compute | validator'),
  stake: amount('Tokens staked'),
  tasks: count('Tasks completed this epoch (compute nodes)').optional(),
  quality: unitFraction('Quality / accuracy of results, 0–100%').optional(),
  uptime: unitFraction('Online share of the epoch, 0–100%'),
  failed_checks: count('Failed verification checks this epoch').optional(),
  verifications: count(
    'Verifications performed (validators; when given, validators share by it instead of stake)',
  ).optional(),
});
export type NodeInput = z.output<typeof NodeSchema>;

export const NodesSchema = z
  .array(NodeSchema)
  .describe(
    'Example node list for `ai-econ rewards` (--nodes FILE replaces it). Cross-field rules: ids are unique; a compute node has tasks and quality; stakes have at most token.decimals decimal places',
  );
export const NODE_COLUMNS = Object.keys(NodeSchema.shape);
export const NODE_REQUIRED = ['id', 'role', 'stake', 'uptime'];
/** Other words for node columns, for "did you mean" (no spelling of `node` leads to `id`). */
export const NODE_ALIASES: Readonly<Record<string, string>> = {
  node: 'id',
  node_id: 'id',
  nodeid: 'id',
  name: 'id',
  type: 'role',
  kind: 'role',
  staked: 'stake',
  tasks_completed: 'tasks',
  accuracy: 'quality',
  availability: 'uptime',
  failed: 'failed_checks',
  failures: 'failed_checks',
  checks_failed: 'failed_checks',
  slashes: 'failed_checks',
};
