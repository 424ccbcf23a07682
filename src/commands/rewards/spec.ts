/** `ai-econ rewards`: its options, declared once as data (see ../spec.ts). */
import { numText, type CommandSpec } from '../spec.js';
import type { Params } from '../../params/schema/index.js';

export const spec = {
  name: 'rewards',
  description:
    "split an epoch's fees and emission among compute nodes, validators and the treasury, with slashing",
  options: [
    {
      flags: '--nodes <file>',
      help: "nodes from CSV or YAML: id,role,stake,tasks,quality,uptime,failed_checks[,verifications] (default: the parameter file's nodes)",
      parse: 'text',
      sets: ['nodes'],
    },
    {
      flags: '--fees <tokens>',
      help: 'fees collected this epoch, in tokens',
      parse: 'tokens',
      fromFile: (p: Params) => numText(p.rewards?.epochFees),
      sets: ['rewards.epochFees'],
    },
    {
      flags: '--emission <tokens>',
      help: 'compute-mining emission this epoch, in tokens',
      parse: 'tokens',
      fromFile: (p: Params) => numText(p.rewards?.emissionPerEpoch),
      sets: ['rewards.emissionPerEpoch'],
    },
  ],
  examples: [
    'ai-econ rewards',
    'ai-econ rewards --fees 250k --emission 5M --nodes configs/nodes.example.csv -f csv',
  ],
} as const satisfies CommandSpec;
