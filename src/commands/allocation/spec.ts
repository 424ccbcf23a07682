/** `ai-econ allocation`: its options, declared once as data (see ../spec.ts). */
import type { CommandSpec } from '../spec.js';

export const spec = {
  name: 'allocation',
  description: 'the supply by category with vesting terms and the date each is fully vested',
  options: [],
} as const satisfies CommandSpec;
