/**
 * The one definition of the parameter file: validation (zod), the TypeScript types
 * (z.output) and the JSON Schema printed by `ai-econ schema` (z.toJSONSchema) all come from here.
 */
import { z } from 'zod';
import { TokenSchema } from './token.js';
import { AllocationsSchema } from './allocations.js';
import { FeesSchema } from './fees.js';
import { RewardsSchema, NodesSchema } from './rewards.js';
import { BuybackSchema, ProjectionSchema, ScenariosSchema } from './burn.js';
import { EconomySchema } from './economy.js';

export const ParamsSchema = z
  .strictObject({
    token: TokenSchema,
    allocations: AllocationsSchema,
    fees: FeesSchema.optional(),
    rewards: RewardsSchema.optional(),
    nodes: NodesSchema.optional(),
    buyback: BuybackSchema.optional(),
    projection: ProjectionSchema.optional(),
    scenarios: ScenariosSchema.optional(),
    economy: EconomySchema.optional(),
  })
  .describe(
    'ai-econ parameter file: a token, its allocations and vesting, fees, rewards and buy-and-burn',
  );

export type Params = z.output<typeof ParamsSchema>;
export type ParamsInput = z.input<typeof ParamsSchema>;

/** The JSON Schema of the parameter file, as YAML editors read it (input side). */
export function jsonSchema(): object {
  return z.toJSONSchema(ParamsSchema, { io: 'input', unrepresentable: 'any' });
}
