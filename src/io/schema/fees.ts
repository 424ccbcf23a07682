import { z } from 'zod';

// Placeholder until `ai-econ quote` lands (issue 3): accepts any mapping.
export const FeesSchema = z.looseObject({}).describe('Fee model for `ai-econ quote`');
