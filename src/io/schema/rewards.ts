import { z } from 'zod';

// Placeholders until `ai-econ rewards` lands (issue 4): accept anything.
export const RewardsSchema = z.looseObject({}).describe('Epoch reward parameters for `ai-econ rewards`');
export const NodesSchema = z.array(z.looseObject({})).describe('Example node list for `ai-econ rewards`');
