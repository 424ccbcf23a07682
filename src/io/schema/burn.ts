import { z } from 'zod';

// Placeholders until `ai-econ burn` lands (issue 5): accept any mapping.
export const BuybackSchema = z.looseObject({}).describe('BuyBack Vault split for `ai-econ burn`');
export const ProjectionSchema = z.looseObject({}).describe('Projection horizon, revenue and price for `ai-econ burn`');
export const ScenariosSchema = z.record(z.string(), z.looseObject({})).describe('Named overrides of projection for `ai-econ burn`');
